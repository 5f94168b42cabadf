"""Actors from the text itself: known actors, states, forces, acronyms, people, groups."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import Actor
from generator.extract.actors import ResourceError, article_actors, load_lexicon


def names(text: str, **kw) -> list[str]:
    return list(article_actors(text, **kw).between(0, len(text)))


def site_rx(*actors: Actor):
    return [(a, re.compile(r"\b(?:" + "|".join(map(re.escape, a.aliases)) + r")\b", re.I)) for a in actors]


@pytest.mark.parametrize("text,actor", [
    ("Al-Shabaab fighters attacked a hotel.", "Al-Shabab"),
    ("IS allegedly accused the Taliban of working with the US military.", "Islamic State"),
    ("IS allegedly accused the Taliban of working with the US military.", "Taliban"),
    ("IS allegedly accused the Taliban of working with the US military.", "US military"),
    ("The U.N. refugee agency rushed in more aid on Monday.", "UNHCR"),
    ("Hamas fired rockets and Hezbollah shelled a base.", "Hezbollah"),
    ("Binance agreed to buy FTX.com on Tuesday.", "FTX"),
])
def test_known_actors_and_aliases(text, actor):
    assert actor in names(text)


def test_acronyms_in_capitals_only():
    assert names("He said it is what it is and who knows.") == []
    assert names("The WHO said IS fighters fled.") == ["World Health Organization", "Islamic State"]


def test_acronym_defined_in_the_article_names_the_full_name_later():
    text = ("Fighters of the Northern Valley Defence Brigades (NVDB) took the town. "
            "Two days later NVDB units withdrew. The Northern Valley Defence Brigades denied it.")
    a = article_actors(text)
    # one name for both, whichever the text uses, with the acronym: a reader knows it by either
    assert a.between(0, len(text)) == ("Northern Valley Defence Brigades (NVDB)",)
    later = text.index("Two days")
    assert a.between(later, text.index(" The Northern")) == ("Northern Valley Defence Brigades (NVDB)",)
    # an acronym that is itself a known actor's is that actor, whatever the words before it
    assert names("Fighters of the Islamic State in Iraq and Syria (ISIS) fled.") == ["Islamic State"]


def test_demonyms_with_forces_and_state_nouns():
    assert names("Russian forces shelled the port.") == ["Russian military"]
    assert names("Four Azerbaijani police officers were killed.") == ["Azerbaijani police"]
    assert names("The Colombian government suspended talks.") == ["Government of Colombia"]
    assert names("Turkish drones struck a convoy.") == ["Turkish military"]
    assert names("Kazakhstan's government resigned.") == ["Government of Kazakhstan"]
    # one form per kind, however the text words them: forces by demonym, the government as an institution
    assert names("Colombia's army and the government of Colombia met.") == ["Colombian army", "Government of Colombia"]
    # a state the lexicon knows no demonym for is named by its name
    assert names("Republic of the Congo's army withdrew.") == ["Republic of the Congo army"]
    assert names("An Iranian woman died in custody.") == []        # a demonym alone acts not


def test_the_army_is_the_army_of_the_articles_country():
    text = ("Colombia: rebels attack a base. Colombian officials said talks would go on in Bogota. "
            "The army said two soldiers died. Police arrested a suspect.")
    assert article_actors(text).focus == "CO"
    tail = text.index("The army")
    assert article_actors(text).between(tail, len(text)) == ("Colombian army", "Colombian police")
    # "its armed forces": the forces of whoever "its" is, not the article's country's
    assert names("The TPLF offensive was repulsed and its armed forces pushed back.", focus="ET") == ["TPLF"]
    # no country named: "the army" says not whose
    assert names("The army said two soldiers died.") == []
    # the site or the places module may say which country the article is about
    assert names("The army said two soldiers died.", focus="PE") == ["Peruvian army"]
    # a force with a name of its own keeps it
    assert names('She was detained by the "morality police" in Tehran.', focus="IR") == ["Iranian morality police"]


def test_places_are_actors_only_when_they_act():
    assert names("Floods in Pakistan killed 24 people.") == []
    assert names("Ankara insisted on a withdrawal.") == ["Turkey"]
    assert names("Peacekeepers were deployed by Moscow in 2020.") == ["Russia"]
    assert names("The United States claimed its forces killed 13 fighters.") == ["United States"]
    assert names("Talks were held in Moscow and the Azerbaijani capital.") == []


def test_people_by_title_name_and_surname():
    text = ("President Hassan Sheikh Mohamud took office in May. Marine Gen. Kenneth F. McKenzie Jr. "
            "spoke. UAW President Shawn Fain called a strike. Fain said talks failed. McKenzie added.")
    assert names(text) == ["Hassan Sheikh Mohamud", "Kenneth F. McKenzie Jr.", "UAW", "Shawn Fain"]
    later = text.index("Fain said")
    assert article_actors(text).between(later, len(text)) == ("Shawn Fain", "Kenneth F. McKenzie Jr.")


def test_organisations_by_their_head_word():
    assert names("The National Disaster Management Authority said 24 died.") == \
        ["National Disaster Management Authority"]
    assert names("Trading in Silicon Valley Bank shares was halted.") == ["Silicon Valley Bank"]
    assert names("The Ministry of Defence denied it.") == ["Ministry of Defence"]


def test_no_junk_from_capitals():
    for text in ("On Sunday, engineers cut into an embankment.",
                 "Rescuers raced Tuesday to find survivors at Hamid Karzai International Airport.",
                 "Suspected Islamist insurgents attacked Lake Manchar in March.",
                 "Ecuador, a South American country, held elections.",
                 "MASSIVE DESTRUCTION IN THE NORTH."):
        got = names(text)
        assert all(n.startswith("Islamist") for n in got), (text, got)


def test_news_agencies_credited_are_not_actors():
    assert names("Gunmen stormed the studio (AP) and fled, police told Reuters.", focus="") == ["Gunmen"]
    assert names("Reuters reported that the bank failed.") == ["Reuters"]


def test_collective_actors_with_the_articles_country():
    assert names("Demonstrators stormed the mayor's office.", focus="KZ") == ["Protesters (Kazakhstan)"]
    assert names("Islamist militants attacked Palma.", focus="MZ") == ["Islamist militants (Mozambique)"]
    # context-free: "rebels" on their own say not which side
    assert names("The rebels advanced.", focus="MZ") == []
    assert names("Armenian separatists laid mines.") == ["Armenian separatists"]


def test_the_group_is_the_armed_group_named_last():
    text = "Al-Shabab attacked a hotel. The Al-Qaeda-linked jihadist group claimed responsibility."
    later = text.index("The Al-Qaeda")
    assert article_actors(text).between(later, len(text)) == ("Al-Shabab",)
    assert names("The jihadist group claimed responsibility.", focus="") == ["Jihadist group"]


def test_site_actors_win_and_monitors_are_not_actors():
    site = site_rx(Actor("Junta of Somewhere", ("the regime", "regime")),
                   Actor("Somewhere Watch", ("the Observatory", "Somewhere Watch"), True))
    text = "The regime shelled a village, the Observatory said."
    assert names(text, site=site) == ["Junta of Somewhere"]
    assert names(text) == []          # without the site's word, "regime" names nobody


def test_malformed_resources_are_reported_with_the_file(tmp_path: Path):
    src = Path(load_lexicon.__wrapped__.__code__.co_filename).parent / "resources" / "en" / "actors"
    for f in src.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "known.yaml").write_text("- {name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="known.yaml"):
        load_lexicon.__wrapped__(tmp_path)


def test_the_president_and_he_are_the_person_named():
    text = ("Gunmen stormed a studio and the president issued a decree. President Ana Roca said "
            "Monday that order would return. She added that the army was deployed.")
    a = article_actors(text, focus="EC")
    first = text.index(" President Ana")
    assert a.between(0, first) == ("Gunmen (Ecuador)", "Ana Roca")
    last = text.index("She added")
    assert a.between(last, len(text)) == ("Ana Roca", "Ecuadorian army")
    # the title of something else, or the title alone with nobody so titled, is nobody
    assert names("The president of the club resigned.") == []


def test_the_countrys_leader_is_the_leader_of_the_articles_country():
    assert names("Later the nation's prime minister traveled south.", focus="PK") == ["Prime Minister of Pakistan"]
    assert names("Later the nation's prime minister traveled south.", focus="") == []


def test_the_bank_and_the_company_are_the_ones_named():
    text = ("Shares of Northfield Savings Bank fell. The bank said it lost $2 billion. "
            "Credit Suisse shares slid. Trading in the Swiss bank's shares was halted. "
            "The cash-strapped company added that it had a new chief. The holding company of the bank was sold.")
    a = article_actors(text)
    said = text.index("The bank said")
    assert a.between(said, said + 14) == ("Northfield Savings Bank",)
    swiss = text.index("Trading in")
    assert a.between(swiss, swiss + 50) == ("Credit Suisse",)
    cash = text.index("The cash")
    assert a.between(cash, cash + 30) == ("Credit Suisse",)
    holding = text.index("The holding")
    assert a.between(holding, holding + 24) == ()       # "the holding company of ...": not a reference
    assert a.between(holding + 24, len(text)) == ("Credit Suisse",)   # "the bank" is the last named


def test_states_as_agents_and_institutions_of_the_articles_country():
    assert names("A ceasefire deal between Armenia and Azerbaijan held.") == ["Armenia", "Azerbaijan"]
    assert names("It began after Parliament's dismissal of the president.", focus="PE") == \
        ["Parliament of Peru"]
    assert names("Masked men broke onto the set.", focus="EC") == ["Masked gunmen (Ecuador)"]


def test_supporters_and_protests_name_their_actors():
    assert names("Supporters of former President Jair Bolsonaro stormed Congress.") == \
        ["Jair Bolsonaro supporters", "Jair Bolsonaro"]
    assert names("The demonstrations began this week.", focus="KZ") == ["Protesters (Kazakhstan)"]


def test_a_states_leader_is_the_person_with_that_title():
    text = "President Ana Roca took office. Later Kazakhstan's president stripped his rival of a post."
    later = text.index("Later")
    assert article_actors(text).between(later, len(text)) == ("Ana Roca",)
    assert names("Later Kazakhstan's president stripped his rival of a post.") == ["Kazakhstan"]


def test_a_force_after_a_site_actor_is_not_the_articles_countrys():
    site = site_rx(Actor("Russia", ("Russian", "Russia")))
    text = "Turkey said Turkish officials met. Russian military police will patrol."
    assert names(text, site=site) == ["Turkey", "Government of Turkey", "Russia"]


def test_a_force_word_before_a_noun_is_that_force():
    # a convoy or a base of the army: the army is in the event (as ACLED's second actor)
    assert names("A military convoy was hit.", focus="SY") == ["Syrian military"]


def test_two_site_actors_in_one_word():
    site = site_rx(Actor("Russia", ("Russian",)), Actor("Turkey", ("Turkish",)))
    assert names("Joint Russian-Turkish patrols will start.", site=site) == ["Russia", "Turkey"]


def test_a_company_name_inside_a_persons_name_is_the_person():
    assert names("Actor Harrison Ford said he was glad.") == ["Harrison Ford"]
    assert names("General Motors and Ford were struck.") == ["General Motors", "Ford"]
    assert names("Like Instagram, the app grew. Once Trump spoke, it fell.") == []


def test_a_name_after_a_place_noun_is_a_place():
    assert names("Jets bombed the town of Kafr Batna Jisreen on Monday.") == []
    assert names("Shells fell on a market in the town of Maaret al-Numan.") == []


def test_an_acronym_with_a_possessive_is_the_acronym():
    text = "Fighters of the Lakeside Liberation Front (LLF) advanced. The LLF's offensive was repulsed."
    offensive = text.index("The LLF's")
    assert article_actors(text).between(offensive, len(text)) == ("Lakeside Liberation Front (LLF)",)
    assert names("The TPLF's negotiators arrived.") == ["TPLF"]        # a known acronym too
    assert names("The QXZ's engineers arrived.") == ["QXZ"]            # and one seen nowhere else


def test_names_with_particles_and_hyphenated_given_names():
    assert names("He succeeded President Luiz Inácio Lula da Silva in the race.") == ["Luiz Inácio Lula da Silva"]
    assert names("On Tuesday, President Yoon Seong-yeol criticised the plan.") == ["Yoon Seong-yeol"]
    # a run with a particle before a place word, or a state's hyphenated adjective, is a place
    assert names("The general travelled to the Norte de Santander province.") == []
    assert names("A truck drove on the road to Azerbaijani-controlled Shusha.") == []


def test_a_qualified_group_with_a_vigilante():
    assert names("A member of a vigilante group was killed.", focus="NG") == ["Vigilante group (Nigeria)"]


def test_the_government_is_the_government_of_the_articles_country_or_the_one_named():
    assert names("Prices doubled as the government ended price controls.", focus="KZ") == ["Government of Kazakhstan"]
    assert names("Rebels signed a deal with the government of Colombia.", focus="KZ") == ["Government of Colombia"]
    assert names("Prices doubled as the government ended price controls.", focus="") == []
    # without "the" the word names nobody: "government forces" is a context-free word for the site
    assert names("Clashes with government forces went on.", focus="KZ") == []


def test_a_name_the_site_gives_a_states_force_or_government_is_used():
    site = site_rx(Actor("Damascus regime", ("Syrian army", "Syrian government")))
    assert names("The army shelled the town.", focus="SY", site=site) == ["Damascus regime"]
    assert names("The government denied it.", focus="SY", site=site) == ["Damascus regime"]
    assert names("Syria's government denied it.", site=site) == ["Damascus regime"]
    assert names("The army shelled the town.", focus="SY") == ["Syrian army"]


def test_a_company_named_after_its_noun_and_all_companies_of_a_plural():
    text = "Militants attacked the town, where the French energy company Total runs a project."
    assert "Total" in names(text)
    text = ("The union struck at Detroit's three big automakers. Plants of General Motors, "
            "Ford and Stellantis stopped.")
    strike = text.index("The union")
    assert article_actors(text).between(strike, text.index(". Plants")) == ("General Motors", "Ford", "Stellantis")
    # a possessive does not say which one a singular noun is
    assert names("Credit Suisse fell. Lakeland Bank rose. Switzerland's biggest bank lost clients.")[2:] == []


def test_the_bank_is_not_an_organisation_its_name_says_is_of_another_kind():
    text = ("Shares of Valley Financial Group, the holding company of Valley Bank, fell. "
            "The bank said it lost $2 billion.")
    said = text.index("The bank said")
    assert article_actors(text).between(said, len(text)) == ("Valley Bank",)


def test_a_bare_group_or_force_noun_refers_to_the_one_named_with_it_before():
    text = "Mines laid by Armenian separatists killed four. The town was recaptured from separatists in 2020."
    later = text.index("The town")
    assert article_actors(text).between(later, len(text)) == ("Armenian separatists",)
    text = "The UN peacekeeping mission said its base was hit. The number of peacekeepers killed rose to 17."
    later = text.index("The number")
    assert article_actors(text).between(later, len(text)) == ("UN peacekeepers",)
    # with a modifier of its own it is another group; troops and soldiers may be any side's
    text = "Kurdish militia fighters held the town. Islamic State fighters attacked it."
    assert article_actors(text).between(text.index("Islamic"), len(text)) == ("Islamic State",)
    text = "Russian troops entered the city. Turkey deployed troops to the border."
    assert article_actors(text).between(text.index("Turkey"), len(text)) == ("Turkey",)


def test_a_name_with_a_particle_that_is_a_place_is_no_person():
    assert names("Rio de Janeiro's governor resigned.") == []
    assert names("Santiago de Cuba's mayor resigned.") == []


def test_an_acronym_not_defined_is_the_name_it_spells_out():
    text = "The United Auto Workers called a strike. UAW members walked out at midnight."
    later = text.index("UAW members")
    assert article_actors(text).between(later, len(text)) == ("United Auto Workers",)
    assert names("UAW members walked out at midnight.") == ["UAW"]


def test_officials_of_a_named_place_but_not_of_a_bare_place_word():
    assert names("Maui County officials said the fire spread.") == ["Maui County"]
    assert names("City authorities urged residents to stay home.") == []


def test_a_school_title_names_nobody_but_the_person_after_it():
    assert names("This was made known by the Head Teacher, Sani Abdullahi, who spoke.") == ["Sani Abdullahi"]
    assert names("I entered the Acting Principal's office.") == []


def test_a_name_between_the_and_a_noun_of_organisations_is_one():
    assert names("Drivers of the Teamsters union walked out.") == ["Teamsters"]
    text = "Silicon Valley Bank failed. Depositors of the Silicon Valley bank queued."
    assert article_actors(text).between(text.index("Depositors"), len(text)) == ("Silicon Valley Bank",)
    assert names("Shares of the Swiss bank fell.") == []


def test_a_name_after_the_is_no_person():
    # an article before a bare name makes it a place or thing: people are not written "the X Y"
    assert names("Fighting focused on the Jamiyat al Zahra quarter, which houses offices.") == []
    assert names("The Karam al Jabal which houses several offices fell.") == []
    assert names("Shawn Fain said the Jabal Hassan fell.") == ["Shawn Fain"]
    # but a group is written so: a plural name, or a group noun after it
    assert names("Rescuers of the White Helmets said 38 died.") == ["White Helmets"]
    assert names("Heads of the Ahrar al-Sham militant group were killed.") == ["Ahrar al-Sham"]


def test_named_craft_their_series_and_owner():
    text = ("The Northern Space Agency's (NSA) second lunar mission Selene-2 will land on Friday. "
            "Selene 2's Orla lander touched down. Selene-1 had crashed in 2019 when its rover 'Brin' failed. "
            "The Selene-2 mission was launched in July.")
    a = article_actors(text)
    land = text.index("Selene 2's")
    # the lander, the craft it belongs to and the agency that owns that craft's series
    assert set(a.between(land, text.index("Selene-1"))) == {"Orla", "Selene-2", "Northern Space Agency (NSA)"}
    # an earlier craft of the series is the same agency's
    assert set(a.between(text.index("Selene-1"), text.index("The Selene-2"))) >= {"Selene-1", "Brin",
                                                                                 "Northern Space Agency (NSA)"}
    assert a.between(text.index("The Selene-2"), len(text)) == ("Selene-2", "Northern Space Agency (NSA)")


def test_craft_nouns_that_name_weapons_or_bodies_need_a_number():
    assert names("A Katyusha rocket hit the base.") == []
    assert names("SpaceX's Starship rocket exploded after launch.") == ["SpaceX", "Starship"]
    assert names("The Falcon 9 rocket lifted off.") == ["Falcon 9"]
    assert names("The Mars rover found water.") == []
    assert names("The UN mission left.") == ["United Nations"]
    # an owner's possessive before the noun is no craft's name
    assert names("Orbital Dynamics Corp's lander concept won.") == ["Orbital Dynamics Corp"]


def test_sentences_glued_by_a_full_stop_are_two():
    assert names("It was put into orbit by the rocket LVM3.The spacecraft left.") == ["LVM3"]


def test_union_leaders_are_the_union_the_text_calls_one():
    text = ("Ford and union leaders reached a deal on Monday. Union members rejected it. "
            "Members of TWU 12, the transport workers union, walked out.")
    a = article_actors(text)
    assert a.between(0, text.index("Union members")) == ("Ford", "TWU")
    assert a.between(text.index("Union members"), text.index("Members of")) == ("TWU",)
    # no union named: "union members" say not which
    assert names("Union members voted to strike.") == []


def test_a_common_noun_opening_a_sentence_is_no_part_of_the_name_after_of():
    assert names("Members of the NWU said the plant closed.") == ["NWU"]
    assert names("Supporters of Ana Silva marched.") == ["Ana Silva supporters", "Ana Silva"]


def test_investors_and_headline_abbreviations():
    assert names("Prominent venture capitalists told firms to withdraw funds.", focus="") == ["Venture capitalists"]
    assert names("The Ethiopian Gov't and the TPLF signed a deal.") == ["Government of Ethiopia", "TPLF"]


def test_a_sites_group_noun_qualified_in_the_text_is_the_texts_reading():
    rebels = Actor(name="Rebels", aliases=("rebels", "insurgents"))
    site = site_rx(rebels)
    assert names("Suspected Islamist insurgents attacked a convoy.", site=site, focus="MZ") == \
        ["Islamist insurgents (Mozambique)"]
    assert names("Insurgents attacked a convoy.", site=site, focus="MZ") == ["Rebels"]
    assert names("Syrian Islamist insurgents took the town.", site=site) == ["Syrian Islamist insurgents"]


def test_place_words_that_are_also_names_count_only_in_their_place():
    # "Khan" opens place names, "Bill" and "Park" end names of things: elsewhere they are names
    assert names("Former prime minister Imran Khan was arrested.") == ["Imran Khan"]
    assert names("Shelling hit Khan Shaykhun on Monday.") == []
    assert names("Bill Ackman met Park Geun-hye.") == ["Bill Ackman", "Park Geun-hye"]
    assert names("Lawmakers said the Finance Bill passed.") == []


def test_a_title_next_to_a_name_is_no_headline_word():
    assert names("Acme CEO John Ackman compared the collapse to 2008.") == ["John Ackman"]


def test_a_title_before_a_name_is_that_persons_and_former_is_kept_apart():
    text = ("Supporters of former Brazilian President Jair Bolsonaro stormed Congress. President Luiz "
            "Lula da Silva condemned it. The former president, who flew to Miami, has not commented. "
            "The president said order was restored.")
    a = article_actors(text)
    # "Brazilian President" is Bolsonaro's title, not a second president of Brazil
    assert a.between(0, text.index("President Luiz")) == ("Jair Bolsonaro supporters", "Jair Bolsonaro",
                                                          "Congress of Brazil")
    assert a.between(text.index("The former"), text.index("The president")) == ("Jair Bolsonaro",)
    assert a.between(text.index("The president"), len(text)) == ("Luiz Lula da Silva",)


def test_the_terror_group_and_a_central_government():
    text = "Al-Shabab stormed a hotel. In a statement, the terror group said it held the building."
    assert article_actors(text).between(text.index("In a"), len(text)) == ("Al-Shabab",)
    # no group named before: "a terrorist group" names none
    assert names("It is considered a terrorist group.") == []
    assert names("It waged an insurgency against Somalia's central government.") == ["Government of Somalia"]


def test_a_craft_is_shown_as_the_article_writes_it_most():
    text = "Selene 2's Orla lander touched down. The Selene-2 mission ended. Selene-2 had flown for a month."
    assert set(article_actors(text).between(0, len(text))) == {"Orla", "Selene-2"}


def test_the_two_sides_are_the_pair_named_last():
    text = ("TPLF, Ethiopian Gov't reach deal. The mediator said the two sides had agreed on a truce. "
            "The mediator added that both parties would honour it.")
    a = article_actors(text)
    assert a.between(text.index("The mediator"), text.index("The mediator added")) == ("TPLF", "Government of Ethiopia")
    assert a.between(text.index("The mediator added"), len(text)) == ("TPLF", "Government of Ethiopia")
    # no pair named: "both sides" say not who
    assert names("Fighting resumed and both sides blamed each other.") == []


def test_agencies_colleges_and_schools_by_their_head_word():
    assert names("Tesla recalled cars after a probe by the National Highway Traffic Safety Administration.") == \
        ["Tesla", "National Highway Traffic Safety Administration"]
    assert names("Nurses struck, the Royal College of Nursing said.") == ["Royal College of Nursing"]
    # "and" inside a name the head word closes
    assert names("Pupils of the LEA Primary and Secondary School were kidnapped.") == \
        ["LEA Primary and Secondary School"]
    assert names("John Smith and Mary Jones met.") == ["John Smith", "Mary Jones"]


def test_a_states_agency_named_by_what_it_does():
    assert names("Indonesia's disaster agency said 50 people died.") == ["Indonesian disaster agency"]
    assert names("The Turkish disaster management agency said 24,400 workers were deployed.") == \
        ["Turkish disaster management agency"]
    assert names("Japan's agency said it would check.") == []      # which one, it says not
    # the agency's name follows: that is the actor
    assert names("Syrian state news agency SANA said rebels fired.") == ["SANA"]
    assert names("Protesters stormed the President's House and Presidential Secretariat.", focus="") == \
        ["Protesters", "Presidential Secretariat"]


def test_a_sentence_takes_the_actors_within_it_in_order():
    from generator.extract.actors import ArticleActors, Mention
    spans = [(0, 5, "A"), (3, 4, "B"), (6, 9, "C"), (6, 12, "D"), (10, 10, "E"), (10, 15, "A"), (20, 25, "F")]
    found = ArticleActors(tuple(Mention(*s) for s in spans))
    for start in range(0, 26):
        for end in range(start, 27):
            expected = tuple(dict.fromkeys(m.name for m in found.mentions if start <= m.start and m.end <= end))
            assert found.between(start, end) == expected
