"""OCA `oca-checks-odoo-module` module checks: unused data files, Weblate component length, README.md, and
manifest keys that only repeat Odoo's defaults (the hooks' fixit rule `manifest-superfluous-key`).

Semantics from oca_pre_commit_hooks/checks_odoo_module.py and checks_odoo_module_fixit_rules/
manifest_superfluous_key_rule.py (0.2.x); the code is written independently.
"""
from __future__ import annotations

import ast
import os
import posixpath

from odoolint.gitinfo import repo_name
from odoolint.model import Applicability, Finding, Fix, Span
from odoolint.registry import rule

from .oca_scope import hook_scope

DATA_DIRS = {"data", "datas", "demo", "demos", "report", "reports", "security", "template", "templates", "view",
             "views", "wizard", "wizards"}
WEBLATE_MAX = 90
HOOKS = "OCA odoo-pre-commit-hooks 0.2.x oca_pre_commit_hooks/checks_odoo_module.py"


def _manifest_span(scope) -> Span:
    d = scope.span
    s = Span.from_dict(d)
    # the opening brace of the manifest dict: line 1 of most manifests, where the hooks report
    return Span(s.start, s.start) if d else s


@rule("MF301", "file-not-used", summary="Data file in a data folder that the manifest never loads",
      kinds=["manifest"], severity="warning", project=True, default_enabled=False,
      tags=["oca-hooks", "correctness"], aliases=["file-not-used"],
      what="Reports an `.xml` or `.csv` file directly inside one of the folders `data`, `demo`, `report`, "
           "`security`, `template(s)`, `view(s)`, `wizard(s)` (and their plural/singular variants) of an "
           "installable addon when no manifest list (`data`, `demo`, `qweb`, ..., `assets`) references it and "
           "the custom key `oca_data_manual` does not name it, once per file, at the manifest.",
      why="Odoo loads only the files the manifest lists: a view or access file that is not listed does "
          "nothing, which is usually a forgotten manifest entry (or a file left over after a refactoring).",
      before="'data': ['views/a.xml']  +  views/a.xml, views/b.xml",
      after="'data': ['views/a.xml', 'views/b.xml']",
      source=f"odoo/modules/loading.py `load_data` reads only the manifest's lists (16.0-19.0); {HOOKS} "
             "`check_file_not_used`")
def file_not_used(project):
    for scope in hook_scope(project).values():
        used = {posixpath.normpath(p) for p in scope.referenced}
        manual = {posixpath.normpath(p) for p in scope.manual}
        seen = set()
        for pf in project.files:
            if pf.addon_path != scope.path or pf.kind not in ("xml", "csv"):
                continue
            rel = pf.addon_relpath
            parts = rel.split("/")
            if len(parts) != 2 or parts[0].lower() not in DATA_DIRS or rel in seen:
                continue
            seen.add(rel)
            if rel not in used and rel not in manual:
                yield Finding(_manifest_span(scope), f"File `{scope.addon}/{rel}` is not referenced in the manifest: "
                              f"add it to `data`/`demo`, or to `\"oca_data_manual\": [\"{rel}\"]` if a hook "
                              f"loads it, or remove it", path=scope.manifest_path)


@rule("MF302", "weblate-component-too-long", summary="Repository + version + addon name too long for Weblate",
      kinds=["manifest"], severity="warning", project=True, default_enabled=False, tags=["oca-hooks", "policy"],
      aliases=["weblate-component-too-long"],
      what="Reports an installable addon when `<repository>-00.0-<addon>` is longer than 90 characters, the "
           "repository name being the last part of the first git remote's URL (read from `.git/config`).",
      why="OCA's Weblate names one translation component per addon that way, with a 100-character limit: the "
          "addon's translations cannot be synchronised.",
      before="OCA/a-very-long-repository-name-... + a_very_long_addon_name", after="a shorter addon name",
      source=f"{HOOKS} `check_component_name_too_long` (OCA's Weblate component naming)")
