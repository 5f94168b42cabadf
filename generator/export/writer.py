"""Write generated pages; a file is rewritten only when its bytes change."""
from __future__ import annotations

from pathlib import Path


def write_pages(out_dir: Path, pages: dict[str, str]) -> tuple[int, int]:
    """Sync out_dir to exactly `pages`. Returns (files written, files removed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, text in sorted(pages.items()):
        path = out_dir / rel
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written += 1
    removed = 0
    for path in sorted(out_dir.rglob("*"), reverse=True):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel not in pages:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed
