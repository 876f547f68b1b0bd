"""18.0 -> 19.0: `odoo.api` decorators (`@api.returns` gone, `create` receives a list; PY104, PY108)."""
from __future__ import annotations

import ast

from odoolint.model import Finding
from odoolint.registry import rule

from ..common import decorator_line_fix, dotted


@rule("PY104", "api-returns", words=("returns",), summary="`@api.returns` no longer exists (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.FunctionDef, ast.AsyncFunctionDef),
      what="Finds `@api.returns(...)` decorators (typical on `copy` overrides) and deletes the decorator line.",
      why="19.0's `odoo.api` no longer exports `returns`: the decorator raises AttributeError when the module is "
          "imported, so the addon does not load. The ORM returns recordsets without it.",
      before="@api.returns('self', lambda value: value.id)\ndef copy(self, default=None):",
      after="def copy(self, default=None):",
      source="odoo/api.py 18.0 line 357 `def returns`; 19.0 odoo/api/__init__.py exports no `returns` and "
             "odoo/orm/decorators.py has none.")
def api_returns(node, ctx):     # sees every def: one without decorators has nothing to report
    return _api_returns(node, ctx) if node.decorator_list else None


def _api_returns(node, ctx):
    if ctx.addon is None:
        return
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if dotted(target) in ("api.returns", "odoo.api.returns"):
            yield Finding(ctx.node_span(dec), "`@api.returns` was removed in Odoo 19.0: delete it",
                          fix=decorator_line_fix(ctx, dec, "Delete `@api.returns(...)`"))


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
def create_single_dict(node, ctx):     # sees every def: one without decorators has nothing to report
    return _create_single_dict(node, ctx) if node.decorator_list else None


def _create_single_dict(node, ctx):
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
