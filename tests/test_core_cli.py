"""The command line end to end (a real subprocess on real files): exit codes, outputs, fixes, diffs, stdin."""
import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_tree

CONF = "[options]\ndb_host = db\ndb_host = other\n"


def odoolint(cwd: Path, *args: str, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "odoolint.cli", *args], cwd=cwd, input=stdin,
                          capture_output=True)


def test_exit_codes_clean_findings_and_usage(tmp_path: Path):
    write_tree(tmp_path, {"ok.py": "x = 1\n"})
    assert odoolint(tmp_path, "check", "--select", "PY001", "--no-cache").returncode == 0
    write_tree(tmp_path, {"conf/odoo.conf": CONF})
    r = odoolint(tmp_path, "check", "--select", "CNF001", "--no-cache")
    assert r.returncode == 1
    assert odoolint(tmp_path, "check", "--select", "CNF001", "--no-cache", "--exit-zero").returncode == 0
    r = odoolint(tmp_path, "check", "--select", "NOPE1", "--no-cache")
    assert (r.returncode, r.stderr.decode()) == (2, "error: unknown rule selector 'NOPE1'\n")
    (tmp_path / ".odoolint.toml").write_text("selct = []\n")
    r = odoolint(tmp_path, "check", "--no-cache")
    assert r.returncode == 2 and r.stderr.decode().startswith("error: ") and "unknown option 'selct'" in \
        r.stderr.decode()
    r = odoolint(tmp_path, "check", "--odoo-version", "banana")
    assert r.returncode == 2


def test_json_output_is_ruff_shaped_with_relative_filenames(tmp_path: Path):
    write_tree(tmp_path, {"conf/odoo.conf": CONF})
    r = odoolint(tmp_path, "check", "--select", "CNF001", "--no-cache", "--output-format", "json")
    data = json.loads(r.stdout)
    assert len(data) == 1
    d = data[0]
    assert (d["code"], d["filename"], d["location"], d["end_location"], d["fix"], d["noqa_row"]) == (
        "CNF001", "conf/odoo.conf", {"row": 3, "column": 1}, {"row": 3, "column": 16}, None, 3)
    assert d["name"] == "odoo-conf-parse-error" and d["url"].endswith("#cnf001")


def test_output_file_and_statistics(tmp_path: Path):
    write_tree(tmp_path, {"conf/odoo.conf": CONF, "a.py": "def f(:\n", "b.py": "def g(:\n"})
    r = odoolint(tmp_path, "check", "--select", "CNF001,PY001", "--no-cache", "--statistics")
    assert r.stdout.decode() == "2\tPY001\t    python-parse-error\n1\tCNF001\t    odoo-conf-parse-error\n"
    out = tmp_path / "report.txt"
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--output-format", "concise", "-o", str(out))
    assert r.stdout == b"" and r.returncode == 1
    assert out.read_text().splitlines()[:2] == ["a.py:1:7: PY001 SyntaxError: invalid syntax",
                                                "b.py:1:7: PY001 SyntaxError: invalid syntax"]


def test_stdin_filename_lints_the_buffer(tmp_path: Path):
    write_tree(tmp_path, {"conf/odoo.conf": "[options]\n"})
    r = odoolint(tmp_path, "check", "--select", "CNF001", "--stdin-filename", "conf/odoo.conf",
                 "--output-format", "concise", stdin=CONF.encode())
    assert r.returncode == 1
    assert r.stdout.decode().startswith("conf/odoo.conf:3:1: CNF001 option 'db_host' appears twice")


def test_rule_command_renders_docs(tmp_path: Path):
    r = odoolint(tmp_path, "rule", "CNF001")
    text = r.stdout.decode()
    assert r.returncode == 0 and text.startswith("CNF001 (odoo-conf-parse-error): odoo.conf makes configparser raise")
    assert "Source: odoo/tools/config.py" in text
    r = odoolint(tmp_path, "rule", "--all", "--output-format", "json")
    rules = json.loads(r.stdout)
    assert {"PY001", "OL001"} <= {x["code"] for x in rules}
    assert all(x["explanation"] for x in rules)
    assert odoolint(tmp_path, "rule", "NOPE9").returncode == 2


def test_clean_removes_only_a_tagged_cache(tmp_path: Path):
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    odoolint(tmp_path, "check", "--select", "PY001")
    assert (tmp_path / ".odoolint_cache" / "CACHEDIR.TAG").exists()
    r = odoolint(tmp_path, "clean")
    assert r.returncode == 0 and not (tmp_path / ".odoolint_cache").exists()


VIEW = ('<?xml version="1.0"?>\r\n<odoo>\r\n  <record id="v" model="ir.ui.view">\r\n'
        '    <field name="arch" type="xml"><tree string="A"/></field>\r\n  </record>\r\n</odoo>')


