"""Pagefind's index of the events, fed through its service mode.

Each event is one custom record (render/search.py): no page is written or parsed
for it. Pagefind's own Python client waits 0.1 s for every answer (seven minutes
for a year of news), and its CLI must be given pages on disk (45,000 small
files for a decade, parsed again): this speaks the service's protocol itself,
sending every record from one thread while reading the answers in another, so
Pagefind indexes as fast as it can (2.8x the CLI on the ten-year bench).

The protocol: each message is base64 of a JSON object {message_id, payload},
followed by a comma, both ways (pagefind --service).

Pagefind lists each filter's values, and the filters in its metadata file, in an
order that changes from run to run (Pagefind/pagefind#638: a hash map's order),
so the same events gave different files. settled() sorts them in the files
Pagefind hands back and names each rewritten file after its new content, as
Pagefind names its files: the same records give byte-identical files.

A decade is indexed in bundles of whole years (write_index), each by a service
of its own: Pagefind's time and memory per record grow with the index (one
index of 46,000 records: 27 s and 1.5 GB; five of 9,000: 19 s and 340 MB). The
search page merges them with Pagefind's mergeIndex, which shares one engine.

Pagefind writes a fragment file per record, which the search page would fetch
to show a result. Those are not kept: a decade was 46,000 files, and creating a
file costs 0.1-0.4 ms of system time on the machines measured here (5-20 s a
build). What a result shows goes into card files of 32 records in date order
(_cards), and each record is renamed after its place in that order and its card
file: the page finds the card from the name, results sort by date across
bundles by their names (mergeIndex re-sorts by score, so Pagefind's own sort
could not be kept), and the names compress in the metadata each query loads
(Pagefind's random hashes made most of it).
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

import cbor2


class PagefindError(RuntimeError):
    pass


def _executable() -> str:
    from pagefind.service import get_executable      # the binary the pagefind package installed
    path = get_executable()
    if path is None:
        raise PagefindError("pagefind's binary is not installed (pip install 'pagefind[bin]')")
    return str(path)


def _encode(message_id: int, payload: dict) -> bytes:
    # keys sorted: Pagefind keeps the order it is given (of filters, say) in its files,
    # so records built in memory and records read back from JSON give the same index
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload},
                                       ensure_ascii=False, sort_keys=True).encode("utf-8")) + b","


def _answers(stream) -> Iterator[dict]:
    """The service's answers, one payload at a time; an error answer raises. An answer
    can be hundreds of megabytes (GetFiles): its pieces are joined once, at its end."""
    pieces: list[bytes] = []
    while True:
        chunk = stream.read1(1 << 20)
        if not chunk:
            raise PagefindError("pagefind stopped before it answered")
        start = 0                     # answers are cut from the chunk in place: cutting off the
        while (end := chunk.find(b",", start)) >= 0:   # rest each time copied a megabyte an answer
            raw = b"".join(pieces) + chunk[start:end] if pieces else chunk[start:end]
            pieces = []
            start = end + 1
            payload = json.loads(base64.b64decode(raw)).get("payload") or {}
            del raw
            if payload.get("type") == "Error":
                raise PagefindError(f"pagefind: {payload.get('message', 'error')}")
            yield payload
        if start < len(chunk):
            pieces.append(chunk[start:])


# Consecutive years' events are indexed together until a bundle holds this many: Pagefind's
# time and memory per record grow with its index (0.43 ms and 34 KB a record at 11,500,
# 0.62 ms at 46,000), and a query reads every bundle's metadata, so a few large bundles.
BUNDLE_RECORDS = 8_000
BUNDLES = "bundles.json"         # the folders of the bundles merged into the main one


def _bundles(years: Iterable[tuple[str, Iterable[dict]]], size: int) -> Iterator[tuple[str, list[dict]]]:
    """(first year, records) for each bundle, one at a time: whole years, closed at `size`
    records. A bundle is held until the next one closes: the last years, if fewer than half
    a bundle, join it rather than stand alone."""
    held = None
    key, records = None, []
    for year, these in years:
        key = key or year
        records.extend(these)
        if len(records) >= size:
            if held:
                yield held
            held, key, records = (key, records), None, []
    if held and records and len(records) < size // 2:
        held, records = (held[0], held[1] + records), []
    if held:
        yield held
    if records:
        yield key, records


def _service(records: list[dict], language: str) -> dict[str, bytes]:
    """One index of `records` made by a Pagefind service of its own (its memory goes with
    it); its files as Pagefind gives them, path -> bytes."""
    proc = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        answers = _answers(proc.stdout)
        proc.stdin.write(_encode(0, {"type": "NewIndex", "config": {"force_language": language}}))
        proc.stdin.flush()
        index = next(answers)["index_id"]

        def send() -> None:       # while the other thread reads: neither pipe fills and blocks
            try:
                for i, r in enumerate(records, 1):
                    proc.stdin.write(_encode(i, {
                        "type": "AddRecord", "index_id": index, "url": r["url"], "content": r["content"],
                        "language": language, "filters": r["filters"]}))
                proc.stdin.flush()
            except OSError:            # the service died: the reading thread says so
                pass

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        for _ in records:
            next(answers)
        sender.join()
        # the files come back in the answer and are written here: Pagefind's own WriteFiles
        # answered before it had finished writing (a pagefind.js cut at 32 KB, seen once)
        proc.stdin.write(_encode(len(records) + 1, {"type": "GetFiles", "index_id": index}))
        proc.stdin.flush()
        files = {f["path"]: f["content"] for f in next(answers)["files"]
                 if f["path"] not in _UNUSED and not f["path"].startswith("fragment/")}
    except (OSError, ValueError) as exc:
        raise PagefindError(f"pagefind failed: {exc}") from None
    finally:
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {p: base64.b64decode(c) for p, c in files.items()}


def _is_data(path: str) -> bool:
    """A bundle's own files; the rest (scripts, WebAssembly) is the same in every bundle."""
    return path == "pagefind-entry.json" or path.endswith(".pf_meta") or path.partition("/")[0] in ("index", "filter")


