"""JS101: legacy `odoo.define(name, function (require) {...})` modules, refused by Odoo 17.0's module loader."""
from __future__ import annotations

from odoolint.model import Finding
from odoolint.registry import rule

from .common import addon_tree, arguments, calls

_FUNCTIONS = ("function_expression", "function", "arrow_function")


@rule("JS101", "legacy-odoo-define", summary="`odoo.define(name, function (require) {...})` modules are refused "
      "from Odoo 17.0", kinds=["js"], severity="error", since="17.0", tags=["migration"],
      what="Finds `odoo.define()` calls whose second argument is the factory function itself (the legacy AMD form "
           "that listed its dependencies through `require('web.Widget')` calls inside the body).",
      why="Odoo 17.0 replaced the legacy boot loader by `ModuleLoader.define(name, deps, factory)`, which throws "
          "`Dependencies should be defined by an array` when the second argument is not an array, so the module "
          "never loads and nothing it registers (actions, widgets, fields) exists. The legacy framework modules "
          "these files require (`web.Widget`, `web.AbstractAction`, `web.core`'s action registry, `this._rpc`) "
          "are gone from the backend too, so the file must be rewritten as an ES module by hand.",
      before="odoo.define('my_module.widget', function (require) {\n    var Widget = require('web.Widget');\n});",
      after="/** @odoo-module **/\nimport { Component } from \"@odoo/owl\";\nimport { registry } from "
            "\"@web/core/registry\";",
      source="addons/web/static/src/module_loader.js 17.0 (ShaheenHossain/odoo-17cmnty_unozio_2025, a 17.0 "
             "tree) `define(name, deps, factory)`: `if (!(deps instanceof Array)) throw new Error(\"Dependencies "
             "should be defined by an array\")`; same check in 19.0 (jnvdx6/skymedic-odoo); the 16.0-era "
             "addons/web/static/src/boot.js `odoo.define` collected the dependencies from `require()` calls when "
             "no array was given.")
def legacy_odoo_define(ctx):
    tree = addon_tree(ctx)
    if tree is None or "odoo.define" not in ctx.source:
        return
    for call in calls(tree, "odoo.define"):
        args = arguments(call)
        if len(args) >= 2 and args[1].type in _FUNCTIONS:
            yield Finding(tree.span(call.child_by_field_name("function")),
                          f"legacy `odoo.define({tree.node_text(args[0])}, function (require) {{...}})`: Odoo "
                          f"{ctx.target}'s module loader requires a dependency array and the legacy modules it "
                          "requires are gone; rewrite the file as an ES module (`import ... from \"@web/...\"`)")
