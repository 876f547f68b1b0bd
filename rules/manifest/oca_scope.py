"""Which data files OCA's `oca-checks-odoo-module` reads, so its checks are scoped as the hooks scope them.

The hooks read an addon only when its manifest evaluates to a non-empty dict, the addon has an `__init__.py` (not
required here: see hook_scope) and `installable` is not false; then only the files its manifest references: the `data`, `demo`, `demo_xml`,
`init_xml`, `qweb`, `test` and `update_xml` lists (`qweb` entries may be globs), the globs of `assets` that
point into the addon, and `i18n*/*.po[t]` (oca_pre_commit_hooks/checks_odoo_module.py
`_referenced_files_by_extension`). The "oca_manifest" facts carry what that needs; `hook_scope` joins them.
"""
from __future__ import annotations

import posixpath
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import OdooVersion
from odoolint.registry import facts

DATA_KEYS = ("data", "demo", "demo_xml", "init_xml", "qweb", "test", "update_xml")
MANUAL_KEY = "oca_data_manual"


def _strs(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, (list, tuple)) else []


@facts("manifest", "oca_manifest")
def extract_oca_manifest(ctx) -> dict:
    values = getattr(ctx.tree, "values", None)
    values = values if isinstance(values, dict) else {}
    assets = values.get("assets")
    globs = []
    if isinstance(assets, dict):
        for entries in assets.values():
            globs += _strs(entries)
    elif isinstance(assets, (list, tuple)):
        globs = _strs(assets)
    version = values.get("version")
    installable = values.get("installable", True)
    return {"loadable": bool(values), "installable": bool(installable),
            "version": version if isinstance(version, str) else None,
            "sections": {k: _strs(values.get(k)) for k in DATA_KEYS},
            "assets": globs, "manual": _strs(values.get(MANUAL_KEY)),
            "span": ctx.node_span(ctx.tree.dict_node).to_dict() if getattr(ctx.tree, "dict_node", None) else None}


def glob_regex(pattern: str) -> re.Pattern:
    """A `glob.glob` pattern (with `**` as any depth, hidden names unmatched by `*`) as a regex on POSIX paths."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append(r"(?:[^/.][^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(r"(?:[^/.][^/]*(?:/[^/.][^/]*)*)?")
            i += 2
            continue
        if c == "*":
            out.append(r"[^/]*" if i > 0 and pattern[i - 1] != "/" else r"(?:[^/.][^/]*)?")
        elif c == "?":
            out.append(r"[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(r"\[")
            else:
                body = pattern[i + 1:j]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = j + 1
                continue
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


class AddonScope:
    """What the hooks know of one addon (a plain class: `dataclasses` costs its `inspect` import at start-up)."""

    __slots__ = ("addon", "path", "manifest_path", "version", "raw_version", "manual", "span", "referenced")

    def __init__(self, addon: str, path: str, manifest_path: str, version: Optional[OdooVersion],
                 raw_version: Optional[str], manual: list[str], span: Optional[dict],
                 referenced: Optional[dict[str, list[str]]] = None):
        self.addon = addon
        self.path = path                    # the addon folder
        self.manifest_path = manifest_path
        self.version, self.raw_version = version, raw_version
        self.manual, self.span = manual, span
        self.referenced = {} if referenced is None else referenced   # path in addon -> sections, manifest order


def _version(raw: Optional[str]) -> Optional[OdooVersion]:
    """The hooks compare `packaging.version.Version(manifest['version'])`; only the major matters here."""
    if not raw:
        return None
    m = re.match(r"^\s*v?(\d+)(?:\.(\d+))*", raw)
    if not m or not re.match(r"^\s*v?\d+(\.\d+)*([._-]?(a|b|rc|post|dev)\d*)*\s*$", raw, re.I):
        return None
    return OdooVersion.parse(f"{m.group(1)}.0")


def hook_scope(project) -> dict[str, AddonScope]:
    """addon folder -> what the hooks read there, for every addon the hooks check (memoised per project)."""
    cached = project.__dict__.get("_oca_hook_scope")
    if cached is not None:
        return cached
    files_by_addon: dict[str, list] = {}
    for pf in project.files:
        if pf.addon_path:
            files_by_addon.setdefault(pf.addon_path, []).append(pf)
    out: dict[str, AddonScope] = {}
    for pf, data in project.facts("oca_manifest"):
        if not isinstance(data, dict) or not pf.addon_path or not data.get("loadable") \
                or not data.get("installable"):
            continue
        # the hooks also skip an addon without `__init__.py`; Odoo imports it as a namespace package, so it is
        # kept here (docs/source-notes.md)
        rels = {f.addon_relpath for f in files_by_addon.get(pf.addon_path, ())}
        scope = AddonScope(pf.addon or "", pf.addon_path, pf.path, _version(data.get("version")),
                           data.get("version"), data.get("manual") or [], data.get("span"))
        for key, entries in (data.get("sections") or {}).items():
            for entry in entries:
                if key == "qweb":
                    for rel in _matching(posixpath.normpath(entry), rels):
                        _add(scope, rel, key)
                else:
                    _add(scope, posixpath.normpath(entry), key)
        prefix = f"{scope.addon}/"
        for entry in data.get("assets") or ():
            if not entry.startswith(prefix):
                continue
            for rel in _matching(entry[len(prefix):], rels):
                _add(scope, rel, "assets")
        out[pf.addon_path] = scope
    project.__dict__["_oca_hook_scope"] = out
    return out


def _matching(pattern: str, rels: set[str]) -> list[str]:
    """The paths of `rels` that the glob pattern matches, sorted: a pattern without a wildcard (most entries)
    matches only itself, which needs no regex (each costs a compile)."""
    if not any(c in pattern for c in "*?["):
        return [pattern] if pattern in rels else []
    rx = glob_regex(pattern)
    return sorted(r for r in rels if rx.match(r))


def _add(scope: AddonScope, rel: str, section: str) -> None:
    sections = scope.referenced.setdefault(rel, [])
    if section not in sections:
        sections.append(section)


def scoped_files(project, kind: str):
    """(ProjectFile, AddonScope, sections) of each file of `kind` the hooks read, in project order."""
    scopes = hook_scope(project)
    for pf in project.files:
        if pf.kind != kind or not pf.addon_path:
            continue
        scope = scopes.get(pf.addon_path)
        if scope is None:
            continue
        sections = scope.referenced.get(pf.addon_relpath)
        if sections:
            yield pf, scope, sections
