"""The supported dates (issue 17, item 5): 1000-01-01 to 9998-12-31. Inside, every day
builds (a history of 1914, a typo of 2202); outside, a `path:line: error:`; a malformed
date is an error, never read as another day; nothing crashes at the ends of the calendar."""
import gzip
import shutil
from datetime import date

import pytest

from generator.export.site import build_site
from generator.extract.temporal import tag
from generator.extract.pubdate import from_filename, infer
from generator.merge.fields import parse_date
from generator.model import EARLIEST, LATEST
from generator.pipeline import check, generate
from tests.conftest import make_project

EVENT = "Shelling killed three civilians in Ariha on Sunday, rescuers said."


def _front_matter_problems(project, value):
    (project / "content/articles/typo.md").write_text(f"---\ntitle: Typo\ndate: {value}\n---\n{EVENT}\n")
    report = check(project, 1)
    return [p for p in report.problems if p.path == "content/articles/typo.md"]


@pytest.mark.parametrize("value,words", [
    ("1583020800", "not a valid date"),           # a timestamp, once read as 8 February 1583
    ("2020-03-011", "not a valid date"),          # once read as 2020-03-01
    ("0001-01-03", "outside the supported dates"),
    ("9999-12-31", "outside the supported dates"),
])
def test_a_bad_or_unsupported_publication_date_is_an_error_on_its_line(project, value, words):
    found = _front_matter_problems(project, value)
    assert [(p.line, p.severity) for p in found if words in p.message] == [(3, "error")], found


def test_a_publication_date_with_its_time_is_read(project):
    assert not [p for p in _front_matter_problems(project, "2020-03-05T10:00:00Z") if p.severity == "error"]


@pytest.mark.parametrize("value", ["9999", "9999-12", "9999-W52", "0999-12-31", "{start: 2020-01-01, end: 9999-01-01}"])
def test_a_curated_date_outside_the_range_is_an_error_with_file_and_line(project, value):
    (project / "content/events/far.yaml").write_text(f"- title: Ok\n  date: 2020-03-01\n- title: Far\n  date: {value}\n")
    report = check(project, 1)
    found = [p for p in report.problems if p.path == "content/events/far.yaml"]
    assert any(p.line == 3 and p.severity == "error" and "outside the supported dates" in p.message
               for p in found), found


@pytest.mark.parametrize("value", ["1000", "1914-07-28", "1914-W31", "9998-12", "9998-W52", "9998"])
def test_dates_at_the_ends_of_the_range_are_read(value):
    span = parse_date(value)
    assert EARLIEST <= span.start <= span.end <= LATEST


@pytest.mark.parametrize("text,dct", [
    ("on Sunday", date(1, 1, 3)),
    ("the last Friday of December 9999, December 9999, in 9999, the 9990s, next year", date(9999, 12, 31)),
    ("a year later, the 99th century, last week", date(1, 1, 1)),
    ("the winter of 9999, the fourth quarter of 9999", date(9999, 6, 1)),
])
def test_the_tagger_survives_the_ends_of_the_calendar(text, dct):
    for t in tag(text, dct):
        assert t.span is None or EARLIEST <= t.span.start <= t.span.end <= LATEST


def test_inference_and_file_names_outside_the_range_give_no_date():
    assert from_filename("0001-01-03-old.txt") is None and from_filename("9999-12-31-far.txt") is None
    # inference over dates six centuries apart: answered at once, the latest Sunday in the window
    found = infer("They met on 1 January 1500. By 31 December 2099 it ends. On Sunday they left.")
    assert found == date(2099, 12, 27)


def _historical_project(tmp_path, days):
    project = make_project(tmp_path)
    for folder in ("articles", "events"):
        shutil.rmtree(project / "content" / folder)
        (project / "content" / folder).mkdir()
    (project / "content/events/history.yaml").write_text("".join(
        f"- title: Event of {day}\n  date: {day}\n  description: Something happened.\n" for day in days))
    return project


@pytest.mark.parametrize("days", [("1914-06-28", "1914-07-28"), ("1914-07-28", "2202-03-05")],
                         ids=["newest-before-1970", "newest-after-2106"])
def test_sites_before_1970_and_after_2106_build(tmp_path, days):
    project = _historical_project(tmp_path, days)
    report = generate(project)
    assert not report.errors, report.errors
    build_site(project)
    site = project / "site"
    for day in days:
        assert (site / day.replace("-", "/") / "index.html").is_file(), day
    # gzip's header holds the build date in 32 bits: MkDocs crashed writing it for these
    with gzip.open(site / "sitemap.xml.gz") as sitemap:
        assert sitemap.read().startswith(b"<?xml")
