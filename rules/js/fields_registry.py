"""JS107: field widgets are registered as descriptor objects (`{ component }`) from Odoo 17.0."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import addon_tree, arguments, dotted, str_arg


# an object literal's opening brace and first key, as prettier's `bracketSpacing` writes it: `{ a: 1 }` (Odoo's
# own code) or `{a: 1}` (OCA's prettier configuration); `${x}` template holes are not object literals
_SPACED = re.compile(r"(?<![$\w])\{ [A-Za-z_$][\w$]*(?:: | \}|,)")
_TIGHT = re.compile(r"(?<![$\w])\{[A-Za-z_$][\w$]*(?:: |\}|,)")
PRINT_WIDTH = 88            # OCA's prettier `printWidth` (a file with longer lines follows its own width)
TAB_WIDTH = 4               # OCA's and Odoo's prettier `tabWidth`


def _descriptor(ctx, tree, node, name: str) -> str:
    """`{ component: X }` as the file writes object literals (its brace spacing), on one line when the line still
    fits, else as prettier hugs a last object argument that does not: `{`, the key on its own indented line with
    a trailing comma, `}` back at the statement's indent."""
    source = ctx.source
    tight = len(_TIGHT.findall(source)) > len(_SPACED.findall(source))
    inline = f"{{component: {name}}}" if tight else f"{{ component: {name} }}"
    start, end = tree.start(node), tree.end(node)
    line = ctx.index.position(start).line
    text = ctx.index.line_text(line)
    limit = max(PRINT_WIDTH, max((len(row) for row in source.splitlines()), default=0))
    rest = text[end - ctx.index.line_start(line):]
    if len(text) - (end - start) + len(inline) <= limit or ctx.index.position(end).line != line \
            or not re.fullmatch(r"\s*\)\s*;?\s*", rest):
        return inline
    indent = text[: len(text) - len(text.lstrip())]
    nl = ctx.newline
    return f"{{{nl}{indent}{' ' * TAB_WIDTH}component: {name},{nl}{indent}}}"


def _fields_registry_aliases(tree) -> set[str]:
    """Names bound to `registry.category("fields")` (`const fieldRegistry = registry.category("fields")`)."""
    out = set()
    for decl in tree.nodes("variable_declarator"):
        value = decl.child_by_field_name("value")
        if value is not None and _is_fields_category(tree, value):
            out.add(tree.node_text(decl.child_by_field_name("name")))
    return out


def _is_fields_category(tree, node) -> bool:
    if node.type != "call_expression":
        return False
    func = node.child_by_field_name("function")
    name = dotted(tree, func)
    if name is None or not name.endswith("registry.category"):
        return False
    args = arguments(node)
    return bool(args) and str_arg(tree, args[0]) == "fields"


@rule("JS107", "field-registry-component", summary="A bare component in the fields registry: Odoo 17.0 expects "
      "`{ component: ... }`", kinds=["js"], severity="error", since="17.0", fix="unsafe", tags=["migration"],
      what="Finds `registry.category(\"fields\").add(name, X)` (also through a variable holding the category) "
           "where `X` is a class declared in the same file, i.e. a component rather than a field descriptor. "
           "The fix wraps it as `{ component: X }` (unsafe: 16.0 read `supportedTypes`, `extractProps`, "
           "`displayName`... from the component's static properties; they must move into the descriptor): "
           "`{component: X}` in a file whose object literals have no brace spacing, as OCA's prettier writes "
           "them, and the object on its own lines, as prettier hugs a last argument, when the line would pass 88 "
           "columns or the file's longest line.",
      why="From 17.0 the field registry holds descriptors: views read `field.component`, `field.extractProps`, "
          "`field.supportedTypes` from the registered object, so a bare component class has no `component` and "
          "the field fails to render.",
      before='export class MyField extends Component { static supportedTypes = ["char"]; }\n'
             'registry.category("fields").add("my_field", MyField);',
      after='export class MyField extends Component {}\nexport const myField = { component: MyField, '
            'supportedTypes: ["char"] };\nregistry.category("fields").add("my_field", myField);',
      source="addons/web/static/src/views/fields/image/image_field.js 17.0 (filesdna/filesdna17-setup) registers "
             "`imageField = { component: ImageField, supportedTypes: [...], extractProps: ... }`; "
             "addons/web/static/src/views/fields/field.js 19.0 (jnvdx6/skymedic-odoo) validates registry "
             "entries with `component: { validate: (c) => c.prototype instanceof Component }` and reads "
             "`field.extractProps`, `field.supportedTypes` from the descriptor.")
def field_registry_component(ctx):
    tree = addon_tree(ctx)
    if tree is None or "fields" not in ctx.source:
        return
    classes = {tree.node_text(c.child_by_field_name("name")) for c in tree.nodes("class_declaration")
               if c.child_by_field_name("name") is not None}
    if not classes:
        return
    aliases = _fields_registry_aliases(tree)
    for call in tree.nodes("call_expression"):
        func = call.child_by_field_name("function")
        if func is None or func.type != "member_expression":
            continue
        prop = func.child_by_field_name("property")
        if prop is None or tree.node_text(prop) != "add":
            continue
        obj = func.child_by_field_name("object")
        if not (_is_fields_category(tree, obj) or (obj.type == "identifier" and tree.node_text(obj) in aliases)):
            continue
        args = arguments(call)
        if len(args) < 2 or args[1].type != "identifier" or tree.node_text(args[1]) not in classes:
            continue
        name = tree.node_text(args[1])
        fix = Fix((ctx.edit(tree.start(args[1]), tree.end(args[1]), _descriptor(ctx, tree, args[1], name)),),
                  Applicability.UNSAFE, "Register `{ component: ... }`")
        yield Finding(tree.span(args[1]), f"`{name}` is a component: Odoo {ctx.target}'s fields registry expects "
                      f"a descriptor `{{ component: {name}, ... }}` (move static supportedTypes/extractProps into it)",
                      fix=fix)
