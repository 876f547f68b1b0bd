"""Model fields that Odoo renamed or removed (PY110, PY207; PY308, PY208, PY118), found type-aware: only where
the model is known. The tables are data in renames/tables.py."""
from __future__ import annotations

import ast

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule
from odoolint.sources.pytree import tree_index

from . import tables
from .. import layout
from ..common import dotted, mentions, offsets, string_content_span, table_words
from ..models import model_names


_RECORDSET_METHODS = {"filtered", "sorted", "sudo", "with_context", "with_company", "with_user", "exists",
                      "with_env", "with_prefetch"}
_LAMBDA_METHODS = {"filtered", "sorted", "mapped"}
_VALS_CALLS = {"create", "write", "new", "update"}
_DOMAIN_CALLS = {"search", "search_count", "search_read", "search_fetch", "filtered_domain", "_search",
                 "_read_group", "read_group"}
# the engine's first test (registry `names`): `_renamed` reads only the vals and domains of these calls
_CALL_NAMES = {ast.Call: _VALS_CALLS | _DOMAIN_CALLS}


def _renames_for(models: set[str], table) -> dict[str, str]:
    return {old: new for (model, old), new in table.items() if model in models}


def _str_edit(ctx, node, old, new) -> Optional[tuple]:
    """(span, edit) renaming the first dotted segment `old` of a string constant `old` / `old.x`."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return None
    if node.value != old and not node.value.startswith(old + "."):
        return None
    content = string_content_span(ctx, node)
    if content is None:
        return ctx.node_span(node), None
    return ctx.node_span(node), layout.fitted_edit(ctx, content[0], content[0] + len(old), new)


class Hint(str):
    """A replacement that needs a person: reported with this text, never applied."""


class Closure(str):
    """The field to use where the old one was tested for membership (or searched): the renamed field holds
    less than the old one did."""


def _finding(ctx, span, edit, old, new, where):
    if isinstance(new, Closure):
        fix = Fix((edit,), Applicability.SAFE, f"Use `{new}`") if edit is not None else None
        return Finding(span, f"`{old}` is gone from {where} in Odoo <V>: its renamed field holds only the explicit "
                             f"entries; for this membership test or search use `{new}`, which also holds the "
                             f"implied ones as `{old}` did", fix=fix)
    if isinstance(new, Hint):
        return Finding(span, f"`{old}` no longer exists on {where} in Odoo <V>: {new}")
    fix = Fix((edit,), Applicability.SAFE, f"Rename `{old}` to `{new}`") if edit is not None else None
    return Finding(span, f"`{old}` was renamed `{new}` on {where} in Odoo <V>", fix=fix)


_HINTS: dict[int, tuple] = {}


def _hints(table):
    """The table with its replacements as Hints, built once per table (and the same dict every call)."""
    hit = _HINTS.get(id(table))
    if hit is None:
        hit = _HINTS[id(table)] = (table, {k: Hint(v) for k, v in table.items()})
    return hit[1]


def _versioned(findings, version):
    for f in findings:
        yield Finding(f.span, f.message.replace("<V>", version), fix=f.fix, severity=f.severity)


def _dict_keys(ctx, node, renames, where, model=None, table=None) -> Iterator[Finding]:
    """The renamed keys of the vals dict(s) `node`; with `model` and `table`, also those of the vals its x2many
    commands carry for the comodel (tables.X2MANY_COMODELS: `'order_line': [Command.create({...})]`)."""
    dicts = [node] if isinstance(node, ast.Dict) else \
        [e for e in node.elts if isinstance(e, ast.Dict)] if isinstance(node, (ast.List, ast.Tuple)) else []
    for d in dicts:
        for k, v in zip(d.keys, d.values):
            for old, new in renames.items():
                if isinstance(k, ast.Constant) and k.value == old:
                    span, edit = _str_edit(ctx, k, old, new)
                    yield _finding(ctx, span, edit, old, new, where)
            comodel = tables.X2MANY_COMODELS.get((model, k.value)) \
                if model and isinstance(k, ast.Constant) and isinstance(k.value, str) else None
            sub = _renames_for({comodel}, table) if comodel else None
            if sub and isinstance(v, (ast.List, ast.Tuple)):
                for command in v.elts:
                    vals = _command_vals(command)
                    if vals is not None:
                        yield from _dict_keys(ctx, vals, sub, comodel, comodel, table)


def _command_vals(node) -> Optional[ast.Dict]:
    """The vals dict of an x2many command that creates or updates a record: `(0, 0, {...})`, `(1, id, {...})`,
    `Command.create({...})`, `Command.update(id, {...})` (also `fields.Command`)."""
    if isinstance(node, ast.Tuple) and len(node.elts) == 3 and isinstance(node.elts[0], ast.Constant) \
            and node.elts[0].value in (0, 1) and isinstance(node.elts[2], ast.Dict):
        return node.elts[2]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and dotted(node.func.value) in (
            "Command", "fields.Command", "odoo.fields.Command"):
        arg = {"create": 0, "update": 1}.get(node.func.attr)
        if arg is not None and len(node.args) == arg + 1 and isinstance(node.args[arg], ast.Dict):
            return node.args[arg]
    return None


def _has_x2many_renames(model, table) -> bool:
    return any(m == model and _renames_for({comodel}, table) for (m, _f), comodel in tables.X2MANY_COMODELS.items())


def _domain_leaves(ctx, node, renames, where) -> Iterator[Finding]:
    if not isinstance(node, (ast.List, ast.Tuple)):
        return
    for leaf in node.elts:
        if isinstance(leaf, (ast.Tuple, ast.List)) and len(leaf.elts) == 3:
            for old, new in renames.items():
                r = _str_edit(ctx, leaf.elts[0], old, new)
                if r:
                    yield _finding(ctx, r[0], r[1], old, new, where)


_MEMBERSHIP_ASSERTS = {"assertIn", "assertNotIn"}
_IN_OPERATORS = {"in", "not in"}


def _membership_containers(tree) -> set[int]:
    """ids of the nodes tested for membership: the right side of `in`/`not in`, the 2nd argument of
    `assertIn`/`assertNotIn`, the value of a domain leaf `(field, 'in'/'not in', value)` (and `x` of its
    `x.ids`) (built once per tree)."""
    memo = getattr(tree, "_odoolint_membership", None)
    if memo is None:
        memo = set()
        for n in tree_index(tree).of(ast.Compare, ast.Call, ast.Tuple, ast.List):
            if isinstance(n, ast.Compare):
                for op, right in zip(n.ops, n.comparators):
                    if isinstance(op, (ast.In, ast.NotIn)):
                        memo.add(id(right))
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                    and n.func.attr in _MEMBERSHIP_ASSERTS and len(n.args) >= 2:
                memo.add(id(n.args[1]))
            elif isinstance(n, (ast.Tuple, ast.List)) and len(n.elts) == 3 \
                    and isinstance(n.elts[0], ast.Constant) and isinstance(n.elts[0].value, str) \
                    and isinstance(n.elts[1], ast.Constant) and n.elts[1].value in _IN_OPERATORS:
                value = n.elts[2]       # ('group_id', 'in', user.groups_id.ids): matched against each group
                memo.add(id(value))
                if isinstance(value, ast.Attribute) and value.attr == "ids":
                    memo.add(id(value.value))
        try:
            tree._odoolint_membership = memo
        except AttributeError:
            pass
    return memo


def _env_model(node) -> Optional[str]:
    """'sale.order.line' for `<...>.env['sale.order.line']`, also through `.sudo()`/`.with_context()`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in _RECORDSET_METHODS | {"browse", "search"}:
        node = node.func.value
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
            and isinstance(node.slice.value, str):
        base = dotted(node.value)
        if base and (base == "env" or base.endswith(".env")):
            return node.slice.value
    return None


