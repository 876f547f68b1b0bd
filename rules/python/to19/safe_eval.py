"""18.0 -> 19.0: `safe_eval(expr, globals_dict, locals_dict, mode, nocopy, locals_builtins, filename)` became
`safe_eval(expr, /, context=None, *, mode="eval", filename=None)` (PY124)."""
from __future__ import annotations

import ast

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from .. import layout
from ..common import dotted, keyword_name_span, module_imports, offsets, text_of

_GONE = ("globals_dict", "locals_dict", "nocopy", "locals_builtins")
_MODULES = ("odoo.tools.safe_eval", "odoo.tools")


def _is_safe_eval(call: ast.Call, tree) -> bool:
    """`safe_eval(...)` imported from odoo.tools(.safe_eval), or `<...>.safe_eval(...)` on those modules."""
    f = call.func
    if isinstance(f, ast.Name):
        return any(m in _MODULES and name == "safe_eval" and (alias or name) == f.id
                   for m, name, alias in module_imports(tree))
    if isinstance(f, ast.Attribute) and f.attr == "safe_eval":
        base = dotted(f.value) or ""
        return base in ("safe_eval", "tools", "odoo.tools", "odoo.tools.safe_eval", "tools.safe_eval")
    return False


def _literal(node) -> object:
    return node.value if isinstance(node, ast.Constant) else ...


def _delete_item(ctx, call: ast.Call, node) -> Optional[tuple[int, int]]:
    """Offsets deleting the argument `node` of `call` with its comma (`, x=1`, or `x=1, ` when it is first);
    None when the deletion would cross a line or a comment."""
    items = sorted(list(call.args) + list(call.keywords), key=lambda n: (n.lineno, n.col_offset))
    i = items.index(node)
    start = keyword_name_span(ctx, node)[0] if isinstance(node, ast.keyword) else offsets(ctx, node)[0]
    end = ctx.node_span(node.value if isinstance(node, ast.keyword) else node).end.offset
    if i > 0:
        start = ctx.node_span(items[i - 1].value if isinstance(items[i - 1], ast.keyword) else items[i - 1]).end.offset
    elif len(items) > 1:
        nxt = items[1]
        end = keyword_name_span(ctx, nxt)[0] if isinstance(nxt, ast.keyword) else offsets(ctx, nxt)[0]
    text = ctx.source[start:end]
    return None if "#" in text or "\n" in text else (start, end)


@rule("PY124", "safe-eval-signature", words=("safe_eval",), summary="`safe_eval(globals_dict=, locals_dict=, "
      "nocopy=, ...)` raises TypeError (Odoo 19.0)", kinds=["python"], severity="error", since="19.0",
      fix="safe", tags=["migration"], nodes=(ast.Call,),
      what="Finds calls of odoo.tools.safe_eval's `safe_eval` that pass what its 19.0 signature `safe_eval(expr, "
           "/, context=None, *, mode=\"eval\", filename=None)` no longer takes: the `globals_dict=`, "
           "`locals_dict=`, `nocopy=`, `locals_builtins=` keywords, or more than two positional arguments. The "
           "fix passes the one namespace as the `context` (positionally where it can, as OCA's 19.0 migrations "
           "write `safe_eval(expr, {...})`), merges globals and locals as `{**globals, **locals}` (the locals "
           "win, as they did in a lookup), writes a positional mode as `mode=` and deletes `nocopy`/"
           "`locals_builtins`. It is unsafe for `mode=\"exec\"` without `nocopy=True`: 19.0 writes the "
           "variables the code assigns back into the dict passed, which 18.0 copied first; and there is no fix "
           "for two namespaces in exec mode or arguments that are not plain.",
      why="18.0's `safe_eval(expr, globals_dict=None, locals_dict=None, mode=\"eval\", nocopy=False, "
          "locals_builtins=False, filename=None)` is gone: 19.0 raises TypeError (\"got an unexpected keyword "
          "argument 'locals_dict'\", \"takes from 1 to 2 positional arguments\") at the call, so the server "
          "action, domain or exception rule evaluated there fails.",
      before="safe_eval(action['domain'], locals_dict={'active_id': rec.id})\n"
             "safe_eval(code, eval_context, mode='exec', nocopy=True)",
      after="safe_eval(action['domain'], {'active_id': rec.id})\nsafe_eval(code, eval_context, mode='exec')",
      source="odoo/tools/safe_eval.py: 18.0 `def safe_eval(expr, globals_dict=None, locals_dict=None, "
             "mode=\"eval\", nocopy=False, locals_builtins=False, filename=None)` (copies both dicts unless "
             "nocopy; checked in informaticeng0011/odoo_18.0); 19.0 (S19 jnvdx6/skymedic-odoo) `def safe_eval(expr, "
             "/, context=None, *, mode=\"eval\", filename=None)`: globals = dict(context, __builtins__), locals "
             "None, and `context.update(globals_dict)` after the evaluation.")
