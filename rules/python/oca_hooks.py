"""The Python checks of OCA's odoo-pre-commit-hooks (oca_pre_commit_hooks/checks_odoo_module_fixit.py and its
fixit rules in checks_odoo_module_fixit_rules/), with the hooks' semantics: `unused-logger`, `use-header-comments`
and the hooks' own `prefer-env-translation` (narrower than pylint-odoo's check of that name, PY506).
`field-string-redundant` folds into PY524 and `manifest-superfluous-key` into MF304.

The hooks run these checks on every `*.py` file of an addon folder (the manifest included); files outside an
addon are not theirs, so these rules skip them too.
"""
from __future__ import annotations

import ast

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Applicability, Finding, Fix, OdooVersion
from odoolint.registry import rule
from odoolint.sources.pytree import tree_index
from odoolint.versions import ADDON_SERIES

from .common import spells
from .peer import imports_of

HOOKS = "OCA/odoo-pre-commit-hooks 0.2.x"
FIXIT = HOOKS + " src/oca_pre_commit_hooks/checks_odoo_module_fixit_rules/"

# --- unused-logger -------------------------------------------------------------------------------------------


def _is_module_logger(node: ast.Assign) -> bool:
    """`_logger = logging.getLogger(__name__)`, the exact form the hook matches (one argument, `__name__`)."""
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name) or node.targets[0].id != "_logger":
        return False
    call = node.value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "getLogger"
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "logging"):
        return False
    args = list(call.args) + [kw.value for kw in call.keywords]
    return len(args) == 1 and isinstance(args[0], ast.Name) and args[0].id == "__name__" \
        and not any(isinstance(a, ast.Starred) for a in call.args)


def _statement_line_fix(ctx, stmt: ast.stmt, message: str) -> Optional[Fix]:
    """Delete a statement that sits alone on its lines (nothing else before it or after it but a comment)."""
    index = ctx.index
    start = index.line_start(stmt.lineno)
    first = index.line_text(stmt.lineno)
    if first[: stmt.col_offset].strip():
        return None
    end_line = stmt.end_lineno or stmt.lineno
    last = index.line_text(end_line)
    rest = last[(stmt.end_col_offset or len(last)):].strip()
    if rest and not rest.startswith("#"):
        return None
    stop = index.line_end(end_line)
    nl = ctx.newline
    if ctx.source[stop:stop + len(nl)] == nl:
        stop += len(nl)
    return Fix((ctx.edit(start, stop, ""),), Applicability.UNSAFE, message)


@rule("PY560", "unused-logger", summary="`_logger = logging.getLogger(__name__)` that nothing uses",
      kinds=["python"], severity="info", default_enabled=False, fix="unsafe", tags=["oca-hooks", "style"],
      aliases=["unused-logger"],
      what="Reports the module-level `_logger = logging.getLogger(__name__)` of an addon's Python file when "
           "`_logger` is never read in that file (the last such assignment, as the hook reports it).",
      why="A logger nobody calls is dead code that suggests logging that does not happen; OCA's hooks ask to "
          "remove it.",
      before="import logging\n_logger = logging.getLogger(__name__)\n\nclass A(models.Model):\n    _name = 'a'",
      after="import logging\n\nclass A(models.Model):\n    _name = 'a'",
      source=FIXIT + "unused_logger.py (`NoUnusedLoggerInModels`). Differs on purpose: `_logger` passed on as a "
                     "value (`helper(_logger)`) counts as used here, where the hook counts only `_logger.x` "
                     "(docs/source-notes.md). The fix is unsafe: another module may import `_logger`.")
def unused_logger(ctx) -> Iterator[Finding]:
    tree = ctx.tree
    if not ctx.addon_path or not isinstance(tree, ast.Module):
        return
    if not spells(ctx, "_logger"):
        return
    assign = None
    index = tree_index(tree)
    for node in index.of(ast.Assign):
        if _is_module_logger(node):
            if assign is None or (node.lineno, node.col_offset) > (assign.lineno, assign.col_offset):
                assign = node
    used = assign is not None and any(node.id == "_logger" and not isinstance(node.ctx, ast.Store)
                                      for node in index.of(ast.Name))
    if assign is None or used:
        return
    yield Finding(ctx.node_span(assign), "`_logger` is defined but never used: remove it",
                  _statement_line_fix(ctx, assign, "Remove the unused `_logger`"))


