"""18.0 -> 19.0: controllers (`type='json'` routes, `request.cr/uid/context`; PY103, PY114)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .. import layout
from ..common import dotted, offsets, string_content_span


def _is_route(call: ast.Call) -> bool:
    return dotted(call.func) in ("http.route", "route", "odoo.http.route")


@rule("PY103", "route-type-json", words=("route",), summary="`@route(type='json')` is a deprecated alias of `type='jsonrpc'` (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("route",)},
      what="Finds `http.route(..., type='json')` and rewrites the value to `'jsonrpc'`, keeping the quotes.",
      why="19.0 maps `type='json'` to `'jsonrpc'` with a DeprecationWarning ('Since 19.0, @route(type=\\'json\\') "
          "is a deprecated alias to @route(type=\\'jsonrpc\\')').",
      before="@http.route('/x', type='json', auth='user')", after="@http.route('/x', type='jsonrpc', auth='user')",
      source="odoo/http.py 19.0 lines 763-769; odoo/upgrade_code/18.1-02-route-jsonrpc.py (19.0).")
def route_type_json(node, ctx):
    if ctx.addon is None or not _is_route(node):
        return
    for kw in node.keywords:
        if kw.arg == "type" and isinstance(kw.value, ast.Constant) and kw.value.value == "json":
            span = string_content_span(ctx, kw.value)
            fix = Fix((ctx.edit(span[0], span[1], "jsonrpc"),), Applicability.SAFE, "Use `type='jsonrpc'`") \
                if span else None
            yield Finding(ctx.node_span(kw.value), "`type='json'` is deprecated since Odoo 19.0: use "
                          "`type='jsonrpc'`", fix=fix)


_REQ = {"cr": "env.cr", "uid": "env.uid", "context": "env.context"}


@rule("PY114", "request-cr-uid-context", words=("request",), summary="`request.cr/uid/context` are deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Attribute,),
      names={ast.Attribute: _REQ},
      what="Finds reads of `request.cr`, `request.uid` and `request.context` and rewrites them to "
           "`request.env.cr/uid/context`. Assignments are reported without a fix: use `request.update_env(...)` "
           "or `request.update_context(...)`.",
      why="19.0 turned them into properties that warn 'Since 19.0, use request.env.cr directly'; their setters "
          "raise NotImplementedError.",
      before="request.context.get('lang')", after="request.env.context.get('lang')",
      source="odoo/http.py 19.0 lines 1827-1850 (properties with DeprecationWarning; setters raise).")
def request_cr_uid_context(node, ctx):
    if ctx.addon is None or node.attr not in _REQ or dotted(node.value) not in ("request", "http.request"):
        return
    s, e = offsets(ctx, node)
    a = e - len(node.attr)
    if isinstance(node.ctx, ast.Load):
        yield Finding(ctx.span(a, e), f"`request.{node.attr}` is deprecated since Odoo 19.0: use "
                      f"`request.{_REQ[node.attr]}`",
                      fix=Fix((layout.fitted_edit(ctx, a, e, _REQ[node.attr]),), Applicability.SAFE, f"Use `request.{_REQ[node.attr]}`"))
    else:
        yield Finding(ctx.span(a, e), f"assigning `request.{node.attr}` raises NotImplementedError in Odoo 19.0: "
                      "use `request.update_env(...)` / `request.update_context(...)`", severity=None)
