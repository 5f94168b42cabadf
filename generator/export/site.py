"""Run MkDocs on the generated pages."""
from __future__ import annotations

import contextlib
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


def deploy_site(root: Path, message: str | None = None, force: bool = False) -> None:
    """Build and push site/ to the gh-pages branch (`mkdocs gh-deploy`)."""
    from mkdocs.commands.build import build
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.config import load_config
    with contextlib.chdir(root):     # gh-deploy runs git in the current folder
        config = load_config("mkdocs.yml", remote_branch="gh-pages")
        build(config)
        gh_deploy(config, message=message, force=force)
