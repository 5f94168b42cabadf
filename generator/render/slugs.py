"""A page name for every place, actor and event type, no two alike.

Names that differ only in case or punctuation ("Battles", "battles") or that
have no letters or digits at all ("!!!", "???") would share one page, and the
last written would replace the others. In each group of names with the same
slug the plainest spelling keeps the plain slug (fewest punctuation marks, then
fewest capitals inside words, then alphabetical: "Battles" before "battles" and
"BATTLES!", so the configuration's usual spelling keeps its address); every
other one gets a suffix from a hash of its own name, which no other name changes.
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


def _plainness(name: str) -> tuple:
    marks = sum(1 for c in name if not c.isalnum() and not c.isspace())
    inner_capitals = sum(1 for before, c in zip(name, name[1:]) if c.isupper() and before.isalpha())
    return marks, inner_capitals, name


def facet_slugs(names) -> dict[str, str]:
    """name -> its page's slug, unique among `names`."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[plain_slug(name)].append(name)
    out = {}
    for slug, group in groups.items():
        group.sort(key=_plainness)
        out[group[0]] = slug
        for name in group[1:]:
            out[name] = suffixed(slug, name)
    return out


def set_apart(names) -> list[tuple[str, str]]:
    """(name, the name holding the plain slug) for each name that got a suffix:
    the spellings an editor is told about, since they are probably one thing."""
    slugs = facet_slugs(names)
    plain = {slug: name for name, slug in slugs.items() if slug == plain_slug(name)}
    return sorted((name, plain[plain_slug(name)]) for name, slug in slugs.items() if slug != plain_slug(name))
