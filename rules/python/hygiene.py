"""pylint-odoo's hygiene checks of addon Python: imports, prints, vim modelines, swallowed exceptions, network
calls without timeouts, context replaced wholesale, and a few deprecated names."""
from __future__ import annotations

import ast
import os

from odoolint.model import Finding

from .peer import PYLINT_ODOO, func_lib, func_name, gate, imports_of, odoo_model_base, option, peer_rule

SRC = PYLINT_ODOO


def _module_binds(tree, name: str) -> bool:
    """Is `name` bound at module level by a def, class, import or assignment (shadowing a builtin)?

    The module's names are collected once per tree (a file of 20,000 prints must not rescan its body 20,000
    times)."""
    names = getattr(tree, "_odoolint_module_names", None)
    if names is None:
        names = set()
        for stmt in getattr(tree, "body", ()):
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(stmt.name)
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                names.update(a.asname or a.name for a in stmt.names)
            elif isinstance(stmt, ast.Assign):
                names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        try:
            tree._odoolint_module_names = names
        except AttributeError:
            pass
    return name in names


@peer_rule("PY540", "print-used", "W8116", words=("print",), summary="`print()` in addon code", kinds=["python"], severity="info",
           nodes=(ast.Call,),
           what="Reports calls of the builtin `print` (not a local function of that name).",
           why="Odoo's output goes through `logging` (levels, handlers, `--log-handler`); a print goes to the "
               "server's stdout only, unfiltered and without context.",
           before="print('done', record)", after="_logger.info('done %s', record)", source=SRC)
def print_used(node, ctx):
    if isinstance(node.func, ast.Name) and node.func.id == "print" and not _module_binds(ctx.tree, "print"):
        yield Finding(ctx.node_span(node), "Print used. Use `logger` instead.")


@peer_rule("PY541", "use-vim-comment", "W8202", summary="vim modeline comment", kinds=["python"],
           severity="info",
           what="Reports comments starting with `vim:` (a modeline).",
           why="Editor settings belong in the editor's configuration or .editorconfig, not in every file.",
           before="# vim:expandtab:smartindent:tabstop=4", after="(.editorconfig)",
           source=SRC.replace("odoo_addons.py", "vim_comment.py"))
def use_vim_comment(ctx):
    if "vim" not in ctx.source.lower():
        return
    import io
    import tokenize     # here: only a file that spells `vim` is tokenized (its import costs a one-file run)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(ctx.source).readline):
            if tok.type == tokenize.COMMENT and tok.string.strip("# ").lower().startswith("vim:"):
                off = ctx.index.offset(tok.start[0], tok.start[1] + 1)
                yield Finding(ctx.span(off, off + len(tok.string)), "Use of vim comment")
    except (tokenize.TokenError, SyntaxError):
        return


@peer_rule("PY542", "except-pass", "W8138", summary="`except:` whose only statement is `pass`", kinds=["python"],
           severity="info", nodes=(ast.ExceptHandler,),
           what="Reports exception handlers without `as name` whose body is a single `pass`.",
           why="The error disappears without a trace: when the code later misbehaves nobody can tell why. Log it "
               "or catch something narrower.",
           before="try:\n    x()\nexcept Exception:\n    pass",
           after="try:\n    x()\nexcept Exception:\n    _logger.debug('x failed', exc_info=True)", source=SRC)
def except_pass(node, ctx):
    if node.name is None and len(node.body) == 1 and isinstance(node.body[0], ast.Pass):
        yield Finding(ctx.node_span(node), "pass into block except. If you really need to use the pass consider "
                      "logging that exception")


@peer_rule("PY543", "bad-builtin-groupby", "W8155", words=("groupby",), summary="`itertools.groupby` instead of `odoo.tools.groupby`",
           kinds=["python"], severity="warning", nodes=(ast.Call,),
           what="Reports calls of `itertools.groupby` (directly or imported under any name).",
           why="`itertools.groupby` groups only *consecutive* equal keys: on an unsorted recordset the same key "
               "appears in several groups. `odoo.tools.groupby` collects all of them.",
           before="for partner, lines in itertools.groupby(lines, key=lambda l: l.partner_id):",
           after="for partner, lines in groupby(lines, key=lambda l: l.partner_id):  # odoo.tools",
           source=SRC + "; odoo/tools/misc.py `groupby`; odoo/odoo#105376")
