"""PY501-PY513: pylint-odoo's translation checks, on fixtures of our own."""
from tests.helpers import lint, rows

MAN16 = "{'name': 'X', 'version': '16.0.1.0.0', 'license': 'LGPL-3'}\n"
MAN18 = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"
MAN12 = "{'name': 'X', 'version': '12.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"


def run(tmp_path, src, select, man=MAN16, path=P, **kw):
    return lint(tmp_path, {"my_mod/__manifest__.py": man, path: src}, select=select, **kw)


REQ = '''from odoo import _
from odoo.exceptions import UserError


def f(self, x):
    raise UserError('No %s' % x)
    raise UserError(_('No %s') % x)
    raise ValueError('internal')
    raise UserError('Hi {}'.format(x))
    self.message_post(body='Done')
    self.message_post(body=_('Done'), subject='Sub', other='x')
    raise
'''


def test_translation_required(tmp_path):
    assert rows(run(tmp_path, REQ, ["PY501"]), tmp_path) == [
        (P, "PY501", 6, 5, 'String parameter on "UserError" requires translation. Use _(\'No %s\')'),
        (P, "PY501", 9, 5, 'String parameter on "UserError" requires translation. Use _(\'Hi {}\')'),
        (P, "PY501", 10, 5, 'String parameter on "message_post" requires translation. Use body=_(\'Done\')'),
        (P, "PY501", 11, 5, 'String parameter on "message_post" requires translation. Use subject=_(\'Sub\')'),
    ]
    # 18.0 suggests self.env._; tests are exempt for message_post
    assert rows(run(tmp_path / "b", "def f(self):\n    raise UserError('No')\n", ["PY501"], man=MAN18),
                tmp_path / "b") == [
        (P, "PY501", 2, 5, 'String parameter on "UserError" requires translation. Use self.env._(\'No\')')]
    assert rows(run(tmp_path / "c", "def f(self):\n    self.message_post(body='x')\n", ["PY501"],
                    path="my_mod/tests/test_a.py"), tmp_path / "c") == []


FIELDS = '''from odoo import _, fields, models


class M(models.Model):
    _name = 'm'
    a = fields.Char(string=_('A label'))
    b = fields.Char(_lt('B'))
    c = fields.Char(string='C')
    d = fields.Char(help=_('d help'))
'''


def test_translation_field(tmp_path):
    msg = 'Translation method _("string") in fields is not necessary.'
    assert rows(run(tmp_path, FIELDS, ["PY502"]), tmp_path) == [
        (P, "PY502", 6, 28, msg), (P, "PY502", 7, 21, msg), (P, "PY502", 9, 26, msg)]


VARS = '''from odoo import _


def f(x, y):
    _('Hello %s' % x)
    _('Hi {}'.format(x))
    _('Hello %s') % x
    _('Plain')
'''


def test_translation_contains_variable_only_up_to_13(tmp_path):
    assert rows(run(tmp_path, VARS, ["PY503"], man=MAN12), tmp_path) == [
        (P, "PY503", 5, 5, "Translatable term in \"'Hello %s' % x\" contains variables. Use _('Hello %s') % x "
         "instead"),
        (P, "PY503", 6, 5, "Translatable term in \"'Hi {}'.format(x)\" contains variables. Use _('Hi {}').format(x) "
         "instead")]
    assert rows(run(tmp_path / "b", VARS, ["PY503"], man=MAN16), tmp_path / "b") == []


POS = '''from odoo import _


def f(a, b):
    _('%s of %s') % (a, b)
    _('{} and {}').format(a, b)
    _('%(a)s of %(b)s') % {'a': a, 'b': b}
    _('only %s') % a
'''


def test_translation_positional_used(tmp_path):
    assert rows(run(tmp_path, POS, ["PY504"]), tmp_path) == [
        (P, "PY504", 5, 5, "Translation method _('%s of %s') is using positional string printf formatting with "
         "multiple arguments. Use named placeholder `_(\"%(placeholder)s\")` instead."),
        (P, "PY504", 6, 5, "Translation method _('{} and {}') is using positional string printf formatting with "
         "multiple arguments. Use named placeholder `_(\"%(placeholder)s\")` instead.")]


