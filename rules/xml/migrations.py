"""XML migrations 17 -> 19 other than attrs/states and tree/list: kanban card API, chatter, cron fields,
removed data shortcuts, renamed group fields, toggle_active buttons, removed asset bundles.

Renames are tables (one row per model/field/bundle and the version that changed it)."""
from __future__ import annotations

import ast
import re

from odoolint.model import Applicability, Fix, Finding, OdooVersion, Severity
from odoolint.registry import rule

from .layout import empty_element
from .common import (arch_elements, escape_attr, fields_of, is_element, raw_attr, raw_text, records,
                     regex_in, tree_elements,
                     view_archs, whole_line_bounds)

V18, V19 = OdooVersion(18, 0), OdooVersion(19, 0)


def _delete_element(ctx, el):
    """Edit that deletes an element; the whole line(s) when it stands alone on them."""
    p = ctx.tree.pos(el)
    if p is None:
        return None
    end = p.end if p.end is not None else p.start_tag_end
    bounds = whole_line_bounds(ctx, p.start, end) or (p.start, end)
    return ctx.edit(bounds[0], bounds[1], "")


# ---- XML103 kanban-box -> card ----------------------------------------------------------------------

_KANBAN_TEMPLATES = {"kanban-box": "card", "kanban-menu": "menu"}
_GLOBAL_CLICK = {"oe_kanban_global_click", "oe_kanban_global_click_edit"}
_XPATH_KANBAN = re.compile(r"""(?<=['"])kanban-(box|menu)(?=['"])""")


@rule("XML103", "kanban-box-to-card", summary="`kanban-box`/`kanban-menu` templates: `card`/`menu` since 18.0",
      kinds=["xml"], severity="error", since="18.0", fix="unsafe", tags=["migration"],
      what="Finds `<t t-name=\"kanban-box\">` and `<t t-name=\"kanban-menu\">` in kanban archs and XPath "
           "expressions that select them. The unsafe fix renames them to `card` and `menu`; when the box holds "
           "nothing but one `<div class=\"... oe_kanban_global_click ...\">` wrapper, the wrapper's start and end "
           "tags are removed (the card itself is clickable in the 18.0 API) and its other classes move to the "
           "`card` template, which is where Odoo reads the card class from.",
      why="Odoo 18.0 still renders a legacy `kanban-box` arch but warns that it is deprecated; 19.0 throws "
          "\"Missing 'card' template.\" and the kanban view does not open. Inherited views whose XPath targets "
          "`kanban-box` no longer find it in core views migrated to `card`.",
      before='<templates>\n  <t t-name="kanban-box">\n    <div class="oe_kanban_global_click o_x">\n'
             '      <field name="name"/>\n    </div>\n  </t>\n</templates>',
      after='<templates>\n  <t t-name="card" class="o_x">\n      <field name="name"/>\n  </t>\n</templates>',
      source="addons/web/static/src/views/kanban/kanban_arch_parser.js: 18.0 `LEGACY_KANBAN_BOX_ATTRIBUTE` and "
             "console.warn \"'kanban-box' is deprecated\" (lines 25, 153); 19.0 only `KANBAN_CARD_ATTRIBUTE` and "
             "`throw new Error(\"Missing 'card' template.\")`; OCA odoo-module-migrator "
             "`replace_deprecated_kanban_box_card_menu`; 18.0 kanban_record.js `setup` (lines 214-217) reads "
             "`kanban-menu` only when the arch has no `card` template (`isLegacyArch`), else only `menu`.")
