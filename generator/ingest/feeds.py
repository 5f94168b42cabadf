"""Feeds: the new items of RSS/Atom feeds become articles (`timeline add --feed`,
`timeline update` for every feed in site_config/feeds.yaml).

feedparser reads the feed from the bytes fetch.py downloaded (never from an
address itself: one place for time and size limits). An item whose address is
already in content/ is not fetched again, so an update costs one request per
feed plus one per new item.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import yamlio
from ..model import Problem
from .add import AddError, Added, Known, add
from .fetch import FEED_TYPES, FetchError, fetch

FEEDS_FILE = "site_config/feeds.yaml"
PAUSE_S = 1.0      # between two pages fetched from feeds: one visitor, not a crawler


@dataclass(frozen=True)
class Feed:
    url: str
    name: str = ""
    line: int | None = None    # in feeds.yaml


def items(body: bytes, url: str) -> list[str]:
    """The item addresses of a feed, oldest first (feeds list the newest first)."""
    import feedparser    # here: only feeds need it
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise AddError(f"{url}: not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})")
    links = [entry.get("link", "") for entry in parsed.entries]
    return [link for link in reversed(links) if link.lower().startswith(("http://", "https://"))]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def add_feed(url: str, root: Path, known: Known, pause: float = PAUSE_S,
             say: Callable[[str], None] = print, err: Callable[[str], None] = _stderr) -> tuple[int, int]:
    """Add the feed's new items; (added, failed). Each item is said as it is done
    (`say`), each failure as it happens (`err`)."""
    try:
        links = items(fetch(url, FEED_TYPES).body, url)
    except FetchError as exc:
        raise AddError(str(exc)) from None
    added = failed = 0
    new = [link for link in links if not known.has_url(link)]
    say(f"{url}: {len(links)} item{'' if len(links) == 1 else 's'}, {len(new)} new")
    for n, link in enumerate(new):
        if n and pause:
            time.sleep(pause)
        try:
            result: Added = add(link, root, known)
        except AddError as exc:
            failed += 1
            err(f"error: {exc}")
            continue
        added += result.path is not None
        say(result.message)
    return added, failed


def load_feeds(root: Path) -> tuple[list[Feed], list[Problem]]:
    """site_config/feeds.yaml: a list of feed addresses, or of {url, name}."""
    path = root / FEEDS_FILE
    if not path.exists():
        return [], []
    try:
        data = yamlio.load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(FEEDS_FILE, mark.line + 1 if mark else None, f"cannot read the feeds list: {exc}")]
    if isinstance(data, dict):
        data = data.get("feeds") or []
    if not isinstance(data, list):
        return [], [Problem(FEEDS_FILE, 1, "expected a list of feeds (addresses, or {url: …, name: …})")]
    feeds, problems = [], []
    for n, entry in enumerate(data):
        url, name = (entry, "") if isinstance(entry, str) else \
            (str(entry.get("url") or ""), str(entry.get("name") or "")) if isinstance(entry, dict) else ("", "")
        if not url.lower().startswith(("http://", "https://")):
            problems.append(Problem(FEEDS_FILE, None, f"feed {n + 1}: not an http(s) address: {entry!r}"))
            continue
        feeds.append(Feed(url, name))
    return feeds, problems


def update(root: Path, pause: float = PAUSE_S, say: Callable[[str], None] = print) -> Iterator[str]:
    """Every feed of feeds.yaml in turn; yields one error line per feed that failed."""
    feeds, problems = load_feeds(root)
    for problem in problems:
        yield str(problem)
    if not feeds:
        return
    known = Known.scan(root / "content" / "articles")
    for feed in feeds:
        try:
            _, failed = add_feed(feed.url, root, known, pause, say)
        except AddError as exc:
            yield f"error: {exc}"
            continue
        if failed:
            yield f"error: {feed.url}: {failed} item(s) could not be added (above)"
