"""Tests of rules/python/to19/domain.py (PY111, PY120, PY123)."""
from pathlib import Path
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '16.0.1.0.0', 'license': 'LGPL-3'}\n"


P = "my_mod/models/m.py"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def fixed(tmp_path, src, select, version="19.0", unsafe=False):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe)
    out = (tmp_path / P).read_text()
    again = run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / P).read_text() == out
    compile(out, P, "exec")
    return out, again


EXPR = '''from odoo import models
from odoo.osv import expression


def f(a, b):
    x = expression.AND([a, b])
    y = expression.OR([a, b])
    return x, y, expression.normalize_domain(a)
'''


MANIFEST = "{'name': 'm', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


SRC = ("from odoo import models\r\nfrom odoo.osv import expression  # combine domains\r\n\r\n\r\n"
       "class A(models.Model):\r\n    _inherit = \"res.partner\"\r\n\r\n"
       "    def f(self, d1, d2):\r\n        return expression.AND([d1, d2])\r\n")


def test_osv_expression(tmp_path):
    r = run(tmp_path, EXPR, ["PY111"])
    assert rows(r, tmp_path) == [
        (P, "PY111", 6, 9, "`expression.AND` is deprecated since Odoo 19.0: use `Domain.AND(...)` from `odoo.fields`"),
        (P, "PY111", 7, 9, "`expression.OR` is deprecated since Odoo 19.0: use `Domain.OR(...)` from `odoo.fields`"),
        (P, "PY111", 8, 18, "`expression.normalize_domain` is deprecated since Odoo 19.0: use `Domain(domain)` and "
         "its operators `&`, `|`, `~` (`Domain.TRUE`, `.is_false()`) from `odoo.fields`")]
    assert fixed(tmp_path, EXPR, ["PY111"])[0] == EXPR
    out, _ = fixed(tmp_path, EXPR, ["PY111"], unsafe=True)
    assert out == EXPR.replace("from odoo.osv import expression\n",
                               "from odoo.osv import expression\nfrom odoo.fields import Domain\n").replace(
        "expression.AND", "Domain.AND").replace("expression.OR", "Domain.OR")
    assert rows(run(tmp_path, EXPR, ["PY111"], version="18.0"), tmp_path) == []


def test_osv_expression_negative(tmp_path):
    assert rows(run(tmp_path, "def f(expression):\n    return expression.AND([])\n", ["PY111"]), tmp_path) == []


def test_domain_operators(tmp_path):
    src = ("def f(self):\n    return self.search([('state', '<>', 'done'), ('a', '==', 1), ('name', 'NOT ILIKE', 'x'),"
           " ('b', 'in', [1]), '|', (1, 'X', 2)])\n")
    r = run(tmp_path, src, ["PY120"])
    assert [x[2:5] for x in rows(r, tmp_path)] == [
        (2, 35, "domain operator '<>' is deprecated since Odoo 19.0: use '!='"),
        (2, 56, "domain operator '==' is deprecated since Odoo 19.0: use '='"),
        (2, 75, "domain operator 'NOT ILIKE' is deprecated since Odoo 19.0: use 'not ilike'")]
    out, _ = fixed(tmp_path, src, ["PY120"])
    assert out == src.replace("'<>'", "'!='").replace("'=='", "'='").replace("'NOT ILIKE'", "'not ilike'")
    assert rows(run(tmp_path, src, ["PY120"], version="18.0"), tmp_path) == []


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


SHADOW = (
    "from odoo import models\n"
    "from odoo.osv import expression\n"
    "\n"
    "\n"
    "class A(models.Model):\n"
    "    _inherit = \"res.partner\"\n"
    "\n"
    "    def f(self, d1, d2):\n"
    "        expression = self._where_calc(d1)\n"
    "        return expression.query, [expression for expression in d2]\n"
    "\n"
    "    def g(self, expression):\n"
    "        return expression\n"
)


def test_a_local_shadowing_expression_does_not_keep_the_import(tmp_path: Path):
    files = {"m/__manifest__.py": MANIFEST, "m/a.py": SHADOW}
    assert rows(lint(tmp_path, files, odoo_version="19.0", select=["PY123"]), tmp_path) == [
        ("m/a.py", "PY123", 2, 1, "`odoo.osv` warns on import since Odoo 19.0 (DeprecationWarning); nothing uses "
                                  "this import any more: delete it")]
    lint(tmp_path, odoo_version="19.0", select=["PY123"], fix=True)
    assert (tmp_path / "m/a.py").read_text() == SHADOW.replace("from odoo.osv import expression\n", "")
    again = lint(tmp_path, odoo_version="19.0", select=["PY123"], fix=True)
    assert again.fixed == {} and rows(again, tmp_path) == []


def test_a_global_declaration_or_a_closure_read_keeps_the_import(tmp_path: Path):
    for body in ("    def f(self):\n        global expression\n        expression = 1\n        return expression\n",
                 "    def f(self):\n        return [x for x in expression.TERM_OPERATORS]\n",
                 "    def f(self):\n        def inner():\n            return expression.AND([])\n"
                 "        return inner\n"):
        src = ("from odoo import models\nfrom odoo.osv import expression\n\n\nclass A(models.Model):\n"
               "    _inherit = \"res.partner\"\n\n" + body)
        files = {"m/__manifest__.py": MANIFEST, "m/a.py": src}
        assert [r[4] for r in rows(lint(tmp_path, files, odoo_version="19.0", select=["PY123"]), tmp_path)] == [
            "`odoo.osv` warns on import since Odoo 19.0 (DeprecationWarning); move the uses of this import to "
            "`odoo.fields.Domain` (see PY111)"], body


ITEMS = '''from odoo import models
from odoo.osv import expression


class A(models.Model):
    _inherit = "res.partner"

    def f(self, company_domain, domain_of_year):
        action = {
            "name": "Partners",
            "domain": expression.AND(
                [company_domain, domain_of_year, self.partner_domain]
            ),
        }
        records = self.search(
            expression.OR([company_domain, domain_of_year]),
            limit=expression.OR(
                [company_domain, domain_of_year, self.partner_domain_x]
            ),
            order=expression.OR(
                [company_domain, domain_of_year, self.partner_domain_x],
            ),
            offset=expression.OR(
                [company_domain, domain_of_year, self.partner_domain_x]  # why
            ),
            other=expression.OR(
                [company_domain, domain_of_year, self.partner_domain_with_a_long_name]
            ),
        )
        return action, records
'''


def test_osv_expression_fix_joins_an_exploded_item_black_would_now_join(tmp_path):
    # black 24.10 leaves ITEMS and the fixed text unchanged: an item split `head(\\n    body\\n),` inside a bracket
    # exploded with trailing commas is one line again once `Domain.` makes it fit; a magic trailing comma in the
    # body, a comment, or a joined line still too long keep the split
    out, again = fixed(tmp_path, ITEMS, ["PY111", "PY123"], unsafe=True)
    expected = ITEMS.replace("from odoo.osv import expression\n", "from odoo.fields import Domain\n").replace(
        "expression.", "Domain.").replace(
        '"domain": Domain.AND(\n                [company_domain, domain_of_year, self.partner_domain]\n'
        '            ),', '"domain": Domain.AND([company_domain, domain_of_year, self.partner_domain]),').replace(
        'limit=Domain.OR(\n                [company_domain, domain_of_year, self.partner_domain_x]\n            ),',
        'limit=Domain.OR([company_domain, domain_of_year, self.partner_domain_x]),')
    assert out == expected
    assert rows(again, tmp_path) == []
    assert max(len(x) for x in out.splitlines()) == 88