def kanban_box_to_card(ctx):
    severity = Severity.ERROR if ctx.target and ctx.target >= V19 else Severity.WARNING
    verb = "no longer supported (Odoo 19.0 requires `{new}`)" if severity is Severity.ERROR \
        else "deprecated since Odoo 18.0 (use `{new}`)"
    for _rec, el in arch_elements(ctx.tree):
        if el.tag == "t" and el.get("t-name") in _KANBAN_TEMPLATES and \
                any(a.tag == "kanban" for a in el.iterancestors()):
            old = el.get("t-name")
            new = _KANBAN_TEMPLATES[old]
            span = ctx.tree.attr_value_span(el, "t-name")
            if old == "kanban-menu" and severity is Severity.WARNING and _has_card(el):
                # 18.0 picks the menu template by arch kind: a `card` arch reads only `menu`
                msg = ("`t-name=\"kanban-menu\"` is never rendered: this kanban has a `card` template, so "
                       "Odoo 18.0 reads its menu from `menu`")
                bounds = raw_attr(ctx, el, "t-name")
                fix = None if bounds is None else Fix((ctx.edit(bounds[0], bounds[1], new),),
                                                      Applicability.UNSAFE, f"Rename the template to `{new}`")
                yield Finding(span, msg, severity=Severity.ERROR, fix=fix)
                continue
            bounds = raw_attr(ctx, el, "t-name")
            if bounds is None:
                yield Finding(span, f"`t-name=\"{old}\"` " + verb.format(new=new), severity=severity)
                continue
            edits = [ctx.edit(bounds[0], bounds[1], new)]
            note = ""
            if old == "kanban-box":
                unwrap = _unwrap(ctx, el)
                if unwrap:
                    edits.extend(unwrap)
                    note = "; the `oe_kanban_global_click` wrapper is removed"
            yield Finding(span, f"`t-name=\"{old}\"` " + verb.format(new=new), severity=severity,
                          fix=Fix(tuple(edits), Applicability.UNSAFE, f"Rename the template to `{new}`{note}"))
        elif el.tag == "xpath" and "kanban-" in (el.get("expr") or ""):
            for s, e in regex_in(ctx, raw_attr(ctx, el, "expr"), _XPATH_KANBAN):
                old = ctx.source[s:e]
                new = _KANBAN_TEMPLATES[old]
                yield Finding(ctx.span(s, e), f"XPath selects the `{old}` template: " + verb.format(new=new)
                              + "; check the inner path against the new card structure", severity=severity,
                              fix=Fix((ctx.edit(s, e, new),), Applicability.UNSAFE, f"Select `{new}`"))


def _has_card(t_el) -> bool:
    """True when the kanban arch holding this template also defines a `card` template (the 18.0 API)."""
    kanban = next((a for a in t_el.iterancestors() if a.tag == "kanban"), None)
    return kanban is not None and any(is_element(t) and t.tag == "t" and t.get("t-name") == "card"
                                      for t in kanban.iter("t"))


def _unwrap(ctx, t_el):
    """Edits removing a lone `<div class="oe_kanban_global_click ...">` wrapper, or None."""
    children = [c for c in t_el if is_element(c)]
    others = [c for c in t_el if not is_element(c)]
    if len(children) != 1 or others or (t_el.text or "").strip():
        return None
    div = children[0]
    classes = (div.get("class") or "").split()
    if div.tag != "div" or set(div.attrib) != {"class"} or not _GLOBAL_CLICK & set(classes) \
            or (div.tail or "").strip() or "class" in t_el.attrib:
        return None
    p, tp = ctx.tree.pos(div), ctx.tree.pos(t_el)
    if p is None or tp is None or p.end_tag_start is None:
        return None
    start = whole_line_bounds(ctx, p.start, p.start_tag_end) or (p.start, p.start_tag_end)
    end = whole_line_bounds(ctx, p.end_tag_start, p.end) or (p.end_tag_start, p.end)
    edits = [ctx.edit(start[0], start[1], ""), ctx.edit(end[0], end[1], "")]
    kept = [c for c in classes if c not in _GLOBAL_CLICK]
    if kept:
        a = tp.attrs["t-name"]
        q = a.quote
        edits.append(ctx.edit(a.value_end + 1, a.value_end + 1, f" class={q}{escape_attr(' '.join(kept), q)}{q}"))
    return edits


# ---- XML104 div.oe_chatter -> <chatter/> ------------------------------------------------------------

_CHATTER_FIELDS = {"message_follower_ids", "activity_ids", "message_ids"}
_XPATH_CHATTER = re.compile(r"""div\[\s*(?:hasclass\(\s*(['"])oe_chatter\1\s*\)"""
                            r"""|@class\s*=\s*(['"])oe_chatter\2)\s*\]""")


def _chatter_attributes(el) -> "list[str] | None":
    """The 18.0 `<chatter>` attributes that reproduce what 17.0's compileChatter read from the div's fields
    (their `options`), or None when the div holds something the element cannot say."""
    if set(el.attrib) - {"class", "style"} or (el.get("class") or "").strip() != "oe_chatter":
        return None
    flags = set()
    for c in el:
        if not is_element(c):
            return None
        if c.tag != "field" or c.get("name") not in _CHATTER_FIELDS \
                or set(c.attrib) - {"name", "widget", "options", "help", "groups"}:
            return None
        if c.get("groups") is not None and c.get("groups").strip() != "base.group_user":
            return None         # another group decided who saw that part of the chatter: no 18.0 attribute says it
        options = {}
        if c.get("options") is not None:
            try:
                options = ast.literal_eval(c.get("options").strip() or "{}")
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return None
            if not isinstance(options, dict) or set(options) - {"post_refresh", "open_attachments"}:
                return None
        refresh = options.get("post_refresh")
        if c.get("name") == "message_follower_ids" and refresh:
            flags.add("reload_on_follower")
        if c.get("name") == "message_ids" and refresh:
            flags.add("reload_on_post")
            if refresh == "always":
                flags.add("reload_on_attachment")
        if c.get("name") != "activity_ids" and options.get("open_attachments"):
            flags.add("open_attachments")
    order = ("reload_on_follower", "reload_on_post", "reload_on_attachment", "open_attachments")
    return [f'{name}="True"' for name in order if name in flags]


