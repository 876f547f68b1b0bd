"""JS104: the `rpc` service is gone in Odoo 18.0; `rpc` is a plain function of @web/core/network/rpc."""
from __future__ import annotations

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import (add_import_edit, addon_tree, arguments, calls, dotted, imported_names, imports_from,
                     statement_line_edit, str_arg)

_MODULE = "@web/core/network/rpc"


def _statement(node):
    while node is not None and node.type not in ("expression_statement", "lexical_declaration",
                                                 "variable_declaration"):
        node = node.parent
    return node


def _fix(ctx, tree, call):
    """Edits for `this.X = useService("rpc");` (calls become `rpc(...)`) and `const X = useService("rpc");`."""
    parent = call.parent
    stmt = _statement(call)
    if stmt is None:
        return None
    delete = statement_line_edit(ctx, tree, stmt)
    if delete is None:
        return None
    have = {}
    for imp in imports_from(tree, _MODULE):
        have.update(imported_names(tree, imp))
    edits = [delete]
    if parent.type == "assignment_expression" and parent.child_by_field_name("right") == call:
        left = parent.child_by_field_name("left")
        target = dotted(tree, left)
        if target is None or not target.startswith("this.") or target.count(".") != 1:
            return None
        for m in tree.nodes("member_expression"):
            if m != left and dotted(tree, m) == target:
                edits.append(ctx.edit(tree.start(m), tree.end(m), "rpc"))
        local = "rpc"
    elif parent.type == "variable_declarator" and parent.child_by_field_name("value") == call \
            and stmt.named_child_count == 1:
        local = tree.node_text(parent.child_by_field_name("name"))
        if parent.child_by_field_name("name").type != "identifier":
            return None
    else:
        return None
    if local not in have:
        spec = "rpc" if local == "rpc" else f"rpc as {local}"
        edits.append(add_import_edit(ctx, tree, f'import {{ {spec} }} from "{_MODULE}";'))
    return tuple(e for e in edits if e is not None)


@rule("JS104", "rpc-service", summary="`useService(\"rpc\")`: the rpc service is gone in Odoo 18.0 (import `rpc`)",
      kinds=["js"], severity="error", since="18.0", fix="unsafe", tags=["migration"],
      what="Finds `useService(\"rpc\")`. For `this.rpc = useService(\"rpc\");` and `const rpc = "
           "useService(\"rpc\");` on their own line the fix deletes the line, turns `this.rpc(...)` into "
           "`rpc(...)` and adds `import { rpc } from \"@web/core/network/rpc\";` (unsafe: a subclass or another "
           "file may still read `this.rpc`). Other shapes are reported only.",
      why="18.0 no longer registers an `rpc` service (`rpc` is an exported function of "
          "@web/core/network/rpc), so `useService(\"rpc\")` throws a missing-service error when the component "
          "is set up and the view or action does not render.",
      before='setup() {\n    this.rpc = useService("rpc");\n}\nasync load() {\n    return this.rpc("/my/route", {});\n}',
      after='import { rpc } from "@web/core/network/rpc";\n...\nsetup() {\n}\nasync load() {\n'
            '    return rpc("/my/route", {});\n}',
      source="addons/web/static/src/core/network/rpc_service.js 17.0 (ShaheenHossain/odoo-17cmnty_unozio_2025) "
             "ends with `registry.category(\"services\").add(\"rpc\", rpcService)`; 18.0 "
             "(informaticeng0011/odoo_18.0) and 19.0 (jnvdx6/skymedic-odoo) have only "
             "addons/web/static/src/core/network/rpc.js with `export function rpc(url, params = {}, settings = {})`"
             " and no rpc service.")
def rpc_service(ctx):
    tree = addon_tree(ctx)
    if tree is None or "rpc" not in ctx.source:
        return
    for call in calls(tree, "useService"):
        args = arguments(call)
        if not args or str_arg(tree, args[0]) != "rpc":
            continue
        edits = _fix(ctx, tree, call)
        fix = Fix(edits, Applicability.UNSAFE, "Import `rpc` from @web/core/network/rpc") if edits else None
        yield Finding(tree.span(call), f"the `rpc` service does not exist in Odoo {ctx.target}: "
                      f'`import {{ rpc }} from "{_MODULE}"` and call `rpc(route, params)`', fix=fix)
