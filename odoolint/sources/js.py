"""JavaScript: tree-sitter with its JavaScript grammar, a real parser that keeps positions and recovers from
errors, so one bad line does not hide every other finding of the file.

tree-sitter counts in UTF-8 bytes; rules work in the text's character offsets, so JsTree converts. Both
libraries are imported when the first JavaScript file is parsed, never at start-up.
"""
from __future__ import annotations

from bisect import bisect_right

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from . import ParseFailure, Text, parser

_PARSER = None


def _parser():
    global _PARSER
    if _PARSER is None:
        try:
            import tree_sitter
            import tree_sitter_javascript
        except ImportError as exc:  # a broken install: report, do not crash
            raise ParseFailure(f"JavaScript parser unavailable ({exc.name} is not installed)") from None
        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
    return _PARSER


class JsTree:
    """The tree-sitter tree of one file plus byte -> character offset conversion and a by-type node index."""

    def __init__(self, text: Text, data: bytes, tree, vendored: bool = False):
        self.text = text
        self.vendored = vendored     # static/lib: third-party code, not the addon's to lint or migrate
        self.data = data
        self.tree = tree
        self.root = tree.root_node
        self._by_type: Optional[dict[str, list]] = None
        self._wide: Optional[tuple[list[int], list[int]]] = None
        if len(data) != len(text.text):
            # byte offset just after each multi-byte character, and the bytes gained so far
            ends, extra, b = [], [], 0
            gained = 0
            for ch in text.text:
                n = len(ch.encode("utf-8", "surrogatepass"))
                b += n
                if n > 1:
                    gained += n - 1
                    ends.append(b)
                    extra.append(gained)
            self._wide = (ends, extra)
        self.parse_errors = [] if vendored else self._errors()

    # ---- positions ------------------------------------------------------------------------------------
    def offset(self, byte: int) -> int:
        if self._wide is None:
            return byte
        ends, extra = self._wide
        i = bisect_right(ends, byte)
        return byte - (extra[i - 1] if i else 0)

    def start(self, node) -> int:
        return self.offset(node.start_byte)

    def end(self, node) -> int:
        return self.offset(node.end_byte)

    def span(self, node):
        return self.text.index.span(self.start(node), self.end(node))

    def node_text(self, node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    # ---- traversal ------------------------------------------------------------------------------------
    def nodes(self, *types: str) -> list:
        """Every named node of the given types, in document order (one walk per file, then an index)."""
        if self._by_type is None:
            index: dict[str, list] = {}
            cursor = self.root.walk()
            visited = False
            while True:
                if not visited:
                    node = cursor.node
                    if node.is_named:
                        index.setdefault(node.type, []).append(node)
                    if cursor.goto_first_child():
                        continue
                if cursor.goto_next_sibling():
                    visited = False
                    continue
                if not cursor.goto_parent():
                    break
                visited = True
            self._by_type = index
        if len(types) == 1:
            return self._by_type.get(types[0], [])
        out = [n for t in types for n in self._by_type.get(t, [])]
        out.sort(key=lambda n: n.start_byte)
        return out

    def _errors(self) -> list[ParseFailure]:
        if not self.root.has_error:
            return []
        node = _first_error(self.root)
        if node is None:
            return [ParseFailure("JavaScript syntax error")]
        pos = self.text.index.position(self.start(node))
        if node.is_missing:
            what = f"missing `{node.type}`"
        else:
            snippet = self.node_text(node).strip().splitlines()[0][:40] if self.node_text(node).strip() else ""
            what = f"unexpected `{snippet}`" if snippet else "syntax error"
        return [ParseFailure(f"JavaScript syntax error: {what}", pos.line, pos.column)]


def _first_error(node):
    """The first ERROR or MISSING node in document order."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_missing or n.type == "ERROR":
            return n
        if n.has_error:
            stack.extend(reversed(n.children))
    return None


def ancestors(node) -> Iterator:
    n = node.parent
    while n is not None:
        yield n
        n = n.parent


def string_value(tree: JsTree, node) -> Optional[str]:
    """The value of a plain string literal ('x', "x", or a template literal without substitutions)."""
    if node is None:
        return None
    if node.type == "string":
        return "".join(tree.node_text(c) for c in node.named_children if c.type in ("string_fragment",
                                                                                      "escape_sequence"))
    if node.type == "template_string" and not any(c.type == "template_substitution" for c in node.named_children):
        return tree.node_text(node)[1:-1]
    return None


@parser("js")
def parse_js(text: Text, path: str) -> JsTree:
    data = text.text.encode("utf-8", "surrogatepass")
    tree = _parser().parse(data)
    return JsTree(text, data, tree, vendored="/static/lib/" in path.replace("\\", "/"))