def bad_builtin_groupby(node, ctx):
    try:
        text = ast.unparse(node.func)
    except Exception:  # noqa: BLE001
        return
    if not text.endswith("groupby"):
        return
    hit = text == "itertools.groupby"
    if not hit and not text.endswith("tools.groupby") and isinstance(node.func, ast.Name):
        hit = imports_of(ctx.tree).get(node.func.id) == "itertools.groupby"
    if hit:
        yield Finding(ctx.node_span(node), "Used builtin function `itertools.groupby`. Prefer `odoo.tools.groupby` "
                      "instead. More info about https://github.com/odoo/odoo/issues/105376")


_LAST_NAMES: dict[int, tuple] = {}


def _last_names(methods) -> frozenset:
    """The last dotted part of each configured method (`get` of `requests.get`), once per option value."""
    hit = _LAST_NAMES.get(id(methods))
    if hit is None or hit[0] is not methods:
        hit = _LAST_NAMES[id(methods)] = (methods, frozenset(m.rsplit(".", 1)[-1] for m in methods))
    return hit[1]


def qualified_call(node, ctx):
    """pylint-odoo's `_static_func_infer_name`: `requests.get` for `requests.get()` / `from requests import get;
    get()` / `import requests as r; r.get()`."""
    imports = imports_of(ctx.tree)
    f = node.func
    lib = func_lib(f)
    original = imports.get(lib) or lib
    name = func_name(f)
    return f"{original}.{name}" if original else imports.get(name)


@peer_rule("PY544", "external-request-timeout", "E8106", summary="Network call without `timeout=`",
           kinds=["python"], severity="warning", nodes=(ast.Call,), default_enabled=True, tags=["correctness"],
           what="Reports calls of `external-request-timeout-methods` (requests.*, urllib.request.urlopen, "
                "smtplib.SMTP, ftplib.FTP, http.client connections, serial.Serial, suds, iap jsonrpc) without a "
                "`timeout` keyword.",
           why="These calls default to waiting forever: an unresponsive server blocks the Odoo worker until the "
               "`limit_time_real` kill, and with cron jobs the whole queue stalls.",
           before="requests.get(url)", after="requests.get(url, timeout=10)",
           source=SRC + "; requests docs 'Timeouts' (no timeout by default)")
def external_request_timeout(node, ctx):     # a plain function, not a generator: it sees every call
    f = node.func
    if f.__class__ is ast.Attribute and f.value.__class__ is ast.Name:
        last = ctx.__dict__.get("_odoolint_timeout_names")
        if last is None:
            last = ctx.__dict__["_odoolint_timeout_names"] = _last_names(
                option(ctx, "external-request-timeout-methods"))
        if f.attr not in last:
            return None     # `x.attr()` qualifies to `<x's import>.attr`: only a listed method's last name matches
        methods = option(ctx, "external-request-timeout-methods")
    else:
        # any other call qualifies to what its last name imports (`get()`, `self.x.get()`): nothing if nothing
        if func_name(f) not in imports_of(ctx.tree):
            return None
        methods = option(ctx, "external-request-timeout-methods")
    name = qualified_call(node, ctx)
    if name and name in methods and not any(k.arg == "timeout" for k in node.keywords):
        return [Finding(ctx.node_span(node), f"Use of external request method `{name}` without timeout. It could "
                        "wait for a long time")]
    return None


@peer_rule("PY545", "context-overridden", "W8121", words=("with_context",), summary="`with_context(dict)` replaces the whole context",
           kinds=["python"], severity="warning", nodes=(ast.Call,),
           what="Reports `with_context(ctx)` called with one positional dict and no keywords (except "
                "`clean_context(...)` from odoo.tools).",
           why="A positional dict *replaces* the context: the user's language, timezone, company and every flag "
               "set by callers are lost. Keywords (`with_context(**ctx)` or `key=value`) update it.",
           before="self.with_context({'active_test': False})", after="self.with_context(active_test=False)",
           source=SRC + "; odoo/models.py `BaseModel.with_context` (positional argument replaces the context)")
