"""17.0 -> 18.0: `odoo.addons.web.controllers.main` is empty (PY206)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import rewrite_import_from
from ..renames import tables


_WEB_MAIN = "odoo.addons.web.controllers.main"


@rule("PY206", "web-controllers-main", words=("controllers",), summary="`odoo.addons.web.controllers.main` is empty from Odoo 18.0",
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
