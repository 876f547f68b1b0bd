"""Parsed configuration files are kept in the user's cache folder (odoolint/configcache.py): a run whose
configuration bytes did not change gets the mapping without parsing TOML, and gets exactly what parsing the
current bytes gives whenever they changed, or the record is not the user's own."""
import os
import subprocess
import sys
from pathlib import Path

from odoolint import configcache, digests
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
    forged = configcache.MAC_PREFIX + digests.keyed(b"x" * 32, configcache._context(where), body).encode()
    Path(_record(tmp_path)).write_bytes(forged + b"\n" + body)
    assert load_settings(tmp_path).odoo_version == "17.0"
    Path(_record(tmp_path)).write_bytes(b"odoolint-config-mac zz\n" + b"\x00garbage")
    assert load_settings(tmp_path).odoo_version == "17.0"


def test_a_mapping_marshal_cannot_hold_is_not_kept(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nreleased = 2024-01-01\n[tool.odoolint]\nodoo-version = "18.0"\n')
    assert load_settings(tmp_path).odoo_version == "18.0"
    assert not os.path.exists(configcache.record_path(os.path.abspath(tmp_path / "pyproject.toml")))
    assert load_settings(tmp_path).odoo_version == "18.0"


def test_the_digests_without_openssl_are_hashlibs():
    import hashlib
    import hmac
    for data in (b"", b"abc", bytes(range(256)) * 1000):
        assert digests.sha256_hex(data) == hashlib.sha256(data).hexdigest()
        assert digests.blake2b(data, digest_size=16).hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()
        key = bytes(range(32))
        assert digests.keyed(key, "ctx", data) == hashlib.blake2b(b"ctx\0" + data, key=key, digest_size=32).hexdigest()
        assert digests.keyed_ok(key, "ctx", data, digests.keyed(key, "ctx", data))
        assert not digests.keyed_ok(bytes(32), "ctx", data, digests.keyed(key, "ctx", data))
        assert not digests.keyed_ok(key, "other", data, digests.keyed(key, "ctx", data))
    assert digests.compare_digest("ab", "ab") and not digests.compare_digest("ab", "ac") and hmac


def test_a_one_file_run_loads_no_openssl_and_no_toml_parser(tmp_path: Path):
    """With the snapshot in place, a buffer's run needs neither (their imports were a tenth of it)."""
    from tests.helpers import write_tree
    root = tmp_path / "p"
    write_tree(root, {"m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0', 'license': 'LGPL-3'}\n",
                      "m/models/a.py": "from odoo import models\n\n\nclass A(models.Model):\n    _name = 'a.a'\n",
                      ".odoolint.toml": 'extend-select = ["OL"]\n'})
    import time
    old = time.time() - 60
    for dirpath, _, filenames in os.walk(root, topdown=False):
        for n in filenames:
            os.utime(os.path.join(dirpath, n), (old, old))
        os.utime(dirpath, (old, old))
    cli = [sys.executable, "-c", "import sys; from odoolint.cli import main; sys.argv[0] = 'odoolint'; main()"]
    cache = ["--cache-dir", str(tmp_path / "cache")]
    subprocess.run(cli + ["check", "-q", "--exit-zero", *cache, "."], cwd=root, env=os.environ, check=True)
    code = ("import sys, atexit; atexit.register(lambda: sys.stderr.write(repr(('_hashlib' in sys.modules, "
            "'tomllib' in sys.modules)))); from odoolint.cli import main; sys.argv[0] = 'odoolint'; main()")
    out = subprocess.run([sys.executable, "-c", code, "check", "--exit-zero", *cache, "--stdin-filename",
                          "m/models/a.py", "-"], cwd=root, env=os.environ, input=(root / "m/models/a.py").read_text() + "# x\n",
                         capture_output=True, text=True)
    assert out.stderr.endswith("(False, False)"), out.stderr
