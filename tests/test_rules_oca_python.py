"""The Python checks of OCA's hooks: unused-logger (PY560), use-header-comments (PY561), the hooks' variant of
prefer-env-translation (PY562), field-string-redundant folded into PY524, and fixit's `# lint-ignore` comments.
Fixtures are our own text."""
from __future__ import annotations

from tests.helpers import lint, rows
from tests.python_rules import fixed, run

P = "my_mod/models/m.py"
MAN17 = "{'name': 'X', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n"


def got(tmp_path, src, code, version="18.0", path=P):
    return [r[2:] for r in rows(run(tmp_path, src, [code], version=version, path=path), tmp_path)]


LOGGER = '''import logging

from odoo import models

_logger = logging.getLogger(__name__)


class A(models.Model):
    _name = "a"
'''


def test_unused_logger_reported_and_removed(tmp_path):
    assert got(tmp_path, LOGGER, "PY560") == [(5, 1, "`_logger` is defined but never used: remove it")]
    out, again = fixed(tmp_path / "f", LOGGER, ["PY560"], version="18.0", unsafe=True)
    assert out == LOGGER.replace("_logger = logging.getLogger(__name__)\n", "")
    assert [d.code for d in again.diagnostics] == []


def test_unused_logger_fix_is_unsafe_only(tmp_path):
    run(tmp_path, LOGGER, ["PY560"], version="18.0", fix=True)
    assert (tmp_path / P).read_text() == LOGGER


def test_used_or_other_loggers_are_not_reported(tmp_path):
    used = LOGGER + "\n    def f(self):\n        _logger.info('x')\n"
    passed_on = LOGGER + "\n    def f(self):\n        helper(_logger)\n"
    other_name = LOGGER.replace("getLogger(__name__)", "getLogger('odoo.addons.x')")
    for i, src in enumerate((used, passed_on, other_name)):
        assert got(tmp_path / str(i), src, "PY560") == [], src


def test_unused_logger_outside_an_addon_is_not_reported(tmp_path):
    res = lint(tmp_path, {"scripts/tool.py": LOGGER}, select=["PY560"])
    assert rows(res, tmp_path) == []


HEADER = '''#!/usr/bin/env python3
# Copyright 2020 ACME
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=missing-docstring

# Authors: someone
from odoo import models
# a comment after the code starts
'''


def test_use_header_comments(tmp_path):
    assert got(tmp_path, HEADER, "PY561") == [(6, 1, "Use of header comments in lines 2, 3, 6")]
    out, _ = fixed(tmp_path / "f", HEADER, ["PY561"], version="18.0", unsafe=True)
    assert out == ("#!/usr/bin/env python3\n# pylint: disable=missing-docstring\n\nfrom odoo import models\n"
                   "# a comment after the code starts\n")


def test_use_header_comments_in_the_manifest(tmp_path):
    res = lint(tmp_path, {"my_mod/__manifest__.py": "# Copyright 2020 ACME\n" + MAN17}, select=["PY561"])
    assert rows(res, tmp_path) == [("my_mod/__manifest__.py", "PY561", 1, 1, "Use of header comments in lines 1")]


def test_use_header_comments_negative(tmp_path):
    only_directives = "# -*- coding: utf-8 -*-\n# flake8: noqa\nfrom odoo import models\n"
    only_comments = "# Copyright 2020 ACME\n# nothing else here\n"
    indented_later = "from odoo import models\n# Copyright 2020 ACME\n"
    for i, src in enumerate((only_directives, only_comments, indented_later)):
        assert got(tmp_path / str(i), src, "PY561") == [], src


ENV = '''from odoo import _, _lt, http, models
from odoo import _ as tr


def helper(self):
    return _("not in a class")


class A(models.Model):
    _name = "a"
    label = _("a class attribute")

    def f(self):
        raise ValueError(_("Boom %s", self.id))

    def g(self):
        return tr("aliased"), _lt("lazy")

    @staticmethod
    def h(value):
        return _("no self")


class C(http.Controller):
    def route(self):
        return _("controller")


class Plain:
    def f(self):
        return _("not a model")
'''


