"""Extract every article file: from the cache when unchanged, else in parallel."""
from __future__ import annotations

import multiprocessing
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from .. import codec
from ..cache import Cache, entry_key
from ..config import Config
from ..ingest import list_files, read_article
from ..model import Article, Problem
from ..progress import Progress
from ..watch import Watcher
from . import Extraction, extract_article, prepare


@dataclass(frozen=True)
class FileResult:
    problems: tuple[Problem, ...]
    extraction: Extraction | None      # None: not an article (the problems say why)

    @property
    def article(self) -> Article | None:
        # not a field: the cache held each article twice, and a build decoded it twice
        return self.extraction.article if self.extraction is not None else None


_CONFIG: Config | None = None    # set in each worker process


def _init(config: Config) -> None:
    global _CONFIG
    _CONFIG = config


def _extract(job: tuple[str, str, bytes]) -> FileResult:
    path, root, data = job
    article, problems = read_article(Path(path), Path(root), data)
    return FileResult(tuple(problems), extract_article(article, _CONFIG) if article is not None else None)


def _extract_encoded(job: tuple[str, str, bytes]) -> list:
    # encoded in the worker, decoded by the build: what it keeps shares equal places,
    # dates and names with every other result, as one read from the cache does (codec.py)
    return codec.encode(_extract(job))


def extract_files(paths: list[str], config: Config, cache: Cache, jobs: int = 1) -> list[FileResult]:
    """One result per path, in the order given, whatever the number of jobs."""
    results: list[FileResult | None] = []
    todo: list[tuple[int, str, tuple[str, str, bytes]]] = []
    now = time.time_ns()
    # plain strings and os.stat: over 18,000 unchanged files, pathlib's own
    # relative_to() and stat() were most of the time this loop takes
    prefix = len(str(config.content_dir)) + 1
    for i, path in enumerate(paths):
        rel = path[prefix:].replace(os.sep, "/")
        st = os.stat(path)
        hit = cache.unchanged(rel, st)
        if hit is None:
            with open(path, "rb") as f:
                data = f.read()
            key = entry_key(rel, data)
            hit = cache.get(key)
            cache.note(rel, st, key, now)
            if hit is None:
                todo.append((i, key, (path, str(config.content_dir), data)))
        results.append(hit)
    if todo:
        prepare(config)
    progress = Progress("extracting", len(todo))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if jobs == 1:
        _init(config)
        done = map(_extract_encoded, (job for _, _, job in todo))
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs, _init, (config,))
        done = pool.imap(_extract_encoded, [job for _, _, job in todo], chunksize=16)
    decode = codec.decoder(FileResult)
    try:
        for (i, key, _), data in zip(todo, done):
            result = results[i] = decode(data)
            cache.put(key, result)
            progress.step()
    finally:
        progress.close()
        if jobs > 1:
            pool.close()
            pool.join()
    cache.save()
    return results


class ArticleFiles:
    """A session's article files and their results, kept from one run to the next.

    With a watcher (watch.py), a run looks again only at the files it reports
    changed: a new, edited or removed plain file is handled alone; anything else
    (a hidden file, a link, a folder added or moved, or no watcher) lists the folder
    again, and without the watcher's word every file's state is read, as by a
    one-off build."""

    def __init__(self, watch: bool = True):
        self.watch = watch
        self.watcher: Watcher | None = None
        self.folder = ""
        self.cache: Cache | None = None
        self.paths: list[str] = []                 # sorted, as list_files gives them
        self.listed: list[Problem] = []            # list_files' problems
        self.results: dict[str, FileResult] = {}
        self.links: set[str] = set()               # listed links to files
        # this run's files looked at again (None: all of them) and their results before
        self.touched: set[str] | None = None
        self.before: dict[str, FileResult] = {}

    def read(self, folder: Path, config: Config, cache: Cache, jobs: int) -> tuple[list[FileResult], list[Problem]]:
        """Every file's result in path order, and the problems of listing the folder."""
        if self.watch and str(folder) != self.folder:
            self.close()
            self.watcher = Watcher(str(folder))   # before the folder is read: no change is missed
        changed = self.watcher.changed() if self.watcher else None
        self.touched, self.before = None, {}
        if changed is None or cache is not self.cache or str(folder) != self.folder:
            self.folder, self.cache = str(folder), cache
            self._list(folder, config)
            results = extract_files(self.paths, config, cache, jobs)
            self.results = dict(zip(self.paths, results))
            return results, self.listed
        changed |= self.links          # a link's target may lie in a folder not watched
        if any(not self._plain(path) for path in changed):
            before = self.paths
            self._list(folder, config)
            listed = set(self.paths)
            changed |= listed.symmetric_difference(before)
        else:
            gone = {p for p in changed if p in self.results and not os.path.lexists(p)}
            new = [p for p in changed if p not in self.results and os.path.lexists(p)]
            if gone:
                self.paths = [p for p in self.paths if p not in gone]
            if new:
                self.paths = sorted(self.paths + new)
            listed = changed - gone
        prefix = len(str(config.content_dir)) + 1
        cache.carry(p[prefix:].replace(os.sep, "/") for p in changed)
        self.touched = changed
        for path in changed:
            if path in self.results:
                self.before[path] = self.results.pop(path)
        cache.hits += len(self.results)
        look = [p for p in sorted(changed) if p in listed]
        self.results.update(zip(look, extract_files(look, config, cache, jobs)))
        return [self.results[p] for p in self.paths], self.listed

    def _list(self, folder: Path, config: Config) -> None:
        self.paths, self.listed = list_files(folder, config.root)
        self.links = {p for p in self.paths if os.path.islink(p)}

    def _plain(self, path: str) -> bool:
        """A regular file (or none) of a listed folder, as list_files would take it or leave it."""
        rel = os.path.relpath(path, self.folder)
        if any(part.startswith(".") for part in rel.split(os.sep)):
            return False                    # hidden, or under a hidden folder: listing says which
        try:
            return stat.S_ISREG(os.lstat(path).st_mode)
        except FileNotFoundError:
            return True                     # removed
        except OSError:
            return False

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
