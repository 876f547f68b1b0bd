"""pylint-odoo's checks of model classes: field declarations (method names, parameters, labels) and the ORM
methods a model overrides (super calls, return values, what compute and unlink methods do)."""
from __future__ import annotations

import ast
import bisect
import os

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Finding, OdooVersion
from odoolint.registry import facts, rule  # noqa: F401  (facts used below)
from odoolint.sources.pytree import tree_index

from .common import dotted
from .peer import (PYLINT_ODOO, field_calls, func_lib, func_name, gate, odoo_model_base, option, peer_rule, series,
                   str_value)

SRC = PYLINT_ODOO + " (`visit_call`, `visit_functiondef`, `visit_classdef`)"
_SKIP_SCOPES = frozenset((ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
_DEFS = frozenset((ast.FunctionDef, ast.AsyncFunctionDef))
_DEFS_AND_CLASSES = frozenset((ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
FIELDS_METHOD = {"Many2many": 4, "One2many": 2, "Many2one": 1, "Reference": 1, "Selection": 1}


def methods(cls: ast.ClassDef) -> Iterator[ast.FunctionDef]:
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield stmt


def own_nodes(ctx, fn, skip: frozenset = _SKIP_SCOPES) -> list:
    """Nodes of a function body, not inside nested scopes of the `skip` classes (the nested `def`/`class`/
    `lambda` itself included), in source order; a slice of the file's tree index, no walk."""
    return tree_index(ctx.tree).scope(fn.body, skip)


def _class_defs(cls) -> set[str]:
    return {m.name for m in methods(cls)}


# --- field declarations ---------------------------------------------------------------------------------------

def _method_name_rule(code, kind, msgid):
    prefix = f"_{kind}_"

    @peer_rule(code, f"method-{kind}", msgid, summary=f"`{kind}=` method not named `{prefix}...`",
               kinds=["python"], severity="info", nodes=(ast.ClassDef,),
               what=f"Reports `fields.X({kind}='name')` in a class body whose method name does not start with "
                    f"`{prefix}`.",
               why="OCA's naming convention: the prefix tells a reader (and grep) which methods the ORM calls for "
                   "a field, so they are not refactored away as unused.",
               before=f"total = fields.Float({kind}='calc_total')", after=f"total = fields.Float({kind}='{prefix}total')",
               source=SRC)
    def check(node, ctx):
        for _name, call, _ in field_calls(node):
            for kw in call.keywords:
                if kw.arg == kind:
                    value = str_value(kw.value)
                    if value is not None and not value.startswith(prefix):
                        yield Finding(ctx.node_span(kw.value), f'Name of {kind} method should start with "{prefix}"')
    check.__name__ = f"method_{kind}"
    return check


_method_name_rule("PY520", "compute", "C8108")
_method_name_rule("PY521", "search", "C8109")
_method_name_rule("PY522", "inverse", "C8110")


@peer_rule("PY523", "renamed-field-parameter", "W8111", summary="Field parameter renamed long ago "
           "(`digits_compute`, `select`)", kinds=["python"], severity="warning", nodes=(ast.ClassDef,),
           default_enabled=True, tags=["correctness"],
           what="Reports field declarations using a parameter of `deprecated-field-parameters` (default: "
                "`digits_compute` -> `digits`, `select` -> `index`).",
           why="The new API (10.0+) ignores the old names without a word: `select=True` creates no index and "
               "`digits_compute` rounds nothing.",
           before="amount = fields.Float(digits_compute=dp.get_precision('Account'))",
           after="amount = fields.Float(digits='Account')",
           source=SRC + " (`DFTL_DEPRECATED_FIELD_PARAMETERS`, from odoo/fields.py 10.0)")
def renamed_field_parameter(node, ctx):
    renamed = dict(item.split(":", 1) for item in option(ctx, "deprecated-field-parameters") if ":" in item)
    for _name, call, _ in field_calls(node):
        for kw in call.keywords:
            if kw.arg in renamed and not (kw.arg in ("compute", "search", "inverse")):
                yield Finding(ctx.node_span(call), f'Field parameter "{kw.arg}" is no longer supported. Use '
                              f'"{renamed[kw.arg]}" instead.')


def field_string(call: ast.Call) -> Optional[str]:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    pos = FIELDS_METHOD.get(name, 0)
    if len(call.args) > pos:
        return str_value(call.args[pos])
    for kw in call.keywords:
        if kw.arg == "string":
            return str_value(kw.value)
    return None


@peer_rule("PY524", "attribute-string-redundant", "W8113", summary="Field `string` equal to the label Odoo "
           "derives from its name", kinds=["python"], severity="info", nodes=(ast.ClassDef,),
           tags=["oca-hooks"], aliases=["field-string-redundant"],
           what="Reports `partner_id = fields.Many2one('res.partner', 'Partner')`: a `string` (positional or "
                "keyword) equal to the field name without `_id`/`_ids`, underscores as spaces, title-cased; "
                "related fields are skipped.",
           why="Odoo computes exactly that label when `string` is missing; repeating it is noise that drifts when "
               "the field is renamed.",
           before="partner_id = fields.Many2one('res.partner', string='Partner')",
           after="partner_id = fields.Many2one('res.partner')",
           source=SRC + "; odoo/fields.py `Field._setup_attrs` (string defaults to the name, `_id`/`_ids` removed, "
                        "title-cased). Also OCA's hook `field-string-redundant` (checks_odoo_module_fixit_rules/"
                        "field_string_redundant.py), which reads a positional `Many2many` label at index 1, where "
                        "Odoo's signature has the relation table; odoolint follows odoo/fields.py `Many2many."
                        "__init__(comodel_name, relation, column1, column2, string)` (docs/source-notes.md)")
def attribute_string_redundant(node, ctx):
    for name, call, _ in field_calls(node):
        label = (name or "").removesuffix("_ids").removesuffix("_id").replace("_", " ").title()
        if any(kw.arg == "related" for kw in call.keywords):
            continue
        if field_string(call) == label:
            yield Finding(ctx.node_span(call), "The attribute string is redundant. String parameter equal to name "
                          "of variable")


def _inheritable(code, symbol, msgid, keys, summary, what, before, after, message):
    @peer_rule(code, symbol, msgid, summary=summary, kinds=["python"], severity="warning", nodes=(ast.ClassDef,),
               what=what,
               why="The method object is bound when the class body runs: an override of that method in an "
                   "inheriting model is never called for this field.",
               before=before, after=after, source=SRC + "; odoo-pre-commit-hooks#126")
    def check(node, ctx):
        defined = _class_defs(node)
        for _name, call, _ in field_calls(node):
            for kw in call.keywords:
                if kw.arg in keys and isinstance(kw.value, ast.Name) and kw.value.id in defined:
                    yield Finding(ctx.node_span(kw.value), message(kw.arg, kw.value.id))
    check.__name__ = symbol.replace("-", "_")
    return check


_inheritable("PY525", "inheritable-method-string", "E8147", ("compute", "search", "inverse"),
             "`compute=`/`inverse=`/`search=` given the method object, not its name",
             "Reports `fields.X(compute=_compute_total)` (a method of the same class passed as an object).",
             "total = fields.Float(compute=_compute_total)", "total = fields.Float(compute='_compute_total')",
             lambda arg, name: f'Use string method name `"{name}"` to preserve inheritability. More info at '
                               "https://github.com/OCA/odoo-pre-commit-hooks/issues/126")
_inheritable("PY526", "inheritable-method-lambda", "E8148", ("default", "domain"),
             "`default=`/`domain=` given a method object", "Reports `fields.X(default=_default_x)` (a method of the "
             "same class passed as an object).", "user_id = fields.Many2one(default=_default_user)",
             "user_id = fields.Many2one(default=lambda self: self._default_user())",
             lambda arg, name: f"Use `{arg}=lambda self: self.{name}()` to preserve inheritability. More info at "
                               "https://github.com/OCA/odoo-pre-commit-hooks/issues/126")


# --- methods ----------------------------------------------------------------------------------------------------

def _calls_super(ctx, fn) -> bool:
    """Is there a `super(...)` call anywhere in `fn` (nested scopes included)? The file's `super` calls are
    listed once; each question is then a range test on their positions."""
    index = tree_index(ctx.tree)
    calls = ctx.__dict__.get("_odoolint_super_calls")
    if calls is None:
        calls = ctx.__dict__["_odoolint_super_calls"] = [
            index.position(n) for n in index.of(ast.Call)
            if n.func.__class__ is ast.Name and n.func.id == "super"]
    if not calls:
        return False
    i = index.position(fn)
    j = bisect.bisect_left(calls, i)
    return j < len(calls) and calls[j] < index.ends[i]


@peer_rule("PY527", "method-required-super", "W8106", summary="Override of `create`/`write`/`unlink`/... "
           "without `super()`", kinds=["python"], severity="warning", nodes=(ast.ClassDef,), default_enabled=True,
           tags=["correctness"],
           what="Reports methods named in `method-required-super` (copy, create, default_get, read, setUp, "
                "setUpClass, tearDown, tearDownClass, unlink, write) that never call `super()`.",
           why="Without `super()` the ORM's own implementation (and every other addon's override) is skipped: "
               "records are not written, access rules and tracking do not run, test fixtures are not set up.",
           before="def write(self, vals):\n    self.x = 1", after="def write(self, vals):\n    return super().write(vals)",
           source=SRC + "; odoo/models.py `BaseModel.create`/`write`/`unlink` (the implementations skipped)")
def method_required_super(node, ctx):
    names = set(option(ctx, "method-required-super"))
    for fn in methods(node):
        if fn.name in names and not _calls_super(ctx, fn):
            yield Finding(_def_span(ctx, fn), f'Missing `super` call in "{fn.name}" method.')


def _def_span(ctx, fn):
    """pylint reports a function at its `def` line (after decorators)."""
    start = ctx.index.offset(fn.lineno, fn.col_offset + 1) if False else None  # noqa: F841
    s = ctx.node_span(fn)
    if not fn.decorator_list:
        return s
    line_start = ctx.index.line_start(fn.lineno)
    text = ctx.source[line_start:]
    off = line_start + (len(text) - len(text.lstrip(" \t")))
    return ctx.span(off, s.end.offset)


def _is_generator(ctx, fn) -> bool:
    return any(n.__class__ is ast.Yield or n.__class__ is ast.YieldFrom for n in own_nodes(ctx, fn))


@peer_rule("PY528", "missing-return", "W8110", summary="Override calls `super()` but returns nothing",
           kinds=["python"], severity="warning", nodes=(ast.ClassDef,), default_enabled=True, tags=["correctness"],
           what="Reports methods that call `super()` and have no `return` at all (not generators; `__init__`, "
                "`_register_hook`, test set-up methods and `no-missing-return` are exempt).",
           why="The caller gets `None` instead of what `super()` returned: `create` returns no record, `write` no "
               "True, an action no dict, and the chain of overrides above breaks.",
           before="def create(self, vals):\n    super().create(vals)",
           after="def create(self, vals):\n    return super().create(vals)", source=SRC)
def missing_return(node, ctx):
    exempt = set(option(ctx, "no-missing-return"))
    for fn in methods(node):
        if fn.name in exempt or not _calls_super(ctx, fn):
            continue
        if any(n.__class__ is ast.Return for n in own_nodes(ctx, fn, _DEFS_AND_CLASSES)):
            continue
        if _is_generator(ctx, fn):
            continue
        yield Finding(_def_span(ctx, fn), f"Missing `return` (`super` is used) in method {fn.name}.")


@peer_rule("PY529", "prohibited-method-override", "W8107", summary="Override of a method listed in "
           "`prohibited-method-override`", kinds=["python"], severity="warning", nodes=(ast.ClassDef,),
           what="Reports methods that override (call `super().<same name>`) one of `prohibited-method-override` "
                "(empty by default: the check is off until a repository lists methods).",
           why="Some repositories forbid overriding methods whose contract is fragile (e.g. `_compute_display_name` "
               "in a shared base addon).",
           before="def unlink(self):\n    return super().unlink()", after="(no override)", source=SRC)
def prohibited_method_override(node, ctx):
    prohibited = set(option(ctx, "prohibited-method-override"))
    if not prohibited:
        return
    for fn in methods(node):
        if fn.name not in prohibited:
            continue
        for n in tree_index(ctx.tree).inside(fn, ast.Attribute):
            if n.attr == fn.name and isinstance(n.value, ast.Call) \
                    and func_name(n.value.func) == "super":
                yield Finding(_def_span(ctx, fn), f'Prohibited override of "{fn.name}" method.')
                break


@peer_rule("PY530", "super-method-mismatch", "W8164", summary="`super().other()` called from a different "
           "method", kinds=["python"], severity="warning", nodes=(ast.ClassDef,),
           what="Reports `super().write(...)` inside a method not named `write` (methods whose name contains "
                "`queue` or `cache` are skipped).",
           why="It is usually a copy-paste slip: the override of this method never reaches its parent, and the "
               "other parent method runs twice or out of order.",
           before="def write(self, vals):\n    return super().create(vals)",
           after="def write(self, vals):\n    return super().write(vals)", source=SRC)
def super_method_mismatch(node, ctx):
    for fn in methods(node):
        if "queue" in fn.name or "cache" in fn.name:
            continue
        for n in own_nodes(ctx, fn):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Call) \
                    and func_name(n.func.value.func) == "super" and n.func.attr != fn.name:
                yield Finding(ctx.node_span(n), f"`super().{n.func.attr}` mismatch but defined method is `{fn.name}`")


def _has_model_name(cls) -> bool:
    return any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("_name", "_inherit")
                                                 for t in s.targets) for s in cls.body)


@peer_rule("PY531", "no-raise-unlink", "E8140", summary="`raise` inside `unlink()` (15.0+)", kinds=["python"],
           severity="warning", nodes=(ast.ClassDef,),
           what="Reports `raise` statements in the `unlink` method of a model (a class with `_name` or `_inherit`), "
                "for series 15.0 and later.",
           why="Since 15.0 `@api.ondelete(at_uninstall=False)` is the place for deletion checks: a raise in "
               "`unlink` also fires while the module is being uninstalled, which then cannot complete.",
           before="def unlink(self):\n    if self.state == 'done':\n        raise UserError(...)",
           after="@api.ondelete(at_uninstall=False)\ndef _unlink_except_done(self):\n    ...",
           source=SRC + "; odoo/api.py 15.0 `ondelete` docstring")
def no_raise_unlink(node, ctx):
    if not _has_model_name(node) or not gate(ctx, "15.0"):
        return
    for fn in methods(node):
        if fn.name == "unlink":
            for n in own_nodes(ctx, fn, _DEFS):
                if isinstance(n, ast.Raise):
                    yield Finding(ctx.node_span(n), "No exceptions should be raised inside unlink() functions")


_NO_SEARCH_SKIP = frozenset((ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
                             ast.SetComp, ast.DictComp, ast.GeneratorExp))
_BROWSABLE = {"self.browse", "self.copy", "self.env", "self.filtered", "self.filtered_domain", "self.mapped",
              "self.search", "self.sorted", "self"}


_BINDINGS = (ast.Assign, ast.For, ast.comprehension)


def _bindings(ctx, fn) -> list:
    """The assignments and loops of `fn` in `ast.walk` order, once per function (asked once per `write`)."""
    memo = ctx.__dict__.setdefault("_odoolint_bindings", {})
    hit = memo.get(id(fn))
    if hit is None or hit[0] is not fn:
        index = tree_index(ctx.tree)
        hit = memo[id(fn)] = (fn, index.walk_order(index.inside(fn, *_BINDINGS)))
    return hit[1]


def _last_binding(ctx, fn, name: str, before_line: int):
    """The value a local name was last bound to in `fn` before a line: ('assign', value) or ('for', iter).
    (Of two bindings on one line, the first in `ast.walk` order wins, as it always has.)"""
    found = None
    for n in _bindings(ctx, fn):
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
            found = max(found or (0, None), (n.lineno, ("assign", n.value)), key=lambda x: x[0])
        elif isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name) and n.target.id == name:
            line = getattr(n, "lineno", getattr(n.iter, "lineno", 0))
            found = max(found or (0, None), (line, ("for", n.iter)), key=lambda x: x[0])
    return found[1] if found else None


