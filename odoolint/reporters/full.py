"""The default text format: ruff's `full` output.

    conf/odoo.conf:3:1: CNF001 [*] option 'db_host' appears twice
      |
    3 | db_host = other
      | ^^^^^^^^^^^^^^^ CNF001
      |
      = help: Remove the second assignment

Tabs expand to 4-column tab stops, East Asian wide characters take two columns, combining marks none, and
control characters show as their Unicode control pictures, so the carets stay under the span. A span that
covers several lines is underlined to the end of its first line.
"""
from __future__ import annotations

import unicodedata

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from ..model import Applicability, Diagnostic
from ..positions import LineIndex
from ..style import PLAIN, Style
from ._common import fix_listing, header, summary

if TYPE_CHECKING:
    from . import ReportContext

TAB_SIZE = 4


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def expand(line: str) -> tuple[str, list[int]]:
    """Display text of a source line and the display column where each character starts (plus one past the end)."""
    out: list[str] = []
    cols: list[int] = []
    width = 0
    for ch in line:
        cols.append(width)
        if ch == "\t":
            n = TAB_SIZE - width % TAB_SIZE
            out.append(" " * n)
            width += n
            continue
        code = ord(ch)
        if code < 0x20:
            ch = chr(0x2400 + code)          # control pictures: ␀ .. ␟
        elif code == 0x7F:
            ch = "\u2421"                    # ␡
        out.append(ch)
        width += _char_width(ch)
    cols.append(width)
    return "".join(out), cols


def excerpt(d: Diagnostic, text: str, index: Optional[LineIndex] = None, style: Style = PLAIN) -> list[str]:
    """The gutter, the first line of the span and the caret line under it."""
    index = index or LineIndex(text)
    line_no = d.span.start.line
    if line_no < 1 or line_no > index.line_count:
        return []
    raw = index.line_text(line_no)
    shown, cols = expand(raw)
    start = min(max(d.span.start.column, 1), len(raw) + 1) - 1
    if d.span.end.line == line_no:
        end = min(max(d.span.end.column, 1), len(raw) + 1) - 1
    else:
        end = len(raw)
    end = max(end, start)
    pad = cols[start]
    carets = max(1, cols[end] - cols[start])
    width = len(str(line_no))
    gutter = style.gutter(" " * width + " |")
    return [
        gutter,
        (style.gutter(f"{line_no:>{width}} |") + f" {shown}").rstrip(),
        f"{gutter} {' ' * pad}{style.caret('^' * carets + ' ' + d.code)}",
        gutter,
    ]


def help_line(d: Diagnostic, style: Style = PLAIN) -> Optional[str]:
    if d.fix is None or not d.fix.message:
        return None
    note = {Applicability.UNSAFE: " (unsafe fix)", Applicability.DISPLAY_ONLY: " (display-only)"}.get(
        d.fix.applicability, "")
    return f"  {style.help('= help:')} {d.fix.message}{note}"


def render(diagnostics: list[Diagnostic], ctx: "ReportContext") -> str:
    lines: list[str] = []
    indexes: dict[str, Optional[LineIndex]] = {}
    for d in diagnostics:
        lines.append(header(d, ctx))
        if d.path not in indexes:
            text = ctx.read_text(d.path)
            indexes[d.path] = LineIndex(text) if text is not None else None
        index = indexes[d.path]
        if index is not None:
            lines.extend(excerpt(d, index.text, index, ctx.style))
        hint = help_line(d, ctx.style)
        if hint:
            lines.append(hint)
        lines.append("")
    if ctx.show_fixes:
        listing = fix_listing(ctx)
        if listing:
            lines.extend(listing + [""])
    lines.extend(summary(diagnostics, ctx))
    return "\n".join(lines) + "\n"
