"""A page name for every place, actor and event type, no two alike.

Names that differ only in case or punctuation ("Battles", "battles") or that
have no letters or digits at all ("!!!", "???") would share one page, and the
last written would replace the others. Each group of names with the same slug
is sorted; the first keeps the plain slug (so the spelling of the configuration,
capitalised, usually keeps its address), every other one gets a suffix from a
hash of its own name, which no other name changes.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from ..model import slugify

UNNAMED = "unnamed"


def plain_slug(name: str) -> str:
    return slugify(name, max_words=12) or UNNAMED


def suffixed(slug: str, name: str) -> str:
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"


def facet_slugs(names) -> dict[str, str]:
    """name -> its page's slug, unique among `names`."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[plain_slug(name)].append(name)
    out = {}
    for slug, group in groups.items():
        group.sort()
        out[group[0]] = slug
        for name in group[1:]:
            out[name] = suffixed(slug, name)
    return out
