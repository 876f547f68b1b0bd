"""XML161: `<group expand=... string=...>` in search views fails 19.0's search view schema."""
from __future__ import annotations

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import arch_elements, fields_of

# attributes of `group` that 18.0's common.rng allows and 19.0's no longer does
_DROPPED = ("expand", "string")


def _in_search_view(rec, el) -> bool:
    """Is `el` part of a search view: under a `<search>` element of the arch, or in a record typed `search`?"""
    if any(a.tag == "search" for a in el.iterancestors()):
        return True
    return any((f.text or "").strip() == "search" for f in fields_of(rec, "type"))


def _edits(ctx, el):
    p = ctx.tree.pos(el)
    if p is None or any(name not in p.attrs for name in _DROPPED if el.get(name) is not None):
        return None
    kept = [n for n in p.attrs if n not in _DROPPED]
    if not kept:
        # nothing left: the start tag becomes `<group>` (or `<group/>` / `<group />` as written)
        close = p.start_tag_end - (2 if p.self_closing else 1)
        gap = " " if p.self_closing and ctx.source[close - 1] in " \t\r\n" else ""
        return (ctx.edit(p.name_end, close, gap),)
    edits = []
    for name in _DROPPED:
        a = p.attrs.get(name)
        if a is None:
            continue
        start = a.name_start
        while start > 0 and ctx.source[start - 1] in " \t\r\n":
            start -= 1
        edits.append(ctx.edit(start, a.value_end + 1, ""))
    return tuple(edits)


@rule("XML161", "search-group-expand-string", summary="`<group expand=... string=...>` in a search view fails "
      "Odoo 19.0's schema", kinds=["xml"], severity="error", since="19.0", fix="safe", tags=["migration"],
      what="Finds `<group>` elements of search views (under `<search>` in a view arch, or in a view record whose "
           "`type` is `search`) that carry `expand` or `string`, typically `<group expand=\"0\" "
           "string=\"Group By\">` around the group-by filters. The fix deletes the two attributes (`<group>` when "
           "nothing else is left), as OCA's 19.0 migrations do; `name` and the other attributes stay.",
      why="Odoo validates search views against base/rng/search_view.rng, whose `group` comes from common.rng: "
          "18.0 allows `expand` and `string` there, 19.0 dropped both, so the view fails validation (\"Invalid "
          "view definition\") and the module does not install. The web client's search arch parser reads none of "
          "a group's attributes (`visitGroup` only opens and closes a group of filters), so nothing is lost.",
      before='<search>\n  <group expand="0" string="Group By">\n'
             '    <filter name="by_state" context="{\'group_by\': \'state\'}"/>\n  </group>\n</search>',
      after='<search>\n  <group>\n    <filter name="by_state" context="{\'group_by\': \'state\'}"/>\n  </group>\n'
            '</search>',
      source="odoo/addons/base/rng/common.rng: 18.0 `<rng:define name=\"group\">` has optional `expand` and "
             "`string` attributes, 19.0 (line 295) has neither; odoo/tools/view_validation.py 19.0 "
             "`@validate('calendar', 'graph', 'pivot', 'search', 'list', 'activity') schema_valid` (line 314) "
             "validates search views with `<type>_view.rng`; addons/web/static/src/search/search_arch_parser.js "
             "19.0 `visitGroup` (line 311).")
def search_group_expand_string(ctx):
    for rec, el in arch_elements(ctx.tree):
        if el.tag != "group" or not any(el.get(n) is not None for n in _DROPPED):
            continue
        if el.get("position") is not None or not _in_search_view(rec, el):
            continue
        present = [n for n in _DROPPED if el.get(n) is not None]
        edits = _edits(ctx, el)
        yield Finding(ctx.tree.attr_span(el, present[0]),
                      f"`{'`/`'.join(present)}` on a search view `<group>` is rejected by Odoo 19.0's search view "
                      f"schema: the view fails validation", fix=Fix(edits, Applicability.SAFE,
                                                                   f"Delete `{'`/`'.join(present)}`")
                      if edits else None)
