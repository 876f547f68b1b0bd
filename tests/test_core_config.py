"""Configuration: kebab-case keys, file discovery, errors that exit 2 with one line."""
from pathlib import Path

import pytest

from odoolint.config import ConfigError, load_settings
from odoolint.registry import load_rules
from odoolint.runner import resolve_enabled


def test_pyproject_and_dot_file(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.odoolint]\nodoo-version = "17.0"\nextend-select = ["OL"]\nper-file-ignores = {"legacy/*" = ["PY"]}\n')
    s = load_settings(tmp_path)
    assert s.odoo_version == "17.0" and s.extend_select == ["OL"] and s.per_file_ignores == {"legacy/*": ["PY"]}
    (tmp_path / ".odoolint.toml").write_text('ignore = ["OL001"]\n')
    s = load_settings(tmp_path)
    assert s.ignore == ["OL001"] and s.odoo_version is None


@pytest.mark.parametrize("body,message", [
    ('selct = ["X"]\n', "unknown option 'selct'"),
    ('select = "PY"\n', "'select' must be a list of strings"),
    ('odoo-version = "seventeen"\n', "'odoo-version' must be a string like \"17.0\""),
    ('jobs = 0\n', "'jobs' must be a positive integer"),
    ('fix = "yes"\n', "'fix' must be true or false"),
    ('select = [\n', "cannot read configuration"),
])
def test_bad_config_is_one_line(tmp_path: Path, body, message):
    (tmp_path / ".odoolint.toml").write_text(body)
    with pytest.raises(ConfigError) as exc:
        load_settings(tmp_path)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_selectors_by_code_prefix_name_and_all(tmp_path: Path):
    reg = load_rules()
    from odoolint.config import Settings
    assert resolve_enabled(reg, Settings(select=["OL001"])) == {"OL001"}
    assert resolve_enabled(reg, Settings(select=["unused-noqa"])) == {"OL001"}
    assert resolve_enabled(reg, Settings(select=["OL"])) == {"OL001", "OL002", "OL003", "OL004", "OL005", "OL006"}
    assert resolve_enabled(reg, Settings(select=["ALL"], ignore=["OL"])) == set(reg.rules) - {"OL001", "OL002", "OL003", "OL004", "OL005", "OL006"}
    with pytest.raises(ConfigError) as exc:
        resolve_enabled(reg, Settings(select=["NOPE999"]))
    assert str(exc.value) == "unknown rule selector 'NOPE999'"