def test_stdin_with_fix_prints_the_fixed_buffer_and_writes_nothing(tmp_path: Path):
    write_tree(tmp_path, {"addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
                          "addons/m/views/v.xml": VIEW})
    r = odoolint(tmp_path, "check", "--select", "XML101", "--odoo-version", "18.0", "--fix",
                 "--stdin-filename", "addons/m/views/v.xml", stdin=VIEW.encode())
    assert r.stdout == VIEW.replace("<tree ", "<list ").encode()
    assert (tmp_path / "addons/m/views/v.xml").read_bytes().decode() == VIEW
    assert r.returncode == 0


def test_diff_fix_only_and_exit_non_zero_on_fix(tmp_path: Path):
    write_tree(tmp_path, {"addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
                          "addons/m/views/v.xml": VIEW})
    r = odoolint(tmp_path, "check", "--select", "XML101", "--odoo-version", "18.0", "--diff")
    assert r.returncode == 1
    assert r.stdout.decode().splitlines()[:3] == [
        "diff --git a/addons/m/views/v.xml b/addons/m/views/v.xml", "--- a/addons/m/views/v.xml",
        "+++ b/addons/m/views/v.xml"]
    assert r.stdout.decode().endswith("\\ No newline at end of file\n")
    assert r.stderr.decode() == "Would fix 1 error in 1 file.\n"
    assert (tmp_path / "addons/m/views/v.xml").read_bytes().decode() == VIEW
    r = odoolint(tmp_path, "check", "--select", "XML101", "--odoo-version", "18.0", "--fix-only",
                 "--exit-non-zero-on-fix", "--show-fixes")
    assert r.returncode == 1
    assert r.stdout.decode() == "Fixed 1 error:\n- addons/m/views/v.xml:\n    1 × XML101 (view-tree-to-list)\n"
    assert (tmp_path / "addons/m/views/v.xml").read_bytes().decode() == VIEW.replace("<tree ", "<list ")
    # without --show-fixes, --fix-only says how many, not where (ruff's habit); -q says nothing
    (tmp_path / "addons/m/views/v.xml").write_bytes(VIEW.encode())
    r = odoolint(tmp_path, "check", "--select", "XML101", "--odoo-version", "18.0", "--fix-only")
    assert (r.returncode, r.stdout.decode()) == (0, "Fixed 1 error.\n")
    (tmp_path / "addons/m/views/v.xml").write_bytes(VIEW.encode())
    r = odoolint(tmp_path, "check", "--select", "XML101", "--odoo-version", "18.0", "--fix-only", "-q")
    assert (r.returncode, r.stdout) == (0, b"")
    assert (tmp_path / "addons/m/views/v.xml").read_bytes().decode() == VIEW.replace("<tree ", "<list ")
    r = odoolint(tmp_path, "check", "--select", "XML101", "--odoo-version", "18.0", "--fix-only",
                 "--exit-non-zero-on-fix")
    assert (r.returncode, r.stdout) == (0, b"")


def test_per_file_ignores(tmp_path: Path):
    write_tree(tmp_path, {"legacy/a.py": "def f(:\n", "new/b.py": "def g(:\n",
                          ".odoolint.toml": 'per-file-ignores = { "legacy/*" = ["python-parse-error"] }\n'})
    r = odoolint(tmp_path, "check", "--select", "PY001", "--no-cache", "--output-format", "concise")
    assert r.stdout.decode().splitlines()[0] == "new/b.py:1:7: PY001 SyntaxError: invalid syntax"
    assert "legacy/a.py" not in r.stdout.decode()


def test_baseline_accepts_recorded_findings_even_after_lines_move(tmp_path: Path):
    write_tree(tmp_path, {"conf/odoo.conf": CONF, "a.py": "def f(:\n"})
    r = odoolint(tmp_path, "check", "--select", "CNF001,PY001", "--no-cache", "--write-baseline", "base.json")
    assert (r.returncode, r.stderr.decode()) == (0, "Wrote 2 findings to base.json\n")
    data = json.loads((tmp_path / "base.json").read_text())
    assert [(e["file"], e["code"]) for e in data["findings"]] == [("a.py", "PY001"), ("conf/odoo.conf", "CNF001")]
    r = odoolint(tmp_path, "check", "--select", "CNF001,PY001", "--no-cache", "--baseline", "base.json")
    assert (r.returncode, r.stdout.decode()) == (0, "All checks passed!\n")
    # lines added above keep the old finding accepted; a new one is reported
    (tmp_path / "conf/odoo.conf").write_text("[options]\nworkers = 2\nworkers = 3\ndb_host = db\ndb_host = other\n")
    (tmp_path / ".odoolint.toml").write_text('baseline = "base.json"\n')
    r = odoolint(tmp_path, "check", "--select", "CNF001,PY001", "--no-cache", "--output-format", "concise")
    assert r.returncode == 1
    assert [ln.split(" ")[0] for ln in r.stdout.decode().splitlines()[:-1]] == ["conf/odoo.conf:3:1:"]
    (tmp_path / "bad.json").write_text("{}")
    r = odoolint(tmp_path, "check", "--no-cache", "--baseline", "bad.json")
    assert (r.returncode, r.stderr.decode()) == (2, "error: bad.json: not a readable odoolint baseline (KeyError)\n")
