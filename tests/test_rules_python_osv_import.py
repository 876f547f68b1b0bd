"""PY123 osv-import: `odoo.osv` warns on import in 19.0; a leftover import is deleted once unused."""
from pathlib import Path

from tests.helpers import lint, rows

MANIFEST = "{'name': 'm', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"
SRC = ("from odoo import models\r\nfrom odoo.osv import expression  # combine domains\r\n\r\n\r\n"
       "class A(models.Model):\r\n    _inherit = \"res.partner\"\r\n\r\n"
       "    def f(self, d1, d2):\r\n        return expression.AND([d1, d2])\r\n")


def test_import_is_reported_while_used_and_deleted_after_the_calls_are_migrated(tmp_path: Path):
    files = {"m/__manifest__.py": MANIFEST, "m/a.py": SRC}
    assert rows(lint(tmp_path, files, odoo_version="19.0", select=["PY123"]), tmp_path) == [
        ("m/a.py", "PY123", 2, 1, "`odoo.osv` warns on import since Odoo 19.0 (DeprecationWarning); move the uses "
                                  "of this import to `odoo.fields.Domain` (see PY111)")]
    lint(tmp_path, odoo_version="19.0", select=["PY111", "PY123"], fix=True, unsafe=True)
    fixed = (tmp_path / "m/a.py").read_bytes().decode()
    # the import's trailing comment keeps PY123 from deleting that line: the comment is the author's to move
    assert fixed == ("from odoo import models\r\nfrom odoo.osv import expression  # combine domains\r\n"
                     "from odoo.fields import Domain\r\n\r\n\r\n"
                     "class A(models.Model):\r\n    _inherit = \"res.partner\"\r\n\r\n"
                     "    def f(self, d1, d2):\r\n        return Domain.AND([d1, d2])\r\n")
    again = lint(tmp_path, odoo_version="19.0", select=["PY111", "PY123"], fix=True, unsafe=True)
    assert again.fixed == {}
    assert rows(again, tmp_path) == [
        ("m/a.py", "PY123", 2, 1, "`odoo.osv` warns on import since Odoo 19.0 (DeprecationWarning); nothing uses "
                                  "this import any more: delete it")]


def test_an_unused_import_without_comment_is_deleted(tmp_path: Path):
    files = {"m/__manifest__.py": MANIFEST, "m/a.py": SRC.replace("  # combine domains", "")}
    lint(tmp_path, files, odoo_version="19.0", select=["PY111", "PY123"], fix=True, unsafe=True)
    assert (tmp_path / "m/a.py").read_bytes().decode() == (
        "from odoo import models\r\nfrom odoo.fields import Domain\r\n\r\n\r\n"
        "class A(models.Model):\r\n    _inherit = \"res.partner\"\r\n\r\n"
        "    def f(self, d1, d2):\r\n        return Domain.AND([d1, d2])\r\n")
    again = lint(tmp_path, odoo_version="19.0", select=["PY111", "PY123"], fix=True, unsafe=True)
    assert again.fixed == {} and rows(again, tmp_path) == []


def test_silent_before_19_and_outside_osv(tmp_path: Path):
    files = {"m/__manifest__.py": MANIFEST, "m/a.py": SRC,
             "m/b.py": "from odoo.fields import Domain\nfrom odoo import osvx\n"}
    assert rows(lint(tmp_path, files, odoo_version="18.0", select=["PY123"]), tmp_path) == []
    res = lint(tmp_path, odoo_version="19.0", select=["PY123"])
    assert [r[0] for r in rows(res, tmp_path)] == ["m/a.py"]
