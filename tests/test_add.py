"""`timeline add` and feeds against a local HTTP server (127.0.0.1, a thread) serving
pages and feeds written for these tests; no internet."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import fetch as fetch_module
from generator.ingest import list_files, read_article

PAGES = Path(__file__).parent / "pages"
NEWS = (PAGES / "news-jsonld.html").read_bytes()
BLOG = (PAGES / "blog-meta.html").read_bytes()
GAZETTE = (PAGES / "url-date.html").read_bytes()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>Item {p}</title><link>{base}{p}</link><pubDate>Tue, 03 Sep 2019 18:20:11 GMT"
                    f"</pubDate></item>" for p in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title><link>{base}/</link>'
            f"<description>pages for tests</description>{items}</channel></rss>").encode()


class Site:
    """Routes: path → (status, headers, body), or a callable for special answers."""

    def __init__(self):
        self.routes: dict = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits.append(self.path)
                site.agent = self.headers.get("User-Agent", "")
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def page(self, path: str, body: bytes, kind: str = "text/html; charset=utf-8"):
        self.routes[path] = (200, {"Content-Type": kind}, body)


@pytest.fixture
def site():
    s = Site()
    thread = threading.Thread(target=s.server.serve_forever, daemon=True)
    thread.start()
    yield s
    s.server.shutdown()
    s.server.server_close()


@pytest.fixture
def root(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "site_config").mkdir()
    return tmp_path


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*") if p.is_file())


def add(root, *args):
    return main(["--root", str(root), "add", "--pause", "0", *args])


def test_add_url_writes_article_and_keeps_original(site, root, capsys):
    site.page("/news/floods", NEWS)
    assert add(root, f"{site.base}/news/floods") == 0
    out = capsys.readouterr().out
    name = "2021-04-11-floods-cut-the-road-to-karsana-after-three"
    assert out == (f"added content/articles/{name}.md (dated 2021-04-11 from the page's JSON-LD (datePublished))\n")
    assert files(root) == [f"content/articles/.html/{name}.html", f"content/articles/{name}.md"]
    assert (root / f"content/articles/.html/{name}.html").read_bytes() == NEWS
    assert site.agent.startswith("timeline-generator/")
    article, problems = read_article(root / f"content/articles/{name}.md", root / "content")
    assert problems == []
    assert (article.title, article.date.isoformat(), article.date_source, article.date_basis, article.source,
            article.url, article.author) == (
        "Floods cut the road to Karsana after three days of rain", "2021-04-11", "metadata",
        "the page's JSON-LD (datePublished)", "The Valley Courier",
        "https://courier.example/news/floods-cut-road-karsana", "Lena Ortiz")
    assert article.body.startswith("The only road into Karsana") and "Related stories" not in article.body
    # the original is kept aside, never read as an article of the site
    assert list_files(root / "content" / "articles", root) == ([str(root / f"content/articles/{name}.md")], [])


def test_add_saved_file(root, capsys):
    assert add(root, str(PAGES / "blog-meta.html")) == 0
    assert files(root) == ["content/articles/.html/2019-09-03-port-workers-end-strike-after-pay-deal.html",
                           "content/articles/2019-09-03-port-workers-end-strike-after-pay-deal.md"]


def test_duplicates_by_address_redirect_and_text_are_skipped(site, root, capsys):
    site.page("/news/floods", NEWS)
    site.routes["/old-address"] = (301, {"Location": "/news/floods"}, b"")
    # the same article at another address, canonical link removed: only its text tells
    site.page("/copy", NEWS.replace(b"courier.example/news/floods-cut-road-karsana", b"mirror.example/x"))
    assert add(root, f"{site.base}/news/floods") == 0
    before = files(root)
    capsys.readouterr()
    assert add(root, f"{site.base}/news/floods", f"{site.base}/old-address", f"{site.base}/copy",
               "https://courier.example/news/floods-cut-road-karsana/?utm_source=feed") == 0
    out = capsys.readouterr().out.splitlines()
    name = "content/articles/2021-04-11-floods-cut-the-road-to-karsana-after-three.md"
    assert out == [f"skipped {site.base}/news/floods: already in {name} (same address)",
                   f"skipped {site.base}/old-address: already in {name} (same address)",
                   f"skipped {site.base}/copy: already in {name} (same text)",
                   f"skipped https://courier.example/news/floods-cut-road-karsana/?utm_source=feed: "
                   f"already in {name} (same address)"]
    assert files(root) == before
    assert site.hits.count("/news/floods") == 2     # the first add, and the redirect's target


def test_redirect_is_followed_and_the_canonical_address_kept(site, root, capsys):
    site.page("/news/floods", NEWS)
    site.routes["/short"] = (302, {"Location": "/news/floods"}, b"")
    assert add(root, f"{site.base}/short") == 0
    md = (root / "content/articles/2021-04-11-floods-cut-the-road-to-karsana-after-three.md").read_text()
    assert "url: https://courier.example/news/floods-cut-road-karsana\n" in md


def test_never_overwrites_an_article_of_the_same_name(site, root, capsys):
    site.page("/a", BLOG)
    other = BLOG.replace(b"Dock workers", b"Crane drivers").replace(b"port-workers-end-strike/", b"other/")
    site.page("/b", other)
    assert add(root, f"{site.base}/a", f"{site.base}/b") == 0
    stem = "content/articles/2019-09-03-port-workers-end-strike-after-pay-deal"
    assert [f for f in files(root) if not f.startswith("content/articles/.html/")] == [f"{stem}-2.md", f"{stem}.md"]
    assert "Crane drivers" in (root / f"{stem}-2.md").read_text()


@pytest.mark.parametrize("route, answer, message", [
    ("/missing", None, "HTTP 404 Not Found"),
    ("/report.pdf", (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."), "not a web page but application/pdf"),
    ("/loop", (302, {"Location": "/loop"}, b""), "more than 5 redirects"),
    ("/ftp", (302, {"Location": "ftp://example.org/x"}, b""), "not a web address"),
    ("/menu", (200, {"Content-Type": "text/html"}, b"<html><body><script>app()</script></body></html>"),
     "no article text found"),
])
def test_failures_are_one_line_and_leave_nothing(site, root, capsys, route, answer, message):
    if answer:
        site.routes[route] = answer
    assert add(root, f"{site.base}{route}") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith(f"error: {site.base}{route}")
    assert files(root) == []


def test_timeout(site, root, capsys, monkeypatch):
    monkeypatch.setattr(fetch_module, "TIMEOUT_S", 0.5)

    def slow(handler):
        time.sleep(2)
        handler.send_response(200)
        handler.end_headers()

    site.routes["/slow"] = slow
    clock = time.monotonic()
    assert add(root, f"{site.base}/slow") == 1
    assert time.monotonic() - clock < 1.8
    err = capsys.readouterr().err
    assert "no answer within 0.5 s" in err and err.count("\n") == 1
    assert files(root) == []


def test_huge_page_with_and_without_its_length(site, root, capsys, monkeypatch):
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 100_000)
    huge = NEWS.replace(b"<main>", b"<main>" + b"<p>filler words here</p>" * 10_000)
    site.page("/declared", huge)

    def streamed(handler):     # no Content-Length: the limit holds while reading
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(huge)

    site.routes["/streamed"] = streamed
    assert add(root, f"{site.base}/declared", f"{site.base}/streamed") == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("too large" in line for line in err)
    assert files(root) == []


def test_network_failure_is_one_line(root, capsys):
    import socket
    with socket.socket() as s:      # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert add(root, f"http://127.0.0.1:{port}/x") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: http://127.0.0.1:{port}/x: network error") and err.count("\n") == 1


def test_feed_adds_only_new_items(site, root, capsys):
    site.page("/news/floods", NEWS)
    site.page("/port", BLOG)
    site.page("/market", GAZETTE)
    site.page("/feed.xml", rss(site.base, ["/market", "/port", "/news/floods"]), "application/rss+xml")
    assert add(root, f"{site.base}/news/floods") == 0      # already there: an old item
    capsys.readouterr()
    assert add(root, "--feed", f"{site.base}/feed.xml") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{site.base}/feed.xml: 3 items, 2 new"
    # oldest first, so that file order follows the feed's
    assert [line.split(" (")[0] for line in out[1:]] == [
        "added content/articles/2019-09-03-port-workers-end-strike-after-pay-deal.md",
        "added content/articles/2022-06-30-council-approves-new-market-hall.md"]
    hits = len(site.hits)
    assert add(root, "--feed", f"{site.base}/feed.xml") == 0
    assert capsys.readouterr().out == f"{site.base}/feed.xml: 3 items, 0 new\n"
    assert site.hits[hits:] == ["/feed.xml"]           # nothing fetched again


def test_update_reads_feeds_yaml(site, root, capsys):
    site.page("/port", BLOG)
    site.page("/feed.xml", rss(site.base, ["/port", "/gone"]), "application/rss+xml")
    (root / "site_config" / "feeds.yaml").write_text(
        f"feeds:\n  - url: {site.base}/feed.xml\n    name: Harbour\n  - {site.base}/missing.xml\n")
    assert main(["--root", str(root), "update", "--pause", "0"]) == 1
    captured = capsys.readouterr()
    assert "added content/articles/2019-09-03-port-workers-end-strike-after-pay-deal.md" in captured.out
    assert captured.err.splitlines() == [
        f"error: {site.base}/gone: HTTP 404 Not Found",
        f"error: {site.base}/feed.xml: 1 item(s) could not be added (above)",
        f"error: {site.base}/missing.xml: HTTP 404 Not Found"]


def test_not_a_feed(site, root, capsys):
    site.page("/feed.xml", b"<html><body><p>Not a feed at all</p></body></html>", "text/html")
    assert add(root, "--feed", f"{site.base}/feed.xml") in (0, 1)
    # an HTML page has no items: nothing added, said in one line
    captured = capsys.readouterr()
    assert files(root) == []
    assert (captured.out + captured.err).count("\n") == 1


def test_added_article_page_says_where_the_date_came_from(site, project, capsys):
    from conftest import docs_page
    from generator.pipeline import generate
    site.page("/news/floods", NEWS)
    assert add(project, f"{site.base}/news/floods") == 0
    report = generate(project, 1)
    assert not [p for p in report.problems if "floods" in p.path]
    page = docs_page(project / "build/docs/articles/2021-04-11-floods-cut-the-road-to-karsana-after-three/index.md")
    assert ("<strong>Published:</strong> 11 April 2021 — from the article&#x27;s metadata: "
            "the page&#x27;s JSON-LD (datePublished)</li>") in page


def test_feeds_yaml_problems_are_reported(root, capsys):
    (root / "site_config" / "feeds.yaml").write_text("feeds:\n  - ftp://example.org/feed\n  - [1, 2]\n")
    assert main(["--root", str(root), "update"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["site_config/feeds.yaml: error: feed 1: not an http(s) address: 'ftp://example.org/feed'",
                       "site_config/feeds.yaml: error: feed 2: not an http(s) address: [1, 2]"]


def test_shipped_feeds_file_has_no_feeds_and_update_says_so(root, capsys):
    from conftest import ROOT
    (root / "site_config" / "feeds.yaml").write_bytes((ROOT / "site_config" / "feeds.yaml").read_bytes())
    assert main(["--root", str(root), "update"]) == 0
    assert "no feeds listed in site_config/feeds.yaml" in capsys.readouterr().err


def test_editing_feeds_yaml_keeps_the_extraction_cache(root):
    from generator.cache import fingerprint
    before = fingerprint(root / "site_config")
    (root / "site_config" / "feeds.yaml").write_text("feeds: [https://example.org/rss.xml]\n")
    assert fingerprint(root / "site_config") == before
    (root / "site_config" / "places.yaml").write_text("[]\n")
    assert fingerprint(root / "site_config") != before


def test_article_in_another_language_is_added_once_with_a_warning(site, root, capsys):
    site.page("/hochwasser", (PAGES / "german.html").read_bytes())
    assert add(root, f"{site.base}/hochwasser") == 0
    assert capsys.readouterr().out == ("added content/articles/2021-07-15-hochwasser-schneidet-dorf-vom-umland-ab.md "
                                       "(dated 2021-07-15 from the page's meta tag article:published_time); warning: "
                                       "written in German, `timeline check` will skip it\n")
    assert add(root, f"{site.base}/hochwasser") == 0
    assert "(same address)" in capsys.readouterr().out


def test_atom_feed(site, root, capsys):
    site.page("/port", BLOG)
    atom = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f'<id>urn:t</id><updated>2019-09-03T18:20:11Z</updated><entry><title>Port</title>'
            f'<link rel="alternate" href="{site.base}/port"/><id>urn:p</id><updated>2019-09-03T18:20:11Z</updated>'
            f'</entry></feed>').encode()
    site.page("/atom.xml", atom, "application/atom+xml")
    assert add(root, "--feed", f"{site.base}/atom.xml") == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{site.base}/atom.xml: 1 item, 1 new"
    assert (root / "content/articles/2019-09-03-port-workers-end-strike-after-pay-deal.md").is_file()
