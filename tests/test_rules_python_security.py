"""PY401-PY403 security and correctness rules, and pylint disable aliases."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '19.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"


def run(tmp_path, src, select, path=P):
    return lint(tmp_path, {"my_mod/__manifest__.py": MAN, path: src}, odoo_version="19.0", select=select)


SQL = '''from psycopg2 import sql


def f(self, name, table):
    self.env.cr.execute("SELECT id FROM t WHERE name = '%s'" % name)
    self._cr.execute(f"SELECT * FROM {table}")
    cr.execute("SELECT * FROM x WHERE a = " + name)
    self.env.cr.execute("DELETE FROM {}".format(table))
    self.env.cr.execute("SELECT id FROM t WHERE name = %s", (name,))
    self.env.cr.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
    self.env.cr.execute("SELECT %s" % "1")
    self.env.cr.execute("SELECT 1 " + "FROM x")
    self.env.cr.execute(SQL("SELECT %s", name))
    self.env.cr.execute("SELECT * FROM %s" % table)  # pylint: disable=sql-injection
'''


def test_sql_injection(tmp_path):
    assert rows(run(tmp_path, SQL, ["PY401"]), tmp_path) == [
        (P, "PY401", 5, 5, "SQL query built with `%` formatting and passed to `execute()`: pass the values as "
         "the second argument (`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`"),
        (P, "PY401", 6, 5, "SQL query built with an f-string and passed to `execute()`: pass the values as the "
         "second argument (`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`"),
        (P, "PY401", 7, 5, "SQL query built with string concatenation and passed to `execute()`: pass the values "
         "as the second argument (`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`"),
        (P, "PY401", 8, 5, "SQL query built with `.format()` and passed to `execute()`: pass the values as the "
         "second argument (`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`"),
    ]


def test_invalid_commit(tmp_path):
    src = "def f(self, other):\n    self.env.cr.commit()\n    other.commit()\n    self._cr.commit()  # pylint: disable=invalid-commit\n"
    assert rows(run(tmp_path, src, ["PY402"]), tmp_path) == [
        (P, "PY402", 2, 5, "`commit()` on the transaction cursor in business code: partial work becomes permanent "
         "if the request later fails; let Odoo commit")]
    assert rows(run(tmp_path, src, ["PY402"], path="my_mod/tests/test_x.py"), tmp_path) == [
        (P, "PY402", 2, 5, "`commit()` on the transaction cursor in business code: partial work becomes permanent "
         "if the request later fails; let Odoo commit")]   # only the models file: tests are exempt


HOOK = '''from odoo import http
from odoo.http import request


class Hook(http.Controller):
    @http.route("/hook", type="jsonrpc", auth="public", csrf=False)
    def hook(self, **kw):
        request.env["sale.order"].sudo().create({"name": kw.get("name")})

    @http.route("/signed", type="jsonrpc", auth="public", csrf=False)
    def signed(self, **kw):
        if not hmac.compare_digest(kw["sig"], self._expected()):
            return False
        request.env["sale.order"].sudo().create({})

    @http.route("/page", type="http", auth="public")
    def page(self, **kw):
        request.env["x"].sudo().create({})

    @http.route("/read", auth="none", csrf=False)
    def read(self, **kw):
        return request.env["x"].sudo().search([])
'''


def test_webhook(tmp_path):
    assert rows(run(tmp_path, HOOK, ["PY403"], path="my_mod/controllers/main.py"), tmp_path) == [
        ("my_mod/controllers/main.py", "PY403", 6, 6, "route is public (auth='public', csrf=False) and calls "
         "`create()` without verifying a signature or token: anyone can forge these requests")]


VAR = '''def f(self, name, ids):
    query = "SELECT id FROM t WHERE name = '%s'" % name
    self.env.cr.execute(query)
    safe = "SELECT id FROM t WHERE id IN %s"
    self.env.cr.execute(safe, (tuple(ids),))
    where = "WHERE a = 1"
    where += " AND b = %s" % name

    def inner():
        self.env.cr.execute(query)
    self.env.cr.execute(where)
'''


def test_sql_injection_through_variables(tmp_path):
    assert [x[1:5] for x in rows(run(tmp_path, VAR, ["PY401"]), tmp_path)] == [
        ("PY401", 3, 5, "SQL query `query` is built with `%` formatting (line 2) and passed to `execute()`: pass the "
         "values as the second argument (`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`"),
        ("PY401", 11, 5, "SQL query `where` is built with `%` formatting (line 7) and passed to `execute()`: pass the "
         "values as the second argument (`execute(query, params)`) or compose with `psycopg2.sql` / `odoo.tools.SQL`")]


FLOW = '''from psycopg2 import sql
from odoo.tools import SQL


def f(self, ids, name, operator, v1, v2):
    q = "SELECT 1"
    q = "SELECT * FROM t WHERE a = '%s'" % name
    self.env.cr.execute(q)
    self.env.cr.executemany("INSERT INTO t VALUES (%s, %s)" % (v1, v2))
    parts = {}
    parts[1] = "SELECT * FROM t WHERE a = %s" % name
    self.env.cr.execute(parts[1])
    where = self.env.cr.mogrify("a = %s", (name,)).decode()
    self.env.cr.execute("SELECT * FROM t WHERE " + where)
    self.env.cr.execute("SELECT * FROM %s" % self.env["res.partner"]._table)
    self.env.cr.execute("SELECT * FROM %s" % self.model._table)
    ident = sql.Identifier(name)
    self.env.cr.execute(sql.SQL("SELECT * FROM {}").format(ident))
    if operator not in ("=", "!=", "<"):
        raise ValueError(operator)
    self.env.cr.execute("SELECT * FROM t WHERE a %s 1" % operator)
    op = "WHERE"
    self.env.cr.execute("SELECT * FROM t " + op + " a = 1")
    supported = ["<", ">"]
    if operator not in supported:
        raise ValueError(operator)
    self.env.cr.execute(f"SELECT * FROM t WHERE a {operator} %s", (1,))
'''


def test_sql_injection_follows_flows_and_trusts_escaped_values(tmp_path):
    assert [x[1:4] for x in rows(run(tmp_path, FLOW, ["PY401"]), tmp_path)] == [
        ("PY401", 8, 5), ("PY401", 9, 5), ("PY401", 12, 5)]
    assert rows(run(tmp_path / "b", FLOW, ["PY401"]), tmp_path / "b")[1][4].endswith(
        "passed to `executemany()`: pass the values as the second argument (`execute(query, params)`) or compose with "
        "`psycopg2.sql` / `odoo.tools.SQL`")
    # pylint's own pragmas, by symbol or by message id
    src = FLOW.replace("    self.env.cr.execute(q)\n", "    self.env.cr.execute(q)  # pylint: disable=E8103\n")
    assert [x[2] for x in rows(run(tmp_path / "c", src, ["PY401"]), tmp_path / "c")] == [9, 12]


def test_commit_on_a_cursor_of_ones_own_and_identifiers_from_constants(tmp_path):
    src = ('def run(self, env, openupgrade):\n    env.cr.commit()\n    new_cr.commit()\n    request.cr.commit()\n'
           '    env.cr.execute(f"SELECT {openupgrade.get_legacy_name(\'x\')} FROM t")\n'
           '    env.cr.execute(f"SELECT {openupgrade.get_legacy_name(name)} FROM t")\n')
    assert [x[1:3] for x in rows(run(tmp_path, src, ["PY402", "PY401"]), tmp_path)] == [("PY401", 6), ("PY402", 4)]


def test_sql_injection_survives_a_name_assigned_from_itself(tmp_path):
    # `year = "19" + year` in a loop made the flow analysis follow `year` forever (RecursionError, an OL003 on a
    # released OCA addon): names are followed at most five assignments deep, whatever the route
    src = ("def f(self, rows, name):\n"
           "    self.env.cr.execute(\"SELECT id FROM t WHERE y = '%s'\" % name)\n"
           "    for year in rows:\n"
           "        year = \"19\" + year\n"
           "        label = year + \"%(y)s\"\n"
           "        label += label\n")
    result = run(tmp_path, src, ["PY401", "OL003"])
    assert result.errors == []
    assert [r[1:4] for r in rows(result, tmp_path)] == [("PY401", 2, 5)]


SELF_BUILT = '''def f(self, name, part):
    prefixes = "a" + "b"
    prefixes += "c"
    query = "SELECT {} FROM t".format(f"split_part(name, 'x', {prefixes.count('x')})")
    self.env.cr.execute(query)
    q = "SELECT * FROM t WHERE a = 1"
    q = q + " AND b = 2"
    self.env.cr.execute(q)
    w = "SELECT * FROM t WHERE a = '%s'" % name
    w += " AND b = 1"
    self.env.cr.execute(w)
'''


def test_sql_injection_names_built_from_themselves(tmp_path):
    """`q = q + '...'` (an AugAssign too) is followed once, not forever (a RecursionError on
    account_move_name_sequence 17.0): the name is as safe as its other values."""
    assert [x[1:4] for x in rows(run(tmp_path, SELF_BUILT, ["PY401", "OL003"]), tmp_path)] == [
        ("PY401", 5, 5), ("PY401", 11, 5)]
