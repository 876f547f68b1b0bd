"""`odoolint upgrade --to X`: the migration report of each addon, step by step.

A view over one ordinary run (same rules, same runner, same fixes): the run is made at the target version
with fixes computed (written only with --fix), and every migration finding is filed under the addon it belongs
to and the version step that introduced it (the rule's `since`), in one of three columns: done by `--fix`,
needs review (an unsafe fix, applied with --unsafe-fixes), or by hand (no fix).
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .model import Applicability, OdooVersion
from .registry import REGISTRY

AUTO, REVIEW, MANUAL = "fixed", "review", "manual"
_TITLES = {AUTO: "done by --fix", REVIEW: "needs review (unsafe fix, --unsafe-fixes)", MANUAL: "by hand"}


@dataclass
class Item:
    code: str
    name: str
    path: str           # relative to the project root
    line: int
    message: str
    column: str         # AUTO | REVIEW | MANUAL
    count: int = 1      # fixes applied (AUTO entries of a --fix run are counted per rule and file)


@dataclass
class AddonPlan:
    name: str
    path: str
    version: Optional[str]                  # the manifest `version`
    current: Optional[OdooVersion]          # its series
    target: OdooVersion
    steps: dict[str, list[Item]] = field(default_factory=dict)    # "17.0" -> items of the 16.0 -> 17.0 step
    bumped_version: Optional[str] = None

    def step_names(self) -> list[str]:
        return sorted(self.steps, key=lambda s: OdooVersion.parse(s))

    def to_dict(self) -> dict:
        return {"addon": self.name, "path": self.path, "version": self.version,
                "from": str(self.current) if self.current else None, "to": str(self.target),
                "bumped_version": self.bumped_version,
                "steps": [{"step": f"{_previous(s)} -> {s}", "to": s,
                           **{col: [vars(i) for i in self.steps[s] if i.column == col]
                              for col in (AUTO, REVIEW, MANUAL)}} for s in self.step_names()]}


def _previous(step: str) -> str:
    v = OdooVersion.parse(step)
    return f"{v.major - 1}.0" if v else "?"


def is_migration_rule(code: str) -> bool:
    meta = REGISTRY.meta(code)
    return meta is not None and (meta.since is not None or "migration" in meta.tags or meta.scope == "parse-error")


def read_manifest_version(path: str, data: Optional[bytes] = None) -> Optional[str]:
    """The `version` of a manifest (as it was before any fix), read with ast.literal_eval (never executed)."""
    try:
        text = data.decode("utf-8") if data is not None else Path(path).read_text(encoding="utf-8")
        value = ast.literal_eval(text)
    except (OSError, ValueError, SyntaxError, UnicodeDecodeError, MemoryError, RecursionError):
        return None
    version = value.get("version") if isinstance(value, dict) else None
    return version if isinstance(version, str) else None


def series_of(version: Optional[str]) -> Optional[OdooVersion]:
    if not version:
        return None
    parts = version.split(".")
    if len(parts) >= 4 and parts[0].isdigit() and parts[1].isdigit():
        return OdooVersion.parse(f"{parts[0]}.{parts[1]}")
    return None


def bump(version: Optional[str], target: OdooVersion) -> Optional[str]:
    """`16.0.1.2.0` -> `19.0.1.0.0` (what MF101's fix writes: a migration starts the module's x.y.z afresh); None
    when there is nothing to bump (a 2-3 part version, which every series accepts and prefixes, or one already at
    the target)."""
    if not version or series_of(version) is None or series_of(version) == target:
        return None
    from odoolint.rules.manifest.version import migrated_version
    return migrated_version(version, target)


# rules about the target series itself (not about an API some step changed): filed under the last step
_TARGET_RULES = frozenset({"MF101"})


def step_for(code: str, current: Optional[OdooVersion], target: OdooVersion) -> str:
    """The version step a rule's finding belongs to: the step that reaches the rule's `since`."""
    if code in _TARGET_RULES:
        return f"{target.major}.0"
    meta = REGISTRY.meta(code)
    first = OdooVersion(current.major + 1) if current is not None else None
    since = meta.since if meta is not None else None
    step = since if since is not None else first
    if step is None:
        step = target
    if first is not None and step < first:
        step = first
    if step > target:
        step = target
    return f"{step.major}.0"


def build(result, target: OdooVersion, fixing: bool) -> tuple[list[AddonPlan], list[Item]]:
    """Addon plans from a run made with fixes computed. `fixing`: the run applied (or diffed) safe fixes."""
    root = Path(result.root)
    addons: dict[str, AddonPlan] = {}
    for path, kind in sorted(result.kinds.items()):
        if kind != "manifest":
            continue
        folder = str(Path(path).parent)
        version = read_manifest_version(path, result.originals.get(path))
        addons[folder] = AddonPlan(Path(folder).name, _rel(root, folder), version, series_of(version), target)
    ordered = sorted(addons, key=len, reverse=True)

    def addon_of(path: str) -> Optional[AddonPlan]:
        for folder in ordered:
            if path == folder or path.startswith(folder.rstrip("/\\") + "/") or path.startswith(folder + "\\"):
                return addons[folder]
        return None

    outside: list[Item] = []

    def file_item(plan, item):
        if plan is None:
            outside.append(item)
            return
        plan.steps.setdefault(step_for(item.code, plan.current, target), []).append(item)

    for path, per_code in sorted(result.fixed.items()):
        plan = addon_of(path)
        for code, n in sorted(per_code.items()):
            if not is_migration_rule(code):
                continue
            meta = REGISTRY.meta(code)
            file_item(plan, Item(code, meta.name, _rel(root, path), 0, meta.summary, AUTO, n))
    for d in result.diagnostics:
        if not is_migration_rule(d.code):
            continue
        if d.fix is None:
            column = MANUAL
        elif d.fix.applicability == Applicability.UNSAFE:
            column = REVIEW
        else:
            column = AUTO if not fixing else MANUAL   # a safe fix left after a --fix run could not apply
        file_item(addon_of(d.path), Item(d.code, d.name, _rel(root, d.path), d.span.start.line, d.message, column))
    return [addons[k] for k in sorted(addons, key=lambda k: addons[k].path)], outside


def _rel(root: Path, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def render_text(plans: list[AddonPlan], outside: list[Item], applied: bool) -> str:
    out = []
    totals = {AUTO: 0, REVIEW: 0, MANUAL: 0}
    for plan in plans:
        head = f"{plan.name} ({plan.path})"
        frm = str(plan.current) if plan.current else "?"
        out.append(f"{head}: {frm} -> {plan.target}" + (f", version {plan.version}" if plan.version else ""))
        if plan.current is not None and plan.current >= plan.target and not plan.steps:
            out.append("  already at the target series")
        for step in plan.step_names():
            items = plan.steps[step]
            out.append(f"  {_previous(step)} -> {step}")
            for col in (AUTO, REVIEW, MANUAL):
                chosen = [i for i in items if i.column == col]
                if not chosen:
                    continue
                n = sum(i.count for i in chosen)
                totals[col] += n
                title = _TITLES[col] if col != AUTO else ("done by --fix" if applied else "--fix does")
                out.append(f"    {title} ({n}):")
                if col == AUTO:
                    by_code: dict[tuple[str, str], int] = {}
                    for i in chosen:
                        by_code[(i.code, i.name)] = by_code.get((i.code, i.name), 0) + i.count
                    for (code, name), k in sorted(by_code.items()):
                        out.append(f"      {code} {name} x{k}")
                else:
                    for i in sorted(chosen, key=lambda i: (i.path, i.line, i.code)):
                        out.append(f"      {i.path}:{i.line}: {i.code} {i.message}")
        if plan.bumped_version:
            out.append(f"  manifest version: {plan.version} -> {plan.bumped_version}"
                       + ("" if applied else " (with --bump-version --fix)"))
    if outside:
        out.append("outside any addon")
        for i in outside:
            out.append(f"    {i.path}:{i.line}: {i.code} {i.message}")
    out.append(f"{len(plans)} addon{'s' if len(plans) != 1 else ''}: {totals[AUTO]} automatic, "
               f"{totals[REVIEW]} to review, {totals[MANUAL]} by hand")
    return "\n".join(out) + "\n"


def render_json(plans: list[AddonPlan], outside: list[Item]) -> str:
    return json.dumps({"addons": [p.to_dict() for p in plans], "outside": [vars(i) for i in outside]},
                      indent=2) + "\n"


def run_upgrade(paths, target_text: str, fix: bool, unsafe: bool, diff: bool, bump_version: bool,
                output_format: str, config_file) -> int:
    """The `odoolint upgrade` command: one run at the target, then the report. Returns the exit code."""
    import sys

    import click

    from .config import ConfigError, load_settings
    from .discovery import find_root
    from .runner import RunOptions, run

    target = OdooVersion.parse(target_text)
    if target is None:
        click.echo(f"error: --to {target_text!r} is not a version like 19.0", err=True)
        return 2
    try:
        root = find_root(list(paths) or [Path(".")])
        settings = load_settings(root, config_file)
        settings.odoo_version = str(target)
        if not bump_version:
            settings.ignore = list(settings.ignore) + ["MF101"]
        result = run(RunOptions(list(paths), settings, fix=True, unsafe_fixes=unsafe, diff=not fix,
                                explicit_version_origin="cli"))
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    for err in result.errors:
        click.echo(f"error: internal failure, please report it: {err}", err=True)
    for failure in result.failures:
        click.echo(f"error: {failure}", err=True)
    plans, outside = build(result, target, fixing=True)
    for plan in plans:
        plan.bumped_version = bump(plan.version, target)
    if diff:
        from .diff import unified
        for path in sorted(result.fixed_data):
            before = result.originals[path].decode("utf-8", "surrogateescape")
            after = result.fixed_data[path].decode("utf-8", "surrogateescape")
            sys.stdout.write(unified(result.relpaths.get(path, path), before, after))
    text = render_json(plans, outside) if output_format == "json" else render_text(plans, outside, applied=fix)
    stream = sys.stderr if diff else sys.stdout
    stream.write(text)
    stream.flush()
    if result.errors or result.failures:
        return 2
    left = any(i.column != AUTO for p in plans for items in p.steps.values() for i in items) or bool(outside)
    pending = not fix and any(i.column == AUTO for p in plans for items in p.steps.values() for i in items)
    return 1 if left or pending else 0
