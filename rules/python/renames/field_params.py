"""Field parameters that Odoo renamed or dropped, one rule per step reading its table (PY201 18.0, PY105 19.0)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule

from . import tables
from .. import layout
from ..common import keyword_name_span, mentions, removed_or_deprecated, table_words
from ..models import field_call


def _field_kwargs(node, ctx, table):
    if ctx.addon is None or not mentions(ctx, table_words(table)):
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
                      fix=Fix((layout.fitted_edit(ctx, start, end, new),), Applicability.SAFE,
                              f"Rename `{kw.arg}=` to `{new}=`"),
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
    return Fix((layout.fitted_edit(ctx, start, end, ""),), Applicability.SAFE, f"Delete `{kw.arg}=`")


@rule("PY201", "field-param-renamed-18", words=table_words(tables.FIELD_KWARGS_18), summary="Field parameter renamed or dropped in Odoo 18.0 (`group_operator`, "
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


@rule("PY105", "field-param-renamed-19", words=table_words(tables.FIELD_KWARGS_19), summary="Field parameter renamed in Odoo 19.0 (`auto_join`)",
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
