"""Legacy APIs still found in old addons, already gone in 16.0 (PY351-PY354)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import decorator_line_fix, dotted, offsets, string_content_span
from ..models import field_call


@rule("PY351", "api-multi-one", summary="`@api.multi` / `@api.one` no longer exist",
      kinds=["python"], severity="error", since="16.0", fix="safe", tags=["migration"],
      nodes=(ast.FunctionDef,),
      what="Finds `@api.multi` (the fix deletes the decorator line: every method is multi-record) and `@api.one` "
           "(human fix: delete it and loop `for rec in self:` in the body, returning a list if callers used the "
           "result).",
      why="Both were removed in 13.0; odoo/api.py of 16.0-19.0 has neither, so the module raises AttributeError "
          "at import.",
      before="@api.multi\ndef action_x(self):", after="def action_x(self):",
      source="odoo/api.py 16.0: no `multi` or `one` (only model, depends, constrains, onchange, returns, "
             "model_create_multi, ...).")
def api_multi_one(node, ctx):     # sees every def: one without decorators has nothing to report
    return _api_multi_one(node, ctx) if node.decorator_list else None


def _api_multi_one(node, ctx):
    if ctx.addon is None:
        return
    for dec in node.decorator_list:
        name = dotted(dec)
        if name in ("api.multi", "odoo.api.multi"):
            yield Finding(ctx.node_span(dec), "`@api.multi` no longer exists: delete it (methods are "
                          "multi-record by default)", fix=decorator_line_fix(ctx, dec, "Delete `@api.multi`"))
        elif name in ("api.one", "odoo.api.one"):
            yield Finding(ctx.node_span(dec), "`@api.one` no longer exists: delete it and loop "
                          "`for rec in self:` in the method body")


@rule("PY352", "request-jsonrequest", words=("jsonrequest",), summary="`request.jsonrequest` no longer exists: use `request.get_json_data()`",
      kinds=["python"], severity="error", since="16.0", fix="safe", tags=["migration"], nodes=(ast.Attribute,),
      names={ast.Attribute: ("jsonrequest",)},
      what="Finds `request.jsonrequest` and rewrites it to `request.get_json_data()`.",
      why="16.0 rewrote odoo/http.py: the JSON body is on the dispatcher and `Request.get_json_data()`; "
          "`request.jsonrequest` raises AttributeError.",
      before="data = request.jsonrequest", after="data = request.get_json_data()",
      source="odoo/http.py 16.0 line 1359 `Request.get_json_data`; `jsonrequest` only on JsonRPCDispatcher "
             "(lines 1757, 1794).")
def request_jsonrequest(node, ctx):
    if ctx.addon is None or node.attr != "jsonrequest" or not isinstance(node.ctx, ast.Load):
        return
    base = dotted(node.value)
    if base not in ("request", "http.request", "odoo.http.request"):
        return
    s, e = offsets(ctx, node)
    yield Finding(ctx.span(e - len("jsonrequest"), e), "`request.jsonrequest` no longer exists (16.0+): use "
                  "`request.get_json_data()`",
                  fix=Fix((ctx.edit(e - len("jsonrequest"), e, "get_json_data()"),), Applicability.SAFE,
                          "Use `request.get_json_data()`"))


@rule("PY353", "stock-production-lot", summary="Model `stock.production.lot` was renamed `stock.lot` (Odoo 16.0)",
      kinds=["python"], severity="error", since="16.0", fix="safe", tags=["migration"],
      nodes=(ast.Subscript, ast.ClassDef, ast.Call), names={ast.Call: ("Many2one", "One2many", "Many2many")},
      what="Finds `env['stock.production.lot']`, `_inherit`/`_name` naming it and relational fields whose comodel "
           "it is; the fix renames the string.",
      why="16.0 renamed the model (stock/models/stock_lot.py `_name = 'stock.lot'`): the old name raises KeyError.",
      before="self.env['stock.production.lot'].search([])", after="self.env['stock.lot'].search([])",
      source="addons/stock/models/stock_lot.py 16.0 line 12 `_name = 'stock.lot'`.")
def stock_production_lot(node, ctx):     # sees every subscript: only one of the old name goes on
    if ctx.addon is None:
        return None
    if node.__class__ is ast.Subscript:
        key = node.slice
        if key.__class__ is not ast.Constant or key.value != "stock.production.lot":
            return None
    return _stock_production_lot(node, ctx)


def _stock_production_lot(node, ctx):
    consts = []
    if isinstance(node, ast.Call):
        fc = field_call(node)
        if fc and fc[0] in ("Many2one", "One2many", "Many2many"):
            consts = node.args[:1] + [k.value for k in node.keywords if k.arg == "comodel_name"]
    elif isinstance(node, ast.Subscript):
        base = dotted(node.value)
        if base and (base == "env" or base.endswith(".env")):
            consts = [node.slice]
    else:
        for stmt in node.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and stmt.targets[0].id in ("_inherit", "_name"):
                v = stmt.value
                consts += v.elts if isinstance(v, (ast.List, ast.Tuple)) else [v]
    for c in consts:
        if isinstance(c, ast.Constant) and c.value == "stock.production.lot":
            span = string_content_span(ctx, c)
            fix = Fix((ctx.edit(span[0], span[1], "stock.lot"),), Applicability.SAFE, "Rename to `stock.lot`") \
                if span else None
            yield Finding(ctx.node_span(c), "`stock.production.lot` was renamed `stock.lot` in Odoo 16.0", fix=fix)


@rule("PY354", "track-visibility", words=("track_visibility",), summary="`track_visibility=` is ignored by Odoo 19.0: use `tracking=True`",
      kinds=["python"], severity="warning", since="16.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Finds `track_visibility=...` in `fields.X(...)` calls and replaces the argument with `tracking=True` "
           "(unless the call already has `tracking=`, then it is deleted by hand).",
      why="16.0-18.0 still track such fields (mail_thread `_get_tracked_fields` reads `track_visibility`) while "
          "logging 'unknown parameter'; 19.0's mail_thread no longer reads it, so the field silently stops "
          "being tracked in the chatter.",
      before="state = fields.Selection(..., track_visibility='onchange')",
      after="state = fields.Selection(..., tracking=True)",
      source="addons/mail/models/mail_thread.py 16.0 line 565, 18.0 line 579 (`getattr(field, 'track_visibility')`); "
             "no `track_visibility` in 19.0 mail_thread.py; odoo/fields.py 16.0 line 509 'unknown parameter' "
             "warning. RULES.md's 'removed in 13.0' is wrong: it kept working through 18.0.")
def track_visibility(node, ctx):
    if ctx.addon is None or not field_call(node):
        return
    from odoolint.model import OdooVersion, Severity
    from ..common import offsets as _offs
    for kw in node.keywords:
        if kw.arg != "track_visibility":
            continue
        s, _ = _offs(ctx, kw)
        _, e = _offs(ctx, kw.value)
        fix = None
        if not any(k.arg == "tracking" for k in node.keywords):
            fix = Fix((ctx.edit(s, e, "tracking=True"),), Applicability.SAFE, "Use `tracking=True`")
        removed = ctx.target is not None and ctx.target >= OdooVersion(19)
        yield Finding(ctx.span(s, s + len("track_visibility")),
                      "`track_visibility=` is " + ("ignored by Odoo 19.0 (the field is no longer tracked)" if removed
                                                   else "an unknown parameter (still honoured until 18.0)")
                      + ": use `tracking=True`", fix=fix, severity=Severity.ERROR if removed else None)
