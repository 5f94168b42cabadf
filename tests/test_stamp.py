"""Day pages filled into the theme's shell (export/stamp.py) by another process while MkDocs
renders the rest, also when other threads run (Pagefind's, under `timeline build`)."""
import json
import threading

from generator.export import stamp
from generator.export.stamp import Shell, Stamping, fill_pages
from generator.render.shell import CONTENT_END, CONTENT_START, DESCRIPTION, PAGE_ID, RECORDS, SHELL_URL, TITLE, \
    TOC_ID, TOC_TITLE
from tests.conftest import snapshot

SHELL = (f'<html><head><title>{TITLE}</title><meta name="description" content="{DESCRIPTION}"></head><body>'
         f'<ul><li><a href="#{TOC_ID}">{TOC_TITLE}</a></li></ul><h1 id="{PAGE_ID}">{TITLE}</h1>'
         f'{CONTENT_START}<h2 id="{TOC_ID}">{TOC_TITLE}</h2>{CONTENT_END}<a href="../../../{SHELL_URL}">up</a></body></html>')


def _records(docs, n):
    for i in range(n):
        day = f"2020/{i // 28 + 1:02d}/{i % 28 + 1:02d}"
        path = docs / RECORDS / f"{day}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"url": f"{day}/", "title": f"Day {i} <b>", "id": f"d{i}", "description": "A day",
                                    "intro": "<p>intro</p>", "sections": [[2, f"e{i}", "Shelling", "<p>body</p>"]]}))


def test_day_pages_are_filled_by_another_process_beside_other_threads(tmp_path):
    n = stamp._INTERPRETER_ABOVE
    _records(tmp_path / "docs", n)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)       # as Pagefind's thread during `timeline build`
    other.start()
    try:
        stamping = Stamping(tmp_path / "docs", tmp_path / "site", SHELL)
        assert stamping.process is not None           # not filled at the end, in this process
        stamping.finish(SHELL_URL)
    finally:
        stop.set()
        other.join()
    fill_pages(sorted((tmp_path / "docs" / RECORDS).rglob("*.json")), tmp_path / "alone", Shell.parse(SHELL))
    pages = snapshot(tmp_path / "site")
    assert len(pages) == n and pages == snapshot(tmp_path / "alone")
    assert "Day 0 &lt;b&gt;" in pages["2020/01/01/index.html"].decode()
