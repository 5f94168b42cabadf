"""Events in news of any kind, and page clutter that is never an event (short texts written
for these tests)."""
import pytest

from generator.extract.lexicon import load_lexicon, noun_forms, verb_forms
from tests.test_extract import extract_file

PUBLISHED = "2024-03-06"


def quotes(tmp_path, body, published=PUBLISHED):
    return [e.quote for e in extract_file(tmp_path, body, published).events]


@pytest.mark.parametrize("sentence", [
    "The army seized power in a coup on Tuesday and dissolved parliament.",                  # politics
    "A magnitude 6.1 earthquake struck the coastal province on Monday.",                       # disaster
    "Floodwaters swept away two bridges in the north on Sunday.",
    "The finance minister resigned on Monday after weeks of pressure.",
    "Thousands marched through the capital on Sunday to demand new elections.",               # protest
    "The president declared a state of emergency in three provinces on Tuesday.",
    "Regulators shut down the lender on Friday after a run on its deposits.",                  # economy
    "Shares in the bank fell 20% on Monday.",
    "Some 9,000 nurses walked off the job on Monday over pay.",                                # labour
    "The union's members voted to strike on Thursday.",
    "The probe landed near the moon's south pole on Wednesday.",                               # science
    "Gunmen kidnapped 40 pupils from a school on Thursday.",                                   # conflict
    "Five soldiers were wounded when rebels shelled the base on Saturday.",
    "Troops clashed with militants near the border on Sunday.",
    "The court sentenced the former minister to ten years in prison on Friday.",              # law
])
def test_happenings_of_every_kind_are_events(tmp_path, sentence):
    assert quotes(tmp_path, sentence + "\n") == [sentence]


@pytest.mark.parametrize("sentence", [
    "The weather has been mild for the season.",          # no happening
    "What are the protests about?",                      # a question heading an explainer
    "“We became confused, we didn’t know where to go.",  # direct speech
    "I entered the office and signed the register.",     # a witness in the first person
])
def test_sentences_that_report_no_happening_are_not_events(tmp_path, sentence):
    assert quotes(tmp_path, sentence + "\n") == []


@pytest.mark.parametrize("clutter", [
    "Rescuers carry a man pulled from the rubble of a collapsed house. (AFP)",
    "In this file photo taken on May 2, 2019, soldiers patrolled the border.",
    "LIVE: Rebels attacked two towns overnight, killing 12",
    "READ | Bank collapse: how the lender failed",
    "A police car burned during a protest. / Photo: AP Archive",
    "Skip to main contentSkip to navigation",
    "icon bookmark-bicon cameraicon checkicon chevron downicon",
    "By Wire Reporter | March 5th 2024 at 22:07:43 GMT +0300",
    "Protesters storm parliament as crisis deepens",      # a headline: a line of its own, no full stop
])
def test_page_clutter_is_not_an_event(tmp_path, clutter):
    body = f"{clutter}\n\nTroops shelled the town on Monday.\n"
    assert quotes(tmp_path, body) == ["Troops shelled the town on Monday."]


def test_an_embedded_tweet_keeps_its_words_not_its_links(tmp_path):
    body = "Protesters marched on Monday. pic.twitter.com/AbC123xyz — Some One (@someone) March 4, 2024\n"
    assert quotes(tmp_path, body) == ["Protesters marched on Monday."]


def test_a_link_glued_to_a_sentence_is_cut_off(tmp_path):
    body = "Floods killed 24 people on Monday.Also Read - Floods: what the rain means for crops\n"
    assert quotes(tmp_path, body) == ["Floods killed 24 people on Monday."]


def test_a_caption_credit_in_brackets_is_not_quoted(tmp_path):
    body = "The government confirmed the attack on Monday. [Courtesy]\n"
    assert quotes(tmp_path, body) == ["The government confirmed the attack on Monday."]


@pytest.mark.parametrize("dateline", ["Riverton/Lakeside, Mar 5 (PTI) ", "RIVERTON, Freedonia (AP) — ", "RIVERTON — ",
                                      "RIVERTON--"])
def test_a_dateline_glued_to_the_first_sentence_is_not_quoted(tmp_path, dateline):
    events = extract_file(tmp_path, f"{dateline}Rescuers reached the last coach late Sunday.\n", PUBLISHED).events
    assert [e.quote for e in events] == ["Rescuers reached the last coach late Sunday."]
    assert str(events[0].date.start) == "2024-03-03"      # late Sunday, not the dateline's day


def test_glued_sentences_are_split(tmp_path):
    body = "Both sides agreed to end the conflict.The rebels handed over their weapons on Monday.\n"
    assert quotes(tmp_path, body) == ["Both sides agreed to end the conflict.",
                                      "The rebels handed over their weapons on Monday."]


def test_word_forms_are_made_from_the_base_form():
    assert verb_forms("strike/struck/struck")[0] == {"strike", "strikes", "struck", "striking"}
    assert verb_forms("stop/stopped")[0] == {"stop", "stops", "stopped", "stopping"}
    assert verb_forms("walk off")[0] == {"walk off", "walks off", "walked off", "walking off"}
    assert verb_forms("bury")[0] == {"bury", "buries", "buried", "burying"}
    assert noun_forms("crisis/crises") == {"crisis", "crises"}
    assert noun_forms("casualty") == {"casualty", "casualties"}


def test_a_verb_needs_a_finite_form():
    lex = load_lexicon("en")
    assert lex.reports_happening("Troops shelled the town.")
    assert lex.reports_happening("The bank will be sold.")
    assert lex.reports_happening("Doctors are striking across the country.")
    assert not lex.reports_happening("Plans to strike the town")
