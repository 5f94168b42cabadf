"""Accessibility basics, checked on every page of the built example site."""
import re

import pytest

from generator.export.site import build_site
from generator.pipeline import generate
from tests.conftest import make_project
from tests.sitecheck import broken_links


# Pagefind sites write their day pages into the theme's shell (export/stamp.py): check both
@pytest.fixture(scope="module", params=["material", "pagefind"])
def site(tmp_path_factory, request):
    project = make_project(tmp_path_factory.mktemp("a11y"))
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + f"\nsearch: {request.param}\n")
    generate(project)
    build_site(project)
    return project / "site"


def pages(site):
    return sorted(site.rglob("*.html"))


def test_language_attribute(site):
    for page in pages(site):
        assert re.search(r'<html lang="en"', page.read_text()), page


def test_headings_in_order(site):
    for page in pages(site):
        main = page.read_text().split('<article class="md-content__inner md-typeset">', 1)[-1]
        levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", main.split("</article>", 1)[0])]
        assert levels and levels[0] == 1 and levels.count(1) == 1, (page, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (page, levels)


def test_links_have_text_and_images_have_alt(site):
    for page in pages(site):
        html = page.read_text()
        for tag in re.findall(r"<img\b[^>]*>", html):
            assert "alt=" in tag, (page, tag)
        for attrs, text in re.findall(r"<a\b([^>]*)>(.*?)</a>", html, re.S):
            label = re.sub(r"<[^>]+>", "", text).strip()
            assert label or "aria-label" in attrs or "title=" in attrs, (page, attrs)


def test_time_axis_is_described(site):
    home = (site / "index.html").read_text()
    assert re.search(r'<svg role="group" aria-label="Events per month by type, [^"]+"', home)
    # each bar says its month and count to a screen reader
    assert re.search(r'<a href="[^"]+" aria-label="March 2020: \d+ events \(', home)


def test_example_site_has_no_broken_links(site):
    assert broken_links(site) == []
