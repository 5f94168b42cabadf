"""The whole pipeline: ingest -> extract -> merge -> render -> export."""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from bisect import bisect_left, insort
from itertools import chain
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import confine
from .cache import Cache, fingerprint
from .config import Config, load_config, published_url
from .heap import collector_paused
from .memo import Memo
from .export.site import theme_problems
from .export.writer import write_pages
from .extract import MAX_EXTRACT_CHARS, Extraction, prepare
from .extract.batch import ArticleFiles, FileResult
from .extract.places import PlaceNames
from .ingest import discover
from .merge import by_month
from .merge.corrections import apply_corrections, read_corrections, unmergeable
from .merge.curated import read_curated
from .merge.fields import Vocab
from .merge.reports import MergeSettings, merge_reports
from .model import Event, Problem
from .render import SiteInput, article_infos, basemap, render_site
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
        self._store: Cache | None = None
        self._written: dict[str, tuple[str, list]] = {}      # page -> (text, manifest entry) last written

    def _start(self) -> tuple[Config, Cache]:
        key = fingerprint(self.root / "site_config")
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
        groups = self.articles.pages, self.articles.changed_pages
        pages = render_site(site_input(c, articles, self.memo, groups))
        c.report.timings["render"] = time.perf_counter() - clock
        clock = time.perf_counter()
        c.report.written, c.report.removed = write_pages(c.config.docs_dir, pages, self._written)
        c.report.timings["write"] = time.perf_counter() - clock
        return c.report


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
        events = merge_reports(events, published, settings, keep_apart=unmergeable(corrections), memo=memo)
        months = by_month(events, memo)
        if filing is not None:
            filing.file(inputs, extractions, corrected, events, months, published, told)
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


class Reading:
    """The extractions of a session's article files and what the files' results say, in
    path order, kept from one run to the next: a run changes the entries of the files
    the watcher reported only (extract/batch.py, ArticleFiles.touched)."""

    def __init__(self) -> None:
        self.extractions: list[Extraction] | None = None

    def update(self, files: ArticleFiles, results: list[FileResult]) -> list[Extraction]:
        if files.touched is None or self.extractions is None or not self._update(files):
            self.extractions = [r.extraction for r in results if r.extraction is not None]
            self.said = {}                  # file -> its messages, for files with some
            for path, r in zip(files.paths, results):
                if said := _file_problems(r):
                    self.said[path] = said
            self.problems = list(chain.from_iterable(self.said.values()))
        return self.extractions

    def _update(self, files: ArticleFiles) -> bool:
        again = False
        for path in files.touched:
            old, new = files.before.get(path), files.results.get(path)
            if old is new:
                continue
            if old is not None and old.extraction is not None:
                at = bisect_left(self.extractions, old.extraction.article.path, key=_article_path)
                if at == len(self.extractions) or self.extractions[at] is not old.extraction:
                    return False
                del self.extractions[at]
            if new is not None and new.extraction is not None:
                insort(self.extractions, new.extraction, key=_article_path)
            again |= self.said.pop(path, None) is not None
            if new is not None and (said := _file_problems(new)):
                self.said[path], again = said, True
        if again:
            self.problems = list(chain.from_iterable(self.said[path] for path in sorted(self.said)))
        return True


def _article_path(x: Extraction) -> str:
    return x.article.path


