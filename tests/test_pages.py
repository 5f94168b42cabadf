import json
import re

import markdown
from datetime import date

from generator.export.writer import write_pages
from generator.model import Article, DateSpan, Event, Place
from generator.render import SiteInput, article_infos, render_site
from generator.render.stash import restore, split

DAY = DateSpan(date(2020, 3, 1), date(2020, 3, 1), "day", "2020-03-01")


def event(**kw):
    base = dict(id="strike-abc123", title="Strike", date=DAY, quote="Q", article="articles/a.txt", source="S",
                url="https://example.org/a", places=(Place("Saraqib", 35.8, 36.8),), actors=("Turkey",),
                type="Battles")
    base.update(kw)
    return Event(**base)


def site(*events, articles=None):
    articles = articles if articles is not None else [(Article("articles/a.txt", "A title", "Body one.\n\nBody two."),
                                                       date(2020, 3, 1), "inferred")]
    return unstash(render_site(SiteInput("T", "D", tuple(events), article_infos(articles))))


def unstash(pages):
    """The pages as MkDocs' hook hands them to the theme: event bodies back in place."""
    return {path: restore(*split(text)) for path, text in pages.items()}


def test_pages_for_day_month_year_home_facets_articles():
    pages = site(event())
    assert {"index.md", "2020/index.md", "2020/03/index.md", "2020/03/01/index.md", "places/saraqib/index.md",
            "actors/turkey/index.md", "types/battles/index.md", "articles/a/index.md", "days.json"} <= set(pages)
    day = pages["2020/03/01/index.md"]
    assert "## Strike {#strike-abc123}" in day and '<a href="https://example.org/a">S</a>' in day and "inferred" in day
    # facets on the event link to their pages, and the source to its article page
    assert '<a href="../../../places/saraqib/">Saraqib</a>' in day
    assert '<a href="../../../articles/a/">article page</a>' in day
    place = pages["places/saraqib/index.md"]
    assert "1 event" in place and 'href="../../2020/03/01/#strike-abc123"' in place
    art = pages["articles/a/index.md"]
    assert "inferred from the text" in art and 'href="../../2020/03/01/#strike-abc123"' in art
    assert "Body one." in art and "Body two." in art
    assert json.loads(pages["days.json"]) == {"days": ["2020-03-01"], "months": ["2020-03"], "years": [2020]}
    assert "<svg" in pages["index.md"] and "March 2020: 1 event" in pages["index.md"]


def test_content_cannot_inject_html_or_script_links():
    e = event(title="<script>alert(1)</script>", quote="<img src=x onerror=alert(1)>", url="javascript:alert(1)",
              places=(Place("<b>x</b>"),), actors=("[a](javascript:alert(1))",))
    arts = [(Article("articles/a.txt", "<script>t</script>", "<script>b</script>", source="<i>s</i>",
                     url="javascript:alert(2)"), date(2020, 3, 1), "metadata")]
    pages = site(e, articles=arts)
    for path, text in pages.items():
        if path.endswith(".md"):
            body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)   # front matter, as MkDocs reads it
            page = markdown.markdown(body, extensions=["attr_list", "md_in_html"])
            assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
            assert not re.search(r"href=.javascript:", page, re.I)


def test_week_and_year_precision_go_to_month_and_year_pages():
    week = event(id="w", date=DateSpan(date(2020, 2, 24), date(2020, 3, 1), "week", "2020-W09"))
    year = event(id="y", date=DateSpan(date(2018, 1, 1), date(2018, 12, 31), "year", "2018"))
    pages = site(week, year)
    # listed with their permanent anchors, inside the events' blocks (not in a table of contents)
    assert '<h3 id="w">' in pages["2020/02/index.md"] and '<h3 id="y">' in pages["2018/index.md"]
    assert '<a class="headerlink" href="#w"' in pages["2020/02/index.md"]


def test_merged_reports_keep_every_anchor_and_show_conflicting_figures():
    other = event(id="other-def456", article="articles/b.txt", source="Reuters", fatalities=26, quote="R")
    merged = event(fatalities=19, claimed_by="SOHR", also=(other,))
    day = site(merged)["2020/03/01/index.md"]
    assert '<span id="other-def456"></span>' in day
    assert "19 (S, claimed by SOHR) · 26 (Reuters)" in day and "reports differ" in day
    assert "Also reported by 1 other source" in day and "“R”" in day
    # the same wire copy in a third outlet: its words are not printed twice
    copy = event(id="copy-abc999", article="articles/c.txt", source="Wire", quote=" r ")
    day = site(event(also=(other, copy)))["2020/03/01/index.md"]
    assert day.count("“R”") == 1 and "Wire" in day and "— same words" in day


def test_article_slugs_are_unique_and_independent_of_order():
    a, b = Article("articles/x.md", "X", "b"), Article("articles/x.txt", "X", "b")
    first = article_infos([(a, None, None), (b, None, None)])
    second = article_infos([(b, None, None), (a, None, None)])
    assert first == second and len({i.slug for i in first.values()}) == 2


def test_writer_rewrites_only_changed_files(tmp_path):
    assert write_pages(tmp_path, {"a.md": "A", "b/c.md": "C"}) == (2, 0)
    before = (tmp_path / "a.md").stat().st_mtime_ns
    assert write_pages(tmp_path, {"a.md": "A", "b/c.md": "C2"}) == (1, 0)
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    assert write_pages(tmp_path, {"a.md": "A"}) == (0, 1)
    assert not (tmp_path / "b").exists()


