"""Headlines, Pagefind records, `timeline preview` and the site_url warning (issue 19)."""
import urllib.error
import urllib.request
from datetime import date

from generator.export.preview import PagesServer, subpath
from generator.export.site import site_url_warning
from generator.model import DateSpan, Event, Place
from generator.render.event import event_section
from generator.render.context import SiteInput
from generator.render.headline import headline
from generator.render.search import record

DAY = DateSpan(date(2020, 3, 1), date(2020, 3, 1), "day", "2020-03-01", "Sunday")
SENTENCE = ("The 19 died when a military convoy was hit in the Jabal al-Zawiya area and a base near "
            "Maarat al-Numan city, the Syrian Observatory said.")


def _event(**kw):
    fields = dict(id="the-19-died-when-a-military-c961c7", title="The 19 died when a military convoy was hit in the Jabal…",
                  date=DAY, quote=SENTENCE, article="a.md")
    fields.update(kw)
    return Event(**fields)


def test_a_machine_title_becomes_a_headline_from_the_fields():
    e = _event(type="Explosions/Remote violence", fatalities=19,
               places=(Place("Jabal al-Zawiya"), Place("Maarat al-Numan"), Place("Syria", kind="country")))
    assert headline(e) == "Strike in Jabal al-Zawiya and Maarat al-Numan: 19 killed"
    # a country beside a town adds nothing; alone it is the place
    assert headline(_event(type="Battles", places=(Place("Syria", kind="country"), Place("Saraqib")))) == \
        "Fighting in Saraqib"
    assert headline(_event(type="Battles", places=(Place("Syria", kind="country"),))) == "Fighting in Syria"


def test_figures_that_differ_are_not_put_in_a_headline():
    other = _event(id="other-abc123", fatalities=26, article="b.md")
    e = _event(type="Explosions/Remote violence", fatalities=19, places=(Place("Idlib"),), also=(other,))
    assert headline(e) == "Strike in Idlib"


def test_without_a_telling_type_or_a_place_the_whole_sentence_is_the_entry_and_not_quoted_again():
    for e in (_event(type="Strategic developments", places=(Place("Idlib"),)),
              _event(type="Battles"), _event()):
        assert headline(e) == SENTENCE
        section = event_section(e, SiteInput("t", "d", (e,)), "2020/03/01/index.md")
        assert section.title == SENTENCE and "<blockquote>" not in section.html
    e = _event(type="Battles", places=(Place("Idlib"),))
    assert "<blockquote>" in event_section(e, SiteInput("t", "d", (e,)), "2020/03/01/index.md").html


def test_an_editors_title_is_kept():
    assert headline(_event(title="Drone strikes on a convoy", type="Battles", places=(Place("Idlib"),))) == \
        "Drone strikes on a convoy"
    assert headline(_event(title="Operation Spring Shield announced", origin="curated", quote="")) == \
        "Operation Spring Shield announced"


def test_a_search_record_is_one_event():
    e = _event(type="Battles", places=(Place("Saraqib"), Place("Idlib")), actors=("Turkey",))
    r = record(e)
    assert r["url"] == "2020/03/01/#the-19-died-when-a-military-c961c7"
    assert r["filters"] == {"place": ["Saraqib", "Idlib"], "actor": ["Turkey"], "type": ["Battles"], "year": ["2020"]}
    assert "sort" not in r        # results sort by their fragments' names (export/pagefind.py)
    assert r["meta"]["title"] == "Fighting in Saraqib and Idlib" and r["meta"]["date"] == DAY.label()
    assert SENTENCE in r["content"]
    month = DateSpan(date(2019, 12, 1), date(2019, 12, 31), "month", "2019-12")
    assert record(_event(date=month))["url"] == "2019/12/#the-19-died-when-a-military-c961c7"


def test_site_url_warning_names_the_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [SITE_URL, \"\"]\n")
    warning = site_url_warning(tmp_path, "")
    assert warning.startswith("mkdocs.yml:2: warning: site_url is empty")
    assert site_url_warning(tmp_path, "https://user.github.io/repo/") == ""


def test_preview_serves_like_pages_under_the_subpath(tmp_path):
    (tmp_path / "2020").mkdir()
    (tmp_path / "2020/index.html").write_text("year")
    (tmp_path / "404.html").write_text("not here")
    assert subpath("https://user.github.io/repo/") == "/repo/" and subpath("") == "/" and subpath(None) == "/"
    with PagesServer(tmp_path, "/repo/") as server:
        assert urllib.request.urlopen(server.url + "2020/").read() == b"year"
        for missing in ("2020/03/07/", "%ZZ/", "../etc/passwd"):
            try:
                urllib.request.urlopen(server.url + missing)
                raise AssertionError(missing)
            except urllib.error.HTTPError as err:
                assert err.code == 404 and err.read() == b"not here"


def test_scale_keep_never_deletes_a_folder_it_did_not_build(tmp_path):
    import importlib.util
    from tests.conftest import ROOT
    spec = importlib.util.spec_from_file_location("scale", ROOT / "bench" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "chapter.md").write_text("years of work")
    assert "not deleting it" in scale.clear_keep(mine) and (mine / "chapter.md").is_file()
    assert scale.clear_keep(tmp_path / "new") == "" and scale.clear_keep(tmp_path / "new2") == ""
    built = tmp_path / "built"
    built.mkdir()
    (built / scale.KEEP_MARK).write_text("")
    (built / "site").mkdir()
    assert scale.clear_keep(built) == "" and not built.exists()
