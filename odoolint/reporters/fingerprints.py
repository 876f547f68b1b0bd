"""`primaryLocationLineHash`, computed exactly as GitHub's codeql-action upload computes it.

A port of `hash()` in github/codeql-action `src/fingerprints.ts`: the file is read as UTF-16 code units (what
JavaScript's `charCodeAt` yields), spaces and tabs are skipped, `\\r\\n` and `\\r` become `\\n`, a sentinel
65535 marks the end of the file and 100 zeros flush the window. Each line's hash is a polynomial rolling hash
(base 37, signed 64-bit wrap-around, printed unsigned in lowercase hex) of the first 100 kept code units from
the line's start, suffixed with `:N`, the number of times that hash value has been produced so far in the file.
Uploading a SARIF file that already carries these values lets GitHub match alerts across commits exactly as
if it had computed them itself.
"""
from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Collection

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

BLOCK_SIZE = 100
MOD = 37
_MASK = (1 << 64) - 1
FIRST_MOD = pow(MOD, BLOCK_SIZE, 1 << 64)
_TAB, _SPACE, _LF, _CR, _EOF = 9, 32, 10, 13, 65535
_SURROGATE = re.compile("[\ud800-\udfff]")


def _code_units(text: str) -> array:
    if _SURROGATE.search(text):
        # Lone surrogates come from undecodable bytes (surrogateescape); Node's UTF-8 reader turns those
        # bytes into U+FFFD the same way Python's 'replace' handler does (maximal subparts).
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    units = array("H", text.encode("utf-16-le", "surrogatepass"))
    if sys.byteorder == "big":
        units.byteswap()
    return units


def line_hashes(text: str, lines: Optional[Collection[int]] = None) -> dict[int, str]:
    """Map 1-based line numbers to their `hash:N` fingerprint.

    With `lines`, stop as soon as all of those lines are hashed (earlier lines are still hashed, since the
    `:N` counter depends on them) and return only them.
    """
    window = [0] * BLOCK_SIZE
    line_numbers = [-1] * BLOCK_SIZE
    hash_raw = 0
    index = 0
    line_number = 0
    line_start = True
    prev_cr = False
    counts: dict[str, int] = {}
    out: dict[int, str] = {}
    wanted = set(lines) if lines is not None else None

    def output_hash() -> None:
        value = format(hash_raw, "x")
        counts[value] = counts.get(value, 0) + 1
        line = line_numbers[index]
        if wanted is None or line in wanted:
            out[line] = f"{value}:{counts[value]}"
        line_numbers[index] = -1

    def update_hash(current: int) -> None:
        nonlocal hash_raw, index
        begin = window[index]
        window[index] = current
        hash_raw = (MOD * hash_raw + current - FIRST_MOD * begin) & _MASK
        index = (index + 1) % BLOCK_SIZE

    def process(current: int) -> None:
        nonlocal prev_cr, line_start, line_number
        if current == _SPACE or current == _TAB or (prev_cr and current == _LF):
            prev_cr = False
            return
        if current == _CR:
            current = _LF
            prev_cr = True
        else:
            prev_cr = False
        if line_numbers[index] != -1:
            output_hash()
        if line_start:
            line_start = False
            line_number += 1
            line_numbers[index] = line_number
        if current == _LF:
            line_start = True
        update_hash(current)

    if wanted is not None and not wanted:
        return out
    for unit in _code_units(text):
        process(unit)
        if wanted is not None and len(out) == len(wanted):
            return out
    process(_EOF)
    for _ in range(BLOCK_SIZE):
        if line_numbers[index] != -1:
            output_hash()
        update_hash(0)
    return out
