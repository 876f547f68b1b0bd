"""More 16/17 -> 18.0 Python breaks."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from . import tables
from .common import offsets, rewrite_import_from
from .models import is_model_class

_WEB_MAIN = "odoo.addons.web.controllers.main"


@rule("PY206", "web-controllers-main", summary="`odoo.addons.web.controllers.main` is empty from Odoo 18.0",
      kinds=["python"], severity="error", since="18.0", fix="safe", tags=["migration"], nodes=(ast.ImportFrom,),
      what="Finds `from odoo.addons.web.controllers.main import X, ...` and imports each name from the sibling "
           "module that holds it (17.0's `_MOVED_TO_MAP`: Home -> home, ensure_db -> utils, Binary -> binary, "
           "...; `content_disposition` -> odoo.http). The fix is offered when every imported name is known.",
      why="17.0's main.py re-exported the names lazily with a DeprecationWarning; 18.0's main.py is empty, so the "
          "import fails and the addon does not load.",
      before="from odoo.addons.web.controllers.main import Home, ensure_db",
      after="from odoo.addons.web.controllers.home import Home\nfrom odoo.addons.web.controllers.utils import ensure_db",
      source="addons/web/controllers/main.py 17.0 (`_MOVED_TO_MAP`, module __getattr__ that warns); 18.0 "
             "odoo/addons/web/controllers/main.py only warns 'deprecated since 18.0 and is completely empty'.")
def web_controllers_main(node, ctx):
    if ctx.addon is None or node.level != 0 or node.module != _WEB_MAIN:
        return
    adds, ok = [], True
    for a in node.names:
        if a.name == "content_disposition":
            mod = "odoo.http"
        elif a.name in tables.WEB_MAIN_MOVED:
            mod = f"odoo.addons.web.controllers.{tables.WEB_MAIN_MOVED[a.name]}"
        else:
            ok = False
            break
        adds.append(f"from {mod} import {a.name}" + (f" as {a.asname}" if a.asname else ""))
    fix = Fix(tuple(rewrite_import_from(ctx, node, {a.name for a in node.names}, adds)), Applicability.SAFE,
              "Import from the sibling modules") if ok else None
    yield Finding(ctx.node_span(node), "`odoo.addons.web.controllers.main` is empty since Odoo 18.0: import "
                  + ", ".join(f"`{a.name}` from `{tables.WEB_MAIN_MOVED.get(a.name, '?')}`"
                              if a.name != "content_disposition" else "`content_disposition` from `odoo.http`"
                              for a in node.names), fix=fix)


@rule("PY205", "name-search-override", summary="`_name_search` overrides are ignored from Odoo 18.0",
      kinds=["python"], severity="error", since="18.0", tags=["migration"], nodes=(ast.ClassDef,),
      what="Finds `def _name_search(...)` in model classes. Human fix: declare `_rec_names_search = ['name', "
           "'ref']` for plain multi-field search, or override\n    @api.model\n    def _search_display_name(self, "
           "operator, value):\n        return [...]  # a domain\n",
      why="18.0 replaced `_name_search` with `_search_display_name(operator, value)`: the override is never "
          "called, so the custom search in many2one dropdowns silently stops working.",
      before="@api.model\ndef _name_search(self, name, domain=None, operator='ilike', limit=None, order=None):",
      after="@api.model\ndef _search_display_name(self, operator, value):\n    return ['|', ('name', operator, value), "
            "('ref', operator, value)]",
      source="odoo/models.py 17.0 line 1751 `_name_search`; 18.0 line 1772 `_search_display_name`, no "
             "`_name_search`; 19.0 odoo/orm/models.py 1442.")
def name_search_override(node, ctx):
    if ctx.addon is None or not is_model_class(node):
        return
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "_name_search":
            col = ctx.source.find("def", ctx.index.line_start(stmt.lineno))
            yield Finding(ctx.span(col, col + len("def _name_search")), "`_name_search` is never called since Odoo "
                          "18.0: override `_search_display_name(self, operator, value)` (returning a domain) or set "
                          "`_rec_names_search`")


@rule("PY306", "message-post-with-view", summary="`message_post_with_view/_template` were removed (Odoo 17.0)",
      kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      what="Finds `.message_post_with_view(` and `.message_post_with_template(` calls. Human fix: "
           "`record.message_post_with_source(source_ref, render_values={...}, subtype_xmlid='mail.mt_note')`, "
           "where `source_ref` is the view/template xmlid or record.",
      why="17.0's mail.thread has only `message_post_with_source`: AttributeError.",
      before="self.message_post_with_view('my_mod.msg_tpl', values={'x': 1})",
      after="self.message_post_with_source('my_mod.msg_tpl', render_values={'x': 1}, subtype_xmlid='mail.mt_note')",
      source="addons/mail/models/mail_thread.py 16.0 (message_post_with_view / _template); 17.0 line 2511 "
             "`message_post_with_source` only.")
def message_post_with_view(node, ctx):
    f = node.func
    if ctx.addon is None or not isinstance(f, ast.Attribute) or \
            f.attr not in ("message_post_with_view", "message_post_with_template"):
        return
    s, e = offsets(ctx, f)
    yield Finding(ctx.span(e - len(f.attr), e), f"`{f.attr}()` was removed in Odoo 17.0: use "
                  "`message_post_with_source(source_ref, render_values=..., subtype_xmlid=...)`")


@rule("PY117", "toggle-active", summary="`toggle_active()` is deprecated (Odoo 19.0)",
      kinds=["python"], severity="warning", since="19.0", tags=["migration"], nodes=(ast.Call,),
      what="Finds `.toggle_active()` calls (not `super()` calls in overrides). Human fix: call "
           "`action_archive()` or `action_unarchive()` — whichever the code means; `toggle_active` flipped each "
           "record, so a mixed recordset needs both.",
      why="19.0 decorates it with `@api.deprecated(\"Deprecated since 19.0, use action_archive or action_unarchive\")`.",
      before="records.toggle_active()", after="records.action_archive()",
      source="odoo/orm/models.py 19.0 lines 5786-5788.")
def toggle_active(node, ctx):
    f = node.func
    if ctx.addon is None or not isinstance(f, ast.Attribute) or f.attr != "toggle_active":
        return
    v = f.value
    if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "super":
        return
    s, e = offsets(ctx, f)
    yield Finding(ctx.span(e - len(f.attr), e), "`toggle_active()` is deprecated since Odoo 19.0: call "
                  "`action_archive()` or `action_unarchive()`")
