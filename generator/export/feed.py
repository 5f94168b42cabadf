"""An Atom feed of the newest events (feed.xml), linked from every page's <head>.

Written with the standard library's ElementTree, which escapes every text and
attribute: a feed library would add a dependency for the same few elements.
Ids are URNs made from the event's permanent id, so a feed reader never sees an
event twice however the site's address changes; dates come from the content.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone

from ..model import Event
from ..render.context import SiteInput
from ..render.event import provenance
from .data import event_link

FEED = "feed.xml"
NEWEST = 50
ATOM = "http://www.w3.org/2005/Atom"


def _when(d: date) -> str:
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def _published(e: Event, site: SiteInput) -> date:
    """When the site learnt of it: its article's publication day, else its own start."""
    info = site.articles.get(e.article) if e.article else None
    return info.date if info is not None and info.date else e.date.start


def newest(events, n: int = NEWEST) -> list[Event]:
    """The n events that start last, newest first (ties: the later in the site's order)."""
    return list(reversed(tuple(events)[-n:]))


def _updated(e: Event, site: SiteInput) -> date:
    return max(_published(e, site), e.date.start)


def atom_feed(site: SiteInput) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    entries = newest(site.events)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "title", site.title)
    if site.description:
        sub(feed, "subtitle", site.description)
    sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "timeline-feed:" + site.title)))
    base = site.site_url.rstrip("/") + "/" if site.site_url else ""
    sub(feed, "link", href=base or "./")
    sub(feed, "link", rel="self", href=base + FEED)
    sub(feed, "updated", _when(max((_updated(e, site) for e in entries), default=date(1970, 1, 1))))
    author = sub(feed, "author")
    sub(author, "name", site.title)
    sub(feed, "generator", "timeline")
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "title", e.title)
        sub(entry, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "timeline-event:" + e.id)))
        sub(entry, "link", href=event_link(e, site.site_url))
        sub(entry, "published", _when(_published(e, site)))
        sub(entry, "updated", _when(_updated(e, site)))
        summary = [f"{e.date.label()} ({e.date.precision}; {e.status}; {provenance(e)})."]
        summary += [x for x in (e.quote, e.description) if x]
        if e.places:
            summary.append("Places: " + ", ".join(p.name for p in e.places) + ".")
        if e.source:
            summary.append("Source: " + e.source + ".")
        sub(entry, "summary", " ".join(summary))
        if e.type:
            sub(entry, "category", term=e.type)
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
