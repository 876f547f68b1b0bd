"""Python breaks of the 18.0 -> 19.0 step."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import dotted, module_imports, offsets, string_content_span, text_of
from .models import model_classes

_PRIVATE = {"_cr": "cr", "_uid": "uid", "_context": "context"}


@rule("PY102", "model-private-props", summary="`self._cr`, `self._uid`, `self._context` are deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Attribute,),
      what="Finds reads of the `_cr`, `_uid` and `_context` attributes (the record properties) and rewrites "
           "them to `.env.cr`, `.env.uid`, `.env.context`, exactly like Odoo's own upgrade script. "
           "Assignments to those names are left alone.",
      why="19.0 turned them into properties decorated with `@api.deprecated(\"Deprecated since 19.0, use "
          "self.env.cr directly\")`: every access warns and they will be removed.",
      before="self._cr.execute(query)\nctx = dict(self._context)", after="self.env.cr.execute(query)\n"
                                                                         "ctx = dict(self.env.context)",
      source="odoo/orm/models.py 19.0 lines 5909-5922 (`@api.deprecated` properties); 18.0 odoo/models.py "
             "6194-6196 plain properties; odoo/upgrade_code/18.5-00-deprecated-properties.py (19.0).")
def model_private_props(node, ctx):
    if ctx.addon is None or node.attr not in _PRIVATE or not isinstance(node.ctx, ast.Load):
        return
    if isinstance(node.value, ast.Attribute) and node.value.attr == "env":
        return
    start, end = offsets(ctx, node)
    attr_start = end - len(node.attr)
    if ctx.source[attr_start:end] != node.attr:
        return
    new = "env." + _PRIVATE[node.attr]
    yield Finding(ctx.span(attr_start, end), f"`{node.attr}` is deprecated since Odoo 19.0: use `.{new}`",
                  fix=Fix((ctx.edit(attr_start, end, new),), Applicability.SAFE, f"Use `.{new}`"))


def _is_route(call: ast.Call) -> bool:
    return dotted(call.func) in ("http.route", "route", "odoo.http.route")


@rule("PY103", "route-type-json", summary="`@route(type='json')` is a deprecated alias of `type='jsonrpc'` (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", fix="safe", tags=["migration"], nodes=(ast.Call,),
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


def _decorator_line_fix(ctx, dec, message):
    """Delete a decorator that sits alone on its line(s) (no comment)."""
    start, end = offsets(ctx, dec)
    line_start = ctx.index.line_start(dec.lineno)
    line_end = ctx.index.line_end(dec.end_lineno)
    before = ctx.source[line_start:start]
    after = ctx.source[end:line_end]
    if before.strip() != "@" or after.strip():
        return None
    nl = ctx.newline
    stop = line_end + len(nl) if ctx.source[line_end:line_end + len(nl)] == nl else line_end
    return Fix((ctx.edit(line_start, stop, ""),), Applicability.SAFE, message)


@rule("PY104", "api-returns", summary="`@api.returns` no longer exists (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.FunctionDef, ast.AsyncFunctionDef),
      what="Finds `@api.returns(...)` decorators (typical on `copy` overrides) and deletes the decorator line.",
      why="19.0's `odoo.api` no longer exports `returns`: the decorator raises AttributeError when the module is "
          "imported, so the addon does not load. The ORM returns recordsets without it.",
      before="@api.returns('self', lambda value: value.id)\ndef copy(self, default=None):",
      after="def copy(self, default=None):",
      source="odoo/api.py 18.0 line 357 `def returns`; 19.0 odoo/api/__init__.py exports no `returns` and "
             "odoo/orm/decorators.py has none.")
def api_returns(node, ctx):
    if ctx.addon is None:
        return
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if dotted(target) in ("api.returns", "odoo.api.returns"):
            yield Finding(ctx.node_span(dec), "`@api.returns` was removed in Odoo 19.0: delete it",
                          fix=_decorator_line_fix(ctx, dec, "Delete `@api.returns(...)`"))


@rule("PY107", "sql-constraints", summary="`_sql_constraints` is silently ignored (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", fix="unsafe", tags=["migration"], nodes=(ast.ClassDef,),
      what="Finds `_sql_constraints = [...]` in model classes. The unsafe fix writes one "
           "`_<name> = models.Constraint(<definition>, <message>)` per tuple, like Odoo's upgrade script, keeping "
           "the definition and message expressions as written; it is offered when every entry is a tuple of 2-3 "
           "items with a literal name and `models` is imported from odoo.",
      why="19.0 only logs \"Model attribute '_sql_constraints' is no longer supported\": the constraint is never "
          "created, so duplicates and invalid rows are accepted without any error. The fix is unsafe because the "
          "constraint name in the database changes (`<table>_<name>` is created anew) and a message with "
          "placeholders or `_()` may need review.",
      before="_sql_constraints = [\n    ('name_uniq', 'unique(name)', 'Name must be unique.'),\n]",
      after="_name_uniq = models.Constraint('unique(name)', 'Name must be unique.')",
      source="odoo/orm/model_classes.py 19.0 lines 162-163 (warning, not applied); 18.0 odoo/models.py 608, 857 "
             "(applied); odoo/upgrade_code/18.1-00-sql-constraint.py (19.0).")
def sql_constraints(node, ctx):
    if ctx.addon is None or node not in _model_class_set(ctx):
        return
    for stmt in node.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == "_sql_constraints"):
            continue
        fix = None
        value = stmt.value
        if isinstance(value, (ast.List, ast.Tuple)) and ("odoo", "models", None) in module_imports(ctx.tree):
            lines = []
            for elt in value.elts:
                if not (isinstance(elt, ast.Tuple) and 2 <= len(elt.elts) <= 3
                        and isinstance(elt.elts[0], ast.Constant) and isinstance(elt.elts[0].value, str)
                        and elt.elts[0].value.isidentifier()):
                    lines = None
                    break
                args = ", ".join(text_of(ctx, e) for e in elt.elts[1:])
                lines.append(f"_{elt.elts[0].value} = models.Constraint({args})")
            if lines is not None:
                start, end = offsets(ctx, stmt)
                indent = ctx.source[ctx.index.line_start(stmt.lineno):start]
                if not indent.strip():
                    fix = Fix((ctx.edit(start, end, (ctx.newline + indent).join(lines) if lines else "pass"),),
                              Applicability.UNSAFE, "Rewrite as `models.Constraint` attributes")
        yield Finding(ctx.node_span(stmt.targets[0]), "`_sql_constraints` is ignored since Odoo 19.0 (the "
                      "constraints are never created): declare `_<name> = models.Constraint(definition, message)`",
                      fix=fix)


def _model_class_set(ctx):
    memo = getattr(ctx.tree, "_odoolint_model_classes", None)
    if memo is None:
        memo = set(model_classes(ctx.tree))
        try:
            ctx.tree._odoolint_model_classes = memo
        except AttributeError:
            pass
    return memo


def _is_api(dec, name):
    return dotted(dec) in (f"api.{name}", f"odoo.api.{name}")


@rule("PY108", "create-single-dict", summary="`@api.model def create(self, vals)` receives a list in Odoo 19.0",
      kinds=["python"], severity="error", since="19.0", tags=["migration"],
      nodes=(ast.FunctionDef,),
      what="Finds `create` overrides in model classes decorated with `@api.model` (not `@api.model_create_multi`), "
           "and any use of `@api.model_create_single`. Human fix: write\n"
           "    @api.model_create_multi\n    def create(self, vals_list):\n        for vals in vals_list:\n"
           "            ...  # the old per-dict code\n        return super().create(vals_list)",
      why="18.0 wrapped an `@api.model` create as single-dict (api.py line 428); 19.0 wraps every `create` as "
          "multi (odoo/orm/decorators.py), so `vals` is now a list: `vals.get(...)`/`vals['x']` raise, and "
          "`@api.model_create_single` no longer exists (AttributeError at import).",
      before="@api.model\ndef create(self, vals):\n    vals['ref'] = self._next_ref()\n    return super().create(vals)",
      after="@api.model_create_multi\ndef create(self, vals_list):\n    for vals in vals_list:\n"
            "        vals['ref'] = self._next_ref()\n    return super().create(vals_list)",
      source="odoo/api.py 18.0 lines 428 and 459 (`model_create_single`); 19.0 odoo/orm/decorators.py 353 "
             "`model_create_multi` only, odoo/api/__init__.py exports no `model_create_single`.")
def create_single_dict(node, ctx):
    if ctx.addon is None:
        return
    for dec in node.decorator_list:
        if _is_api(dec, "model_create_single"):
            yield Finding(ctx.node_span(dec), "`@api.model_create_single` was removed in Odoo 19.0: use "
                          "`@api.model_create_multi` with `def create(self, vals_list)` and loop over `vals_list`")
    if node.name == "create" and any(_is_api(d, "model") for d in node.decorator_list) \
            and not any(_is_api(d, "model_create_multi") for d in node.decorator_list):
        params = [a.arg for a in node.args.args]
        if len(params) == 2 and params[1] != "vals_list":
            yield Finding(ctx.node_span(node.decorator_list[0]),
                          f"`@api.model def create(self, {params[1]})`: Odoo 19.0 passes a list of dicts; write "
                          f"`@api.model_create_multi` / `def create(self, vals_list)` and loop "
                          f"`for {params[1]} in vals_list:` before `return super().create(vals_list)`")


@rule("PY109", "public-read-group", summary="`read_group()` is deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", tags=["migration"], nodes=(ast.Call,),
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
