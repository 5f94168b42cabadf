"""The whole pipeline: ingest -> extract -> merge -> render -> export."""
from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import confine
from .cache import SETTLED_NS, Cache, fingerprint, stat_key
from .config import Config, load_config, published_url
from .heap import collector_paused, give_back
from .memo import Memo, Written
from .export.site import theme_problems
from .export.writer import PageWriter, Unwritten
from .extract import Extraction, prepare
from .extract.batch import ArticleFiles, FileResult
from .extract.reading import Reading
from .extract.places import PlaceNames
from .ingest import discover
from .merge import by_month
from .merge.corrections import apply_corrections, read_corrections, unmergeable
from .merge.curated import read_curated
from .merge.fields import Vocab
from .merge.filing import Filing
from .merge.reports import MergeSettings, joined, merge_parts
from .model import Event, Problem
from .render import SiteInput, article_infos, basemap, render_batches
from .render.context import ArticleTable
from .render.slugs import set_apart


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    written: int = 0
    removed: int = 0
    cached: int = 0            # articles whose extraction came from the cache
    timings: dict = field(default_factory=dict)   # stage -> seconds

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def print(self, stream, all_problems: bool = True, suggestions: bool = False) -> None:
        """Errors, and warnings unless only errors are asked for; suggestions ("info": a place
        no gazetteer knows) only when asked for (`timeline check`), builds stay quiet."""
        for p in self.problems:
            if p.severity == "error" or all_problems and (p.severity != "info" or suggestions):
                print(p, file=stream)
        infos = sum(p.severity == "info" for p in self.problems)
        print(f"timeline: {self.articles} articles ({self.cached} unchanged), {self.events} events, "
              f"{self.written} pages written, {self.removed} removed, {len(self.errors)} errors, "
              f"{len(self.problems) - len(self.errors) - infos} warnings"
              + (f", {infos} suggestions" if suggestions and infos else ""), file=stream)


@dataclass
class Collected:
    config: Config
    extractions: list[Extraction]
    events: list[Event]          # corrected, merged, chronological
    report: Report
    months: tuple[tuple[Event, ...], ...] = ()     # the same events cut by month (merge.by_month)
    refiled: bool = False        # only the months an edit touched were done again (Filing)


class Session:
    """A project generated again and again in one process (`timeline serve`).

    The configuration, the extraction cache and a memo of merges and pages stay
    in memory between runs, so a run after one new article extracts, merges and
    renders only what that article touches, and gives exactly the pages a fresh
    build would (memo.py). With `watch` (Linux), the kernel names the article files
    changed since the last run and only those are looked at (watch.py); without,
    every file's state is read."""

    def __init__(self, root: Path, jobs: int = 1, cache: bool = True, watch: bool = True):
        self.root, self.jobs, self.cache = root, jobs, cache
        self.memo = Memo()
        # the article files and their results; with `watch`, a run looks only at the
        # files the kernel reports changed since the last (watch.py)
        self.files = ArticleFiles(watch)
        weakref.finalize(self, self.files.close)
        self.reading = Reading()
        self.filing = Filing(self.memo)
        self.articles = ArticleTable()
        self._config: tuple[str, Config] | None = None      # (site_config fingerprint, config)
        self._stamp: tuple | None = None                    # site_config's files' states when it was taken
        self._store: Cache | None = None
        self._written: dict[str, list] = {}      # page -> manifest entry it was last written with

    def _start(self) -> tuple[Config, Cache]:
        stamp = _stamp(self.root / "site_config")
        if self._config is not None and stamp is not None and stamp == self._stamp:
            key = self._config[0]       # no file of the configuration changed: no hashing the package again
        else:
            key = fingerprint(self.root / "site_config")
        self._stamp = stamp
        if self._config is None or self._config[0] != key:
            self._config = key, load_config(self.root)
            self.memo = Memo()          # titles, vocabulary, search engine: start afresh
            self.filing = Filing(self.memo)
            self._store = None
        else:
            self.memo.next_run()
        if self._store is None:
            self._store = Cache(self.root / ".timeline-cache", key, enabled=self.cache, kind=FileResult)
        else:
            self._store.next_run()
        return self._config[1], self._store

    def warm_up(self) -> None:
        """Load what extracting a new article needs (language rules, vocabularies) now,
        not when the first edit arrives (`timeline serve`, after its first run)."""
        if self._config is not None:
            prepare(self._config[1])

    def collect(self) -> Collected:
        self.articles.shape = None      # its changes are the run's: the next generate() redoes the table
        return self._collect()

    def _collect(self) -> Collected:
        config, store = self._start()
        try:
            return _collect(config, store, self.jobs, self.memo, self.files, self.reading, self.filing)
        except BaseException:
            self.forget()
            raise

    def generate(self, merged: Callable[[Collected], None] | None = None) -> Report:
        """Write the pages; `merged` is called with the merged events before rendering
        starts (`timeline build` starts indexing them for search meanwhile: export/site.py)."""
        # what a run keeps (cache, merges, pages) lives on to the next: frozen, the
        # collector never walks those millions of objects again (heap.py)
        with collector_paused(freeze=True):
            try:
                return self._generate(merged)
            except BaseException:
                self.forget()
                raise

    def forget(self) -> None:
        """After a run that did not finish (the watcher's news is spent, what was kept may be
        half changed), the next run reads every file and does every stage whole."""
        self.files.cache = None
        self.filing.inputs = None
        self.reading.extractions = None
        self.articles.shape = None

    def _generate(self, merged: Callable[[Collected], None] | None = None) -> Report:
        c = self._collect()
        if merged is not None:
            merged(c)
        clock = time.perf_counter()
        changed = self.filing.changed if c.refiled else None
        articles = self.articles.infos(self.filing.kept, changed, c.config.article_pages, c.config.article_text,
                                       self.memo)
        site = site_input(c, articles, self.memo, (self.articles.pages, self.articles.changed_pages))
        try:
            writing = self._render_and_write(c, site)
        except Unwritten:            # never expected: every page is made and written once more
            self.memo.unreleased()
            writing = self._render_and_write(c, site)
        c.report.timings["render"] = time.perf_counter() - clock - writing
        c.report.timings["write"] = writing
        return c.report

    def _render_and_write(self, c: Collected, site: SiteInput) -> float:
        """Pages are written a batch at a time and the memo lets go of their texts (it keeps
        a Written): a decade's site is never in memory whole. Returns the seconds spent writing."""
        writer = PageWriter(c.config.docs_dir, self._written)
        if not writer.intact():      # a run failed since, or the folder's record was changed
            self.memo.unreleased()
        writing = 0.0
        for pages, raw in render_batches(site):
            clock = time.perf_counter()
            entries = writer.write(pages)
            written = {}
            for path, text in pages.items():
                if type(text) is str:
                    written[id(text)] = w = Written(path, entries[path][1])
                    if path in raw:
                        written[id(raw[path])] = w
            self.memo.release(written)
            del pages, raw, written
            give_back()
            writing += time.perf_counter() - clock
        clock = time.perf_counter()
        c.report.written, c.report.removed = writer.close()
        return writing + time.perf_counter() - clock


