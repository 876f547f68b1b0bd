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
           "have 2 to 5 numeric parts. Two- and three-part versions are accepted (Odoo prefixes them). The safe "
           "fix rewrites only the series prefix inside the string literal (`17.0.1.2.0` -> `19.0.1.2.0`), "
           "keeping the quotes and the module's own x.y.z. Modules marked `installable: False` are skipped.",
      why="17.0 and 18.0 raise ValueError('Module x: invalid manifest') while loading the manifest, so the "
          "server refuses the module (and `-u all` stops). 19.0 logs 'has an incompatible version, setting "
          "installable=False': the module silently disappears from the apps list and is never upgraded. 16.0 "
          "accepts anything and prefixes it, so `15.0.1.0.0` is loaded as version `16.0.15.0.1.0.0`, which "
          "breaks the ordering of migration scripts.",
      before="'version': '17.0.1.2.0',", after="'version': '19.0.1.2.0',",
      source="odoo/modules/module.py: 16.0 `adapt_version` (line 488) only prefixes; 17.0 `adapt_version` "
             "(line 447) and 18.0 (same function) require `x.y`, `x.y.z`, `<serie>.x.y` or `<serie>.x.y.z` and "
             "`load_manifest` raises ValueError 'Module {module}: invalid manifest' (17.0 line 352); 19.0 "
             "`_load_manifest` + `adapt_version` (2-5 numeric parts, else ValueError) and `check_version` -> "
             "warning 'incompatible version, setting installable=False'.")
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
        prefix_len = len(parts[0]) + 1 + len(parts[1])
        fix = Fix((ctx.edit(content[0], content[0] + prefix_len, serie),), Applicability.SAFE,
                  f"Rewrite the series prefix to {serie}")
    yield Finding(span, message, fix=fix, severity=severity)


def _string_content(ctx, node):
    from odoolint.rules.python.common import string_content_span
    return string_content_span(ctx, node)
