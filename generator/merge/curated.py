"""Hand-curated events from content/events/*.yaml."""
from __future__ import annotations

from pathlib import Path

from .. import yamlio
from ..model import Event, Problem, stable_id
from .fields import Vocab, parse_fields


def _sources(value) -> tuple[tuple[str, str], ...]:
    out = []
    for s in value if isinstance(value, list) else [value] if value else []:
        if isinstance(s, dict):
            out.append((str(s.get("title") or s.get("url") or ""), str(s.get("url") or "")))
        else:
            out.append((str(s), str(s)))
    return tuple(out)


def read_curated(path: Path, rel: str, vocab: Vocab) -> tuple[list[Event], list[Problem]]:
    data, node, problems = yamlio.read_file(path, rel)
    if data is None:
        return [], problems
    if isinstance(data, dict) and "events" in data:
        data, node = data["events"], yamlio.child(node, "events")
    if not isinstance(data, list):
        return [], [Problem(rel, 1, "expected a list of events (or a mapping with key 'events')")]
    lines = yamlio.child_lines(node)
    events = []
    for i, item in enumerate(data):
        line = lines.get(i)
        if not isinstance(item, dict) or not item.get("title") or "date" not in item:
            problems.append(Problem(rel, line, f"event {i + 1}: needs at least 'title' and 'date'; skipped"))
            continue
        fields, issues = parse_fields(item, vocab)
        problems += [Problem(rel, line, f"event {i + 1} ({item['title']!s}): {msg}", sev) for sev, msg in issues]
        if "date" not in fields or "title" not in fields:
            problems.append(Problem(rel, line, f"event {i + 1}: skipped because its title or date is invalid"))
            continue
        eid = str(item.get("id") or stable_id(fields["title"], rel, fields["date"].value))
        events.append(Event(id=eid, origin="curated", reviewed=True, sources=_sources(item.get("sources")),
                            where=f"{rel}:{line}", **fields))
    return events, problems
