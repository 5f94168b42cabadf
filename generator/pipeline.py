"""The whole pipeline: ingest -> extract -> merge -> render -> export."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, load_config
from .export.writer import write_pages
from .extract import Extraction, extract_article
from .ingest import discover, read_article
from .merge import chronological
from .merge.curated import read_curated
from .model import Event, Problem
from .render.pages import render_site


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    written: int = 0
    removed: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def print(self, stream, all_problems: bool = True) -> None:
        for p in self.problems:
            if all_problems or p.severity == "error":
                print(p, file=stream)
        print(f"timeline: {self.articles} articles, {self.events} events, {self.written} pages written, "
              f"{self.removed} removed, {len(self.errors)} errors, "
              f"{len(self.problems) - len(self.errors)} warnings", file=stream)


@dataclass
class Collected:
    config: Config
    extractions: list[Extraction]
    curated: list[Event]
    report: Report


def collect(root: Path) -> Collected:
    """Read and extract everything; every file ends up extracted or reported."""
    config = load_config(root)
    report = Report(problems=list(config.problems))
    articles_dir = config.content_dir / "articles"
    extractions = []
    for path in discover(articles_dir):
        article, problems = read_article(path, config.content_dir)
        report.problems += problems
        if article is None:
            continue
        x = extract_article(article, config)
        if x.date is None:
            report.problems.append(Problem(article.path, None, "no publication date in metadata or text; "
                                           "listed on the 'Undated articles' page", "warning"))
        elif x.date_source == "inferred":
            report.problems.append(Problem(article.path, None, f"publication date {x.date} inferred from the "
                                           "text; add 'date:' front matter to confirm it", "warning"))
        extractions.append(x)
    places = {p.name: p for p, _ in config.places}
    curated = []
    for path in discover(config.content_dir / "events"):
        if path.suffix.lower() not in (".yaml", ".yml"):
            continue
        events, problems = read_curated(path, path.relative_to(config.content_dir).as_posix(), places)
        curated += events
        report.problems += problems
    report.articles = len(extractions)
    report.events = sum(len(x.events) for x in extractions) + len(curated)
    return Collected(config, extractions, curated, report)


def generate(root: Path) -> Report:
    c = collect(root)
    events = chronological([e for x in c.extractions for e in x.events] + c.curated)
    articles = {x.article.path: (x.date, x.date_source) for x in c.extractions if x.date}
    undated = [(x.article.path, x.article.title) for x in c.extractions if x.date is None]
    pages = render_site(events, articles, undated, c.config.title, c.config.description)
    css = c.config.root / "site_config" / "theme" / "extra.css"
    if css.is_file():
        pages["assets/extra.css"] = css.read_text(encoding="utf-8")
    c.report.written, c.report.removed = write_pages(c.config.docs_dir, pages)
    return c.report


def check(root: Path) -> Report:
    return collect(root).report