def context_overridden(node, ctx):
    f = node.func
    if not (isinstance(f, ast.Attribute) and f.attr == "with_context" and not node.keywords and node.args):
        return
    arg = node.args[0]
    if isinstance(arg, ast.Call) and qualified_call(arg, ctx) == "odoo.tools.clean_context":
        return
    yield Finding(ctx.node_span(node), "Context overridden using dict. Better using kwargs "
                  f"`with_context(**{ast.unparse(arg)})` or `with_context(key=value)`")


@peer_rule("PY546", "odoo-exception-warning", "R8101", words=("Warning",), summary="`odoo.exceptions.Warning` imported",
           kinds=["python"], severity="warning", nodes=(ast.ImportFrom,),
           what="Reports `from odoo.exceptions import Warning`.",
           why="`Warning` is only a compatibility alias of `UserError` ('deprecated due to collision with "
               "builtins' in odoo/exceptions.py) and shadows Python's builtin `Warning` in the importing module.",
           before="from odoo.exceptions import Warning", after="from odoo.exceptions import UserError",
           source=SRC + "; odoo/exceptions.py (11.0/12.0: `Warning = UserError`, 'deprecated due to collision with "
                        "builtins')")
def odoo_exception_warning(node, ctx):
    if node.module == "odoo.exceptions" and node.level == 0 and any(a.name == "Warning" for a in node.names):
        yield Finding(ctx.node_span(node), "`odoo.exceptions.Warning` is a deprecated alias to "
                      "`odoo.exceptions.UserError` use `from odoo.exceptions import UserError`")


def _imported_addons(node) -> list[str]:
    out = []
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and "odoo.addons" in node.module:
        parts = node.module.split(".")
        out.append(parts[2] if len(parts) >= 3 else node.names[0].name)
    elif isinstance(node, ast.Import):
        for a in node.names:
            parts = a.name.split(".")
            if "odoo.addons" in a.name and len(parts) >= 3:
                out.append(parts[2])
    return out


@peer_rule("PY547", "odoo-addons-relative-import", "W8150", words=("addons",), summary="`odoo.addons.<this addon>` imported "
           "absolutely from inside the addon", kinds=["python"], severity="info", nodes=(ast.Import, ast.ImportFrom),
           what="Reports `from odoo.addons.my_mod import x` (or `import odoo.addons.my_mod...`) inside `my_mod` "
                "itself, tests and migration scripts excepted.",
           why="A relative import (`from . import x`) keeps working when the addon is renamed or vendored, and "
               "cannot import a different copy of the addon from another addons path.",
           before="from odoo.addons.my_mod.models import util", after="from ..models import util", source=SRC)
def odoo_addons_relative_import(node, ctx):
    if not ctx.addon or not ctx.addon_path:
        return
    rel = os.path.relpath(ctx.path, ctx.addon_path).replace(os.sep, "/")
    parts = rel.split("/")
    if len(parts) >= 3 and parts[-3] == "migrations" or os.path.dirname(rel) == "tests":
        return
    if ctx.addon in _imported_addons(node):
        yield Finding(ctx.node_span(node), 'Same Odoo module absolute import. You should use relative import with "." '
                      f'instead of "odoo.addons.{ctx.addon}"')


@peer_rule("PY548", "test-folder-imported", "E8130", words=("tests",), summary="`tests` imported from an `__init__.py`",
           kinds=["python"], severity="error", nodes=(ast.Import, ast.ImportFrom), default_enabled=True,
           tags=["correctness"],
           what="Reports `from . import tests`, `from .tests import x` and `import tests` in an `__init__.py`.",
           why="Odoo imports an addon's tests itself when running them (odoo/tests/loader.py imports "
               "`odoo.addons.<addon>.tests`); importing them from the addon loads test code (and its test-only "
               "dependencies) on every production server start.",
           before="from . import models, tests", after="from . import models",
           source=SRC + "; odoo/tests/loader.py `_get_tests_modules` (16.0-19.0)")