@rule("PY110", "model-field-renamed-19", words=table_words(tables.FIELDS_19, lambda key: key[1]), summary="Field renamed by Odoo 19.0 on a known model (`tax_id` -> `tax_ids`)",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.ClassDef, ast.Call, ast.Attribute),
      names={**_CALL_NAMES, ast.Attribute: {old for _model, old in tables.FIELDS_19}},
      what="Renames the fields of table FIELDS_19 (`sale.order.line.tax_id`, `purchase.order.line.taxes_id` -> "
           "`tax_ids`; `groups_id` -> `group_ids` on res.users, ir.ui.menu, ir.ui.view, ir.actions.act_window, "
           "ir.actions.server, ir.actions.report; res.groups `users` -> `user_ids`; sale/purchase.order.line "
           "`product_uom` -> `product_uom_id`) only where the model is known: in classes that `_inherit` (or "
           "are) that model — field overrides, `self.<field>` and loop variables over `self`, local names every "
           "binding of which is one of `self`'s own recordsets (`menus = self.sudo().search([])`) and the "
           "lambdas filtering them, `@api.depends`/"
           "`onchange`/`constrains` paths, `mapped`/`filtered` strings, the vals of `create`/`write` "
           "(`vals['x']`, `vals.get('x')`, `'x' in vals`, also of a local dict passed to `write`/`create` of "
           "those records or of `super()`) and dicts passed to `self.create/write` — and in "
           "`env['<model>']` calls: vals dicts of `create`/`write` (and the vals of the x2many commands they hold for "
           "the comodel, table X2MANY_COMODELS: `'order_line': [Command.create({...})]` of a sale.order), domain "
           "leaves of `search*`; and `<...>.env.user."
           "groups_id`. A field of the same name on any other model (e.g. `product.template.taxes_id`, a custom "
           "`tax_id`) is never touched. res.users `groups_id` held the implied groups too, `group_ids` holds only "
           "the explicit ones: where it is tested for membership (`g in user.groups_id`, `assertIn`, the value of an `in` domain "
           "leaf such as `('group_id', 'in', user.groups_id.ids)`) or searched (domain leaves on res.users) the fix writes `all_group_ids`, as Odoo's own upgrade script does "
           "(`group_ids.all_implied_ids`), so the rewrite never narrows who matches; writes and other reads get "
           "`group_ids`. An attribute rename that pushes a one-line statement past the file's line length is "
           "split as black splits it (rules/python/layout.py).",
      why="19.0 renamed these fields; the old names do not exist, so reads raise AttributeError, vals raise "
          "'Invalid field' and domains raise ValueError.",
      before="class SaleOrderLine(models.Model):\n    _inherit = 'sale.order.line'\n\n"
             "    @api.depends('tax_id')\n    def _x(self):\n        for line in self:\n            line.tax_id",
      after="class SaleOrderLine(models.Model):\n    _inherit = 'sale.order.line'\n\n"
            "    @api.depends('tax_ids')\n    def _x(self):\n        for line in self:\n            line.tax_ids",
      source="Renamed fields verified in both trees: " + tables.FIELDS_19_SOURCE + ". Membership: "
             + tables.MEMBERSHIP_19_SOURCE)