def _stamp(folder: Path) -> tuple | None:
    """Every file's state under `folder` (path, cache.stat_key), or None when one changed
    too recently for its state to stand for its bytes (cache.SETTLED_NS)."""
    now, states = time.time_ns(), []
    for path in sorted(folder.rglob("*")):
        try:
            st = path.stat()
        except OSError:
            return None
        if now - st.st_mtime_ns < SETTLED_NS:
            return None
        states.append((str(path), stat_key(st)))
    return tuple(states)


def site_input(c: Collected, articles: dict, memo: Memo | None = None, groups: tuple | None = None) -> SiteInput:
    """What the renderer (and `timeline export`) is given."""
    located = any(p.lat is not None for e in c.events for p in e.places)
    return SiteInput(c.config.title, c.config.description, tuple(c.events), articles,
                     search_engine(c.config.search, len(c.events)), Memo() if memo is None else memo, c.months,
                     site_url=published_url(c.config.root),
                     basemap=basemap.load(c.config.root / ".timeline-cache") if located else None,
                     map_tiles=c.config.map_tiles, map_attribution=c.config.map_attribution, article_groups=groups)


def export_input(root: Path, jobs: int = 1, cache: bool = True) -> tuple[SiteInput, Report]:
    """What `timeline export` writes from: the same events and article facts as the site."""
    c = collect(root, jobs, cache)
    config = c.config
    articles = article_infos([(x.article, x.date, x.date_source) for x in c.extractions],
                             config.article_pages, config.article_text)
    return site_input(c, articles), c.report


_SESSIONS: dict[Path, Session] = {}


def session(root: Path, jobs: int = 1, cache: bool = True) -> Session:
    """This process's session of the project in `root` (`timeline serve` and its
    MkDocs hook regenerate through the same one)."""
    key = root.resolve()
    if key not in _SESSIONS:
        _SESSIONS[key] = Session(key, jobs, cache)
    return _SESSIONS[key]


def collect(root: Path, jobs: int = 1, cache: bool = True) -> Collected:
    return Session(root, jobs, cache, watch=False).collect()


