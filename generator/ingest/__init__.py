"""Ingest: find content files and read each with the reader for its extension."""
from __future__ import annotations

import os
from pathlib import Path

from ..model import Article, Problem
from .language import readable, unreadable
from .readers import READERS, ReadError

MAX_BYTES = 20 * 1024 * 1024
# Where `timeline add` keeps the web pages it read (ingest/add.py): never an article
# of the site, never reported; documented in README ("Adding web pages").
ORIGINALS = ".html"


def discover(folder: Path) -> list[Path]:
    return [Path(p) for p in list_files(folder)]


def list_files(folder: Path) -> list[str]:
    """Every file under the folder, sorted for deterministic output. Hidden files
    are skipped; folders reached through a symbolic link are not entered (a link
    back up the tree would never end). Plain strings: a decade of articles is
    18,000 paths, and pathlib takes longer to build them than to list them."""
    found: list[str] = []
    if folder.is_dir():
        _walk(str(folder), found)
    return sorted(found)


def _walk(folder: str, found: list[str]) -> None:
    # scandir's entries know their type without a stat call per file: a decade of
    # articles is listed in a few tens of milliseconds
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != ORIGINALS:
                    _walk(entry.path, found)
            elif not entry.name.startswith(".") and entry.is_file():
                found.append(entry.path)


def read_article(path: Path, root: Path, data: bytes | None = None,
                 any_language: bool = False) -> tuple[Article | None, list[Problem]]:
    """Read one file (or its bytes, already read); never raises for bad content, reports a Problem instead."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return None, [Problem(rel, None, f"skipped: unknown file type {path.suffix or '(none)'!r}; "
                                          f"use one of {', '.join(sorted(READERS))}", "warning")]
    data = path.read_bytes() if data is None else data
    if not data.strip():
        return None, [Problem(rel, None, "empty file")]
    if len(data) > MAX_BYTES:
        return None, [Problem(rel, None, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")]
    if b"\x00" in data[:8192]:
        return None, [Problem(rel, None, "binary file (contains NUL bytes), not an article")]
    problems = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "not valid UTF-8; read as Windows-1252", "warning"))
        text = data.decode("cp1252", errors="replace")
    try:
        article, more = reader(text, rel)
    except ReadError as exc:
        return None, problems + [Problem(rel, exc.line, str(exc))]
    if not any_language and (foreign := unreadable(article.body, article.language)):
        # English rules on another language make wrong dates and events, not none
        return None, problems + more + [Problem(
            rel, None, f"skipped: written in {foreign.name} ({foreign.code}); the date rules read only "
                       f"{', '.join(sorted(readable()))} (extract/temporal/resources/); add 'language: en' "
                       "to its front matter if this is wrong", "warning")]
    return article, problems + more