def _root_recordset(ctx, fn, node, libname=None, depth=0) -> Optional[str]:
    """pylint-odoo's `_get_root_method_assignation`: the `self....` expression a receiver comes from."""
    if depth > 20:
        return libname
    if isinstance(node, ast.Call):
        return _root_recordset(ctx, fn, node.func, libname, depth + 1)
    if isinstance(node, ast.Subscript):
        return _root_recordset(ctx, fn, node.value, libname, depth + 1)
    if isinstance(node, ast.Attribute):
        return _root_recordset(ctx, fn, node.value, ast.unparse(node), depth + 1)
    if isinstance(node, ast.Name):
        if node.id == "self":
            return libname
        bound = _last_binding(ctx, fn, node.id, getattr(node, "lineno", 0))
        if bound is None:
            return libname
        how, value = bound
        if how == "for":
            return _root_recordset(ctx, fn, value, ast.unparse(value), depth + 1)
        return _root_recordset(ctx, fn, value, libname, depth + 1)
    return libname


@peer_rule("PY532", "no-write-in-compute", "E8135", summary="`write()` on the records a compute method computes",
           words=("write",),
           kinds=["python"], severity="error", nodes=(ast.ClassDef,), default_enabled=True, tags=["correctness"],
           what="In an Odoo model, reports `write()` called in a method named by some field's `compute=` on `self`, "
                "a record of `self` (`for rec in self`), or a recordset derived from it (`self.browse`, "
                "`self.filtered`, `self.search`, `self.with_context(...)`, ...).",
           why="A compute method must assign the fields; `write` from inside it triggers a new write and "
               "recomputation cycle (recursion, or 'record does not exist' on new records in forms).",
           before="def _compute_total(self):\n    for rec in self:\n        rec.write({'total': 1})",
           after="def _compute_total(self):\n    for rec in self:\n        rec.total = 1",
           source=SRC + "; odoo/models.py `BaseModel.write` (marks fields to recompute)")
