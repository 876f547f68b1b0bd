"""odoolint's diagnostics and fixes in LSP's terms: ranges in the client's code units, severities, actions."""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Optional

from lsprotocol import types

from ..model import Applicability, Diagnostic, Fix, Position, Severity
from ..positions import LineIndex
from ..registry import RuleMeta

SOURCE = "odoolint"
FIX_ALL_KIND = "source.fixAll.odoolint"

SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.INFO: types.DiagnosticSeverity.Information}


class Positions:
    """Our 1-based (line, column in code points) to LSP's 0-based (line, character in the client's units)."""

    def __init__(self, text: str, units: Callable[[str], int]):
        self.index = LineIndex(text)
        self.units = units

    def position(self, p: Position) -> types.Position:
        line = max(1, min(p.line, self.index.line_count))
        prefix = self.index.line_text(line)[: max(p.column, 1) - 1]
        return types.Position(line=line - 1, character=self.units(prefix))

    def range(self, start: Position, end: Position) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))


def diagnostic(d: Diagnostic, meta: RuleMeta, pos: Positions) -> types.Diagnostic:
    tags = []
    if "deprecated" in meta.tags or "migration" in meta.tags and d.severity is not Severity.ERROR:
        tags.append(types.DiagnosticTag.Deprecated)
    return types.Diagnostic(
        range=pos.range(d.span.start, d.span.end), message=d.message, source=SOURCE, code=d.code,
        code_description=types.CodeDescription(href=meta.url),
        severity=SEVERITIES.get(d.severity, types.DiagnosticSeverity.Warning),
        tags=tags or None,
        data={"name": d.name, "fix": d.fix.to_dict() if d.fix else None})


def fix_edits(fix: Fix, pos: Positions) -> list[types.TextEdit]:
    return [types.TextEdit(range=pos.range(e.span.start, e.span.end), new_text=e.content) for e in fix.edits]


def quick_fix(uri: str, version: Optional[int], d: Diagnostic, lsp_diag: types.Diagnostic,
              pos: Positions) -> Optional[types.CodeAction]:
    """The code action of one finding's fix: safe ones preferred, unsafe ones say so in their title."""
    fix = d.fix
    if fix is None or fix.applicability is Applicability.DISPLAY_ONLY or not fix.edits:
        return None
    unsafe = fix.applicability is Applicability.UNSAFE
    title = f"{fix.message} ({d.code}{', unsafe: review it' if unsafe else ''})"
    return types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diag], is_preferred=not unsafe,
        edit=whole_edit(uri, version, fix_edits(fix, pos)))


def whole_edit(uri: str, version: Optional[int], edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])


def replace_all(old: str, new: str, pos: Positions) -> list[types.TextEdit]:
    """One edit replacing the changed middle of the document (the common prefix and suffix stay)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    # whole lines: never a position between the two characters of a CRLF
    start = pos.index.line_start(pos.index.position(start).line)
    delta = pos.index.line_end(pos.index.position(end_old).line) - end_old
    if delta > 0:
        end_old, end_new = end_old + delta, end_new + delta
    span = pos.index.span(start, end_old)
    return [types.TextEdit(range=pos.range(span.start, span.end), new_text=new[start:end_new])]


def hover_text(meta: RuleMeta, message: str) -> str:
    fix = f" Fix: {meta.fix.value}." if meta.fix else ""
    return (f"**{meta.code}** `{meta.name}`: {meta.summary}\n\n{message}\n\n{meta.why}{fix}\n\n"
            f"[Documentation]({meta.url})")
