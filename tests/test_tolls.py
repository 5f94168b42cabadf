"""Tolls: how many people a sentence says were killed (short texts written for these tests)."""
import pytest

from generator.extract.tolls import load_tolls
from tests.test_extract import extract_file


@pytest.mark.parametrize("sentence, toll", [
    ("Floods have left 1,037 dead across the region.", 1037),
    ("The quake raised the death toll to more than 14,000.", 14000),
    ("At least 56 people have been killed in the fighting.", 56),
    ("The ambush left 15 soldiers dead near the border.", 15),
    ("Twelve people, including four children, died in the blaze.", 12),
    ("The death toll from the crash rose to 288 on Sunday.", 288),
    ("Rebels shelled the market, killing twenty-one civilians.", 21),
    ("Gunmen killed at least nine soldiers and injured 30 others.", 9),
    ("Four police officers and two civilians were killed in mine blasts.", 6),
    ("The raid left 14 soldiers and three volunteers dead.", 17),
    ("Officials raised the fatality count from the fires to 53, an increase of 17.", 53),
    ("One person died in the town and another was injured.", 1),
    ("A guard who tried to stop the robbers lost his life.", 1),
    ("Nearly 1.3 million people fled and 1,200 people have lost their lives.", 1200),
])
def test_tolls_are_read_right(sentence, toll):
    assert load_tolls("en").killed(sentence) == toll


@pytest.mark.parametrize("sentence", [
    "Dozens were killed in the attack.",                       # no number
    "Hundreds of people died in the floods.",
    "115 people were injured in the blast.",                    # injured are not killed
    "Some 30 people were wounded and 12 others are missing.",
    "In ten or more attacks people have died.",
    "The storm destroyed 1,500 houses.",
])
def test_no_toll_where_none_is_stated(sentence):
    assert load_tolls("en").killed(sentence) is None


def test_a_running_toll_is_background_not_a_days_event(tmp_path):
    body = ("Shelling killed four civilians in the town on Tuesday.\n\n"
            "The conflict has killed tens of thousands of people since it started.\n")
    events = extract_file(tmp_path, body, "2024-03-06").events
    assert [e.fatalities for e in events] == [4]