def safe_eval_signature(node, ctx):
    if ctx.addon is None or not _is_safe_eval(node, ctx.tree):
        return
    kw = {k.arg: k for k in node.keywords if k.arg is not None}
    if not (len(node.args) > 2 or any(name in kw for name in _GONE)):
        return
    fix = _fix(ctx, node, kw)
    gone = [f"`{n}=`" for n in _GONE if n in kw] + (["a third positional argument"] if len(node.args) > 2 else [])
    yield Finding(ctx.node_span(node.func), f"`safe_eval()` no longer takes {', '.join(gone)} in Odoo 19.0 "
                  "(TypeError): pass one `context` dict, `mode=` and `filename=` by keyword", fix=fix)


def _fix(ctx, call: ast.Call, kw: dict) -> Optional[Fix]:
    args = call.args
    if len(args) > 4 or not args or any(isinstance(a, ast.Starred) for a in args) \
            or any(k.arg is None for k in call.keywords) or "context" in kw or "expr" in kw:
        return None
    glob = args[1] if len(args) > 1 else kw.get("globals_dict")
    loc = args[2] if len(args) > 2 else kw.get("locals_dict")
    mode = args[3] if len(args) > 3 else kw.get("mode")
    mode_value = _literal(mode.value if isinstance(mode, ast.keyword) else mode) if mode is not None else "eval"
    nocopy = kw.get("nocopy")
    glob_v = glob.value if isinstance(glob, ast.keyword) else glob
    loc_v = loc.value if isinstance(loc, ast.keyword) else loc
    edits = []
    positionals = len(args)
    for which in ("glob", "loc"):          # an explicit None namespace is no namespace: delete it
        node, value = (glob, glob_v) if which == "glob" else (loc, loc_v)
        if node is None or _literal(value) is not None:
            continue
        if not isinstance(node, ast.keyword) and which == "glob" and len(args) == 2:
            pass                           # safe_eval(expr, None) is still valid
        else:
            span = _delete_item(ctx, call, node)
            if span is None:
                return None
            edits.append(ctx.edit(span[0], span[1], ""))
            positionals -= not isinstance(node, ast.keyword)
        if which == "glob":
            glob, glob_v = None, None
        else:
            loc, loc_v = None, None
    applicability = Applicability.SAFE
    if mode_value != "eval":
        if glob_v is not None and loc_v is not None or mode_value != "exec":
            return None                    # two namespaces the code may write to, or a mode we cannot read
        if nocopy is None or _literal(nocopy.value) is not True:
            applicability = Applicability.UNSAFE
    # the namespace: one dict (positional when nothing but the expression precedes it), or both merged
    if glob_v is not None and loc_v is not None:
        items = sorted(list(args) + list(call.keywords), key=lambda n: (n.lineno, n.col_offset))
        if items.index(loc) != items.index(glob) + 1:
            return None
        start = keyword_name_span(ctx, glob)[0] if isinstance(glob, ast.keyword) else offsets(ctx, glob)[0]
        end = ctx.node_span(loc_v).end.offset
        if "#" in ctx.source[start:end]:
            return None
        merged = f"{{**{text_of(ctx, glob_v)}, **{text_of(ctx, loc_v)}}}"
        keep = not isinstance(glob, ast.keyword) or (_first_keyword(call, glob) and positionals == 1)
        edits.append(ctx.edit(start, end, ("" if keep else "context=") + merged))
    else:
        for node in (glob, loc):
            if isinstance(node, ast.keyword):
                name = keyword_name_span(ctx, node)
                positional = _first_keyword(call, node) and positionals == 1
                edits.append(ctx.edit(name[0], offsets(ctx, node.value)[0], "" if positional else "context="))
    if len(args) > 3:                      # positional mode
        s = offsets(ctx, args[3])[0]
        edits.append(ctx.edit(s, s, "mode="))
    for name in ("nocopy", "locals_builtins"):
        if name in kw:
            span = _delete_item(ctx, call, kw[name])
            if span is None:
                return None
            edits.append(ctx.edit(span[0], span[1], ""))
    edits.sort(key=lambda e: e.span.start.offset)
    if len(edits) == 1:                    # one change: black may join the call back on one line
        e = edits[0]
        edits = [layout.fitted_edit(ctx, e.span.start.offset, e.span.end.offset, e.content)]
    note = " (the code's variables now land in the dict passed)" if applicability is Applicability.UNSAFE else ""
    return Fix(tuple(edits), applicability, "Pass one `context` dict, `mode=` by keyword" + note)


def _first_keyword(call: ast.Call, kw: ast.keyword) -> bool:
    """Is `kw` the first keyword of the call, so that dropping its name leaves a valid positional argument?"""
    return bool(call.keywords) and call.keywords[0] is kw
