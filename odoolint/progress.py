"""A progress line on stderr for runs that take more than a second, when stderr is a terminal.

`Progress.update(done, total)` is called by the runner as files are linted. Nothing is written before `delay`
seconds have passed since the start, nor more often than every `interval` seconds, so a quick run prints
nothing; `close()` erases the line, so the report that follows starts at column 1 of a clean line.
"""
from __future__ import annotations

import time

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import IO, Callable, Optional

_CLEAR = "\r\x1b[K"


def wanted(stream: IO, quiet: bool = False) -> bool:
    """A progress line only on a terminal, and never under `-q`."""
    if quiet:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    def __init__(self, stream: IO, delay: float = 1.0, interval: float = 0.1,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.delay, self.interval, self.clock = delay, interval, clock
        self.start = clock()
        self.last: Optional[float] = None
        self.shown = False

    def update(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start < self.delay:
            return
        if self.last is not None and now - self.last < self.interval and done < total:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"{_CLEAR}Linting: {done}/{total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.shown = False