@rule("XML104", "chatter-div", summary="`<div class=\"oe_chatter\">` is `<chatter/>` since Odoo 18.0",
      kinds=["xml"], severity="error", since="18.0", fix="safe", tags=["migration"],
      what="Finds `<div class=\"oe_chatter\">` in view archs and XPath expressions selecting "
           "`div[hasclass('oe_chatter')]` or `div[@class='oe_chatter']`. The fix replaces a div that holds only "
           "the standard chatter fields (`message_follower_ids`, `activity_ids`, `message_ids` with nothing but "
           "`name`, `widget`, `help`, `groups=\"base.group_user\"` and `options` made of "
           "`post_refresh`/`open_attachments`; a `style` on the div is dropped) with `<chatter/>` (`<chatter />` where the file's self-closing tags mostly end in ` />`), "
           "carrying the options over as 18.0 attributes: `post_refresh` on message_ids -> "
           "`reload_on_post=\"True\"` (and `reload_on_attachment=\"True\"` for `'always'`), on "
           "message_follower_ids -> `reload_on_follower=\"True\"`, `open_attachments` -> "
           "`open_attachments=\"True\"`; and rewrites the XPath step to `chatter`.",
      why="Since 18.0 the form compiler only turns a `<chatter/>` element into the chatter; a "
          "`div.oe_chatter` renders as an empty div, so followers, activities and messages silently disappear. "
          "XPaths on core forms, which now use `<chatter/>`, no longer match and the inheriting view fails.",
      before='<div class="oe_chatter">\n  <field name="message_follower_ids"/>\n  <field name="activity_ids"/>\n'
             '  <field name="message_ids"/>\n</div>',
      after="<chatter/>",
      source="addons/mail/static/src/views/web/form/form_compiler.js 17.0 selector \"div.oe_chatter\" (line 74), "
             "`compileChatter` reads the children's `options` (`post_refresh`, `'always'`, `open_attachments`, "
             "lines 18-37); addons/mail/static/src/chatter/web/form_compiler.js 18.0/19.0 selector \"chatter\" "
             "(line 46) and `reload_on_attachment`/`reload_on_follower`/`reload_on_post`/`open_attachments` "
             "attributes (18.0 lines 15-18); the 18.0 compiler reads no child of `<chatter>` (a `help` had no use in "
             "17.0's either) and 18.0's chatter.xml always shows the followers to the internal users who open "
             "a form, so `groups=\"base.group_user\"` goes too, as Odoo's own 18.0 views dropped it "
             "(account/views/account_account_views.xml, res_company_views.xml: 17.0 "
             "`<field name=\"message_follower_ids\" groups=\"base.group_user\"/>`, 18.0 `<chatter/>`).")
def chatter_div(ctx):
    for _rec, el in arch_elements(ctx.tree):
        if el.tag == "div" and "oe_chatter" in (el.get("class") or "").split():
            span = ctx.tree.start_tag_span(el)
            p = ctx.tree.pos(el)
            attrs = _chatter_attributes(el) if p is not None and p.end is not None else None
            if attrs is not None and not any(not is_element(c) for c in el):
                end = empty_element(ctx.source, "chatter")[len("<chatter"):]
                new = "<chatter" + "".join(" " + a for a in attrs) + end
                yield Finding(span, "`div.oe_chatter` is no longer a chatter since Odoo 18.0: use `<chatter/>`",
                              fix=Fix((ctx.edit(p.start, p.end, new),), Applicability.SAFE,
                                      "Replace with `<chatter/>`"))
            else:
                yield Finding(span, "`div.oe_chatter` is no longer a chatter since Odoo 18.0: use `<chatter/>` "
                                    "(move field options such as `post_refresh` to `<chatter>` attributes by hand)")
        elif el.tag == "xpath" and "oe_chatter" in (el.get("expr") or ""):
            found = False
            for s, e in regex_in(ctx, raw_attr(ctx, el, "expr"), _XPATH_CHATTER):
                found = True
                yield Finding(ctx.span(s, e), "XPath selects `div.oe_chatter`: core forms use `<chatter/>` since "
                                              "Odoo 18.0", fix=Fix((ctx.edit(s, e, "chatter"),), Applicability.SAFE,
                                                                   "Select `chatter`"))
            if not found:
                yield Finding(ctx.tree.attr_value_span(el, "expr"),
                              "XPath mentions `oe_chatter`: core forms use `<chatter/>` since Odoo 18.0")


