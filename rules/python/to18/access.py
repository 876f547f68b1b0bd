"""17.0 -> 18.0: the access-check API (`check_access_rights/_rule` -> `check_access`; PY209)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule
from odoolint.sources.pytree import tree_index

from .. import layout
from ..common import dotted, offsets, per_tree, text_of


_RENAMES = {"check_access_rule": "check_access", "_filter_access_rules": "_filtered_access",
            "_filter_access_rules_python": "_filtered_access"}


_ENV_WRAPPERS = {"sudo", "with_context", "with_company", "with_user", "with_env"}


def _is_model(node) -> bool:
    """`<...>.env[<model>]`, also through `.sudo()` / `.with_context(...)`: an empty recordset of the model."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ENV_WRAPPERS:
        node = node.func.value
    if not isinstance(node, ast.Subscript):
        return False
    base = dotted(node.value)
    return bool(base) and (base == "env" or base.endswith(".env"))


def _model_receivers(tree) -> set[int]:
    """ids of the `check_access_rights` calls whose receiver is a local name every assignment of which, in its
    function, is an empty recordset `env[...]`."""
    memo = getattr(tree, "_odoolint_model_receivers", None)
    if memo is not None:
        return memo
    memo = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        nodes = list(ast.walk(fn))
        bound: dict[str, bool] = {}
        for n in nodes:
            if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With, ast.NamedExpr)):
                targets = n.targets if isinstance(n, ast.Assign) else [getattr(n, "target", None)] \
                    if not isinstance(n, ast.With) else [i.optional_vars for i in n.items]
                for t in targets:
                    for name in ast.walk(t) if t is not None else ():
                        if isinstance(name, ast.Name):
                            ok = isinstance(n, ast.Assign) and t is name and _is_model(n.value)
                            bound[name.id] = bound.get(name.id, True) and ok
            elif isinstance(n, ast.arg):
                bound[n.arg] = False
        for n in nodes:
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "check_access_rights":
                recv = n.func.value
                if isinstance(recv, ast.Name) and bound.get(recv.id):
                    memo.add(id(n))
    try:
        tree._odoolint_model_receivers = memo
    except AttributeError:
        pass
    return memo


def _paired_checks(ctx) -> dict[int, ast.stmt]:
    """`X.check_access_rights(op)` statements directly followed by `X.check_access_rule(op)` (same receiver, same
    operation): id of the first call -> its statement. 18.0's `X.check_access(op)` does both checks, so the pair
    is one call (built once per tree)."""
    return per_tree(ctx, "_odoolint_paired_access", lambda ctx: _find_pairs(ctx.tree))


def _plain_call(stmt, name):
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == name \
            and len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred):
        return call
    return None


def _find_pairs(tree) -> dict[int, ast.stmt]:
    pairs = {}
    for node in tree_index(tree).nodes:
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for first, second in zip(body, body[1:]):
                a, b = _plain_call(first, "check_access_rights"), _plain_call(second, "check_access_rule")
                if a is not None and b is not None and ast.dump(a.func.value) == ast.dump(b.func.value) \
                        and ast.dump(a.args[0]) == ast.dump(b.args[0]) and first.end_lineno < second.lineno:
                    pairs[id(a)] = first
    return pairs


def _whole_lines(ctx, stmt):
    """(start, end) offsets of the lines `stmt` fills alone, line ending included; None when it shares them."""
    first, last = ctx.index.line_text(stmt.lineno), ctx.index.line_text(stmt.end_lineno)
    if first[:stmt.col_offset].strip() or last[stmt.end_col_offset:].strip():
        return None
    end = ctx.index.line_start(stmt.end_lineno + 1) if stmt.end_lineno < ctx.source.count("\n") + 1 else len(ctx.source)
    return ctx.index.line_start(stmt.lineno), end


