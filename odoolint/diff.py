"""Unified diffs that `git apply` accepts: a/ b/ repo-relative paths, and the
'\\ No newline at end of file' marker that difflib does not write."""
from __future__ import annotations

import difflib

NO_EOL = "\\ No newline at end of file\n"


def unified(relpath: str, before: str, after: str) -> str:
    a = _lines(before)
    b = _lines(after)
    out = []
    for line in difflib.unified_diff(a, b, f"a/{relpath}", f"b/{relpath}", n=3):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\r\n") + "\n")
            continue
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n" + NO_EOL)
    if not out:
        return ""
    return f"diff --git a/{relpath} b/{relpath}\n" + "".join(out)


def _lines(text: str) -> list[str]:
    """Split after each '\\n' only (as git does); '\\r' stays part of its line."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
