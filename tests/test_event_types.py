"""Event types: the shipped taxonomy, extended and overridden by site_config/event_types.yaml."""
import shutil

import pytest

from generator.config import load_config
from generator.extract import extract_article
from generator.ingest import read_article
from tests.conftest import ROOT


def site(tmp_path, event_types=None):
    (tmp_path / "site_config").mkdir()
    if event_types is not None:
        (tmp_path / "site_config" / "event_types.yaml").write_text(event_types)
    return load_config(tmp_path)


def type_of(tmp_path, config, sentence):
    p = tmp_path / "a.md"
    p.write_text(f"---\ndate: 2024-03-06\n---\n{sentence}\n")
    article, _ = read_article(p, tmp_path)
    return [e.type for e in extract_article(article, config).events]


@pytest.mark.parametrize("sentence, kind", [
    ("A drone strike hit a convoy on Monday.", "Explosions/Remote violence"),
    ("Gunmen kidnapped 40 pupils on Thursday.", "Violence against civilians"),
    ("Protesters stormed the parliament on Sunday.", "Riots"),
    ("Thousands marched through the capital on Sunday.", "Protests"),
    ("A magnitude 6.1 earthquake struck the province on Monday.", "Disaster"),
    ("Troops clashed with militants near the border on Sunday.", "Battles"),
    ("Both sides signed a ceasefire on Tuesday.", "Strategic developments"),
    ("The finance minister resigned on Monday.", "Politics"),
    ("The court sentenced the former minister on Friday.", "Legal"),
    ("Shares in the lender fell 20% on Monday.", "Economy"),
    ("The lander touched down on the moon on Wednesday.", "Other"),
])
def test_default_taxonomy(tmp_path, sentence, kind):
    assert type_of(tmp_path, site(tmp_path), sentence) == [kind]


def test_a_site_adds_types_tried_first_and_replaces_a_default_by_name(tmp_path):
    config = site(tmp_path, "- name: Space\n  words: [lander, moon]\n- name: Riots\n  words: []\n")
    names = [t.name for t in config.event_types]
    assert names[0] == "Space" and "Disaster" in names and names.count("Riots") == 1
    assert type_of(tmp_path, config, "The lander touched down on the moon on Wednesday.") == ["Space"]
    # Riots turned off: storming a parliament is then a protest
    assert type_of(tmp_path, config, "Protesters stormed the parliament on Sunday.") == ["Protests"]


def test_the_example_sites_types_extend_the_defaults():
    names = [t.name for t in load_config(ROOT).event_types]
    assert names.index("Statements and diplomacy") < names.index("Disaster") < names.index("Other")
