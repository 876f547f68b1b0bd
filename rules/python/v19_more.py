"""More 18.0 -> 19.0 Python breaks (and 17.x deprecations removed in 19.0)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import V19, dotted, keyword_name_span, offsets, removed_or_deprecated


def _method(node, names):
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in names:
        return f.value, f.attr
    return None, None


def _is_super(recv) -> bool:
    return isinstance(recv, ast.Call) and isinstance(recv.func, ast.Name) and recv.func.id == "super"


@rule("PY112", "apply-ir-rules-where-calc", summary="`_where_calc()` / `_apply_ir_rules()` were removed (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", tags=["migration"], nodes=(ast.Call,),
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


@rule("PY113", "flush-search", summary="`_flush_search()` is deprecated since 17.1 and removed in 19.0",
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


_REQ = {"cr": "env.cr", "uid": "env.uid", "context": "env.context"}


@rule("PY114", "request-cr-uid-context", summary="`request.cr/uid/context` are deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Attribute,),
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
                      fix=Fix((ctx.edit(a, e, _REQ[node.attr]),), Applicability.SAFE, f"Use `request.{_REQ[node.attr]}`"))
    else:
        yield Finding(ctx.span(a, e), f"assigning `request.{node.attr}` raises NotImplementedError in Odoo 19.0: "
                      "use `request.update_env(...)` / `request.update_context(...)`", severity=None)


@rule("PY115", "name-search-domain-kw", summary="`name_search(args=...)` is `domain=` in Odoo 19.0",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
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
                          fix=Fix((ctx.edit(s, e, "domain"),), Applicability.SAFE, "Rename `args=` to `domain=`"))


@rule("PY116", "get-module-resource", summary="`get_module_resource`/`get_resource_path` are deprecated (17.0) and "
      "removed (19.0)", kinds=["python"], severity="warning", since="17.0", tags=["migration"],
      nodes=(ast.Call,),
      what="Finds `get_module_resource(...)` and `get_resource_path(...)` calls and says what to write: "
           "`file_path('<module>/<path>')` from `odoo.tools.misc` (it raises FileNotFoundError where the old "
           "functions returned False, so the call site may need a try/except).",
      why="17.0 and 18.0 warn 'Since 17.0: use tools.misc.file_path'; 19.0 removed both (ImportError).",
      before="path = get_module_resource('my_mod', 'static', 'logo.png')",
      after="path = file_path('my_mod/static/logo.png')",
      source="odoo/modules/module.py 17.0 line 211 / 18.0 lines 170-190 (warning; `get_module_resource = "
             "get_resource_path`); absent from 19.0 odoo/modules/module.py and odoo/modules/__init__.py.")
def get_module_resource(node, ctx):
    if ctx.addon is None:
        return
    name = dotted(node.func) or ""
    short = name.rsplit(".", 1)[-1]
    if short not in ("get_module_resource", "get_resource_path"):
        return
    if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args) and node.args:
        hint = "`file_path(" + repr("/".join(a.value for a in node.args)) + ")`"
    else:
        hint = "`file_path('<module>/<path>')`"
    yield Finding(ctx.node_span(node.func), f"`{short}()` is deprecated since 17.0 and removed in Odoo 19.0: use "
                  f"{hint} from `odoo.tools.misc` (it raises FileNotFoundError instead of returning False)",
                  severity=removed_or_deprecated(ctx, V19))


@rule("PY121", "env-readonly", summary="Assigning `env.cr`, `env.uid`, `env.context` or `env.su` raises (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", tags=["migration"], nodes=(ast.Attribute,),
      what="Finds assignments to `<...>.env.cr`, `.env.uid`, `.env.context`, `.env.su` (and `env.<x>` on a bare "
           "`env`). Human fix: build a new environment — `self.env(context=ctx)`, `self.with_context(...)`, "
           "`self.with_user(uid)`, `self.with_env(self.env(cr=cr))`.",
      why="19.0's Environment.__setattr__ raises AttributeError(\"Attribute 'context' is read-only, call `env()` "
          "instead\") once the environment is initialised.",
      before="self.env.context = dict(self.env.context, lang='fr_FR')",
      after="self = self.with_context(lang='fr_FR')",
      source="odoo/orm/environments.py 19.0 lines 91-95 (`__setattr__` read-only); 18.0 odoo/api.py "
             "Environment has no such guard.")
def env_readonly(node, ctx):
    if ctx.addon is None or not isinstance(node.ctx, ast.Store) or node.attr not in ("cr", "uid", "context", "su"):
        return
    base = dotted(node.value) or ""
    if base == "env" or base.endswith(".env"):
        yield Finding(ctx.node_span(node), f"`env.{node.attr}` is read-only in Odoo 19.0 (AttributeError): build a "
                      "new environment with `env(...)`, `with_context(...)`, `with_user(...)` or `with_env(...)`")