def test_writer_manifest_survives_outside_changes(tmp_path):
    write_pages(tmp_path, {"a/index.md": "A", "b/index.md": "B"})
    (tmp_path / "a/index.md").unlink()                      # deleted behind our back: written again
    assert write_pages(tmp_path, {"a/index.md": "A", "b/index.md": "B"}) == (1, 0)
    (tmp_path / ".timeline-pages.json").write_text("{not json")   # damaged manifest: compare files instead
    assert write_pages(tmp_path, {"a/index.md": "A"}) == (0, 1)
    assert not (tmp_path / "b").exists() and (tmp_path / "a/index.md").read_text() == "A"


def test_large_sites_group_article_pages_by_month():
    arts = [(Article("articles/a.txt", "A title", "Body."), date(2020, 3, 1), "metadata"),
            (Article("articles/b.txt", "B title", "Other."), None, None)]
    infos = article_infos(arts, "monthly")
    pages = unstash(render_site(SiteInput("T", "D", (event(),), infos)))
    month = pages["articles/2020/03/index.md"]
    assert '<h2 id="a">A title<a class="headerlink" href="#a"' in month and "<h3>Text</h3>" in month and "Body." in month
    assert "B title" in pages["articles/undated/index.md"]
    assert 'href="../../../articles/2020/03/#a"' in pages["2020/03/01/index.md"]
    assert "[Articles of March 2020](2020/03/index.md)" in pages["articles/index.md"]
    assert not any(p.startswith("articles/a/") for p in pages)
    assert article_infos(arts, "auto") == article_infos(arts, "each")     # small sites: a page each


def test_article_text_is_republished_only_without_an_original_link(tmp_path):
    linked = Article("articles/a.txt", "A title", "Wire copy one.\n\nWire copy two.", url="https://example.org/a")
    own = Article("articles/b.txt", "B title", "Our own notes.")
    # not a web address: no link can be shown, so the text is the reader's only copy
    unlinkable = Article("articles/c.txt", "C title", "Field notes.", url="javascript:alert(1)")
    items = [(linked, date(2020, 3, 1), "metadata"), (own, date(2020, 3, 1), "metadata"),
             (unlinkable, date(2020, 3, 1), "metadata")]

    def page(text, path):
        pages = unstash(render_site(SiteInput("T", "D", (event(),), article_infos(items, "each", text))))
        return pages[f"articles/{path}/index.md"]

    auto_linked, auto_own = page("auto", "a"), page("auto", "b")
    assert "Wire copy" not in auto_linked and "<strong>Text:</strong> not republished here (see the original)" in auto_linked
    assert "Our own notes." in auto_own and "<h2>Text</h2>" in auto_own
    assert "Field notes." in page("auto", "c") and "javascript" not in page("auto", "c")
    assert "Wire copy one.</p>" in page("always", "a") and "Wire copy two." in page("always", "a")
    assert "Our own notes." not in page("never", "b") and "<strong>Text:</strong> not republished here</li>" in page("never", "b")
    # the quote on the event stays whatever the setting
    assert "<blockquote><p>Q</p></blockquote>" in unstash(render_site(
        SiteInput("T", "D", (event(),), article_infos(items, "each", "never"))))["2020/03/01/index.md"]


def test_site_settings_are_checked(tmp_path):
    from generator.config import load_config
    (tmp_path / "site_config").mkdir()
    (tmp_path / "site_config/site.yaml").write_text("title: T\narticle_text: sometimes\nsearch: pagefind\n")
    config = load_config(tmp_path)
    assert config.article_text == "auto" and config.search == "pagefind"
    [problem] = config.problems
    assert (problem.path, problem.line) == ("site_config/site.yaml", 2)
    assert "'article_text' must be one of auto, always, never, not 'sometimes'" in problem.message


def test_a_facet_with_many_events_gets_a_page_per_year():
    many = [event(id=f"e{i:04d}-abcdef", date=DateSpan(date(2015 + i % 3, 1 + i % 12, 1), date(2015 + i % 3, 1 + i % 12, 1),
                                                      "day", "")) for i in range(400)]
    many.sort(key=lambda e: (e.date.start, e.id))
    pages = site(*many)
    index = pages["places/saraqib/index.md"]
    assert "400 events" in index and "[2016](2016/index.md) — 133 events" in index
    year = pages["places/saraqib/2016/index.md"]
    assert year.count("<li>") == 133 and 'href="../../../2016/02/01/#' in year
    assert "## February 2016" in year          # headings in order under the page's h1


def test_stash_round_trip_and_nothing_in_a_body_can_close_the_comment():
    from generator.render.stash import stash
    body = '<div class="tl-block tl-event">\n<p>a --> b <!--tl:0--> c</p>\n</div>'
    md = f"# T\n\n## E {{#e}}\n\n{body}\n\ntail\n"
    stashed = stash(md)
    head, _, trailer = stashed.partition("<!--timeline-html")
    assert "<p>" not in head and "-->" not in trailer[:-5]        # only the closing "-->" remains
    assert restore(*split(stashed)) == md
    assert stash("# Plain page\n") == "# Plain page\n"
