"""One build at a time per project.

Two builds of one project write the same pages, temporary files and search
index and corrupt each other. `build/.timeline.lock` is held with an advisory
lock (flock) for as long as a command writes: the operating system releases it
when its holder ends, however it ends, so a lock left by a killed build is never
stale; the file only tells the next one who holds it.
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:          # Windows: no advisory locks; builds are not guarded there
    fcntl = None

LOCK = Path("build") / ".timeline.lock"


class Busy(RuntimeError):
    """Another command is building this project."""


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8"))
        since = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(float(info["since"])))
        return f" ('{info['command']}', process {int(info['pid'])}, since {since})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


@contextlib.contextmanager
def project_lock(root: Path, command: str):
    """Hold the project's build lock, or raise Busy naming who holds it."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy(f"another timeline command is building this project{_holder(fd)}; "
                           f"wait until it ends (lock: {path})") from None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps({"command": command, "pid": os.getpid(), "since": time.time()}).encode())
        yield
    finally:
        os.close(fd)         # releases the lock
