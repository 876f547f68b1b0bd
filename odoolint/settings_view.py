"""`odoolint check --show-settings`: the settings a run over PATHS would use, resolved (configuration file,
CLI flags, `.oca_hooks.cfg`), with the target version decided as the run decides it and the rules it enables.

One `key = value` line per setting in TOML syntax, so a line can be pasted into `[tool.odoolint]`."""
from __future__ import annotations

import json
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from .config import Settings


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value))


def render(paths: list[Path], root: Path, settings: Settings, version_origin: str = "config") -> str:
    from .discovery import discover
    from .registry import load_rules
    from .runner import resolve_enabled
    from .versions import SOURCE_KINDS, detect, scan_sources

    refs = discover([root], root, settings.all_excludes(), settings.respect_gitignore, False)
    files = []
    for r in refs:
        if r.kind in SOURCE_KINDS:
            try:
                with open(r.path, "rb") as fh:
                    files.append((r.path, r.kind, fh.read()))
            except OSError:
                continue
    if settings.target() is None:
        from .discovery import copier_answer_files
        for copier in copier_answer_files(root, paths or [root], [r.path for r in refs if r.kind == "manifest"]):
            try:
                files.append((str(copier), "copier", copier.read_bytes()))
            except OSError:
                pass
    detection = detect(settings.target(), version_origin, scan_sources(files))
    registry = load_rules(None)
    enabled = sorted(resolve_enabled(registry, settings), key=_code_key)

    shown = ", ".join(str(p) for p in paths) if paths else "."
    lines = [f"Resolved settings for: {shown}",
             f"Settings path: {settings.config_path or '(none: defaults)'}",
             f"Project root: {root}",
             ""]
    for name in Settings._fields:
        if name == "config_path":
            continue
        key, value = name.replace('_', '-'), getattr(settings, name)
        lines.append(f"# {key} is unset" if value is None else f"{key} = {_toml(value)}")
    lines.append("")
    target = detection.target
    lines.append(f"# target version: {target if target else 'unknown'} (decided by: {detection.origin})")
    lines.append(f"# enabled rules: {len(enabled)}")
    lines.append(f"enabled = {_toml(enabled)}")
    return "\n".join(lines) + "\n"


def _code_key(code: str) -> tuple[str, int]:
    head = code.rstrip("0123456789")
    tail: Optional[str] = code[len(head):]
    return head, int(tail) if tail else 0
