"""`timeline serve` on large sites: rebuild only what an edit changed, exactly.

MkDocs' dirty builds re-render only the pages whose Markdown is newer than their
HTML; the generator rewrites only the Markdown whose content changed, so after
one new article MkDocs renders a few dozen pages instead of hundreds. Three
things would still go stale, and are handled here:
- what every page shares (navigation, mkdocs.yml, theme overrides): when it
  changes, every page is rebuilt;
- day pages are filled from records, not rendered by MkDocs: only the records
  newer than their page are filled again (export/stamp.py, changed_only);
- pages whose Markdown or record is gone are deleted from the preview.
Sites small enough for Material's search keep full rebuilds: its index would
only hold the pages rebuilt.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .theme import theme_dirs

ENV = "TIMELINE_SERVE_CHANGED_ONLY"

_frame: str | None = None        # what every page shared at the last build in this process


def active() -> bool:
    return os.environ.get(ENV) == "1"


def _frame_digest(config) -> str:
    h = hashlib.sha256(repr((config["nav"], config["extra"], config["site_name"])).encode())
    h.update(Path(config.config_file_path).read_bytes())
    for custom in theme_dirs(Path(config.config_file_path).parent):
        for p in sorted(custom.rglob("*")):
            if p.is_file():
                st = p.stat()
                h.update(f"{p.relative_to(custom).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _modified() -> bool:
    return True


def mark_files(files, config) -> None:
    """When what every page shares has changed since the last build, every page is stale."""
    global _frame
    frame = _frame_digest(config)
    if frame != _frame:
        for f in files:
            f.is_modified = _modified
        _frame = frame


def prune(site_dir: Path, pages: set[str]) -> int:
    """Delete the preview's pages (index.html) that no Markdown page or day record makes."""
    removed = 0
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel not in pages:
            path.unlink()
            removed += 1
            parent = path.parent
            while parent != site_dir and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    return removed
