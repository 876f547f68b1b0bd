"""Tests of rules/python/to17/display_name.py (PY301)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


NAME_GET = '''from odoo import models


class A(models.Model):
    _inherit = "res.partner"

    def name_get(self):
        return super().name_get()


class NotModel:
    def name_get(self):
        return []


def f(recs):
    return recs.name_get()
'''


def test_name_get(tmp_path):
    r = run(tmp_path, NAME_GET, ["PY301"], version="18.0")
    assert rows(r, tmp_path) == [
        (P, "PY301", 7, 5, "`name_get` override: Odoo 17.0+ never calls it; compute `display_name` in "
         "`_compute_display_name` (with `@api.depends`) instead"),
        (P, "PY301", 17, 17, "`name_get()` is deprecated in 17.0 and removed in 18.0: read `record.display_name` "
         "(or `[(r.id, r.display_name) for r in records]`)")]
    assert {d.severity.value for d in r.diagnostics} == {"error"}
    r17 = run(tmp_path, None, ["PY301"], version="17.0")
    assert {d.severity.value for d in r17.diagnostics} == {"warning"}
    assert all(d.fix is None for d in r17.diagnostics)
