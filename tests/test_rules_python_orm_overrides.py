"""PY520-PY537: pylint-odoo's model-class checks, on fixtures of our own."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '16.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"


def run(tmp_path, src, select, path=P, extra=None, **kw):
    files = {"my_mod/__manifest__.py": MAN, path: src}
    files.update(extra or {})
    return lint(tmp_path, files, select=select, **kw)


def got(tmp_path, src, code, **kw):
    return [r[2:] for r in rows(run(tmp_path, src, [code], **kw), tmp_path)]


FIELDS = '''from odoo import api, fields, models


class M(models.Model):
    _name = 'm'

    total = fields.Float(compute='calc_total', inverse='_inverse_total', search='find_total')
    good = fields.Float(compute='_compute_good', search='_search_good', inverse='_inverse_good')
    partner_id = fields.Many2one('res.partner', 'Partner')
    tag_ids = fields.Many2many('t', 'rel', 'a', 'b', string='Tag')
    name = fields.Char(string='Name', related='x.name')
    code = fields.Char('Code')
    label = fields.Char('Something else')
    idx = fields.Integer(select=True)
    amount = fields.Float(digits_compute=3)
    user_id = fields.Many2one('res.users', default=_default_user, domain=_domain_user)
    other = fields.Float(compute=_compute_other)
    unknown = fields.Float(compute=compute_elsewhere)

    def _default_user(self):
        return self.env.user

    def _domain_user(self):
        return []

    def _compute_other(self):
        pass
'''


def test_method_names(tmp_path):
    assert got(tmp_path, FIELDS, "PY520") == [(7, 34, 'Name of compute method should start with "_compute_"')]
    assert got(tmp_path / "b", FIELDS, "PY521") == [(7, 81, 'Name of search method should start with "_search_"')]
    assert got(tmp_path / "c", FIELDS.replace("inverse='_inverse_total'", "inverse='inv'"), "PY522") == [
        (7, 56, 'Name of inverse method should start with "_inverse_"')]


def test_renamed_field_parameter(tmp_path):
    assert got(tmp_path, FIELDS, "PY523") == [
        (14, 11, 'Field parameter "select" is no longer supported. Use "index" instead.'),
        (15, 14, 'Field parameter "digits_compute" is no longer supported. Use "digits" instead.')]


def test_attribute_string_redundant(tmp_path):
    msg = "The attribute string is redundant. String parameter equal to name of variable"
    assert got(tmp_path, FIELDS, "PY524") == [(9, 18, msg), (10, 15, msg), (12, 12, msg)]


def test_inheritable_methods(tmp_path):
    assert got(tmp_path, FIELDS, "PY525") == [
        (17, 34, 'Use string method name `"_compute_other"` to preserve inheritability. More info at '
         "https://github.com/OCA/odoo-pre-commit-hooks/issues/126")]
    assert got(tmp_path / "b", FIELDS, "PY526") == [
        (16, 52, "Use `default=lambda self: self._default_user()` to preserve inheritability. More info at "
         "https://github.com/OCA/odoo-pre-commit-hooks/issues/126"),
        (16, 74, "Use `domain=lambda self: self._domain_user()` to preserve inheritability. More info at "
         "https://github.com/OCA/odoo-pre-commit-hooks/issues/126")]


METHODS = '''from odoo import api, fields, models


class M(models.Model):
    _inherit = 'res.partner'

    @api.model
    def create(self, vals):
        super().create(vals)

    def write(self, vals):
        self.x = 1

    def unlink(self):
        if self.x:
            raise ValueError('no')
        return super().unlink()

    def copy(self, default=None):
        return super().write(default)

    def read(self, fields=None):
        return super(M, self).read(fields)

    def __init__(self, *a):
        super().__init__(*a)

    def action(self):
        super().action()
        yield 1

    def fields_view_get(self, view_id=None):
        return super().fields_view_get(view_id)

    def _queue_job(self):
        return super().other()

    def name_get(self):
        return []
'''


def test_super_and_return(tmp_path):
    assert got(tmp_path, METHODS, "PY527") == [(11, 5, 'Missing `super` call in "write" method.')]
    assert got(tmp_path / "b", METHODS, "PY528") == [(8, 5, "Missing `return` (`super` is used) in method create.")]
    assert got(tmp_path / "c", METHODS, "PY530") == [(20, 16, "`super().write` mismatch but defined method is `copy`")]


def test_prohibited_override_only_when_configured(tmp_path):
    assert got(tmp_path, METHODS, "PY529") == []
    assert got(tmp_path / "b", METHODS, "PY529", options={"pylint-odoo": {"prohibited-method-override": ["read"]}}) \
        == [(22, 5, 'Prohibited override of "read" method.')]


def test_no_raise_unlink_from_15(tmp_path):
    assert got(tmp_path, METHODS, "PY531") == [(16, 13, "No exceptions should be raised inside unlink() functions")]
    assert got(tmp_path / "b", METHODS, "PY531", odoo_version="14.0") == []


def test_deprecated_model_methods(tmp_path):
    assert got(tmp_path, METHODS, "PY534") == [
        (32, 5, "fields_view_get has been deprecated by Odoo. Please look for alternatives.")]
    assert got(tmp_path / "b", METHODS, "PY534", odoo_version="15.0") == []
    assert got(tmp_path / "c", METHODS, "PY551", odoo_version="17.0") == [
        (38, 5, "'name_get' is deprecated. Use '_compute_display_name' instead. More info at "
         "https://github.com/odoo/odoo/pull/122085.")]
    assert got(tmp_path / "d", METHODS, "PY551") == []     # the addon is 16.0


COMPUTE = '''from odoo import fields, models


class M(models.Model):
    _name = 'm'
    total = fields.Float(compute='_compute_total')

    def _compute_total(self):
        self.write({'total': 1})
        for rec in self:
            rec.write({'total': 2})
        self.browse(1).write({})
        partner = self.partner_id
        partner.write({})
        self.with_context(a=1).write({})

    def other(self):
        self.write({})
        self.search([])
        self.search([], limit=1)
        domain = []
        self.search(domain)
        dom2 = []
        dom2.append(('a', '=', 1))
        self.search_read(dom2)
        self.search([('a', '=', 1)])
        [r.search([]) for r in self]


class NotAModel:
    def m(self):
        self.search([])
'''


def test_no_write_in_compute(tmp_path):
    msg = "Compute method calling `write`. Use `update` instead."
    assert got(tmp_path, COMPUTE, "PY532") == [(9, 9, msg), (11, 13, msg), (12, 9, msg), (15, 9, msg)]


def test_no_search_all(tmp_path):
    assert got(tmp_path, COMPUTE, "PY533") == [
        (19, 9, "Using an empty domain `search([])` without a `limit` will load all records, may impact performance."),
        (22, 9, "Using an empty domain `search([])` without a `limit` will load all records, may impact performance.")]


CLASSES = '''from odoo import fields, models


class Old(models.Model):
    _name = 'old'
    _columns = {}
    _defaults = {}
    length = 3


class Wiz(models.TransientModel):
    _name = 'wiz'


class Settings(models.TransientModel):
    _inherit = 'res.config.settings'
'''


def test_attribute_deprecated_and_wizard_location(tmp_path):
    assert got(tmp_path, CLASSES, "PY535") == [(6, 5, 'attribute "_columns" deprecated'),
                                               (7, 5, 'attribute "_defaults" deprecated'),
                                               (8, 5, 'attribute "length" deprecated')]
    assert got(tmp_path / "b", CLASSES, "PY536") == [
        (11, 11, "No wizard class for model directory. See the complete structure https://github.com/OCA/"
         "odoo-community.org/blob/master/website/Contribution/CONTRIBUTING.rst#complete-structure")]
    assert got(tmp_path / "c", CLASSES, "PY536", path="my_mod/wizards/w.py") == []


INH_A = "from odoo import models\n\n\nclass A(models.Model):\n    _inherit = 'res.partner'\n"
INH_B = ("from odoo import models\n\n\nclass B(models.Model):\n    _inherit = 'res.partner'\n\n\n"
         "class C(models.Model):\n    _name = 'x'\n    _inherit = 'res.partner'\n\n\n"
         "class D(models.Model):\n    _inherit = 'res.users'  # pylint: disable=consider-merging-classes-inherited\n")


def test_consider_merging_classes_inherited(tmp_path):
    assert got(tmp_path, INH_B, "PY537", extra={"my_mod/models/a.py": INH_A,
                                                "my_mod/models/c.py": INH_A.replace("res.partner", "res.users")}) == [
        (5, 5, 'Consider merging classes inherited to "res.partner" from my_mod/models/a.py:5:4.')]
