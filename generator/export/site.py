"""Run MkDocs on the generated pages."""
from __future__ import annotations

import os
from pathlib import Path


def _config(root: Path, **overrides):
    from mkdocs.config import load_config
    return load_config(str(root / "mkdocs.yml"), **overrides)


def build_site(root: Path) -> None:
    from mkdocs.commands.build import build
    build(_config(root))


def serve_site(root: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve
    os.environ["TIMELINE_REGENERATE"] = str(root.resolve())
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr,
          watch=[str(root / "content"), str(root / "site_config")])
