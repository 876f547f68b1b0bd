"""Tests of rules/python/to17/mail.py (PY306)."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/controllers/main.py"


def run(tmp_path, src, select, version="18.0", fix=False, path=P):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)


def test_message_post_with_view(tmp_path):
    src = "def f(self):\n    self.message_post_with_view('x.y', values={})\n    self.message_post_with_source('x.y')\n"
    assert [x[1:4] for x in rows(run(tmp_path, src, ["PY306"], version="17.0"), tmp_path)] == [("PY306", 2, 10)]
    assert rows(run(tmp_path, src, ["PY306"], version="16.0"), tmp_path) == []
