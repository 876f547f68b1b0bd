"""The layout a data file already follows, so a fix writes what its author would: the spacing before `/>` of
self-closing tags (`<chatter />` where the file writes ` />`, as OCA's prettier-xml does)."""
from __future__ import annotations

import re

_SPACED = re.compile(r"<[A-Za-z_][^<>]*?\s/>")
_TIGHT = re.compile(r"<[A-Za-z_](?:[^<>]*?[^\s<>])?/>")


def self_closing_end(source: str) -> str:
    """` />` when most self-closing tags of the file end that way, else `/>` (also for a file without any)."""
    spaced = len(_SPACED.findall(source))
    return " />" if spaced and spaced >= len(_TIGHT.findall(source)) else "/>"


def empty_element(source: str, tag: str) -> str:
    """`<tag/>` or `<tag />` following the file."""
    return f"<{tag}{self_closing_end(source)}"