def test_env_translation_in_method(tmp_path):
    msg = "Use `self.env._(...)` instead of `{}(...)` in the methods of models and controllers"
    assert got(tmp_path, ENV, "PY562") == [(14, 26, msg.format("_")), (17, 16, msg.format("tr")),
                                           (17, 31, msg.format("_lt")), (26, 16, msg.format("_"))]
    out, again = fixed(tmp_path / "f", ENV, ["PY562"], version="18.0")
    assert 'ValueError(self.env._("Boom %s", self.id))' in out and 'self.env._("aliased")' in out
    assert '_lt("lazy")' in out                           # unsafe for a lazy translation
    assert [(d.span.start.line, d.span.start.column) for d in again.diagnostics] == [(17, 39)]


def test_env_translation_in_method_before_18(tmp_path):
    files = {"my_mod/__manifest__.py": MAN17, P: ENV}
    assert rows(lint(tmp_path, files, select=["PY562"]), tmp_path) == []
    # the addon's own manifest decides, not the target
    assert rows(lint(tmp_path, files, odoo_version="18.0", select=["PY562"]), tmp_path) == []


def test_lint_ignore_comments(tmp_path):
    src = ENV.replace('raise ValueError(_("Boom %s", self.id))',
                      'raise ValueError(_("Boom %s", self.id))  # lint-ignore=prefer-env-translation')
    src = src.replace('    def g(self):\n        return', '    def g(self):\n        # lint-fixme\n        return')
    src = src.replace('return _("controller")', 'return _("controller")  # lint-ignore: unused-logger')
    assert [r[0] for r in got(tmp_path, src, "PY562")] == [27]      # a named directive covers only its names


STRINGS = '''from odoo import fields, models


class A(models.Model):
    _name = "a"

    partner_id = fields.Many2one("res.partner", "Partner")
    tag_ids = fields.Many2many("a.tag", "a_tag_rel", "a_id", "tag_id", "Tag")
    name = fields.Char(string="Name")
    other = fields.Char("Different label")
    related_name = fields.Char("Related Name", related="partner_id.name")
'''


def test_field_string_redundant_is_py524(tmp_path):
    res = lint(tmp_path, {"my_mod/__manifest__.py": MAN17, P: STRINGS}, select=["field-string-redundant"])
    assert [r[1:4] for r in rows(res, tmp_path)] == [("PY524", 7, 18), ("PY524", 8, 15), ("PY524", 9, 12)]
    disabled = STRINGS.replace('"Partner")', '"Partner")  # lint-ignore')
    res = lint(tmp_path / "b", {"my_mod/__manifest__.py": MAN17, P: disabled}, select=["PY524"])
    assert [r[2] for r in rows(res, tmp_path / "b")] == [8, 9]


def test_oca_hooks_cfg_names_the_hooks_rule(tmp_path, monkeypatch):
    from odoolint.config import load_settings
    monkeypatch.delenv("OCA_HOOKS_ENABLE", raising=False)
    monkeypatch.delenv("OCA_HOOKS_DISABLE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".oca_hooks.cfg").write_text("[MESSAGES_CONTROL]\ndisable = prefer-env-translation,unused-logger,"
                                             "field-string-redundant\n")
    assert load_settings(tmp_path).ignore == ["PY562", "PY560", "PY524"]
    monkeypatch.setenv("OCA_HOOKS_ENABLE", "use-header-comments")
    s = load_settings(tmp_path)
    # only the hooks' rules are ignored, not pylint-odoo's check of the same name (PY506)
    assert s.extend_select == ["PY561"] and {"PY560", "PY562", "PY524"} <= set(s.ignore)
    assert "PY506" not in s.ignore and "PY527" not in s.ignore


def test_one_problem_one_finding_when_both_families_run(tmp_path):
    # PY562 defers to PY506 (same call), PY550 to PY102 (`self._cr` / its `_cr`); `_lt` is PY562's alone
    src = ("from odoo import _, _lt, models\n\n\nclass A(models.Model):\n    _name = 'a'\n\n    def f(self):\n"
           "        self._cr.execute('SELECT 1')\n        return _('x'), _lt('y')\n")
    res = run(tmp_path, src, ["PY506", "PY562", "PY102", "PY550"], version="19.0")
    assert [r[1:4] for r in rows(res, tmp_path)] == [("PY102", 8, 14), ("PY506", 9, 16), ("PY562", 9, 24)]
    res = run(tmp_path / "b", src, ["PY562", "PY550"], version="19.0")
    assert [r[1:4] for r in rows(res, tmp_path / "b")] == [("PY550", 8, 9), ("PY562", 9, 16), ("PY562", 9, 24)]
