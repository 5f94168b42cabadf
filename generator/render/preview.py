"""What a shared link previews: a page's description from its own content (its events),
for the <meta name="description"> and og:description the theme writes (main.html)."""
from __future__ import annotations

import json

from .text import plural

LIMIT = 200        # characters: what previews show before cutting


def plain(text: str) -> str:
    """One line with no markup characters: Material writes the description unescaped."""
    return " ".join(str(text).split()).replace("<", "‹").replace(">", "›").replace("&", "＆").replace('"', "”")


def describe(label: str, events, limit: int = LIMIT, count: int | None = None) -> str:
    """'Sunday 1 March 2020: 3 events. Turkish drone strikes …; Saraqib retaken …'
    (`count`: the events there are, when `events` are only the first of them)."""
    out = f"{label}: {plural(len(events) if count is None else count, 'event')}."
    for i, e in enumerate(events):
        more = ("" if i == 0 else ";") + " " + e.title
        if len(out) + len(more) > limit:
            out += "; …" if i else ""
            break
        out += more
    return plain(out)


def front_line(description: str) -> str:
    """The front matter line (JSON is valid YAML and escapes what must be)."""
    return f"description: {json.dumps(plain(description), ensure_ascii=False)}\n" if description else ""
