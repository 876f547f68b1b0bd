"""Every registered rule is documented, selectable and cheap to load."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from odoolint.registry import load_rules

REGISTRY = load_rules()
TESTS = Path(__file__).parent


def test_codes_and_names_are_unique_and_well_formed():
    names = [m.name for m in REGISTRY.all_meta()]
    assert len(names) == len(set(names))
    for m in REGISTRY.all_meta():
        assert re.fullmatch(r"[A-Z]{1,4}\d{3}", m.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", m.name)


@pytest.mark.parametrize("code", sorted(REGISTRY.rules))
def test_every_rule_has_docs_and_a_source(code):
    m = REGISTRY.meta(code)
    assert m.summary and len(m.what) >= 40 and len(m.why) >= 40, f"{code} has thin docs"
    assert len(m.source) >= 10, f"{code} names no source"
    assert len(m.docs_text()) >= 120


@pytest.mark.parametrize("code", sorted(REGISTRY.rules))
def test_every_rule_is_exercised_by_a_test(code):
    """A rule whose code appears in no test file has neither a positive nor a negative fixture."""
    m = REGISTRY.meta(code)
    blob = "".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    assert code in blob or m.name in blob, f"{code} ({m.name}) appears in no test"


def test_loading_every_rule_imports_no_heavy_library():
    code = ("import sys; from odoolint.registry import load_rules; load_rules(); import odoolint.cli; "
            "heavy = [m for m in ('lxml', 'libcst', 'yaml', 'dockerfile_parse', 'manifestoo_core', 'astroid', "
            "'jsonschema') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_rule_reference_is_up_to_date():
    """docs/rules.md is generated from the registry: regenerate it with tools/gen_rule_docs.py."""
    out = subprocess.run([sys.executable, str(TESTS.parent / "tools" / "gen_rule_docs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_the_rule_index_is_up_to_date():
    """odoolint/data/rule_index.json lets a run import only the rule modules of its kinds."""
    out = subprocess.run([sys.executable, str(TESTS.parent / "tools" / "gen_rule_index.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_a_one_file_run_imports_only_the_rules_of_its_kind(tmp_path):
    import shutil
    # a project of addons only (a partial run reads its whole project for context: see odoolint/scope.py)
    shutil.copytree(TESTS.parent / "fixtures" / "demo" / "addons", tmp_path / "addons")
    (tmp_path / ".git").mkdir()
    view = tmp_path / "addons" / "library_loans" / "views" / "loan_views.xml"
    code = (
        "import sys, json; from pathlib import Path\n"
        "from odoolint.config import Settings\n"
        "from odoolint.runner import RunOptions, run\n"
        f"r = run(RunOptions([Path({str(view)!r})], Settings(odoo_version='19.0'), no_cache=True, jobs=1))\n"
        "mods = sorted(m for m in sys.modules if m.startswith('odoolint.rules.'))\n"
        "print(json.dumps({'codes': [(d.code, d.span.start.line) for d in r.diagnostics], 'mods': mods}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["codes"] == [["XML101", 8], ["XML104", 33], ["XML101", 43]]
    assert not [m for m in data["mods"] if m.startswith(("odoolint.rules.odoo_conf.", "odoolint.rules.compose.",
                                                          "odoolint.rules.superset.", "odoolint.rules.workflows."))]
    assert "odoolint.rules.xml.tree_to_list" in data["mods"]
    # selectors and suppressions still know every rule although most modules were not imported
    sel = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--no-cache", "--select", "PY101,XML101",
                          "--odoo-version", "19.0", "--output-format", "concise", str(view)],
                         capture_output=True, text=True)
    assert sel.returncode == 1 and sel.stdout.count("XML101") == 2 and sel.stderr == ""


def test_the_module_listing_is_pkgutils():
    """The rule modules listed from folders are those pkgutil walks to (packages with any `__init__` module)."""
    import pkgutil
    from odoolint import rules as rules_pkg
    from odoolint.registry import _rule_modules
    walked = sorted(m.name for m in pkgutil.walk_packages(rules_pkg.__path__, rules_pkg.__name__ + ".")
                    if not m.ispkg)
    assert _rule_modules() == walked