def _write(files: dict[str, bytes], out: Path) -> None:
    for folder in sorted({(out / path).parent for path in files}):    # a few folders for 46,000 files
        folder.mkdir(parents=True, exist_ok=True)
    for path, data in sorted(files.items()):
        (out / path).write_bytes(data)


CARD = 32                        # records a card file holds: a page of results in date order reads one or two
CARDS = "cards"


def _card(record: dict) -> list:
    """What the search page shows of a result: title, date, place, type, link (the record's
    URL, the event's anchor), and the text its excerpt is cut from (theme/assets/search.js
    reads these, in this order)."""
    meta = record["meta"]
    return [meta.get("title", ""), meta.get("date", ""), meta.get("place", ""), meta.get("type", ""),
            record["url"], record["content"]]


def _cards(cards: list[list], language: str) -> tuple[dict[str, bytes], list[str]]:
    """The card files, CARD records each in date order (gzip of JSON, path -> bytes), and
    each record's name in the index: its place in the date order (seven hex digits, the
    order results sort by) and a tag of all the cards, also in the files' names (a
    browser's cached card of another build is never taken for this one's). The tag is
    the same in every name, so the metadata that lists them compresses it away."""
    chunks = [gzip.compress(json.dumps(cards[first:first + CARD], ensure_ascii=False, separators=(",", ":"))
                            .encode("utf-8"), mtime=0) for first in range(0, len(cards), CARD)]
    digest = hashlib.sha256()
    for data in chunks:
        digest.update(data)
    tag = digest.hexdigest()[:6]
    files = {f"{CARDS}/{i:05x}{tag}.tl_cards": data for i, data in enumerate(chunks)}
    return files, [f"{language}_{at:07x}{tag}" for at in range(len(cards))]


