"""XML118: a static `invisible` on a list column hides the column in 16.0 and only its cells from 17.0."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix, OdooVersion, Severity
from odoolint.registry import rule
from odoolint.versions import ADDON_SERIES

from .common import arch_elements, is_element
from .start_tags import rewrite_attributes

# values 16.0 evaluated with only the context (transfer_node_to_modifiers): literals and context lookups
_STATIC = re.compile(r"^\s*(?:1|0|True|False|(?:not\s+)?context\.get\(\s*(['\"])[A-Za-z_][\w.]*\1\s*\))\s*$")
# an XPath whose last step selects a list view root: //tree, field[@name='x']/tree, /form//tree[1]
_TREE_LAST = re.compile(r"(?:^|/)(?:tree)(?:\[[^\]]*\])?\s*$")
# an XPath that selects something inside a list view: //tree/field[...], //field[@name='x']/tree//button
_IN_TREE = re.compile(r"(?:^|/)tree(?:\[[^\]]*\])?/")
_STOP = {"header", "groupby", "form", "kanban", "search", "calendar", "graph", "pivot"}
_V17 = OdooVersion.parse("17.0")


# 16.0 view syntax that 17.0 rejects: a file that still has it was not migrated to 17.0 yet, whatever its
# manifest says (a migration often bumps the version first)
_LEGACY_SYNTAX = re.compile(r"""\battrs\s*=\s*["']|<(?:field|button)\b[^>]*\sstates\s*=""")


def _written_for_17(ctx) -> bool:
    """Was the file written for 17.0+: its addon's manifest declares a 17.0+ series and the file has no 16.0
    `attrs`/`states` left? Then its `invisible` has hidden only the cells since it was written (17.0, 18.0 and
    19.0 read list columns alike): renaming it would change what the list shows, no step of this migration."""
    found = (ctx.options.get(ADDON_SERIES) or {}).get(ctx.addon_path) if ctx.addon_path else None
    return found is not None and OdooVersion.parse(found) >= _V17 and not _LEGACY_SYNTAX.search(ctx.source)


def _tone(ctx) -> tuple:
    """(native, message, severity) of the file's findings (see `_written_for_17`)."""
    native = _written_for_17(ctx)
    return (native, _MSG_17, Severity.INFO) if native else (native, _MSG, None)


_MSG = ("A static `invisible` on a list column hides only its cells since Odoo 17.0 (16.0 hid the column): "
        "{verb} `column_invisible`")
_MSG_17 = ("A static `invisible` on a list column hides only its cells (the labelled column stays, empty): "
           "{verb} `column_invisible` if the column should go (no fix: the addon is already 17.0+, where this has "
           "always shown the column)")


def _list_context(el) -> bool:
    """Is `el` a column of a list view in the combined arch: under a `<tree>` (no `<header>`/`<groupby>`
    between), or under an `<xpath expr=".../tree">` spec?"""
    for anc in el.iterancestors():
        if not is_element(anc):
            continue
        if anc.tag in _STOP:
            return False
        if anc.tag == "tree":
            return True
        if anc.tag == "xpath":
            expr, position = anc.get("expr") or "", anc.get("position") or "inside"
            if position == "inside":
                return bool(_TREE_LAST.search(expr))
            return position in ("before", "after") and bool(_IN_TREE.search(expr)) \
                and not any(word in expr for word in ("header", "groupby"))
        if anc.tag == "field" and anc.get("name") == "arch":
            return False
    return False