def _collect(config: Config, store: Cache, jobs: int, memo: Memo, files: ArticleFiles | None = None,
             reading: "Reading | None" = None, filing: "Filing | None" = None) -> Collected:
    """Read, extract, correct and merge everything; every file ends up used or reported."""
    clock = time.perf_counter()
    report = Report(problems=list(config.problems))
    files = ArticleFiles(watch=False) if files is None else files
    results, problems = files.read(config.content_dir / "articles", config, store, jobs)
    report.problems += problems + theme_problems(config.root)
    reading = Reading() if reading is None else reading
    extractions = reading.update(files, results)
    report.problems += reading.problems
    report.cached = store.hits
    report.problems += store.problems
    store.problems = []
    report.timings["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    vocab = Vocab(PlaceNames(config.gazetteer), frozenset(t.name for t in config.event_types))
    curated = []
    paths, problems = discover(config.content_dir / "events", config.root)
    report.problems += problems
    for path in paths:
        rel = path.relative_to(config.root).as_posix()
        if path.suffix.lower() not in (".yaml", ".yml"):
            report.problems.append(Problem(rel, None, "skipped: curated events must be .yaml files", "warning"))
            continue
        events, problems = read_curated(path, rel, vocab)
        curated += events
        report.problems += problems
    corrections_file = config.content_dir / "corrections.yaml"
    bad = confine.refused(corrections_file, config.root, "content/corrections.yaml")
    corrections, problems = ({}, [bad]) if bad else \
        read_corrections(corrections_file, "content/corrections.yaml", vocab)
    report.problems += problems
    settings = MergeSettings.from_vocabulary(config.vocabulary)
    inputs = (config, tuple(curated), corrections, settings)
    filed = filing.refile(inputs, files) if filing is not None else None
    if filed is None:
        extracted = [e for x in extractions for e in x.events]
        curated, problems = _unique_ids(curated, {e.id for e in extracted})
        told = problems
        events, problems = apply_corrections(extracted + curated, corrections)
        told += problems
        corrected = events
        published = {x.article.path: x.date for x in extractions if x.date}
        others, merged = merge_parts(events, published, settings, keep_apart=unmergeable(corrections), memo=memo)
        events = joined(others, merged)
        months = by_month(events, memo)
        if filing is not None:
            filing.file(inputs, extractions, corrected, merged, months, published, told)
        report.problems += told
        report.events = len(events)
    else:
        months, report.events, told = filed
        report.problems += told
    report.articles = len(extractions)
    events = [e for month in months for e in month]
    report.problems += _facet_spellings(months, memo)
    report.timings["merge"] = time.perf_counter() - clock
    return Collected(config, extractions, events, report, months, refiled=filed is not None)


def _first_named(events) -> dict[str, dict[str, str]]:
    """Where each place, actor and type is first named among these events."""
    first: dict[str, dict[str, str]] = {"places": {}, "actors": {}, "types": {}}
    for e in events:
        where = e.where or f"content/{e.article}"
        for kind, names in (("places", [p.name for p in e.places]), ("actors", e.actors),
                            ("types", [e.type] if e.type else [])):
            for name in names:
                first[kind].setdefault(name, where)
    return first


def _facet_spellings(months: tuple[tuple[Event, ...], ...], memo: Memo) -> list[Problem]:
    """A warning for each place, actor or type spelt so like another that they would
    share a page (case, punctuation): each keeps its own page (render/slugs.py), and
    the editor learns where the other spelling is. Read month by month: an edit reads
    its own months again."""
    first: dict[str, dict[str, str]] = {"places": {}, "actors": {}, "types": {}}
    for month in months:
        start = month[0].date.start if month else None
        named = memo(("named", start.year, start.month) if start else ("named",), month, lambda: _first_named(month))
        for kind, seen in named.items():
            into = first[kind]
            for name, where in seen.items():
                into.setdefault(name, where)
    problems = []
    for kind, seen in first.items():
        for name, plain in set_apart(seen):
            path, _, line = seen[name].rpartition(":") if seen[name].startswith("content/events/") \
                else (seen[name], "", "")
            problems.append(Problem(path, int(line) if line.isdigit() else None,
                                    f"{FACET_WORD[kind]} {name!r} differs from {plain!r} only in case or punctuation: "
                                    "each has its own page; write them alike if they are one", "warning"))
    return problems


FACET_WORD = {"places": "place", "actors": "actor", "types": "event type"}


def _unique_ids(curated: list[Event], taken: set[str]) -> tuple[list[Event], list[Problem]]:
    kept, problems, seen = [], [], set(taken)
    for e in curated:
        if e.id in seen:
            path, _, line = e.where.rpartition(":")
            problems.append(Problem(path, int(line) if line.isdigit() else None,
                                    f"event id {e.id!r} is used twice; anchors must be unique, so this one is skipped"))
        else:
            kept.append(e)
        seen.add(e.id)
    return kept, problems


def generate(root: Path, jobs: int = 1, cache: bool = True,
             merged: Callable[[Collected], None] | None = None) -> Report:
    return Session(root, jobs, cache, watch=False).generate(merged)


# Material's search downloads one index of the whole site (about 1.7 KB per
# event); above this many events Pagefind's split index is used instead.
PAGEFIND_ABOVE_EVENTS = 2000


def search_engine(setting: str, events: int) -> str:
    """site.yaml `search:` material | pagefind | auto (by the site's size)."""
    if setting in ("material", "pagefind"):
        return setting
    return "pagefind" if events > PAGEFIND_ABOVE_EVENTS else "material"


def check(root: Path, jobs: int = 1) -> Report:
    return collect(root, jobs).report
