"""Test harness: write real files into a temporary project and run the real runner on them."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from odoolint.config import Settings
from odoolint.model import Diagnostic
from odoolint.runner import RunOptions, RunResult, run


def write_tree(root: Path, files: dict[str, "str | bytes"]) -> None:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_bytes(content.encode("utf-8"))
    (root / ".git").mkdir(exist_ok=True)   # marks the project root


def lint(root: Path, files: Optional[dict[str, "str | bytes"]] = None, *, odoo_version: Optional[str] = None,
         select: Optional[Iterable[str]] = None, ignore: Iterable[str] = (), fix: bool = False,
         unsafe: bool = False, diff: bool = False, options: Optional[dict] = None,
         paths: Optional[list[Path]] = None) -> RunResult:
    """Lint a real tree on disk. `select` defaults to ALL so opt-in rules are exercised too."""
    if files:
        write_tree(root, files)
    settings = Settings(select=list(select) if select is not None else ["ALL"], ignore=list(ignore),
                        odoo_version=odoo_version, options=options or {})
    return run(RunOptions(paths or [root], settings, fix=fix, unsafe_fixes=unsafe, diff=diff, no_cache=True,
                          jobs=1))


def rows(result: RunResult, root: Path, code_prefix: str = "") -> list[tuple[str, str, int, int, str]]:
    """(relative path, code, line, column, message) of every diagnostic, sorted."""
    out = []
    for d in result.diagnostics:
        if d.code.startswith(code_prefix):
            out.append((Path(d.path).relative_to(root).as_posix(), d.code, d.span.start.line,
                        d.span.start.column, d.message))
    return sorted(out)


def codes(result: RunResult) -> list[str]:
    return sorted(d.code for d in result.diagnostics)


def only(result: RunResult, code: str) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == code]
