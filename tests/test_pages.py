from datetime import date

from generator.export.writer import write_pages
from generator.model import DateSpan, Event
from generator.render.pages import render_site


def event(**kw):
    base = dict(id="e-1", title="Strike", date=DateSpan(date(2020, 3, 1), date(2020, 3, 1), "day", "2020-03-01"),
                quote="Q", article="a.txt", source="S", url="https://example.org/a")
    base.update(kw)
    return Event(**base)


def test_pages_for_day_month_year_home():
    pages = render_site([event()], {"a.txt": (date(2020, 3, 1), "inferred")}, [], "T", "D")
    assert set(pages) == {"index.md", "2020/index.md", "2020/03/index.md", "2020/03/01/index.md"}
    day = pages["2020/03/01/index.md"]
    assert "## Strike {#e-1}" in day and "[S](https://example.org/a)" in day and "inferred" in day


def test_content_cannot_inject_html_or_script_links():
    e = event(title="<script>alert(1)</script>", quote="<img src=x onerror=alert(1)>", url="javascript:alert(1)")
    day = render_site([e], {}, [], "T", "D")["2020/03/01/index.md"]
    assert "<script>" not in day and "<img" not in day and "javascript:" not in day


def test_week_and_year_precision_go_to_month_and_year_pages():
    week = event(id="w", date=DateSpan(date(2020, 2, 24), date(2020, 3, 1), "week", "2020-W09"))
    year = event(id="y", date=DateSpan(date(2018, 1, 1), date(2018, 12, 31), "year", "2018"))
    pages = render_site([week, year], {}, [], "T", "D")
    assert "{#w}" in pages["2020/02/index.md"] and "{#y}" in pages["2018/index.md"]


def test_writer_rewrites_only_changed_files(tmp_path):
    assert write_pages(tmp_path, {"a.md": "A", "b/c.md": "C"}) == (2, 0)
    before = (tmp_path / "a.md").stat().st_mtime_ns
    assert write_pages(tmp_path, {"a.md": "A", "b/c.md": "C2"}) == (1, 0)
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert write_pages(tmp_path, {"a.md": "A"}) == (0, 1)
    assert not (tmp_path / "b").exists()