# --- use-header-comments -------------------------------------------------------------------------------------

# oca_pre_commit_hooks/utils.py VALID_HEADER_COMMENTS: comments the hook keeps in a file's header
VALID_HEADER_COMMENTS = ("# !", "#!", "coding:", "fixit:", "lint-ignore:", "lint-ignore=", "flake8:", "fmt:",
                         "isort:", "noqa:", "nosec:", "oca-hooks:", "pylint:")


def header_comment_lines(ctx) -> list[int]:
    """Lines of the comments before a file's first line of code that are not tool directives; [] when the file
    holds nothing but comments (the hook leaves such a file alone)."""
    index = ctx.index
    found = []
    for line in range(1, index.line_count + 1):
        text = index.line_text(line)
        if not text.strip(" "):
            continue
        if text.startswith("#"):
            if not any(token in text for token in VALID_HEADER_COMMENTS):
                found.append(line)
            continue
        return found
    return []


@rule("PY561", "use-header-comments", summary="Comments (copyright, authors) in the header of a Python file",
      kinds=["python", "manifest"], severity="info", default_enabled=False, fix="unsafe",
      tags=["oca-hooks", "style"], aliases=["use-header-comments"],
      what="Reports `# ...` comment lines above the first line of code of an addon's Python file (manifest "
           "included), other than tool directives (shebang, `coding:`, `pylint:`, `flake8:`, `noqa:`, `fmt:`, "
           "`isort:`, `nosec:`, `oca-hooks:`, `fixit:`, `lint-ignore`), at the last of them with all lines named.",
      why="OCA keeps authorship and licence in the manifest and README; copyright headers in every file drift "
          "and are not maintained.",
      before="# Copyright 2020 ACME\n# License AGPL-3.0 or later\nfrom odoo import models",
      after="from odoo import models",
      source=HOOKS + " src/oca_pre_commit_hooks/checks_odoo_module_fixit.py (`check_py`, "
                     "`_remove_header_comments`). The fix deletes the lines and is unsafe: they may be a licence "
                     "notice someone has to keep.")
def use_header_comments(ctx) -> Iterator[Finding]:
    if not ctx.addon_path:
        return
    lines = header_comment_lines(ctx)
    if not lines:
        return
    index = ctx.index
    nl = ctx.newline
    edits = []
    for line in lines:
        start, stop = index.line_start(line), index.line_end(line)
        if ctx.source[stop:stop + len(nl)] == nl:
            stop += len(nl)
        edits.append(ctx.edit(start, stop, ""))
    last = lines[-1]
    yield Finding(index.line_span(last, 1, last, len(index.line_text(last)) + 1),
                  f"Use of header comments in lines {', '.join(map(str, lines))}",
                  Fix(tuple(edits), Applicability.UNSAFE, "Remove the header comments"))


# --- prefer-env-translation (the hooks' variant) -------------------------------------------------------------