def write_index(years: Iterable[tuple[str, Iterable[dict]]], out: Path, language: str = "en",
                size: int | None = None) -> int:
    """Index the records (url, content, meta, filters) of each year, given in date order, into
    the folder `out`; returns their number.

    Years are indexed in bundles (_bundles), two at a time (Pagefind indexes on one core):
    the newest in `out` itself, where the search page loads Pagefind, each other in a
    folder named after its first year, listed in `out`/bundles.json for the page to merge
    (Pagefind's mergeIndex, which shares the one engine). Pagefind's fragments, a file per
    record, are not kept: what a result shows is in card files of CARD records (_cards),
    and each record is named after its place in the date order, so results sort by date
    across bundles without a sort index."""
    keys: list[str] = []
    counts: list[int] = []
    cards: list[list] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        started = []
        for key, records in _bundles(years, size or BUNDLE_RECORDS):
            cards += [_card(r) for r in records]
            started.append(pool.submit(_service, records, language))
            keys.append(key)
            counts.append(len(records))
        if not keys:                 # no events: an empty index, which finds nothing
            started.append(pool.submit(_service, [], language))
            keys.append("0")
            counts.append(0)
        indexes = [future.result() for future in started]
    card_files, names = _cards(cards, language)
    first = 0
    for key, count, files in zip(keys, counts, indexes):
        try:
            files = settled(files, names[first:first + count])
        except (KeyError, ValueError, EOFError, StopIteration, gzip.BadGzipFile) as exc:  # another Pagefind version
            raise PagefindError(f"pagefind: its files are not laid out as this tool reads them "
                                f"({type(exc).__name__}: {exc}); is its version one this tool knows?") from None
        first += count
        # the newest is the main bundle, in `out` itself, with the engine shared by all
        _write(files if key == keys[-1] else {p: data for p, data in files.items() if _is_data(p)},
               out if key == keys[-1] else out / key)
    _write({**card_files, BUNDLES: json.dumps({"merge": [f"{k}/" for k in keys[:-1]], "card": CARD}).encode()}, out)
    return len(cards)


# Pagefind's ready-made interfaces: the search page uses its API (theme/assets/search.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


# Pagefind's data files: gzip of this signature followed by CBOR
_SIGNATURE = b"pagefind_dcd"


def _load(data: bytes):
    data = gzip.decompress(data)
    if not data.startswith(_SIGNATURE):
        raise PagefindError("pagefind wrote a data file of a layout this does not know")
    return cbor2.loads(data[len(_SIGNATURE):])


def _keyed(files: dict[str, bytes], value, key: str, digits: int, name: str) -> str:
    """Add `value` as a Pagefind data file keyed like Pagefind's by its content (`key`
    and that many hex digits of its hash; `name` has {} for the key); returns the key."""
    data = gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)
    key += hashlib.sha256(data).hexdigest()[:digits]
    files[name.format(key)] = data
    return key


def _pages(meta: list, count: int) -> list:
    """The metadata's list of pages, [fragment name, word count] in the order records were added."""
    return next(part for part in meta if isinstance(part, list) and len(part) == count and all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], int) for p in part))


def settled(files: dict[str, bytes], names: list[str] | None = None) -> dict[str, bytes]:
    """The index's files (path -> bytes) with what Pagefind lists in a run-dependent order
    sorted (each filter file's values, and the filters in each language's metadata file)
    and its records renamed `names`, in the order they were added (_cards); each rewritten
    file named after its content, and the entry file pointing to the new metadata."""
    files = dict(files)
    entry = files["pagefind-entry.json"].decode("utf-8")
    for language, info in json.loads(entry)["languages"].items():
        meta_path = f"pagefind.{info['hash']}.pf_meta"
        meta = _load(files.pop(meta_path))
        if names and info.get("page_count"):
            for page, name in zip(_pages(meta, len(names)), names, strict=True):
                page[0] = name
        at = next((i for i, part in enumerate(meta) if isinstance(part, list) and part and all(
            isinstance(f, list) and len(f) == 2 and f"filter/{f[1]}.pf_filter" in files for f in part)), None)
        if at is not None:
            listed = []
            for name, key in meta[at]:
                filter_name, values = _load(files.pop(f"filter/{key}.pf_filter"))
                listed.append([name, _keyed(files, [filter_name, sorted(values, key=lambda v: v[0])],
                                            f"{language}_", 7, "filter/{}.pf_filter")])
            meta[at] = sorted(listed)
        new = _keyed(files, meta, f"{language}_", 10, "pagefind.{}.pf_meta")
        entry = entry.replace(f'"{info["hash"]}"', f'"{new}"', 1)
    files["pagefind-entry.json"] = entry.encode("utf-8")
    return files
