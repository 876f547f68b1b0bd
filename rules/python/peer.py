"""Shared by the rules that port pylint-odoo's checks: registration with the peer's names, its version gates,
its options, and the small amount of name resolution (imports, Odoo model classes) its checks rely on."""
from __future__ import annotations

import ast
import os

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import OdooVersion
from odoolint.peer_options import option
from odoolint.registry import rule
from odoolint.sources.pytree import tree_index
from odoolint.versions import ADDON_SERIES

PYLINT_ODOO = "pylint-odoo 10.0 src/pylint_odoo/checkers/odoo_addons.py"
TRANSLATION_METHODS = ("_", "_lt")

__all__ = ["peer_rule", "gate", "option", "series", "imports_of", "odoo_model_base", "func_name", "func_lib",
           "PYLINT_ODOO", "TRANSLATION_METHODS", "field_calls", "str_value", "in_tests"]


def peer_rule(code: str, name: str, msgid: str, *, symbol: Optional[str] = None, tags=(), default_enabled=False,
              **kw):
    """`@rule` for a pylint-odoo check: its symbol and message id are aliases, so `# pylint: disable=E8103` and
    `# pylint: disable=sql-injection` both suppress it; the `pylint-odoo` tag selects the whole family."""
    symbol = symbol or name
    aliases = tuple(dict.fromkeys([symbol, msgid] + list(kw.pop("aliases", []))))
    kw.setdefault("source", PYLINT_ODOO)
    return rule(code, name, tags=("pylint-odoo",) + tuple(tags), aliases=aliases, default_enabled=default_enabled,
                **kw)


def series(ctx) -> Optional[OdooVersion]:
    """The Odoo series that gates a peer check: pylint-odoo's own `valid-odoo-versions` when configured (one
    version: that series; several: None, every gate open, as in pylint-odoo); else the target; else the series
    of the file's own addon (its manifest's five-part version); else None."""
    valid = option(ctx, "valid-odoo-versions")
    if len(valid) == 1:
        return OdooVersion.parse(valid[0])
    if valid:
        return None
    if ctx.target is not None:
        return ctx.target
    addon_path = getattr(ctx, "addon_path", None)
    found = (ctx.options.get(ADDON_SERIES) or {}).get(addon_path) if addon_path else None
    return OdooVersion.parse(found) if found else None


def gate(ctx, minimum: Optional[str] = None, maximum: Optional[str] = None) -> bool:
    """pylint-odoo's `checks_maxmin_odoo_version`: with no series known (or several valid versions), open."""
    v = series(ctx)
    if v is None:
        return True
    if minimum is not None and v < _version(minimum):
        return False
    if maximum is not None and v > _version(maximum):
        return False
    return True


_VERSIONS: dict = {}


def _version(text: str) -> OdooVersion:
    """A gate's bound, parsed once: the gates run per node (the translation rules: every `_()` call)."""
    v = _VERSIONS.get(text)
    if v is None:
        v = _VERSIONS[text] = OdooVersion.parse(text)
    return v


def imports_of(tree: ast.AST) -> dict[str, str]:
    """Local name -> what it imports (`requests` -> `requests`, `get` -> `requests.get`), module level and
    nested, computed once per tree. A name bound by several imports keeps the last in `ast.walk` order (breadth
    first), as it always has."""
    memo = getattr(tree, "_odoolint_peer_imports", None)
    if memo is not None:
        return memo
    index = tree_index(tree)
    nodes = index.of(ast.Import, ast.ImportFrom)
    memo = _bindings(nodes)
    if len(nodes) > 1 and _rebound(nodes):
        memo = _bindings(index.walk_order(nodes))
    try:
        tree._odoolint_peer_imports = memo
    except AttributeError:
        pass
    return memo


def _bindings(nodes) -> dict[str, str]:
    memo = {}
    for node in nodes:
        if node.__class__ is ast.Import:
            for a in node.names:
                memo[a.asname or a.name] = a.name
        else:
            mod = "." * node.level + (node.module or "")
            for a in node.names:
                memo[a.asname or a.name] = f"{mod}.{a.name}" if mod else a.name
    return memo


def _rebound(nodes) -> bool:
    """Does one local name come from two import statements (then their order decides)?"""
    seen: set = set()
    for node in nodes:
        names = {a.asname or a.name for a in node.names}
        if not seen.isdisjoint(names):
            return True
        seen |= names
    return False


_MODEL_BASES = ("Model", "AbstractModel", "TransientModel")


def odoo_model_base(cls: ast.ClassDef, tree) -> Optional[tuple[str, ast.expr]]:
    """(`Model`|`AbstractModel`|`TransientModel`, base node) when a base comes from an `odoo` import."""
    imports = imports_of(tree)
    for base in cls.bases:
        root = base
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name) or root.id not in imports:
            continue
        origin = imports[root.id]
        if origin.split(".")[0] != "odoo":
            continue
        last = base.attr if isinstance(base, ast.Attribute) else base.id
        if last in _MODEL_BASES:
            return last, base
    return None


def func_name(func) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def func_lib(func) -> str:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return ""


def str_value(node) -> Optional[str]:
    """A string constant's value, or an f-string's text with `{}` for each value; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def field_calls(cls: ast.ClassDef) -> Iterator[tuple[Optional[str], ast.Call, ast.Assign]]:
    """(`name`, call, assign) for each `name = fields.X(...)` in a class body (as pylint-odoo: any class)."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and func_lib(stmt.value.func) == "fields":
            target = stmt.targets[0]
            yield (target.id if isinstance(target, ast.Name) else None), stmt.value, stmt


def in_tests(ctx) -> bool:
    """pylint-odoo skips some checks in a `tests` folder (the file's own directory is named `tests`)."""
    return os.path.basename(os.path.dirname(ctx.path)) == "tests"