def model_field_renamed_19(node, ctx):
    if _cannot_rename(node, tables.FIELDS_19):
        return None
    return _versioned(_renamed(node, ctx, tables.FIELDS_19, tables.MEMBERSHIP_19), "19.0")


@rule("PY207", "model-field-renamed-18", words=table_words(tables.FIELDS_18, lambda key: key[1]), summary="Field renamed by Odoo 18.0 on a known model (`reversal_move_id`)",
      kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.ClassDef, ast.Call), names=_CALL_NAMES,
      what="Same type-aware renaming as PY110, for table FIELDS_18 (`account.move.reversal_move_id` -> "
           "`reversal_move_ids`).",
      why="18.0 renamed the field: the old name raises AttributeError / 'Invalid field'.",
      before="self.env['account.move'].search([('reversal_move_id', '!=', False)])",
      after="self.env['account.move'].search([('reversal_move_ids', '!=', False)])",
      source=tables.FIELDS_18_SOURCE)
def model_field_renamed_18(node, ctx):
    if _cannot_rename(node, tables.FIELDS_18):
        return None
    return _versioned(_renamed(node, ctx, tables.FIELDS_18), "18.0")


_OLD_NAMES: dict[int, tuple] = {}


def _cannot_rename(node, table) -> bool:
    """What `_renamed` yields nothing for, told without building its generators (the rule sees every call and
    attribute of the files that spell one of the table's names): an attribute that is no old name of the table,
    a call that is not `<x>.<vals or domain method>(arg, ...)`."""
    cls = node.__class__
    if cls is ast.Attribute:
        hit = _OLD_NAMES.get(id(table))
        if hit is None:
            hit = _OLD_NAMES[id(table)] = (table, frozenset(old for _model, old in table))
        return node.attr not in hit[1]
    if cls is ast.Call:
        f = node.func
        return f.__class__ is not ast.Attribute or not node.args or not (f.attr in _VALS_CALLS
                                                                         or f.attr in _DOMAIN_CALLS)
    return False


