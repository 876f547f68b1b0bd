"""YAML through PyYAML's safe composer: a node tree with start/end marks on every node.

Nothing is constructed from tags, so `!!python/...` stays an inert node that a rule can report.
"""
from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Iterator, Optional

from . import ParseFailure, Text, parser


@dataclass
class YamlTree:
    documents: list            # yaml.Node roots (None for empty documents)

    @property
    def root(self):
        return self.documents[0] if self.documents else None


@parser("compose", "do-app-spec", "gh-workflow")
def parse_yaml(text: Text, path: str) -> YamlTree:
    import yaml

    try:
        loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            docs = list(yaml.compose_all(text.text, Loader=loader_cls))
        except yaml.YAMLError:
            if loader_cls is yaml.SafeLoader:
                raise
            # libyaml words its errors differently: report the pure-Python composer's message everywhere
            docs = list(yaml.compose_all(text.text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ParseFailure(f"YAML error: {exc.problem or exc.context}", line, col) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ParseFailure(f"YAML error: {exc}") from None
    for doc in docs:
        _check_budget(doc)
    return YamlTree(docs)


NODE_BUDGET = 1_000_000   # distinct nodes of one document; an alias is its target, counted once


def _check_budget(doc) -> None:
    """Refuse documents of more than NODE_BUDGET distinct nodes, or with an alias that refers to a node containing
    it (a recursive structure, which a walker that follows aliases would never finish).

    Aliases are shared nodes: each is visited and counted once and never expanded, so a 'billion laughs' of 400
    bytes costs 400 bytes here. Walkers over the tree memo shared nodes the same way (`to_python`, `mitems`).
    """
    if doc is None:
        return
    done: set[int] = set()          # nodes whose subtree is checked
    on_path: set[int] = set()       # nodes being checked (their ancestors included)
    stack: list[tuple[object, bool]] = [(doc, False)]
    count = 0
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        if leaving:
            on_path.discard(key)
            done.add(key)
            continue
        if key in done:
            continue
        if key in on_path:
            mark = getattr(node, "start_mark", None)
            raise ParseFailure("YAML alias refers to a node that contains it (a recursive structure): not analysed",
                               (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1)
        count += 1
        if count > NODE_BUDGET:
            mark = getattr(node, "start_mark", None)
            raise ParseFailure(f"YAML document has more than {NODE_BUDGET} nodes: not analysed",
                               (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1)
        on_path.add(key)
        stack.append((node, True))
        for c in _children(node):
            if id(c) not in done:
                stack.append((c, False))


def _children(node) -> list:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        if isinstance(item, tuple):
            out.extend(x for x in item if x is not None)
        elif item is not None:
            out.append(item)
    return out


def is_map(node) -> bool:
    return node is not None and node.id == "mapping"


def is_seq(node) -> bool:
    return node is not None and node.id == "sequence"


def is_scalar(node) -> bool:
    return node is not None and node.id == "scalar"


def items(node) -> Iterator[tuple[str, Any, Any]]:
    """(key text, key node, value node) for each entry of a mapping node."""
    if not is_map(node):
        return
    for k, v in node.value:
        if is_scalar(k):
            yield k.value, k, v


def get(node, key: str):
    """The value node for `key` in a mapping node, or None."""
    for k, _, v in items(node):
        if k == key:
            return v
    return None


def get_pair(node, key: str):
    for k, kn, v in items(node):
        if k == key:
            return kn, v
    return None, None


def seq(node) -> list:
    return list(node.value) if is_seq(node) else []


def scalar(node) -> Optional[str]:
    return node.value if is_scalar(node) else None


_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "str")}
_CONSTRUCTOR = None


def _constructor():
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        import yaml
        _CONSTRUCTOR = yaml.SafeLoader("")
    return _CONSTRUCTOR


def to_python(node, _memo=None) -> Any:
    """Plain data from a node: YAML 1.1 core scalars resolved, unknown tags kept as text.

    Aliases are shared, never re-expanded, so a 'billion laughs' document stays small.
    """
    if node is None:
        return None
    memo = {} if _memo is None else _memo
    key = id(node)
    if key in memo:
        return memo[key]
    if is_scalar(node):
        out: Any = node.value
        if node.tag in _CORE_TAGS:
            try:
                out = _constructor().construct_object(node, deep=False)
            except Exception:  # a malformed scalar stays text
                out = node.value
        memo[key] = out
        return out
    if is_seq(node):
        out_list: list = []
        memo[key] = out_list
        out_list.extend(to_python(x, memo) for x in node.value)
        return out_list
    out_map: dict = {}
    memo[key] = out_map
    for k, v in node.value:
        kv = to_python(k, memo)
        try:
            out_map[kv] = to_python(v, memo)
        except TypeError:
            out_map[str(kv)] = to_python(v, memo)
    return out_map


PLAIN_LIMIT = 10_000


def expanded_size(node, limit: int) -> int:
    """How many nodes `node` has with its aliases expanded, counted with a memo over shared nodes (linear in
    the distinct nodes) and capped just above `limit`."""
    sizes: dict[int, int] = {}
    stack: list[tuple[object, bool]] = [(node, False)]
    while stack:
        n, leaving = stack.pop()
        if n is None:
            continue
        key = id(n)
        if leaving:
            total = 1
            for c in _children(n):
                total = min(limit + 1, total + sizes.get(id(c), 0))
            sizes[key] = total
        elif key not in sizes:
            sizes[key] = 0          # being counted: a cycle adds nothing (recursive documents are refused anyway)
            stack.append((n, True))
            stack.extend((c, False) for c in _children(n) if id(c) not in sizes)
    return sizes.get(id(node), 0)


def to_plain(node, limit: int = PLAIN_LIMIT) -> Any:
    """`to_python` for data that leaves the tree (facts, cache, messages): None when aliases would expand it
    beyond `limit` nodes, as JSON, `str` and every naive walker of plain data expand shared parts."""
    if node is None or expanded_size(node, limit) > limit:
        return None
    return to_python(node)


def span(index, node):
    """Span of a node from its marks (character offsets into the text)."""
    start = node.start_mark.index
    end = node.end_mark.index
    if is_scalar(node) and node.style in ("'", '"'):
        pass  # the quotes are part of the span; value_span() excludes them
    return index.span(start, end)


def value_span(index, node):
    """Span of a scalar's text without its quotes."""
    start, end = node.start_mark.index, node.end_mark.index
    if is_scalar(node) and node.style in ("'", '"') and end - start >= 2:
        return index.span(start + 1, end - 1)
    return index.span(start, end)


PY_TAG = "tag:yaml.org,2002:python/"


def python_tags(tree) -> Iterator:
    """Nodes carrying a `!!python/...` tag, in document order (composed, never constructed)."""
    seen = set()
    for doc in getattr(tree, "documents", None) or ():
        stack = [(doc, 0)]
        while stack:
            node, depth = stack.pop()
            if node is None or depth > 200 or id(node) in seen:
                continue
            seen.add(id(node))
            if (getattr(node, "tag", "") or "").startswith(PY_TAG):
                yield node
            if is_seq(node):
                stack.extend((x, depth + 1) for x in reversed(node.value))
            elif is_map(node):
                for k, v in reversed(node.value):
                    stack.append((v, depth + 1))
                    stack.append((k, depth + 1))