TRANSLATION_FUNCTIONS = ("odoo._", "openerp._", "odoo._lt", "openerp._lt")
ODOO_SUPER_CLASSES = ("odoo.http.Controller", "odoo.models.AbstractModel", "odoo.models.Model",
                      "odoo.models.TransientModel", "openerp.http.Controller", "openerp.models.AbstractModel",
                      "openerp.models.Model", "openerp.models.TransientModel")
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _qualified(node, imports: dict[str, str]) -> Optional[str]:
    """`models.Model` -> `odoo.models.Model` through the file's imports; None when the root is not imported."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in imports:
        return None
    return ".".join([imports[node.id]] + parts[::-1])


def _odoo_class(cls: ast.ClassDef, imports) -> bool:
    return any((q := _qualified(b, imports)) is not None and q.endswith(ODOO_SUPER_CLASSES) for b in cls.bases)


def hooks_series(ctx) -> Optional[OdooVersion]:
    """The series the hooks' fixit rules assume: the addon's manifest version, else the target; None: unknown
    (the hooks then assume 18.0)."""
    found = (ctx.options.get(ADDON_SERIES) or {}).get(ctx.addon_path) if ctx.addon_path else None
    return OdooVersion.parse(found) if found else ctx.target


def _calls_in_methods(tree: ast.Module, imports) -> Iterator[ast.Call]:
    """Calls whose nearest enclosing class is an Odoo model or controller and whose nearest enclosing function
    under that class takes `self` first (the hook's `_get_parent_class`, `_get_parent_function`,
    `_function_has_self`)."""
    index = tree_index(tree)
    ends = index.ends
    funcs = frozenset(_FUNCS)
    scopes: list[tuple[int, bool, Optional[ast.AST]]] = [(len(ends), False, None)]  # (end, odoo class, function)
    for i, node in enumerate(index.nodes):
        while scopes[-1][0] <= i:
            scopes.pop()
        _, odoo_cls, fn = scopes[-1]
        cls = node.__class__
        if cls is ast.ClassDef:
            scopes.append((ends[i], _odoo_class(node, imports), None))
        elif cls in funcs:
            scopes.append((ends[i], odoo_cls, node))
        elif cls is ast.Call and odoo_cls and fn is not None and fn.args.args and fn.args.args[0].arg == "self":
            yield node


@rule("PY562", "env-translation-in-method", summary="`_()`/`_lt()` in a method of a model or controller, not "
      "`self.env._` (18.0+)", kinds=["python"], severity="info", default_enabled=False, fix="safe",
      tags=["oca-hooks", "style"], aliases=["prefer-env-translation"], defers_to=["PY506"],
      what="Reports calls of `odoo._` or `odoo._lt` (under any local name) in a method whose first parameter is "
           "`self`, in a class deriving from `models.Model`/`AbstractModel`/`TransientModel` or "
           "`http.Controller`, for addons of series 18.0 and later (the addon's manifest decides, else the "
           "target). This is the hooks' variant of `prefer-env-translation`; pylint-odoo's (PY506) reports every "
           "bare `_(...)` with arguments, wherever it is; when both run, PY506's finding is the one reported.",
      why="Since 18.0 `self.env._` translates in the environment's language directly; the module-level `_` has "
          "to inspect the caller's frame to find an environment.",
      before="raise UserError(_('No'))", after="raise UserError(self.env._('No'))",
      source=FIXIT + "prefer_env_translation.py (`PreferEnvTranslationRule`); odoo/api.py 18.0 "
                     "`Environment._` (odoo/odoo#174844). The fix is safe for `_`; for `_lt` it is unsafe "
                     "(a lazy translation becomes an eager one).")
def env_translation_in_method(ctx) -> Iterator[Finding]:
    tree = ctx.tree
    if not ctx.addon_path or not isinstance(tree, ast.Module):
        return
    imports = imports_of(tree)
    if not any(v in TRANSLATION_FUNCTIONS for v in imports.values()):
        return
    version = hooks_series(ctx)
    if version is not None and version < OdooVersion.parse("18.0"):
        return
    calls = [c for c in _calls_in_methods(tree, imports)
             if isinstance(c.func, ast.Name) and imports.get(c.func.id) in TRANSLATION_FUNCTIONS]
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        span = ctx.node_span(call.func)
        lazy = imports[call.func.id].endswith("._lt")
        yield Finding(ctx.node_span(call), "Use `self.env._(...)` instead of "
                      f"`{call.func.id}(...)` in the methods of models and controllers",
                      Fix((ctx.edit(span.start.offset, span.end.offset, "self.env._"),),
                          Applicability.UNSAFE if lazy else Applicability.SAFE, "Use `self.env._`"))