@rule("PY209", "check-access-rights", words=(*_RENAMES, "check_access_rights"), summary="`check_access_rights/_rule`, `_filter_access_rules` are deprecated "
      "(Odoo 18.0)", kinds=["python"], severity="warning", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.Call,),
      names={ast.Call: {*_RENAMES, "check_access_rights"}},
      what="Rewrites the deprecated access checks to what 18.0's own wrappers call: "
           "`X.check_access_rights(op)` -> `X.browse().check_access(op)`, with `raise_exception=False` -> "
           "`X.browse().has_access(op)`, without the `browse()` where X is already an empty recordset "
           "(`env['x']`, through `sudo()`/`with_context()`, or a local name only ever assigned one), as "
           "migrators write it; `X.check_access_rule(op)` -> `X.check_access(op)`; "
           "`X._filter_access_rules(op)` / `_filter_access_rules_python(op)` -> `X._filtered_access(op)`; the "
           "pair `X.check_access_rights(op)` then `X.check_access_rule(op)` (same X and op, one statement after "
           "the other) becomes the one `X.check_access(op)` that does both (the first line is deleted). "
           "Calls whose `raise_exception` is not a literal are reported without a fix. `super()` calls in "
           "overrides are left alone.",
      why="18.0 keeps them as wrappers that warn 'deprecated since 18.0; use check_access() instead'.",
      before="self.env['sale.order'].check_access_rights('write')\nrecords.check_access_rule('read')",
      after="self.env['sale.order'].browse().check_access('write')\nrecords.check_access('read')",
      source="odoo/models.py 18.0 lines 4431-4475 (the wrappers and what they call: `check_access_rights` -> "
             "`self.browse().check_access(op)`, `check_access_rule` -> `self.check_access(op)`, whose "
             "`_check_access` tests ir.model.access before the record rules, so the pair is one call); 19.0 "
             "odoo/orm/models.py 4100-4190.")
def check_access_rights(node, ctx):
    f = node.func
    if ctx.addon is None or not isinstance(f, ast.Attribute):
        return
    if f.attr not in _RENAMES and f.attr != "check_access_rights":
        return
    recv = f.value
    if isinstance(recv, ast.Call) and isinstance(recv.func, ast.Name) and recv.func.id == "super":
        return
    s, e = offsets(ctx, f)
    name_start = e - len(f.attr)
    fix = None
    if f.attr in _RENAMES:
        new = _RENAMES[f.attr]
        fix = Fix((layout.fitted_edit(ctx, name_start, e, new),), Applicability.SAFE, f"Use `{new}()`")
    elif id(node) in _paired_checks(ctx) and _whole_lines(ctx, _paired_checks(ctx)[id(node)]):
        new = "check_access"
        lines = _whole_lines(ctx, _paired_checks(ctx)[id(node)])
        fix = Fix((ctx.edit(lines[0], lines[1], ""),), Applicability.SAFE,
                  "Delete it: the `check_access()` of the next line checks the access rights too")
    else:
        model = _is_model(recv) or id(node) in _model_receivers(ctx.tree)
        new = "check_access" if model else "browse().check_access"
        raise_kw = [k for k in node.keywords if k.arg == "raise_exception"]
        positional = node.args[1:] if len(node.args) > 1 else []
        flag = raise_kw[0].value if raise_kw else positional[0] if positional else None
        if flag is None or (isinstance(flag, ast.Constant) and flag.value is True):
            ok = True
        elif isinstance(flag, ast.Constant) and flag.value is False:
            new, ok = "has_access" if model else "browse().has_access", True
        else:
            ok = False
        if ok and len(node.args) >= 1 and not any(k.arg not in ("raise_exception",) for k in node.keywords):
            op = text_of(ctx, node.args[0])
            cs, ce = offsets(ctx, node)
            fix = Fix((layout.fitted_edit(ctx, name_start, ce, f"{new}({op})"),), Applicability.SAFE,
                      f"Use `{new}()`")
    yield Finding(ctx.span(name_start, e), f"`{f.attr}()` is deprecated since Odoo 18.0: use "
                  f"`{new if f.attr == 'check_access_rights' else _RENAMES[f.attr]}()`", fix=fix)
