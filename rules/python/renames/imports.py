"""Imported names that Odoo moved, one rule per step reading its table (PY202 18.0, PY106 19.0)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule

from odoolint.sources.pytree import tree_index

from . import tables
from ..common import (dotted, mentions, module_imports, names_used, removed_or_deprecated, rewrite_import_from,
                      table_words)


_OLD_NAMES: dict[int, tuple] = {}


def _moved_imports(node, ctx, table):
    """The findings of one table; an attribute that is no old name of the table leaves before any generator
    (the rule sees every attribute of the files that spell one)."""
    if node.__class__ is ast.Attribute:
        hit = _OLD_NAMES.get(id(table))
        if hit is None:
            hit = _OLD_NAMES[id(table)] = (table, frozenset(old for _mod, old in table))
        if node.attr not in hit[1]:
            return None
    return _moved(node, ctx, table)


def _moved(node, ctx, table):
    if ctx.addon is None or not mentions(ctx, table_words(table, lambda key: key[1])):
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
    for node in tree_index(tree).of(ast.arg, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        if isinstance(node, ast.arg) and node.arg == name:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
    return False


@rule("PY202", "import-moved-18", words=table_words(tables.IMPORTS_18, lambda key: key[1]),
      names={ast.Attribute: {old for _mod, old in tables.IMPORTS_18}},
      summary="Imported name deprecated in Odoo 18.0 (`odoo.registry`)",
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


@rule("PY106", "import-moved-19", words=table_words(tables.IMPORTS_19, lambda key: key[1]),
      names={ast.Attribute: {old for _mod, old in tables.IMPORTS_19}},
      summary="Imported name deprecated in Odoo 19.0 (`lazy_property`)",
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
