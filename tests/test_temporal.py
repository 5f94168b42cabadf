import json
import subprocess
import sys
from datetime import date

from hypothesis import given, settings, strategies as st

from generator.extract.temporal import Settings, tag, timex3
from generator.extract.temporal.engine import _VALID_VALUE

SUNDAY = date(2020, 3, 1)


def values(text, dct=SUNDAY, **kw):
    return {t.text: t.value for t in tag(text, dct, Settings(**kw))}


def test_explicit_formats():
    v = values("Talks on Mar. 5, 2020. On 5 March 2020, 2020-03-05 and 05/03/2020.")
    assert v["Mar. 5, 2020"] == "2020-03-05"
    assert v["5 March 2020"] == "2020-03-05"
    # no year: a day and month is the nearest such day unless the clause is future;
    # a month alone follows the tense of the clause
    assert values("They will meet on Thursday, March 5th.")["Thursday, March 5th"] == "2020-03-05"
    assert values("The dividend is payable Dec. 15.", date(2020, 10, 30))["Dec. 15"] == "2020-12-15"
    assert values("Talks collapsed in December.")["December"] == "2019-12"
    assert values("Talks will resume in February.")["February"] == "2021-02"
    assert v["2020-03-05"] == "2020-03-05"
    assert v["05/03/2020"] == "2020-03-05"
    assert values("on 05/03/2020", day_first=False)["05/03/2020"] == "2020-05-03"


def test_datelines():
    assert values("Wed 05 Apr 2017 Damascus", None)["Wed 05 Apr 2017"] == "2017-04-05"
    assert values("Posted on August 3 2013 by staff", None)["August 3 2013"] == "2013-08-03"
    assert values("Last updated at Jul 172015 Barrel bombs", None)["Jul 172015"] == "2015-07-17"


def test_weekdays_follow_tense():
    v = values("Strikes killed 19 soldiers on Sunday. On Saturday, Erdogan called on Russia.")
    assert v["Sunday"] == "2020-03-01" and v["Saturday"] == "2020-02-29"
    assert values("The leaders will meet on Monday.")["Monday"] == "2020-03-02"
    # a deadline: "until Tuesday" said on a Monday is tomorrow, said on a Friday last Tuesday
    text = "The service has given the relatives until 9 a.m. Tuesday to sign."
    assert values(text, date(2000, 4, 3))["9 a.m. Tuesday"] == "2000-04-04T09:00"
    assert values("He had until Tuesday to sign.", date(2000, 4, 7))["Tuesday"] == "2000-04-04"
    # a schedule told in the present tense
    assert values("Erdogan and Putin meet separately Thursday with envoys.")["Thursday"] == "2020-03-05"
    # announced in the past, but what starts on Thursday is ahead
    assert values("The army announced a daily halt of fighting starting on Thursday.")["Thursday"] == "2020-03-05"


def test_a_past_decision_about_a_later_month_points_forward():
    feb = date(1999, 2, 10)
    # a past verb governs the clause, but what it decides, plans or prepares is ahead
    assert values("NATO has decided to admit Poland in early March.", feb)["early March"] == "1999-03"
    assert values("The accession was planned for early March.", feb)["early March"] == "1999-03"
    assert values("He added that guidelines to be published in early November will decide.",
                  date(1989, 10, 30))["early November"] == "1989-11"
    # what was done in a month is still the month before
    assert values("NATO admitted Poland in early March.", feb)["early March"] == "1998-03"
    # ... but what it lasts until may be ahead
    oct30 = date(1989, 10, 30)
    assert values("It extended loans through January.", oct30)["January"] == "1990-01"
    assert values("It gave Merieux until mid-November to reply.", oct30)["mid-November"] == "1989-11"
    assert values("The talks, supposed to conclude by May, resumed.", date(1998, 3, 22))["May"] == "1998-05"


def test_relative_expressions():
    v = values("yesterday, two days ago, last September, this month, next year, the 1990s, the 2018 deal")
    assert v["yesterday"] == "2020-02-29"
    assert v["two days ago"] == "2020-02-28"
    assert v["last September"] == "2019-09"
    assert v["this month"] == "2020-03"
    assert v["next year"] == "2021"
    assert v["the 1990s"] == "199"
    assert v["2018"] == "2018"
    v = values("A week or so ago the army picked a day; two months or so ago it began.", date(1991, 2, 25))
    assert v["A week or so ago"] == "1991-W08" and v["two months or so ago"] == "1990-12"


