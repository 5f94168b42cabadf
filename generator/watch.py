"""Which files under a folder changed since the last look (Linux inotify).

A Session (pipeline.py) run after one edit must not stat a decade of articles to
find it. The kernel queues an inotify event when a file is written, created,
removed or renamed, before the call doing so returns; reading the queue at the
start of a run therefore gives every change completed before the run began, with
no thread and no race. Whenever the answer could be incomplete (no inotify here,
the queue overflowed, a folder was added, moved or removed, a watch was lost),
changed() says None and the caller looks at every file, as without a watcher.
"""
from __future__ import annotations

import ctypes
import os
import struct
import sys

IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE = 0x2, 0x4, 0x8
IN_MOVED_FROM, IN_MOVED_TO, IN_CREATE, IN_DELETE = 0x40, 0x80, 0x100, 0x200
IN_DELETE_SELF, IN_MOVE_SELF = 0x400, 0x800
IN_Q_OVERFLOW, IN_IGNORED, IN_ISDIR = 0x4000, 0x8000, 0x40000000
IN_NONBLOCK, IN_CLOEXEC = os.O_NONBLOCK, os.O_CLOEXEC
_MASK = (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
         | IN_DELETE_SELF | IN_MOVE_SELF)
_HEADER = struct.Struct("iIII")          # wd, mask, cookie, len


class Watcher:
    def __init__(self, folder: str):
        self.folder = folder
        self.fd = -1
        self.dirs: dict[int, str] = {}     # watch descriptor -> folder
        if sys.platform.startswith("linux"):
            try:
                self._libc = ctypes.CDLL(None, use_errno=True)
                self.fd = self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
            except (OSError, AttributeError):
                self.fd = -1
        self.complete = self.fd >= 0 and self._watch_all()

    def _watch_all(self) -> bool:
        """A watch on the folder and every folder in it (not through links: list_files
        does not enter those)."""
        # watches already there stay (removing one would queue an event that starts afresh again)
        self.dirs = {}
        if not os.path.isdir(self.folder):
            return False
        for here, subdirs, _ in os.walk(self.folder):
            wd = self._libc.inotify_add_watch(self.fd, os.fsencode(here), _MASK)
            if wd < 0:
                return False
            self.dirs[wd] = here
        return True

    def changed(self) -> set[str] | None:
        """Paths of files changed since the last call (or since the watcher began);
        None when that cannot be known: then every file must be looked at."""
        if self.fd < 0:
            return None
        paths: set[str] = set()
        whole = not self.complete
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                data, whole = b"", True
            if not data:
                break
            at = 0
            while at < len(data):
                wd, mask, _, size = _HEADER.unpack_from(data, at)
                name = data[at + _HEADER.size: at + _HEADER.size + size].rstrip(b"\0")
                at += _HEADER.size + size
                if mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) or \
                        mask & IN_ISDIR and mask & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO):
                    whole = True
                elif wd in self.dirs and name:         # (a folder's own attributes: no file changed)
                    paths.add(os.path.join(self.dirs[wd], os.fsdecode(name)))
        if whole:
            # the folders as they are now; files changed from here on are reported
            self.complete = self._watch_all()
            return None
        return paths

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
