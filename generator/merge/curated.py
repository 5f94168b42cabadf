"""Hand-curated events from content/events/*.yaml."""
from __future__ import annotations

from pathlib import Path

from .. import yamlio
from ..model import VALID_ID, Event, Problem, stable_id
from ..spelling import unknown_field
from .fields import EDITABLE, Vocab, parse_fields

KNOWN = (*EDITABLE, "id", "sources")


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
        keys = yamlio.child_lines(node.value[i]) if node is not None else {}
        for key in item:
            if key not in KNOWN:
                problems.append(Problem(rel, keys.get(key, line), f"event {i + 1}: {unknown_field(key, KNOWN)}",
                                        "warning"))
        fields, issues = parse_fields(item, vocab)
        problems += [Problem(rel, line, f"event {i + 1} ({item['title']!s}): {msg}", sev) for sev, msg in issues]
        if "date" not in fields or "title" not in fields:
            problems.append(Problem(rel, line, f"event {i + 1}: skipped because its title or date is invalid"))
            continue
        eid = given = str(item.get("id") or "")
        if not VALID_ID.fullmatch(given):
            eid = stable_id(fields["title"], rel, fields["date"].value)
            if given:
                problems.append(Problem(rel, keys.get("id", line), f"event {i + 1}: id {given!r} is not valid: use "
                                        "letters, digits, '-' and '_' (starting with a letter or digit, at most 100 "
                                        f"characters); the event's anchor is {eid!r} instead"))
        events.append(Event(id=eid, origin="curated", reviewed=True, sources=_sources(item.get("sources")),
                            where=f"{rel}:{line}", **fields))
    return events, problems
