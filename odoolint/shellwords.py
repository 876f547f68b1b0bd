"""Shell word splitting that stays linear on hostile input.

`shlex` builds each token by string concatenation on an attribute (quadratic in the token's length: a
200 KB `run_command` took seconds, a megabyte minutes). Real command lines are short; above MAX_SHLEX
characters the text is split on whitespace instead, which is what a reader of such a line would do.
"""
from __future__ import annotations

import shlex

MAX_SHLEX = 16384


def split(text: str, comments: bool = False) -> list[str]:
    """shlex.split(text, posix=True) for normal lengths; whitespace split beyond MAX_SHLEX (ValueError as shlex)."""
    if len(text) > MAX_SHLEX:
        return text.split()
    return shlex.split(text, comments=comments, posix=True)