def test_last_week_on_sunday_is_the_week_just_past():
    [t] = [t for t in tag("34 soldiers died last week.", SUNDAY) if t.text == "last week"]
    assert t.span.start <= date(2020, 2, 27) <= t.span.end == SUNDAY
    # on a Wednesday it is the ISO week before
    [t] = [t for t in tag("They met last week.", date(2020, 3, 4)) if t.text == "last week"]
    assert t.value == "2020-W09"


def test_alternatives_and_ranges():
    [t] = [t for t in tag("talks on Mar. 5 or Mar. 6, 2020", SUNDAY)]
    assert (t.span.start, t.span.end, t.span.precision) == (date(2020, 3, 5), date(2020, 3, 6), "either")
    [t] = [t for t in tag("fighting between 1 and 5 March", SUNDAY) if t.span]
    assert (t.span.start, t.span.end, t.span.precision) == (date(2020, 3, 1), date(2020, 3, 5), "range")


def test_months_joined_by_and_or_or_share_their_year():
    text = "Strikes hit the town in January and March 2018. Talks in May or June 2019 failed."
    spans = {t.text: t.span for t in tag(text, date(2023, 8, 1))}
    assert (spans["January and March 2018"].start, spans["January and March 2018"].end) == \
        (date(2018, 1, 1), date(2018, 3, 31))
    assert (spans["May or June 2019"].start, spans["May or June 2019"].end) == (date(2019, 5, 1), date(2019, 6, 30))
    assert [d["value"] for d in timex3(tag(text, date(2023, 8, 1)))] == ["2018-01", "2018-03", "2019-05", "2019-06"]


def test_month_ranges_share_their_year():
    for text in ("Offensive (April–August 2019)", "it ran from April to August 2019",
                 "between April and August 2019"):
        [t] = [t for t in tag(text, date(2023, 8, 1)) if t.span]
        assert (t.span.start, t.span.end, t.span.precision) == (date(2019, 4, 1), date(2019, 8, 31), "range"), text


def test_a_year_in_a_heading_dates_what_follows_it():
    published = date(2023, 8, 1)
    text = ("Timeline of the war\n\nOperation Olive Branch (January–March 2018)\n\n"
            "On 20 January, the army began an operation. In February, it took Rajo.\n\n"
            "## 2019\n\nOn 6 May, the offensive began.\n\n## 2023\n\nOn 20 January, talks began.")
    assert [(t.text, t.value) for t in tag(text, published) if t.rule in ("day_month", "month_alone")] == [
        ("20 January", "2018-01-20"), ("February", "2018-02"), ("6 May", "2019-05-06"),
        # a heading in the document's own year gives the document's date its say back
        ("20 January", "2023-01-20")]
    # a year in a sentence is not a heading: news goes back to its own days after it
    v = values("The deal of September 2018 collapsed. On 20 January, the army took Saraqib.", date(2020, 2, 3))
    assert v["20 January"] == "2020-01-20"
    # nor is a plain text's headline, often about the background
    v = values("Assad's army retakes Saraqib, lost in 2012\n\nOn 28 January, the army took Saraqib.",
               date(2020, 2, 3))
    assert v["28 January"] == "2020-01-28"


def test_a_date_opening_a_sentence_takes_the_tense_of_its_verb():
    # 20 January is nearer ahead than behind on 1 August, but the army "began"
    assert values("On 20 January, the army began an operation.", date(2023, 8, 1))["20 January"] == "2023-01-20"
    assert values("On 20 January, the army will begin.", date(2023, 8, 1))["20 January"] == "2024-01-20"
    # however long the subject, and through "vs." and "Gen." (no sentence ends there)
    text = ("In January, a week after the anniversary of the Roe vs. Wade decision, a bombing "
            "in Birmingham that Gen. Smith investigated killed a guard.")
    assert values(text, date(1998, 10, 25))["January"] == "1998-01"



def test_a_date_without_year_leans_to_the_past():
    may = date(1999, 5, 7)
    # November 3 is 185 days back and 180 ahead: news reports the past
    assert values("He was last seen Nov. 3, the day before a warrant was issued.", may)["Nov. 3"] == "1998-11-03"
    assert values("Chemical weapons are alleged to have been used on December 23.",
                  date(2013, 8, 1))["December 23"] == "2012-12-23"
    assert values("The stock rose from $29.75 in March.", date(1989, 10, 30))["March"] == "1989-03"
    assert values("He was shot to death last Oct. 23 at his home.", date(1999, 4, 19))["last Oct. 23"] == "1998-10-23"
    # only a coming date much nearer than the past one wins, or a future clause
    assert values("The bid was extended to Nov. 16.", date(1989, 10, 30))["Nov. 16"] == "1989-11-16"
    assert values("The leaders will meet on Nov. 3.", may)["Nov. 3"] == "1999-11-03"


