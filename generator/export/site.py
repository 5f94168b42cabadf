"""Run MkDocs on the generated pages, and Pagefind when the site uses it."""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from ..render.home import SEARCH_PAGE

DOCS = Path("build/docs")       # where `timeline generate` writes the pages (Config.docs_dir)


def uses_pagefind(root: Path) -> bool:
    """The renderer writes the search page only when the site searches with Pagefind."""
    return (root / DOCS / SEARCH_PAGE).is_file()


# MkDocs stamps sitemap.xml.gz with the build date, and gzip's header holds it as an
# unsigned 32-bit count of seconds: 1970-01-01 to 2106-02-07. A site whose newest day is
# outside (a history of 1914, a typo such as 2202) is stamped with the nearest end.
_GZIP_EPOCHS = (0, 2**32 - 1)


def _source_date_epoch(root: Path) -> str:
    """The build's date for the sitemap, from the content (its newest day), not
    the clock: the same content builds byte-identical sites on any day."""
    try:
        days = json.loads((root / DOCS / "days.json").read_text())["days"]
        newest = datetime.fromisoformat(days[-1]).replace(tzinfo=timezone.utc) if days else None
    except (OSError, ValueError, KeyError):
        newest = None
    seconds = int(newest.timestamp()) if newest else 0
    return str(min(max(seconds, _GZIP_EPOCHS[0]), _GZIP_EPOCHS[1]))


@contextlib.contextmanager
def _build_env(root: Path):
    """Material's own search off when Pagefind indexes the site (mkdocs.yml reads
    the variable), and a reproducible build date unless the user set one."""
    wanted = {"TIMELINE_MATERIAL_SEARCH": "false" if uses_pagefind(root) else "true"}
    if "SOURCE_DATE_EPOCH" not in os.environ:
        wanted["SOURCE_DATE_EPOCH"] = _source_date_epoch(root)
    old = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def index_with_pagefind(site: Path) -> None:
    # permalink marks and the previous/next-day line are not content; only the
    # timeline's pages (under the year folders) are indexed, so the article and
    # facet pages need not even be read
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
                          "--exclude-selectors", ".headerlink", "--exclude-selectors", ".tl-daynav",
                          "--glob", "[0-9][0-9][0-9][0-9]/**/*.html"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"pagefind failed: {run.stderr.strip() or run.stdout.strip()}")


def _build(config, root: Path) -> dict[str, float]:
    """MkDocs, then Pagefind when the site uses it; seconds per step."""
    from mkdocs.commands.build import build
    timings = {}
    clock = time.perf_counter()
    build(config)
    timings["mkdocs"] = time.perf_counter() - clock
    if uses_pagefind(root):
        clock = time.perf_counter()
        index_with_pagefind(Path(config["site_dir"]))
        timings["pagefind"] = time.perf_counter() - clock
    return timings


def build_site(root: Path) -> dict[str, float]:
    """Build site/; returns seconds per step (mkdocs, pagefind)."""
    from mkdocs.config import load_config
    with _build_env(root):
        return _build(load_config(str(root / "mkdocs.yml")), root)


def serve_site(root: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve
    from . import live
    os.environ["TIMELINE_REGENERATE"] = str(root.resolve())
    # large sites: MkDocs rebuilds only the pages an edit changed (export/live.py)
    changed_only = uses_pagefind(root)
    os.environ[live.ENV] = "1" if changed_only else "0"
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, build_type="dirty" if changed_only else None,
          watch=[str(root / "content"), str(root / "site_config")])


def deploy_site(root: Path, message: str | None = None, force: bool = False) -> None:
    """Build and push site/ to the gh-pages branch (`mkdocs gh-deploy`)."""
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.config import load_config
    with contextlib.chdir(root), _build_env(Path(".")):     # gh-deploy runs git in the current folder
        config = load_config("mkdocs.yml", remote_branch="gh-pages")
        _build(config, Path("."))
        gh_deploy(config, message=message, force=force)
