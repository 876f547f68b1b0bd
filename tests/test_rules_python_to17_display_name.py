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


KEPT = '''from odoo import api, fields, models


class Agreement(models.Model):
    _name = "x.agreement"

    def name_get(self):
        """Code first."""
        res = []
        for agr in self:
            # the plain name, or the code in brackets
            name = agr.name
            if agr.code:
                name = "[{}] {}".format(agr.code, agr.name)  # coded
            else:
                name += "!"
            res.append((agr.id, name))

        return res


class Method(models.Model):
    _name = "x.method"

    @api.depends("code", "payment_type")
    def name_get(self):
        result = []
        for method in self:
            result.append(
                (
                    method.id,
                    "[{}] {} ({})".format(
                        method.code, method.name, method.payment_type  # all three
                    ),
                )
            )
        return result


class Hanging(models.Model):
    _name = "x.hanging"

    def name_get(self):
        return [(r.id, r.first +
                 r.last) for r in self]


class Commented(models.Model):
    _name = "x.commented"

    def name_get(self):
        res = []  # pairs
        for r in self:
            res.append((r.id, r.name))
        return res


class Pairs(models.Model):
    _name = "x.pairs"

    def name_get(self):
        return [
            (r.id, r.name)  # one per record
            for r in self
        ]


class Rebound(models.Model):
    _name = "x.rebound"

    def name_get(self):
        res = []
        for r in self:
            r = r.parent_id
            res.append((r.id, r.name))
        return res
'''

KEPT_FIXED = KEPT.replace('''    def name_get(self):
        """Code first."""
        res = []
        for agr in self:''', '''    @api.depends("name", "code")
    def _compute_display_name(self):
        """Code first."""
        for agr in self:''').replace('''            res.append((agr.id, name))

        return res
''', '''            agr.display_name = name
''').replace('''    @api.depends("code", "payment_type")
    def name_get(self):
        result = []
        for method in self:
            result.append(
                (
                    method.id,
                    "[{}] {} ({})".format(
                        method.code, method.name, method.payment_type  # all three
                    ),
                )
            )
        return result
''', '''    @api.depends("code", "payment_type", "name")
    def _compute_display_name(self):
        for method in self:
            method.display_name = "[{}] {} ({})".format(
                method.code, method.name, method.payment_type  # all three
            )
''').replace('''    def name_get(self):
        return [(r.id, r.first +
                 r.last) for r in self]
''', '''    @api.depends("first", "last")
    def _compute_display_name(self):
        for r in self:
            r.display_name = (
                r.first +
                r.last
            )
''')


def test_name_get_rewrite_keeps_docstring_comments_and_layout(tmp_path):
    """Loops with `if` blocks, an `@api.depends` already there (its paths first), an EXPR over several lines;
    a comment the rewrite would drop, or the record rebound in the loop, leaves the override alone."""
    r = run(tmp_path, KEPT, ["PY301"], version="17.0")
    assert [(d.span.start.line, d.fix is not None) for d in r.diagnostics] == [
        (7, True), (26, True), (43, True), (51, False), (61, False), (71, False)]
    run(tmp_path, None, ["PY301"], version="17.0", fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == KEPT_FIXED
    again = run(tmp_path, None, ["PY301"], version="17.0", fix=True, unsafe=True)
    assert not again.fixed and (tmp_path / P).read_text() == KEPT_FIXED


def test_name_get_rewrite_keeps_crlf_line_endings(tmp_path):
    src = PLAIN.replace("\n", "\r\n")
    (tmp_path / "my_mod" / "models").mkdir(parents=True)
    (tmp_path / "my_mod" / "__manifest__.py").write_text(MAN)
    (tmp_path / P).write_bytes(src.encode())
    lint(tmp_path, None, odoo_version="17.0", select=["PY301"], fix=True, unsafe=True)
    assert (tmp_path / P).read_bytes() == PLAIN_FIXED.replace("\n", "\r\n").encode()


LONG = '''from odoo import api, fields, models


class Method(models.Model):
    _name = "x.method"

    def name_get(self):
        result = []
        for method in self:
            result.append(
                (
                    method.id,
                    f"[{method.code}] {method.name} ({method.payment_type})",
                )
            )
        return result


class Call(models.Model):
    _name = "x.call"

    def name_get(self):
        res = []
        for rec in self:
            res.append(
                (
                    rec.id,
                    "{} - {}".format(rec.code, rec.partner_id.commercial_name),
                )
            )
        return res
'''


def test_name_get_rewrite_wraps_a_line_too_long_as_black_does(tmp_path):
    """`rec.display_name = EXPR` past 88 columns: a string inside parentheses, a call split at its brackets."""
    out = run(tmp_path, LONG, ["PY301"], version="17.0", fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == LONG.replace('''    def name_get(self):
        result = []
        for method in self:
            result.append(
                (
                    method.id,
                    f"[{method.code}] {method.name} ({method.payment_type})",
                )
            )
        return result
''', '''    @api.depends("code", "name", "payment_type")
    def _compute_display_name(self):
        for method in self:
            method.display_name = (
                f"[{method.code}] {method.name} ({method.payment_type})"
            )
''').replace('''    def name_get(self):
        res = []
        for rec in self:
            res.append(
                (
                    rec.id,
                    "{} - {}".format(rec.code, rec.partner_id.commercial_name),
                )
            )
        return res
''', '''    @api.depends("code", "partner_id.commercial_name")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = "{} - {}".format(
                rec.code, rec.partner_id.commercial_name
            )
''')
    assert out.fixed


HUG_CLASS = '''from odoo import _, api, fields, models


class Plan(models.Model):
    _name = "x.plan"

'''
HUG_NAME_GET = '''    def name_get(self):
        result = []
        for plan in self:
            result.append(
                (
                    plan.id,
                    plan.name
                    or _(
                        "Unnamed %(kind)s plan (%(eqpmt)s)",
                        kind=plan.kind_id.name or "",
                        eqpmt=plan.equipment_id.name,
                    ),
                )
            )
        return result
'''
HUG = HUG_CLASS + HUG_NAME_GET


def test_name_get_rewrite_hugs_a_value_ending_in_a_call_as_black_does(tmp_path):
    """`a or _(...)` over several lines: black omits the optional parentheses (one `or`, the value ends with
    a bracket whose head fits) and splits at the call, so the rewrite writes what black would leave."""
    run(tmp_path, HUG, ["PY301"], version="17.0", fix=True, unsafe=True)
    assert (tmp_path / P).read_text() == HUG_CLASS + '''    @api.depends("name", "kind_id.name", "equipment_id.name")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = plan.name or _(
                "Unnamed %(kind)s plan (%(eqpmt)s)",
                kind=plan.kind_id.name or "",
                eqpmt=plan.equipment_id.name,
            )
'''
