"""ruff's `json` format: an array (indent 2, keys sorted) of one object per diagnostic.

ruff's object shape (`cell`, `code`, `end_location`, `filename`, `fix`, `location`, `message`, `noqa_row`,
`url`) plus our `name` (the kebab-case rule name) and `severity`. Rows and columns are 1-based, columns count
characters; `filename` is relative to the working directory (ruff prints it absolute).
"""
from __future__ import annotations

import json

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any

from ..model import Diagnostic, Position
from ._common import display_path, lookup

if TYPE_CHECKING:
    from . import ReportContext


def _loc(p: Position) -> dict[str, int]:
    return {"column": p.column, "row": p.line}


def diagnostic_object(d: Diagnostic, ctx: "ReportContext") -> dict[str, Any]:
    meta = lookup(ctx, d.code)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "edits": [{"content": e.content, "end_location": _loc(e.span.end), "location": _loc(e.span.start)}
                      for e in d.fix.edits],
            "message": d.fix.message or None,
        }
    return {
        "cell": None,
        "code": d.code,
        "end_location": _loc(d.span.end),
        "filename": display_path(d.path, ctx.cwd),
        "fix": fix,
        "location": _loc(d.span.start),
        "message": d.message,
        "name": d.name,
        "noqa_row": d.noqa_line or d.span.start.line,
        "severity": d.severity.value,
        "url": meta.url if meta else None,
    }


def render(diagnostics: list[Diagnostic], ctx: "ReportContext") -> str:
    data = [diagnostic_object(d, ctx) for d in diagnostics]
    out: list[str] = []
    dump_indented(data, out)
    return "".join(out) + "\n"


_encode_str = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


def dump_indented(value: Any, out: list[str], level: int = 0) -> None:
    """Exactly `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`, with strings escaped by the
    C encoder: with `indent`, the json module falls back to its pure-Python encoder, which cost more than
    the rest of a warm run on a tree with many findings."""
    if value.__class__ is str:
        out.append(_encode_str(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + "  " * (level + 1)
        out.append("{")
        first = True
        for key in sorted(value):
            out.append(inner if first else "," + inner)
            first = False
            out.append(_encode_str(str(key)))
            out.append(": ")
            dump_indented(value[key], out, level + 1)
        out.append("\n" + "  " * level + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + "  " * (level + 1)
        out.append("[")
        first = True
        for item in value:
            out.append(inner if first else "," + inner)
            first = False
            dump_indented(item, out, level + 1)
        out.append("\n" + "  " * level + "]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))   # numbers (and anything else json knows)
