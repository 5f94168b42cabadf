from datetime import date

import pytest

from generator.config import load_config
from generator.extract import extract_article
from generator.ingest import read_article
from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def seed():
    article, problems = read_article(SEED, ROOT / "content")
    assert article is not None and not problems
    return extract_article(article, load_config(ROOT))


def extract_file(folder, body, published=None, name="a.md"):
    """Write an article file (with a publication date in front matter, if given) and
    extract it as a build reads it."""
    p = folder / name
    p.write_text(f"---\ndate: {published}\n---\n{body}" if published else body)
    article, _ = read_article(p, folder)
    return extract_article(article, load_config(ROOT))


def find(extraction, words):
    hits = [e for e in extraction.events if words in e.quote]
    assert hits, f"no event quoting {words!r}"
    return hits[0]


def test_seed_date_is_inferred(seed):
    assert seed.date == date(2020, 3, 1)
    assert seed.date_source == "inferred"


def test_drone_strike_event(seed):
    e = find(seed, "drone strikes")
    assert e.date.start == e.date.end == date(2020, 3, 1)
    assert e.fatalities == 19
    assert "Idlib" in [p.name for p in e.places]
    assert e.claimed_by == "Syrian Observatory for Human Rights"
    assert e.type == "Explosions/Remote violence"
    # Turkey acts there; it is not the place (Syria is: Idlib lies in it)
    assert [p.name for p in find(seed, "Turkey shot down").places] == ["Idlib", "Syria"]
    convoy = find(seed, "The 19 died")
    assert {"Jabal al-Zawiya", "Maarat al-Numan"} <= {p.name for p in convoy.places}


def test_other_seed_events_are_dated(seed):
    assert find(seed, "captured seven towns").date.start == date(2020, 3, 1)
    assert find(seed, "Erdogan called on Russia").date.start == date(2020, 2, 29)
    soldiers = find(seed, "34 Turkish soldiers")
    assert soldiers.date.start <= date(2020, 2, 27) <= soldiers.date.end <= date(2020, 3, 1)
    talks = find(seed, "hold talks in Moscow")
    assert (talks.date.start, talks.date.end, talks.date.precision) == (date(2020, 3, 5), date(2020, 3, 6), "either")
    assert talks.status == "planned"
    assert find(seed, "2018 deal").date.precision == "year"


def test_disclaimer_is_not_an_event(seed):
    assert not [e for e in seed.events if "Syrian Observer" in e.quote]


def test_publication_date_from_dateline(tmp_path):
    x = extract_file(tmp_path, "Wed 05 Apr 2017 Warplanes struck the town of Khan Sheikhoun on Tuesday killing 58 people.",
                     name="a.txt")
    assert (x.date, x.date_source) == (date(2017, 4, 5), "dateline")
    assert x.events[0].date.start == date(2017, 4, 4)


def test_article_without_any_date_is_kept_undated(tmp_path):
    x = extract_file(tmp_path, "Fighting continued in the province, officials said.", name="a.txt")
    assert x.date is None and x.events == ()


def test_a_date_in_the_file_name_dates_an_article_without_metadata_or_dateline():
    from generator.config import load_config
    from generator.extract import extract_article
    from generator.model import Article
    from tests.conftest import ROOT
    config = load_config(ROOT)
    article = Article("articles/2020-02-05-saraqib.txt", "Saraqib",
                      "Syrian government forces entered the town of Saraqib on Wednesday, a war monitor said.")
    x = extract_article(article, config)
    assert (x.date.isoformat(), x.date_source) == ("2020-02-05", "filename")
    assert [e.date.start.isoformat() for e in x.events] == ["2020-02-05"]
    nodate = extract_article(Article("articles/2020-02-30-x.txt", "X", article.body), config)
    assert nodate.date_source != "filename"


def test_a_last_update_line_anywhere_dates_the_page():
    from generator.config import load_config
    from generator.extract import extract_article
    from generator.model import Article
    from tests.conftest import ROOT
    body = ("Syrian government forces entered the town of Saraqib, a war monitor said on Wednesday.\n\n"
            "Saraqib lies at the junction of two main roads.\n\nLast Update: Wednesday, 5 February 2020 KSA 09:44\n")
    x = extract_article(Article("articles/page.txt", "Saraqib", body), load_config(ROOT))
    assert (x.date.isoformat(), x.date_source) == ("2020-02-05", "dateline")
    assert x.events and all(e.date.start.isoformat() == "2020-02-05" for e in x.events)


