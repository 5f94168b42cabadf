"""The HTML reader on pages built like real ones (tests/pages/, written for these tests),
and language detection."""
import json
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import read_article
from generator.ingest.html import read_page
from generator.ingest.language import detect, unreadable

PAGES = Path(__file__).parent / "pages"


def page(name):
    return read_page((PAGES / name).read_bytes())


def test_news_page_text_leaves_out_menus_related_links_and_comments():
    p = page("news-jsonld.html")
    assert p.text.startswith("The only road into Karsana was cut on Sunday")
    assert "Schools in the lower town will stay closed on Monday" in p.text
    assert len(p.text.split("\n\n")) == 5     # one paragraph each
    for chrome in ("cookies", "Sport", "Related stories", "Reservoir repairs delayed", "Stay safe everyone",
                   "All rights reserved", "Home"):
        assert chrome not in p.text, chrome


def test_news_page_metadata_json_ld_wins_and_says_so():
    p = page("news-jsonld.html")
    assert (p.title, p.author, p.site_name, p.url, p.language) == (
        "Floods cut the road to Karsana after three days of rain", "Lena Ortiz", "The Valley Courier",
        "https://courier.example/news/floods-cut-road-karsana", "en")
    # JSON-LD says 11 April (New York time); the meta tag the same instant in Europe: JSON-LD is first
    assert (p.date, p.date_basis) == (date(2021, 4, 11), "the page's JSON-LD (datePublished)")


def test_blog_page_meta_tag_date_and_no_comments_or_widgets():
    p = page("blog-meta.html")
    assert (p.date, p.date_basis) == (date(2019, 9, 3), "the page's meta tag article:published_time")
    assert (p.title, p.author, p.site_name) == ("Port workers end strike after pay deal", "Sam Whitfield",
                                                "Harbour Notes")
    assert p.text.startswith("Dock workers at the container port voted on Tuesday")
    for chrome in ("Leave a Reply", "queues of trucks", "Recent Posts", "Share this", "Proudly powered"):
        assert chrome not in p.text, chrome


def test_date_from_the_address_when_the_page_states_none():
    p = page("url-date.html")
    assert (p.date, p.date_basis) == (date(2022, 6, 30), "the page's address")
    assert p.text.startswith("The town council approved plans")
    assert "Read more" not in p.text and "Subscribe" not in p.text


def test_date_shown_on_the_page_when_no_metadata():
    html = (PAGES / "url-date.html").read_text().replace("/2022/06/30/", "/local/").replace(
        '<div class="headline">', '<div class="dateline">Published 14 March 2023</div><div class="headline">')
    p = read_page(html)
    assert (p.date, p.date_basis) == (date(2023, 3, 14), "a date elsewhere on the page (found by htmldate)")


def test_no_date_anywhere_is_left_to_the_text():
    html = (PAGES / "url-date.html").read_text().replace("/2022/06/30/", "/local/")
    p = read_page(html)
    assert (p.date, p.date_basis) == (None, "")


def test_broken_json_ld_falls_back_to_meta_tags():
    html = (PAGES / "news-jsonld.html").read_text().replace('"@graph": [', '"@graph": [[')
    p = read_page(html)
    assert p.date_basis == "the page's meta tag article:published_time" and p.date == date(2021, 4, 12)


def test_placeholder_date_in_json_ld_is_not_a_date():
    # seen on real pages: an unset date serialised as year 1
    html = (PAGES / "news-jsonld.html").read_text().replace('"2021-04-11T22:45:00-04:00"', '"0001-01-01T00:00:00Z"')
    p = read_page(html)
    assert (p.date, p.date_basis) == (date(2021, 4, 12), "the page's meta tag article:published_time")