def no_write_in_compute(node, ctx):
    if odoo_model_base(node, ctx.tree) is None:
        return
    computes = set()
    for _name, call, _ in field_calls(node):
        for kw in call.keywords:
            if kw.arg == "compute":
                if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    computes.add(kw.value.value)
                elif isinstance(kw.value, ast.Name):
                    computes.add(kw.value.id)
    if not computes:
        return
    index = tree_index(ctx.tree)
    for fn in index.inside(node, ast.FunctionDef, ast.AsyncFunctionDef):
        if fn.name not in computes:
            continue
        for call in index.inside(fn, ast.Call):
            if func_name(call.func) != "write":
                continue
            if func_lib(call.func) == "self":
                yield Finding(ctx.node_span(call), "Compute method calling `write`. Use `update` instead.")
                continue
            root = _root_recordset(ctx, fn, call) or ""
            if root in _BROWSABLE or root.startswith("self.with_"):
                yield Finding(ctx.node_span(call), "Compute method calling `write`. Use `update` instead.")


def _search_domain_empty(ctx, fn, call) -> bool:
    domain = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "domain"), None)
    if domain is None:
        return False
    if isinstance(domain, ast.List):
        return not domain.elts
    if not isinstance(domain, ast.Name):
        return False
    assigns = [n for n in own_nodes(ctx, fn) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
               and any(isinstance(t, ast.Name) and t.id == domain.id
                       for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
    if len(assigns) != 1 or not isinstance(assigns[0], ast.Assign):
        return False
    value = assigns[0].value
    if not (isinstance(value, ast.List) and not value.elts):
        return False
    start = assigns[0].lineno
    for n in own_nodes(ctx, fn):
        if isinstance(n, ast.Call) and start <= n.lineno <= call.lineno and func_lib(n.func) == domain.id \
                and func_name(n.func) in ("append", "extend", "insert"):
            return False
    return True


@peer_rule("PY533", "no-search-all", "W8163", summary="`search([])` without `limit` in a model method",
           kinds=["python"], severity="info", nodes=(ast.ClassDef,),
           what="In methods of an Odoo model, reports `search([])` / `search_read([])` (or a local `domain = []` "
                "never appended to) without `limit` or `count`.",
           why="An empty domain loads every record of the table: fine on a demo database, a memory and time bomb "
               "on a production one.",
           before="partners = self.env['res.partner'].search([])",
           after="partners = self.env['res.partner'].search([], limit=100)", source=SRC)
def no_search_all(node, ctx):
    if odoo_model_base(node, ctx.tree) is None:
        return
    skip = _NO_SEARCH_SKIP
    for fn in methods(node):
        for n in own_nodes(ctx, fn, skip):
            if not (isinstance(n, ast.Call) and (n.args or n.keywords)
                    and func_name(n.func) in ("search", "search_read")):
                continue
            name = func_name(n.func)
            limited = any(k.arg in ("limit", "count") for k in n.keywords) or len(n.args) >= 3 \
                or (name == "search" and len(n.args) >= 5)
            if not limited and _search_domain_empty(ctx, fn, n):
                yield Finding(ctx.node_span(n), f"Using an empty domain `{name}([])` without a `limit` will load all "
                              "records, may impact performance.")


@peer_rule("PY534", "deprecated-odoo-model-method", "W8160", summary="Override of a model method Odoo "
           "deprecated (`fields_view_get`, 16.0)", kinds=["python"], severity="warning", nodes=(ast.ClassDef,),
           what="Reports methods of an Odoo model named in `deprecated-odoo-model-methods` for a series at or "
                "below the one linted (default: `fields_view_get`, deprecated in 16.0).",
           why="Odoo 16.0 replaced `fields_view_get` by `get_views`/`_get_view`, which the web client calls; an "
               "override of the old name no longer shapes the views the client loads.",
           before="def fields_view_get(self, view_id=None, ...):", after="def _get_view(self, view_id=None, ...):",
           source=SRC + " (`DFTL_DEPRECATED_ODOO_MODEL_METHODS = {'16.0': {'fields_view_get'}}`); odoo/models.py "
                        "16.0 `get_views`")
def deprecated_odoo_model_method(node, ctx):
    if odoo_model_base(node, ctx.tree) is None:
        return
    current = series(ctx)
    deprecated = set()
    for version, names in option(ctx, "deprecated-odoo-model-methods").items():
        v = OdooVersion.parse(version)
        if current is None or v is None or v <= current:
            deprecated.update(names)
    for fn in methods(node):
        if fn.name in deprecated:
            yield Finding(_def_span(ctx, fn), f"{fn.name} has been deprecated by Odoo. Please look for alternatives.")


@peer_rule("PY535", "attribute-deprecated", "W8105", summary="Old-API class attribute (`_columns`, `_defaults`)",
           kinds=["python"], severity="warning", nodes=(ast.ClassDef,), default_enabled=True, tags=["correctness"],
           what="Reports class attributes named in `attribute-deprecated` (default: `_columns`, `_defaults`, "
                "`length`) in classes with a base whose name contains `Model`.",
           why="The new API (10.0+) reads fields from `fields.X` attributes and defaults from `default=`: "
               "`_columns` and `_defaults` are ignored, so those fields and defaults silently do not exist.",
           before="_defaults = {'state': 'draft'}", after="state = fields.Selection(..., default='draft')",
           source=SRC + "; odoo/models.py 10.0 (no `_columns`/`_defaults` handling)")
def attribute_deprecated(node, ctx):
    # a dotted base's text is its dotted name: `ast.unparse` only for the rest (`Generic[T]`, `mixin(x)`)
    if not any("Model" in (dotted(b) or ast.unparse(b)) for b in node.bases):
        return
    names = set(option(ctx, "attribute-deprecated"))
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id in names:
            yield Finding(ctx.node_span(stmt.targets[0]), f'attribute "{stmt.targets[0].id}" deprecated')


def _const_attr(cls, attr) -> Optional[str]:
    for s in cls.body:
        if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name) and s.targets[0].id == attr \
                and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
            return s.value.value
    return None


@peer_rule("PY536", "no-wizard-in-models", "C8113", summary="TransientModel in the models/ folder",
           kinds=["python"], severity="info", nodes=(ast.ClassDef,),
           what="Reports a `TransientModel` defined in a folder whose name starts with `model` (settings models "
                "inheriting `res.config*` excepted).",
           why="OCA's module layout keeps wizards in wizard/ (or wizards/) so models/ holds only stored data "
               "models.",
           before="models/confirm_wizard.py: class Confirm(models.TransientModel)",
           after="wizards/confirm_wizard.py", source=SRC)
def no_wizard_in_models(node, ctx):
    base = odoo_model_base(node, ctx.tree)
    if base is None or base[0] != "TransientModel":
        return
    if not os.path.basename(os.path.dirname(ctx.path)).startswith("model"):
        return
    if (_const_attr(node, "_inherit") or "").startswith("res.config"):
        return
    yield Finding(ctx.node_span(base[1]), "No wizard class for model directory. See the complete structure "
                  "https://github.com/OCA/odoo-community.org/blob/master/website/Contribution/CONTRIBUTING.rst"
                  "#complete-structure")


# --- consider-merging-classes-inherited: a project rule over the classes each file extends ------------------

def _disabled_here(ctx, line: int) -> bool:
    """pylint-odoo leaves a class whose `_inherit` line disables the check out of the group altogether."""
    text = ctx.index.line_text(line)
    return "pylint" in text and ("consider-merging-classes-inherited" in text or "R8180" in text)


@facts("python", "peer-inherits")
def extract_inherits(ctx) -> list:
    """(inherited model, line, column) of classes with a constant `_inherit = 'x'` and no `_name`."""
    out = []
    tree = ctx.tree
    if not isinstance(tree, ast.Module) or "_inherit" not in ctx.source:
        return out
    index = tree_index(tree)
    for cls in index.walk_order(index.of(ast.ClassDef)):      # the facts keep ast.walk's order
        if _const_attr(cls, "_name") is not None:
            continue
        if any(isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name) and s.targets[0].id == "_name"
               for s in cls.body):
            continue
        for s in cls.body:
            if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name) and s.targets[0].id == "_inherit" \
                    and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str) \
                    and not _disabled_here(ctx, s.lineno):
                sp = ctx.node_span(s)
                out.append((s.value.value, sp.to_dict()))
    return out


