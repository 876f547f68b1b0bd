"""Tests of rules/python/to17/field_states.py (PY305)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def test_field_states(tmp_path):
    src = ("from odoo import fields\nx = fields.Date(readonly=True, states={'draft': [('readonly', False)]})\n"
           "y = dict(states={})\n")
    assert rows(run(tmp_path, src, ["PY305"], version="17.0"), tmp_path) == [
        (P, "PY305", 2, 32, "`states=` is ignored since Odoo 17.0: delete it and put the condition in the view "
         "(`readonly=\"state != 'draft'\"`, `invisible=...`)")]
