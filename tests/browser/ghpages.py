"""A local stand-in for GitHub Pages: the site under a project subpath
(/REPO/), and 404.html with status 404 for any missing address."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args):   # keep test output quiet
        pass

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return self._not_found()
        rel = path[len(self.prefix):]
        target = (Path(self.directory) / rel).resolve()
        if not target.is_relative_to(Path(self.directory).resolve()):
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
        self.path = "/" + target.relative_to(Path(self.directory).resolve()).as_posix()
        return super().send_head()

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


class PagesServer:
    """Serve `site` at http://127.0.0.1:PORT/PREFIX/ in a background thread."""

    def __init__(self, site: Path, prefix: str = "/timeline/", port: int = 0):
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