def test_html_file_in_content_is_an_article_with_its_basis(tmp_path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "articles" / "floods.html"
    path.write_bytes((PAGES / "news-jsonld.html").read_bytes())
    article, problems = read_article(path, tmp_path)
    assert problems == []
    assert (article.date, article.date_source, article.date_basis, article.source, article.author) == (
        date(2021, 4, 11), "metadata", "the page's JSON-LD (datePublished)", "The Valley Courier", "Lena Ortiz")


def test_page_without_text_is_an_error_not_an_empty_article(tmp_path):
    path = tmp_path / "menu.html"
    # a page whose text is drawn by scripts, saved before they ran
    path.write_text("<html><head><title>Live</title></head><body><div id='app'></div>"
                    "<script>render('Floods cut the road')</script></body></html>")
    article, problems = read_article(path, tmp_path)
    assert article is None and "no article text found" in problems[0].message


def test_read_command_prints_text_and_json(capsys):
    assert main(["read", str(PAGES / "blog-meta.html")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dock workers") and "Leave a Reply" not in out
    assert main(["read", "--json", str(PAGES / "url-date.html")]) == 0
    fields = json.loads(capsys.readouterr().out)
    assert (fields["date"], fields["date_basis"], fields["title"]) == (
        "2022-06-30", "the page's address", "Council approves new market hall")


def test_read_command_missing_file_is_one_line(capsys):
    assert main(["read", "/nonexistent/page.html"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


# Language: short texts written for these tests.
FRENCH = ("Le gouvernement a annoncé lundi une nouvelle aide pour les familles touchées par les inondations. "
          "Selon le ministre, les premiers versements seront faits dans les prochains jours, et les maires des "
          "communes concernées ont été reçus à la préfecture pour préparer la suite.")
SPANISH = ("El gobierno anunció el lunes una nueva ayuda para las familias afectadas por las inundaciones. Según "
           "el ministro, los primeros pagos se harán en los próximos días, y los alcaldes de los municipios "
           "fueron recibidos en la capital para preparar lo que viene.")
ENGLISH = ("The government announced on Monday new aid for the families hit by the floods. According to the "
           "minister, the first payments will be made in the coming days, and the mayors of the towns concerned "
           "were received in the capital to prepare what comes next.")
ARABIC = "أعلنت الحكومة يوم الاثنين عن مساعدات جديدة للعائلات المتضررة من الفيضانات في المنطقة الشمالية"
RUSSIAN = "Правительство в понедельник объявило о новой помощи семьям, пострадавшим от наводнения в регионе"


@pytest.mark.parametrize("text, code", [(FRENCH, "fr"), (SPANISH, "es"), (ENGLISH, "en"), (ARABIC, "ar"),
                                        (RUSSIAN, "ru")])
def test_detect_language(text, code):
    assert detect(text).code == code


def test_english_with_foreign_names_is_english():
    text = ENGLISH + " Le Monde and Der Spiegel reported that the Ministerio de Salud and the Bundestag agreed."
    assert unreadable(text) is None


def test_too_short_to_tell_is_not_reported():
    assert detect("Le Monde") is None and unreadable("Le Monde") is None


def test_non_english_article_is_skipped_with_a_warning_naming_the_language(tmp_path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "articles" / "aide.md"
    path.write_text(f"---\ntitle: Aide\ndate: 2021-03-01\n---\n{FRENCH}\n")
    article, problems = read_article(path, tmp_path)
    assert article is None
    assert [(p.path, p.severity) for p in problems] == [("articles/aide.md", "warning")]
    assert "French (fr)" in problems[0].message


def test_front_matter_language_overrides_detection(tmp_path):
    (tmp_path / "articles").mkdir()
    path = tmp_path / "articles" / "aide.md"
    path.write_text(f"---\ntitle: Aide\ndate: 2021-03-01\nlanguage: en\n---\n{FRENCH}\n")
    assert read_article(path, tmp_path)[0] is not None
    path.write_text(f"---\ntitle: Aid\ndate: 2021-03-01\nlanguage: de\n---\n{ENGLISH}\n")
    article, problems = read_article(path, tmp_path)
    assert article is None and "German (de)" in problems[0].message


def test_german_page_is_reported_by_check(project, capsys):
    (project / "content" / "articles" / "hochwasser.html").write_bytes((PAGES / "german.html").read_bytes())
    main(["--root", str(project), "check", "-j", "1"])
    out = capsys.readouterr().out
    assert "content/articles/hochwasser.html: warning: skipped: written in German (de)" in out