def _closures_for(models: set[str], membership) -> dict[str, str]:
    return {old: Closure(new) for (model, old), new in (membership or {}).items() if model in models}


_USER_OF_ENV = ("env.user",)


def _renamed(node, ctx, table, membership=None):
    if ctx.addon is None or not mentions(ctx, table_words(table, lambda key: key[1])):
        return
    if isinstance(node, ast.Attribute):     # <...>.env.user.<field>: the current user, a res.users record
        base = dotted(node.value)
        if not base or not (base == "env.user" or base.endswith(".env.user")):
            return
        renames = _renames_for({"res.users"}, table)
        if node.attr not in renames:
            return
        old = node.attr
        new = _closures_for({"res.users"}, membership).get(old) \
            if id(node) in _membership_containers(ctx.tree) else None
        new = new or renames[old]
        s, e = offsets(ctx, node)
        if ctx.source[e - len(old):e] == old:
            yield _finding(ctx, ctx.span(e - len(old), e), layout.fitted_edit(ctx, e - len(old), e, new),
                           old, new, "res.users")
        return
    if isinstance(node, ast.Call):
        f = node.func
        if not isinstance(f, ast.Attribute) or not node.args:
            return
        model = _env_model(f.value)
        if model is None:
            return
        renames = _renames_for({model}, table)
        if f.attr in _VALS_CALLS and (renames or _has_x2many_renames(model, table)):
            yield from _dict_keys(ctx, node.args[0], renames, model, model, table)
        elif renames and f.attr in _DOMAIN_CALLS:
            yield from _domain_leaves(ctx, node.args[0], {**renames, **_closures_for({model}, membership)}, model)
        return
    models = model_names(node)
    renames = _renames_for(models, table)
    if not renames:
        return
    where = " / ".join(sorted(m for m in models if any((m, o) in table for o in renames)))
    closures = _closures_for(models, membership)
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id in renames:
            old = stmt.targets[0].id
            s, e = offsets(ctx, stmt.targets[0])
            yield _finding(ctx, ctx.span(s, e), ctx.edit(s, e, renames[old]), old, renames[old], where)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _method(ctx, stmt, renames, where, closures)


def _receiver_name(node) -> Optional[str]:
    """`x` for `x`, `x.sudo()`, `x.with_context(...).sudo()`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RECORDSET_METHODS:
        node = node.func.value
    return node.id if isinstance(node, ast.Name) else None


# calls that return a recordset of the receiver's own model
_SAME_MODEL = _RECORDSET_METHODS | {"search", "browse", "filtered_domain"}


def _of_records(node, records) -> bool:
    """Is `node` `<records name>.<same-model call>(...)...`, e.g. `self.with_context(x=1).search([]).sudo()`?"""
    seen = False
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SAME_MODEL:
        node, seen = node.func.value, True
    return seen and isinstance(node, ast.Name) and node.id in records


def _local_records_and_vals(nodes, records: set, vals: set) -> None:
    """Complete `records` with the local names bound to a recordset of the model (`menus = self.sudo().search([])`)
    and the parameters of lambdas filtering or mapping them, and `vals` with the local names passed as the vals of
    `write`/`create` on those records or on `super()`: what a method of the model's class says about its model."""
    bound: dict[str, list] = {}             # every value a local name is given (flow-insensitive: all must agree)
    for n in nodes:
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.comprehension, ast.withitem,
                          ast.NamedExpr)):
            targets = n.targets if isinstance(n, ast.Assign) else [getattr(n, "target", None)
                                                                  or getattr(n, "optional_vars", None)]
            for t in targets:
                for x in ast.walk(t) if t is not None else ():
                    if isinstance(x, ast.Name):
                        bound.setdefault(x.id, []).append(n.value if isinstance(n, ast.Assign)
                                                          and t is x else None)
    for _ in range(3):                      # a name bound from another one found in the previous round
        before = len(records) + len(vals)
        for name, values in bound.items():
            if name not in records and all(v is not None and _of_records(v, records) for v in values):
                records.add(name)
        for n in nodes:
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.args:
                owner = n.func.value
                if n.func.attr in _LAMBDA_METHODS and isinstance(owner, ast.Name) and owner.id in records \
                        and isinstance(n.args[0], ast.Lambda) and n.args[0].args.args:
                    records.add(n.args[0].args.args[0].arg)
                elif n.func.attr in ("write", "create") and isinstance(n.args[0], ast.Name) and (
                        (isinstance(owner, ast.Name) and owner.id in records)
                        or (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name)
                            and owner.func.id == "super")):
                    vals.add(n.args[0].id)
        if len(records) + len(vals) == before:
            return