def weblate_component_too_long(project):
    for scope in hook_scope(project).values():
        repo = repo_name(scope.path)
        name = f"{repo}-00.0-{scope.addon}"
        if len(name) > WEBLATE_MAX:
            yield Finding(_manifest_span(scope), f"Repository name + Odoo version + addon name is too long for a "
                                                 f"Weblate component: '{name}' has {len(name)} characters, more "
                                                 f"than {WEBLATE_MAX}", path=scope.manifest_path)


@rule("MF303", "prefer-readme-rst", summary="Addon documented in README.md instead of README.rst",
      kinds=["manifest"], severity="info", project=True, default_enabled=False, tags=["oca-hooks", "style"],
      aliases=["prefer-readme-rst"],
      what="Reports an installable addon that has a `README.md` file.",
      why="OCA's tooling (oca-gen-addon-readme, the apps store description) reads `README.rst`.",
      before="my_addon/README.md", after="my_addon/README.rst",
      source=f"{HOOKS} `check_readme` (an OCA convention)")
def prefer_readme_rst(project):
    for scope in hook_scope(project).values():
        readme = os.path.join(scope.path, "README.md")
        if os.path.isfile(readme):        # README files are not linted kinds: one stat here
            yield Finding(Span.from_dict({"start": [1, 1, 0], "end": [1, 1, 0]}),
                          "Prefer README.rst instead of README.md", path=readme)


_TRUE_BY_DEFAULT = {"active", "installable"}


def _superfluous(key: str, value: ast.expr) -> bool:
    if isinstance(value, ast.List) and not value.elts:
        return True
    if isinstance(value, ast.Constant):
        if isinstance(value.value, str) and value.value == "" and not isinstance(value, ast.JoinedStr):
            return True
        if value.value is True and key in _TRUE_BY_DEFAULT:
            return True
        if value.value is False and key not in _TRUE_BY_DEFAULT:
            return True
    return False


@rule("MF304", "manifest-superfluous-key", summary="Manifest key set to its default value (or empty)",
      kinds=["manifest"], severity="info", fix="safe", default_enabled=False, tags=["oca-hooks", "style"],
      aliases=["manifest-superfluous-key"],
      what="In installable addons, reports manifest entries (nested dicts included) whose value is an empty list or an empty string, "
           "`True` for `installable`/`active`, or `False` for any other key. The fix deletes the entry when it "
           "stands alone on its line(s).",
      why="Odoo's defaults already say that (`installable` True, `auto_install`/`application` False, empty "
          "lists): the entry is noise.",
      before="{\n    'name': 'X',\n    'installable': True,\n    'data': [],\n}", after="{\n    'name': 'X',\n}",
      source="odoo/modules/module.py `_DEFAULT_MANIFEST` (16.0-19.0: installable True, auto_install and "
             "application False); OCA odoo-pre-commit-hooks fixit rule `manifest-superfluous-key`")
def manifest_superfluous_key(ctx):
    root = getattr(ctx.tree, "dict_node", None)
    values = getattr(ctx.tree, "values", None)
    if root is None or not isinstance(values, dict) or not values.get("installable", True):
        return                      # the hooks skip addons that are not installable
    for node in ast.walk(root):
        if not isinstance(node, ast.Dict):
            continue
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and _superfluous(k.value, v):
                ks, ve = ctx.node_span(k), ctx.node_span(v)
                yield Finding(ctx.span(ks.start.offset, ve.end.offset),
                              f"`{k.value}` only repeats the default value: delete it", fix=_delete(ctx, ks, ve))


def _delete(ctx, ks, ve):
    """Delete `key: value,` when it is alone on its lines (a comment after it blocks the fix)."""
    src = ctx.source
    end = ve.end.offset
    # closing parentheses around the value
    while end < len(src) and src[end] in " \t)":
        end += 1
    if end < len(src) and src[end] == ",":
        end += 1
    line_start = ctx.index.line_start(ks.start.line)
    last_line = ctx.index.position(max(end - 1, 0)).line
    line_end = ctx.index.line_end(last_line)
    if src[line_start:ks.start.offset].strip() or src[end:line_end].strip():
        return None
    nxt = ctx.index.line_start(last_line + 1) if last_line < ctx.index.line_count else len(src)
    return Fix((ctx.edit(line_start, nxt, ""),), Applicability.SAFE, "Delete the entry")
