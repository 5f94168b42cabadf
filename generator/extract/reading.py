"""What a session's article files gave, kept in path order from one run to the next."""
from __future__ import annotations

from bisect import bisect_left, insort
from itertools import chain

from ..model import Problem
from . import MAX_EXTRACT_CHARS, Extraction
from .batch import ArticleFiles, FileResult


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


def _in_content(p: Problem) -> Problem:
    """Article paths are relative to content/; messages name them from the project root."""
    return Problem(f"content/{p.path}", p.line, p.message, p.severity)
