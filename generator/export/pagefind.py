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
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import subprocess
import threading
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
        while b"," in chunk:
            end, _, chunk = chunk.partition(b",")
            raw = b"".join(pieces) + end
            pieces = []
            payload = json.loads(base64.b64decode(raw)).get("payload") or {}
            del raw
            if payload.get("type") == "Error":
                raise PagefindError(f"pagefind: {payload.get('message', 'error')}")
            yield payload
        if chunk:
            pieces.append(chunk)


def write_index(records: Iterable[dict], out: Path, language: str = "en") -> int:
    """Index `records` (url, content, meta, filters, sort) into the folder `out`; returns their number."""
    records = list(records)
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
                        "language": language, "meta": r["meta"], "filters": r["filters"], "sort": r["sort"]}))
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
        files = {f["path"]: f["content"] for f in next(answers)["files"] if f["path"] not in _UNUSED}
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
    try:
        files = settled({p: base64.b64decode(c) for p, c in files.items()})
    except (KeyError, ValueError, EOFError, gzip.BadGzipFile) as exc:      # another Pagefind version
        raise PagefindError(f"pagefind: its files are not laid out as this tool reads them "
                            f"({type(exc).__name__}: {exc}); is its version one this tool knows?") from None
    for folder in sorted({(out / path).parent for path in files}):    # a few folders for 46,000 files
        folder.mkdir(parents=True, exist_ok=True)
    for path, data in sorted(files.items()):
        (out / path).write_bytes(data)
    return len(records)


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


def settled(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index's files (path -> bytes) with what Pagefind lists in a run-dependent order
    sorted: each filter file's values, and the filters in each language's metadata file
    (each rewritten file renamed after its content, and the entry file pointing to it)."""
    files = dict(files)
    entry = files["pagefind-entry.json"].decode("utf-8")
    for language, info in json.loads(entry)["languages"].items():
        meta_path = f"pagefind.{info['hash']}.pf_meta"
        meta = _load(files[meta_path])
        at = next((i for i, part in enumerate(meta) if isinstance(part, list) and part and all(
            isinstance(f, list) and len(f) == 2 and f"filter/{f[1]}.pf_filter" in files for f in part)), None)
        if at is None:
            continue                 # no filters
        listed = []
        for name, key in meta[at]:
            filter_name, values = _load(files.pop(f"filter/{key}.pf_filter"))
            listed.append([name, _keyed(files, [filter_name, sorted(values, key=lambda v: v[0])],
                                        f"{language}_", 7, "filter/{}.pf_filter")])
        meta[at] = sorted(listed)
        del files[meta_path]
        new = _keyed(files, meta, f"{language}_", 10, "pagefind.{}.pf_meta")
        entry = entry.replace(f'"{info["hash"]}"', f'"{new}"', 1)
    files["pagefind-entry.json"] = entry.encode("utf-8")
    return files
