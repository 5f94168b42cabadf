"""`timeline preview`: site/ served as GitHub Pages serves it.

Opened from disk (file://) a built site does not work: folder links open
listings, and the scripts cannot fetch days.json or the search index. Pages
serves the site under the path of its address (/REPO/ for a project site) and
answers a missing address with 404.html and status 404; so does this server,
on 127.0.0.1 only, so that the 404 redirect and subpath links can be tried.
"""
from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args):   # quiet: the reader is looking at the browser
        pass

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return self._not_found()
        site = Path(self.directory).resolve()
        target = (site / path[len(self.prefix):]).resolve()
        if not target.is_relative_to(site):
            return self._not_found()
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            target = target / "index.html"
        if not target.is_file():
            return self._not_found()
        self.path = "/" + target.relative_to(site).as_posix()
        return super().send_head()

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def subpath(site_url: str | None) -> str:
    """The path part of the published address: '/REPO/' for https://USER.github.io/REPO/."""
    path = urlsplit(site_url or "").path.strip("/")
    return f"/{path}/" if path else "/"


class PagesServer:
    """Serve `site` at http://127.0.0.1:PORT/PREFIX/ in a background thread."""

    def __init__(self, site: Path, prefix: str = "/", port: int = 0):
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                                     functools.partial(handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