# ---- XML105 ir.cron numbercall / doall --------------------------------------------------------------

@rule("XML105", "cron-numbercall-doall", summary="`ir.cron` fields `numbercall`/`doall` removed in Odoo 18.0",
      kinds=["xml"], severity="error", since="18.0", fix="safe", tags=["migration"],
      what="Finds `<field name=\"numbercall\">` and `<field name=\"doall\">` in `ir.cron` records. The fix "
           "deletes `doall` and a `numbercall` of -1 (unlimited, the only behaviour left); any other "
           "`numbercall` has no equivalent and is reported only.",
      why="Odoo 18.0 dropped both fields from ir.cron; `create` raises \"Invalid field 'numbercall' on model "
          "'ir.cron'\", so loading the data file fails and the module does not install. A cron limited to N "
          "runs now runs forever unless its code deactivates it.",
      before='<record id="cron_x" model="ir.cron">\n  <field name="numbercall">-1</field>\n'
             '  <field name="doall" eval="False"/>\n</record>',
      after='<record id="cron_x" model="ir.cron">\n</record>',
      source="odoo/addons/base/models/ir_cron.py 17.0 `numbercall`, `doall` (lines 67-68); absent in 18.0 and "
             "19.0; odoo/models.py 18.0 `create` raises ValueError \"Invalid field %r on model %r\" (line 4946).")
def cron_numbercall_doall(ctx):
    for rec in records(ctx.tree, "ir.cron"):
        for f in fields_of(rec):
            name = f.get("name")
            if name not in ("numbercall", "doall"):
                continue
            span = ctx.tree.start_tag_span(f)
            value = (f.get("eval") if f.get("eval") is not None else (f.text or "")).strip()
            if name == "numbercall" and value not in ("-1",):
                yield Finding(span, f"`numbercall` was removed from ir.cron in Odoo 18.0 and `{value or '(empty)'}` "
                                    f"(a limited number of runs) has no equivalent: crons now run until "
                                    f"deactivated; stop the job in its code")
                continue
            edit = _delete_element(ctx, f)
            yield Finding(span, f"`{name}` was removed from ir.cron in Odoo 18.0: loading this record fails",
                          fix=Fix((edit,), Applicability.SAFE, f"Delete the `{name}` field") if edit else None)


# ---- XML106 act_window / report shortcuts -----------------------------------------------------------

@rule("XML106", "data-shortcut-tags", summary="`<act_window>`/`<report>` shortcuts are ignored since Odoo 17.0",
      kinds=["xml"], severity="error", since="17.0", tags=["migration"],
      what="Finds `<act_window>` and `<report>` elements directly in an Odoo data file (`<odoo>`/`<data>`).",
      why="Odoo 17.0 removed the `act_window` and `report` tag handlers from the XML loader and skips unknown "
          "tags without a word: the action is never created, so menus and buttons that reference it fail with "
          "\"External ID not found\".",
      before='<report id="report_x" model="x.y" string="X" report_type="qweb-pdf" name="my_mod.report_x" '
             'file="my_mod.report_x"/>',
      after='<record id="report_x" model="ir.actions.report">\n  <field name="name">X</field>\n'
            '  <field name="model">x.y</field>\n  <field name="report_type">qweb-pdf</field>\n'
            '  <field name="report_name">my_mod.report_x</field>\n</record>',
      source="odoo/tools/convert.py: 16.0 `_tags` maps 'report' and 'act_window' (`_tag_report`, "
             "`_tag_act_window`, lines 275, 335, 741); 17.0/18.0 `_tags` has only record, delete, function, "
             "menuitem, template and `_tag_root` skips unknown tags (`if f is None: continue`).")
def data_shortcut_tags(ctx):
    root = ctx.tree.root
    roots = [root] + [d for d in root.iter("data") if is_element(d)] if root.tag in ("odoo", "openerp", "data") \
        else []
    for r in roots:
        for el in r:
            if is_element(el) and el.tag in ("act_window", "report"):
                model = "ir.actions.act_window" if el.tag == "act_window" else "ir.actions.report"
                yield Finding(ctx.tree.tag_span(el), f"`<{el.tag}>` is silently ignored since Odoo 17.0: declare "
                                                     f"a `<record model=\"{model}\">` instead")


# ---- XML107 groups_id -> group_ids ------------------------------------------------------------------

# model -> Odoo version that renamed its `groups_id` field to `group_ids` (ir.cron inherits ir.actions.server)
GROUP_IDS_RENAMED = {
    "res.users": V19, "ir.ui.menu": V19, "ir.ui.view": V19, "ir.actions.act_window": V19,
    "ir.actions.server": V19, "ir.cron": V19, "ir.actions.report": V19,
}