@peer_rule("PY537", "consider-merging-classes-inherited", "R8180", summary="The same model extended by several "
           "classes of one addon", kinds=["python"], severity="info", project=True,
           what="Reports a model that several classes of the same addon extend with `_inherit = 'model'` (no "
                "`_name`), at the last one, naming the others.",
           why="Each class adds a step to the model's MRO and a place to look for its fields and overrides; one "
               "class per model and addon is easier to read and to migrate.",
           before="models/a.py: _inherit = 'res.partner'\nmodels/b.py: _inherit = 'res.partner'",
           after="models/res_partner.py: one class", source=PYLINT_ODOO + " `close` / `reduce_map_data`")
def consider_merging(project):
    from odoolint.model import Span
    groups: dict = {}
    for pf, data in project.facts("peer-inherits"):
        if not pf.addon_path:
            continue
        for model, span in data or ():
            groups.setdefault((pf.addon_path, model), []).append((pf.path, span["start"][0],
                                                                  span["start"][1], pf, span))
    for (addon_path, model), items in sorted(groups.items()):
        if len(items) <= 1:
            continue
        items.sort(key=lambda x: (x[0], x[1]))
        last = items.pop()
        where = ", ".join(f"{os.path.relpath(p, os.path.dirname(addon_path))}:{line}:{col - 1}" for p, line, col, _, _ in items)
        yield Finding(Span.from_dict(last[4]), f'Consider merging classes inherited to "{model}" from {where}.',
                      path=last[0])
