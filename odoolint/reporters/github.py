"""GitHub Actions workflow commands, one annotation per diagnostic (ruff's `github` format).

    ::error title=odoolint (CODE),file=PATH,line=L,col=C,endLine=EL,endColumn=EC::REL:L:C: CODE message

`error` / `warning` / `notice` follow the diagnostic's severity. `file=` is relative to the repository root,
which is what GitHub resolves annotations against (it equals the working-directory path in the usual CI run
from the checkout root); the message repeats the working-directory-relative location like the text formats.
Escaping follows the workflow-command rules of @actions/core: data `%`, CR, LF; properties also `:` and `,`.
"""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time

from ..model import Diagnostic, Severity
from ..names import shown
from ._common import display_path, root_relative

if TYPE_CHECKING:
    from . import ReportContext

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, ctx: "ReportContext") -> str:
    rel = display_path(d.path, ctx.cwd)
    file = root_relative(d.path, ctx.root) or rel
    s, e = d.span.start, d.span.end
    props = {"title": f"odoolint ({d.code})", "file": file, "line": s.line, "col": s.column,
             "endLine": e.line, "endColumn": e.column}
    prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    body = f"{shown(rel)}:{s.line}:{s.column}: {d.code} {d.message}"
    return f"::{COMMANDS.get(d.severity, 'error')} {prop_text}::{escape_data(body)}"


def render(diagnostics: list[Diagnostic], ctx: "ReportContext") -> str:
    return "".join(annotation(d, ctx) + "\n" for d in diagnostics)
