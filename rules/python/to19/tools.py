"""18.0 -> 19.0: deprecated tool imports and helpers (`xlsxwriter` from misc, `get_module_resource`,
`ormcache_context`; PY101, PY116, PY119)."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from ..common import V19, dotted, removed_or_deprecated, rewrite_import_from


@rule("PY119", "ormcache-context", summary="`@ormcache_context` is deprecated (Odoo 19.0)", kinds=["python"],
      words=("ormcache_context",),
      severity="warning", since="19.0", tags=["migration"], nodes=(ast.FunctionDef,),
      what="Finds methods decorated with `ormcache_context(...)`. Human fix: use `@ormcache(...)` and put the "
           "context values in the key explicitly, e.g. `@ormcache('self.env.uid', \"self.env.context.get('lang')\")`.",
      why="19.0's ormcache_context warns 'Since 19.0, use ormcache directly, context values are available as "
          "`self.env.context.get`'.",
      before="@tools.ormcache_context('self.env.uid', keys=('lang',))",
      after="@tools.ormcache('self.env.uid', \"self.env.context.get('lang')\")",
      source="odoo/tools/cache.py 19.0 lines 163-171 (DeprecationWarning).")
def ormcache_context(node, ctx):     # sees every def: one without decorators has nothing to report
    return _ormcache_context(node, ctx) if node.decorator_list else None


def _ormcache_context(node, ctx):
    if ctx.addon is None:
        return
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if (dotted(target) or "").rsplit(".", 1)[-1] == "ormcache_context":
            keys = ""
            if isinstance(dec, ast.Call):
                kw = [k for k in dec.keywords if k.arg == "keys"]
                if kw and isinstance(kw[0].value, (ast.Tuple, ast.List)):
                    keys = ", ".join(f"\"self.env.context.get({e.value!r})\"" for e in kw[0].value.elts
                                     if isinstance(e, ast.Constant))
            hint = f" with {keys} in the key" if keys else " with the context values in the key"
            yield Finding(ctx.node_span(dec), f"`ormcache_context` is deprecated since Odoo 19.0: use `ormcache`{hint}")


@rule("PY101", "xlsxwriter-from-misc", words=("xlsxwriter",), summary="`xlsxwriter` is no longer importable from `odoo.tools.misc` (Odoo 19.0)",
      kinds=["python"], severity="error", since="19.0", fix="safe", tags=["migration"],
      nodes=(ast.ImportFrom, ast.Attribute),
      what="Finds `from odoo.tools.misc import xlsxwriter` (with or without `as`) and `misc.xlsxwriter` "
           "attribute reads. The fix removes the name from the `odoo.tools.misc` import (the statement goes "
           "away if nothing else is imported from it) and adds `import xlsxwriter` (keeping the alias).",
      why="Up to 18.0, odoo/tools/misc.py imported xlsxwriter and patched its Workbook, so addons imported it "
          "from there. 19.0 moved the patch to odoo/_monkeypatches/xlsxwriter.py (applied at startup, so a "
          "plain `import xlsxwriter` gets the patched Workbook) and misc.py no longer has the name: the addon "
          "fails to import with ImportError and the whole module does not load.",
      before="from odoo.tools.misc import xlsxwriter, format_date",
      after="from odoo.tools.misc import format_date\nimport xlsxwriter",
      source="odoo/tools/misc.py 16.0 (line 356), 17.0 (397), 18.0 (439): `import xlsxwriter` + "
             "PatchedXlsxWorkbook; 19.0 odoo/tools/misc.py has no `xlsxwriter`, the patch lives in "
             "odoo/_monkeypatches/xlsxwriter.py (19.0).")
def xlsxwriter_from_misc(node, ctx):
    if ctx.addon is None:
        return
    if isinstance(node, ast.ImportFrom):
        if node.module != "odoo.tools.misc" or node.level != 0:
            return
        for alias in node.names:
            if alias.name != "xlsxwriter":
                continue
            add = f"import xlsxwriter as {alias.asname}" if alias.asname and alias.asname != "xlsxwriter" \
                else "import xlsxwriter"
            fix = Fix(tuple(rewrite_import_from(ctx, node, {"xlsxwriter"}, [add])), Applicability.SAFE,
                      f"Replace with `{add}`")
            yield Finding(ctx.node_span(node), "`xlsxwriter` is no longer re-exported by `odoo.tools.misc` "
                          f"in Odoo 19.0: use `{add}`", fix=fix)
    elif node.attr == "xlsxwriter":
        name = dotted(node.value)
        if name in ("misc", "tools.misc", "odoo.tools.misc"):
            yield Finding(ctx.node_span(node), f"`{name}.xlsxwriter` does not exist in Odoo 19.0: "
                          "`import xlsxwriter` and use it directly")


@rule("PY116", "get-module-resource", words=("get_module_resource", "get_resource_path"), summary="`get_module_resource`/`get_resource_path` are deprecated (17.0) and "
      "removed (19.0)", kinds=["python"], severity="warning", since="17.0", tags=["migration"],
      nodes=(ast.Call,),
      names={ast.Call: ("get_module_resource", "get_resource_path")},
      what="Finds `get_module_resource(...)` and `get_resource_path(...)` calls and says what to write: "
           "`file_path('<module>/<path>')` from `odoo.tools.misc` (it raises FileNotFoundError where the old "
           "functions returned False, so the call site may need a try/except).",
      why="17.0 and 18.0 warn 'Since 17.0: use tools.misc.file_path'; 19.0 removed both (ImportError).",
      before="path = get_module_resource('my_mod', 'static', 'logo.png')",
      after="path = file_path('my_mod/static/logo.png')",
      source="odoo/modules/module.py 17.0 line 211 / 18.0 lines 170-190 (warning; `get_module_resource = "
             "get_resource_path`); absent from 19.0 odoo/modules/module.py and odoo/modules/__init__.py.")
def get_module_resource(node, ctx):
    if ctx.addon is None:
        return
    name = dotted(node.func) or ""
    short = name.rsplit(".", 1)[-1]
    if short not in ("get_module_resource", "get_resource_path"):
        return
    if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args) and node.args:
        hint = "`file_path(" + repr("/".join(a.value for a in node.args)) + ")`"
    else:
        hint = "`file_path('<module>/<path>')`"
    yield Finding(ctx.node_span(node.func), f"`{short}()` is deprecated since 17.0 and removed in Odoo 19.0: use "
                  f"{hint} from `odoo.tools.misc` (it raises FileNotFoundError instead of returning False)",
                  severity=removed_or_deprecated(ctx, V19))
