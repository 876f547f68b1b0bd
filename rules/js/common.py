"""Helpers shared by the JavaScript rules: call shapes, member chains and adding an ES import."""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Edit
from odoolint.sources.js import JsTree, string_value

# nodes that give `this` a new meaning (arrow functions keep the enclosing one)
THIS_SCOPES = frozenset({"function_expression", "function_declaration", "function", "generator_function",
                         "generator_function_declaration", "method_definition", "class_body"})


def addon_tree(ctx) -> Optional[JsTree]:
    """The file's tree when it is addon code (not a vendored static/lib file)."""
    tree = ctx.tree
    if not isinstance(tree, JsTree) or tree.vendored:
        return None
    return tree


def dotted(tree: JsTree, node) -> Optional[str]:
    """`a.b.c` for identifier / member_expression chains (`this` included), else None."""
    parts = []
    while node is not None and node.type == "member_expression":
        prop = node.child_by_field_name("property")
        if prop is None or prop.type not in ("property_identifier", "private_property_identifier"):
            return None
        parts.append(tree.node_text(prop))
        node = node.child_by_field_name("object")
    if node is None or node.type not in ("identifier", "this"):
        return None
    parts.append(tree.node_text(node))
    return ".".join(reversed(parts))


def calls(tree: JsTree, name: str) -> Iterator:
    """call_expression nodes whose callee is exactly `name` (`patch`, `odoo.define`, `useService`)."""
    for call in tree.nodes("call_expression"):
        if dotted(tree, call.child_by_field_name("function")) == name:
            yield call


def arguments(call) -> list:
    args = call.child_by_field_name("arguments")
    return [] if args is None else [c for c in args.named_children if c.type != "comment"]


def str_arg(tree: JsTree, node) -> Optional[str]:
    return string_value(tree, node)


def imports_from(tree: JsTree, module: str) -> list:
    """import_statement nodes importing from `module`."""
    out = []
    for imp in tree.nodes("import_statement"):
        src = imp.child_by_field_name("source")
        if src is not None and string_value(tree, src) == module:
            out.append(imp)
    return out


def imported_names(tree: JsTree, imp) -> dict[str, object]:
    """Local name -> import_specifier node of a `import { a, b as c } from ...` statement."""
    out = {}
    for spec in _specifiers(imp):
        alias = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
        out[tree.node_text(alias)] = spec
    return out


def _specifiers(imp):
    for clause in imp.named_children:
        if clause.type == "import_clause":
            for part in clause.named_children:
                if part.type == "named_imports":
                    yield from (s for s in part.named_children if s.type == "import_specifier")


def add_import_edit(ctx, tree: JsTree, line: str) -> Optional[Edit]:
    """Insert an import statement after the file's last top-level import (or at its top), in the file's quotes."""
    tops = [n for n in tree.root.named_children if n.type == "import_statement"]
    nl = ctx.newline
    if tops:
        last = tops[-1]
        src = last.child_by_field_name("source")
        if src is not None and tree.node_text(src)[:1] == "'":
            line = line.replace('"', "'")
        end = tree.end(last)
        return ctx.edit(end, end, nl + line)
    # after a leading `/** @odoo-module **/` comment, else at the very top
    first = tree.root.named_children[0] if tree.root.named_children else None
    if first is not None and first.type == "comment" and "@odoo-module" in tree.node_text(first):
        end = tree.end(first)
        return ctx.edit(end, end, nl + nl + line)
    return ctx.edit(0, 0, line + nl)


def statement_line_edit(ctx, tree: JsTree, stmt) -> Optional[Edit]:
    """Delete a statement that sits alone on its line(s), with its line ending; None if it shares a line."""
    start, end = tree.start(stmt), tree.end(stmt)
    src = ctx.source
    line_start = src.rfind("\n", 0, start) + 1
    line_end = src.find("\n", end)
    line_end = len(src) if line_end < 0 else line_end + 1
    if src[line_start:start].strip() or src[end:line_end].strip():
        return None
    return ctx.edit(line_start, line_end, "")


def in_this_scope(node, scope) -> bool:
    """True when `node` sees the same `this` as the body of `scope` (no function or class in between)."""
    n = node.parent
    while n is not None and n != scope:
        if n.type in THIS_SCOPES:
            return False
        n = n.parent
    return n is not None
