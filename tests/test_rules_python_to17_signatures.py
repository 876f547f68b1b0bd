"""Tests of rules/python/to17/signatures.py (PY307, PY309).

Some tests also check neighbours in the same fixture: PY205."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '16.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


SRC = '''from odoo import api, models


class A(models.Model):
    _inherit = "res.partner"

    @api.model
    def _name_search(self, name, args=None, operator="ilike", limit=100, name_get_uid=None):
        ids = super()._name_search(name, args=args, operator=operator, limit=limit, name_get_uid=name_get_uid)
        data = self._read_group([], fields=["id"], groupby=["name"], lazy=False)
        return ids, data, self._read_group([], ["name"], ["id:count"])
'''


def test_signatures_17(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: SRC}, odoo_version="17.0", select=["PY307", "PY309"])
    assert [x[1:4] for x in rows(r, tmp_path)] == [("PY307", 8, 34), ("PY307", 9, 42), ("PY307", 9, 85),
                                                   ("PY309", 10, 37)]
    # PY307 is for a 17.0 target only (18.0 ignores any `_name_search`: PY205); PY309 stays
    r = lint(tmp_path, None, odoo_version="18.0", select=["PY307", "PY309"])
    assert [x[1] for x in rows(r, tmp_path)] == ["PY309"]
    assert rows(lint(tmp_path, None, odoo_version="16.0", select=["PY307", "PY309"]), tmp_path) == []


POSITIONAL = '''from odoo import models


class A(models.Model):
    _inherit = "res.partner"

    def f(self, model_name):
        old = self._read_group([("model", "=", model_name)], ["type"], ["type"])
        new = self._read_group([], ["name"], ["id:count", "__count"])
        public = self.read_group([], ["name"], ["name"])
        return old, new, public
'''


def test_private_read_group_positional_16_form(tmp_path):
    r = lint(tmp_path, {"my_mod/__manifest__.py": MAN, P: POSITIONAL}, odoo_version="17.0", select=["PY309"])
    assert rows(r, tmp_path) == [
        (P, "PY309", 8, 72, "`_read_group(domain, fields, groupby)` is the 16.0 positional form: in Odoo 17.0 the "
         "third argument is `aggregates`, each `'field:func'` (a plain field name raises ValueError), and the "
         "result is tuples")]
    assert rows(lint(tmp_path, None, odoo_version="16.0", select=["PY309"]), tmp_path) == []
