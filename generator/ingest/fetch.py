"""Fetching a page or a feed politely: one request, a named User-Agent, a time
limit for the whole download, a size limit, a few redirects, http(s) only.
Every failure is a FetchError with a one-line message; nothing is written here."""
from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from importlib import metadata


def _version() -> str:
    try:
        return metadata.version("timeline-generator")
    except metadata.PackageNotFoundError:
        return "dev"


# names the tool and says why it calls, as a polite client does
USER_AGENT = f"timeline-generator/{_version()} (static timeline site generator; fetches pages its user adds)"
TIMEOUT_S = 20.0
MAX_BYTES = 5 * 1024 * 1024      # a news page is 50 KB to 2 MB with its markup
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json", "text/html")   # feeds are often mislabelled


class FetchError(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    url: str              # after redirects
    content_type: str     # without parameters, e.g. text/html
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"redirected to {newurl!r}, which is not a web address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, accept: tuple[str, ...] = HTML_TYPES, timeout: float | None = None,
          max_bytes: int | None = None) -> Fetched:
    """The body of `url` if it answers 200 with one of the `accept` types within
    `timeout` seconds in all (TIMEOUT_S) and `max_bytes` (MAX_BYTES)."""
    timeout = TIMEOUT_S if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url}: not a web address (http:// or https://)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accept)})
    opener = urllib.request.build_opener(_Redirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = _type(response.headers)
            if accept and kind not in accept:
                raise FetchError(f"{url}: not a web page but {kind or 'an unnamed type'}")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: too large ({int(length) / 2**20:.1f} MB; the limit is "
                                 f"{max_bytes / 2**20:.0f} MB)")
            body = _read(response, url, deadline, max_bytes, timeout)
            return Fetched(response.geturl(), kind, body)
    except FetchError as exc:
        raise exc if str(exc).startswith(url) else FetchError(f"{url}: {exc}") from None
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url}: no answer within {timeout:g} s") from None
        raise FetchError(f"{url}: network error: {getattr(reason, 'strerror', None) or reason}") from None
    except (OSError, ValueError) as exc:    # connection reset, malformed address or answer
        raise FetchError(f"{url}: network error: {exc}") from None


def _type(headers: Message) -> str:
    return (headers.get_content_type() if headers.get("Content-Type") else "").lower()


def _read(response, url: str, deadline: float, max_bytes: int, timeout: float) -> bytes:
    # a server that trickles bytes must not hold the command past its time limit
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):   # what has arrived, not a full 64 KB
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: too large (more than {max_bytes / 2**20:.0f} MB)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: download took longer than {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)
