"""Places and actors: transliteration-tolerant matching without false hits, metonymy."""
import pytest

from generator.config import load_config
from generator.extract.events import Extractor
from generator.gazetteer import Matcher, fold
from tests.conftest import ROOT

CONFIG = load_config(ROOT)
MATCHER = Matcher(CONFIG.places)
EXTRACTOR = Extractor(CONFIG)


def places(sentence):
    return [p.name for p, _, _ in MATCHER.find(sentence)]


@pytest.mark.parametrize("spelling,name", [
    ("Ma'arrat al-Nu'man", "Maarat al-Numan"), ("Maarrat an-Numan", "Maarat al-Numan"),
    ("Maarat al-Nu’man", "Maarat al-Numan"), ("Idleb", "Idlib"), ("Edlib", "Idlib"),
    ("Jisr ash-Shughour", "Jisr al-Shughur"), ("Jisr al-Shughour", "Jisr al-Shughur"),
    ("Khan Shaykhun", "Khan Sheikhoun"), ("Khan Sheikhun", "Khan Sheikhoun"), ("Saraqeb", "Saraqib"),
    ("Jebel al-Zawiya", "Jabal al-Zawiya"), ("Kafr Nubl", "Kafranbel"), ("al-Atareb", "Atarib"),
    ("Deir Ezzor", "Deir ez-Zor"), ("Jarabulus", "Jarablus"), ("Tadmur", "Palmyra"),
])
def test_transliterations_find_one_place(spelling, name):
    assert places(f"Shelling hit {spelling} on Sunday, residents said.") == [name]


def test_packaged_gazetteer_adds_towns_with_coordinates():
    found = {p.name: p for p, _, _ in MATCHER.find("Clashes reached Salamiyah and Qardaha.")}
    assert "As Salamiyah" in found and 34 < found["As Salamiyah"].lat < 36


@pytest.mark.parametrize("sentence", [
    "A tall man said the home of the homes was fine.",
    "Hamas and Home Office officials met Dana White on Monday.",
    "The ministry said the march would go ahead in the morning.",
    "The minister, Ali Qasim, said aid would arrive.",
])
def test_no_false_hits_on_words_and_names(sentence):
    assert places(sentence) == []


def test_fold_is_spelling_insensitive_but_keeps_names_apart():
    assert fold("Ma'arrat al-Nu'man") == fold("Maarat an-Numan")
    assert fold("Homs") != fold("Hamas") and fold("Hama") != fold("Homs")


def test_capitals_acting_are_actors_not_places():
    s = "Ankara insisted that Damascus withdraw, while Moscow and the Kremlin said talks in Moscow would go on."
    # only "in Moscow" is a place, and the country it lies in
    assert [p.name for p in EXTRACTOR._places(s, 0, len(s))] == ["Moscow", "Russia"]
    assert set(EXTRACTOR._actors(s)) == {"Turkey", "Syrian government", "Russia"}


@pytest.mark.parametrize("sentence,actor", [
    ("The regime shelled the town.", "Syrian government"),
    ("Syrian forces advanced overnight.", "Syrian government"),
    ("Turkish-backed forces captured two villages.", "Turkish-backed forces"),
    ("Hayat Tahrir al-Sham fighters repelled the attack.", "Hayat Tahrir al-Sham"),
    ("The Kremlin denied involvement.", "Russia"),
])
def test_actor_metonymy(sentence, actor):
    assert actor in EXTRACTOR._actors(sentence)


def test_monitors_claim_rather_than_act():
    s = "Air strikes killed 12 people in Ariha, a war monitor said."
    assert EXTRACTOR._claimed_by(s) == "Syrian Observatory for Human Rights"
    assert "Syrian Observatory for Human Rights" not in EXTRACTOR._actors(s)
