"""17.0 -> 18.0 access-check API and small deprecations (ustr), 19.0 ormcache_context."""
from __future__ import annotations

import ast

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .common import dotted, offsets, text_of

_RENAMES = {"check_access_rule": "check_access", "_filter_access_rules": "_filtered_access",
            "_filter_access_rules_python": "_filtered_access"}


@rule("PY209", "check-access-rights", summary="`check_access_rights/_rule`, `_filter_access_rules` are deprecated "
      "(Odoo 18.0)", kinds=["python"], severity="warning", since="18.0", fix="safe", tags=["migration"],
      nodes=(ast.Call,),
      what="Rewrites the deprecated access checks to what 18.0's own wrappers call: "
           "`X.check_access_rights(op)` -> `X.browse().check_access(op)`, with `raise_exception=False` -> "
           "`X.browse().has_access(op)`; `X.check_access_rule(op)` -> `X.check_access(op)`; "
           "`X._filter_access_rules(op)` / `_filter_access_rules_python(op)` -> `X._filtered_access(op)`. "
           "Calls whose `raise_exception` is not a literal are reported without a fix. `super()` calls in "
           "overrides are left alone.",
      why="18.0 keeps them as wrappers that warn 'deprecated since 18.0; use check_access() instead'.",
      before="self.env['sale.order'].check_access_rights('write')\nrecords.check_access_rule('read')",
      after="self.env['sale.order'].browse().check_access('write')\nrecords.check_access('read')",
      source="odoo/models.py 18.0 lines 4431-4475 (the wrappers and what they call); 19.0 odoo/orm/models.py "
             "4100-4190.")
def check_access_rights(node, ctx):
    f = node.func
    if ctx.addon is None or not isinstance(f, ast.Attribute):
        return
    if f.attr not in _RENAMES and f.attr != "check_access_rights":
        return
    recv = f.value
    if isinstance(recv, ast.Call) and isinstance(recv.func, ast.Name) and recv.func.id == "super":
        return
    s, e = offsets(ctx, f)
    name_start = e - len(f.attr)
    fix = None
    if f.attr in _RENAMES:
        new = _RENAMES[f.attr]
        fix = Fix((ctx.edit(name_start, e, new),), Applicability.SAFE, f"Use `{new}()`")
    else:
        new = "browse().check_access"
        raise_kw = [k for k in node.keywords if k.arg == "raise_exception"]
        positional = node.args[1:] if len(node.args) > 1 else []
        flag = raise_kw[0].value if raise_kw else positional[0] if positional else None
        if flag is None or (isinstance(flag, ast.Constant) and flag.value is True):
            ok = True
        elif isinstance(flag, ast.Constant) and flag.value is False:
            new, ok = "browse().has_access", True
        else:
            ok = False
        if ok and len(node.args) >= 1 and not any(k.arg not in ("raise_exception",) for k in node.keywords):
            op = text_of(ctx, node.args[0])
            cs, ce = offsets(ctx, node)
            fix = Fix((ctx.edit(name_start, ce, f"{new}({op})"),), Applicability.SAFE, f"Use `{new}()`")
    yield Finding(ctx.span(name_start, e), f"`{f.attr}()` is deprecated since Odoo 18.0: use "
                  f"`{new if f.attr == 'check_access_rights' else _RENAMES[f.attr]}()`", fix=fix)


@rule("PY210", "ustr", summary="`ustr()` is deprecated (Odoo 18.0)", kinds=["python"], severity="warning",
      since="18.0", tags=["migration"], nodes=(ast.Call,),
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


@rule("PY119", "ormcache-context", summary="`@ormcache_context` is deprecated (Odoo 19.0)", kinds=["python"],
      severity="warning", since="19.0", tags=["migration"], nodes=(ast.FunctionDef,),
      what="Finds methods decorated with `ormcache_context(...)`. Human fix: use `@ormcache(...)` and put the "
           "context values in the key explicitly, e.g. `@ormcache('self.env.uid', \"self.env.context.get('lang')\")`.",
      why="19.0's ormcache_context warns 'Since 19.0, use ormcache directly, context values are available as "
          "`self.env.context.get`'.",
      before="@tools.ormcache_context('self.env.uid', keys=('lang',))",
      after="@tools.ormcache('self.env.uid', \"self.env.context.get('lang')\")",
      source="odoo/tools/cache.py 19.0 lines 163-171 (DeprecationWarning).")
def ormcache_context(node, ctx):
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


_PYCOMPAT = {"csv_reader": "`csv.reader(io.TextIOWrapper(stream, 'utf-8'))` (or `codecs.getreader('utf-8')(stream)`)",
             "csv_writer": "`csv.writer(io.TextIOWrapper(stream, 'utf-8'))` (or `codecs.getwriter('utf-8')(stream)`)",
             "to_text": "`'' if value in (None, False) else value.decode() if isinstance(value, bytes) else str(value)`"}


@rule("PY211", "pycompat", summary="`odoo.tools.pycompat` helpers are deprecated (Odoo 18.0)", kinds=["python"],
      severity="warning", since="18.0", tags=["migration"], nodes=(ast.Call,),
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
