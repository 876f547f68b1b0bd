"""PY540-PY551: pylint-odoo's hygiene checks, on fixtures of our own."""
from tests.helpers import lint, rows

MAN = "{'name': 'X', 'version': '16.0.1.0.0', 'license': 'LGPL-3'}\n"
P = "my_mod/models/m.py"


def got(tmp_path, src, code, path=P, **kw):
    res = lint(tmp_path, {"my_mod/__manifest__.py": MAN, path: src}, select=[code], **kw)
    return [r[2:] for r in rows(res, tmp_path)]


SRC = '''# vim:expandtab:tabstop=4
import itertools
import requests
from itertools import groupby as gb
from odoo.tools import groupby
from requests import post
from odoo.exceptions import Warning, UserError
from odoo.addons.my_mod.models import util
from odoo.addons.other.models import x
from odoo.tools import clean_context
import odoo.addons.my_mod


def f(self, lines, url):
    print(lines)
    try:
        x()
    except Exception:
        pass
    except ValueError as e:
        pass
    except KeyError:
        _logger.info('x')
    itertools.groupby(lines)
    gb(lines)
    groupby(lines)
    requests.get(url)
    requests.get(url, timeout=5)
    post(url, data={})
    self.with_context({'a': 1})
    self.with_context(dict(self.env.context, a=1), b=2)
    self.with_context(clean_context(self.env.context))
    domain = [('id', 'inselect', ('q', []))]
'''


def test_print_vim_except_pass(tmp_path):
    assert got(tmp_path, SRC, "PY540") == [(15, 5, "Print used. Use `logger` instead.")]
    assert got(tmp_path / "a", "def print(x):\n    pass\n\n\nprint(1)\n", "PY540") == []
    assert got(tmp_path / "b", SRC, "PY541") == [(1, 1, "Use of vim comment")]
    assert got(tmp_path / "c", SRC, "PY542") == [(18, 5, "pass into block except. If you really need to use the pass "
                                                 "consider logging that exception")]


def test_groupby_and_timeouts(tmp_path):
    msg = ("Used builtin function `itertools.groupby`. Prefer `odoo.tools.groupby` instead. More info about "
           "https://github.com/odoo/odoo/issues/105376")
    assert got(tmp_path, SRC, "PY543") == [(24, 5, msg)]   # `gb(...)`: pylint-odoo only looks at names ending in groupby
    assert got(tmp_path / "a", "from itertools import groupby\n\ngroupby([])\n", "PY543") == [(3, 1, msg)]
    assert got(tmp_path / "b", SRC, "PY544") == [
        (27, 5, "Use of external request method `requests.get` without timeout. It could wait for a long time"),
        (29, 5, "Use of external request method `requests.post` without timeout. It could wait for a long time")]


def test_context_overridden(tmp_path):
    assert got(tmp_path, SRC, "PY545") == [(30, 5, "Context overridden using dict. Better using kwargs "
                                           "`with_context(**{'a': 1})` or `with_context(key=value)`")]


def test_imports(tmp_path):
    assert got(tmp_path, SRC, "PY546") == [(7, 1, "`odoo.exceptions.Warning` is a deprecated alias to "
                                           "`odoo.exceptions.UserError` use `from odoo.exceptions import UserError`")]
    msg = 'Same Odoo module absolute import. You should use relative import with "." instead of "odoo.addons.my_mod"'
    assert got(tmp_path / "b", SRC, "PY547") == [(8, 1, msg), (11, 1, msg)]
    assert got(tmp_path / "c", SRC, "PY547", path="my_mod/tests/test_x.py") == []
    assert got(tmp_path / "d", SRC, "PY547", path="my_mod/migrations/16.0.1.0.1/post-migrate.py") == []


def test_test_folder_imported(tmp_path):
    init = "from . import models\nfrom . import tests\nfrom .tests import common\nimport tests\n"
    assert got(tmp_path, init, "PY548", path="my_mod/__init__.py") == [
        (2, 1, "Test folder imported in module my_mod"), (3, 1, "Test folder imported in module my_mod"),
        (4, 1, "Test folder imported in module my_mod")]
    assert got(tmp_path / "b", init, "PY548", path="my_mod/models/helpers.py") == []


def test_version_gated_deprecations(tmp_path):
    assert got(tmp_path, SRC, "PY549") == []                  # 16.0 addon
    assert got(tmp_path / "b", SRC, "PY549", odoo_version="18.0") == [
        (33, 22, "The domain operator 'inselect' is deprecated in Odoo 18.0+. Use 'in' SQL or 'not in' SQL instead. "
         "More info at https://github.com/odoo/odoo/pull/171371")]
    cr = ("from odoo import models\n\n\nclass M(models.Model):\n    _name = 'm'\n\n    def f(self):\n"
          "        return self._cr, self.env.cr\n\n\nclass Plain:\n    def f(self):\n        return self._cr\n")
    assert got(tmp_path / "c", cr, "PY550", odoo_version="19.0") == [
        (8, 16, 'Use "self.env.cr" instead of "self._cr" (deprecated since 19.0)')]
    assert got(tmp_path / "d", cr, "PY550") == []