def _method(ctx, fn, renames, where, closures=None) -> Iterator[Finding]:
    closures = closures or {}
    for dec in fn.decorator_list:
        if isinstance(dec, ast.Call) and dotted(dec.func) in ("api.depends", "api.onchange", "api.constrains"):
            for arg in dec.args:
                for old, new in renames.items():
                    r = _str_edit(ctx, arg, old, new)
                    if r:
                        yield _finding(ctx, r[0], r[1], old, new, where)
    params = [a.arg for a in fn.args.args]
    if not params:
        return
    selfname = params[0]
    records = {selfname}
    vals = set()
    if fn.name in ("create", "write") and len(params) >= 2:
        vals.add(params[1])
    index = tree_index(ctx.tree)
    nodes = [n for stmt in fn.body for n in index.walk(stmt)]     # ast.walk's order: the loops below follow it
    tested = _membership_containers(ctx.tree) if closures else set()
    for n in nodes:   # loop variables over self, and over the vals list of create
        if isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name):
            it = n.iter
            if isinstance(it, ast.Name) and it.id == selfname:
                records.add(n.target.id)
            elif isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) \
                    and isinstance(it.func.value, ast.Name) and it.func.value.id == selfname \
                    and it.func.attr in _RECORDSET_METHODS:
                records.add(n.target.id)
            elif isinstance(it, ast.Name) and it.id in vals and fn.name == "create":
                vals.add(n.target.id)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _LAMBDA_METHODS \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == selfname and n.args \
                and isinstance(n.args[0], ast.Lambda) and n.args[0].args.args:
            records.add(n.args[0].args.args[0].arg)   # self.filtered(lambda line: line.tax_id)
    _local_records_and_vals(nodes, records, vals)
    for n in nodes:
        if isinstance(n, ast.Attribute) and n.attr in renames and isinstance(n.value, ast.Name) \
                and n.value.id in records:
            old, new = n.attr, renames[n.attr]
            if id(n) in tested and old in closures:
                new = closures[old]
            s, e = offsets(ctx, n)
            if ctx.source[e - len(old):e] == old:
                yield _finding(ctx, ctx.span(e - len(old), e), layout.fitted_edit(ctx, e - len(old), e, new),
                               old, new, where)
        elif isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in vals:
            for old, new in renames.items():
                r = _str_edit(ctx, n.slice, old, new) if n.slice.__class__ is ast.Constant and \
                    n.slice.value == old else None
                if r:
                    yield _finding(ctx, r[0], r[1], old, new, where)
        elif isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(n.comparators[0], ast.Name) and n.comparators[0].id in vals:
            for old, new in renames.items():
                if isinstance(n.left, ast.Constant) and n.left.value == old:
                    r = _str_edit(ctx, n.left, old, new)
                    yield _finding(ctx, r[0], r[1], old, new, where)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.args \
                and (isinstance(n.func.value, ast.Name) or (n.func.attr in _VALS_CALLS | _DOMAIN_CALLS
                                                             and _receiver_name(n.func.value))):
            owner, attr = _receiver_name(n.func.value) or n.func.value.id, n.func.attr
            if owner in vals and attr in ("get", "pop", "setdefault"):
                for old, new in renames.items():
                    if isinstance(n.args[0], ast.Constant) and n.args[0].value == old:
                        r = _str_edit(ctx, n.args[0], old, new)
                        yield _finding(ctx, r[0], r[1], old, new, where)
            elif owner in records and attr in ("mapped", "filtered", "sorted") :
                for old, new in renames.items():
                    r = _str_edit(ctx, n.args[0], old, new)
                    if r:
                        yield _finding(ctx, r[0], r[1], old, new, where)
            elif owner in records and attr in _VALS_CALLS:
                yield from _dict_keys(ctx, n.args[0], renames, where)
            elif owner in records and attr in _DOMAIN_CALLS:
                yield from _domain_leaves(ctx, n.args[0], {**renames, **closures}, where)


