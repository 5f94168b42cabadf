"""Dates in news that are not the event's (short texts written for these tests)."""
from datetime import date

import pytest

from generator.extract.temporal import tag
from tests.test_extract import extract_file

DCT = date(2024, 9, 20)


def values(text, dct=DCT):
    return [(t.text, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize("text", ["The assault began at 1700 GMT.", "Troops moved in at 0600 hours."])
def test_a_military_clock_time_is_not_a_year(text):
    assert values(text) == []


@pytest.mark.parametrize("text", [
    "The army has stayed on alert since the October 7 attack.",
    "Thousands will stay in camps, as they have since October 7.",
])
def test_a_day_after_since_is_in_the_past(text):
    assert values(text) == [("October 7", "2023-10-07")]


def test_a_coming_day_named_by_its_date_still_points_ahead():
    assert values("Security will be tight for the October 7 anniversary.") == [("October 7", "2024-10-07")]


@pytest.mark.parametrize("text", [
    "Parliament passed the 2023 Budget Act.",
    "The 2025 Finance Bill was approved.",
    "The port is part of Vision 2030.",
])
def test_a_year_in_the_name_of_a_law_or_plan_is_no_date(text):
    assert values(text) == []


def test_a_year_that_is_a_year_is_still_one():
    assert values("The law was passed in 2023.") == [("2023", "2023")]


def test_a_law_named_by_its_year_does_not_date_the_event(tmp_path):
    body = "Troops shelled the town on Monday.\n\nParliament passed the 2023 Budget Act.\n"
    events = extract_file(tmp_path, body, "2024-03-06").events
    assert [str(e.date.start) for e in events] == ["2024-03-04", "2024-03-04"]


def test_a_dateline_date_does_not_override_late_sunday(tmp_path):
    body = "RIVERTON, Freedonia, March 5 (Reuters) - Missiles struck the port late Sunday, officials said.\n"
    events = extract_file(tmp_path, body, "2024-03-05").events
    assert [e.quote for e in events] == ["Missiles struck the port late Sunday, officials said."]
    assert events[0].date.start == date(2024, 3, 3)
