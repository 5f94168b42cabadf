"""Write generated pages; a file is rewritten only when its bytes change.

A manifest of what was written last time (a hash per file, in the output
folder, a dotfile MkDocs ignores) spares reading back thousands of pages
to compare them; without it (first run, or damaged) every file is compared.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = ".timeline-pages.json"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _manifest(out_dir: Path) -> dict[str, str] | None:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def write_pages(out_dir: Path, pages: dict[str, str], known: dict[str, tuple[str, str]] | None = None
                ) -> tuple[int, int]:
    """Sync out_dir to exactly `pages`. Returns (files written, files removed).

    `known` (kept by a Session between runs in one process) maps each page to the
    text written last time and its digest: a page that is that very string again
    is neither encoded, hashed nor looked at on disk."""
    out_dir.mkdir(parents=True, exist_ok=True)
    old = _manifest(out_dir)
    new: dict[str, str] = {}
    written = 0
    known = {} if known is None else known
    for rel, text in sorted(pages.items()):
        last = known.get(rel)
        if last is not None and last[0] is text and old is not None and old.get(rel) == last[1]:
            new[rel] = last[1]
            continue
        path = out_dir / rel
        data = text.encode("utf-8")
        new[rel] = digest = _digest(data)
        known[rel] = (text, digest)
        if old is not None and old.get(rel) == digest and path.is_file():
            continue
        if old is None and path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written += 1
    for gone in known.keys() - pages.keys():
        del known[gone]
    removed = _remove_stale(out_dir, set(pages), None if old is None else set(old))
    (out_dir / MANIFEST).write_text(json.dumps(new, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return written, removed


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
