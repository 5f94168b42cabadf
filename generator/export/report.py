"""Extraction results as JSON (the `timeline extract --json` contract) or a table."""
from __future__ import annotations

from ..extract import Extraction
from ..model import Event, terminal_safe


def event_json(e: Event) -> dict:
    return {
        "id": e.id, "title": e.title,
        "date": {"value": e.date.value, "start": e.date.start.isoformat(), "end": e.date.end.isoformat(),
                 "precision": e.date.precision, "text": e.date.text},
        "status": e.status, "quote": e.quote,
        "places": [{"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country} for p in e.places],
        "actors": list(e.actors), "type": e.type, "fatalities": e.fatalities, "claimed_by": e.claimed_by,
    }


def extraction_json(results: list[Extraction]) -> dict:
    return {"articles": [{"path": x.article.path, "title": x.article.title,
                          "date": x.date.isoformat() if x.date else None, "date_source": x.date_source,
                          "events": [event_json(e) for e in x.events]} for x in results]}


def extraction_table(results: list[Extraction]) -> str:
    lines = []
    for x in results:
        when = f"{x.date} ({x.date_source})" if x.date else "undated"
        lines.append(f"{x.article.path} — {x.article.title} — {when}")
        for e in x.events:
            extra = ", ".join(filter(None, [e.type, "; ".join(p.name for p in e.places),
                                            f"{e.fatalities} killed" if e.fatalities else "",
                                            f"claimed by {e.claimed_by}" if e.claimed_by else ""]))
            lines.append(f"  {e.date.label():<36} {e.status:<9} {e.title}" + (f"  [{extra}]" if extra else ""))
        lines.append("")
    # titles and names come from content: shown, never obeyed, by the terminal
    return "\n".join(terminal_safe(line) for line in lines)