@rule("XML107", "groups-id-to-group-ids", summary="`groups_id` renamed `group_ids` on core models (19.0)",
      kinds=["xml"], severity="error", since="19.0", fix="safe", tags=["migration"],
      what="Finds `<field name=\"groups_id\">` in records of the models Odoo 19.0 renamed (res.users, "
           "ir.ui.menu, ir.ui.view, ir.actions.act_window, ir.actions.server and ir.cron through it, "
           "ir.actions.report) and in the top level of form/list views of those models. Other models' own "
           "`groups_id` fields are left alone. The fix renames the field.",
      why="Odoo 19.0 renamed the field; loading a record with `groups_id` raises \"Invalid field\" and a view "
          "naming it fails validation, so the module does not install.",
      before='<record id="menu_x" model="ir.ui.menu">\n'
             '  <field name="groups_id" eval="[(4, ref(\'base.group_user\'))]"/>',
      after='<record id="menu_x" model="ir.ui.menu">\n'
            '  <field name="group_ids" eval="[(4, ref(\'base.group_user\'))]"/>',
      source="18.0 odoo/addons/base/models: res_users.py:381, ir_ui_menu.py:32, ir_ui_view.py:179, "
             "ir_actions.py:323/585, ir_actions_report.py:166 `groups_id`; 19.0: res_users.py:257, "
             "ir_ui_menu.py:29, ir_ui_view.py:175, ir_actions.py:328/660, ir_actions_report.py:182 `group_ids`.")
def groups_id_to_group_ids(ctx):
    for rec in records(ctx.tree):
        model = rec.get("model")
        since = GROUP_IDS_RENAMED.get(model)
        if since and ctx.target and ctx.target >= since:
            for f in fields_of(rec, "groups_id"):
                yield _rename_field(ctx, f, "groups_id", "group_ids", model)
    for rec, arch in view_archs(ctx.tree):
        model = next((((f.text or "").strip()) for f in fields_of(rec, "model")), None)
        since = GROUP_IDS_RENAMED.get(model)
        if not (since and ctx.target and ctx.target >= since):
            continue
        for el in arch.iter("field"):
            if el.get("name") == "groups_id" and not _in_subview(el, arch):
                yield _rename_field(ctx, el, "groups_id", "group_ids", model)


def _in_subview(el, arch) -> bool:
    """True if `el` sits inside an x2many field's embedded sub-view (so it belongs to another model)."""
    for a in el.iterancestors():
        if a is arch:
            return False
        if a.tag == "field":
            return True
    return False


def _rename_field(ctx, f, old, new, model, applicability=Applicability.SAFE):
    bounds = raw_attr(ctx, f, "name")
    fix = Fix((ctx.edit(bounds[0], bounds[1], new),), applicability, f"Rename to `{new}`") if bounds else None
    return Finding(ctx.tree.attr_value_span(f, "name"),
                   f"`{old}` on {model} was renamed `{new}` in Odoo 19.0", fix=fix)


# ---- XML108 res.groups users / category_id ----------------------------------------------------------

@rule("XML108", "res-groups-fields", summary="res.groups `users`/`category_id` replaced in Odoo 19.0",
      kinds=["xml"], severity="error", since="19.0", fix="safe", tags=["migration"],
      what="Finds `<field name=\"users\">` and `<field name=\"category_id\">` in `res.groups` records. `users` "
           "is renamed `user_ids` (safe fix); `category_id` has no direct replacement: groups now belong to a "
           "`res.groups.privilege` (field `privilege_id`) which carries the `category_id`.",
      why="Odoo 19.0 removed both fields from res.groups; loading the record raises \"Invalid field\" and the "
          "module does not install.",
      before='<record id="group_x" model="res.groups">\n  <field name="category_id" ref="base.module_category_x"/>\n'
             '  <field name="users" eval="[(4, ref(\'base.user_admin\'))]"/>',
      after='<record id="privilege_x" model="res.groups.privilege">\n  <field name="category_id" '
            'ref="base.module_category_x"/>\n</record>\n<record id="group_x" model="res.groups">\n'
            '  <field name="privilege_id" ref="privilege_x"/>\n  <field name="user_ids" '
            'eval="[(4, ref(\'base.user_admin\'))]"/>',
      source="odoo/addons/base/models/res_users.py 18.0 res.groups `users` (line 183) and `category_id` (line "
             "190); 19.0 odoo/addons/base/models/res_groups.py `user_ids` (line 17), `privilege_id` (line 36) "
             "and res_groups_privilege.py.")
