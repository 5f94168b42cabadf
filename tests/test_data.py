"""Open data, feed, map data, time axis and previews: each file parsed back with a real
parser and compared with the events the site shows."""
import csv
import io
import json
import re
from datetime import date, timedelta

import feedparser
import geojson
import icalendar
import pytest

from generator.cli import main
from generator.export.data import CSV_COLUMNS, event_link
from generator.model import MONTH_NAMES
from generator.pipeline import collect, generate
from generator.render.paths import event_page, month_page
from tests.conftest import docs_page, make_project

HOSTILE = ('---\ntitle: "<script>alert(1)</script>"\ndate: 2020-03-04\nsource: "<b>Outlet</b> & \\"Co\\""\n'
           'url: "https://example.org/x?a=1&b=<2>"\n---\n'
           'Shelling killed three civilians in Saraqib on Tuesday, rescuers said "<img src=x onerror=alert(2)>".\n')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("data"))
    (project / "content/articles/hostile.md").write_text(HOSTILE)
    assert not generate(project).errors
    return project, collect(project).events, project / "build/docs"


def test_json_has_every_event_in_the_site_order(built):
    _, events, docs = built
    data = json.loads((docs / "data/events.json").read_text())
    assert [r["id"] for r in data["events"]] == [e.id for e in events]
    by_id = {r["id"]: r for r in data["events"]}
    for e in events:
        r = by_id[e.id]
        assert r["ids"] == list(e.ids) and r["title"] == e.title and r["status"] == e.status
        assert (r["date"]["start"], r["date"]["end"], r["date"]["precision"]) == \
            (e.date.start.isoformat(), e.date.end.isoformat(), e.date.precision)
        assert [(p["name"], p["lat"], p["lon"]) for p in r["places"]] == [(p.name, p.lat, p.lon) for p in e.places]
        assert r["url"] == event_page(e).removesuffix("index.md") + "#" + e.id
        assert sorted(f["count"] for f in r["fatalities"]) == sorted(x.fatalities for x in e.reports
                                                                      if x.fatalities is not None)
        # the anchor is really on the page the URL names
        assert f"#{e.id}" in (docs / event_page(e)).read_text()


