"""Reporters: one module per output format, all fed the same sorted diagnostic list.

A reporter knows rules only through their metadata (`ReportContext.meta`) and files only through
`ReportContext.read_text`; it never imports rule code, the engine or the runner.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Union

from ..model import Diagnostic
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


@dataclass
class ReportContext:
    cwd: Path                                   # filenames in text/json/github messages are relative to this
    root: Path                                  # repository root: SARIF URIs and GitHub `file=` are relative to it
    meta: Callable[[str], RuleMeta]             # rule metadata by code
    read_text: Callable[[str], Optional[str]]   # current text of a path (excerpts, fingerprints); None if unreadable
    show_fixes: bool = False
    # fixes applied per path, for summaries: a count, or a {code: count} table (then listed per code)
    fixed: dict[str, Union[int, dict[str, int]]] = field(default_factory=dict)
    unsafe_fixes: bool = False
    tool_version: str = "0.0.0"
    run_failed: bool = False                    # the run's own errors (a missing path...): never "All checks passed"
    style: Style = PLAIN                        # colour for the text formats (`--color`)
    quiet: bool = False                         # `-q`: the findings only, no summary lines
    sarif_category: Optional[str] = None        # SARIF `automationDetails.id` prefix (`--sarif-category`)
    failures: list[str] = field(default_factory=list)   # the run's own errors (SARIF: tool notifications)
    execution_successful: bool = True           # False when the run had internal failures or errors (exit 2)
    warnings: list[str] = field(default_factory=list)   # filled by reporters (e.g. SARIF's cut): for stderr


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