def res_groups_fields(ctx):
    for rec in records(ctx.tree, "res.groups"):
        for f in fields_of(rec):
            if f.get("name") == "users":
                yield _rename_field(ctx, f, "users", "user_ids", "res.groups")
            elif f.get("name") == "category_id":
                yield Finding(ctx.tree.attr_value_span(f, "name"),
                              "`category_id` was removed from res.groups in Odoo 19.0: create a "
                              "`res.groups.privilege` with this category and set the group's `privilege_id`")


# ---- XML109 toggle_active buttons -------------------------------------------------------------------

@rule("XML109", "toggle-active-button", summary="`toggle_active` is deprecated since Odoo 19.0",
      kinds=["xml"], severity="warning", since="19.0", tags=["migration"],
      what="Finds `<button name=\"toggle_active\" type=\"object\">` in view archs.",
      why="Odoo 19.0 marks `toggle_active` deprecated (\"use action_archive or action_unarchive\"); it logs a "
          "deprecation warning on every click and will be removed.",
      before='<button name="toggle_active" type="object" string="Archive"/>',
      after='<button name="action_archive" type="object" string="Archive" invisible="not active"/>\n'
            '<button name="action_unarchive" type="object" string="Restore" invisible="active"/>',
      source="odoo/orm/models.py 19.0 `toggle_active` decorated `@api.deprecated(\"Deprecated since 19.0, use "
             "action_archive or action_unarchive\")` (line 5787).")
def toggle_active_button(ctx):
    for _rec, el in arch_elements(ctx.tree):
        if el.tag == "button" and el.get("name") == "toggle_active" and el.get("type", "object") == "object":
            yield Finding(ctx.tree.attr_value_span(el, "name"),
                          "`toggle_active` is deprecated since Odoo 19.0: use `action_archive` / "
                          "`action_unarchive` buttons")


# ---- XML110 removed asset bundles -------------------------------------------------------------------

# bundle -> first Odoo version whose `web` manifest no longer defines it
REMOVED_BUNDLES = {
    "web.assets_common": OdooVersion(17, 0), "web.assets_backend_prod_only": OdooVersion(17, 0),
    "web.frontend_legacy": OdooVersion(17, 0), "web.tests_assets_common": OdooVersion(17, 0),
    "web.frontend_legacy_tests": OdooVersion(17, 0), "web.pdf_js_lib": OdooVersion(18, 0),
    "web.qunit_mobile_suite_tests": OdooVersion(19, 0),
}


@rule("XML110", "removed-asset-bundle", summary="Reference to an asset bundle that Odoo removed",
      kinds=["xml"], severity="error", since="17.0", tags=["migration"],
      what="Finds `t-call-assets=\"...\"` and `<template inherit_id=\"...\">` naming a `web` asset bundle that "
           "no longer exists in the target version (e.g. `web.assets_common`, gone in 17.0).",
      why="A missing bundle renders nothing (or fails the template inheritance), so the page loads without "
          "the scripts and styles it expects.",
      before='<t t-call-assets="web.assets_common"/>', after='<t t-call-assets="web.assets_backend"/>',
      source="addons/web/__manifest__.py `assets` keys: 16.0 has web.assets_common, web.assets_backend_prod_only, "
             "web.frontend_legacy, web.tests_assets_common, web.frontend_legacy_tests; 17.0 has none of them; "
             "web.pdf_js_lib is in 17.0, not 18.0; web.qunit_mobile_suite_tests is in 18.0, not 19.0.")
def removed_asset_bundle(ctx):
    if ctx.target is None:
        return
    for el in tree_elements(ctx.tree):
        for attr in ("t-call-assets", "inherit_id"):
            if attr == "inherit_id" and el.tag != "template":
                continue
            name = (el.get(attr) or "").strip()
            gone = REMOVED_BUNDLES.get(name)
            if gone and ctx.target >= gone:
                yield Finding(ctx.tree.attr_value_span(el, attr),
                              f"Asset bundle `{name}` no longer exists since Odoo {gone}")


# ---- XML113 kanban legacy helpers -------------------------------------------------------------------

# name -> what replaces it; all absent from the 19.0 kanban rendering context
KANBAN_LEGACY = {
    "kanban_image": "`<field name=\"...\" widget=\"image\"/>`",
    "kanban_color": "the `highlight_color` attribute of `<kanban>`",
    "kanban_getcolor": "the `highlight_color` attribute of `<kanban>`",
    "read_only_mode": "`record` / `context` (no read-only flag is exposed)",
    "user_context": "`context`",
}
_KANBAN_LEGACY_RE = re.compile(r"\b(" + "|".join(KANBAN_LEGACY) + r")\b")


