"""Turning character offsets into (line, column) and back, for any text kind."""
from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .model import Edit, Position, Span

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line starts of a text; lines end after '\\n', '\\r\\n' or a lone '\\r'."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        if "\r" in text:
            self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        else:
            self.starts = list(accumulate((len(part) + 1 for part in text.split("\n")[:-1]), initial=0))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1, offset)

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 1-based column (clamped to the text)."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))

    def span(self, start: int, end: int) -> Span:
        return Span(self.position(start), self.position(end))

    def line_span(self, line: int, column: int, end_line: int, end_column: int) -> Span:
        return self.span(self.offset(line, column), self.offset(end_line, end_column))

    def edit(self, start: int, end: int, content: str) -> Edit:
        return Edit(self.span(start, end), content)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line ending."""
        if line < 1 or line > len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        return self.starts[max(1, min(line, len(self.starts))) - 1]

    def line_end(self, line: int) -> int:
        """Offset just before the line ending of a 1-based line."""
        start = self.line_start(line)
        return start + len(self.line_text(line))
