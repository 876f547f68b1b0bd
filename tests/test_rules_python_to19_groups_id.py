"""Tests of rules/python/to19/groups_id.py (PY215 groups-id-untyped-19: writes fixed, reads reported)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/tests/test_x.py"

SRC = (
    "from odoo.tests import TransactionCase\n"
    "\n"
    "\n"
    "class T(TransactionCase):\n"
    "    def test_x(self):\n"
    "        self.user.write({'groups_id': [(4, self.group.id)]})\n"
    "        self.assertIn(self.group, self.user.groups_id)\n"
    "        self.env.user.groups_id |= self.group\n"
    "        self.users.search([('groups_id', '=', self.group.id)])\n"
    "        self.model.create([{'name': 'a', 'groups_id': False}])\n"
)


def run(tmp_path, src, version="19.0", select=("PY215",), path=P):
    return lint(tmp_path, {"my_mod/__manifest__.py": MAN, path: src}, odoo_version=version, select=list(select))


def test_py215_findings_exact(tmp_path):
    vals = "`groups_id` is `group_ids` on every core model since Odoo 19.0: these vals raise \"Invalid field\""
    attr = ("`groups_id` is `group_ids` on every core model since Odoo 19.0 (`all_group_ids` for a user's groups "
            "with the implied ones)")
    assert [r[2:] for r in rows(run(tmp_path, SRC), tmp_path)] == [
        (6, 26, vals),
        (7, 45, attr),
        (8, 23, attr),
        (9, 29, "`groups_id` is `group_ids` on every core model since Odoo 19.0: this domain raises ValueError "
                "(`all_group_ids` to match implied groups too)"),
        (10, 42, vals),
    ]
    fixable = sorted((d.span.start.line, d.span.start.column) for d in run(tmp_path, SRC).diagnostics if d.fix)
    assert fixable == [(6, 26), (8, 23), (10, 42)]


def test_py215_fix_renames_the_writes_only(tmp_path):
    """vals keys and attribute writes become `group_ids` (unsafe: the model is unknown); the membership test and
    the domain leaf stay for a person; a second --fix changes nothing."""
    run(tmp_path, SRC)
    lint(tmp_path, odoo_version="19.0", select=["PY215"], fix=True)
    assert (tmp_path / P).read_text() == SRC, "the fix is unsafe: not applied without --unsafe-fixes"
    lint(tmp_path, odoo_version="19.0", select=["PY215"], fix=True, unsafe=True)
    fixed = (tmp_path / P).read_text()
    assert fixed == SRC.replace("write({'groups_id'", "write({'group_ids'").replace(
        "user.groups_id |=", "user.group_ids |=").replace("'name': 'a', 'groups_id'", "'name': 'a', 'group_ids'")
    again = lint(tmp_path, odoo_version="19.0", select=["PY215"], fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == fixed and not again.fixed
    assert [r[2:4] for r in rows(again, tmp_path)] == [(7, 45), (9, 29)]


STORES = (
    "def f(self, user, users, menu):\n"
    "    user.groups_id = [(4, 1)]\n"
    "    user.groups_id -= self.group\n"
    "    user.groups_id += self.group\n"
    "    menu.name, menu.groups_id = 'x', False\n"
    "    return user.groups_id.ids\n"
)


def test_py215_attribute_writes(tmp_path):
    lint(tmp_path, {"my_mod/__manifest__.py": MAN, "my_mod/models/m.py": STORES}, odoo_version="19.0",
         select=["PY215"], fix=True, unsafe=True)
    assert (tmp_path / "my_mod/models/m.py").read_text() == STORES.replace(".groups_id =", ".group_ids =").replace(
        ".groups_id -=", ".group_ids -=").replace(".groups_id +=", ".group_ids +=")


def test_py215_defers_to_py110_where_the_model_is_known(tmp_path):
    res = run(tmp_path / "a", SRC, select=("PY110", "PY215"))
    assert sorted((r[2], r[3], r[1]) for r in rows(res, tmp_path / "a")) == [
        (6, 26, "PY215"), (7, 45, "PY215"), (8, 23, "PY110"), (9, 29, "PY215"), (10, 42, "PY215")]


def test_py215_negative(tmp_path):
    assert rows(run(tmp_path / "a", SRC, version="18.0"), tmp_path / "a") == []
    own = SRC + "\n\nclass M:\n    groups_id = fields.Many2many('res.groups')\n"
    assert rows(run(tmp_path / "b", own), tmp_path / "b") == []
    clean = ("def f(self):\n    self.user.write({'group_ids': [(4, 1)]})\n    x = {'groups_id': 1}\n"
             "    return self.search([('group_ids', '=', 1)]), self.groups_idx\n")
    assert rows(run(tmp_path / "c", clean), tmp_path / "c") == []
