"""The tree index every Python rule shares (odoolint/sources/pytree.py) and the engine's `words` gate."""
import ast
from pathlib import Path

from odoolint.sources.pytree import MARKERS, TreeIndex, tree_index
from tests.helpers import lint, rows

SRC = '''\
import logging
from odoo import api, fields, models
_logger = logging.getLogger(__name__)


class A(models.Model):
    _inherit = "res.partner"
    total = fields.Float(compute="_compute_total")

    @api.depends("x")
    def _compute_total(self):
        for rec in self:
            rec.write({"total": 1 + 2 if not rec.x else -1})
        def inner():
            yield lambda y: y or [z for z in range(3) if z in (1, 2)]
        global G
        return {k: v for k, v in self.env.context.items()}
'''


def _walk(node):
    return [n for n in ast.walk(node) if not isinstance(n, MARKERS)]


def _preorder(node):
    """A parent, then each child's subtree in field order (what the index holds, markers aside)."""
    out = [node]
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, MARKERS):
            out += _preorder(child)
    return out


def test_index_lists_every_node_once_in_source_order_with_subtree_extents():
    tree = ast.parse(SRC)
    index = TreeIndex(tree)
    assert sorted(map(id, index.nodes)) == sorted(map(id, _walk(tree)))
    assert len(set(map(id, index.nodes))) == len(index.nodes)      # shared operator/ctx markers are left out
    assert not any(isinstance(n, MARKERS) for n in index.nodes)
    for i, node in enumerate(index.nodes):
        assert sorted(map(id, index.subtree(node))) == sorted(map(id, _walk(node)))
        assert index.nodes[i:index.ends[i]] == index.subtree(node)
    assert index.nodes == _preorder(tree)
    assert index.walk_order(list(reversed(index.nodes))) == _walk(tree)
    assert index.of(ast.Name) == [n for n in _preorder(tree) if isinstance(n, ast.Name)]
    fn = index.of(ast.FunctionDef)[0]
    assert [type(n).__name__ for n in index.inside(fn, ast.Lambda, ast.ListComp)] == ["Lambda", "ListComp"]
    for node in index.nodes:
        sub = index.subtree(node)
        for classes in ((ast.Name,), (ast.Call, ast.Attribute), (ast.FunctionDef, ast.Lambda, ast.Constant)):
            assert index.inside(node, *classes) == [n for n in sub if n.__class__ in classes]


def test_walk_order_of_a_few_nodes_is_ast_walk_order():
    tree = ast.parse(SRC)
    index = TreeIndex(tree)
    walk = _walk(tree)
    for step in (3, 7, 11):
        few = index.nodes[::step][:20]
        assert index.walk_order(list(reversed(few))) == [n for n in walk if n in few]


def test_walk_of_a_node_is_ast_walk_without_markers():
    tree = ast.parse(SRC)
    index = TreeIndex(tree)
    for node in index.nodes:
        assert index.walk(node) == _walk(node)


def test_the_explicit_stack_walk_gives_the_same_index():
    from odoolint.sources.pytree import _walk as walk, _walk_deep
    tree = ast.parse(SRC)
    for markers in (False, True):
        assert walk(tree, markers) == _walk_deep(tree, markers)


def test_markers_are_indexed_when_asked():
    tree = ast.parse("a = b + c\n")
    index = TreeIndex(tree, with_markers=True)
    assert [type(n).__name__ for n in index.nodes] == ["Module", "Assign", "Name", "Store", "BinOp", "Name",
                                                       "Load", "Add", "Name", "Load"]


def test_scope_stops_at_nested_scopes_and_keeps_them():
    tree = ast.parse(SRC)
    index = tree_index(tree)
    assert tree_index(tree) is index
    fn = index.of(ast.FunctionDef)[0]
    own = index.scope(fn.body, frozenset((ast.FunctionDef, ast.Lambda)))
    names = [type(n).__name__ for n in own]
    assert "FunctionDef" in names and "Yield" not in names and "Lambda" not in names
    inner = index.of(ast.FunctionDef)[1]
    assert own == [n for stmt in fn.body for n in _preorder(stmt)
                   if n not in index.subtree(inner)[1:]]


def test_nesting_past_the_recursion_limit_is_walked():
    depth = 5000
    tree = ast.Module(body=[], type_ignores=[])
    expr = ast.Constant(1)
    for _ in range(depth):
        expr = ast.UnaryOp(op=ast.USub(), operand=expr)
    tree.body.append(ast.Expr(expr))
    index = TreeIndex(tree)
    assert len(index.nodes) == depth + 3 and index.ends[0] == depth + 3


MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def test_a_rule_with_words_runs_where_the_text_or_its_nfkc_form_spells_them(tmp_path: Path):
    # PY117 declares words=("toggle_active",): `ｔoggle_active` (a fullwidth t) is `toggle_active` to Python
    res = lint(tmp_path, {"m/__manifest__.py": MAN,
                          "m/models/a.py": "def f(self):\n    self.env['x'].browse(1).toggle_active()\n",
                          "m/models/b.py": "def f(self):\n    self.env['x'].browse(1).\uff54oggle_active()\n",
                          "m/models/c.py": "def f(self):\n    self.env['x'].browse(1).archive()  # \u00e9\n"},
               odoo_version="19.0", select=["PY117"])
    assert [r[:4] for r in rows(res, tmp_path)] == [("m/models/a.py", "PY117", 2, 29),
                                                   ("m/models/b.py", "PY117", 2, 29)]


def test_a_rule_with_names_sees_only_the_nodes_so_named_in_the_types_order():
    from odoolint.engine import FileContext, FileResult, RuleSet, _dispatch
    from odoolint.model import Severity
    from odoolint.registry import Rule, RuleMeta
    from odoolint.sources import decode
    seen = []

    def rule(code, nodes, names=None):
        meta = RuleMeta(code, code.lower(), "s", ("python",), Severity.WARNING, "w", "y", "src", scope="node")
        return Rule(meta, lambda node, ctx: seen.append((code, type(node).__name__, ast.unparse(node))), nodes, (),
                    {t: frozenset(v) for t, v in names.items()} if names else None)

    a = rule("PY901", (ast.Call, ast.Attribute), {ast.Call: ("write",), ast.Attribute: ("env",)})
    b = rule("PY902", (ast.Call,))
    c = rule("PY903", (ast.Call,), {ast.Call: ("get", "write")})
    rs = RuleSet({}, {"python": {ast.Call: [a, b, c], ast.Attribute: [a]}}, [], {}, frozenset())
    src = "self.env.write(x)\nget(1)\nf()[0]()\n"
    text = decode(src.encode(), "python")
    ctx = FileContext("a.py", "a.py", "python", text, ast.parse(src), None, None, None, {})
    _, table = rs.for_file("python", src)
    _dispatch(FileResult("a.py", "python", ""), table, ctx, ctx.tree)
    assert seen == [("PY901", "Call", "self.env.write(x)"), ("PY902", "Call", "self.env.write(x)"),
                    ("PY903", "Call", "self.env.write(x)"), ("PY901", "Attribute", "self.env"),
                    ("PY902", "Call", "get(1)"), ("PY903", "Call", "get(1)"),
                    ("PY902", "Call", "f()[0]()"), ("PY902", "Call", "f()")]


def test_the_words_gate_reads_the_nfkc_form_and_skips_rules_named_on_every_node_type():
    from odoolint.engine import build_ruleset
    from odoolint.model import Severity
    from odoolint.registry import Registry, Rule, RuleMeta

    def rule(code, words, names=None):
        meta = RuleMeta(code, code.lower(), "s", ("python",), Severity.WARNING, "w", "y", "src", scope="node")
        return Rule(meta, lambda node, ctx: None, (ast.Call,), words,
                    {t: frozenset(v) for t, v in names.items()} if names else None)

    reg = Registry()
    reg.rules = {"PY901": rule("PY901", ("toggle_active",)), "PY902": rule("PY902", ("archive",)),
                 "PY903": rule("PY903", ("unlink",), {ast.Call: ("unlink",)})}
    rs = build_ruleset(reg, frozenset(reg.rules), None)
    assert [r.meta.code for r in rs.gated["python"]] == ["PY901", "PY902"]

    def called(text):
        _, table = rs.for_file("python", text)
        rules = table[ast.Call]
        return sorted(r.meta.code for r in ([r for r, _ in rules.tests] if hasattr(rules, "tests") else rules))

    assert called("x.toggle_active()\n") == ["PY901", "PY903"]
    assert called("x.\uff54oggle_active()  # \u00e9\n") == ["PY901", "PY903"]      # fullwidth t: NFKC spells it
    assert called("x.archive()  # \u00e9\n") == ["PY902", "PY903"]                  # NFKC already: no rescan
    assert called("pass\n") == ["PY903"]