@rule("XML113", "kanban-legacy-helpers", summary="Kanban QWeb helpers removed from the 19.0 rendering context",
      kinds=["xml"], severity="error", since="19.0", tags=["migration"],
      what="Finds `kanban_image(...)`, `kanban_color(...)`, `kanban_getcolor(...)`, `read_only_mode`, "
           "`user_context` in `t-*` attributes of kanban templates, and `.oe_kanban_colorpicker` elements.",
      why="Odoo 18.0 only provided these to legacy (`kanban-box`) archs; 19.0's kanban record rendering context "
          "has none of them, so the template raises when it renders and the kanban view breaks.",
      before='<img t-att-src="kanban_image(\'res.partner\', \'avatar_128\', record.id.raw_value)"/>',
      after='<field name="avatar_128" widget="image"/>',
      source="addons/web/static/src/views/kanban/kanban_record.js 18.0 `renderingContext` (read_only_mode line "
             "393; kanban_image and user_context for isLegacyArch, lines 399-404) and kanban_color_picker_legacy.js "
             "(kanban_color, kanban_getcolor, .oe_kanban_colorpicker); 19.0 `renderingContext` (lines 395-405) "
             "has only context, JSON, luxon, record, selection_mode, widget.")
def kanban_legacy_helpers(ctx):
    for _rec, el in arch_elements(ctx.tree):
        if not any(a.tag == "kanban" for a in el.iterancestors()):
            continue
        if "oe_kanban_colorpicker" in (el.get("class") or "").split():
            yield Finding(ctx.tree.attr_value_span(el, "class"), "`.oe_kanban_colorpicker` is gone in Odoo 19.0: "
                                                                 "use the `highlight_color` attribute of `<kanban>`")
        for name in el.attrib:
            if not name.startswith("t-"):
                continue
            for s, e in regex_in(ctx, raw_attr(ctx, el, name), _KANBAN_LEGACY_RE):
                helper = ctx.source[s:e]
                yield Finding(ctx.span(s, e), f"`{helper}` is not available in kanban templates since Odoo 19.0: "
                                              f"use {KANBAN_LEGACY[helper]}")


# ---- XML114 deprecated domain operators -------------------------------------------------------------

_OPERATORS = ("not in", "in", "not like", "like", "not ilike", "ilike", "=like", "=ilike", "child_of",
              "parent_of", "any", "not any")
_LEGACY_OP = re.compile(r"""(?P<q>['"])(?P<op><>|&lt;&gt;|&lt;>|==|(?i:""" +
                        "|".join(re.escape(o) for o in _OPERATORS) + r"""))(?P=q)""")
_DOMAIN_ATTRS = ("domain", "filter_domain")
_DOMAIN_FIELDS = ("domain", "domain_force", "filter_domain")


@rule("XML114", "domain-deprecated-operator", summary="Domain operator `<>`, `==` or in upper case (19.0)",
      kinds=["xml"], severity="warning", since="19.0", fix="safe", tags=["migration"],
      what="Finds `'<>'` (also written `&lt;&gt;`), `'=='` and upper-case operators such as `'ILIKE'` or "
           "`'NOT IN'` in `domain`/`filter_domain` attributes of views and in `domain`, `domain_force` and "
           "`filter_domain` fields of records. The fix writes `!=`, `=` or the lower-case operator.",
      why="Odoo 19.0's Domain class still rewrites them but emits a DeprecationWarning on every evaluation "
          "(\"Operator '<>' is deprecated since 19.0, use '!=' directly\"; \"should have a lower-case "
          "operator\"): they are on their way out.",
      before="<filter name=\"f\" domain=\"[('state', '&lt;&gt;', 'done'), ('name', 'ILIKE', 'x')]\"/>",
      after="<filter name=\"f\" domain=\"[('state', '!=', 'done'), ('name', 'ilike', 'x')]\"/>",
      source="odoo/orm/domains.py 19.0: `_operator_different` and `_operator_equals` warn (lines 1258-1271); "
             "DomainCondition checks warn for upper-case operators (line 819).")
def domain_deprecated_operator(ctx):
    spots = []
    for _rec, el in arch_elements(ctx.tree):
        for attr in _DOMAIN_ATTRS:
            if el.get(attr):
                spots.append(raw_attr(ctx, el, attr))
    for rec in records(ctx.tree):
        for f in fields_of(rec):
            if f.get("name") in _DOMAIN_FIELDS:
                if f.get("eval"):
                    spots.append(raw_attr(ctx, f, "eval"))
                elif len(f) == 0:
                    spots.append(raw_text(ctx, f))
    for bounds in spots:
        for m in _LEGACY_OP.finditer(ctx.source[bounds[0]:bounds[1]] if bounds else ""):
            op = m.group("op")
            new = "!=" if op in ("<>", "&lt;&gt;", "&lt;>") else "=" if op == "==" else op.lower()
            if new == op:
                continue
            s, e = bounds[0] + m.start("op"), bounds[0] + m.end("op")
            shown = "<>" if new == "!=" else op
            yield Finding(ctx.span(s, e), f"Domain operator `{shown}` is deprecated since Odoo 19.0: use `{new}`",
                          fix=Fix((ctx.edit(s, e, new),), Applicability.SAFE, f"Use `{new}`"))


