"""pylint-odoo's names as selectors, and its options under [tool.odoolint]."""
from pathlib import Path

import pytest

from odoolint.config import ConfigError, load_settings
from odoolint.registry import load_rules
from tests.helpers import lint, rows


def test_symbols_message_ids_and_the_family_are_selectors():
    reg = load_rules()
    assert reg.resolve("E8103") == {"PY401"} and reg.resolve("sql-injection") == {"PY401"}
    assert reg.resolve("W8116") == {"PY540"}
    family = reg.resolve("pylint-odoo")
    assert {"PY501", "PY551", "MF201", "MF222"} <= family and "PY401" not in family


def test_options_under_pylint_odoo_names(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.odoolint]\nmanifest-required-authors = ["Me"]\nlicense-allowed = "AGPL-3,LGPL-3"\n'
        'valid-odoo-versions = ["17.0"]\n')
    s = load_settings(tmp_path)
    assert s.options["pylint-odoo"] == {"manifest-required-authors": ["Me"], "license-allowed": ["AGPL-3", "LGPL-3"],
                                        "valid-odoo-versions": ["17.0"]}
    (tmp_path / ".odoolint.toml").write_text("manifest-required-authors = 3\n")
    with pytest.raises(ConfigError, match="'manifest-required-authors' must be a list of strings"):
        load_settings(tmp_path)


def test_valid_odoo_versions_gates_like_pylint_odoo(tmp_path: Path):
    src = "from odoo import _\n\n\ndef f():\n    _('x')\n"
    files = {"m/__manifest__.py": "{'name': 'm', 'version': '16.0.1.0.0'}\n", "m/a.py": src}
    assert rows(lint(tmp_path, files, select=["PY506"]), tmp_path) == []          # the addon's series: 16.0
    one = lint(tmp_path, files, select=["PY506"], options={"pylint-odoo": {"valid-odoo-versions": ["18.0"]}})
    assert [r[1:3] for r in rows(one, tmp_path)] == [("PY506", 5)]
    several = lint(tmp_path, files, select=["PY506"],
                   options={"pylint-odoo": {"valid-odoo-versions": ["16.0", "18.0"]}})   # several: gates open
    assert [r[1:3] for r in rows(several, tmp_path)] == [("PY506", 5)]