class Filing:
    """The corrected events of a session's last run, by article and by the month they
    start in, so that a run after an edit of a few articles corrects, merges and files
    only the months their events (before and after the edit) start in: merge_reports and
    by_month work month by month, and the other months are last run's. Whatever could
    reach beyond those months (the configuration, curated events or corrections changed,
    an id of theirs corrected or found twice) is done all again."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.inputs: tuple | None = None

    def file(self, inputs: tuple, extractions: list, corrected: list, merged: list, months: tuple,
             published: dict, problems: list) -> None:
        """Keep what a run done whole gave."""
        self.inputs, self.problems, self.published = inputs, problems, dict(published)
        self.changed: dict = {}         # what the last refile() found changed: article path -> extraction
        self.ids = Counter(e.id for e in corrected)       # an id twice: by_month keeps the first
        self.holders: dict[str, set[str]] = defaultdict(set)        # id -> articles with it
        for e in corrected:
            self.holders[e.id].add(e.article)
        self.kept = {x.article.path: x for x in extractions}
        self.events: dict[str, list[Event]] = defaultdict(list)    # article path ("" curated) -> corrected events
        for e in corrected:
            self.events[e.article].append(e)
        self.in_month: dict[tuple, set[str]] = defaultdict(set)    # month -> articles with events then
        for path, events in self.events.items():
            for e in events:
                self.in_month[_month(e)].add(path)
        self.merged = Counter(map(_month, merged))                 # month -> merged events
        self.months = {_month(m[0]): m for m in months}

    def _part(self, months: set) -> list[Event]:
        """The corrected events starting in these months, in the order a whole run has them."""
        paths = sorted(set().union(*(self.in_month[m] for m in months)))     # "" (curated) first: last
        paths = paths[1:] + paths[:1] if paths and paths[0] == "" else paths
        return [e for path in paths for e in self.events[path] if _month(e) in months]

    def refile(self, inputs: tuple, files: ArticleFiles | None):
        """(months, merged events, problems) after the files' changes, or None: do it all."""
        if self.inputs is None or files is None or files.touched is None or inputs != self.inputs:
            return None
        _, curated, corrections, settings = inputs
        changed = {}                 # article path -> its extraction now (None: gone)
        for path in files.touched:
            old, new = files.before.get(path), files.results.get(path)
            old, new = old and old.extraction, new and new.extraction
            if old is not new:
                for x in (old, new):
                    if x is not None:
                        changed[x.article.path] = new
        gone = [e.id for path in changed if path in self.kept for e in self.kept[path].events]
        came = [e.id for x in changed.values() if x is not None for e in x.events]
        named = set(gone) | set(came)
        if named & {e.id for e in curated} or named & corrections.keys():
            return None         # (so their events are their corrected ones)
        self.changed = changed
        self.ids.subtract(gone)
        self.ids.update(came)
        touched = set()
        for path, x in changed.items():
            for e in self.events.pop(path, ()):
                touched.add(_month(e))
                self.in_month[_month(e)].discard(path)
                self.holders[e.id].discard(path)
            self.kept.pop(path, None)
            self.published.pop(path, None)
            if x is not None:
                self.kept[path], self.events[path] = x, list(x.events)
                if x.date:
                    self.published[path] = x.date
                for e in x.events:
                    touched.add(_month(e))
                    self.in_month[_month(e)].add(path)
                    self.holders[e.id].add(path)
        # an id found twice, once outside these months: which one by_month keeps depends on
        # both, so their months are done too (an article may say one thing twice, and
        # ids of like sentences in two articles can meet: a title's words and 24 bits).
        # Counted month by month as they join: wire copy repeated over a decade joins dozens
        # of months, and counting them all again for each took seconds.
        counts: Counter = Counter()
        joining, apart = touched, set(gone)
        touched = set()
        while joining:
            ids = [e.id for e in self._part(joining)]
            counts.update(ids)
            touched |= joining
            apart = {i for i in chain(ids, apart) if self.ids[i] != counts[i]}
            more = {_month(e) for i in apart for path in self.holders[i] for e in self.events[path]
                    if e.id == i} - touched
            if apart and not more:
                return None
            joining = more
        part = self._part(touched)
        merged = merge_reports(part, self.published, settings, keep_apart=unmergeable(corrections), memo=self.memo)
        for m in touched:
            self.merged.pop(m, None)
            self.months.pop(m, None)
            if not self.in_month[m]:
                del self.in_month[m]
        self.merged.update(map(_month, merged))
        self.months.update((_month(m[0]), m) for m in by_month(merged, self.memo))
        return tuple(self.months[m] for m in sorted(self.months)), sum(self.merged.values()), list(self.problems)


def _month(e: Event) -> tuple[int, int]:
    return e.date.start.year, e.date.start.month


def _file_problems(r: FileResult) -> list[Problem]:
    """What a build says about one article file (kept per result in a session: the same
    result says the same)."""
    problems = [_in_content(p) for p in r.problems]
    x = r.extraction
    if x is None:
        return problems
    where = f"content/{x.article.path}"
    if x.date is None:
        problems.append(Problem(where, None, "no publication date in metadata or text; "
                                "listed on the 'Undated articles' page", "warning"))
    elif x.date_source == "inferred":
        problems.append(Problem(where, None, f"publication date {x.date} inferred from the "
                                "text; add 'date:' front matter to confirm it", "warning"))
    for line, name in x.unknown_places:
        problems.append(Problem(where, line, f"'{name}' reads as a place but no gazetteer has it: "
                                "add it to site_config/places.yaml (name, lat, lon) to place its "
                                "events", "info"))
    if x.truncated:
        problems.append(Problem(where, None, f"longer than {MAX_EXTRACT_CHARS:,} characters: events "
                                "were read from the first part only; split the file to read it all",
                                "warning"))
    return problems


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


def _in_content(p: Problem) -> Problem:
    """Article paths are relative to content/; messages name them from the project root."""
    return Problem(f"content/{p.path}", p.line, p.message, p.severity)


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
