"""Fixtures of the browser tests: the built example site in Debian's chromium
(driven by Playwright), served like GitHub Pages under a project subpath.
A site is built once per session and search engine.

Without chromium or Playwright these tests skip with a message; CI sets
TIMELINE_BROWSER_TESTS=required, which turns a missing browser into a failure.
"""
import json
import os
import shutil
from unittest import mock

import pytest

from generator.export.site import build_site
from generator.pipeline import collect, generate
from tests.browser.ghpages import PagesServer
from tests.conftest import ROOT, make_project

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network and a root user (CI containers).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = [] if CHROMIUM else ["chromium (apt-get install chromium)"]
    missing += [] if sync_playwright else ["playwright (pip install playwright)"]
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("TIMELINE_BROWSER_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)
    return sync_playwright


@pytest.fixture(scope="session")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _serve(tmp_path_factory, browser, search: str):
    project = make_project(tmp_path_factory.mktemp("browser"))
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + f"\nsearch: {search}\n")
    with PagesServer(project / "site") as server:
        os.environ["SITE_URL"] = server.url
        # the example's three years in three Pagefind bundles: the search page merges them
        try:
            with mock.patch("generator.export.pagefind.BUNDLE_RECORDS", 1):
                generate(project)
                build_site(project)
        finally:
            del os.environ["SITE_URL"]
        assert search != "pagefind" or len(json.loads((project / "site/pagefind/bundles.json").read_text())["merge"]) == 2
        yield server.url, browser, collect(project)


@pytest.fixture(scope="session")
def served(tmp_path_factory, browser):
    yield from _serve(tmp_path_factory, browser, "material")


@pytest.fixture(scope="session")
def served_pagefind(tmp_path_factory, browser):
    yield from _serve(tmp_path_factory, browser, "pagefind")


def open_page(browser, **context_options):
    """A page in a new browser context whose script errors are kept in page.errors; yields it."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


@pytest.fixture
def page(served):
    yield from open_page(served[1], viewport={"width": 1280, "height": 900})


def real_errors(page):
    # A 404 status for the deliberately missing address is the point of the test, not an error.
    return [e for e in page.errors if "status of 404" not in e]


