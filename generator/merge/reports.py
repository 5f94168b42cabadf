"""Merge reports of the same happening from different articles into one event.

Two extracted reports are the same happening when they have the same date
interval, compatible types, come from different articles and say much the
same thing (content-word overlap, places and actors included). The merged
event keeps every report: its quote, source and figures. Conflicting
figures are kept side by side, never averaged.

The first report (earliest published article) gives the event its id; the
others' ids remain anchors on the merged event, so no link breaks.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from ..gazetteer import distance_km, points
from ..memo import Memo
from ..model import Event, Place
from . import by_start_month

_WORD = re.compile(r"[^\W\d_]{3,}")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
# Only precisely dated reports merge: "in 2011" backgrounds are not one happening.
_MERGEABLE = ("day", "either")


@dataclass(frozen=True)
class MergeSettings:
    min_similarity: float = 0.3      # weighted share of the shorter report's content words
    min_shared: int = 3              # at least this many content words in common
    min_cluster_similarity: float = 0.4   # for two groups of reports to be one happening
    ignore: frozenset[str] = frozenset()
    max_km: float = 30.0             # towns further apart are two happenings (0: no limit)

    @classmethod
    def from_vocabulary(cls, vocab: dict) -> "MergeSettings":
        m = vocab.get("merge") or {}
        return cls(float(m.get("min_similarity", cls.min_similarity)), int(m.get("min_shared", cls.min_shared)),
                   float(m.get("min_cluster_similarity", cls.min_cluster_similarity)),
                   frozenset(_stem(w) for w in m.get("ignore_words") or ()),
                   float(m.get("max_km", cls.max_km)))


@lru_cache(maxsize=1 << 16)      # a few thousand words make up most reports
def _stem(word: str) -> str:
    """Crude but stable: 'downed', 'downing', 'downs' -> 'down'."""
    w = word.lower()
    return (_SUFFIX.sub("", w) if len(w) > 4 else w)[:7]


def signature(e: Event, settings: MergeSettings) -> frozenset[str]:
    words = {_stem(w) for w in _WORD.findall((e.quote or e.title).replace("-", ""))}
    words |= {"@" + p.name for p in e.places} | {"@" + a for a in e.actors}
    return frozenset(words - settings.ignore)


def similar(a: frozenset[str], b: frozenset[str], weight: dict[str, float], settings: MergeSettings,
            sizes: tuple[float, float] | None = None) -> float:
    """Weighted share of the shorter report's words found in the other: rare words count most.
    `sizes`: the two reports' total weights, when known (total_weight)."""
    shared = a & b
    if len(shared) < settings.min_shared:
        return 0.0
    size = min(sizes) if sizes else min(total_weight(a, weight), total_weight(b, weight))
    return math.fsum(weight[w] for w in shared) / size if size else 0.0


def total_weight(words: frozenset[str], weight: dict[str, float]) -> float:
    # fsum: a set's order changes with each process's string hashing, and a plain sum's
    # last digits with it, which could tip a merge decision between two builds
    return math.fsum(weight[w] for w in words)


def far_apart(a: list[Place], b: list[Place], settings: MergeSettings) -> bool:
    """Both name towns and no town of one is near a town of the other: "troops took
    Saraqib" and "troops took Kafranbel" on one day are two happenings, however alike
    the words. A town and its governorate, or a report naming no town, never veto."""
    return bool(settings.max_km and a and b) and \
        all(distance_km(p, q) > settings.max_km for p in a for q in b)