@rule("XML118", "list-column-invisible", summary="A static `invisible` on a list column hides only its cells "
      "from Odoo 17.0: use `column_invisible`", kinds=["xml"], severity="warning", since="17.0", fix="safe",
      tags=["migration"],
      what="Finds `invisible=\"1\"` (or `True`, `0`, `False`, `context.get('x')`, the values 16.0 evaluated "
           "without the record) on fields and buttons of list views: under `<tree>` (outside `<header>` and "
           "`<groupby>`), under an `<xpath expr=\"...//tree\">` that inserts into a list (or `position=\"before|after\"` of an "
           "xpath selecting inside one), and `<attribute "
           "name=\"invisible\">1</attribute>` in an xpath selecting inside a list (`//tree/field[...]`). The fix "
           "renames the attribute `column_invisible`, keeping the value (and, in a prettier-formatted file, "
           "breaks the tag one attribute per line when the longer name takes it past the print width). When the "
           "addon's own manifest already declares 17.0 or later (a 17.0 -> 18.0 or 18.0 -> 19.0 migration), the "
           "attribute has hidden only the cells ever since it was written, so the finding is reported as info "
           "without a fix: renaming it would change what the list shows, which is no step of that migration "
           "(unless the file still has 16.0 `attrs`/`states`: then it was not migrated to 17.0 yet, whatever the "
           "manifest says, and the fix applies).",
      why="16.0 turned a static `invisible` under a tree into the `column_invisible` modifier, so the whole "
          "column disappeared; 17.0 evaluates `invisible` per record and hides the cell only, leaving an empty, "
          "labelled column (and the field's values readable in exports of the list). `column_invisible` is the "
          "17.0 attribute for the 16.0 behaviour.",
      before='<tree>\n  <field name="company_id" invisible="1"/>\n</tree>',
      after='<tree>\n  <field name="company_id" column_invisible="1"/>\n</tree>',
      source="odoo/addons/base/models/ir_ui_view.py 16.0 `transfer_node_to_modifiers`: 'Invisible in a tree view "
             "has a specific meaning' - a static invisible with a `tree` ancestor and no `header` ancestor "
             "becomes `modifiers['column_invisible']`; 17.0 drops the modifiers and the list renderer reads "
             "`column_invisible` for the column, `invisible` for the cell (checked in 17.0 "
             "addons/web/static/src/views/list/list_renderer.js `getActiveColumns`, which drops a column when "
             "`evalColumnInvisible(col.column_invisible)`, and list_renderer.xml, which blanks only the cell when "
             "`evalInvisible(column.invisible, record)`); OCA odoo-module-migrator 17.0 writes `column_invisible` likewise. "
             "18.0 (S18 addons/web/static/src/views/list/list_arch_parser.js, list_renderer.js `getActiveColumns` "
             "line 250, list_renderer.xml line 244) and 19.0 (S19 list_renderer.js line 333, list_renderer.xml line 288) read `invisible`/`column_invisible` exactly as 17.0 "
             "does, hence no fix for an addon already on 17.0+ (OCA's 17.0 -> 18.0 migrations kept `invisible` "
             "on 6 of the 11 such columns).")
def list_column_invisible(ctx):
    native = None       # _written_for_17, asked at the first column found (its regex reads the whole file)
    for _rec, el in arch_elements(ctx.tree):
        if el.tag in ("field", "button") and el.get("invisible") is not None and el.get("column_invisible") is None:
            if not _STATIC.match(el.get("invisible")) or not _list_context(el):
                continue
            if native is None:
                native, message, severity = _tone(ctx)
            fix = None
            if not native:
                p = ctx.tree.pos(el)
                a = p.attrs.get("invisible") if p is not None else None
                edits = rewrite_attributes(ctx, el, {"invisible": [
                    "column_invisible" + ctx.source[a.name_end:a.value_end + 1]]}) if a is not None else None
                fix = Fix(tuple(edits), Applicability.SAFE, "Rename to `column_invisible`") if edits else None
            yield Finding(ctx.tree.attr_span(el, "invisible"), message.format(verb="use"), fix=fix,
                          severity=severity)
        elif el.tag == "attribute" and el.get("name") == "invisible" and len(el) == 0 \
                and _STATIC.match(el.text or "") and el.getparent() is not None \
                and el.getparent().tag == "xpath" and _IN_TREE.search(el.getparent().get("expr") or "") \
                and "header" not in (el.getparent().get("expr") or ""):
            if native is None:
                native, message, severity = _tone(ctx)
            fix = None
            if not native:
                p = ctx.tree.pos(el)
                a = p.attrs.get("name") if p is not None else None
                fix = Fix((ctx.edit(a.value_start, a.value_end, "column_invisible"),), Applicability.SAFE,
                          "Set `column_invisible` instead") if a is not None else None
            yield Finding(ctx.tree.attr_value_span(el, "name"), message.format(verb="set"), fix=fix,
                          severity=severity)
