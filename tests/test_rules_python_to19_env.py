"""Tests of rules/python/to19/env.py (PY102, PY121)."""
from tests.helpers import rows
from tests.python_rules import fixed, run, run_19


def test_private_props(tmp_path):
    src = "def f(self):\n    self._cr.execute('x')  # run\n    return dict(self._context), self._uid\n"
    r = run(tmp_path, src, ["PY102"])
    assert rows(r, tmp_path) == [
        ("my_mod/models/m.py", "PY102", 2, 10, "`_cr` is deprecated since Odoo 19.0: use `.env.cr`"),
        ("my_mod/models/m.py", "PY102", 3, 22, "`_context` is deprecated since Odoo 19.0: use `.env.context`"),
        ("my_mod/models/m.py", "PY102", 3, 38, "`_uid` is deprecated since Odoo 19.0: use `.env.uid`")]
    assert r.diagnostics[0].severity.value == "warning"
    out, _ = fixed(tmp_path, src, ["PY102"])
    assert out == ("def f(self):\n    self.env.cr.execute('x')  # run\n"
                   "    return dict(self.env.context), self.env.uid\n")


def test_private_props_negative(tmp_path):
    src = "def f(self):\n    self._context = {}\n    return self.env.cr, self._crm\n"
    assert rows(run(tmp_path, src, ["PY102"]), tmp_path) == []
    assert rows(run(tmp_path, "x = self._cr\n", ["PY102"], version="18.0"), tmp_path) == []


def test_env_readonly(tmp_path):
    src = ("def f(self, env):\n    self.env.context = {}\n    env.uid = 1\n    x = self.env.context\n"
           "    self.context = {}\n")
    assert [x[1:4] for x in rows(run_19(tmp_path, src, ["PY121"]), tmp_path)] == [("PY121", 2, 5), ("PY121", 3, 5)]
    assert rows(run_19(tmp_path, src, ["PY121"], version="18.0"), tmp_path) == []


LONG = '''from odoo import models
from odoo.exceptions import UserError


class Cron(models.Model):
    _inherit = "ir.cron"

    def _report(self, failure):
        records = self.env["res.partner"].browse(self._context.get("selected_ids", []))
        values = {"failure_msg": str(failure), "database_name": self._cr.dbname, "n": 1}
        raise UserError(self.env._("Run %(run)d failed: %(uid)d", run=1, uid=self._uid))

    def _kept(self, failure):
        lang = self._context.get("lang") or self.env.user.partner_id.lang or "en_US"
        return records, values, lang
'''


def test_private_props_split_a_statement_they_push_past_the_line_length_as_black_does(tmp_path):
    """Each of the first three statements fits in 88 columns and no longer does with `.env.`: a call's arguments
    go on their own line, a dict one item per line; the `or` chain is left long (black would add parentheses)."""
    r = run(tmp_path, LONG, ["PY102"])
    assert [x[2:4] for x in rows(r, tmp_path)] == [(9, 55), (10, 70), (11, 83), (14, 21)]
    out, again = fixed(tmp_path, LONG, ["PY102"])
    assert out == LONG.replace(
        '        records = self.env["res.partner"].browse(self._context.get("selected_ids", []))\n',
        '        records = self.env["res.partner"].browse(\n'
        '            self.env.context.get("selected_ids", [])\n'
        '        )\n').replace(
        '        values = {"failure_msg": str(failure), "database_name": self._cr.dbname, "n": 1}\n',
        '        values = {\n'
        '            "failure_msg": str(failure),\n'
        '            "database_name": self.env.cr.dbname,\n'
        '            "n": 1,\n'
        '        }\n').replace(
        '        raise UserError(self.env._("Run %(run)d failed: %(uid)d", run=1, uid=self._uid))\n',
        '        raise UserError(\n'
        '            self.env._("Run %(run)d failed: %(uid)d", run=1, uid=self.env.uid)\n'
        '        )\n').replace(
        'lang = self._context.get("lang")', 'lang = self.env.context.get("lang")')
    assert rows(again, tmp_path) == []


def test_private_props_keep_the_line_where_the_file_is_wider(tmp_path):
    """A file whose lines already run to 100 columns follows its own width: nothing is split below it."""
    wide = LONG + "# " + "x" * 98 + "\n"
    out, _ = fixed(tmp_path, wide, ["PY102"])
    assert out == wide.replace("self._context", "self.env.context").replace("self._cr", "self.env.cr").replace(
        "self._uid", "self.env.uid")


BODY = '''from odoo import models


class Session(models.Model):
    _name = "x.session"

    def _current(self, sid, records):
        found = self.search(
            [("name", "=", sid), ("user_id", "=", self._uid), ("x", "=", 10)], limit=1
        )
        names = records.name_search(
            [("name", "=", sid), ("user_id", "=", self._uid), ("company_id", "=", 12)]
        )
        kept = self.search(
            [("name", "=", sid), ("user_id", "=", self._uid)], limit=1  # one
        )
        return found, names, kept
'''


def test_private_props_explode_a_body_line_they_push_past_the_line_length_as_black_does(tmp_path):
    """The body of `head(\\n    body\\n)` that no longer fits: its items one per line with a trailing comma; a
    body of one list split at the list's brackets; a body with a comment is left long."""
    out, again = fixed(tmp_path, BODY, ["PY102"])
    assert out == BODY.replace('''        found = self.search(
            [("name", "=", sid), ("user_id", "=", self._uid), ("x", "=", 10)], limit=1
        )
''', '''        found = self.search(
            [("name", "=", sid), ("user_id", "=", self.env.uid), ("x", "=", 10)],
            limit=1,
        )
''').replace('''        names = records.name_search(
            [("name", "=", sid), ("user_id", "=", self._uid), ("company_id", "=", 12)]
        )
''', '''        names = records.name_search(
            [
                ("name", "=", sid),
                ("user_id", "=", self.env.uid),
                ("company_id", "=", 12),
            ]
        )
''').replace('''("user_id", "=", self._uid)], limit=1  # one''', '''("user_id", "=", self.env.uid)], limit=1  # one''')
    assert rows(again, tmp_path) == []


def test_private_props_leave_a_lambda_body_long(tmp_path):
    """A lambda's own commas sit at the body's top level: cut there, it would read as two arguments (black
    splits inside its parentheses instead), so the longer line stays."""
    src = '''def f(self, records):
    found = records.sorted(
        lambda rec, other=self._uid: (rec.user_id.id == other, rec.name, rec.seq, rec.x)
    )
    return found
'''
    out, _ = fixed(tmp_path, src, ["PY102"])
    assert out == src.replace("self._uid", "self.env.uid")
    assert max(len(line) for line in src.splitlines()) == 88 < max(len(line) for line in out.splitlines())
