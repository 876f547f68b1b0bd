"""MF101: the manifest `version` must name the target series."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Finding, Fix, Severity
from odoolint.registry import rule

_SERIES = re.compile(r"^(?:saas~)?(\d{1,2})\.(\d)$")


@rule("MF101", "manifest-version-series", summary="Manifest `version` names another Odoo series than the target",
      kinds=["manifest"], severity="error", fix="safe", since="16.0", tags=["migration"],
      what="Checks the manifest `version` against the target series the way Odoo's loader does: a four- or "
           "five-part version must start with the target series (`19.0.1.0.0` for 19.0), and a version must "
           "have 2 to 5 numeric parts. Two- and three-part versions are accepted (Odoo prefixes them). When the "
           "version names an older series (a migration) the safe fix writes `<series>.1.0.0` inside the string "
           "literal (`17.0.1.2.0` -> `19.0.1.0.0`, keeping the quotes): the migrated module starts its own x.y.z "
           "afresh, OCA's convention; a newer series (a backport) gets only its prefix rewritten. Modules marked "
           "`installable: False` are skipped.",
      why="17.0 and 18.0 raise ValueError('Module x: invalid manifest') while loading the manifest, so the "
          "server refuses the module (and `-u all` stops). 19.0 logs 'has an incompatible version, setting "
          "installable=False': the module silently disappears from the apps list and is never upgraded. 16.0 "
          "accepts anything and prefixes it, so `15.0.1.0.0` is loaded as version `16.0.15.0.1.0.0`, which "
          "breaks the ordering of migration scripts.",
      before="'version': '17.0.1.2.0',", after="'version': '19.0.1.0.0',",
      source="odoo/modules/module.py: 16.0 `adapt_version` (line 488) only prefixes; 17.0 `adapt_version` "
             "(line 447) and 18.0 (same function) require `x.y`, `x.y.z`, `<serie>.x.y` or `<serie>.x.y.z` and "
             "`load_manifest` raises ValueError 'Module {module}: invalid manifest' (17.0 line 352); 19.0 "
             "`_load_manifest` + `adapt_version` (2-5 numeric parts, else ValueError) and `check_version` -> "
             "warning 'incompatible version, setting installable=False'. The reset: OCA/odoo-module-migrator "
             "odoo_module_migrate/migration_scripts/python_scripts/migrate_allways/bump_version.py writes "
             "`\"%s.1.0.0\" % target_version_name`; OCA's releases on PyPI reset to `<series>.1.0.z` in 90 of 176 "
             "addons at 16.0 -> 17.0 (39 kept their x.y.z), 90 of 172 at 17.0 -> 18.0 (50 kept) and 111 of 151 at "
             "18.0 -> 19.0 (14 kept).")
def manifest_version_series(ctx):
    tree = ctx.tree
    target = ctx.target
    node = getattr(tree, "value_nodes", {}).get("version")
    version = getattr(tree, "values", {}).get("version")
    if target is None or not isinstance(node, ast.Constant) or not isinstance(version, str):
        return
    if getattr(tree, "values", {}).get("installable", True) is False:
        return
    serie = f"{target.major}.{target.minor}"
    parts = version.split(".")
    span = ctx.node_span(node)
    numeric = all(p.isdigit() for p in parts)
    if target.major >= 17 and (not 2 <= len(parts) <= 5 or not numeric):
        if target.major >= 19:
            yield Finding(span, f"version {version!r} must have 2 to 5 numeric parts: Odoo {serie} raises "
                          "ValueError at load ('invalid manifest'): the server refuses the module")
        elif not version.startswith(serie + ".") or not re.fullmatch(r"\d+\.\d+(\.\d+)?", version[len(serie) + 1:]):
            yield Finding(span, f"version {version!r} is not `x.y`, `x.y.z`, `{serie}.x.y` or `{serie}.x.y.z`: "
                          f"Odoo {serie} raises ValueError at load: the server refuses the module")
        return
    if len(parts) <= 3 or version.startswith(serie + "."):
        return
    if target.major < 17 and not version.startswith(serie + "."):
        message = (f"version {version!r} does not start with {serie}: Odoo {serie} prefixes it and loads the "
                   f"module as version '{serie}.{version}'")
        severity = Severity.WARNING
    elif target.major in (17, 18):
        message = (f"version {version!r} does not name the {serie} series: ValueError at load: the server "
                   "refuses the module")
        severity = None
    else:
        message = (f"version {version!r} does not name the {serie} series: installable=False: the module "
                   "silently disappears from the apps list")
        severity = None
    fix = None
    m = _SERIES.match(".".join(parts[:2]))
    content = _string_content(ctx, node)
    if m and int(m.group(1)) >= 8 and content is not None:
        new = migrated_version(version, target)
        if new != version:
            fix = Fix((ctx.edit(content[0], content[1], new),), Applicability.SAFE, f"Set the version to {new}")
    yield Finding(span, message, fix=fix, severity=severity)


def migrated_version(version: str, target) -> str:
    """The version a module gets in the target series: `<series>.1.0.0` when it moves up from an older series (a
    migration starts the module's own x.y.z afresh, as OCA's odoo-module-migrator writes it and OCA's releases
    do), else only the series prefix rewritten (`19.0.2.0.0` at 18.0 -> `18.0.2.0.0`)."""
    parts = version.split(".")
    serie = f"{target.major}.{target.minor}"
    m = _SERIES.match(".".join(parts[:2]))
    if m and (int(m.group(1)), int(m.group(2))) < (target.major, target.minor):
        return f"{serie}.1.0.0"
    return ".".join([serie] + parts[2:])


def _string_content(ctx, node):
    from odoolint.rules.python.common import string_content_span
    return string_content_span(ctx, node)
