"""JS102/JS103: `patch()` lost its name argument in Odoo 17.0, and patched methods call `super`, not `_super`."""
from __future__ import annotations

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import addon_tree, arguments, calls, dotted, in_this_scope, str_arg

_PATCH_SOURCE = ("addons/web/static/src/core/utils/patch.js: 16.0-era `patch(obj, patchName, patchValue, "
                 "options)` (odoo/odoo copy, binds `this._super` around each patched method); 17.0+ "
                 "`patch(objToPatch, extension)`, which throws `Second argument is not the patch name anymore` "
                 "for a string and chains the extension with `Object.setPrototypeOf` so that `super` works "
                 "(read in Agro-Marin/odoo and the 19.0 tree jnvdx6/skymedic-odoo); OCA's 17.0 releases all use "
                 "the two-argument form (0 of 90 static/src files keep a name, 18 of 102 did in 16.0).")


def _patch_calls(tree):
    if "patch" not in tree.text.text:
        return
    yield from calls(tree, "patch")


@rule("JS102", "patch-name-argument", summary="`patch(obj, \"name\", ext)` must be `patch(obj, ext)` from Odoo "
      "17.0", kinds=["js"], severity="error", since="17.0", fix="safe", tags=["migration"],
      what="Finds `patch()` calls whose second argument is a string (the patch name of the 16.0 API). The fix "
           "deletes the name and its comma; a four-argument call (`{ pure: true }` options) is reported only.",
      why="From 17.0 `patch(objToPatch, extension)` throws `Patch \"...\": Second argument is not the patch name "
          "anymore` when the second argument is a string, so the module fails to load and the patch never "
          "applies.",
      before='patch(FormController.prototype, "my_module.FormController", {\n    setup() { ... },\n});',
      after='patch(FormController.prototype, {\n    setup() { ... },\n});',
      source=_PATCH_SOURCE)
def patch_name_argument(ctx):
    tree = addon_tree(ctx)
    if tree is None:
        return
    for call in _patch_calls(tree):
        args = arguments(call)
        if len(args) < 3 or str_arg(tree, args[1]) is None:
            continue
        fix = None
        start, end = tree.end(args[1]), tree.start(args[2])
        if len(args) == 3 and ctx.source[start:end].strip() == ",":
            fix = Fix((ctx.edit(tree.start(args[1]), end, ""),), Applicability.SAFE, "Delete the patch name")
        yield Finding(tree.span(args[1]), f"`patch()` takes no name from Odoo {ctx.target}: "
                      "`patch(obj, extension)` (a string second argument throws)", fix=fix)


def _extension(tree, call):
    args = arguments(call)
    if len(args) >= 2 and args[-1].type == "object":
        return args[-1]
    return None


def _super_fix(ctx, tree, member, method_name, accessor: str = ""):
    """Edits turning `this._super(...)`, `this._super.apply(this, arguments)` or `.call(this, ...)` into
    `super.<method>(...)`; in a getter (`accessor="get"`) into `super.<name>`, in a setter (`"set"`), as a
    statement of one argument, into `super.<name> = value` (16.0's patch bound `this._super` to the previous
    getter or setter, web/static/src/core/utils/patch.js `makeIntermediateFunction("get"/"set", ...)`); None when
    the shape is anything else."""
    parent = member.parent
    if parent.type == "call_expression" and parent.child_by_field_name("function") == member:
        call, args = parent, arguments(parent)
    elif parent.type == "member_expression" and parent.child_by_field_name("object") == member:
        prop = tree.node_text(parent.child_by_field_name("property"))
        call = parent.parent
        if call.type != "call_expression" or call.child_by_field_name("function") != parent:
            return None
        args = arguments(call)
        if not args or args[0].type != "this":
            return None
        if prop == "apply" and len(args) == 2 and tree.node_text(args[1]) == "arguments":
            if accessor == "set":
                return None
            args = None                     # the method's own arguments
        elif prop == "call":
            args = args[1:]
        else:
            return None
    else:
        return None
    if accessor == "get":
        return (ctx.edit(tree.start(call), tree.end(call), f"super.{method_name}"),)
    if accessor == "set":
        if args is None or len(args) != 1 or args[0].type == "spread_element" \
                or call.parent is None or call.parent.type != "expression_statement":
            return None
        return (ctx.edit(tree.start(call), tree.end(call), f"super.{method_name} = {tree.node_text(args[0])}"),)
    if call is parent:
        return (ctx.edit(tree.start(member), tree.end(member), f"super.{method_name}"),)
    if args is None:
        return (ctx.edit(tree.start(call), tree.end(call), f"super.{method_name}(...arguments)"),)
    return (ctx.edit(tree.start(call), tree.end(call), f"super.{method_name}({', '.join(map(tree.node_text, args))})"),)


