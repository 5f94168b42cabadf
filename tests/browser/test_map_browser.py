"""The map page, the time axis and the head metadata in the real browser, under a project
subpath, in both search modes; no request may leave the site."""
import re
from urllib.parse import urlsplit

import pytest



def _open(url, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.requested = [], []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda r: page.requested.append(r.url))
    return context, page


def _outside(page, url):
    origin = urlsplit(url)
    return [u for u in page.requested if urlsplit(u)[:2] != origin[:2] or not urlsplit(u).path.startswith(origin.path)]


def _located_places(events, year=None, type_=None):
    return {p.name for e in events for p in e.places if p.lat is not None
            and (year is None or e.date.start.year == year) and (type_ is None or e.type == type_)}


@pytest.mark.parametrize("mode", ["served", "served_pagefind"])
def test_map_markers_filters_and_events(mode, request):
    url, browser, collected = request.getfixturevalue(mode)  # noqa: F811
    events = collected.events
    context, page = _open(url, browser)
    page.goto(url + "map/")
    page.wait_for_selector("#tl-map[data-ready]")
    markers = page.locator("circle.tl-marker")
    assert markers.count() == len(_located_places(events))
    assert page.locator("path.tl-map-land").get_attribute("d").count("M") > 500     # the shipped basemap
    # a year: only the places with events that year
    page.select_option("#tl-map-year", "2020")
    assert markers.count() == len(_located_places(events, 2020))
    # a type unticked: its places go unless another type keeps them
    battles = page.locator(".tl-map-types label", has_text="Battles").locator("input")
    battles.uncheck()
    others = {p.name for e in events for p in e.places if p.lat is not None and e.date.start.year == 2020
              and e.type != "Battles"}
    assert markers.count() == len(others)
    battles.check()
    # an actor
    page.select_option("#tl-map-actor", label="Russia")
    russia = {p.name for e in events for p in e.places if p.lat is not None and e.date.start.year == 2020
              and "Russia" in e.actors}
    assert markers.count() == len(russia) > 0
    page.select_option("#tl-map-actor", "")
    # a place lists its events with their dates and precision, each linking to its anchor
    # opened from the keyboard: at this zoom neighbouring towns' circles overlap
    page.locator('circle.tl-marker[aria-label^="Saraqib:"]').focus()
    page.keyboard.press("Enter")
    links = page.locator(".tl-map-events a")
    links.first.wait_for()
    wanted = {e.id for e in events if e.date.start.year == 2020 and "Saraqib" in [p.name for p in e.places]}
    hrefs = [a.get_attribute("href") for a in links.all()]
    assert {h.split("#")[1] for h in hrefs} == wanted
    assert re.search(r"\((day|month|week|range|either)\)", page.locator(".tl-map-events li").first.inner_text())
    anchor = hrefs[0].split("#")[1]
    links.first.click()
    page.wait_for_url(f"**#{anchor}")
    assert page.locator(f"#{anchor}").is_visible()
    assert _outside(page, url) == []
    assert page.errors == []
    context.close()


def test_the_axis_bars_open_their_month(served):  # noqa: F811
    url, browser, collected = served
    context, page = _open(url, browser)
    page.goto(url)
    bars = page.locator("figure.tl-axis svg a")
    labels = [b.get_attribute("aria-label") for b in bars.all()]
    assert any(label.startswith("March 2020: ") for label in labels)
    bars.nth(next(i for i, label in enumerate(labels) if label.startswith("March 2020: "))).click()
    page.wait_for_url("**/2020/03/")
    assert page.locator("h1").first.inner_text().startswith("March 2020")
    # the year page's axis too
    page.goto(url + "2020/")
    page.locator('figure.tl-axis svg a[aria-label^="February 2020"]').click()
    page.wait_for_url("**/2020/02/")
    assert _outside(page, url) == [] and page.errors == []
    context.close()


@pytest.mark.parametrize("mode", ["served", "served_pagefind"])
def test_head_has_the_feed_and_a_preview_of_the_page(mode, request):
    url, browser, collected = request.getfixturevalue(mode)  # noqa: F811
    context, page = _open(url, browser)
    page.goto(url + "2020/03/01/")
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert context.request.get(page.url.split("#")[0].rsplit("/", 1)[0] + "/" + feed).ok
    description = page.locator('meta[property="og:description"]').get_attribute("content")
    first = next(e for e in collected.events if e.date.is_day and e.date.start.isoformat() == "2020-03-01")
    assert description.startswith("Sunday 1 March 2020: ") and first.title in description
    assert page.locator('meta[name="description"]').get_attribute("content") == description
    page.goto(url + "map/")
    assert page.locator('meta[property="og:description"]').get_attribute("content").startswith("Map of ")
    context.close()
