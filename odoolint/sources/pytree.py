"""One walk of a parsed Python tree, shared by every rule of the file.

`TreeIndex` lists the tree's nodes once, in preorder (a parent before its children, children in field order:
source order but for a few fields, e.g. a def's decorators come after its body), with the extent of each node's
subtree, so a rule that needs "every call inside this method" or
"every import of the module" slices a list instead of walking the tree again with `ast.walk` (a generator per
node). The engine's node dispatch runs over the same list.

The walk visits children directly: per node class, the fields that can hold nodes are computed once (identifier,
number and string fields are skipped); a value that is not a node (None, a string of `Global.names`) costs one
lookup. The markers `ast.parse` shares between nodes (Load/Store/Del in `ctx`, the operators in `op`/`ops`) are
left out unless asked for: one object at many places has no single position. The walk recurses (a call per node
with children, leaves appended in place: faster than an explicit stack); a tree nested past Python's recursion
limit (hostile input) is walked again with an explicit stack.
"""
from __future__ import annotations

import ast
from bisect import bisect_left
from operator import attrgetter

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

_AST = ast.AST
_SKIP = object()    # not a node: None, or a string/number that sits in a field that may hold a node
_END = object()     # an int on the walk's stack: the subtree of nodes[that int] ends here

# Fields that never hold a node, per class (CPython 3.8-3.13 ASDL: identifiers, strings, ints, constants).
# Only an optimisation: a field missing from here is looked at and its non-node value skipped.
_PLAIN: dict[type, tuple[str, ...]] = {}
for _name, _fields in {
    "Constant": ("value", "kind"), "Name": ("id",), "Attribute": ("attr",), "keyword": ("arg",),
    "arg": ("arg", "type_comment"), "alias": ("name", "asname"), "FunctionDef": ("name", "type_comment"),
    "AsyncFunctionDef": ("name", "type_comment"), "ClassDef": ("name",), "ImportFrom": ("module", "level"),
    "Assign": ("type_comment",), "For": ("type_comment",), "AsyncFor": ("type_comment",),
    "With": ("type_comment",), "AsyncWith": ("type_comment",), "Global": ("names",), "Nonlocal": ("names",),
    "ExceptHandler": ("name",), "FormattedValue": ("conversion",), "AnnAssign": ("simple",),
    "comprehension": ("is_async",), "MatchSingleton": ("value",), "MatchStar": ("name",), "MatchAs": ("name",),
    "MatchMapping": ("rest",), "MatchClass": ("kwd_attrs",), "TypeIgnore": ("lineno", "tag"),
    "TypeVar": ("name",), "ParamSpec": ("name",), "TypeVarTuple": ("name",),
}.items():
    _cls = getattr(ast, _name, None)
    if _cls is not None:
        _PLAIN[_cls] = _fields


def _plain_fields(cls: type) -> tuple[str, ...]:
    """Python 3.13+ declares each field's type: the fields whose type is not a node (or a list of nodes)."""
    types = getattr(cls, "_field_types", None)
    if not types:
        return _PLAIN.get(cls, ())
    out = []
    for name, t in types.items():
        inner = t
        for _ in range(3):          # list[X], X | None
            args = getattr(inner, "__args__", None)
            if not args:
                break
            inner = next((a for a in args if a is not type(None)), inner)
        if not (isinstance(inner, type) and issubclass(inner, _AST)):
            out.append(name)
    return tuple(out)


MARKERS = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
_MARKER_FIELDS = ("ctx", "op", "ops")


def _child_fields(cls: type, with_markers: bool):
    if not (isinstance(cls, type) and issubclass(cls, _AST)):
        return _SKIP
    plain = _plain_fields(cls)
    return tuple(reversed([f for f in cls._fields if f not in plain
                           and (with_markers or f not in _MARKER_FIELDS)]))


# node class -> the fields that may hold children, last first (the stack pops the first child first). No field
# that the walk looks at holds an int (they are all in _PLAIN), so an int on the stack is always an end marker.
_FIELDS: dict[type, object] = {type(None): _SKIP, int: _END}
_FIELDS_CTX: dict[type, object] = {type(None): _SKIP, int: _END}

# the same, first field first, for the recursive walk
_FORWARD: dict[type, object] = {}
_FORWARD_CTX: dict[type, object] = {}


def _forward(cls: type, with_markers: bool, fields: dict):
    names = _child_fields(cls, with_markers)
    names = fields[cls] = names if names is _SKIP else names[::-1]
    return names