def test_folder_imported(node, ctx):
    if os.path.basename(ctx.path) != "__init__.py":
        return
    if isinstance(node, ast.ImportFrom):
        names = (node.module.split(".")[:1] if node.module else [a.name for a in node.names])
    else:
        names = [a.name.split(".")[0] for a in node.names]
    if "tests" in names:
        mod = os.path.basename(os.path.dirname(ctx.path))
        yield Finding(ctx.node_span(node), f"Test folder imported in module {mod}")


@peer_rule("PY549", "deprecated-inselect-operator", "E8149", summary="Domain operator `inselect` (18.0+)",
           kinds=["python"], severity="warning", nodes=(ast.Constant,),
           what="Reports the strings `'inselect'` / `'not inselect'` (any case) in series 18.0 and later.",
           why="18.0 deprecated the `inselect` domain operators in favour of `in`/`not in` with an SQL object "
               "(odoo/odoo#171371).",
           before="[('id', 'inselect', (query, params))]", after="[('id', 'in', SQL(query, *params))]",
           source=SRC + "; odoo/osv/expression.py 18.0 (inselect deprecated, odoo/odoo#171371)")
def deprecated_inselect(node, ctx):
    v = node.value
    if isinstance(v, str) and len(v) in (8, 12) and v.lower() in ("inselect", "not inselect") and gate(ctx, "18.0"):
        yield Finding(ctx.node_span(node), f"The domain operator {v!r} is deprecated in Odoo 18.0+. Use 'in' SQL or "
                      "'not in' SQL instead. More info at https://github.com/odoo/odoo/pull/171371")


@peer_rule("PY550", "deprecated-self-cr", "W8165", summary="`self._cr` in a model (19.0+)", kinds=["python"],
           severity="warning", nodes=(ast.ClassDef,), defers_to=["PY102"],
           what="Reports `self._cr` in the methods of Odoo model classes, for series 19.0 and later (PY102 reports "
                "`_cr`, `_uid` and `_context` for a 19.0 target, with a fix; when both run, PY102's finding is "
                "the one reported).",
           why="19.0 deprecated the `_cr` record property; `self.env.cr` is the supported spelling.",
           before="self._cr.execute(q)", after="self.env.cr.execute(q)",
           source=SRC + "; the 19.0 deprecation of the `_cr` property (see PY102 model-private-props)")
def deprecated_self_cr(node, ctx):
    if odoo_model_base(node, ctx.tree) is None or not gate(ctx, "19.0"):
        return
    stack = list(node.body)
    while stack:
        n = stack.pop()
        if isinstance(n, ast.ClassDef):
            continue   # a nested class is visited on its own
        if isinstance(n, ast.Attribute) and n.attr == "_cr" and isinstance(n.value, ast.Name) and n.value.id == "self":
            yield Finding(ctx.node_span(n), 'Use "self.env.cr" instead of "self._cr" (deprecated since 19.0)')
        stack.extend(ast.iter_child_nodes(n))


@peer_rule("PY551", "deprecated-name-get", "E8146", summary="`name_get` method (17.0+)", kinds=["python"],
           severity="warning", nodes=(ast.ClassDef,), defers_to=["PY301"],
           what="Reports methods named `name_get`, for series 17.0 and later (PY301 reports the same for a 17.0+ "
                "target, calls included; when both run, PY301's finding is the one reported).",
           why="17.0's `_compute_display_name` no longer calls `name_get`, so the override stops changing the "
               "displayed names; 18.0 removed it.",
           before="def name_get(self):", after="def _compute_display_name(self):",
           source=SRC + "; odoo/models.py 17.0 (`name_get` deprecated, odoo/odoo#122085), absent from 18.0")
def deprecated_name_get(node, ctx):
    if not gate(ctx, "17.0"):
        return
    from .orm_overrides import _def_span, methods
    for fn in methods(node):
        if fn.name == "name_get":
            yield Finding(_def_span(ctx, fn), "'name_get' is deprecated. Use '_compute_display_name' instead. More "
                          "info at https://github.com/odoo/odoo/pull/122085.")
