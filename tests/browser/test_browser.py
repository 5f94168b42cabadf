"""The built site in a real browser: search, 404 recovery, jump-to-date, copy link
(fixtures in conftest.py)."""
import pytest

from tests.browser.conftest import ARTIFACTS, real_errors


def test_search_finds_the_event_and_lands_on_its_anchor(served, page):
    url, _, collected = served
    wanted = {i for e in collected.events if "Jabal al-Zawiya" in e.quote for i in e.ids}
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material says "Initializing search" until its index is loaded; typing before that is lost
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type to start')")
    page.locator("input.md-search__input").press_sequentially("Jabal al-Zawiya", delay=20)   # as a reader types
    results = page.locator('.md-search-result__item a.md-search-result__link[href*="/2020/03/01/"][href*="#"]')
    results.first.wait_for(state="attached", timeout=15000)
    # read in one go: Material may still be redrawing the list for the last keystrokes
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    found = [h for h in hrefs if h.split("#")[1] in wanted]
    assert found, hrefs
    anchor = found[0].split("#")[1]
    link = page.locator(f'.md-search-result__item a.md-search-result__link[href="{found[0]}"]').first
    if not link.is_visible():       # further hits on one page are folded under "1 more on this page"
        link.locator("xpath=ancestor::details/summary").click()
    link.click()
    page.wait_for_url(f"**/2020/03/01/?h=*#{anchor}")
    target = page.locator(f"#{anchor}")
    assert target.is_visible() and target.evaluate("el => el.getBoundingClientRect().top") < 400
    assert real_errors(page) == []


@pytest.mark.parametrize("path", ["2020/03/07/", "2020/3/7", "2020-03-07"])
def test_a_day_without_events_leads_to_the_nearest_day(served, page, path):
    url, _, _ = served
    response = page.goto(url + path)
    assert response.status == 404
    page.wait_for_url("**/2020/03/05/?missing=2020-03-07", timeout=10000)
    assert "nearest date with events" in page.locator(".tl-notice").inner_text()
    assert page.locator("h1").first.inner_text().startswith("Thursday 5 March 2020")
    assert real_errors(page) == []


def test_jump_to_date(served, page):
    url, _, _ = served
    page.goto(url + "2020/03/01/")
    page.fill("#tl-jump-date", "2020-03-02")
    page.click("form.tl-jump button")
    page.wait_for_url("**/2020/03/02/")
    page.fill("#tl-jump-date", "2020-02-28")          # no events: 27 and 29 Feb are as near; the earlier wins
    page.click("form.tl-jump button")
    page.wait_for_url("**/2020/02/27/?missing=2020-02-28")
    assert real_errors(page) == []


def test_copy_link_and_prev_next(served, page):
    url, _, _ = served
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url + "2020/03/01/")
    button = page.locator("button.tl-copy").first
    anchor = button.get_attribute("data-anchor")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{url}2020/03/01/#{anchor}"
    page.click('a[rel="next"]')
    page.wait_for_url("**/2020/03/02/")
    assert real_errors(page) == []


def test_day_page_screenshots_light_and_dark(served):
    url, browser, _ = served
    ARTIFACTS.mkdir(exist_ok=True)
    seen = {}
    for scheme in ("light", "dark"):
        # a fresh context: Material remembers the last palette in local storage
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(url + "2020/03/01/")
        page.screenshot(path=str(ARTIFACTS / f"day-{scheme}.png"), full_page=True)
        seen[scheme] = page.evaluate("[document.body.dataset.mdColorScheme, getComputedStyle(document.body).backgroundColor]")
        context.close()
        assert errors == []
    assert seen["light"][0] == "default" and seen["dark"][0] == "slate"
    assert seen["light"][1] != seen["dark"][1]
    assert (ARTIFACTS / "day-dark.png").stat().st_size > 10_000


def test_pagefind_search_deep_links_to_the_event(served_pagefind):
    """Large sites search with Pagefind: the same deep link, from its split index."""
    url, browser, collected = served_pagefind
    wanted = {i for e in collected.events if "Jabal al-Zawiya" in e.quote for i in e.ids}
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    page.fill("#tl-find-q", "Jabal al-Zawiya")          # the search box under every page's header
    page.press("#tl-find-q", "Enter")
    page.wait_for_url("**/search/?q=Jabal+al-Zawiya")
    links = page.locator('#tl-search a[href*="/2020/03/01/"][href*="#"]')
    links.first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") for a in links.all()]
    found = [h for h in hrefs if h.split("#")[1] in wanted]
    assert found, hrefs
    links.nth(hrefs.index(found[0])).click()
    anchor = found[0].split("#")[1]
    page.wait_for_url(f"**/2020/03/01/#{anchor}")
    assert page.locator(f"#{anchor}").is_visible()
    # the index is Pagefind's, split in chunks (not one file of the whole site)
    assert context.request.get(url + "pagefind/pagefind-entry.json").ok
    context.close()
    assert errors == []


def test_pagefind_filters_load_when_opened_and_narrow_the_results(served_pagefind):
    """A query fetches no filter data; opening the filters does, and ticking a
    place lists only the events there, each once. ?q= in the address runs a query."""
    url, browser, collected = served_pagefind
    saraqib = {e.id for e in collected.events if "Saraqib" in [p.name for p in e.places]}
    context = browser.new_context()
    page = context.new_page()
    fetched, errors = [], []
    page.on("response", lambda r: fetched.append(r.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url + "search/?q=ceasefire")
    page.locator(".tl-search-results > li").first.wait_for(timeout=15000)
    assert page.locator("#tl-search input").input_value() == "ceasefire"
    assert not [u for u in fetched if u.endswith(".pf_filter")]
    page.locator("#tl-search input").fill("")
    page.locator(".tl-search-filters summary").click()
    page.locator(".tl-search-filters label", has_text="Saraqib").first.locator("input").check()
    page.wait_for_function(r"/^\d+ events?\b/.test(document.querySelector('.tl-search-status').textContent)")
    page.wait_for_timeout(500)
    shown = [a.get_attribute("href").split("#")[1] for a in page.locator(".tl-search-title").all()]
    assert sorted(shown) == sorted(saraqib), shown
    assert page.locator(".tl-search-status").inner_text().startswith(f"{len(saraqib)} event")
    assert [u for u in fetched if u.endswith(".pf_filter")]
    # unticked again: a query is not narrowed by an empty filter
    page.locator(".tl-search-filters label", has_text="Saraqib").first.locator("input").uncheck()
    page.locator("#tl-search-input").fill("ceasefire")
    page.wait_for_function(r"/^\d+ events?\b/.test(document.querySelector('.tl-search-status').textContent)")
    assert page.locator(".tl-search-title").count() > 0
    context.close()
    assert errors == []