# ---- XML116 duplicate field in a record ---------------------------------------------------------------

@rule("XML116", "record-duplicate-field", summary="A `<record>` sets the same field twice",
      kinds=["xml"], severity="warning", fix="safe", tags=["correctness"], aliases=["xml-duplicate-fields"],
      what="Finds a `<field name=\"x\">` that repeats an earlier `<field name=\"x\">` of the same `<record>`. The "
           "fix deletes the earlier one (the one Odoo ignores) when it stands alone on its lines.",
      why="The XML loader collects a record's fields into a dict: the last value silently wins and the first is "
          "never written, which usually hides a copy-paste mistake.",
      before='<record id="x" model="res.partner">\n  <field name="name">A</field>\n  <field name="name">B</field>\n'
             '</record>',
      after='<record id="x" model="res.partner">\n  <field name="name">B</field>\n</record>',
      source="odoo/tools/convert.py `_tag_record`: `res[f_name] = f_val` for each `<field>` child (16.0-19.0; "
             "18.0 line 370-425); OCA oca-pre-commit-hooks check `xml-duplicate-fields`.")
def record_duplicate_field(ctx):
    for rec in records(ctx.tree):
        seen = {}
        for f in fields_of(rec):
            name = f.get("name")
            if not name:
                continue
            if name in seen:
                first = seen[name]
                line = ctx.tree.attr_value_span(first, "name").start.line
                p = ctx.tree.pos(first)
                fix = None
                if p is not None and p.end is not None and whole_line_bounds(ctx, p.start, p.end):
                    fix = Fix((_delete_element(ctx, first),), Applicability.SAFE,
                              f"Delete the ignored `{name}` on line {line}")
                yield Finding(ctx.tree.attr_value_span(f, "name"),
                              f"Field `{name}` is already set on line {line} of this record: only this last value "
                              f"is loaded", fix=fix)
            seen[name] = f


# ---- XML117 user.groups_id in record-rule domains ----------------------------------------------------

_USER_GROUPS_ID = re.compile(r"\buser\.groups_id\b")


@rule("XML117", "rule-domain-user-groups-id", summary="Record rule domain reads `user.groups_id` (renamed in 19.0)",
      kinds=["xml"], severity="error", since="19.0", fix="safe", tags=["migration", "security"],
      what="Finds `user.groups_id` in the `domain_force` of `ir.rule` records. The `user` of a record rule's "
           "evaluation context is a res.users record, whose `groups_id` field Odoo 19.0 renamed `group_ids`; "
           "the fix renames the attribute in place.",
      why="Record rules are evaluated on every access to the model: with the old name the evaluation raises and "
          "every user of the model gets an error (or, for rules that only restrict, loses access) until the "
          "domain is fixed.",
      before="<field name=\"domain_force\">[('group_id', 'in', user.groups_id.ids)]</field>",
      after="<field name=\"domain_force\">[('group_id', 'in', user.group_ids.ids)]</field>",
      source="odoo/addons/base/models/ir_rule.py `_eval_context` ('user': self.env.user, 16.0-19.0); "
             "res_users.py `groups_id` (18.0 line 381) renamed `group_ids` (19.0 line 257).")
def rule_domain_user_groups_id(ctx):
    for rec in records(ctx.tree, "ir.rule"):
        for f in fields_of(rec, "domain_force"):
            p = ctx.tree.pos(f)
            if p is None:
                continue
            if p.end_tag_start is not None:
                start, end = p.start_tag_end, p.end_tag_start
            elif "eval" in p.attrs:
                start, end = p.attrs["eval"].value_start, p.attrs["eval"].value_end
            else:
                continue
            for m in _USER_GROUPS_ID.finditer(ctx.source, start, end):
                s, e = m.start() + len("user."), m.end()
                yield Finding(ctx.span(s, e), "`user.groups_id` in a record rule: res.users.groups_id was renamed "
                                              "`group_ids` in Odoo 19.0, so evaluating this rule fails on every "
                                              "access; use `user.group_ids`",
                              fix=Fix((ctx.edit(s, e, "group_ids"),), Applicability.SAFE, "Use `user.group_ids`"))
