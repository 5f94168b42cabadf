"""Hostile and broken input: each case reported by file (and line), the rest of the site builds,
every article appears in the site or in the report, and nothing from content runs as script."""
import re
from pathlib import Path

import pytest

from generator.export.site import build_site
from generator.pipeline import collect, generate
from tests.conftest import make_project
from tests.sitecheck import broken_links, parse

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
EVENT = "Shelling killed three civilians in Ariha on Sunday, rescuers said."
HOSTILE_NAME = "$(touch pwned); rm -rf ~ & `id` 'q' \"d\".md"

# file name -> (content, expected problem: (severity, line or None, words) or None if clean)
CASES = {
    "broken front matter.md": ("---\ntitle: [oops\ndate: 2020-03-01\n---\nText.\n",
                               ("error", 3, "broken YAML front matter")),
    "impossible date.md": (f"---\ntitle: Leap\ndate: 2020-02-30\n---\n{EVENT}\n",
                           ("error", 3, "not a valid date")),
    "non-date.md": (f"---\ntitle: Vague\ndate: yesterday\n---\n{EVENT}\n", ("error", 3, "not a valid date")),
    "latin1.txt": ("Café owners said shelling killed three civilians in Ariha on 3 March 2020.\n".encode("cp1252"),
                   ("warning", 1, "not valid UTF-8")),
    "binary.txt": (b"\x00\x01\x02\xff" * 64, ("error", None, "binary file")),
    "empty.md": (b"", ("error", None, "empty file")),
    "blank.txt": (b"  \n\n \t\n", ("error", None, "empty file")),
    "alias bomb.md": (f"---\n{BOMB}title: Bomb\n---\n{EVENT}\n", ("error", None, "aliases")),
    "huge.txt": (("Officials said the situation was calm. " * 40 + "\n") * 1500
                 + f"On 3 March 2020 {EVENT}\n", ("warning", None, "longer than")),
    "script.md": ('---\ntitle: "&lt;/title&gt;<script>alert(1)</script> Title"\ndate: 2020-03-03\n'
                  'source: "<img src=x onerror=alert(2)>"\nurl: "javascript:alert(3)"\n---\n'
                  f"<script>alert(4)</script> {EVENT} <a href=\"javascript:alert(5)\">x</a>\n", None),
    "script.html": ("<html><head><title>Page <b>bold</b></title><script>alert(6)</script></head><body>"
                    f"<p onclick=\"alert(7)\">On 3 March 2020 {EVENT}</p><script>alert(8)</script></body></html>",
                    None),
    "with space.md": (f"---\ntitle: Spaced\ndate: 2020-03-03\n---\n{EVENT}\n", None),
    "ünïcödé мир.md": (f"---\ntitle: Unicode\ndate: 2020-03-03\n---\n{EVENT}\n", None),
    HOSTILE_NAME: (f"---\ntitle: Shell\ndate: 2020-03-03\n---\n{EVENT}\n", None),
    "dup-1.md": (f"---\ntitle: Same title\ndate: 2020-03-02\n---\n{EVENT}\n", None),
    "dup-2.md": (f"---\ntitle: Same title\ndate: 2020-03-03\n---\n{EVENT}\n", None),
}
EVENT_FILES = {
    "broken.yaml": ("- title: A\n  date: [2020\n", ("error", 3, "broken YAML")),
    "bomb.yaml": (BOMB, ("error", None, "aliases")),
    "impossible.yaml": ("- title: Leap day that is not\n  date: 2020-02-30\n", ("error", 1, "not a date")),
    "notes.txt": ("not an events file", ("warning", None, "must be .yaml")),
}


# and on a large site's kind of build too, whose day pages are filled into the theme's shell
@pytest.fixture(scope="module", params=["material", "pagefind"])
def built(tmp_path_factory, request):
    project = make_project(tmp_path_factory.mktemp("hostile"))
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + f"\nsearch: {request.param}\n")
    for folder, cases in (("articles", CASES), ("events", EVENT_FILES)):
        for name, (content, _) in cases.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (project / "content" / folder / name).write_bytes(data)
    report = generate(project)
    build_site(project)
    return project, report


def problems_for(report, rel):
    return [p for p in report.problems if p.path == rel]


@pytest.mark.parametrize("folder,name", [("articles", n) for n in CASES] + [("events", n) for n in EVENT_FILES])
def test_each_bad_file_is_reported_by_name_and_line(built, folder, name):
    project, report = built
    expected = {**CASES, **EVENT_FILES}[name][1]
    found = problems_for(report, f"content/{folder}/{name}")
    if expected is None:
        assert not [p for p in found if p.severity == "error"], found
        return
    severity, line, words = expected
    assert any(p.severity == severity and words in p.message and (line is None or p.line == line)
               for p in found), found


def test_every_article_is_in_the_site_or_the_report(built):
    project, report = built
    pages = {p.parent.name for p in (project / "site/articles").glob("*/index.html")}
    reported = {p.path for p in report.problems if p.severity == "error"}
    shown = {x.article.path for x in collect(project).extractions}
    for path in sorted((project / "content/articles").iterdir()):
        rel = f"articles/{path.name}"
        assert rel in shown or f"content/{rel}" in reported, rel
    assert len(pages) == len(shown)


def test_good_articles_still_build(built):
    project, _ = built
    site = project / "site"
    day = (site / "2020/03/01/index.html").read_text()     # "on Sunday", published on Tuesday 3 March
    for title in ("Spaced", "Unicode", "Shell", "Same title"):
        assert title in day
    assert (site / "2020/03/01/index.html").is_file()      # the example content is untouched
    assert not (project / "pwned").exists() and not Path("pwned").exists()
    # duplicate titles: two articles, two pages
    assert len([p for p in (site / "articles").glob("dup-*/index.html")]) == 2


def test_nothing_from_content_runs_as_script(built):
    project, _ = built
    for page in (project / "site").rglob("*.html"):
        parsed = parse(page)
        assert not any("alert(" in s for s in parsed.scripts), page
        for tag, name, value in parsed.attrs:
            assert not name.startswith("on"), (page, tag, name)
            if name in ("href", "src"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (page, value)


def test_no_broken_internal_links(built):
    project, _ = built
    assert broken_links(project / "site") == []


def test_two_builds_are_identical(built, tmp_path):
    project, _ = built
    first = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    generate(project)
    build_site(project)
    second = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    # Pagefind's filter and metadata files too: it lists them in a different order each run
    # (Pagefind/pagefind#638), export/pagefind.settled sorts them
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []
