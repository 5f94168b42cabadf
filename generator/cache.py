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

    The files are JSON Lines (FORMAT below): reading one can only ever give back
    data. An entry's line is kept as bytes until its article asks for it, then
    decoded into `kind` (a dataclass) and checked against its type hints (codec.py);
    one that does not parse or fit is not used. Once decoded, only the value is
    held, and it is encoded again when a file that holds it is written. The cache
    is optional: a cache that cannot be read or written is a warning (`problems`),
    never a failure."""

    def __init__(self, folder: Path, fingerprint_: str, enabled: bool = True, kind=str):
        self.path = folder / f"extract-{fingerprint_}.jsonl"
        self.recent_path = folder / f"extract-{fingerprint_}.recent.jsonl"
        self.folder = folder
        self.enabled = enabled
        self.decode = codec.decoder(kind)
        self.problems: list[Problem] = []
        # keys (dicts as ordered sets) of the entries the cache offers, and of those this run uses
        self.old: dict = {}
        self.new: dict = {}
        self.values: dict = {}                 # key -> decoded entry, kept between runs of a session
        self.lines: dict = {}                  # key -> its entry's line, not decoded yet
        # path -> (stat, entry key): unchanged files need not be read and hashed
        self.old_stats: dict = {}
        self.new_stats: dict = {}
        self.base: frozenset = frozenset()     # keys in the base file
        self.base_stats: dict = {}             # stats in the base file
        self.generation = ""                   # names the base file its recent file extends
        self.repair = False
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
            base = self._load(self.path)
        except FileNotFoundError:
            return                          # a first build
        except (OSError, ValueError) as exc:
            self._warn(f"{self.path.name} not used ({_reason(exc)}): every article is read again")
            return
        self.generation, self.lines, self.base_stats, _, damaged = base
        self.base = frozenset(self.lines)
        self.old_stats = dict(self.base_stats)
        try:
            generation, lines, stats, gone, _ = self._load(self.recent_path)
        except FileNotFoundError:
            generation = None
        except (OSError, ValueError) as exc:
            self._warn(f"{self.recent_path.name} not used ({_reason(exc)}): recently changed articles are read again")
            generation = None
        if generation == self.generation:
            self.lines.update(lines)
            self.old_stats.update(stats)
            for rel in gone:
                self.old_stats.pop(rel, None)
        self.old = dict.fromkeys(self.lines)
        self.repair = damaged > 0       # the next save writes the base again, without the damage

    def _load(self, path: Path) -> tuple[str, dict, dict, list, int]:
        """A cache file's generation, entry lines by key, stats, paths gone and number of
        damaged lines, each left out with a warning: it costs only its own article.
        Raises ValueError when the file is not a cache file of this version."""
        lines, stats, gone, damaged = {}, {}, [], 0
        with open(path, "rb") as f:
            try:
                head = _parse(f.readline())
            except (ValueError, RecursionError):
                raise ValueError("not a cache file of this version") from None
            if not (isinstance(head, dict) and head.get("format") == FORMAT and isinstance(head.get("generation"), str)):
                raise ValueError("not a cache file of this version")
            for line in f:
                if not line.endswith(b"\n"):
                    line += b"\n"                # the last line: written back, it must end
                key = _entry_key(line)
                if key is not None:
                    lines[key] = line
                    continue
                try:
                    item = _parse(line)
                except (ValueError, RecursionError):
                    item = None
                if isinstance(item, list) and len(item) == 3 and item[0] == "entry" and isinstance(item[1], str):
                    lines[item[1]] = line             # written otherwise than by _entry: still an entry
                elif _is_stat(item):
                    stats[item[1]] = (tuple(item[2]), item[3])
                elif isinstance(item, list) and len(item) == 2 and item[0] == "gone" and isinstance(item[1], str):
                    gone.append(item[1])
                else:
                    damaged += 1
        if damaged:
            self._warn(f"{path.name}: {damaged} damaged line(s) not used: their articles are read again")
        return head["generation"], lines, stats, gone, damaged

    def next_run(self) -> "Cache":
        """The same cache for another run in this process, without reading it back
        from disk (`timeline serve`): this run's entries are the next one's old ones."""
        self.old, self.old_stats = self.new, self.new_stats
        self.new, self.new_stats, self.hits = {}, {}, 0
        self.values = {k: v for k, v in self.values.items() if k in self.old}
        self.lines = {k: v for k, v in self.lines.items() if k in self.old}
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
        if key not in self.old:
            return None
        value = self.values.get(key)
        if value is None:
            value = self._decoded(key)
            if value is None:
                del self.old[key]
                return None
        self.hits += 1
        self.new[key] = None
        return value

    def _decoded(self, key: str):
        """The entry's line parsed and decoded, and dropped: from now on the value stands for it."""
        line = self.lines.pop(key)
        try:
            item = _parse(line)
            if not (isinstance(item, list) and len(item) == 3 and item[:2] == ["entry", key]):
                raise codec.Invalid("not an entry line")
            value = self.values[key] = self.decode(item[2])
            return value
        except (ValueError, RecursionError) as exc:     # codec.Invalid is a ValueError
            if not any("entries" in p.message for p in self.problems):
                self._warn(f"entries that do not fit were not used ({exc}): their articles are read again")
            return None

    def put(self, key: str, value) -> None:
        self.new[key] = None
        self.values[key] = value
        self.lines.pop(key, None)

    def put_encoded(self, key: str, data) -> None:
        """An entry encoded elsewhere (another process or machine, bench/cluster.py);
        decoded and checked like any other when a build first uses it."""
        self.new[key] = None
        self.lines[key] = _entry(key, data)
        self.values.pop(key, None)

    def save(self) -> None:
        if not self.enabled or (not self.repair and self.new.keys() == self.old.keys()
                                and self.new_stats == self.old_stats):
            return
        try:
            self._save()
        except OSError as exc:
            self._warn(f"not saved ({_reason(exc)}): the next build reads every article again")

    def _line(self, key: str) -> bytes:
        line = self.lines.get(key)
        return line if line is not None else _entry(key, codec.encode(self.values[key]))

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        added = self.new.keys() - self.base
        unused = len(self.base) - (len(self.new) - len(added))
        if self.generation and not self.repair and len(added) + unused <= 64 + len(self.new) // 10:
            # set operations on the views: no Python loop over a decade's files
            stats = self.new_stats.items() - self.base_stats.items()
            gone = self.base_stats.keys() - self.new_stats.keys()
            _write(self.recent_path, self.generation, map(self._line, sorted(added)), sorted(stats), sorted(gone))
            return
        for stale in self.folder.glob("extract-*"):    # older caches (and pickles of older versions)
            if stale not in (self.path, self.recent_path) and stale.is_file():
                stale.unlink(missing_ok=True)
        self.recent_path.unlink(missing_ok=True)
        self.generation = os.urandom(8).hex()
        _write(self.path, self.generation, map(self._line, self.new), self.new_stats.items(), ())
        self.base, self.base_stats, self.repair = frozenset(self.new), dict(self.new_stats), False


