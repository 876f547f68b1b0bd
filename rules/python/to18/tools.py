"""17.0 -> 18.0: deprecated `odoo.tools` helpers (`ustr`, `pycompat`; PY210, PY211)."""
from __future__ import annotations

import ast

from odoolint.model import Finding
from odoolint.registry import rule

from ..common import dotted


@rule("PY210", "ustr", words=("ustr",), summary="`ustr()` is deprecated (Odoo 18.0)", kinds=["python"], severity="warning",
      since="18.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: ("ustr",)},
      what="Finds `ustr(...)` / `tools.ustr(...)` calls. Human fix: `str(value)` for text, "
           "`value.decode('utf-8')` for bytes — ustr guessed encodings, so pick what the value really is.",
      why="18.0's ustr warns 'Deprecated since Odoo 18: ustr() is a garbage bag of weirdo fallbacks'.",
      before="msg = ustr(exc)", after="msg = str(exc)",
      source="odoo/loglevels.py 18.0 lines 47-66 (DeprecationWarning); 19.0 odoo/loglevels.py 47.")
def ustr(node, ctx):
    if ctx.addon is None:
        return
    name = dotted(node.func)
    if name in ("ustr", "tools.ustr", "odoo.tools.ustr", "misc.ustr", "loglevels.ustr"):
        yield Finding(ctx.node_span(node.func), "`ustr()` is deprecated since Odoo 18.0: use `str(value)` (or "
                      "`bytes.decode('utf-8')` for bytes)")


_PYCOMPAT = {"csv_reader": "`csv.reader(io.TextIOWrapper(stream, 'utf-8'))` (or `codecs.getreader('utf-8')(stream)`)",
             "csv_writer": "`csv.writer(io.TextIOWrapper(stream, 'utf-8'))` (or `codecs.getwriter('utf-8')(stream)`)",
             "to_text": "`'' if value in (None, False) else value.decode() if isinstance(value, bytes) else str(value)`"}


@rule("PY211", "pycompat", words=("pycompat",), summary="`odoo.tools.pycompat` helpers are deprecated (Odoo 18.0)", kinds=["python"],
      severity="warning", since="18.0", tags=["migration"], nodes=(ast.Call,),
      names={ast.Call: _PYCOMPAT},
      what="Finds `pycompat.csv_reader(`, `pycompat.csv_writer(` and `pycompat.to_text(` calls and says what to "
           "write (the helpers took a bytes stream; the standard csv module wants text).",
      why="18.0 warns 'Deprecated since Odoo 18.0: can just use `csv.reader` with a text stream ...'.",
      before="reader = pycompat.csv_reader(io.BytesIO(data))",
      after="reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), 'utf-8'))",
      source="odoo/tools/pycompat.py 18.0 lines 13-35 (DeprecationWarning in each helper).")
def pycompat(node, ctx):
    if ctx.addon is None:
        return
    name = dotted(node.func) or ""
    parts = name.rsplit(".", 2)
    if len(parts) >= 2 and parts[-2] == "pycompat" and parts[-1] in _PYCOMPAT:
        yield Finding(ctx.node_span(node.func), f"`pycompat.{parts[-1]}()` is deprecated since Odoo 18.0: use "
                      f"{_PYCOMPAT[parts[-1]]}")
