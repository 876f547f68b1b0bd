"""Tests of rules/python/to19/constraints.py (PY107)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False, path="my_mod/models/m.py"):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def fixed(tmp_path, src, select, version="19.0", unsafe=False, path="my_mod/models/m.py"):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe, path=path)
    out = (tmp_path / path).read_text()
    again = run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / path).read_text() == out          # a second run changes nothing
    compile(out, path, "exec")                             # still parses
    return out, again


SQL = '''from odoo import fields, models


class Loan(models.Model):
    _name = "library.loan"

    name = fields.Char()

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A loan reference must be unique."),
        ('positive', 'CHECK(qty > 0)', 'Quantity must be positive'),
    ]
'''


def test_sql_constraints_unsafe_fix(tmp_path):
    r = run(tmp_path, SQL, ["PY107"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY107", 9, 5,
                                  "`_sql_constraints` is ignored since Odoo 19.0 (the constraints are never "
                                  "created): declare `_<name> = models.Constraint(definition, message)`")]
    assert r.diagnostics[0].fix.applicability.value == "unsafe"
    out, _ = fixed(tmp_path, SQL, ["PY107"])           # safe only: unchanged
    assert out == SQL
    out, again = fixed(tmp_path, SQL, ["PY107"], unsafe=True)
    assert out == SQL.replace('''    _sql_constraints = [
        ("name_uniq", "unique(name)", "A loan reference must be unique."),
        ('positive', 'CHECK(qty > 0)', 'Quantity must be positive'),
    ]
''', '''    _name_uniq = models.Constraint(
        "unique(name)",
        "A loan reference must be unique.",
    )
    _positive = models.Constraint(
        'CHECK(qty > 0)',
        'Quantity must be positive',
    )
''')
    assert rows(again, tmp_path) == []


def test_sql_constraints_not_a_model(tmp_path):
    assert rows(run(tmp_path, "class A:\n    _sql_constraints = []\n", ["PY107"]), tmp_path) == []


LAYOUT = (
    "from odoo import models\r\n"
    "\r\n"
    "\r\n"
    "class Move(models.Model):\r\n"
    "    _inherit = 'account.move'\r\n"
    "\r\n"
    "    _sql_constraints = [\r\n"
    "        (\r\n"
    "            'name_state_diagonal',\r\n"
    "            \"CHECK(COALESCE(name, '') NOT IN ('/', '') OR state!='posted')\",\r\n"
    "            'A move can not be posted with name \"/\" or empty value\\n'\r\n"
    "            \"Check the journal sequence, please\",\r\n"
    "        ),\r\n"
    "        ('short', 'CHECK(a > 0)'),\r\n"
    "        ('long', 'CHECK(some_rather_long_column_name > another_rather_long_column_name_here)'),\r\n"
    "    ]\r\n"
)


def test_sql_constraints_layout_follows_the_upgrade_script_and_the_file(tmp_path):
    """A message: one argument per line with a trailing comma (the upgrade script's form, which black keeps);
    a continued string keeps its continuation lines under it; no message: one line when it fits black's 88,
    else the definition on its own line; the file's CRLF line ends are kept."""
    out, again = fixed(tmp_path, LAYOUT, ["PY107"], unsafe=True)
    assert out == LAYOUT.replace("\r\n", "\n").split("    _sql_constraints")[0] + (
        "    _name_state_diagonal = models.Constraint(\n"
        "        \"CHECK(COALESCE(name, '') NOT IN ('/', '') OR state!='posted')\",\n"
        "        'A move can not be posted with name \"/\" or empty value\\n'\n"
        "        \"Check the journal sequence, please\",\n"
        "    )\n"
        "    _short = models.Constraint('CHECK(a > 0)')\n"
        "    _long = models.Constraint(\n"
        "        'CHECK(some_rather_long_column_name > another_rather_long_column_name_here)'\n"
        "    )\n")
    assert (tmp_path / "my_mod/models/m.py").read_bytes().count(b"\r\n") == out.count("\n")
    assert rows(again, tmp_path) == []


COMMENTED_CLASS = '''from odoo import fields, models


class Loan(models.Model):
    _name = "library.loan"

'''
COMMENTED = COMMENTED_CLASS + '''    _sql_constraints = [  # checked on write
        # one loan per reference
        ("name_uniq", "unique(name)", "A loan reference must be unique."),
        ("positive", "CHECK(qty > 0)", "Quantity must be positive"),  # no returns here
        (
            # extends the base one
            "ref_uniq",
            "unique(ref, company_id)",
            "A reference must be"  # per company
            " unique.",
        ),
        # more in the next release
    ]
'''


def test_sql_constraints_fix_keeps_every_comment(tmp_path):
    """A comment after a tuple on its line ends that constraint; any other goes on its own line above the
    constraint it precedes (after the last one at the end); an argument's own comments move with it."""
    out, again = fixed(tmp_path, COMMENTED, ["PY107"], unsafe=True)
    assert out == COMMENTED_CLASS + '''    # checked on write
    # one loan per reference
    _name_uniq = models.Constraint(
        "unique(name)",
        "A loan reference must be unique.",
    )
    _positive = models.Constraint(
        "CHECK(qty > 0)",
        "Quantity must be positive",
    )  # no returns here
    # extends the base one
    _ref_uniq = models.Constraint(
        "unique(ref, company_id)",
        "A reference must be"  # per company
        " unique.",
    )
    # more in the next release
'''
    assert rows(again, tmp_path) == []


def test_sql_constraints_comments_found_past_a_form_feed(tmp_path):
    """tokenize counts rows at `\\n` only: a form feed (which `str.splitlines` breaks at) must not shift where
    the list's comments are looked for."""
    src = SQL.replace("from odoo import fields, models\n", "from odoo import fields, models\n\x0c\n").replace(
        '        ("name_uniq",', '        # one per reference\n        ("name_uniq",')
    out, _ = fixed(tmp_path, src, ["PY107"], unsafe=True)
    assert "    # one per reference\n    _name_uniq = models.Constraint(\n" in out
