"""Import-level breaks of Odoo 19.0."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import dotted, rewrite_import_from


@rule("PY101", "xlsxwriter-from-misc", summary="`xlsxwriter` is no longer importable from `odoo.tools.misc` (Odoo 19.0)",
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