def test_a_date_naming_an_event_ignores_the_tense_around_it():
    aug = date(1998, 8, 18)
    text = "Officials hoped she would bring aid to countries where the Aug. 7 blasts killed 257 people."
    assert values(text, aug)["Aug. 7"] == "1998-08-07"
    text = "The relatives said they would look for ways to get around Wednesday's ruling."
    assert values(text, date(2000, 1, 7))["Wednesday"] == "2000-01-05"
    # not a noun after the date: the clause decides
    assert values("The leaders would meet on Aug. 27 in Geneva.", aug)["Aug. 27"] == "1998-08-27"

def test_the_past_n_units_is_the_stretch_ending_on_the_publication_day():
    [t] = tag("76 children were among those killed over the last 15 days.", date(2016, 8, 15))
    assert (t.type, t.value) == ("DURATION", "P15D")
    assert (t.span.start, t.span.end, t.span.precision) == (date(2016, 7, 31), date(2016, 8, 15), "range")
    # no number: vague_count (three) units back; TIMEX3 keeps the vague value
    v = {t.text: t for t in tag("Tensions rose in recent weeks and over the past few days.", date(2020, 3, 1))}
    assert v["recent weeks"].value == "PXW" and v["recent weeks"].span.start == date(2020, 2, 9)
    assert v["over the past few days"].span.start == date(2020, 2, 27)
    # a duration that does not look back covers no dates
    [t] = tag("He served for the first nine months.", date(2016, 8, 15))
    assert t.value == "P9M" and t.span is None


def test_a_clock_time_on_a_day_is_one_time():
    v = values("Troops would enter the zone at noon on 23 October.", date(2019, 10, 22))
    assert v["noon on 23 October"] == "2019-10-23T12:00"


def test_a_range_is_written_as_its_dates_in_timex3():
    text = "He sold shares between 1985 and 1987, and the summit is on April 24 and 25."
    out = timex3(tag(text, date(1999, 2, 10)))
    assert [(t["text"], t["value"]) for t in out] == [("1985", "1985"), ("1987", "1987"),
                                                      ("April 24", "1999-04-24"), ("25", "1999-04-25")]
    assert all(text[t["start"]:t["end"]] == t["text"] for t in out)
    assert out[1]["of"] == {"start": 15, "end": 36, "text": "between 1985 and 1987",
                            "interval": {"start": "1985-01-01", "end": "1987-12-31", "precision": "range"}}
    assert out[3]["interval"] == {"start": "1999-04-25", "end": "1999-04-25", "precision": "day"}


def test_durations_sets_and_vague_references():
    v = values("the nine-year war; every week; recently; now; in the future; for three days; a two-hour meeting")
    assert v["the nine-year"] == "P9Y"
    assert v["every week"] == "P1W"
    assert v["recently"] == "PAST_REF" and v["now"] == "PRESENT_REF" and v["the future"] == "FUTURE_REF"
    assert v["a two-hour"] == "PT2H"
    assert v["three days"] == "P3D"


def test_impossible_dates_are_not_tagged():
    assert not [t for t in tag("on 30 February 2020", SUNDAY) if t.value.startswith("2020-02-30")]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_any_text_is_safe(text, dct):
    for t in timex3(tag(text, dct)):      # every expression, the dates of ranges too
        assert text[t["start"]:t["end"]] == t["text"]
        assert _VALID_VALUE.match(t["value"]), t["value"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["on Sunday", "Mar. 5", "last week", "2018", "three days ago", " killed ",
                                 "the 1990s", "×", "\n", "May", "yesterday", "–", "05/03/2020"]), max_size=12))
def test_offsets_match_text_for_date_heavy_input(parts):
    text = " ".join(parts)
    for t in tag(text, SUNDAY):
        assert text[t.start:t.end] == t.text


def test_cli_matches_scorer_format():
    out = subprocess.run([sys.executable, "-m", "generator.cli", "dates", "--dct", "2020-03-01"],
                         input="Killed on Sunday.".encode(), capture_output=True, check=True)
    [item] = json.loads(out.stdout)
    assert {k: item[k] for k in ("start", "end", "text", "type", "value")} == \
        {"start": 10, "end": 16, "text": "Sunday", "type": "DATE", "value": "2020-03-01"}