@rule("JS103", "patch-this-super", summary="`this._super()` in a patch is `super.method()` from Odoo 17.0",
      kinds=["js"], severity="error", since="17.0", fix="safe", tags=["migration"],
      what="Finds `this._super` inside the methods of a `patch()` extension object. The fix writes "
           "`super.<method>(...)` for `this._super(...)`, `this._super.apply(this, arguments)` and "
           "`this._super.call(this, ...)` in shorthand methods (`setup() {...}`), `super.<name>` in a getter "
           "(`get x() { return this._super(); }`) and `super.<name> = value` for a setter's "
           "`this._super(value);` statement; other shapes (a `key: function` property, `this._super` stored in "
           "a variable) are reported only.",
      why="17.0's `patch()` no longer defines `this._super`: the extension object becomes the prototype of the "
          "previous one and methods reach the original with `super.<method>()`. `this._super` is `undefined`, so "
          "the first call throws `TypeError: this._super is not a function`.",
      before='patch(ListRenderer.prototype, {\n    setup() {\n        this._super(...arguments);\n    },\n});',
      after='patch(ListRenderer.prototype, {\n    setup() {\n        super.setup(...arguments);\n    },\n});',
      source=_PATCH_SOURCE)
def patch_this_super(ctx):
    tree = addon_tree(ctx)
    if tree is None or "_super" not in ctx.source:
        return
    for call in _patch_calls(tree):
        ext = _extension(tree, call)
        if ext is None:
            continue
        for member_node in ext.named_children:
            accessor = ""
            if member_node.type == "method_definition":
                name_node = member_node.child_by_field_name("name")
                body = member_node.child_by_field_name("body")
                accessor = next((c.type for c in member_node.children if c.type in ("get", "set")), "")
                shorthand = True
            elif member_node.type == "pair":
                name_node = member_node.child_by_field_name("key")
                body = member_node.child_by_field_name("value")
                shorthand = False
            else:
                continue
            if name_node is None or body is None or name_node.type != "property_identifier":
                continue
            method = tree.node_text(name_node)
            scope = member_node if member_node.type == "method_definition" else body
            for m in _members_in(tree, body):
                if dotted(tree, m) != "this._super" or not in_this_scope(m, scope):
                    continue
                edits = _super_fix(ctx, tree, m, method, accessor) if shorthand else None
                use = {"get": f"super.{method}", "set": f"super.{method} = value"}.get(accessor, f"super.{method}(...)")
                fix = Fix(edits, Applicability.SAFE, f"Use `{use}`") if edits else None
                yield Finding(tree.span(m), f"`this._super` does not exist in Odoo {ctx.target} patches: "
                              + (f"read `{use}`" if accessor == "get" else f"assign `{use}`" if accessor == "set"
                                 else f"call `{use}`")
                              + ("" if shorthand else f" (write the method as `{method}(...) {{...}}`)"),
                              fix=fix)


def _members_in(tree, node):
    start, end = node.start_byte, node.end_byte
    for m in tree.nodes("member_expression"):
        if start <= m.start_byte and m.end_byte <= end:
            yield m
