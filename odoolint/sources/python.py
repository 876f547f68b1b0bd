"""Python and manifest parsing with the standard `ast` (exact positions, fast)."""
from __future__ import annotations

import ast
import warnings

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Optional

from ..model import Record
from . import ParseFailure, Text, parser


def _parse(text: Text, path: str) -> ast.Module:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text.text, filename=path)
    except SyntaxError as exc:
        raise ParseFailure(f"SyntaxError: {exc.msg}", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ParseFailure(f"cannot parse: {exc}") from None


@parser("python", "superset-config")
def parse_python(text: Text, path: str) -> ast.Module:
    return _parse(text, path)


class ManifestTree(Record):
    """A manifest read with ast.literal_eval: values, plus the nodes that hold their positions."""

    _fields = ("module", "dict_node", "values", "key_nodes", "value_nodes")

    def __init__(self, module: ast.Module, dict_node: ast.Dict, values: dict[str, Any],
                 key_nodes: Optional[dict[str, ast.expr]] = None, value_nodes: Optional[dict[str, ast.expr]] = None):
        self.module, self.dict_node, self.values = module, dict_node, values
        self.key_nodes = {} if key_nodes is None else key_nodes
        self.value_nodes = {} if value_nodes is None else value_nodes

    def value_node(self, key: str) -> Optional[ast.expr]:
        return self.value_nodes.get(key)


@parser("manifest")
def parse_manifest(text: Text, path: str) -> ManifestTree:
    module = _parse(text, path)
    dict_node = None
    for stmt in module.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Dict):
            dict_node = stmt.value
            break
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # a docstring or comment string before the dict
        raise ParseFailure("a manifest must be a single dict literal", stmt.lineno, stmt.col_offset + 1)
    if dict_node is None:
        raise ParseFailure("no dict literal found in the manifest")
    try:
        values = ast.literal_eval(dict_node)
    except (ValueError, TypeError, SyntaxError, RecursionError) as exc:
        bad = _first_non_literal(dict_node)
        if bad is None:
            raise ParseFailure(f"manifest is not a literal: {exc}", dict_node.lineno,
                               dict_node.col_offset + 1) from None
        raise ParseFailure(f"manifest is not a literal: `{ast.unparse(bad)[:60]}` is not a constant (Odoo reads "
                           f"the manifest with ast.literal_eval)", bad.lineno, bad.col_offset + 1) from None
    tree = ManifestTree(module, dict_node, values)
    for k, v in zip(dict_node.keys, dict_node.values):
        if isinstance(k, ast.Constant) and isinstance(k.value, str):
            tree.key_nodes[k.value] = k
            tree.value_nodes[k.value] = v
    return tree


_LITERAL_NODES = (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Constant, ast.UnaryOp, ast.UAdd, ast.USub,
                  ast.expr_context)


def _first_non_literal(node: ast.AST):
    for sub in ast.walk(node):
        if not isinstance(sub, _LITERAL_NODES):
            return sub
    return None


def node_span(index, node: ast.AST):
    """Span of an ast node; ast columns are UTF-8 byte offsets, converted to characters."""
    start = _char_offset(index, node.lineno, node.col_offset)
    end = _char_offset(index, node.end_lineno, node.end_col_offset)
    return index.span(start, end)


def _char_offset(index, line: int, byte_col: int) -> int:
    if index.text.isascii():        # O(1) for a str: bytes are characters on every line, no line to cut out
        return index.line_start(line) + byte_col
    text = index.line_text(line)
    if text.isascii():
        return index.line_start(line) + byte_col
    return index.line_start(line) + len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