_GONE_WHAT = ("Reports, with the same type-aware detection as PY110 (classes of the model, `env['<model>']` vals and "
              "domains), fields that Odoo removed without a one-to-one replacement; the message says what to use. "
              "No automatic fix.")


@rule("PY308", "model-field-removed-17", words=table_words(tables.FIELDS_GONE_17, lambda key: key[1]), summary="Field removed by Odoo 17.0 (`qty_done`, `quantity_done`, ...)",
      kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.ClassDef, ast.Call),
      names=_CALL_NAMES,
      what=_GONE_WHAT + " Table FIELDS_GONE_17: stock.move.line `qty_done`/`reserved_qty`/`reserved_uom_qty`, "
                        "stock.move `quantity_done`.",
      why="17.0 reworked stock quantities into `quantity` plus the `picked` flag: the old fields raise errors.",
      before="line.qty_done = 5", after="line.quantity = 5\nline.picked = True",
      source=tables.FIELDS_GONE_17_SOURCE)
def model_field_removed_17(node, ctx):
    return _versioned(_renamed(node, ctx, _hints(tables.FIELDS_GONE_17)), "17.0")


@rule("PY208", "model-field-removed-18", words=table_words(tables.FIELDS_GONE_18, lambda key: key[1]), summary="Field removed by Odoo 18.0 (`period_lock_date`, `detailed_type`)",
      kinds=["python"], severity="error", since="18.0", tags=["migration"], nodes=(ast.ClassDef, ast.Call),
      names=_CALL_NAMES,
      what=_GONE_WHAT + " Table FIELDS_GONE_18: res.company `period_lock_date`, product `detailed_type`, ir.cron "
                        "`numbercall` and `doall`.",
      why="18.0 split the lock date per journal type and replaced `detailed_type` by `type` + `is_storable`.",
      before="company.period_lock_date = date", after="company.sale_lock_date = company.purchase_lock_date = date",
      source=tables.FIELDS_GONE_18_SOURCE)
def model_field_removed_18(node, ctx):
    return _versioned(_renamed(node, ctx, _hints(tables.FIELDS_GONE_18)), "18.0")


@rule("PY118", "model-field-removed-19", words=table_words(tables.FIELDS_GONE_19, lambda key: key[1]), summary="Field removed by Odoo 19.0 (`mobile` on partners)",
      kinds=["python"], severity="error", since="19.0", tags=["migration"], nodes=(ast.ClassDef, ast.Call),
      names=_CALL_NAMES,
      what=_GONE_WHAT + " Table FIELDS_GONE_19: res.partner / res.users `mobile`, uom.uom `category_id`, res.groups "
                        "`category_id`.",
      why="19.0 dropped the partner's `mobile` field: reads raise AttributeError, vals raise 'Invalid field'.",
      before="self.env['res.partner'].create({'name': n, 'mobile': m})",
      after="self.env['res.partner'].create({'name': n, 'phone': m})",
      source=tables.FIELDS_GONE_19_SOURCE)
def model_field_removed_19(node, ctx):
    return _versioned(_renamed(node, ctx, _hints(tables.FIELDS_GONE_19)), "19.0")
