"""Who claims what a sentence reports (short texts written for these tests)."""
import pytest

from generator.config import load_config
from generator.extract.events import Extractor
from tests.conftest import ROOT

EXTRACTOR = Extractor(load_config(ROOT))


@pytest.mark.parametrize("sentence, who", [
    ("Shelling killed two people, the Freedonian Red Crescent said.", "Freedonian Red Crescent"),
    ("On Saturday Jaish al-Islam said it had shot down a drone.", "Jaish al-Islam"),
    ("Three soldiers died, according to the Ministry of Defence.", "Ministry of Defence"),
    ("Five people died, according to the Britain-based monitor.", "Syrian Observatory for Human Rights"),
    ("The Local Council of Deir al-Adas reported heavy shelling.", "Local Council of Deir al-Adas"),
    ("Two died, officials said according to U.S. media.", "U.S."),
    ("It said the road was closed.", ""),                  # a pronoun names nobody
    ("Haifa Said reported the strike.", "Haifa Said"),      # the name Said is no reporting verb
])
def test_claimant(sentence, who):
    assert EXTRACTOR._claimed_by(sentence) == who


def test_a_long_run_of_capitalised_words_is_read_in_linear_time():
    # each reporting verb looks back over the run once; a pattern with nested quantifiers
    # over capitalised words would take hours here
    run = " ".join(["Word"] * 40_000)
    assert EXTRACTOR._claimed_by(f"{run} x said {run} said") == " ".join(["Word"] * 40_000)
    assert EXTRACTOR._claimed_by(f"{run} x {run}.") == ""
