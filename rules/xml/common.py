"""Shared helpers for the XML rules: walking Odoo data files (records, view archs) and building
text edits from the tag scanner's spans (never by re-serialising the lxml tree)."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

VIEW_MODEL = "ir.ui.view"


def is_element(el) -> bool:
    return isinstance(getattr(el, "tag", None), str)


def element_filter():
    """lxml's `Element` factory: given to `iter()`, `iterchildren()` or `iterdescendants()`, lxml itself hands out
    elements only (comments, processing instructions and entities have no str tag), so no node is left for
    `is_element` to dismiss. Imported on use: loading the rules imports no lxml."""
    from lxml import etree
    return etree.Element


def elements(root, tag: Optional[str] = None) -> Iterator:
    """Every element (comments and processing instructions excluded), in document order."""
    if root is None:
        return iter(())
    return root.iter(tag) if tag else root.iter(element_filter())


def tree_elements(tree, tag: Optional[str] = None) -> list:
    """`elements(tree.root, tag)` from the walk the file's rules share (sources/xml.py `XmlTree.of_tag`)."""
    if getattr(tree, "memo", None) is None or not hasattr(tree, "of_tag"):
        return list(elements(getattr(tree, "root", None), tag))
    return tree.of_tag(tag) if tag else tree.elements


def records(tree, model: Optional[str] = None) -> list:
    """`<record>` elements of an Odoo data file, optionally of one model."""
    recs = tree_elements(tree, "record")
    if model is None:
        return recs
    return [rec for rec in recs if rec.get("model") == model]


def fields_of(rec, name: Optional[str] = None) -> Iterator:
    """Direct `<field>` children of a record."""
    for child in rec.iterchildren("field"):
        if name is None or child.get("name") == name:
            yield child


def view_archs(tree) -> list:
    """(record, arch field element) of every `ir.ui.view` record (listed once per file: most XML rules ask)."""
    memo = getattr(tree, "memo", None)
    found = memo.get("view_archs") if memo is not None else None
    if found is None:
        found = [(rec, f) for rec in records(tree, VIEW_MODEL) for f in fields_of(rec, "arch")]
        if memo is not None:
            memo["view_archs"] = found
    return found


def arch_elements(tree) -> list:
    """(record, element) for every element inside the arch of an `ir.ui.view` record (listed once per file)."""
    memo = getattr(tree, "memo", None)
    found = memo.get("arch_elements") if memo is not None else None
    if found is None:
        every = element_filter()
        found = [(rec, el) for rec, arch in view_archs(tree) for el in arch.iterdescendants(every)]
        if memo is not None:
            memo["arch_elements"] = found
    return found


def view_type(arch) -> Optional[str]:
    """Tag of the first element of an arch field (the view type of a primary view)."""
    for child in arch.iterchildren(element_filter()):
        return child.tag
    return None


def escape_attr(value: str, quote: str = '"') -> str:
    out = value.replace("&", "&amp;").replace("<", "&lt;")
    return out.replace('"', "&quot;") if quote == '"' else out.replace("'", "&apos;")


def escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def raw_attr(ctx, el, name: str) -> Optional[tuple[int, int]]:
    """(start, end) offsets of an attribute's raw value inside the quotes."""
    p = ctx.tree.pos(el)
    if p is None:
        return None
    a = p.attrs.get(name)
    if a is None:
        return None
    return a.value_start, a.value_end


def raw_text(ctx, el) -> Optional[tuple[int, int]]:
    """(start, end) offsets of an element's raw text between its start and end tags."""
    p = ctx.tree.pos(el)
    if p is None or p.end_tag_start is None:
        return None
    return p.start_tag_end, p.end_tag_start


def regex_in(ctx, bounds: Optional[tuple[int, int]], pattern: re.Pattern, group: int = 0) -> Iterator[tuple[int, int]]:
    """Offsets of each match of `pattern` (its `group`) inside the raw source slice `bounds`."""
    if bounds is None:
        return
    start, end = bounds
    chunk = ctx.source[start:end]
    for m in pattern.finditer(chunk):
        yield start + m.start(group), start + m.end(group)


def line_indent(ctx, offset: int) -> str:
    """The whitespace that starts the line holding `offset`."""
    line = ctx.index.position(offset).line
    text = ctx.index.line_text(line)
    return text[: len(text) - len(text.lstrip())]


def whole_line_bounds(ctx, start: int, end: int) -> Optional[tuple[int, int]]:
    """If [start, end) is alone on its line(s) (only whitespace around), the bounds of those whole lines
    including the final line ending; otherwise None."""
    idx = ctx.index
    first = idx.position(start).line
    last = idx.position(max(start, end - 1)).line
    ls = idx.line_start(first)
    le = idx.line_end(last)
    if ctx.source[ls:start].strip() or ctx.source[end:le].strip():
        return None
    nxt = idx.line_start(last + 1) if last < idx.line_count else len(ctx.source)
    return ls, nxt


def addon_xmlid(ctx, xmlid: str) -> str:
    """Fully qualified xml id (`module.name`) of an id written in a file of ctx's addon."""
    if "." in xmlid or not ctx.addon:
        return xmlid
    return f"{ctx.addon}.{xmlid}"
