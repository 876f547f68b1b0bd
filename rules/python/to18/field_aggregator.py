"""17.0 -> 18.0: a field's `group_operator` attribute is `aggregator` (PY161)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule
from odoolint.sources.pytree import tree_index

from ..common import dotted, mentions, offsets

_OLD, _NEW = "group_operator", "aggregator"
_OLD_WORDS = (_OLD,)


def _fields_lookup(node) -> bool:
    """`<expr>._fields['x']` / `<expr>._fields.get('x')` (also through `.sudo()` on the left)."""
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Attribute) and node.value.attr == "_fields"
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
        and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "_fields"


def _local_fields(index, fn) -> set[str]:
    """Local names of `fn` bound to a Field object: `f = self._fields['x']`, `for f in self._fields.values()`."""
    names = set()
    for n in index.inside(fn, ast.Assign, ast.For, ast.comprehension):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) \
                and _fields_lookup(n.value):
            names.add(n.targets[0].id)
        elif isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name) \
                and isinstance(n.iter, ast.Call) and isinstance(n.iter.func, ast.Attribute) \
                and n.iter.func.attr == "values" and isinstance(n.iter.func.value, ast.Attribute) \
                and n.iter.func.value.attr == "_fields":
            names.add(n.target.id)
    return names


_DEFS = frozenset((ast.FunctionDef, ast.AsyncFunctionDef))


def _own_attributes(index, fn) -> list:
    """The attributes of `fn`'s body, without those of nested functions (visited on their own) but for the
    functions that are statements of the body itself, which this has always looked into."""
    roots = []
    for stmt in fn.body:
        if stmt.__class__ in _DEFS:
            roots.extend(c for c in ast.iter_child_nodes(stmt) if c.__class__ not in _DEFS)
        else:
            roots.append(stmt)
    return [n for n in index.scope(roots, _DEFS) if n.__class__ is ast.Attribute]


def _is_field(node, names: set[str]) -> bool:
    """Is `node` (the receiver of `.group_operator`) certainly a Field object?"""
    if _fields_lookup(node):
        return True
    if isinstance(node, ast.Call) and (dotted(node.func) or "").startswith(("fields.", "odoo.fields.")):
        return True
    return isinstance(node, ast.Name) and node.id in names


def _is_field_class(node: ast.ClassDef) -> bool:
    """A class deriving from an Odoo field class: `fields.Float`, `odoo.fields.Monetary`, `Field`..."""
    for base in node.bases:
        name = dotted(base) or ""
        if name.startswith(("fields.", "odoo.fields.")) or name in ("Field", "_Relational"):
            return True
    return False


@rule("PY161", "field-group-operator-attribute", summary="A field's `group_operator` attribute is `aggregator` "
      "(Odoo 18.0)", kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef),
      what="Finds the field attribute `group_operator` used as an attribute rather than a constructor argument "
           "(PY201 covers `fields.X(group_operator=...)`): reads and assignments of `.group_operator` on what is "
           "certainly a Field object (`<x>._fields['f']`, `<x>._fields.get('f')`, a local name bound to one or "
           "looping over `<x>._fields.values()`, `self` in a field class) and a `group_operator = ...` class "
           "attribute in a class deriving from an Odoo field class. A model's own field named `group_operator` "
           "(`rec.group_operator`) is never touched. The fix renames it `aggregator`.",
      why="18.0 renamed the Field attribute: `Field.aggregator` is the class default (`aggregator = 'sum'` on "
          "Integer/Float/Monetary) and only the constructor keyword `group_operator` is still mapped, with a "
          "DeprecationWarning, in `_setup_attrs`. There is no `group_operator` attribute any more, so reading "
          "`field.group_operator` raises AttributeError and assigning it (or declaring it on a field subclass) "
          "has no effect: read_group aggregates with `aggregator`.",
      before="class Percent(fields.Float):\n    group_operator = 'avg'\n\nfield.group_operator = 'max'",
      after="class Percent(fields.Float):\n    aggregator = 'avg'\n\nfield.aggregator = 'max'",
      source="odoo/fields.py 17.0 `group_operator = None` (line 323), `_description_group_operator` (line 869); "
             "18.0 `aggregator = None` (line 325), `_setup_attrs` maps only the keyword `group_operator` "
             "(lines 481-483), `_description_aggregator` (line 920); 19.0 odoo/orm/fields.py 487-489 likewise.")
def field_group_operator_attribute(node, ctx):
    if ctx.addon is None or not mentions(ctx, _OLD_WORDS):     # the text searched once per file, not per def
        return
    if isinstance(node, ast.ClassDef):
        if _is_field_class(node):
            yield from _class_default(ctx, node)
        return
    index = tree_index(ctx.tree)
    names = _local_fields(index, node)
    if getattr(node, "_odoolint_field_self", False) and node.args.args:
        names.add(node.args.args[0].arg)
    for n in _own_attributes(index, node):
        if not (n.attr == _OLD and _is_field(n.value, names)):
            continue
        s, e = offsets(ctx, n)
        if ctx.source[e - len(_OLD):e] != _OLD:
            continue
        what = "assigning" if isinstance(n.ctx, ast.Store) else "reading"
        yield Finding(ctx.span(e - len(_OLD), e), f"Field attribute `group_operator` is `aggregator` since Odoo "
                      f"18.0: {what} `group_operator` "
                      + ("has no effect" if what == "assigning" else "raises AttributeError"),
                      fix=Fix((ctx.edit(e - len(_OLD), e, _NEW),), Applicability.SAFE, "Rename to `aggregator`"))


def _class_default(ctx, node):
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stmt._odoolint_field_self = True     # `self` in a field class's methods is the Field
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id == _OLD:
            s, e = offsets(ctx, stmt.targets[0])
            yield Finding(ctx.span(s, e), "Field attribute `group_operator` is `aggregator` since Odoo 18.0: the "
                          "class default is ignored", fix=Fix((ctx.edit(s, e, _NEW),), Applicability.SAFE,
                                                              "Rename to `aggregator`"))
