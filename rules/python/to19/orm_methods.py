"""18.0 -> 19.0: ORM methods removed or deprecated (`read_group`, `_where_calc`, `_flush_search`,
`name_search(args=)`, `toggle_active`; PY109, PY112, PY113, PY115, PY117)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .. import layout
from ..common import V19, keyword_name_span, offsets, removed_or_deprecated


@rule("PY117", "toggle-active", words=("toggle_active",), summary="`toggle_active()` is deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("toggle_active",)},
      what="Finds `.toggle_active()` calls (not `super()` calls in overrides). Human fix: call "
           "`action_archive()` or `action_unarchive()` — whichever the code means; `toggle_active` flipped each "
           "record, so a mixed recordset needs both.",
      why="19.0 decorates it with `@api.deprecated(\"Deprecated since 19.0, use action_archive or action_unarchive\")`.",
      before="records.toggle_active()", after="records.action_archive()",
      source="odoo/orm/models.py 19.0 lines 5786-5788.")
def toggle_active(node, ctx):
    f = node.func
    if ctx.addon is None or not isinstance(f, ast.Attribute) or f.attr != "toggle_active":
        return
    v = f.value
    if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "super":
        return
    s, e = offsets(ctx, f)
    yield Finding(ctx.span(e - len(f.attr), e), "`toggle_active()` is deprecated since Odoo 19.0: call "
                  "`action_archive()` or `action_unarchive()`")


@rule("PY109", "public-read-group", words=("read_group",), summary="`read_group()` is deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("read_group",)},
      what="Finds `.read_group(` calls that are not `super().read_group(` (overrides must keep calling it). "
           "Human fix: backend code calls `_read_group(domain, groupby, aggregates)` (it returns tuples of "
           "records and values); code that needs the web client's dicts calls `formatted_read_group`.",
      why="19.0 decorates `read_group` with `@api.deprecated(\"Since 19.0, read_group is deprecated...\")`.",
      before="data = self.env['sale.order'].read_group([], ['amount_total:sum'], ['partner_id'])",
      after="data = self.env['sale.order']._read_group([], ['partner_id'], ['amount_total:sum'])",
      source="odoo/orm/models.py 19.0 line 2747-2749 (`@api.deprecated`); 18.0 odoo/models.py 2776 (plain).")
def public_read_group(node, ctx):
    if ctx.addon is None or not isinstance(node.func, ast.Attribute) or node.func.attr != "read_group":
        return
    v = node.func.value
    if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "super":
        return
    s, e = offsets(ctx, node.func)
    yield Finding(ctx.span(e - len("read_group"), e), "`read_group()` is deprecated since Odoo 19.0: call "
                  "`_read_group(domain, groupby, aggregates)` in backend code, or `formatted_read_group()` for "
                  "the web client's format")


def _method(node, names):
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in names:
        return f.value, f.attr
    return None, None


def _is_super(recv) -> bool:
    return isinstance(recv, ast.Call) and isinstance(recv.func, ast.Name) and recv.func.id == "super"


@rule("PY112", "apply-ir-rules-where-calc", words=("_where_calc", "_apply_ir_rules"), summary="`_where_calc()` / `_apply_ir_rules()` were removed (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("_where_calc", "_apply_ir_rules")},
      what="Finds `._where_calc(` and `._apply_ir_rules(` calls. Human fix: build the query with "
           "`query = self._search(domain)` (record rules applied, returns a Query), or get a rule domain with "
           "`self.env['ir.rule']._compute_domain(self._name, 'read')`.",
      why="Both private helpers are gone from 19.0's odoo/orm/models.py: AttributeError at run time.",
      before="query = self._where_calc(domain)\nself._apply_ir_rules(query, 'read')",
      after="query = self._search(domain)",
      source="odoo/models.py 18.0 lines 5492 (`_where_calc`) and 5525 (`_apply_ir_rules`); absent from 19.0 "
             "odoo/orm/models.py.")
def apply_ir_rules(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method(node, ("_where_calc", "_apply_ir_rules"))
    if recv is None or _is_super(recv):
        return
    s, e = offsets(ctx, node.func)
    yield Finding(ctx.span(e - len(name), e), f"`{name}()` was removed in Odoo 19.0: use `self._search(domain)` "
                  "(a Query with record rules applied) or `env['ir.rule']._compute_domain(model, mode)`")


@rule("PY113", "flush-search", words=("_flush_search",), summary="`_flush_search()` is deprecated since 17.1 and removed in 19.0",
      kinds=["python"], severity="warning", since="18.0", fix="safe", tags=["migration"], nodes=(ast.Expr,),
      what="Finds `X._flush_search(...)` used as a statement and deletes the line: queries flush what they read "
           "themselves (`execute_query` / `_search`).",
      why="17.1 made searches flush the fields they need; 19.0 removed the method (AttributeError).",
      before="self._flush_search(domain)\nself.env.cr.execute(query)", after="self.env.cr.execute(query)",
      source="odoo/models.py 17.0 line 5314, 18.0 line 5642; absent from 19.0 odoo/orm/models.py.")
def flush_search(node, ctx):
    if ctx.addon is None or not isinstance(node.value, ast.Call):
        return
    recv, name = _method(node.value, ("_flush_search",))
    if recv is None or _is_super(recv):
        return
    start, end = offsets(ctx, node)
    ls, le = ctx.index.line_start(node.lineno), ctx.index.line_end(node.end_lineno)
    fix = None
    if not ctx.source[ls:start].strip() and not ctx.source[end:le].strip():
        nl = ctx.newline
        stop = le + len(nl) if ctx.source[le:le + len(nl)] == nl else le
        fix = Fix((ctx.edit(ls, stop, ""),), Applicability.SAFE, "Delete the `_flush_search()` call")
    s, e = offsets(ctx, node.value.func)
    yield Finding(ctx.span(e - len(name), e), "`_flush_search()` is no longer needed (17.1+) and removed in Odoo "
                  "19.0: delete the call", fix=fix, severity=removed_or_deprecated(ctx, V19))


@rule("PY115", "name-search-domain-kw", words=("name_search",), summary="`name_search(args=...)` is `domain=` in Odoo 19.0",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("name_search",)},
      what="Finds `name_search(..., args=...)` calls and renames the keyword to `domain=`.",
      why="19.0's signature is `name_search(name='', domain=None, operator='ilike', limit=100)`: `args=` raises "
          "TypeError.",
      before="self.env['res.partner'].name_search('ab', args=[('active', '=', True)])",
      after="self.env['res.partner'].name_search('ab', domain=[('active', '=', True)])",
      source="odoo/models.py 18.0 line 1816 (`args=None`); odoo/orm/models.py 19.0 lines 1514-1520 (`domain`).")
def name_search_domain_kw(node, ctx):
    if ctx.addon is None:
        return
    recv, name = _method(node, ("name_search",))
    if recv is None:
        return
    for kw in node.keywords:
        if kw.arg == "args":
            s, e = keyword_name_span(ctx, kw)
            yield Finding(ctx.span(s, e), "`name_search(args=...)` is `domain=` in Odoo 19.0",
                          fix=Fix((layout.fitted_edit(ctx, s, e, "domain"),), Applicability.SAFE, "Rename `args=` to `domain=`"))
