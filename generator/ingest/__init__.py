"""Ingest: find content files and read each with the reader for its extension."""
from __future__ import annotations

import os
from pathlib import Path

from .. import confine
from ..model import Article, Problem
from .language import readable, unreadable
from .readers import READERS, ReadError

MAX_BYTES = 20 * 1024 * 1024
# Where `timeline add` keeps the web pages it read (ingest/add.py): never an article
# of the site, never reported; documented in README ("Adding web pages").
ORIGINALS = ".html"


def discover(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    files, problems = list_files(folder, root)
    return [Path(p) for p in files], problems


def list_files(folder: Path, root: Path) -> tuple[list[str], list[Problem]]:
    """Every regular file under the folder, sorted for deterministic output, and a
    Problem for everything else found there: nothing is skipped without a word.

    Hidden files (dot-files: editors' backups, .DS_Store) are ignored with a warning;
    links that lead outside the project `root` or nowhere, FIFOs, sockets and devices
    are errors (confine.py); folders reached through a symbolic link are not entered
    (a link back up the tree would never end), with a warning. Plain strings: a decade
    of articles is 18,000 paths, and pathlib takes longer to build them than to list them."""
    found: list[str] = []
    problems: list[Problem] = []
    if folder.is_dir() or folder.is_symlink():
        real = confine.real_root(root)
        rel = Path(os.path.relpath(folder, root)).as_posix()
        away = confine.outside(str(folder), real, rel)
        if away:
            problems.append(away)
        elif os.path.isdir(folder):
            _walk(str(folder), rel, found, problems, real)
    return sorted(found), sorted(problems, key=lambda p: p.path)


def _walk(folder: str, rel_folder: str, found: list[str], problems: list[Problem], root: str) -> None:
    # scandir's entries know their type without a stat call per file: a decade of
    # articles is listed in a few tens of milliseconds
    with os.scandir(folder) as entries:
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}"
            if entry.name == ORIGINALS and entry.is_dir(follow_symlinks=False):
                continue            # saved web pages kept by `timeline add`: never content
            if entry.name.startswith("."):
                problems.append(Problem(rel, None, "hidden, ignored (names starting with '.' are not content)",
                                        "warning"))
            elif entry.is_dir(follow_symlinks=False):
                _walk(entry.path, rel, found, problems, root)
            elif entry.is_file(follow_symlinks=False):
                found.append(entry.path)
            elif entry.is_symlink() and entry.is_dir():
                problems.append(confine.outside(entry.path, root, rel)
                                or Problem(rel, None, "folder reached through a symbolic link: not entered", "warning"))
            else:
                bad = confine.unreadable(entry.path, root, rel)
                if bad is None:
                    found.append(entry.path)      # a link to a file inside the project
                else:
                    problems.append(bad)


def read_article(path: Path, root: Path, data: bytes | None = None,
                 any_language: bool = False) -> tuple[Article | None, list[Problem]]:
    """Read one file (or its bytes, already read); never raises for bad content, reports a Problem instead."""
    # outside the content folder (`timeline extract` of any file): named as if in content/articles/
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else f"articles/{path.name}"
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
