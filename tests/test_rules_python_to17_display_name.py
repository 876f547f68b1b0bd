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


PLAIN = '''from odoo import api, fields, models


class Ticket(models.Model):
    _name = "x.ticket"

    def name_get(self):
        res = []
        for rec in self:
            label = f"{rec.number} - {rec.name}"
            res.append((rec.id, label))
        return res


class Location(models.Model):
    _name = "x.location"

    def name_get(self):
        return [(loc.id, "%s (%s)" % (loc.name, loc.partner_id.city.upper())) for loc in self]


class Context(models.Model):
    _name = "x.context"

    def name_get(self):
        return [(r.id, r.name if self.env.context.get("short") else r.code) for r in self]


class Itself(models.Model):
    _name = "x.itself"

    def name_get(self):
        return [(r.id, r.display_name) for r in self]


class Super(models.Model):
    _name = "x.super"

    def name_get(self):
        if not self.env.context.get("short"):
            return super().name_get()
        return [(r.id, r.name) for r in self]
'''

PLAIN_FIXED = PLAIN.replace('''    def name_get(self):
        res = []
        for rec in self:
            label = f"{rec.number} - {rec.name}"
            res.append((rec.id, label))
        return res
''', '''    @api.depends("number", "name")
    def _compute_display_name(self):
        for rec in self:
            label = f"{rec.number} - {rec.name}"
            rec.display_name = label
''').replace('''    def name_get(self):
        return [(loc.id, "%s (%s)" % (loc.name, loc.partner_id.city.upper())) for loc in self]
''', '''    @api.depends("name", "partner_id.city")
    def _compute_display_name(self):
        for loc in self:
            loc.display_name = "%s (%s)" % (loc.name, loc.partner_id.city.upper())
''')


def test_name_get_plain_overrides_rewritten_unsafe_and_idempotent(tmp_path):
    r = run(tmp_path, PLAIN, ["PY301"], version="17.0")
    assert [(d.span.start.line, d.fix is not None) for d in r.diagnostics] == [
        (7, True), (18, True), (25, False), (32, False), (39, False)]
    safe = run(tmp_path, None, ["PY301"], version="17.0", fix=True)
    assert not safe.fixed and (tmp_path / P).read_text() == PLAIN
    run(tmp_path, None, ["PY301"], version="17.0", fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == PLAIN_FIXED
    again = run(tmp_path, None, ["PY301"], version="17.0", fix=True, unsafe=True)
    assert not again.fixed and (tmp_path / P).read_text() == PLAIN_FIXED


def test_name_get_without_api_import_or_with_a_compute_is_not_rewritten(tmp_path):
    src = PLAIN.replace("from odoo import api, fields, models", "from odoo import fields, models")
    r = run(tmp_path, src, ["PY301"], version="17.0")
    assert [d.fix for d in r.diagnostics] == [None] * 5
    src = PLAIN.replace('''    _name = "x.location"
''', '''    _name = "x.location"

    def _compute_display_name(self):
        return super()._compute_display_name()
''')
    r = run(tmp_path, src, ["PY301"], version="17.0")
    assert [(d.span.start.line, d.fix is not None) for d in r.diagnostics][:2] == [(7, True), (21, False)]