def _weights(signatures: list[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency over the reports being merged."""
    df: dict[str, int] = {}
    for sig in signatures:
        for w in sig:
            df[w] = df.get(w, 0) + 1
    n = len(signatures) + 1
    return {w: math.log(n / c) for w, c in df.items()}


def mergeable(e: Event, keep_apart: frozenset[str] = frozenset()) -> bool:
    """Whether a report may merge with others: extracted from an article, dated to a day."""
    return e.origin == "extracted" and bool(e.article) and e.date.precision in _MERGEABLE and e.id not in keep_apart


def merge_parts(events: list[Event], published: dict[str, date], settings: MergeSettings,
                keep_apart: frozenset[str] = frozenset(), memo: Memo | None = None
                ) -> tuple[list[Event], dict[tuple[int, int], list[Event]]]:
    """merge_reports in its two parts: the events that merge with none (in the order given),
    and each month's merged events."""
    memo = Memo() if memo is None else memo
    others: list[Event] = []
    months = by_start_month(events, lambda e: mergeable(e, keep_apart), others)
    merged = {}
    for month in sorted(months):
        part = tuple(months[month])
        inputs = (settings, part, tuple(published.get(e.article) for e in part))
        merged[month] = memo(("merge", month), inputs, lambda: _merge_month(part, published, settings))
    return others, merged


def merge_reports(events: list[Event], published: dict[str, date], settings: MergeSettings,
                  keep_apart: frozenset[str] = frozenset(), memo: Memo | None = None) -> list[Event]:
    """Events with reports of one happening merged; order and ids are deterministic: the
    events that merge with none first, in the order given, then each month's, in order.

    Reports are merged month by month (of their date), with word weights from the
    month's mergeable reports: only reports of the same dates ever merge, and a new
    article then changes the merges of its own months only, which `timeline serve`
    recomputes alone (memo.py)."""
    return joined(*merge_parts(events, published, settings, keep_apart, memo))


def joined(others: list[Event], merged: dict[tuple[int, int], list[Event]]) -> list[Event]:
    """merge_parts' two parts as merge_reports gives them: those that merge with none, then each month's."""
    return others + [e for month in sorted(merged) for e in merged[month]]


def _merge_month(events: tuple[Event, ...], published: dict[str, date], settings: MergeSettings) -> list[Event]:
    def order(e: Event):
        return (e.date.start, e.date.end, published.get(e.article, e.date.start), e.article, e.id)

    clusters: list[list[Event]] = []
    signatures = {e.id: signature(e, settings) for e in events}
    where = {e.id: points(e.places) for e in events}
    weight = _weights(list(signatures.values()))
    size = {e.id: total_weight(signatures[e.id], weight) for e in events}
    # whether two reports' towns are far apart, by their coordinates: the same towns recur all month
    towns = {e.id: tuple((p.lat, p.lon) for p in where[e.id]) for e in events}
    far_known: dict[tuple, bool] = {}

    def far(a: Event, b: Event) -> bool:
        key = (towns[a.id], towns[b.id])
        known = far_known.get(key)
        if known is None:
            known = far_known[key] = far_apart(where[a.id], where[b.id], settings)
        return known

    open_by_span: dict[tuple, list[list[Event]]] = {}
    holding: dict[tuple, dict[str, set[int]]] = {}    # span -> word -> its clusters (their numbers) that hold it
    for e in sorted(events, key=order):
        sig, span = signatures[e.id], (e.date.start, e.date.end)
        best, best_score, number = None, settings.min_similarity, -1
        same_day = open_by_span.get(span, [])
        for n, cluster in _candidates(sig, same_day, holding.setdefault(span, {}), settings):
            if any(m.article == e.article or far(e, m) for m in cluster):
                continue
            # average linkage: like the reports already there as a whole, so clusters cannot chain
            score = math.fsum(similar(sig, signatures[m.id], weight, settings, (size[e.id], size[m.id]))
                              for m in cluster) / len(cluster)
            # as like one as another ("a town in Idlib" after "took Saraqib", "took Kafranbel"):
            # the one more sources already agree on
            if score >= best_score and (best is None or (score, len(cluster)) >= (best_score, len(best))):
                best, best_score, number = cluster, score, n
        if best is None:
            best = [e]
            clusters.append(best)
            same_day = open_by_span.setdefault(span, [])
            number = len(same_day)
            same_day.append(best)
        else:
            best.append(e)
        words = holding[span]
        for w in sig:
            words.setdefault(w, set()).add(number)
    return [_combine(c) for c in _join_clusters(clusters, signatures, where, weight, settings)]


def _candidates(sig: frozenset[str], same_day: list[list[Event]], holding: dict[str, set[int]],
                settings: MergeSettings) -> list[tuple[int, list[Event]]]:
    """The same-day clusters a report could join, numbered in the order they were opened. A report
    scores above nought only with a cluster holding at least min_shared of its words (and
    one at least): an index of words to clusters finds those without comparing the report
    with every report of its day, which grew with the square of a day's news."""
    if settings.min_similarity <= 0:          # a score of nought would do: every cluster
        return list(enumerate(same_day))
    shared: dict[int, int] = {}
    for w in sig:
        for number in holding.get(w, ()):
            shared[number] = shared.get(number, 0) + 1
    least = max(settings.min_shared, 1)
    return [(n, same_day[n]) for n in sorted(n for n, count in shared.items() if count >= least)]


def _join_clusters(clusters: list[list[Event]], signatures: dict, where: dict, weight: dict,
                   settings: MergeSettings) -> list[list[Event]]:
    """Second pass: clusters of the same day that tell the same story join.

    An article often reports one happening in several sentences ("agreed a
    ceasefire", "the ceasefire takes effect at midnight"); the first pass
    pairs such sentences across articles one by one. Clusters with at least
    two reports each, whose combined wording agrees, are one happening.
    """
    out: list[list[Event]] = []
    # same-day groups of two or more reports, each with its words and towns (kept up to date)
    groups: dict[tuple, list[list]] = {}        # [reports, words, towns by coordinates]
    for cluster in clusters:
        if len(cluster) < 2:
            out.append(cluster)
            continue
        span = (cluster[0].date.start, cluster[0].date.end)
        words = frozenset().union(*(signatures[m.id] for m in cluster))
        towns = {(p.lat, p.lon): p for m in cluster for p in where[m.id]}     # each town once
        best, best_score = None, settings.min_cluster_similarity
        for group in groups.get(span, ()):
            if far_apart(list(towns.values()), list(group[2].values()), settings):
                continue
            score = similar(words, group[1], weight, settings)
            if score >= best_score:
                best, best_score = group, score
        if best is not None:
            best[0].extend(cluster)
            best[1] = best[1] | words
            best[2].update(towns)
        else:
            out.append(cluster)
            groups.setdefault(span, []).append([cluster, words, towns])
    return out


def _combine(reports: list[Event]) -> Event:
    first, others = reports[0], tuple(reports[1:])
    if not others:
        return first
    places = {p.name: p for r in reports for p in r.places}
    actors = dict.fromkeys(a for r in reports for a in r.actors)
    return replace(first, places=tuple(places.values()), actors=tuple(actors),
                   type=first.type or next((r.type for r in others if r.type), ""),
                   reviewed=any(r.reviewed for r in reports), also=others)