def _walk(tree: ast.AST, with_markers: bool) -> tuple[list, list]:
    """(nodes, ends) by recursion: a call per node that has children, none per leaf (a `Name`, a `Constant`:
    most nodes), no stack of pending values. Raises RecursionError on a tree nested past the limit."""
    fields = _FORWARD_CTX if with_markers else _FORWARD
    get = fields.get
    nodes: list = []
    ends: list = []
    add, add_end = nodes.append, ends.append
    _list = list

    def visit(node, names):
        i = len(nodes)
        add(node)
        add_end(0)
        for name in names:
            value = getattr(node, name, None)
            # the list and single-child branches are the same step written twice on purpose: a helper call
            # per child is what this walk exists to avoid
            if value.__class__ is _list:
                for v in value:
                    n = get(v.__class__)
                    if n is None:
                        n = _forward(v.__class__, with_markers, fields)
                    if n:
                        if n is not _SKIP:
                            visit(v, n)
                    else:
                        add(v)
                        add_end(len(nodes))
            elif value is not None:
                n = get(value.__class__)
                if n is None:
                    n = _forward(value.__class__, with_markers, fields)
                if n:
                    if n is not _SKIP:
                        visit(value, n)
                else:
                    add(value)
                    add_end(len(nodes))
        ends[i] = len(nodes)

    names = get(tree.__class__)
    if names is None:
        names = _forward(tree.__class__, with_markers, fields)
    if names is _SKIP:
        return nodes, ends
    if not names:
        return [tree], [1]
    try:
        visit(tree, names)
    finally:
        del visit       # `visit` refers to itself: left alone, the cycle would keep the tree for the collector
    return nodes, ends


def _walk_deep(tree: ast.AST, with_markers: bool) -> tuple[list, list]:
    """(nodes, ends) with an explicit stack: any depth, slower than `_walk`."""
    fields = _FIELDS_CTX if with_markers else _FIELDS
    get = fields.get
    nodes: list = []
    ends: list = []
    add, add_end = nodes.append, ends.append
    stack: list = [tree]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        names = get(node.__class__)
        if names is None:
            names = fields[node.__class__] = _child_fields(node.__class__, with_markers)
        if names is _SKIP:
            continue
        if names is _END:
            ends[node] = len(nodes)
            continue
        i = len(nodes)
        add(node)
        if not names:
            add_end(i + 1)
            continue
        add_end(0)
        push(i)
        for name in names:
            value = getattr(node, name, None)
            if value.__class__ is list:
                if value:
                    extend(reversed(value))
            elif value is not None:
                push(value)
    return nodes, ends


