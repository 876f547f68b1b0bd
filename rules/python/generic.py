"""Generic table-driven rules: one rule per Odoo version step reads its table in tables.py."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule

from . import tables
from .common import (dotted, keyword_name_span, module_imports, names_used, removed_or_deprecated,
                     rewrite_import_from)
from .models import field_call


def _field_kwargs(node, ctx, table):
    if ctx.addon is None:
        return
    fc = field_call(node)
    if not fc:
        return
    for kw in node.keywords:
        row = table.get(kw.arg)
        if row is None or OdooVersion.parse(row["deprecated"]) > ctx.target:
            continue
        removed = OdooVersion.parse(row["removed"])
        state = "is ignored" if removed is not None and ctx.target >= removed else "is deprecated"
        start, end = keyword_name_span(ctx, kw)
        new = row["new"]
        if new is None:
            yield Finding(ctx.span(start, end), f"`{kw.arg}=` {state} on fields in Odoo {ctx.target}: delete it",
                          fix=_delete_kwarg(ctx, node, kw), severity=removed_or_deprecated(ctx, removed))
            continue
        yield Finding(ctx.span(start, end),
                      f"`{kw.arg}=` {state} on fields in Odoo {ctx.target}: use `{new}=`",
                      fix=Fix((ctx.edit(start, end, new),), Applicability.SAFE, f"Rename `{kw.arg}=` to `{new}=`"),
                      severity=removed_or_deprecated(ctx, removed))


def _delete_kwarg(ctx, call, kw):
    """Delete `, kw=value` (or `kw=value, ` when it comes first) on one line; None when comments are in the way."""
    items = sorted(list(call.args) + list(call.keywords), key=lambda n: (n.lineno, n.col_offset))
    i = items.index(kw)
    ks, ke = keyword_name_span(ctx, kw)[0], ctx.node_span(kw.value).end.offset
    if i > 0:
        start, end = ctx.node_span(items[i - 1]).end.offset, ke
    elif len(items) > 1:
        start, end = ks, ctx.node_span(items[1]).start.offset
    else:
        start, end = ks, ke
        after = ctx.source[ke:ctx.node_span(call).end.offset]
        if after.lstrip().startswith(","):
            end = ke + after.index(",") + 1
    if "#" in ctx.source[start:end] or "\n" in ctx.source[start:end]:
        return None
    return Fix((ctx.edit(start, end, ""),), Applicability.SAFE, f"Delete `{kw.arg}=`")


@rule("PY201", "field-param-renamed-18", summary="Field parameter renamed or dropped in Odoo 18.0 (`group_operator`, "
      "`unaccent`)",
      kinds=["python"], severity="warning", since="18.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Finds field parameters renamed or dropped in 18.0 (table FIELD_KWARGS_18: `group_operator=` -> "
           "`aggregator=`, a warning; `unaccent=` deleted, an error) in `fields.X(...)` calls and fixes the keyword.",
      why="18.0 still maps `group_operator` with a DeprecationWarning; `unaccent` is no longer a field attribute "
          "in 18.0, so the argument is ignored with an 'unknown parameter' warning.",
      before="amount = fields.Float(group_operator='sum')", after="amount = fields.Float(aggregator='sum')",
      source="odoo/fields.py 18.0 line 481-483 (warns, maps to aggregator); 19.0 odoo/orm/fields.py 487-489; "
             "odoo/fields.py 17.0 line 1656 `unaccent = True`, absent from 18.0 odoo/fields.py.")
def field_param_renamed_18(node, ctx):
    return _field_kwargs(node, ctx, tables.FIELD_KWARGS_18)


@rule("PY105", "field-param-renamed-19", summary="Field parameter renamed in Odoo 19.0 (`auto_join`)",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Finds field parameters renamed in 19.0 (table FIELD_KWARGS_19: `auto_join=` -> "
           "`bypass_search_access=`) in `fields.X(...)` calls and renames the keyword.",
      why="19.0 no longer knows `auto_join`: the field logs an unknown-parameter warning and searches through it "
          "silently go back to applying the comodel's access rules (slower, and results can change).",
      before="partner_id = fields.Many2one('res.partner', auto_join=True)",
      after="partner_id = fields.Many2one('res.partner', bypass_search_access=True)",
      source="odoo/fields.py 18.0 line 3105 `auto_join`; 19.0 odoo/orm/fields_relational.py line 39 "
             "`bypass_search_access` (no `auto_join` in odoo/orm).")
def field_param_renamed_19(node, ctx):
    return _field_kwargs(node, ctx, tables.FIELD_KWARGS_19)


def _moved_imports(node, ctx, table):
    if ctx.addon is None:
        return
    if isinstance(node, ast.ImportFrom):
        if node.level != 0:
            return
        for alias in node.names:
            row = table.get((node.module, alias.name))
            if row is None:
                continue
            removed = OdooVersion.parse(row["removed"])
            new_mod, new_name = row["module"], row["name"]
            local = alias.asname or alias.name
            add = f"from {new_mod} import {new_name}" + (f" as {alias.asname}" if alias.asname else "")
            edits = list(rewrite_import_from(ctx, node, {alias.name}, [add]))
            fix = None
            if alias.asname is None:
                uses = names_used(ctx.tree).get(local, [])
                if all(isinstance(u.ctx, ast.Load) for u in uses) and not _bound_elsewhere(ctx.tree, local):
                    for u in uses:
                        s = ctx.node_span(u)
                        edits.append(ctx.edit(s.start.offset, s.end.offset, new_name))
                    fix = Fix(tuple(edits), Applicability.SAFE, f"Import `{new_name}` from `{new_mod}`"
                              + (f" and rename the {len(uses)} use(s)" if uses else ""))
            else:
                fix = Fix(tuple(edits), Applicability.SAFE, f"Import `{new_name}` from `{new_mod}`")
            state = "was removed" if removed is not None and ctx.target >= removed else "is deprecated"
            yield Finding(ctx.node_span(node), f"`from {node.module} import {alias.name}` {state} in Odoo "
                          f"{ctx.target}: use `from {new_mod} import {new_name}`", fix=fix,
                          severity=removed_or_deprecated(ctx, removed))
    elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
        name = dotted(node)
        if not name:
            return
        for (mod, old), row in table.items():
            if name != f"{mod}.{old}" and not (mod.startswith("odoo.") and name == f"{mod[5:]}.{old}"):
                continue
            removed = OdooVersion.parse(row["removed"])
            state = "was removed" if removed is not None and ctx.target >= removed else "is deprecated"
            new = f"{row['module']}.{row['name']}"
            fix = None
            if new.startswith("odoo.") and name.startswith("odoo.") and ("", "odoo", None) in \
                    module_imports(ctx.tree):
                s = ctx.node_span(node)
                fix = Fix((ctx.edit(s.start.offset, s.end.offset, new),), Applicability.SAFE, f"Use `{new}`")
            yield Finding(ctx.node_span(node), f"`{name}` {state} in Odoo {ctx.target}: use `{new}`", fix=fix,
                          severity=removed_or_deprecated(ctx, removed))


def _bound_elsewhere(tree, name) -> bool:
    """True when `name` is also a parameter, a def/class name or a non-import binding somewhere."""
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.arg == name:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
    return False


@rule("PY202", "import-moved-18", summary="Imported name deprecated in Odoo 18.0 (`odoo.registry`)",
      kinds=["python"], severity="warning", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.ImportFrom, ast.Attribute),
      what="Finds names that Odoo 18.0 moved (table IMPORTS_18: `from odoo import registry` -> "
           "`from odoo.modules.registry import Registry`) and `odoo.registry(...)` reads. The fix removes the "
           "name from the import (other names stay), adds the new import once and renames the call sites. "
           "Deprecated in 18.0 (warning), removed in 19.0 (error).",
      why="`odoo.registry()` warns from 18.0 and no longer exists in 19.0, where `odoo/__init__.py` is gone: "
          "the module fails to import.",
      before="from odoo import api, fields, models, registry\nwith registry(db).cursor() as cr: ...",
      after="from odoo import api, fields, models\nfrom odoo.modules.registry import Registry\n"
            "with Registry(db).cursor() as cr: ...",
      source="odoo/__init__.py 18.0 `registry()` (DeprecationWarning 'Use directly odoo.modules.registry.Registry'); "
             "19.0 has only odoo/init.py, without `registry`.")
def import_moved_18(node, ctx):
    return _moved_imports(node, ctx, tables.IMPORTS_18)


@rule("PY106", "import-moved-19", summary="Imported name deprecated in Odoo 19.0 (`lazy_property`)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.ImportFrom, ast.Attribute),
      what="Finds names that Odoo 19.0 deprecated in favour of another import (table IMPORTS_19: "
           "`odoo.tools.lazy_property` -> `functools.cached_property`). The fix rewrites the import and renames "
           "the uses.",
      why="19.0's lazy_property is a thin subclass of functools.cached_property that warns on use; the "
          "standard library class is the supported spelling.",
      before="from odoo.tools import lazy_property\n\n@lazy_property\ndef x(self): ...",
      after="from functools import cached_property\n\n@cached_property\ndef x(self): ...",
      source="odoo/tools/func.py 19.0 lines 32-44 ('lazy_property is deprecated since Odoo 19, use "
             "`functools.cached_property`').")
def import_moved_19(node, ctx):
    return _moved_imports(node, ctx, tables.IMPORTS_19)
