"""Odoo model classes read from the Python `ast`: the "models" facts (FACTS.md) and the class analysis the
type-aware Python rules share.

Schema (FACTS.md), one entry per class that assigns `_name` or `_inherit` in its body:
{"class": str, "name": str | None, "inherit": [str], "inherits": {comodel: field}, "fields": {name: {"type": str,
 "comodel": str | None, "related": str | None, "line": int}}, "methods": [str], "line": int, "abstract": bool,
 "transient": bool}
"""
from __future__ import annotations

import ast
from bisect import bisect_left
from collections import deque

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.registry import facts
from odoolint.sources.pytree import tree_index

from .common import per_tree

RELATIONAL = {"Many2one": 0, "One2many": 0, "Many2many": 0, "Many2oneReference": None}
FIELD_TYPES = frozenset({
    "Boolean", "Integer", "Float", "Monetary", "Char", "Text", "Html", "Date", "Datetime", "Binary", "Image",
    "Selection", "Reference", "Many2one", "Many2oneReference", "One2many", "Many2many", "Json", "Properties",
    "PropertiesDefinition", "Id",
})


def _str(node) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _str_list(node) -> list[str]:
    s = _str(node)
    if s is not None:
        return [s]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [v for v in (_str(e) for e in node.elts) if v is not None]
    return []


def class_attrs(cls: ast.ClassDef) -> dict[str, ast.expr]:
    """Simple `name = value` assignments of a class body (the last one wins, as in Python)."""
    out: dict[str, ast.expr] = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            out[stmt.targets[0].id] = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            out[stmt.target.id] = stmt.value
    return out


def is_model_class(cls: ast.ClassDef) -> bool:
    attrs = class_attrs(cls)
    return "_name" in attrs or "_inherit" in attrs


def model_names(cls: ast.ClassDef) -> set[str]:
    """Every model a class defines or extends (`_name` plus `_inherit`)."""
    attrs = class_attrs(cls)
    out = set(_str_list(attrs["_inherit"])) if "_inherit" in attrs else set()
    name = _str(attrs.get("_name"))
    if name:
        out.add(name)
    return out


def field_call(value) -> Optional[tuple[str, ast.Call]]:
    """(`Char`, call) for `fields.Char(...)` or a bare `Char(...)` imported from odoo.fields."""
    if not isinstance(value, ast.Call):
        return None
    f = value.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "fields" \
            and f.attr in FIELD_TYPES:
        return f.attr, value
    if isinstance(f, ast.Name) and f.id in FIELD_TYPES:
        return f.id, value
    return None


def _single_target(stmt) -> Optional[str]:
    """`x = ...` or the annotated `x: T = ...` that Odoo 19's own code uses."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id
    if isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    return None


def _custom_field_call(value) -> Optional[tuple[str, ast.Call]]:
    """A field of a class defined elsewhere (`graph = Serialized()`, `x = sparse_fields.Foo()`):
    recorded with its class name so that a model using it is not taken as fully known without it."""
    if not isinstance(value, ast.Call):
        return None
    f = value.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
    if name[:1].isupper() and name not in ("Constraint", "Index", "UniqueIndex", "Command"):
        return name, value
    return None


def _base_kind(cls: ast.ClassDef) -> tuple[bool, bool]:
    abstract = transient = False
    for b in cls.bases:
        name = b.attr if isinstance(b, ast.Attribute) else b.id if isinstance(b, ast.Name) else ""
        abstract = abstract or name == "AbstractModel"
        transient = transient or name == "TransientModel"
    return abstract, transient


def describe(cls: ast.ClassDef) -> dict:
    attrs = class_attrs(cls)
    inherits = {}
    if isinstance(attrs.get("_inherits"), ast.Dict):
        for k, v in zip(attrs["_inherits"].keys, attrs["_inherits"].values):
            if _str(k) is not None and _str(v) is not None:
                inherits[_str(k)] = _str(v)
    fields_: dict[str, dict] = {}
    methods: list[str] = []
    for stmt in cls.body:
        target = _single_target(stmt)
        if target is not None:
            fc = field_call(stmt.value) or _custom_field_call(stmt.value)
            if fc:
                ftype, call = fc
                comodel = None
                if ftype in ("Many2one", "One2many", "Many2many") and call.args:
                    comodel = _str(call.args[0])
                related = None
                for kw in call.keywords:
                    if kw.arg == "comodel_name":
                        comodel = _str(kw.value)
                    elif kw.arg == "related":
                        related = _str(kw.value)
                fields_[target] = {"type": ftype, "comodel": comodel, "related": related,
                                               "line": stmt.lineno}
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            methods.append(stmt.name)
    abstract, transient = _base_kind(cls)
    return {"class": cls.name, "name": _str(attrs.get("_name")),
            "inherit": _str_list(attrs["_inherit"]) if "_inherit" in attrs else [],
            "inherits": inherits, "fields": fields_, "methods": methods, "line": cls.lineno,
            "abstract": abstract, "transient": transient}


def model_classes(tree: ast.AST) -> list:
    """Model classes at module level or nested in other classes/functions (tests define models inline), found once
    per tree (the facts and the rules both ask)."""
    memo = getattr(tree, "_odoolint_model_class_list", None)
    if memo is None:
        memo = list(_model_classes(tree))
        try:
            tree._odoolint_model_class_list = memo
        except AttributeError:
            pass
    return memo


_HOLDERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.If, ast.Try, ast.With)


def _model_classes(tree: ast.AST):
    """Breadth first through the bodies; a statement with no class anywhere under it is not entered (the tree
    index tells), which leaves the order of the classes found as it is."""
    index = tree_index(tree) if isinstance(tree, ast.AST) else None
    lines = None
    if index is not None:
        classes = index.of(ast.ClassDef)
        if not classes:
            return
        # a class is under a statement exactly when its `class` line is within the statement's lines (a compound
        # statement starts its own line and ends before the next one starts): the class lines, in source order,
        # answer by bisection, without the index's position of every node
        lines = sorted(c.lineno for c in classes)
    queue = deque(getattr(tree, "body", ()))
    pop, extend = queue.popleft, queue.extend
    while queue:
        node = pop()
        if isinstance(node, ast.ClassDef):
            if is_model_class(node):
                yield node
            extend(node.body)
        elif isinstance(node, _HOLDERS):
            if lines is not None:
                i = bisect_left(lines, node.lineno)
                if i == len(lines) or lines[i] > (node.end_lineno or node.lineno):
                    continue
            extend(getattr(node, "body", ()))


@facts("python", "models")
def extract_models(ctx) -> list:
    if not isinstance(ctx.tree, ast.Module):
        return []
    return [describe(cls) for cls in model_classes(ctx.tree)]


def model_class_set(ctx):
    return per_tree(ctx, "_odoolint_model_classes", lambda ctx: set(model_classes(ctx.tree)))


def has_models(ctx) -> bool:
    return bool(model_class_set(ctx))
