"""16.0 -> 17.0: the `states=` field parameter is ignored (PY305)."""
from __future__ import annotations

import ast

from odoolint.model import Finding
from odoolint.registry import rule

from ..common import offsets
from ..models import field_call


@rule("PY305", "field-states-param", words=("states",), summary="Field parameter `states=` is ignored from Odoo 17.0",
      kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      what="Finds `states={...}` in `fields.X(...)` calls. Human fix: delete it and express the condition in the "
           "views, e.g. `readonly=\"state != 'draft'\"` / `invisible=\"state == 'done'\"` on the field.",
      why="17.0 warns 'Since Odoo 17, property <field>.states is no longer supported': the field is no longer "
          "readonly/required in those states, silently.",
      before="date = fields.Date(readonly=True, states={'draft': [('readonly', False)]})",
      after="date = fields.Date()  # view: <field name=\"date\" readonly=\"state != 'draft'\"/>",
      source="odoo/fields.py 16.0 `_description_states` (line 839); 17.0 lines 318, 541-542 (warning, ignored).")
def field_states_param(node, ctx):
    if ctx.addon is None or not field_call(node):
        return
    for kw in node.keywords:
        if kw.arg == "states":
            s, _ = offsets(ctx, kw)
            yield Finding(ctx.span(s, s + len("states")), "`states=` is ignored since Odoo 17.0: delete it and "
                          "put the condition in the view (`readonly=\"state != 'draft'\"`, `invisible=...`)")
