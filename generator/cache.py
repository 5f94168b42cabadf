"""Skip unchanged inputs: extraction results keyed by file content.

An entry's key is a hash of the article's path and bytes; the whole cache
belongs to one fingerprint of the extraction code, its language resources
and site_config/, so changing any of them starts afresh. Entries not used
by a run are dropped when it saves, so the cache never outgrows the content.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Parts of the package that cannot change an extraction result; everything
# else (new modules included) is part of the fingerprint.
_NOT_EXTRACTION = {"render", "export", "merge", "cli.py", "pipeline.py", "progress.py", "cache.py", "__main__.py"}


def fingerprint(site_config: Path) -> str:
    h = hashlib.sha256(sys.version.encode())
    # names relative to their folder: the same project gives the same fingerprint
    # wherever it lives and however its path is spelled
    files = [(PACKAGE, p) for p in sorted(PACKAGE.rglob("*"))
             if p.relative_to(PACKAGE).parts[0] not in _NOT_EXTRACTION]
    files += [(site_config, p) for p in sorted(site_config.rglob("*.yaml"))] if site_config.is_dir() else []
    for folder, f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(folder).as_posix().encode() + b"\0")
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def entry_key(rel: str, data: bytes) -> str:
    return hashlib.sha256(rel.encode() + b"\0" + data).hexdigest()


# A file's stat is trusted to stand for its bytes only when the file was last
# changed this long before it was read: a write within the same timestamp tick
# (coarse on some file systems) could otherwise go unnoticed.
SETTLED_NS = 2_000_000_000


def stat_key(st: os.stat_result) -> tuple:
    return st.st_size, st.st_mtime_ns, st.st_ino


def _load(data: bytes):
    """Unpickle with the garbage collector paused: it would otherwise walk the
    growing heap again and again while a decade of extractions is rebuilt (3x slower)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if was_enabled:
            gc.enable()


class Cache:
    def __init__(self, folder: Path, fingerprint_: str, enabled: bool = True):
        self.path = folder / f"extract-{fingerprint_}.pickle"
        self.folder = folder
        self.enabled = enabled
        self.old: dict = {}
        self.new: dict = {}
        # path -> (stat, entry key): unchanged files need not be read and hashed
        self.old_stats: dict = {}
        self.new_stats: dict = {}
        self.hits = 0
        if enabled and self.path.is_file():
            try:
                saved = _load(self.path.read_bytes())
                self.old, self.old_stats = saved["entries"], saved["stats"]
            except Exception:            # a damaged or older cache is only a slower build
                self.old, self.old_stats = {}, {}

    def known_key(self, rel: str, st: os.stat_result) -> str | None:
        """The entry key of a file seen before with this very stat, if any."""
        seen = self.old_stats.get(rel)
        return seen[1] if seen and seen[0] == stat_key(st) else None

    def note(self, rel: str, st: os.stat_result, key: str, now_ns: int) -> None:
        if now_ns - st.st_mtime_ns >= SETTLED_NS:
            self.new_stats[rel] = (stat_key(st), key)

    def get(self, key: str):
        value = self.old.get(key)
        if value is not None:
            self.hits += 1
            self.new[key] = value
        return value

    def put(self, key: str, value) -> None:
        self.new[key] = value

    def save(self) -> None:
        if not self.enabled or (self.new.keys() == self.old.keys() and self.new_stats == self.old_stats):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob("extract-*.pickle"):
            if stale != self.path:
                stale.unlink()
        tmp = self.path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps({"entries": self.new, "stats": self.new_stats},
                                     protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self.path)
