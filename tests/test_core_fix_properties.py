"""Property: applying fixes twice equals applying them once, and every fixed file still parses.

Generated files mix the first real fixable rules (manifest series, <tree>, odoo.conf keys) with
random spacing, comments and line endings; the real runner fixes them on disk.
"""
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from odoolint.sources import decode, parse
from tests.helpers import lint

_conf_line = st.sampled_from([
    "db_filter = ^%d$", "longpolling_port = 8072", "db_host = db", "workers = 2", "; a comment",
    "list_db = False", "db-host = db", "", "dbfilter = ^%h$",
])
_xml_piece = st.sampled_from([
    '<tree string="A"><field name="name"/></tree>', "<tree/>", "<list/>", "<!-- tree -->",
    '<field name="view_mode">tree,form</field>', '<xpath expr="//tree" position="inside"><field name="x"/></xpath>',
])


def _xml(pieces, nl):
    body = nl.join(f'    <record id="v{i}" model="ir.ui.view"><field name="arch" type="xml">{p}</field></record>'
                   for i, p in enumerate(pieces))
    return f'<?xml version="1.0"?>{nl}<odoo>{nl}{body}{nl}</odoo>{nl}'


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conf=st.lists(_conf_line, max_size=8, unique=True), xml=st.lists(_xml_piece, min_size=1, max_size=4),
       series=st.sampled_from(["16.0", "17.0", "18.0", "19.0"]), crlf=st.booleans(),
       bom=st.booleans())
def test_fix_twice_equals_fix_once(conf, xml, series, crlf, bom):
    nl = "\r\n" if crlf else "\n"
    files = {
        "addons/m/__manifest__.py": f"{{'name': 'M', 'version': '{series}.1.0.0', 'license': 'LGPL-3'}}{nl}",
        "addons/m/views/v.xml": (b"\xef\xbb\xbf" if bom else b"") + _xml(xml, nl).encode(),
        "deploy/odoo.conf": "[options]" + nl + nl.join(conf) + nl,
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        lint(root, files, odoo_version="19.0", fix=True)
        once = {rel: (root / rel).read_bytes() for rel in files}
        second = lint(root, odoo_version="19.0", fix=True)
        twice = {rel: (root / rel).read_bytes() for rel in files}
        assert once == twice
        assert second.fixed == {}
        for rel, data in once.items():
            kind = {"py": "manifest", "xml": "xml", "conf": "odoo-conf"}[rel.rsplit(".", 1)[1]]
            parse(kind, decode(data, kind), rel)          # still parses
            assert data.startswith(b"\xef\xbb\xbf") == (bom and rel.endswith(".xml"))
            text = data.decode("utf-8-sig")
            if crlf:
                assert "\n" not in text.replace("\r\n", "")   # line endings kept


def test_a_fix_that_changes_the_detected_version_is_followed_through_in_the_same_run(tmp_path):
    """`"Version"` fixed to `version` makes the tree an 18.0 one, where `longpolling_port` is renamed: the same
    `--fix` run lints and fixes again with that target, so a second `--fix` finds nothing (the fuzz harness, seed
    41: a second run changed odoo.conf)."""
    from tests.helpers import lint, write_tree

    write_tree(tmp_path, {"m/__manifest__.py": '{"name": "M", "Version": "18.0.1.0.0", "license": "LGPL-3"}\n',
                          "odoo.conf": "[options]\nlongpolling_port = 8073\n"})
    first = lint(tmp_path, None, fix=True, unsafe=True, select=["MF108", "CNF101", "CNF102"])
    assert (tmp_path / "m/__manifest__.py").read_text() == \
        '{"name": "M", "version": "18.0.1.0.0", "license": "LGPL-3"}\n'
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ngevent_port = 8073\n"
    assert first.target is not None and str(first.target) == "18.0"
    assert sorted(code for codes in first.fixed.values() for code in codes) == ["CNF102", "MF108"]
    again = lint(tmp_path, None, fix=True, unsafe=True, select=["MF108", "CNF101", "CNF102"])
    assert again.fixed == {}
