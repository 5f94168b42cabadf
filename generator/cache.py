"""Skip unchanged inputs: extraction results keyed by file content.

An entry's key is a hash of the article's path and bytes; the whole cache
belongs to one fingerprint of the extraction code, its language resources
and site_config/, so changing any of them starts afresh. Entries no run uses
any more are dropped when the base file is rewritten, so the cache never
outgrows the content by more than a tenth.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from .heap import collector_paused

PACKAGE = Path(__file__).resolve().parent
# Parts of the package that cannot change an extraction result; everything
# else (new modules included) is part of the fingerprint.
_NOT_EXTRACTION = {"render", "export", "merge", "cli.py", "pipeline.py", "progress.py", "cache.py", "memo.py", "heap.py",
                   "__main__.py"}

# site_config files that no extraction reads: adding a feed must not re-extract a decade
_NOT_EXTRACTION_CONFIG = {"feeds.yaml"}


def fingerprint(site_config: Path) -> str:
    h = hashlib.sha256(sys.version.encode())
    # names relative to their folder: the same project gives the same fingerprint
    # wherever it lives and however its path is spelled
    files = [(PACKAGE, p) for p in sorted(PACKAGE.rglob("*"))
             if p.relative_to(PACKAGE).parts[0] not in _NOT_EXTRACTION]
    files += [(site_config, p) for p in sorted(site_config.rglob("*.yaml"))
              if p.name not in _NOT_EXTRACTION_CONFIG] if site_config.is_dir() else []
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
    with collector_paused():       # 3x faster on a decade of extractions (heap.py)
        return pickle.loads(data)


class Cache:
    """Saved as a base file of every entry and, beside it, a small file of what
    changed since the base was written: adding one article to a decade rewrites
    a few kilobytes, not the whole cache. The base is rewritten (and entries no
    longer used dropped) once the changes outgrow a tenth of it."""

    def __init__(self, folder: Path, fingerprint_: str, enabled: bool = True):
        self.path = folder / f"extract-{fingerprint_}.pickle"
        self.recent_path = folder / f"extract-{fingerprint_}.recent.pickle"
        self.folder = folder
        self.enabled = enabled
        self.old: dict = {}
        self.new: dict = {}
        # path -> (stat, entry key): unchanged files need not be read and hashed
        self.old_stats: dict = {}
        self.new_stats: dict = {}
        self.base: frozenset = frozenset()     # keys in the base file
        self.base_stats: dict = {}             # stats in the base file
        self.generation = ""                   # names the base file its recent file extends
        self.hits = 0
        if enabled:
            self._read()

    def _read(self) -> None:
        try:
            saved = _load(self.path.read_bytes())
            self.old, self.base_stats, self.generation = saved["entries"], saved["stats"], saved["generation"]
            self.base = frozenset(self.old)
        except Exception:            # missing, damaged or older: only a slower build
            self.old, self.base_stats, self.base, self.generation = {}, {}, frozenset(), ""
            return
        self.old_stats = dict(self.base_stats)
        try:
            recent = _load(self.recent_path.read_bytes())
            if recent["generation"] == self.generation:
                self.old.update(recent["entries"])
                self.old_stats.update(recent["stats"])
                for rel in recent["gone"]:
                    self.old_stats.pop(rel, None)
        except Exception:
            pass

    def next_run(self) -> "Cache":
        """The same cache for another run in this process, without reading it back
        from disk (`timeline serve`): this run's entries are the next one's old ones."""
        self.old, self.old_stats = self.new, self.new_stats
        self.new, self.new_stats, self.hits = {}, {}, 0
        return self

    def unchanged(self, rel: str, st: os.stat_result):
        """The entry of a file seen before with this very stat (noted again), if any."""
        seen = self.old_stats.get(rel)
        if seen is None or seen[0] != stat_key(st):
            return None
        value = self.get(seen[1])
        if value is not None:
            self.new_stats[rel] = seen       # settled before, so settled still
        return value

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
        added = {k: self.new[k] for k in self.new.keys() - self.base}
        unused = len(self.base) - (len(self.new) - len(added))
        if self.generation and len(added) + unused <= 64 + len(self.new) // 10:
            # set operations on the views: no Python loop over a decade's files
            _write(self.recent_path, {"generation": self.generation, "entries": added,
                                      "stats": dict(self.new_stats.items() - self.base_stats.items()),
                                      "gone": sorted(self.base_stats.keys() - self.new_stats.keys())})
            return
        for stale in self.folder.glob("extract-*.pickle"):
            if stale not in (self.path, self.recent_path):
                stale.unlink()
        self.recent_path.unlink(missing_ok=True)
        self.generation = os.urandom(8).hex()
        _write(self.path, {"generation": self.generation, "entries": self.new, "stats": self.new_stats})
        self.base, self.base_stats = frozenset(self.new), dict(self.new_stats)


def _write(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)
