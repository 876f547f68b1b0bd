"""ruff's `concise` format: `path:line:col: CODE [*] message`, one diagnostic per line, then the summary."""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time

from ..model import Diagnostic
from ._common import fix_listing, header, summary

if TYPE_CHECKING:
    from . import ReportContext


def render(diagnostics: list[Diagnostic], ctx: "ReportContext") -> str:
    lines = [header(d, ctx) for d in diagnostics]
    if ctx.show_fixes:
        listing = fix_listing(ctx)
        if listing:
            lines.extend([""] + listing + [""])
    lines.extend(summary(diagnostics, ctx))
    return "\n".join(lines) + "\n"
