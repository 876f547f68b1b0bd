"""The `odoolint explain` command: read the error, match symptoms, run the matched rules on PATHS, report.

Kept out of cli.py so the command module stays small; the matching itself is in explain.py and the rules run
through the ordinary runner with a selection of the matched codes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

import click

from .explain import MAX_INPUT

EXIT_OK, EXIT_ERROR = 0, 2


def _read_input(paths: list[Path], log_file: Optional[Path]) -> tuple[Optional[str], list[Path], str]:
    """(text, project paths, problem): the log comes from --log, `-` among PATHS, or a piped stdin."""
    project = [p for p in paths if str(p) != "-"]
    dash = len(project) != len(paths)
    if log_file is not None:
        if dash:
            return None, project, "give the error either with --log or on stdin (`-`), not both"
        try:
            with log_file.open("rb") as fh:
                data = fh.read(MAX_INPUT)
        except OSError as exc:
            return None, project, f"cannot read {log_file}: {exc.strerror or exc}"
    elif dash or not sys.stdin.isatty():
        data = sys.stdin.buffer.read(MAX_INPUT)
    else:
        return None, project, "paste the error on stdin, or give `-` or --log FILE"
    return data.decode("utf-8", "replace"), project, ""


def run_explain(paths, log_file, odoo_version, output_format, config_file) -> int:
    from . import __version__
    from .explain import explain_text, rank, render_text, select_findings
    from .registry import load_rules

    text, project, problem = _read_input(list(paths), log_file)
    if problem:
        click.echo(f"error: {problem}", err=True)
        return EXIT_ERROR
    registry = load_rules()
    errors = explain_text(text, registry.all_meta())
    codes = sorted({m.code for e in errors for m in e.matches})

    pairs, diagnostics, notes, result = None, [], [], None
    if project:
        from .config import ConfigError, load_settings
        from .discovery import find_root
        from .model import OdooVersion
        from .runner import RunOptions, run

        missing = [str(p) for p in project if not p.exists()]
        if missing:
            click.echo(f"error: no such path: {missing[0]}", err=True)
            return EXIT_ERROR
        try:
            root = find_root(project)
            settings = load_settings(root, config_file)
            if odoo_version:
                if OdooVersion.parse(odoo_version) is None:
                    raise ConfigError(f"--odoo-version {odoo_version!r} is not a version like 17.0")
                settings.odoo_version = odoo_version
            if codes:
                settings.select, settings.extend_select, settings.ignore = list(codes), [], []
                result = run(RunOptions(project, settings, no_cache=True,
                                        explicit_version_origin="cli" if odoo_version else "config"))
        except ConfigError as exc:
            click.echo(f"error: {exc}", err=True)
            return EXIT_ERROR
        if result is not None:
            diagnostics = [d for d in result.diagnostics if d.code in codes]
            for err in result.errors:
                click.echo(f"error: internal failure, please report it: {err}", err=True)
            notes = _version_notes(registry, codes, result.target)
        pairs = select_findings(errors, diagnostics)

    located = {id(d): d for _, _, found in (pairs or []) for d in found}
    with_findings = {d.code for d in located.values()}
    ranked = rank(errors, with_findings)
    cwd = Path.cwd()

    def relpath(path: str) -> str:
        try:
            return Path(path).resolve().relative_to(cwd.resolve()).as_posix()
        except ValueError:
            return path

    if output_format == "json":
        from .reporters import ReportContext
        from .reporters.jsonfmt import diagnostic_object

        ctx = ReportContext(cwd=cwd, root=result.root if result else cwd, meta=registry.meta,
                            read_text=result.text_of if result else (lambda _p: None), tool_version=__version__)
        findings = sorted(located.values(), key=lambda d: (d.path, d.span.start.line, d.span.start.column, d.code))
        payload = {
            "errors": [e.to_dict(with_findings) for e in errors],
            "rules": [{"code": m.code, "name": m.name, "why": m.why} for m in ranked],
            "findings": [diagnostic_object(d, ctx) for d in findings],
        }
        if notes:
            payload["notes"] = notes
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(errors, pairs, relpath, notes))
    return EXIT_OK


def _version_notes(registry, codes, target) -> list[str]:
    """Matched rules that did not run because of the target version: say so rather than stay silent."""
    notes = []
    for code in codes:
        meta = registry.meta(code)
        if meta.applies_to(target):
            continue
        span = " and ".join(x for x in ((f">= {meta.since}" if meta.since else ""),
                                        (f"< {meta.until}" if meta.until else "")) if x)
        seen = f"the project's target is {target}" if target else "no target version was found in the project"
        notes.append(f"note: {code} runs only for Odoo {span} and {seen}; pass --odoo-version to run it.")
    return notes
