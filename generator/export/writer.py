"""Write generated pages; a file is rewritten only when its bytes change.

A manifest of what was written last time (a hash and size per file, in the
output folder, a dotfile MkDocs ignores) spares reading back thousands of pages
to compare them; without it (first run, or damaged) every file is compared.

The manifest is trusted only as the record of a run that finished: it is removed
before the first page is written and saved again after the last, so a run that
is interrupted (killed, disk full) leaves none, and the next run compares every
file and removes every file it did not generate (half-written temporary files
included): it converges to exactly what a clean build gives. A page whose size
is not the recorded one is rewritten whatever the manifest says.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..memo import Written

MANIFEST = ".timeline-pages.json"
# Temporary files are dot-files: MkDocs never copies one into the site.
_TMP_PREFIX, _TMP_SUFFIX = ".", ".tmp"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _manifest(out_dir: Path) -> dict[str, list] | None:
    """rel -> [digest, size] of the last finished run; None when missing or not of that shape."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
            isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and type(v[1]) is int
            for v in data.values()):
        return None
    return data


def _same_size(path: Path, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def write_pages(out_dir: Path, pages: dict[str, str], known: dict[str, list] | None = None) -> tuple[int, int]:
    """Sync out_dir to exactly `pages`. Returns (files written, files removed)."""
    writer = PageWriter(out_dir, known)
    writer.write(pages)
    return writer.close()


class Unwritten(Exception):
    """A page handed over as Written (its text not kept) whose file is not the one last
    written: the session renders every page again (pipeline.Session)."""


class PageWriter:
    """Writes pages batch by batch (a renderer's batch need not wait for the others, nor
    stay in memory after it), then removes what no batch gave.

    `known` (kept by a Session between runs in one process) maps each page to the manifest
    entry it was last written with: a page given as a Written (memo.py) is that file again,
    neither encoded, hashed nor looked at on disk. `intact()` says beforehand whether such
    pages can be trusted to be on disk: when it is false, none can."""

    def __init__(self, out_dir: Path, known: dict[str, list] | None = None):
        self.out_dir, self.known = out_dir, ({} if known is None else known)
        out_dir.mkdir(parents=True, exist_ok=True)
        self.old = _manifest(out_dir)
        (out_dir / MANIFEST).unlink(missing_ok=True)     # from here until close(), no record to trust
        self.new: dict[str, list] = {}
        self.written = 0
        self.made: set[Path] = set()      # folders made or found: one mkdir each, not one per page

    def intact(self) -> bool:
        """Whether the folder's record is exactly what this writer's `known` last wrote (no
        run failed since, nothing rewrote the record): pages given as Written can be kept."""
        return self.old is not None and self.old == self.known

    def write(self, pages: dict[str, "str | Written"]) -> dict[str, list]:
        """Write a batch; returns its pages' manifest entries ([digest, bytes])."""
        old, known = self.old, self.known
        for rel, text in sorted(pages.items()):
            if isinstance(text, Written):
                if text.path != rel or rel not in known or old is None or old.get(rel) != known[rel]:
                    raise Unwritten(rel)
                self.new[rel] = known[rel]
                continue
            path = self.out_dir / rel
            data = text.encode("utf-8")
            self.new[rel] = known[rel] = entry = [_digest(data), len(data)]
            if old is not None and old.get(rel) == entry and _same_size(path, len(data)):
                continue
            if old is None and _same_size(path, len(data)) and path.read_bytes() == data:
                continue
            if path.parent not in self.made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(path.parent)
            tmp = path.with_name(_TMP_PREFIX + path.name + _TMP_SUFFIX)
            tmp.write_bytes(data)
            tmp.replace(path)
            self.written += 1
        return {rel: self.new[rel] for rel in pages}

    def close(self) -> tuple[int, int]:
        """Remove every file no batch gave and save the manifest: (files written, files removed)."""
        for gone in self.known.keys() - self.new.keys():
            del self.known[gone]
        removed = _remove_stale(self.out_dir, set(self.new), None if self.old is None else set(self.old))
        tmp = self.out_dir / (_TMP_PREFIX + MANIFEST + _TMP_SUFFIX)
        tmp.write_text(json.dumps(self.new, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        tmp.replace(self.out_dir / MANIFEST)
        return self.written, removed


def _remove_stale(out_dir: Path, keep: set[str], known: set[str] | None) -> int:
    """Delete files no longer generated (and folders left empty)."""
    if known is None:       # no manifest: look at every file
        candidates = [p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()]
    else:
        candidates = list(known)
    removed = 0
    for rel in sorted(set(candidates) - keep - {MANIFEST}):
        path = out_dir / rel
        if path.is_file():
            path.unlink()
            removed += 1
        parent = path.parent
        while parent != out_dir and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed
