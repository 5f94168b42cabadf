"""Content stays inside the project: no file outside the project folder is read.

A symbolic link may point to another file inside the project; one that leads
outside it (`passwd.txt -> /etc/passwd`), or nowhere, is an error naming the
link, and so is anything that is not a regular file (a FIFO would block the
build, a device could be read for ever).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .model import Problem

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


class Escape(RuntimeError):
    """A file the site would publish leads outside the project."""


def real_root(root: Path) -> str:
    return os.path.realpath(root)


def outside(path: str, root: str, rel: str) -> Problem | None:
    """An error when `path` (a file or folder, through any links) resolves outside
    `root`, the project's real path (real_root)."""
    target = os.path.realpath(path)
    if os.path.commonpath([target, root]) == root:
        return None
    return Problem(rel, None, f"leads to {target!r}, outside the project: not read "
                              "(content must stay inside the project folder)")


def unreadable(path: str, root: str, rel: str) -> Problem | None:
    """Why the file at `path` must not be read (an error naming `rel`), or None."""
    if os.path.islink(path) and not os.path.exists(path):
        return Problem(rel, None, f"broken symbolic link (to {os.readlink(path)!r}): skipped")
    away = outside(path, root, rel)
    if away:
        return away
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Problem(rel, None, f"cannot be read: {exc.strerror}")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        return Problem(rel, None, f"{kind}, not a file: skipped")
    return None


def refused(path: Path, root: Path, rel: str) -> Problem | None:
    """For a file read by name (site_config/site.yaml, content/corrections.yaml):
    why it must not be read, or None when it is absent or may be read."""
    if not os.path.lexists(path):
        return None
    return unreadable(str(path), real_root(root), rel)
