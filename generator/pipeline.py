"""The whole pipeline: ingest -> extract -> merge -> render -> export."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache, fingerprint
from .config import Config, load_config
from .export.writer import write_pages
from .extract import MAX_EXTRACT_CHARS, Extraction
from .extract.batch import extract_files
from .ingest import discover
from .merge import chronological
from .merge.corrections import apply_corrections, read_corrections, unmergeable
from .merge.curated import read_curated
from .merge.fields import Vocab
from .merge.reports import MergeSettings, merge_reports
from .model import Event, Problem
from .render import SiteInput, article_infos, render_site


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

    def print(self, stream, all_problems: bool = True) -> None:
        for p in self.problems:
            if all_problems or p.severity == "error":
                print(p, file=stream)
        print(f"timeline: {self.articles} articles ({self.cached} unchanged), {self.events} events, "
              f"{self.written} pages written, {self.removed} removed, {len(self.errors)} errors, "
              f"{len(self.problems) - len(self.errors)} warnings", file=stream)


@dataclass
class Collected:
    config: Config
    extractions: list[Extraction]
    events: list[Event]          # corrected, merged, chronological
    report: Report


def collect(root: Path, jobs: int = 1, cache: bool = True) -> Collected:
    """Read, extract, correct and merge everything; every file ends up used or reported."""
    clock = time.perf_counter()
    config = load_config(root)
    report = Report(problems=list(config.problems))
    extractions = []
    store = Cache(root / ".timeline-cache", fingerprint(root / "site_config"), enabled=cache)
    for r in extract_files(discover(config.content_dir / "articles"), config, store, jobs):
        report.problems += [_in_content(p) for p in r.problems]
        x = r.extraction
        if x is None:
            continue
        where = f"content/{x.article.path}"
        if x.date is None:
            report.problems.append(Problem(where, None, "no publication date in metadata or text; "
                                           "listed on the 'Undated articles' page", "warning"))
        elif x.date_source == "inferred":
            report.problems.append(Problem(where, None, f"publication date {x.date} inferred from the "
                                           "text; add 'date:' front matter to confirm it", "warning"))
        if x.truncated:
            report.problems.append(Problem(where, None, f"longer than {MAX_EXTRACT_CHARS:,} characters: events "
                                           "were read from the first part only; split the file to read it all",
                                           "warning"))
        extractions.append(x)
    report.cached = store.hits
    report.timings["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    vocab = Vocab({p.name: p for p, _ in config.places}, frozenset(t.name for t in config.event_types))
    curated = []
    for path in discover(config.content_dir / "events"):
        rel = path.relative_to(config.root).as_posix()
        if path.suffix.lower() not in (".yaml", ".yml"):
            report.problems.append(Problem(rel, None, "skipped: curated events must be .yaml files", "warning"))
            continue
        events, problems = read_curated(path, rel, vocab)
        curated += events
        report.problems += problems
    corrections, problems = read_corrections(config.content_dir / "corrections.yaml", "content/corrections.yaml", vocab)
    report.problems += problems
    extracted = [e for x in extractions for e in x.events]
    curated, problems = _unique_ids(curated, {e.id for e in extracted})
    report.problems += problems
    events, problems = apply_corrections(extracted + curated, corrections)
    report.problems += problems
    published = {x.article.path: x.date for x in extractions if x.date}
    events = merge_reports(events, published, MergeSettings.from_vocabulary(config.vocabulary),
                           keep_apart=unmergeable(corrections))
    report.articles = len(extractions)
    report.events = len(events)
    events = chronological(events)
    report.timings["merge"] = time.perf_counter() - clock
    return Collected(config, extractions, events, report)


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


def generate(root: Path, jobs: int = 1, cache: bool = True) -> Report:
    c = collect(root, jobs, cache)
    clock = time.perf_counter()
    articles = article_infos([(x.article, x.date, x.date_source) for x in c.extractions], c.config.article_pages)
    pages = render_site(SiteInput(c.config.title, c.config.description, tuple(c.events), articles,
                                  search_engine(c.config.search, len(c.events))))
    c.report.timings["render"] = time.perf_counter() - clock
    clock = time.perf_counter()
    c.report.written, c.report.removed = write_pages(c.config.docs_dir, pages)
    c.report.timings["write"] = time.perf_counter() - clock
    return c.report


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
