"""Issue 17 item 1 in a real browser: no script runs from a curated event's id."""
from tests.test_security import hostile_ids  # noqa: F401  (the fixture: a site built from hostile ids)


def test_no_script_runs_from_an_id_in_the_browser(hostile_ids, browser):  # noqa: F811
    """The alert fired in Chromium before: hover every heading of the day page."""
    project, _ = hostile_ids
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((project / "site/2020/03/02/index.html").as_uri())
    headings = page.locator("h2, h3")
    assert headings.count() >= 3
    for i in range(headings.count()):
        headings.nth(i).hover()
    assert page.evaluate("document.querySelectorAll('[onmouseover]').length") == 0
    page.close()
    assert dialogs == []
