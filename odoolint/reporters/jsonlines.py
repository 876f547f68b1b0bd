"""ruff's `json-lines` format: the `json` objects, one compact object per line."""
from __future__ import annotations

import json

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time

from ..model import Diagnostic
from .jsonfmt import diagnostic_object

if TYPE_CHECKING:
    from . import ReportContext


def render(diagnostics: list[Diagnostic], ctx: "ReportContext") -> str:
    return "".join(json.dumps(diagnostic_object(d, ctx), sort_keys=True, ensure_ascii=False,
                              separators=(",", ":")) + "\n" for d in diagnostics)
