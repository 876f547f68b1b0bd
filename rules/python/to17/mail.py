"""16.0 -> 17.0: mail thread helpers removed (`message_post_with_view`; PY306)."""
from __future__ import annotations

import ast

from odoolint.model import Finding
from odoolint.registry import rule

from ..common import offsets


@rule("PY306", "message-post-with-view", words=("message_post_with_view", "message_post_with_template"), summary="`message_post_with_view/_template` were removed (Odoo 17.0)",
      kinds=["python"], severity="error", since="17.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("message_post_with_view", "message_post_with_template")},
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