def test_translation_injection(tmp_path):
    src = "from odoo import _\n\n\ndef f(a):\n    _('Hi {}').format(a)\n    _('Hi {}'.format(a))\n    'x {}'.format(a)\n"
    assert rows(run(tmp_path, src, ["PY505"]), tmp_path) == [
        (P, "PY505", 5, 5, "Do not use str.format on translation methods. Use placeholders instead. Reference: "
         "https://lucumr.pocoo.org/2016/12/29/careful-with-str-format/")]


def test_prefer_env_translation_from_18(tmp_path):
    src = "from odoo import _\n\n\ndef f(self):\n    _('Hi')\n    self.env._('Hi')\n    _()\n"
    msg = "Better using self.env._ More info at https://github.com/odoo/odoo/pull/174844"
    assert rows(run(tmp_path, src, ["PY506"], man=MAN18), tmp_path) == [(P, "PY506", 5, 5, msg)]
    assert rows(run(tmp_path / "b", src, ["PY506"], man=MAN16), tmp_path / "b") == []
    # a LazyTranslate `_lt` is looked up when rendered: self.env._ is no replacement
    assert rows(run(tmp_path / "l", "def f():\n    return _lt('Hi')\n", ["PY506"], man=MAN18), tmp_path / "l") == []
    # an explicit target decides over the addon's own series
    assert rows(run(tmp_path / "c", src, ["PY506"], man=MAN16, odoo_version="18.0"), tmp_path / "c") == [
        (P, "PY506", 5, 5, msg)]


LOG = '''from odoo import _


def f(self, a, b):
    _('Order %s' % a)
    _('Order ' + a)
    _('Order ' 'x')
    _('Order %s') % a
    _('Order {}'.format(a))
    _('Order {}').format(a)
    _('Order {:>5}'.format(a))
    _(f'Order {a}')
    _(f'Order {a} 100%')
    _('Total %y', a)
    _('Discount %s%', a)
    _('Order %s', a, b)
    _('%s and %s', a)
    _('%s and %s', a, b)
    _('%(x)s', x=a)
    _('no args 100%')
    _lt('Order %s' % a)
'''


def _log(tmp_path, code, man=MAN16):
    return rows(run(tmp_path, LOG, [code], man=man), tmp_path)


def test_translation_not_lazy(tmp_path):
    msg = "Use lazy % formatting in odoo._ functions"
    assert _log(tmp_path, "PY507") == [(P, "PY507", 5, 5, msg), (P, "PY507", 6, 5, msg), (P, "PY507", 8, 5, msg)]
    assert _log(tmp_path / "b", "PY507", man=MAN12) == []    # pylint-odoo runs these from 14.0


def test_translation_format_and_fstring_interpolation(tmp_path):
    msg = "Use lazy % formatting in odoo._ functions"
    assert _log(tmp_path, "PY508") == [(P, "PY508", 9, 5, msg), (P, "PY508", 10, 5, msg)]
    assert _log(tmp_path / "b", "PY509") == [(P, "PY509", 12, 5, msg)]


def test_translation_format_errors(tmp_path):
    assert _log(tmp_path, "PY510") == [
        (P, "PY510", 14, 5, "Unsupported odoo._ format character 'y' (0x79) at index 7")]
    assert _log(tmp_path / "b", "PY511") == [
        (P, "PY511", 15, 5, "Logging format string ends in middle of conversion specifier")]
    assert _log(tmp_path / "c", "PY512") == [(P, "PY512", 16, 5, "Too many arguments for odoo._ format string")]
    assert _log(tmp_path / "d", "PY513") == [(P, "PY513", 17, 5, "Not enough arguments for odoo._ format string")]
