"""Tests of rules/python/renames/field_params.py (PY105, PY201)."""
from tests.helpers import rows
from tests.python_rules import P, fixed, run, run_19


def test_field_params(tmp_path):
    src = ("from odoo import fields, models\n\n\nclass A(models.Model):\n    _name = 'a'\n"
           "    p = fields.Many2one('res.partner', auto_join=True)\n    q = fields.Float(group_operator='sum')\n"
           "    r = other(auto_join=True)\n")
    assert rows(run(tmp_path, src, ["PY105", "PY201"]), tmp_path) == [
        ("my_mod/models/m.py", "PY105", 6, 40, "`auto_join=` is ignored on fields in Odoo 19.0: use "
         "`bypass_search_access=`"),
        ("my_mod/models/m.py", "PY201", 7, 22, "`group_operator=` is deprecated on fields in Odoo 19.0: use "
         "`aggregator=`")]
    out, _ = fixed(tmp_path, src, ["PY105", "PY201"])
    assert out == src.replace("p = fields.Many2one('res.partner', auto_join=True)",
                              "p = fields.Many2one('res.partner', bypass_search_access=True)").replace(
        "group_operator=", "aggregator=")
    # 18.0: group_operator warns, auto_join is still valid
    assert [x[1] for x in rows(run(tmp_path, src, ["PY105", "PY201"], version="18.0"), tmp_path)] == ["PY201"]


def test_unaccent_deleted(tmp_path):
    src = "from odoo import fields\na = fields.Char(unaccent=False)\nb = fields.Char('B', unaccent=False, index=True)\n"
    r = run_19(tmp_path, src, ["PY201"], version="18.0")
    assert rows(r, tmp_path) == [
        (P, "PY201", 2, 17, "`unaccent=` is ignored on fields in Odoo 18.0: delete it"),
        (P, "PY201", 3, 22, "`unaccent=` is ignored on fields in Odoo 18.0: delete it")]
    assert [d.severity.value for d in r.diagnostics] == ["error", "error"]
    run_19(tmp_path, None, ["PY201"], version="18.0", fix=True)
    assert (tmp_path / P).read_text() == "from odoo import fields\na = fields.Char()\nb = fields.Char('B', index=True)\n"


JOINABLE = '''from odoo import fields, models


class Inventory(models.Model):
    _name = "my.inventory"

    initial_on_hand_qty = fields.Float(
        string="Starting Inventory", group_operator="avg"
    )
    final_on_hand_quantity = fields.Float(
        string="Forecasted Inventory", group_operator="avg",
    )
    planned = fields.Float(
        string="Planned quantity for the whole period", group_operator="avg"
    )
'''


def test_a_shorter_name_lets_black_join_the_call_again(tmp_path):
    """`head(\\n    body\\n)` is black's form for a call that did not fit on one line: once `aggregator` makes it
    fit, it is written on one line as black writes it; a trailing comma (black keeps the split) or a call still
    too long stay as they are."""
    out, _ = fixed(tmp_path, JOINABLE, ["PY201"], version="18.0")
    assert out == JOINABLE.replace(
        '    initial_on_hand_qty = fields.Float(\n        string="Starting Inventory", group_operator="avg"\n'
        '    )\n',
        '    initial_on_hand_qty = fields.Float(string="Starting Inventory", aggregator="avg")\n').replace(
        "group_operator=", "aggregator=")
