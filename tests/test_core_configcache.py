"""Parsed configuration files are kept in the user's cache folder (odoolint/configcache.py): a run whose
configuration bytes did not change gets the mapping without parsing TOML, and gets exactly what parsing the
current bytes gives whenever they changed, or the record is not the user's own."""
import os
import subprocess
import sys
from pathlib import Path

from odoolint import cachekey, configcache
from odoolint.config import load_settings


def _record(tmp_path: Path) -> str:
    return configcache.record_path(os.path.abspath(tmp_path / ".odoolint.toml"))


def test_unchanged_configuration_is_read_from_the_record_without_tomllib(tmp_path: Path):
    (tmp_path / ".odoolint.toml").write_text('odoo-version = "17.0"\nextend-select = ["OL"]\n')
    assert load_settings(tmp_path).odoo_version == "17.0"
    assert os.path.isfile(_record(tmp_path))
    code = ("import sys; from pathlib import Path; from odoolint.config import load_settings; "
            f"s = load_settings(Path({str(tmp_path)!r})); "
            "print(s.odoo_version, s.extend_select, 'tomllib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert out.stdout.split("\n")[0] == "17.0 ['OL'] False"


def test_changed_bytes_are_parsed_again(tmp_path: Path):
    cfg = tmp_path / ".odoolint.toml"
    cfg.write_text('odoo-version = "17.0"\n')
    assert load_settings(tmp_path).odoo_version == "17.0"
    st = cfg.stat()
    cfg.write_text('odoo-version = "16.0"\n')          # same size, same mtime: only the bytes tell
    os.utime(cfg, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert load_settings(tmp_path).odoo_version == "16.0"
    assert load_settings(tmp_path).odoo_version == "16.0"


def test_a_record_not_signed_with_the_users_key_is_ignored(tmp_path: Path):
    cfg = tmp_path / ".odoolint.toml"
    cfg.write_text('odoo-version = "17.0"\n')
    load_settings(tmp_path)
    import marshal
    raw = cfg.read_bytes()
    where = os.path.abspath(cfg)
    body = marshal.dumps((where, configcache._digest(raw), {"odoo-version": "12.0"}))
    forged = configcache.MAC_PREFIX + cachekey.sign(b"x" * 32, configcache._context(where), body).encode()
    Path(_record(tmp_path)).write_bytes(forged + b"\n" + body)
    assert load_settings(tmp_path).odoo_version == "17.0"
    Path(_record(tmp_path)).write_bytes(b"odoolint-config-mac zz\n" + b"\x00garbage")
    assert load_settings(tmp_path).odoo_version == "17.0"


def test_a_mapping_marshal_cannot_hold_is_not_kept(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nreleased = 2024-01-01\n[tool.odoolint]\nodoo-version = "18.0"\n')
    assert load_settings(tmp_path).odoo_version == "18.0"
    assert not os.path.exists(configcache.record_path(os.path.abspath(tmp_path / "pyproject.toml")))
    assert load_settings(tmp_path).odoo_version == "18.0"
