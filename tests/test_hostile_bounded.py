"""Item 3 of #15: bounded work. YAML shared nodes are walked once and never expanded, a recursive alias or a
document over the node budget is a finding, and regular expressions stay linear on megabyte lines."""
from pathlib import Path

import pytest

from odoolint.sources import decode, parse
from odoolint.sources import yamltree as yt
from tests.helpers import lint, rows

# 9 ** 9 = 387 million leaves once expanded; 82 distinct nodes in the file
_BOMB = "\n".join(["x-a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
                  + [f"x-a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, 10)])
_MERGE_BOMB = "\n".join(["x-m0: &m0 {a: 1, b: '$x'}"]
                        + [f"x-m{k}: &m{k}\n  <<: [*m{k - 1}, *m{k - 1}]\n  k{k}: v" for k in range(1, 19)])


def test_the_node_budget_counts_an_alias_once(tmp_path):
    tree = parse("compose", decode((_BOMB + "\nservices: {web: {image: odoo:17, environment: *a9}}\n").encode(),
                                   "compose"), "c.yml")
    data = yt.to_python(tree.root)
    shared = data["x-a9"][0] is data["x-a8"]
    assert shared


def test_compose_alias_bomb_is_linted_with_its_findings(tmp_path):
    body = _BOMB + "\nservices:\n  web:\n    image: odoo:17\n    environment: *a9\n    command: *a9\n" \
                   "    labels: [\"$1\"]\n"
    result = lint(tmp_path, {"docker-compose.yml": body}, select=["DC"])
    found = rows(result, tmp_path)
    assert result.errors == [] and not [r for r in found if r[1] == "DC001"]
    assert [r[:4] for r in found if "$1" in r[4]] == [("docker-compose.yml", "DC102", 16, 15)]


def test_every_scalar_of_an_alias_bomb_is_visited_once():
    from odoolint.rules.compose.rules import _values
    tree = parse("compose", decode((_BOMB + "\n").encode(), "compose"), "c.yml")
    seen = list(_values(tree.root, ()))
    assert len(seen) == 9                       # the nine scalars of x-a0, each at its first path
    assert seen[0][0] == ("x-a0", "0")


def test_merge_key_bomb_visits_each_merged_mapping_once():
    from odoolint.rules.compose.facts import mitems
    tree = parse("compose", decode((_MERGE_BOMB + "\n").encode(), "compose"), "c.yml")
    last = yt.get(tree.root, "x-m18")
    keys = [k for k, _, _ in mitems(last)]
    assert keys == [f"k{k}" for k in range(18, 0, -1)] + ["a", "b"]


def test_merge_key_bomb_through_the_runner(tmp_path):
    body = _MERGE_BOMB + "\nservices:\n  web:\n    <<: *m18\n    image: odoo:17\n"
    result = lint(tmp_path, {"docker-compose.yml": body}, select=["DC"])
    assert result.errors == []
    assert not [d for d in result.diagnostics if d.code == "DC001"]


@pytest.mark.parametrize("name, body, line, col", [
    ("docker-compose.yml", "services:\n  web: &w\n    image: odoo:17\n    labels: [*w]\n", 2, 8),
    (".github/workflows/ci.yml", "on: push\njobs: &j\n  t: {runs-on: x, steps: [*j]}\n", 2, 7),
    (".do/app.yaml", "name: x\nservices:\n  - &s {name: web, envs: [*s]}\n", 3, 5),
])
def test_a_recursive_alias_is_the_kinds_parse_error(tmp_path, name, body, line, col):
    result = lint(tmp_path, {name: body})
    code = {"docker-compose.yml": "DC001", ".github/workflows/ci.yml": "GHA001", ".do/app.yaml": "DO001"}[name]
    assert (name, code, line, col, "YAML alias refers to a node that contains it (a recursive structure): "
                                   "not analysed") in rows(result, tmp_path)
    assert result.errors == []


def test_a_document_over_the_node_budget_is_a_finding(tmp_path, monkeypatch):
    monkeypatch.setattr(yt, "NODE_BUDGET", 50)
    body = "services:\n  web:\n    image: odoo:17\n    labels: [" + ", ".join(["x"] * 60) + "]\n"
    result = lint(tmp_path, {"docker-compose.yml": body}, select=["DC001"])
    assert rows(result, tmp_path) == [("docker-compose.yml", "DC001", 4, 53,
                                       "YAML document has more than 50 nodes: not analysed")]


# ---- linear regular expressions: a megabyte line of the characters each pattern repeats ------------------

MB = 1 << 20


_MB_CASES = [
    ("odoo.conf", "[options]\n" + " " * MB + "\n" + "db_host =" + " " * MB + "x ;c\n"),
    ("odoo.conf", "[options]\nadmin_passwd = " + "%(" * (MB // 2) + "\n"),
    ("odoo.conf", "[options]\ndb_name = " + "${" * (MB // 2) + "\n"),
    ("docker-compose.yml", "services:\n  web:\n    image: odoo:17\n    command: \"" + "a " * (MB // 2) + "\"\n"),
    ("docker-compose.yml", "services:\n  web:\n" + " " * MB + "\n    image: odoo:17\n"),
    ("Dockerfile", "FROM odoo:17\nRUN " + "a " * (MB // 2) + "\n"),
    ("Dockerfile", "FROM odoo:17\n" + " \t" * (MB // 2) + "\n"),
    (".github/workflows/ci.yml", "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: \""
     + "${{ " * (MB // 4) + "\"\n"),
    ("addons/m/models/x.py", "x = '" + "a" * MB + "'\n" + " " * MB + "\n"),
    ("addons/m/__manifest__.py", "{'name': 'M', 'version': '17.0.1.0.0', 'summary': '" + " " * MB + "'}\n"),
    ("addons/m/views/v.xml", "<odoo><record id=\"a\" model=\"ir.ui.view\"><field name=\"arch\" type=\"xml\">"
     "<div class=\"" + "a " * (MB // 2) + "\"/></field></record></odoo>\n"),
    ("addons/m/security/ir.model.access.csv", "id,name,model_id:id,group_id:id,perm_read,perm_write,"
     "perm_create,perm_unlink\n" + "a," * (MB // 2) + "\n"),
    ("addons/m/i18n/fr.po", "msgid \"\"\nmsgstr \"\"\n\nmsgid \"" + "%(" * (MB // 2) + "\"\nmsgstr \"x\"\n"),
    ("addons/m/static/src/x.js", "const x = '" + "a" * MB + "';\n" + " " * MB + "\n"),
    ("nginx/odoo.conf", "server {\n  listen 80;\n" + " " * MB + "\n}\n"),
    ("superset_config.py", "SECRET_KEY = '" + "a " * (MB // 2) + "'\n"),
    (".env", "A=" + "$" * MB + "\n"),
    # a megabyte of blank lines before the content classification and version detection look for
    ("docker-compose.yml", "\n" * MB + "services:\n  web:\n    image: odoo:17\n"),
    ("Dockerfile", "\n" * MB + "FROM odoo:17\n"),
    ("odoo.conf", "\n" * MB + "[options]\ndb_host = x\n"),
    ("addons/m/__manifest__.py", "\n" * MB + "{'name': 'M', 'version': '17.0.1.0.0'}\n"),
]


@pytest.mark.parametrize("name, body", [pytest.param(n, b, id=f"{n}-{i}") for i, (n, b) in enumerate(_MB_CASES)])
def test_a_megabyte_line_of_each_kind_is_linted(tmp_path, name, body):
    """Quadratic patterns take hours on these lines; linear ones a moment. Each must simply finish cleanly."""
    result = lint(tmp_path, {name: body, "addons/m/__init__.py": ""})
    assert result.errors == []
    assert not [d for d in result.diagnostics if d.code == "OL003"]
    assert str(Path(tmp_path / name).resolve()) in result.kinds or name == ".env"


# ---- deep nesting: walkers use explicit stacks or the kind's parse error -----------------------------------

_DEEP = 3000


@pytest.mark.parametrize("name, body", [
    pytest.param("nginx/odoo.conf", "server {\n" + "location / {\n" * _DEEP + "}\n" * _DEEP + "}\n", id="nginx"),
    pytest.param("docker-compose.yml", "services:\n  web:\n    image: odoo:17\n    labels: "
                 + "[" * _DEEP + "]" * _DEEP + "\n", id="compose"),
    pytest.param("addons/m/views/v.xml", "<odoo>" + "<a>" * _DEEP + "</a>" * _DEEP + "</odoo>\n", id="xml"),
    pytest.param("addons/m/models/x.py", "x = " + "(" * _DEEP + ")" * _DEEP + "\n", id="python"),
    pytest.param("addons/m/__manifest__.py", "{'name': 'M', 'data': " + "[" * _DEEP + "]" * _DEEP + "}\n",
                 id="manifest"),
])
def test_deep_nesting_is_linted_without_internal_error(tmp_path, name, body):
    result = lint(tmp_path, {name: body, "addons/m/__init__.py": ""}, fix=True)
    assert result.errors == []
    assert not [d for d in result.diagnostics if d.code == "OL003"]
