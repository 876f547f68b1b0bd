"""JS151: the `@odoo-module` annotation is redundant in static/src and static/tests from Odoo 18.0."""
from __future__ import annotations

import os
import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import addon_tree

# the annotation as 18.0's ODOO_MODULE_RE reads it (a first comment on one line holding `@odoo-module`), with
# what follows the keyword: `ignore`, `alias=...` and `default=...` still mean something and are kept
_ANNOTATION = re.compile(r"\A(?P<lead>\s*)(?P<comment>/\*[^\n]*?@odoo-module(?P<rest>[^\n]*?)\*/"
                         r"|//[^\n]*?@odoo-module(?P<rest2>[^\n]*))(?P<tail>[ \t]*)(?P<nl>\r?\n|\Z)")
_FOLDERS = ("static/src/", "static/tests/")


def _in_module_folder(ctx) -> bool:
    if not ctx.addon_path:
        return False
    rel = os.path.relpath(ctx.path, ctx.addon_path).replace(os.sep, "/")
    return rel.startswith(_FOLDERS)


@rule("JS151", "odoo-module-annotation-redundant", summary="`/** @odoo-module **/` is redundant in static/src "
      "and static/tests (Odoo 18.0)", kinds=["js"], severity="info", since="18.0", fix="safe",
      tags=["migration", "style"], default_enabled=False,
      what="Opt-in. Finds a plain `/** @odoo-module **/` annotation (also `/* @odoo-module */` and `// ...`) as "
           "the first comment of a JavaScript file under an addon's `static/src/` or `static/tests/`. The fix "
           "deletes the comment's line and one blank line after it, as OCA's 18.0 migrations do (86 of the 88 "
           "annotated 17.0 files still present in 18.0 lost it there). `@odoo-module ignore`, `alias=` and "
           "`default=` are left alone: they still change how the file is transpiled.",
      why="From 18.0 the transpiler treats every file under `/<addon>/static/src` and `/<addon>/static/tests` "
          "as an ES module whether or not it carries the annotation, so the bare comment is noise; in 17.0 it "
          "was what made the file a module. Nothing breaks when it stays, hence opt-in.",
      before='/** @odoo-module **/\n\nimport { registry } from "@web/core/registry";',
      after='import { registry } from "@web/core/registry";',
      source="odoo/tools/js_transpiler.py: 17.0 `is_odoo_module(content)` returns `bool(ODOO_MODULE_RE.match("
             "content))` (line 673); 18.0 `is_odoo_module(url, content)` returns True for urls under "
             "`/{addon}/static/src` and `/{addon}/static/tests` unless the annotation says `ignore` "
             "(lines 675-690), and ODOO_MODULE_RE's `ignore`/`alias`/`default` groups (lines 664-672).")
def odoo_module_annotation_redundant(ctx):
    tree = addon_tree(ctx)
    if tree is None or "@odoo-module" not in ctx.source[:300] or not _in_module_folder(ctx):
        return
    m = _ANNOTATION.match(ctx.source)
    if m is None:
        return
    rest = m.group("rest") if m.group("rest") is not None else m.group("rest2")
    if rest.strip(" */\t"):
        return          # ignore / alias= / default= / other words: meaningful or not ours to judge
    start, end = m.start("comment"), m.end("nl")
    line_start = ctx.source.rfind("\n", 0, start) + 1
    if ctx.source[line_start:start].strip():
        return
    blank = re.compile(r"[ \t]*(\r?\n)").match(ctx.source, end)
    stop = blank.end() if blank else end
    yield Finding(ctx.span(start, m.end("comment")), "`@odoo-module` is redundant since Odoo 18.0: every file "
                  "under static/src and static/tests is an ES module", fix=Fix((ctx.edit(line_start, stop, ""),),
                                                                               Applicability.SAFE,
                                                                               "Delete the annotation"))
