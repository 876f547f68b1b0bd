"""OCA hooks settings as odoolint selection: `.oca_hooks.cfg` and the OCA_HOOKS_ENABLE / OCA_HOOKS_DISABLE
environment variables (oca_pre_commit_hooks/global_parser.py).

The hooks read `[MESSAGES_CONTROL] enable = a,b` (only those checks run) and `disable = a,b` from
`.oca_hooks.cfg` in the current folder or the git top level; the environment variables take precedence over the
file. Mapped here: a disabled check is ignored; with `enable`, the listed checks are selected (even those off by
default) and every other rule that carries an OCA hook name is ignored. Names odoolint has no rule for are skipped.
"""
from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

CONFIG_NAME = ".oca_hooks.cfg"
SECTION = "MESSAGES_CONTROL"


def _csv(value: Optional[str]) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _hook_names() -> dict[str, str]:
    """OCA hook name -> odoolint code, from the generated rule index (no rule module imported). A name is first
    taken from the rules of the `oca-hooks` family (pylint-odoo and the hooks both have a
    `prefer-env-translation`, and the hooks' one is PY562), then from the rules outside the pylint-odoo family
    (the parse-error rules carry the hooks' `*-syntax-error` names); pylint-odoo's symbols are not hook names."""
    from .registry import _read_index

    index = _read_index() or {}
    rules = index.get("rules") or {}
    out = {}
    for family in (True, False):
        for code, d in sorted(rules.items()):
            tags = d.get("tags") or ()
            if ("oca-hooks" in tags) != family or (not family and "pylint-odoo" in tags):
                continue
            for alias in d.get("aliases") or ():
                out.setdefault(alias, code)
    return out


def read(root: Path) -> tuple[list[str], list[str]]:
    """(enable, disable) as the hooks would see them from `root`."""
    enable, disable = _csv(os.environ.get("OCA_HOOKS_ENABLE")), _csv(os.environ.get("OCA_HOOKS_DISABLE"))
    for folder in (Path.cwd(), root):
        cfg = folder / CONFIG_NAME
        if cfg.is_file():
            import configparser    # here: most projects have no `.oca_hooks.cfg`
            parser = configparser.ConfigParser()
            try:
                parser.read(cfg, encoding="utf-8")
            except (configparser.Error, OSError, UnicodeDecodeError):
                break
            if parser.has_section(SECTION):
                enable = enable or _csv(parser[SECTION].get("enable"))
                disable = disable or _csv(parser[SECTION].get("disable"))
            break
    return enable, disable


def apply(settings, root: Path) -> None:
    """Add the hooks' enable/disable to the settings' extend-select / ignore."""
    enable, disable = read(root)
    if not enable and not disable:
        return
    names = _hook_names()
    for name in enable:
        if name in names:
            settings.extend_select.append(names[name])
    if enable:
        wanted = {names[n] for n in enable if n in names}
        settings.ignore.extend(sorted({code for code in names.values() if code not in wanted}))
    for name in disable:
        if name in names:
            settings.ignore.append(names[name])