def test_a_repeated_paragraph_is_one_report(tmp_path):
    # a lede printed twice must not give two events with the same anchor
    lede = "Talks on a ceasefire in Afrin will be held on Tuesday, officials said."
    x = extract_file(tmp_path, f"{lede}\n\n{lede}\n\nShelling hit Saraqib on Monday, killing two.\n", "2015-03-04")
    ids = [e.id for e in x.events]
    assert len(ids) == len(set(ids)) == 2
    assert [e.quote for e in x.events][0] == lede


def test_a_running_toll_since_years_ago_is_background_not_an_event(tmp_path):
    events = extract_file(tmp_path, "Shelling killed four civilians in Ariha on Tuesday.\n\n"
                          "The war has killed hundreds of thousands of people since it began in 2011.\n\n"
                          "Thousands of families have been displaced since the start of February.\n",
                          "2015-03-04").events
    assert not [e for e in events if "since it began" in e.quote]
    displaced = [e for e in events if "displaced" in e.quote]
    assert displaced and displaced[0].status == "ongoing"
    assert (displaced[0].date.start, displaced[0].date.end) == (date(2015, 2, 1), date(2015, 3, 4))


@pytest.mark.parametrize("sentence, day", [
    # the statement's day opens the sentence; the event's day is later in it
    ("Early on Monday the Turkish military said a soldier was killed in a car bomb in al-Bab on Sunday.", 18),
    ("On Monday, the army said shelling killed two civilians in Ariha on Saturday.", 17),
    ("Shelling killed two civilians in Ariha on Saturday, the army said on Monday.", 17),
    # a date that ends the event's clause stays the event's ("... on Saturday, monitors said")
    ("An air strike hit a market in Ariha on Saturday monitors said, and rebels shelled Idlib on Monday.", 17),
    # one date only: it is all the sentence has
    ("On Monday the army said an air strike killed two civilians in Ariha.", 19),
])
def test_the_day_a_claim_was_made_does_not_date_the_event(tmp_path, sentence, day):
    [event] = extract_file(tmp_path, f"{sentence}\n", "2016-12-19").events
    assert event.date.start == date(2016, 12, day), event.date


def test_a_background_piece_dates_events_by_its_section_headings(tmp_path):
    # a timeline written in 2023: "On 20 January" under a 2018 heading happened in 2018
    events = extract_file(tmp_path, "## Operation Olive Branch (January–March 2018)\n\n"
                          "On 20 January, Turkish forces began shelling Afrin.\n\n## 2019\n\n"
                          "On 6 May, government forces began a ground offensive on Kafr Nabudah.\n", "2023-08-01").events
    assert [(e.date.start, e.date.precision) for e in events] == [(date(2018, 1, 20), "day"),
                                                                  (date(2019, 5, 6), "day")]


def test_what_happened_over_the_past_days_is_dated_by_that_stretch(tmp_path):
    events = extract_file(tmp_path, "A car bomb exploded in Idlib on Sunday, killing 15.\n\n"
                          "SOHR said 76 children were among those killed in clashes over the last 15 days.\n",
                          "2016-08-15").events
    # not the Sunday of the sentence before: the fifteen days up to publication
    assert [(e.date.start, e.date.end, e.date.precision) for e in events] == [
        (date(2016, 8, 14), date(2016, 8, 14), "day"), (date(2016, 7, 31), date(2016, 8, 15), "range")]


def test_a_year_naming_a_deal_does_not_date_what_happened_in_recent_weeks(tmp_path):
    [event] = extract_file(tmp_path, "Tensions have spiked in recent weeks between Ankara and Moscow, whose "
                           "relationship has been tested by violations of a 2018 deal on Idlib.\n", "2020-03-01").events
    assert (event.date.start, event.date.end, event.date.precision) == (date(2020, 2, 9), date(2020, 3, 1), "range")


def test_a_hard_wrapped_paragraph_is_read_as_whole_sentences(tmp_path):
    # Markdown written by hand wraps its paragraphs; a headline line still stands alone
    ex = extract_file(tmp_path, "Ship freed\nThe container ship Ever Given was pulled free on Monday, six days after it\n"
                                "ran aground across the Suez Canal.\n", "2021-03-29")
    e = find(ex, "ran aground")
    assert e.quote.startswith("The container ship Ever Given") and e.quote.endswith("Suez Canal.")
    assert e.date.start.isoformat() == "2021-03-29"
    assert not any(ev.quote.startswith("Ship freed") for ev in ex.events)
