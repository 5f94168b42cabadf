"""A bounded fuzz pass of `timeline dates` and `timeline extract` (issue 17): whatever the
text, the publication date and the front matter, the command answers (JSON, exit 0) and
never ends in a traceback. Budget: a few seconds; a failure is shrunk by hypothesis to a
short input worth a test of its own."""
import contextlib
import io
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Words that make the tagger and the extractor work: dates near the ends of the calendar,
# weekdays, relative expressions, initials, claimants, fatalities, boilerplate.
_TOKENS = ["on Sunday", "Monday", "last week", "next year", "a year later", "9999", "December 9999",
           "31 December 9999", "1 January 0001", "0001", "the 99th century", "the 1990s", "year 1",
           "the last Friday of December", "three days ago", "since March", "Mar. 5 or Mar. 6, 2020",
           "05/03/2020", "2020-03-011", "1583020800", "B.", "Mr.", "U.S.", "killed 19", "twenty died",
           "the Syrian Observatory said", "(Writing by", "Ariha", "Idlib", "\n", "\n\n", "# 2018", ",", ".",
           "–", "\u2028", "\ud800", "\x1b[31m", "&", "*", "---", ":"]
_TEXT = st.one_of(st.text(max_size=200),
                  st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=8)), max_size=30).map(" ".join))
_ANY_DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_BUDGET = settings(max_examples=100, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = saved
    return code, out.getvalue()


@_BUDGET
@given(_TEXT, _ANY_DAY, st.booleans())
def test_timeline_dates_answers_any_text_and_any_day(text, dct, month_first):
    data = text.encode("utf-8", errors="surrogatepass")
    code, out = _run(["dates", "--dct", dct.isoformat()] + (["--month-first"] if month_first else []), data)
    assert code == 0
    read = data.decode("utf-8", errors="replace")
    for t in json.loads(out):
        assert read[t["start"]:t["end"]] == t["text"]


_FIELD_VALUE = st.one_of(_ANY_DAY.map(date.isoformat), st.integers(), st.sampled_from(_TOKENS),
                         st.text(max_size=20).map(json.dumps))


@pytest.fixture(scope="module")
def config_loaded_once():
    # the site configuration (gazetteer included) takes a second to load: once, not per example
    import generator.config as module
    loaded = module.load_config(ROOT)
    real, module.load_config = module.load_config, lambda root: loaded
    yield
    module.load_config = real


@_BUDGET
@given(st.dictionaries(st.sampled_from(["title", "date", "source", "url", "tags", "titel"]), _FIELD_VALUE,
                       max_size=4),
       _TEXT, st.sampled_from([".md", ".txt", ".html"]))
@example({"tags": 13144302328}, "", ".md")          # found by this pass: a number as 'tags' crashed
@example({"date": 1583020800}, "Shelling killed three on Sunday.", ".md")
@example({"title": '"Tom & Jerry"', "date": "0001-01-03"}, "On Sunday, 9999, 31 December 9999.", ".md")
def test_timeline_extract_answers_any_article(config_loaded_once, front, body, suffix):
    lines = "".join(f"{k}: {v}\n" for k, v in front.items())
    text = (f"---\n{lines}---\n" if suffix == ".md" else "") + body
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"2020-03-05-article{suffix}"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        code, out = _run(["--root", str(ROOT), "extract", "--json", str(path)])
    assert code == 0
    # [] for an empty file; a file outside content/ is named as if in content/articles/ (its ids are the site's)
    assert [a["path"] for a in json.loads(out)["articles"]] in ([], [f"articles/{path.name}"])


def test_timeline_extract_names_a_path_it_cannot_read(config_loaded_once, tmp_path):
    good = tmp_path / "2020-03-05-good.txt"
    good.write_text("Shelling killed three civilians in Ariha on Sunday, rescuers said.\n")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()) as out:
        code = main(["--root", str(ROOT), "extract", "--json", str(tmp_path / "missing.txt"), str(folder), str(good)])
    assert code == 1
    assert f"{tmp_path / 'missing.txt'}: error: cannot read" in err.getvalue()
    assert f"{folder}: error: cannot read" in err.getvalue()
    assert [a["path"] for a in json.loads(out.getvalue())["articles"]] == [f"articles/{good.name}"]