def test_csv_in_acled_columns(built):
    _, events, docs = built
    rows = list(csv.DictReader(io.StringIO((docs / "data/events.csv").read_text(), newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["event_id_cnty"] for r in rows] == [e.id for e in events]
    for r, e in zip(rows, events):
        assert r["event_date"] == e.date.start.isoformat() and r["end_date"] == e.date.end.isoformat()
        expected = 1 if e.date.precision == "day" else 2 if (e.date.end - e.date.start).days < 7 or \
            e.date.precision in ("either", "week") else 3
        assert int(r["time_precision"]) == expected
        located = [p for p in e.places if p.lat is not None]
        if located:
            assert (r["location"], float(r["latitude"])) == (located[0].name, located[0].lat)
            assert r["geo_precision"] in ("1", "2", "3")
        figures = [x.fatalities for x in e.reports if x.fatalities is not None]
        assert r["fatalities"] == (str(min(figures)) if figures else "")
    assert {r["time_precision"] for r in rows} >= {"1", "3"}


def test_geojson_is_valid_and_has_every_located_event(built):
    _, events, docs = built
    collection = geojson.loads((docs / "data/events.geojson").read_text())
    assert collection.is_valid, collection.errors()
    located = [e for e in events if any(p.lat is not None for p in e.places)]
    assert [f["id"] for f in collection["features"]] == [e.id for e in located]
    for f, e in zip(collection["features"], located):
        first = next(p for p in e.places if p.lat is not None)
        coords = f["geometry"]["coordinates"]
        assert (coords if f["geometry"]["type"] == "Point" else coords[0]) == [first.lon, first.lat]


def test_ics_has_each_event_all_day_over_its_span(built):
    _, events, docs = built
    cal = icalendar.Calendar.from_ical((docs / "data/events.ics").read_bytes())
    vevents = cal.walk("VEVENT")
    assert [str(v["uid"]).split("@")[0] for v in vevents] == [e.id for e in events]
    for v, e in zip(vevents, events):
        assert v.decoded("dtstart") == e.date.start
        assert v.decoded("dtend") == e.date.end + timedelta(days=1)       # exclusive end of an all-day event
        assert str(v["summary"]) == e.title


def test_timelinejs_json(built):
    _, events, docs = built
    data = json.loads((docs / "data/timelinejs.json").read_text())
    assert [x["unique_id"] for x in data["events"]] == [e.id for e in events]
    hostile = next(x for x in data["events"] if "alert(2)" in x["text"]["text"])
    assert "<img" not in hostile["text"]["text"] and "&lt;img" in hostile["text"]["text"]


def test_atom_feed_lists_the_newest_events(built):
    _, events, docs = built
    feed = feedparser.parse((docs / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    newest = list(reversed(events))[:50]
    assert [x.title for x in feed.entries] == [e.title for e in newest]
    assert [x.link for x in feed.entries] == [event_link(e, "") for e in newest]
    assert len({x.id for x in feed.entries}) == len(feed.entries)


def test_nothing_from_content_is_markup_in_the_data(built):
    _, _, docs = built
    feed = (docs / "feed.xml").read_text()
    assert "<b>" not in feed and "&lt;b&gt;Outlet&lt;/b&gt; &amp;" in feed   # XML-escaped: a reader shows the words
    for name in ("events.json", "timelinejs.json", "events.geojson"):
        json.loads((docs / "data" / name).read_text())              # still valid however hostile the text
    assert "javascript:" not in (docs / "data/events.csv").read_text()


def test_export_command_writes_the_site_files(built, tmp_path, capsys):
    project, _, docs = built
    for fmt, name in (("csv", "events.csv"), ("ics", "events.ics"), ("json", "events.json"),
                      ("geojson", "events.geojson"), ("timelinejs", "timelinejs.json")):
        out = tmp_path / name
        assert main(["--root", str(project), "export", "--format", fmt, "--out", str(out), "-j", "1"]) == 0
        assert out.read_bytes() == (docs / "data" / name).read_bytes(), fmt
    assert main(["--root", str(project), "export", "--format", "json", "-j", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["events"]


def test_downloads_page_lists_every_file_and_the_columns(built):
    _, _, docs = built
    page = (docs / "data/index.md").read_text()
    for name in ("events.json", "events.csv", "events.geojson", "timelinejs.json", "events.ics", "feed.xml"):
        assert f"]({name})" in page or f"](../{name})" in page, name
    for column in CSV_COLUMNS:
        assert column in page
    assert "Licence" in page and "time_precision" in page


def test_map_data_counts_every_located_event(built):
    _, events, docs = built
    summary = json.loads((docs / "map/summary.json").read_text())
    located = [e for e in events if any(p.lat is not None for p in e.places)]
    # each event counts once per place it names (the "all actors" rows)
    expected = sum(len({p.name for p in e.places if p.lat is not None}) for e in located)
    assert sum(row[4] for rows in summary["counts"] for row in rows if row[3] == -1) == expected
    listed = [ev for y in summary["years"] for ev in json.loads((docs / f"map/{y}.json").read_text())["events"]]
    assert sorted(ev[7] for ev in listed) == sorted("../" + event_page(e).removesuffix("index.md") + "#" + e.id
                                                    for e in located)
    names = [p[0] for p in summary["places"]]
    assert "Saraqib" in names and all(p[4].startswith("../places/") for p in summary["places"])
    world = json.loads((docs / "map/basemap.json").read_text())
    assert len(world["rings"]) > 500 and "Natural Earth" in world["source"]
    page = docs_page(docs / "map/index.md")
    assert "data-tiles" not in page and "http" not in page      # no tile server unless configured


def test_map_tiles_are_off_by_default_and_checked(tmp_path):
    project = make_project(tmp_path)
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + '\nmap:\n  tiles: "http://tiles.example.org/{z}/{x}/{y}.png"\n')
    report = generate(project)
    assert any(p.path == "site_config/site.yaml" and "tiles" in p.message and p.line for p in report.problems)
    assert "data-tiles" not in docs_page(project / "build/docs/map/index.md")
    site_yaml.write_text(site_yaml.read_text().replace("http://", "https://")
                         + '  attribution: "Tiles <b>X</b>"\n')
    report = generate(project)
    page = docs_page(project / "build/docs/map/index.md")
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in page and "&lt;b&gt;" in page


def test_place_pages_have_a_small_map(built):
    _, _, docs = built
    page = docs_page(docs / "places/saraqib/index.md")
    assert '<figure class="tl-placemap"><svg' in page and "<polyline" in page and "35.86°N" in page


def _axis_links(text: str, page: str) -> set[str]:
    axis = text[text.index('<figure class="tl-axis"'):text.index("</figure>")]
    return set(re.findall(r'<a href="([^"]+)"', axis))


def test_the_axis_covers_the_stated_span_and_links_each_month(built):
    _, events, docs = built
    home = docs_page(docs / "index.md")
    years = sorted({e.date.start.year for e in events})
    assert f"{years[0]}–{years[-1]}" in home
    assert f"January {years[0]} to December {years[-1]}" in home
    for y in years:
        assert f">{y}</text>" in home                              # every year labelled
    months = {(e.date.start.year, e.date.start.month) for e in events
              if e.date.precision not in ("year", "decade", "century") and (e.date.end - e.date.start).days <= 40}
    assert _axis_links(home, "index.md") == {month_page(y, m).removesuffix("index.md") for y, m in months}
    year = docs_page(docs / "2020/index.md")
    assert "January 2020 to December 2020" in year
    assert all(f">{name[:3]}</text>" in year for name in MONTH_NAMES)   # every month labelled
    for link in _axis_links(year, "2020/index.md"):
        assert (docs / "2020" / link / "index.md").is_file(), link


def test_pages_describe_their_own_events(built):
    _, events, docs = built
    day = (docs / "2020/03/01/index.md").read_text()
    description = re.search(r'^description: "(.*)"$', day, re.M).group(1)
    firsts = [e.title for e in events if e.date.is_day and e.date.start == date(2020, 3, 1)]
    assert description.startswith(f"Sunday 1 March 2020: {len(firsts)} events. {firsts[0]}")
    hostile = (docs / "2020/03/03/index.md").read_text()
    hostile_description = re.search(r'^description: (".*")$', hostile, re.M).group(1)
    assert not re.search(r'[<>&]', json.loads(hostile_description))
    assert re.search(r'^description: ', (docs / "places/saraqib/index.md").read_text(), re.M)


def test_ics_lines_fold_without_splitting_characters():
    from generator.export.data import _fold
    line = "SUMMARY:" + "قصف على سراقب، " * 8 + "😀" * 10
    folded = _fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    parsed = icalendar.Event.from_ical("BEGIN:VEVENT\r\n" + folded + "END:VEVENT\r\n")
    assert str(parsed["summary"]) == line.removeprefix("SUMMARY:")


def test_large_sites_offer_downloads_by_year(tmp_path, monkeypatch):
    """A site spanning years whose whole JSON would pass WHOLE_LIMIT gets JSON, CSV and GeoJSON
    a year at a time instead (the page says so); the years together hold every event, and
    `timeline export` still writes any format whole."""
    from generator.export import data
    project = make_project(tmp_path)
    (project / "content/articles/2021-06-02-later.md").write_text(
        "---\ntitle: Later\ndate: 2021-06-02\n---\nShelling killed four civilians in Saraqib on Monday, rescuers said.\n")
    monkeypatch.setattr(data, "WHOLE_LIMIT", 0)
    assert not generate(project).errors
    docs, events = project / "build/docs", collect(project).events
    assert not list((docs / "data").glob("events.*")) and not list((docs / "data").glob("timelinejs*"))
    assert not list((docs / "data").glob("*.ics"))
    years = sorted({e.date.start.year for e in events})
    assert len(years) > 1
    ids = [r["id"] for y in years for r in json.loads((docs / f"data/events-{y}.json").read_text())["events"]]
    assert ids == [e.id for e in events]
    rows = [r["event_id_cnty"] for y in years
            for r in csv.DictReader(io.StringIO((docs / f"data/events-{y}.csv").read_text(), newline=""))]
    assert rows == ids
    for y in years:
        geojson.loads((docs / f"data/events-{y}.geojson").read_text())
    page = (docs / "data/index.md").read_text()
    assert "a year at a time" in page and all(f"(events-{y}.csv)" in page for y in years)
    for fmt in ("json", "ics"):
        out = tmp_path / f"all.{fmt}"
        assert main(["--root", str(project), "export", "--format", fmt, "--out", str(out), "-j", "1"]) == 0
    assert [r["id"] for r in json.loads((tmp_path / "all.json").read_text())["events"]] == ids
    assert len(icalendar.Calendar.from_ical((tmp_path / "all.ics").read_bytes()).walk("VEVENT")) == len(ids)


def test_ics_text_values_read_back_as_written():
    """Commas, semicolons, backslashes and line breaks in a quote survive icalendar's parser."""
    from generator.export.data import _ics_text
    for said in ('Troops, police; "rebels"', "a\\b and \\N", "two\nlines\r\nthree\rfour", "plain"):
        cal = icalendar.Calendar.from_ical(f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:{_ics_text(said)}\r\n"
                                           "END:VEVENT\r\nEND:VCALENDAR\r\n")
        read = str(next(iter(cal.walk("VEVENT")))["DESCRIPTION"])
        assert read == said.replace("\r\n", "\n").replace("\r", "\n"), said
