"""Reporters: one module per output format, all fed the same sorted diagnostic list.

A reporter knows rules only through their metadata (`ReportContext.meta`) and files only through
`ReportContext.read_text`; it never imports rule code, the engine or the runner.
"""
from __future__ import annotations

import importlib
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Optional, Union

from ..model import Diagnostic, Record
from ..registry import RuleMeta
from ..style import PLAIN, Style

FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif")

_MODULES = {
    "full": "full",
    "concise": "concise",
    "json": "jsonfmt",
    "json-lines": "jsonlines",
    "github": "github",
    "sarif": "sarif",
}


class ReportContext(Record):
    _fields = ("cwd", "root", "meta", "read_text", "show_fixes", "fixed", "unsafe_fixes", "tool_version", "run_failed",
               "style", "quiet", "sarif_category", "failures", "execution_successful", "warnings")

    def __init__(self, cwd: Path, root: Path, meta: Callable[[str], RuleMeta],
                 read_text: Callable[[str], Optional[str]], show_fixes: bool = False,
                 fixed: Optional[dict[str, Union[int, dict[str, int]]]] = None, unsafe_fixes: bool = False,
                 tool_version: str = "0.0.0", run_failed: bool = False, style: Style = PLAIN, quiet: bool = False,
                 sarif_category: Optional[str] = None, failures: Optional[list[str]] = None,
                 execution_successful: bool = True, warnings: Optional[list[str]] = None):
        self.cwd = cwd                  # filenames in text/json/github messages are relative to this
        self.root = root                # repository root: SARIF URIs and GitHub `file=` are relative to it
        self.meta = meta                # rule metadata by code
        self.read_text = read_text      # current text of a path (excerpts, fingerprints); None if unreadable
        self.show_fixes = show_fixes
        # fixes applied per path, for summaries: a count, or a {code: count} table (then listed per code)
        self.fixed = {} if fixed is None else fixed
        self.unsafe_fixes = unsafe_fixes
        self.tool_version = tool_version
        self.run_failed = run_failed    # the run's own errors (a missing path...): never "All checks passed"
        self.style = style              # colour for the text formats (`--color`)
        self.quiet = quiet              # `-q`: the findings only, no summary lines
        self.sarif_category = sarif_category    # SARIF `automationDetails.id` prefix (`--sarif-category`)
        self.failures = [] if failures is None else failures     # the run's own errors (SARIF: notifications)
        self.execution_successful = execution_successful   # False when the run had internal failures (exit 2)
        self.warnings = [] if warnings is None else warnings     # filled by reporters (SARIF's cut): for stderr


def render(fmt: str, diagnostics: list[Diagnostic], ctx: ReportContext) -> str:
    """Render `diagnostics` in format `fmt` (one of FORMATS); the result ends with a newline unless empty."""
    try:
        module_name = _MODULES[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    module = importlib.import_module(f"{__name__}.{module_name}")
    ordered = sorted(diagnostics, key=lambda d: (d.path, d.span.start.line, d.span.start.column, d.code,
                                                 d.message))
    return module.render(ordered, ctx)


__all__ = ["FORMATS", "ReportContext", "render"]
