"""A progress line on stderr for long runs; silent when stderr is not a terminal."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, stream=None, every: float = 0.2):
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.active = total > 0 and getattr(self.stream, "isatty", lambda: False)()
        self.every, self.last, self.start = every, 0.0, time.monotonic()

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.active and (now - self.last >= self.every or self.done == self.total):
            self.last = now
            width = 30
            filled = int(width * self.done / self.total)
            rate = self.done / max(now - self.start, 1e-9)
            self.stream.write(f"\r{self.label:<12} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{self.done}/{self.total} {rate:,.0f}/s ")
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()
