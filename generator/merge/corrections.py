"""Editors' corrections to extracted events, keyed by stable event id.

`content/corrections.yaml` maps an event id (the anchor shown on the site)
to the fields to change, e.g.

    drone-strikes-kill-19-in-idlib-3fa2c1:
      date: 2020-02-29
      places: [Saraqib]
      reviewed: true
    greek-police-fire-tear-gas-9b01de:
      suppress: true
      note: not about Syria

Corrections apply to single reports before reports of the same happening
are merged, so an id keeps working whichever report ends up shown first.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .. import yamlio
from ..model import Event, Problem
from ..spelling import unknown_field
from .fields import EDITABLE, Vocab, parse_fields

FLAGS = ("suppress", "reviewed", "merge")
KNOWN = set(EDITABLE) | set(FLAGS) | {"note"}


@dataclass(frozen=True)
class Correction:
    id: str
    where: str               # path:line, for messages
    fields: dict
    suppress: bool = False
    reviewed: bool = False
    merge: bool = True       # false: never merge this report with others
    note: str = ""


def read_corrections(path: Path, rel: str, vocab: Vocab) -> tuple[dict[str, Correction], list[Problem]]:
    if not path.is_file():
        return {}, []
    data, node, problems = yamlio.read_file(path, rel)
    if data is None:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Problem(rel, 1, "expected a mapping: event id -> fields to change")]
    lines = yamlio.child_lines(node)
    out: dict[str, Correction] = {}
    for eid, item in data.items():
        line = lines.get(eid)
        say = lambda msg, sev="error": problems.append(Problem(rel, line, f"{eid}: {msg}", sev))  # noqa: E731
        if not isinstance(item, dict) or not item:
            say("expected the fields to change under the event id (e.g. 'reviewed: true')")
            continue
        for key in sorted(set(item) - KNOWN):
            say(unknown_field(key, KNOWN))
        flags = {}
        for key in FLAGS:
            if key in item and not isinstance(item[key], bool):
                say(f"'{key}' must be true or false, not {item[key]!r}")
            elif key in item:
                flags[key] = item[key]
        fields, issues = parse_fields(item, vocab)
        for sev, msg in issues:
            say(msg, sev)
        out[str(eid)] = Correction(str(eid), f"{rel}:{line}", fields, note=str(item.get("note") or ""), **flags)
    return out, problems


def apply_corrections(events: list[Event], corrections: dict[str, Correction]) -> tuple[list[Event], list[Problem]]:
    """Corrected events (suppressed ones left out) and a warning per id that matched nothing."""
    out = []
    used = set()
    for e in events:
        c = corrections.get(e.id)
        if c is None:
            out.append(e)
            continue
        used.add(e.id)
        if c.suppress:
            continue
        out.append(replace(e, **c.fields, reviewed=e.reviewed or c.reviewed, note=c.note or e.note))
    problems = []
    for eid in sorted(set(corrections) - used):
        path, _, line = corrections[eid].where.rpartition(":")
        problems.append(Problem(path, int(line) if line.isdigit() else None,
                                f"{eid}: no event has this id (was its article removed or its sentence edited?)",
                                "warning"))
    return out, problems


def unmergeable(corrections: dict[str, Correction]) -> frozenset[str]:
    return frozenset(eid for eid, c in corrections.items() if not c.merge)
