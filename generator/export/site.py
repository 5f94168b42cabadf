"""Run MkDocs on the generated pages."""
from __future__ import annotations

import os
from pathlib import Path


def build_site(root: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    build(load_config(str(root / "mkdocs.yml")))


def serve_site(root: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve
    os.environ["TIMELINE_REGENERATE"] = str(root.resolve())
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr,
          watch=[str(root / "content"), str(root / "site_config")])