class TreeIndex:
    """The nodes of a tree in preorder, each node's subtree extent, and the nodes of each class."""

    __slots__ = ("nodes", "ends", "with_markers", "_pos", "_by_type", "_depths", "_starts")

    def __init__(self, tree: ast.AST, with_markers: bool = False):
        self.with_markers = with_markers
        try:
            self.nodes, self.ends = _walk(tree, with_markers)
        except RecursionError:      # nested past the recursion limit (hostile input): the explicit stack
            self.nodes, self.ends = _walk_deep(tree, with_markers)
        self._pos: Optional[dict[int, int]] = None
        self._by_type: Optional[dict[type, list]] = None
        self._depths: Optional[list[int]] = None
        self._starts: Optional[dict[type, tuple[list, list]]] = None

    def of(self, *classes: type) -> list:
        """The nodes of exactly these classes (not subclasses), in preorder (one class: listed once per class asked,
        a file asks for few)."""
        if len(classes) == 1:
            cls = classes[0]
            by = self._by_type
            if by is None:
                by = self._by_type = {}
            hit = by.get(cls)
            if hit is None:
                hit = by[cls] = [n for n in self.nodes if n.__class__ is cls]
            return hit
        wanted = set(classes)
        return [n for n in self.nodes if n.__class__ in wanted]

    def position(self, node: ast.AST) -> int:
        return self._positions()[id(node)]

    def _positions(self) -> dict[int, int]:
        pos = self._pos
        if pos is None:
            pos = self._pos = dict(zip(map(id, self.nodes), range(len(self.nodes))))
        return pos

    def subtree(self, node: ast.AST) -> list:
        """The node and everything under it, in preorder (what `ast.walk(node)` yields, in another order)."""
        i = self.position(node)
        return self.nodes[i:self.ends[i]]

    def inside(self, node: ast.AST, *classes: type) -> list:
        """The nodes of exactly these classes in `node`'s subtree (the node included), in preorder: a range of
        each class's list (`of`), found by bisection, not a scan of the subtree."""
        i = self.position(node)
        stop = self.ends[i]
        found = []
        for cls in classes:
            nodes, starts = self._positioned(cls)
            lo = bisect_left(starts, i)
            hi = bisect_left(starts, stop, lo)
            if lo < hi:
                found.append((starts[lo:hi], nodes[lo:hi]))
        if len(found) == 1:
            return found[0][1]
        if not found:
            return []
        pairs = sorted((p, k, n) for k, (ps, ns) in enumerate(found) for p, n in zip(ps, ns))
        return [n for _, _, n in pairs]

    def _positioned(self, cls: type) -> tuple[list, list]:
        """(the nodes of a class, their positions), built once per class."""
        memo = self._starts
        if memo is None:
            memo = self._starts = {}
        hit = memo.get(cls)
        if hit is None:
            nodes = self.of(cls)
            pos = self._positions()
            hit = memo[cls] = (nodes, [pos[id(n)] for n in nodes])
        return hit

    def scope(self, roots, skip: frozenset) -> list:
        """The nodes under `roots` (each root included), not descending into nodes whose class is in `skip`
        (those nodes themselves included), in preorder: a function body's own nodes."""
        nodes, ends, pos = self.nodes, self.ends, self.position
        out: list = []
        add = out.append
        for root in roots:
            i = pos(root)
            stop = ends[i]
            while i < stop:
                n = nodes[i]
                add(n)
                i = ends[i] if n.__class__ in skip else i + 1
        return out

    def walk_order(self, nodes: list) -> list:
        """`nodes` (of this tree) in the order `ast.walk` yields them: breadth first, then preorder."""
        pos = self.position
        if len(nodes) < 32 and self._depths is None:     # a few classes or imports: their own depths only
            depth = self._depth
            keyed = [(depth(p), p, n) for n in nodes for p in (pos(n),)]
            keyed.sort(key=lambda k: (k[0], k[1]))
            return [k[2] for k in keyed]
        depths = self._depths
        if depths is None:
            depths = self._depths = []
            add = depths.append
            open_ends: list = []
            for i, end in enumerate(self.ends):
                while open_ends and open_ends[-1] <= i:
                    open_ends.pop()
                add(len(open_ends))
                open_ends.append(end)
        return sorted(nodes, key=lambda n: (depths[pos(n)], pos(n)))

    def walk(self, node: ast.AST) -> list:
        """What `ast.walk(node)` yields, in its order (breadth first), markers aside: the node's slice of the
        index, sorted by depth below it (a stable sort keeps preorder within a depth)."""
        i = self.position(node)
        stop = self.ends[i]
        ends = self.ends
        depths: list = []
        add = depths.append
        open_ends: list = []
        pop = open_ends.pop
        push = open_ends.append
        for j in range(i, stop):
            while open_ends and open_ends[-1] <= j:
                pop()
            add(len(open_ends))
            push(ends[j])
        nodes = self.nodes[i:stop]
        return [nodes[k] for k in sorted(range(stop - i), key=depths.__getitem__)]

    def _depth(self, p: int) -> int:
        """The depth of nodes[p]: from the root, hop over the siblings that end before it, then step down."""
        ends = self.ends
        d = j = 0
        while j != p:
            c = j + 1
            while ends[c] <= p:
                c = ends[c]
            j = c
            d += 1
        return d


def _callee_name(call: ast.Call) -> Optional[str]:
    f = call.func
    cls = f.__class__
    return f.attr if cls is ast.Attribute else f.id if cls is ast.Name else None


# the name of a node, for the rules' `names` test (registry.rule): types without one are never tested
NODE_NAME = {
    ast.Attribute: attrgetter("attr"), ast.Call: _callee_name, ast.Name: attrgetter("id"),
    ast.FunctionDef: attrgetter("name"), ast.AsyncFunctionDef: attrgetter("name"), ast.ClassDef: attrgetter("name"),
    ast.keyword: attrgetter("arg"),
}


def tree_index(tree: ast.AST) -> TreeIndex:
    """The tree's index, built on first use and kept on the tree (the engine builds it before the node rules)."""
    index = getattr(tree, "_odoolint_index", None)
    if index is None:
        index = TreeIndex(tree)
        try:
            tree._odoolint_index = index
        except AttributeError:
            pass
    return index


def stmt_classes() -> tuple[type, ...]:
    """Every concrete `ast.stmt` class of this Python (for `TreeIndex.of`, which matches exact classes)."""
    return _subclasses(ast.stmt)


def _subclasses(base: type) -> tuple[type, ...]:
    out, todo = [], [base]
    while todo:
        c = todo.pop()
        for s in c.__subclasses__():
            if s.__module__ == "ast":
                out.append(s)
                todo.append(s)
    return tuple(out)