def test_holidays_fixed_and_nth_weekday():
    dct = date(1998, 2, 1)
    assert values("They met on Thanksgiving Day.", dct)["Thanksgiving Day"] == "1997-11-27"
    assert values("The parade will be held on Memorial Day.", dct)["Memorial Day"] == "1998-05-25"
    assert values("on Christmas Day 2019", dct)["Christmas Day 2019"] == "2019-12-25"


def test_following_unit_is_relative_to_last_date_and_weekend_looks_back():
    v = values("He was promoted on May 22, 1995, and the following year he retired.", date(1998, 4, 18))
    assert v["the following year"] == "1996"
    monday = date(1990, 8, 13)
    assert values("Officials met over the weekend.", monday)["over the weekend"] == "1990-W32-WE"
    assert values("They will meet this weekend.", monday)["this weekend"] == "1990-W33-WE"


def test_tense_reading_edge_cases():
    dct = date(1991, 2, 25)
    # "is to" must not fire inside "his top"
    assert values("The president and his top aides tentatively decided on Feb. 11 that ...", dct)["Feb. 11"] == "1991-02-11"
    # a past verb governing the date: the year ended last March, not next
    assert values("Revenue for the year ended March 31 rose.", date(1989, 11, 1))["March 31"] == "1989-03-31"
    # an adjective in -ed is not a past verb
    text = "The dividend would be paid on a still unspecified date in January."
    assert values(text, date(1989, 10, 26))["January"] == "1990-01"
    # "next to" is a place, not the future
    text = "A bomb ripped through a building next to the U.S. embassy in Nairobi Friday morning."
    assert values(text, date(1998, 8, 8))["Friday morning"] == "1998-08-07TMO"
    # what is put off until a day is ahead, though the putting off is past
    text = "Officials postponed until Tuesday morning any action on the permit."
    assert values(text, date(2000, 3, 30))["Tuesday morning"] == "2000-04-04TMO"


def test_a_sentence_full_stop_is_not_part_of_the_expression():
    spans = {t.text for t in tag("Talks ended in early March. They resume on Sept. 5 at 9 a.m. Not in June.", SUNDAY)}
    assert {"early March", "Sept. 5", "June"} <= spans
    assert not {"early March.", "June."} & spans


def test_clock_times_take_the_day_in_focus():
    v = values("Talks began on Friday. They broke off at 10 p.m. The offer expires at 5 p.m. EST March 9.")
    assert v["10 p.m."] == "2020-02-28T22:00"          # the Friday just mentioned
    assert v["5 p.m. EST March 9"] == "2020-03-09T17:00"
    assert values("The meeting ends at 9 a.m.")["9 a.m."] == "2020-03-01T09:00"   # no day in focus: the DCT


def test_durations_with_halves_and_extra_words_and_frequency_adjectives():
    v = values("They stayed 2 1/2 years, then about 5 1/2 hours; the lease runs for 20 more years "
               "or an additional year. A daily rally; his weekly radio address.")
    assert v["2 1/2 years"] == "P2Y6M" and v["5 1/2 hours"] == "PT5H30M"
    assert v["20 more years"] == "P20Y" and v["an additional year"] == "P1Y"
    assert v["daily"] == "P1D" and v["weekly"] == "P1W"
    # ages and protests are not decades and months
    assert values("when he was in his 30s, at this march") == {}


def test_a_weekday_before_a_count_is_still_a_weekday():
    assert values("On Sunday 11 civilians were killed.")["Sunday"] == "2020-03-01"
    assert values("at the close of business Thursday, 5,745,188 shares")["Thursday"] == "2020-02-27"
    assert values("on Sunday 15 March")["Sunday 15 March"] == "2020-03-15"      # one date, not two
    v = values("Machinery sold well this fall; rules are due by year's end; the fall of Aleppo.", date(1989, 10, 30))
    assert v["this fall"] == "1989-FA" and v["year's end"] == "1989" and "fall" not in v


def test_the_day_in_focus_and_generic_today():
    v = values("Talks began on Friday. Later in the day, troops shelled Ariha; at midday they withdrew.")
    assert v["Later in the day"] == "2020-02-28" and v["midday"] == "2020-02-28T12:00"
    assert values("in today's world") == {}
    assert values("In today's editions")["today"] == "2020-03-01"
