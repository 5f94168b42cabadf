"""Skip unchanged inputs: extraction results keyed by file content.

An entry's key is a hash of the article's path and bytes; the whole cache
belongs to one fingerprint of the extraction code, its language resources
and site_config/, so changing any of them starts afresh. Entries no run uses
any more are dropped when the base file is rewritten, so the cache never
outgrows the content by more than a tenth.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from . import codec, confine
from .heap import collector_paused
from .model import Problem

PACKAGE = Path(__file__).resolve().parent
# Parts of the package that cannot change an extraction result; everything
# else (new modules included) is part of the fingerprint.
_NOT_EXTRACTION = {"render", "export", "merge", "cli.py", "pipeline.py", "progress.py", "cache.py", "memo.py", "heap.py", "lock.py", "watch.py",
                   "__main__.py"}

# site_config files that no extraction reads: adding a feed must not re-extract a decade
_NOT_EXTRACTION_CONFIG = {"feeds.yaml"}


def fingerprint(site_config: Path) -> str:
    h = hashlib.sha256(sys.version.encode())
    # names relative to their folder: the same project gives the same fingerprint
    # wherever it lives and however its path is spelled
    files = [(PACKAGE, p) for p in sorted(PACKAGE.rglob("*"))
             if p.relative_to(PACKAGE).parts[0] not in _NOT_EXTRACTION]
    if site_config.is_dir():      # only what load_config may read: nothing from outside the project
        root = confine.real_root(site_config.parent)
        files += [(site_config, p) for p in sorted(site_config.rglob("*.yaml"))
                  if p.name not in _NOT_EXTRACTION_CONFIG and confine.unreadable(str(p), root, "") is None]
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


class Cache:
    """Saved as a base file of every entry and, beside it, a small file of what
    changed since the base was written: adding one article to a decade rewrites
    a few kilobytes, not the whole cache. The base is rewritten (and entries no
    longer used dropped) once the changes outgrow a tenth of it.

    The files are JSON: reading one can only ever give back data. Each entry is
    decoded into `kind` (a dataclass) when first used and checked against its type
    hints (codec.py); one that does not fit is not used. The cache is optional: a
    cache that cannot be read or written is a warning (`problems`), never a failure."""

    def __init__(self, folder: Path, fingerprint_: str, enabled: bool = True, kind=str):
        self.path = folder / f"extract-{fingerprint_}.json"
        self.recent_path = folder / f"extract-{fingerprint_}.recent.json"
        self.folder = folder
        self.enabled = enabled
        self.decode = codec.decoder(kind)
        self.problems: list[Problem] = []
        self.old: dict = {}                    # key -> entry as JSON data
        self.new: dict = {}
        self.values: dict = {}                 # key -> decoded entry, kept between runs of a session
        # path -> (stat, entry key): unchanged files need not be read and hashed
        self.old_stats: dict = {}
        self.new_stats: dict = {}
        self.base: frozenset = frozenset()     # keys in the base file
        self.base_stats: dict = {}             # stats in the base file
        self.generation = ""                   # names the base file its recent file extends
        self.hits = 0
        if enabled:
            self._read()

    def _warn(self, message: str) -> None:
        self.problems.append(Problem(self.folder.name, None, f"extraction cache {message}", "warning"))

    def _read(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            self._warn("is not a folder: building without it (remove the file to use the cache)")
            self.enabled = False
            return
        try:
            saved = _parse(self.path)
        except FileNotFoundError:
            return                          # a first build
        except (OSError, ValueError) as exc:
            self._warn(f"{self.path.name} not used ({_reason(exc)}): every article is read again")
            return
        self.old, self.base_stats, self.generation = saved["entries"], saved["stats"], saved["generation"]
        self.base = frozenset(self.old)
        self.old_stats = dict(self.base_stats)
        try:
            recent = _parse(self.recent_path, with_gone=True)
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self._warn(f"{self.recent_path.name} not used ({_reason(exc)}): recently changed articles are read again")
            return
        if recent["generation"] == self.generation:
            self.old.update(recent["entries"])
            self.old_stats.update(recent["stats"])
            for rel in recent["gone"]:
                self.old_stats.pop(rel, None)

    def next_run(self) -> "Cache":
        """The same cache for another run in this process, without reading it back
        from disk (`timeline serve`): this run's entries are the next one's old ones."""
        self.old, self.old_stats = self.new, self.new_stats
        self.new, self.new_stats, self.hits = {}, {}, 0
        self.values = {k: v for k, v in self.values.items() if k in self.old}
        return self

    def carry(self, changed) -> None:
        """This run keeps last run's entries and stats, but for the files (relative paths)
        in `changed`, which are looked at again: a session's watcher saw no other change
        (extract/batch.py). The kept ones count as cache hits."""
        self.new, self.new_stats = dict(self.old), dict(self.old_stats)
        for rel in changed:
            seen = self.new_stats.pop(rel, None)
            if seen is not None:
                self.new.pop(seen[1], None)      # the key holds the path: no other file's entry

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
        data = self.old.get(key)
        if data is None:
            return None
        value = self.values.get(key)
        if value is None:
            try:
                value = self.values[key] = self.decode(data)
            except codec.Invalid as exc:
                if not any("entries" in p.message for p in self.problems):
                    self._warn(f"entries that do not fit were not used ({exc}): their articles are read again")
                del self.old[key]
                return None
        self.hits += 1
        self.new[key] = data
        return value

    def put(self, key: str, value) -> None:
        self.new[key] = codec.encode(value)
        self.values[key] = value

    def put_encoded(self, key: str, data) -> None:
        """An entry encoded elsewhere (another process or machine, bench/cluster.py);
        decoded and checked like any other when a build first uses it."""
        self.new[key] = data

    def save(self) -> None:
        if not self.enabled or (self.new.keys() == self.old.keys() and self.new_stats == self.old_stats):
            return
        try:
            self._save()
        except OSError as exc:
            self._warn(f"not saved ({_reason(exc)}): the next build reads every article again")

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        added = {k: self.new[k] for k in self.new.keys() - self.base}
        unused = len(self.base) - (len(self.new) - len(added))
        if self.generation and len(added) + unused <= 64 + len(self.new) // 10:
            # set operations on the views: no Python loop over a decade's files
            _write(self.recent_path, {"format": FORMAT, "generation": self.generation, "entries": added,
                                      "stats": dict(self.new_stats.items() - self.base_stats.items()),
                                      "gone": sorted(self.base_stats.keys() - self.new_stats.keys())})
            return
        for stale in self.folder.iterdir():      # older caches (and pickles of older versions)
            if stale not in (self.path, self.recent_path) and stale.is_file():
                stale.unlink(missing_ok=True)
        self.recent_path.unlink(missing_ok=True)
        self.generation = os.urandom(8).hex()
        _write(self.path, {"format": FORMAT, "generation": self.generation, "entries": self.new,
                           "stats": self.new_stats})
        self.base, self.base_stats = frozenset(self.new), dict(self.new_stats)


FORMAT = 1     # the layout below; a file of another is not used


def _parse(path: Path, with_gone: bool = False) -> dict:
    """A cache file's layout, checked: raises ValueError when it is not one."""
    with collector_paused():       # faster on a decade of extractions (heap.py)
        saved = json.loads(path.read_bytes())
    if not (isinstance(saved, dict) and saved.get("format") == FORMAT and isinstance(saved.get("generation"), str)
            and isinstance(saved.get("entries"), dict) and isinstance(saved.get("stats"), dict)
            and (not with_gone or isinstance(saved.get("gone"), list))):
        raise ValueError("not a cache file of this version")
    stats = {}
    for rel, value in saved["stats"].items():
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)
                and isinstance(value[0], list) and len(value[0]) == 3 and all(type(n) is int for n in value[0])):
            raise ValueError(f"damaged entry for {rel!r}")
        stats[rel] = (tuple(value[0]), value[1])
    saved["stats"] = stats
    return saved


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _write(path: Path, data: dict) -> None:
    # a temporary name of this process's own: a `timeline check` beside a build
    # cannot remove or replace the file the other is writing
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
