"""16.0 -> 17.0 signature changes: `_name_search` and the private `_read_group` (PY307, PY309)."""
from __future__ import annotations

import ast

from odoolint.model import Finding
from odoolint.registry import rule

from ..common import offsets
from ..models import is_model_class


@rule("PY307", "name-search-signature", words=("_name_search",), summary="`_name_search` lost `args`/`name_get_uid` (Odoo 17.0)",
      kinds=["python"], severity="error", since="17.0", until="18.0", tags=["migration"],
      nodes=(ast.ClassDef, ast.Call),
      what="For a 17.0 target: finds `_name_search` overrides in model classes whose parameters still include "
           "`args` or `name_get_uid`, and `_name_search(...)` calls passing `args=` or `name_get_uid=`. Human fix: "
           "`def _name_search(self, name, domain=None, operator='ilike', limit=None, order=None)`; it returns a "
           "Query (or ids) and display names are computed by the caller. (From 18.0 PY205 reports any override.)",
      why="17.0 calls `_name_search(name, domain, operator, limit=..., order=...)`: an override with the 16.0 "
          "signature gets the domain in `args` only by position and breaks on `order=`/missing `name_get_uid`.",
      before="def _name_search(self, name, args=None, operator='ilike', limit=100, name_get_uid=None):",
      after="def _name_search(self, name, domain=None, operator='ilike', limit=None, order=None):",
      source="odoo/models.py 16.0 line 1637 `_name_search(self, name='', args=None, operator='ilike', limit=100, "
             "name_get_uid=None)`; 17.0 line 1751 `_name_search(self, name, domain=None, operator='ilike', "
             "limit=None, order=None)`.")
def name_search_signature(node, ctx):
    if ctx.addon is None:
        return
    if isinstance(node, ast.ClassDef):
        if not is_model_class(node):
            return
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == "_name_search":
                old = [a for a in stmt.args.args + stmt.args.kwonlyargs if a.arg in ("args", "name_get_uid")]
                if old:
                    yield Finding(ctx.node_span(old[0]), "`_name_search` uses the 16.0 signature: Odoo 17.0 calls "
                                  "`_name_search(name, domain=None, operator='ilike', limit=None, order=None)`")
        return
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr == "_name_search":
        for kw in node.keywords:
            if kw.arg in ("args", "name_get_uid"):
                s, _ = offsets(ctx, kw)
                yield Finding(ctx.span(s, s + len(kw.arg)), f"`_name_search({kw.arg}=...)` no longer exists in Odoo "
                              "17.0: pass `domain=` (and `order=`); there is no `name_get_uid`")


def _positional_groupby(node) -> bool:
    """A third positional argument listing plain field names: 16.0's `groupby`, never valid 17.0 `aggregates`."""
    if len(node.args) < 3 or not isinstance(node.args[2], (ast.List, ast.Tuple)) or not node.args[2].elts:
        return False
    return all(isinstance(e, ast.Constant) and isinstance(e.value, str) and ":" not in e.value
               and e.value != "__count" for e in node.args[2].elts)


@rule("PY309", "private-read-group-signature", words=("_read_group",), summary="`_read_group` takes `groupby`/`aggregates` and returns "
      "tuples (Odoo 17.0)", kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("_read_group",)},
      what="Finds `._read_group(` calls using the 16.0 keywords `fields=`, `orderby=` or `lazy=`, or passing a "
           "third positional list of plain field names (16.0's `groupby`, which 17.0 reads as `aggregates`). The "
           "public `read_group(domain, fields, groupby, ...)` keeps its 16.0 signature in 17.0 and is not reported. "
           "Human fix: "
           "`_read_group(domain, groupby=['partner_id'], aggregates=['amount:sum'], order=...)`, and read the "
           "result as tuples `(partner, amount)` instead of dicts.",
      why="17.0 rewrote the private method: `fields`, `orderby` and `lazy` raise TypeError and the result is a "
          "list of tuples of records/values, not the dicts of `read_group`.",
      before="self._read_group(domain, fields=['amount:sum'], groupby=['partner_id'], lazy=False)",
      after="self._read_group(domain, groupby=['partner_id'], aggregates=['amount:sum'])",
      source="odoo/models.py 16.0 line 2160 `_read_group(self, domain, fields, groupby, offset=0, limit=None, "
             "orderby=False, lazy=True)`; 17.0 line 1852 `_read_group(self, domain, groupby=(), aggregates=(), "
             "having=(), offset=0, limit=None, order=None)` whose `_read_group_select` (line 1975) raises "
             "ValueError 'Aggregate method is mandatory' for an aggregate without `:func`; 17.0 line 2675 "
             "`read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True)` "
             "unchanged from 16.0.")
def private_read_group(node, ctx):
    f = node.func
    if ctx.addon is None or not isinstance(f, ast.Attribute) or f.attr != "_read_group":
        return
    old = [kw for kw in node.keywords if kw.arg in ("fields", "orderby", "lazy")]
    if not old and _positional_groupby(node):
        s, e = offsets(ctx, node.args[2])
        yield Finding(ctx.span(s, e), "`_read_group(domain, fields, groupby)` is the 16.0 positional form: in Odoo "
                      "17.0 the third argument is `aggregates`, each `'field:func'` (a plain field name raises "
                      "ValueError), and the result is tuples")
        return
    if old:
        s, _ = offsets(ctx, old[0])
        yield Finding(ctx.span(s, s + len(old[0].arg)), f"`_read_group({old[0].arg}=...)` is the 16.0 signature: "
                      "Odoo 17.0 takes `(domain, groupby, aggregates, having, offset, limit, order)` and returns tuples")
