"""Applying fixes: non-overlapping edits, whole fixes or nothing, in one pass per round."""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterable

from .model import Applicability, Diagnostic, Edit, Fix


def allowed(applicability: Applicability, unsafe: bool) -> bool:
    if applicability is Applicability.SAFE:
        return True
    return unsafe and applicability is Applicability.UNSAFE


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply as many fixes as fit without overlapping; returns (new text, fixes applied).

    Identical fixes (two findings proposing the same edits) count once.
    """
    out, chosen = apply_fixes_detailed(text, fixes)
    return out, len(chosen)


def fix_key(fix: Fix) -> tuple:
    return tuple((e.span.start.offset, e.span.end.offset, e.content) for e in fix.edits)


def apply_fixes_detailed(text: str, fixes: Iterable[Fix]) -> tuple[str, set[tuple]]:
    """Like apply_fixes, but returns the keys (`fix_key`) of the fixes that were applied."""
    seen: set = set()
    unique = []
    for fix in fixes:
        key = fix_key(fix)
        if key in seen or not fix.edits:
            continue
        seen.add(key)
        unique.append((min(e.span.start.offset for e in fix.edits), key, fix))
    unique.sort(key=lambda t: (t[0], t[1]))
    taken: list[tuple[int, int]] = []
    chosen = []
    keys: set[tuple] = set()
    for _, key, fix in unique:
        ranges = [(s, e) for s, e, _ in key]
        if any(_overlaps(r, t) for r in ranges for t in taken):
            continue
        taken.extend(ranges)
        chosen.append(fix)
        keys.add(key)
    edits = sorted((e for f in chosen for e in f.edits), key=lambda e: (e.span.start.offset, e.span.end.offset),
                   reverse=True)
    pieces = []
    cursor = len(text)
    for e in edits:   # right to left: build the result from slices once, not by repeated copies
        pieces.append(text[e.span.end.offset:cursor])
        pieces.append(e.content)
        cursor = e.span.start.offset
    pieces.append(text[:cursor])
    return "".join(reversed(pieces)), keys


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]            # two insertions at one point: order would be ambiguous
    return a[0] < b[1] and b[0] < a[1] or (a[0] == a[1] and b[0] < a[0] < b[1]) or \
        (b[0] == b[1] and a[0] < b[0] < a[1])


def fixable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and allowed(d.fix.applicability, unsafe)


def line_ending_at(text: str, offset: int) -> str:
    """The line ending of the line holding `offset` (the previous line's when that line has none)."""
    n = len(text)
    i = offset
    while i < n:
        ch = text[i]
        if ch == "\n":
            return "\n"
        if ch == "\r":
            return "\r\n" if i + 1 < n and text[i + 1] == "\n" else "\r"
        i += 1
    j = min(offset, n) - 1
    while j >= 0 and text[j] not in "\r\n":
        j -= 1
    if j >= 0:
        if text[j] == "\n":
            return "\r\n" if j > 0 and text[j - 1] == "\r" else "\n"
        return "\r"
    return "\n"


def adapt_newlines(text: str, fix: Fix) -> Fix:
    """The fix with the line breaks it inserts written as the line ending of the line where each edit lands,
    so a CRLF, lone-CR or mixed file keeps its line endings line by line."""
    edits = []
    changed = False
    for e in fix.edits:
        content = e.content
        if "\n" in content or "\r" in content:
            eol = line_ending_at(text, e.span.start.offset)
            normal = content.replace("\r\n", "\n").replace("\r", "\n")
            adapted = normal if eol == "\n" else normal.replace("\n", eol)
            if adapted != content:
                e = Edit(e.span, adapted)
                changed = True
        edits.append(e)
    return Fix(tuple(edits), fix.applicability, fix.message) if changed else fix
