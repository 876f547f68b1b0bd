"""OWL template rules (OWL101-OWL103) on client templates under static/src: findings, the 16.0 owl="1" gate,
fixed text and idempotence."""
from __future__ import annotations

from tests.helpers import lint, rows

MAN = "{'name': 'M', 'version': '16.0.1.0.0', 'license': 'LGPL-3', 'depends': ['web']}\n"
P = "m/static/src/xml/templates.xml"

TEMPLATES = """<?xml version="1.0" encoding="UTF-8"?>
<templates xml:space="preserve">
    <t t-name="m.Owl" owl="1">
        <div t-raw="state.html"/>
        <li t-foreach="lines" t-as="line"><t t-esc="line.name"/></li>
    </t>
    <t t-name="m.Legacy">
        <div t-raw="widget.html"/>
        <li t-foreach="rows" t-as="row" t-key="row.id"/>
        <span t-foreach="items" t-as="i"/>
    </t>
</templates>
"""


def run(tmp_path, src, select, version, fix=False, unsafe=False, path=P):
    files = {"m/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def found(tmp_path, src, select, version, path=P):
    return [r[1:] for r in rows(run(tmp_path, src, select, version, path=path), tmp_path)]


def fixed(tmp_path, src, select, version, unsafe=False):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe)
    out = (tmp_path / P).read_text()
    run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / P).read_text() == out
    return out


RAW = "`t-raw` is compiled as `t-out` by OWL 2 (escaped unless the value is `markup()`): write `t-out`"
KEY = "`t-foreach` without `t-key`: OWL 2 refuses to compile the template (add a `t-key`, e.g. the record id)"


def test_all_templates_are_owl_from_17(tmp_path):
    assert found(tmp_path, TEMPLATES, ["OWL"], "17.0") == [
        ("OWL101", 4, 14, RAW), ("OWL101", 8, 14, RAW),
        ("OWL102", 5, 13, KEY), ("OWL102", 10, 15, KEY),
        ("OWL103", 3, 23, "`owl=\"1\"` is obsolete in Odoo 17.0: every client template is an OWL template")]


def test_only_owl_marked_templates_in_16(tmp_path):
    assert found(tmp_path, TEMPLATES, ["OWL"], "16.0") == [("OWL101", 4, 14, RAW), ("OWL102", 5, 13, KEY)]


def test_owl_fixes(tmp_path):
    assert fixed(tmp_path, TEMPLATES, ["OWL"], "17.0", unsafe=True) == TEMPLATES.replace(
        ' owl="1"', "").replace("t-raw=", "t-out=").replace(
        't-as="line">', 't-as="line" t-key="line_index">').replace('t-as="i"/>', 't-as="i" t-key="i_index"/>')
    # a plain --fix leaves the unsafe t-key insertion alone
    safe = fixed(tmp_path, TEMPLATES, ["OWL"], "17.0")
    assert 't-key="line_index"' not in safe and "t-out=" in safe


def test_owl_attribute_is_opt_in_and_views_are_not_templates(tmp_path):
    from odoolint.registry import load_rules
    registry = load_rules()
    assert not registry.meta("OWL103").default_enabled
    assert registry.meta("OWL101").default_enabled and registry.meta("OWL102").default_enabled
    view = '<odoo><template id="t"><div t-raw="x"/><t t-foreach="a" t-as="b"/></template></odoo>\n'
    assert found(tmp_path, view, ["OWL"], "17.0", path="m/views/templates.xml") == []
