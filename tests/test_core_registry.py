"""Every registered rule is documented, selectable and cheap to load."""
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
