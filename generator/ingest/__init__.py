"""Ingest: find content files and read each with the reader for its extension."""
from __future__ import annotations

from pathlib import Path

from ..model import Article, Problem
from .readers import READERS, ReadError

MAX_BYTES = 20 * 1024 * 1024


def discover(articles_dir: Path) -> list[Path]:
    """Every file under the folder, sorted for deterministic output."""
    if not articles_dir.is_dir():
        return []
    return sorted((p for p in articles_dir.rglob("*") if p.is_file() and not p.name.startswith(".")),
                  key=lambda p: p.as_posix())


def read_article(path: Path, root: Path, data: bytes | None = None) -> tuple[Article | None, list[Problem]]:
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
    return article, problems + more
