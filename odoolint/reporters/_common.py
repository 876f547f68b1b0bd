"""Helpers shared by the reporters: paths, fix availability, rule lookup, the ruff-style summary."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePath

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from ..model import Applicability, Diagnostic, Severity
from ..names import shown, shown_text

if TYPE_CHECKING:
    from ..registry import RuleMeta
    from . import ReportContext


def display_path(path: str, cwd: Path) -> str:
    """`path` relative to `cwd` when it lies under it (ruff's habit), else unchanged.

    Called once per finding: string work, memoised per (path, cwd), no pathlib objects."""
    return _display_path(path, str(cwd))


@lru_cache(maxsize=65536)
def _display_path(path: str, cwd: str) -> str:
    prefix = cwd.rstrip(os.sep) + os.sep
    if path.startswith(prefix) and os.path.isabs(path) and os.path.isabs(cwd) and \
            not {"..", ".", ""} & set(path[len(prefix):].split(os.sep)):
        return path[len(prefix):]
    p = PurePath(path)
    try:
        return str(p.relative_to(cwd))
    except ValueError:
        try:
            return str(PurePath(os.path.abspath(path)).relative_to(os.path.abspath(cwd)))
        except ValueError:
            return path


def root_relative(path: str, root: Path) -> Optional[str]:
    """POSIX path of `path` relative to `root`, or None when it lies outside it."""
    try:
        return PurePath(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return None


def fix_available(d: Diagnostic, unsafe_fixes: bool) -> bool:
    """Would `--fix` apply this diagnostic's fix at the current applicability?"""
    if d.fix is None:
        return False
    if d.fix.applicability is Applicability.SAFE:
        return True
    return unsafe_fixes and d.fix.applicability is Applicability.UNSAFE


def lookup(ctx: "ReportContext", code: str) -> Optional["RuleMeta"]:
    try:
        return ctx.meta(code)
    except (KeyError, LookupError):
        return None


def plural(n: int, word: str, suffix: str = "s") -> str:
    return f"{n} {word}{'' if n == 1 else suffix}"


def fixed_total(ctx: "ReportContext") -> int:
    return sum(v if isinstance(v, int) else sum(v.values()) for v in ctx.fixed.values())


def fix_listing(ctx: "ReportContext") -> list[str]:
    """ruff's `--show-fixes` table: `Fixed N errors:` then per file, per code counts."""
    total = fixed_total(ctx)
    if not total:
        return []
    lines = [f"Fixed {plural(total, 'error')}:"]
    for path in sorted(ctx.fixed):
        value = ctx.fixed[path]
        if isinstance(value, int):
            if value:
                lines.append(f"- {shown(display_path(path, ctx.cwd))}: {plural(value, 'fix', 'es')}")
            continue
        rows = {code: n for code, n in value.items() if n}
        if not rows:
            continue
        lines.append(f"- {shown(display_path(path, ctx.cwd))}:")
        width = len(str(max(rows.values())))
        for code in sorted(rows):
            meta = lookup(ctx, code)
            name = f" ({meta.name})" if meta else ""
            lines.append(f"    {rows[code]:>{width}} × {code}{name}")
    return lines


def summary(diagnostics: list[Diagnostic], ctx: "ReportContext") -> list[str]:
    """The closing lines ruff prints after text output (none under `-q`)."""
    if ctx.quiet:
        return []
    remaining = len(diagnostics)
    fixed = fixed_total(ctx)
    total = remaining + fixed
    if fixed:
        lines = [f"Found {plural(total, 'problem')} ({fixed} fixed, {remaining} remaining){by_severity(diagnostics)}."]
    elif remaining:
        lines = [f"Found {plural(remaining, 'problem')}{by_severity(diagnostics)}."]
    elif getattr(ctx, "run_failed", False):
        lines = ["No problems found in what could be read; the run had errors (see above)."]
    else:
        lines = ["All checks passed!"]
    lines[0] = ctx.style.summary(lines[0])
    applicable = sum(1 for d in diagnostics if fix_available(d, ctx.unsafe_fixes))
    hidden = 0 if ctx.unsafe_fixes else sum(
        1 for d in diagnostics if d.fix is not None and d.fix.applicability is Applicability.UNSAFE)
    hint = f"({plural(hidden, 'hidden fix', 'es')} can be enabled with the --unsafe-fixes option)"
    if applicable and hidden:
        lines.append(f"[*] {applicable} fixable with the --fix option {hint}.")
    elif applicable:
        lines.append(f"[*] {applicable} fixable with the --fix option.")
    elif hidden:
        lines.append(f"No fixes available {hint}.")
    return lines


def by_severity(diagnostics: list[Diagnostic]) -> str:
    """`: 9 errors, 7 warnings` (most severe first), or nothing when there is nothing left."""
    counts = {s: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for d in diagnostics:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
    parts = [plural(n, words[s], "" if s is Severity.INFO else "s") for s, n in counts.items() if n]
    return f": {', '.join(parts)}" if parts else ""


def header(d: Diagnostic, ctx: "ReportContext") -> str:
    """`path:line:col: CODE [*] message`, the first line of both text formats."""
    st = ctx.style
    mark = " " + st.fix("[*]") if fix_available(d, ctx.unsafe_fixes) else ""
    colon = st.sep(":")
    return (f"{st.path(shown(display_path(d.path, ctx.cwd)))}{colon}{d.span.start.line}{colon}"
            f"{d.span.start.column}{colon} {st.code(d.code)}{mark} {shown_text(d.message)}")