# A header line {"format", "generation"}, then a line for each entry, ["entry", key, data],
# for each file's stat, ["stat", path, [size, mtime_ns, inode], key], and (in a recent
# file) for each path no longer seen since the base, ["gone", path]. A file of another
# format is not used.
FORMAT = 2
_ENTRY = b'["entry","'
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _entry(key: str, data) -> bytes:
    return (_JSON.encode(["entry", key, data]) + "\n").encode()


def _entry_key(line: bytes) -> str | None:
    """The key of an entry line as _entry writes it, found without parsing the entry
    (None: the line must be parsed to tell)."""
    if not line.startswith(_ENTRY):
        return None
    end = line.find(b'"', len(_ENTRY))
    key = line[len(_ENTRY):end]
    if end < 0 or line[end + 1:end + 2] != b"," or b"\\" in key:     # no key of entry_key's needs an escape
        return None
    try:
        return key.decode()
    except UnicodeDecodeError:
        return None


def _is_stat(item) -> bool:
    return (isinstance(item, list) and len(item) == 4 and item[0] == "stat" and isinstance(item[1], str)
            and isinstance(item[3], str) and isinstance(item[2], list) and list(map(type, item[2])) == [int, int, int])


_SCAN = json.JSONDecoder().raw_decode


def _parse(line: bytes):
    """A line's JSON value (raises ValueError): json.loads, less its per-call
    overhead, which is most of the time a short stat line takes."""
    text = line.decode()
    value, end = _SCAN(text)
    if end < len(text) and not text[end:].isspace():
        raise ValueError(f"extra data at column {end + 1}")
    return value


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _write(path: Path, generation: str, entries, stats, gone) -> None:
    """Written line by line: the whole file is never one string in memory."""
    # a temporary name of this process's own: a `timeline check` beside a build
    # cannot remove or replace the file the other is writing
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write((_JSON.encode({"format": FORMAT, "generation": generation}) + "\n").encode())
            f.writelines(entries)
            f.writelines((_JSON.encode(["stat", rel, st, key]) + "\n").encode() for rel, (st, key) in stats)
            f.writelines((_JSON.encode(["gone", rel]) + "\n").encode() for rel in gone)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
