"""Parsers keep exact positions and read files the way the consuming program does."""
import configparser

import pytest
from hypothesis import given, settings, strategies as st

from odoolint.positions import LineIndex
from odoolint.sources import ParseFailure, decode, parse
from odoolint.sources.yamltree import get, to_python, value_span


def test_line_index_handles_every_line_ending():
    idx = LineIndex("ab\r\ncd\ref\nx")
    assert idx.starts == [0, 4, 7, 10]
    assert idx.position(5) == idx.position(5)
    assert (idx.position(5).line, idx.position(5).column) == (2, 2)
    assert idx.line_text(1) == "ab" and idx.line_text(2) == "cd" and idx.line_text(4) == "x"
    assert idx.offset(3, 2) == 8


def test_decode_keeps_bom_encoding_and_line_endings():
    t = decode(b"\xef\xbb\xbfa = 1\r\n", "python")
    assert t.text == "a = 1\r\n" and t.bom == b"\xef\xbb\xbf" and t.encoding == "utf-8"
    assert t.newline == "\r\n"
    assert t.encode(t.text) == b"\xef\xbb\xbfa = 1\r\n"


def test_decode_honours_declared_xml_and_python_encodings():
    xml = '<?xml version="1.0" encoding="iso-8859-1"?>\n<odoo>é</odoo>\n'.encode("latin-1")
    assert decode(xml, "xml").text.endswith("<odoo>é</odoo>\n")
    py = "# -*- coding: latin-1 -*-\nx = 'é'\n".encode("latin-1")
    assert "é" in decode(py, "python").text


@pytest.mark.parametrize("data,message,line,col", [
    (b"\x00\x01\x02binary", "binary file (contains NUL bytes); not analysed", 1, 1),
    (b"ok\n\xff\xfe bad", "not valid utf-8: byte 0xff cannot be decoded (invalid start byte)", 2, 1),
])
def test_decode_reports_hostile_input(data, message, line, col):
    with pytest.raises(ParseFailure) as exc:
        decode(data, "odoo-conf")
    assert (exc.value.message, exc.value.line, exc.value.column) == (message, line, col)


def test_xml_scanner_spans_every_element_and_attribute():
    src = ('<?xml version="1.0"?>\n<odoo>\n  <!-- odoolint: noqa -->\n'
           '  <record id="a" model=\'ir.ui.view\'><field name="arch" type="xml">'
           '<tree string="x>y"/></field></record>\n</odoo>\n')
    text = decode(src.encode(), "xml")
    tree = parse("xml", text, "v.xml")
    tags = [el.tag for el in tree.elements]
    assert tags == ["odoo", "record", "field", "tree"]
    tr = tree.elements[3]
    s = tree.attr_value_span(tr, "string")
    assert src[s.start.offset:s.end.offset] == "x>y"
    assert (tree.tag_span(tr).start.line, tree.tag_span(tr).start.column) == (4, 68)
    rec = tree.elements[1]
    assert tree.pos(rec).attrs["model"].quote == "'"
    assert tree.comments[0].next_element == 1
    assert src[tree.element_span(rec).start.offset:tree.element_span(rec).end.offset].endswith("</record>")


def test_xml_scan_ends_each_start_tag_where_its_attributes_end_and_reads_them_when_asked():
    from odoolint.sources.xml import scan
    src = '<a x = "1"\n   y=\'>\' /><b c="2"d="3" ><c k="v" =junk></c></b>'
    positions, _ = scan(src)
    a, b, c = positions
    assert (a.name_end, a.start_tag_end, a.self_closing, a.end) == (2, 22, True, 22)
    assert [(n, p.name_start, p.value_start, p.value_end, p.quote) for n, p in a.attrs.items()] == \
        [("x", 3, 8, 9, '"'), ("y", 14, 17, 18, "'")]
    assert (b.start_tag_end, b.self_closing, b.end) == (37, False, 60)
    assert list(b.attrs) == ["c", "d"] and src[b.attrs["d"].value_start:b.attrs["d"].value_end] == "3"
    # an attribute the scanner cannot read ends the attributes; the tag still ends at its `>`
    assert (list(c.attrs), src[c.start:c.start_tag_end]) == (["k"], '<c k="v" =junk>')


def test_xml_tag_index_is_what_iter_by_tag_yields():
    # XmlTree.of_tag slices the shared walk: the same elements as `root.iter(tag)`, in document order, namespaced
    # tags apart, comments and processing instructions out; the rule helpers read it instead of walking again
    from rules.xml.common import arch_elements, records, tree_elements, view_archs
    src = ('<odoo><!-- c --><?pi x?><record id="v" model="ir.ui.view"><field name="arch" type="xml">'
           '<form><field name="a"/><group><field name="b"/></group></form></field></record>'
           '<x:record xmlns:x="urn:x" id="ns"/><data><record id="m" model="res.partner">'
           '<field name="name">n</field></record></data></odoo>')
    tree = parse("xml", decode(src.encode(), "xml"), "v.xml")
    for tag in ("record", "field", "form", "{urn:x}record", "missing"):
        assert tree.of_tag(tag) == list(tree.root.iter(tag))
    assert [e.get("id") for e in tree.of_tag("record")] == ["v", "m"]
    from lxml import etree
    assert tree_elements(tree) == list(tree.root.iter(etree.Element)) == tree.elements
    assert tree_elements(tree, "record") is tree.of_tag("record")
    assert [r.get("id") for r in records(tree, "res.partner")] == ["m"]
    assert [(r.get("id"), f.get("name")) for r, f in view_archs(tree)] == [("v", "arch")]
    pairs = arch_elements(tree)
    assert [(r.get("id"), e.tag, e.get("name")) for r, e in pairs] == [
        ("v", "form", None), ("v", "field", "a"), ("v", "group", None), ("v", "field", "b")]
    assert arch_elements(tree) is pairs         # listed once per file, then shared


def test_xml_entities_are_not_expanded_and_errors_have_positions():
    evil = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            b'<odoo><a>&e;</a></odoo>\n')
    tree = parse("xml", decode(evil, "xml"), "e.xml")
    assert "root:" not in (tree.elements[1].text or "")
    with pytest.raises(ParseFailure) as exc:
        parse("xml", decode(b"<odoo>\n  <a>\n</odoo>\n", "xml"), "b.xml")
    assert exc.value.line == 3


def test_yaml_keeps_marks_and_does_not_construct_python_tags():
    src = "services:\n  odoo:\n    image: \"odoo:17.0\"\n    x: !!python/object/apply:os.system ['id']\n"
    tree = parse("compose", decode(src.encode(), "compose"), "c.yml")
    odoo = get(get(tree.root, "services"), "odoo")
    img = get(odoo, "image")
    sp = value_span(decode(src.encode(), "compose").index, img)
    assert (sp.start.line, sp.start.column, src[sp.start.offset:sp.end.offset]) == (3, 13, "odoo:17.0")
    assert get(odoo, "x").tag == "tag:yaml.org,2002:python/object/apply:os.system"
    assert to_python(tree.root)["services"]["odoo"]["image"] == "odoo:17.0"


def test_yaml_aliases_are_not_re_expanded():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    tree = parse("compose", decode(lol.encode(), "compose"), "l.yml")
    data = to_python(tree.root)
    assert data["u"][0] is data["t"]


def test_manifest_is_read_with_literal_eval_only():
    tree = parse("manifest", decode(b"{'name': 'X', 'version': '17.0.1.0.0', 'depends': ['base']}\n", "manifest"),
                 "__manifest__.py")
    assert tree.values["depends"] == ["base"] and tree.key_nodes["version"].lineno == 1
    with pytest.raises(ParseFailure) as exc:
        parse("manifest", decode(b"import os\n{'name': os.system('x')}\n", "manifest"), "__manifest__.py")
    assert exc.value.line == 1


def test_dockerfile_instructions_have_lines_and_stages():
    src = "FROM odoo:17.0 AS base\n# c\nRUN apt-get update \\\n  && apt-get install -y x\nCMD [\"odoo\", \"-c\", \"/etc/odoo/o.conf\"]\n"
    tree = parse("dockerfile", decode(src.encode(), "dockerfile"), "Dockerfile")
    assert [(i.instruction, i.line, i.end_line) for i in tree.instructions] == [
        ("FROM", 1, 1), ("RUN", 3, 4), ("CMD", 5, 5)]
    assert tree.stages[0].base == "odoo:17.0" and tree.stages[0].name == "base"
    assert tree.of("CMD")[0].exec_form() == ["odoo", "-c", "/etc/odoo/o.conf"]


# ---- odoo.conf: the parser must agree with configparser.RawConfigParser, which Odoo uses ----------

def _configparser(text):
    p = configparser.RawConfigParser()
    p.read_string(text)
    return {s: dict(p.items(s)) for s in p.sections()}


def _ours(text):
    tree = parse("odoo-conf", decode(text.encode(), "odoo-conf"), "o.conf")
    if tree.parse_errors:
        raise ValueError(tree.parse_errors[0].message)
    out = {}
    for s in tree.sections:
        out.setdefault(s.name, {})
    for o in tree.options:
        out[o.section][o.key] = o.value
    return out


_line = st.one_of(
    st.sampled_from(["[options]", "[misc]", "", "   ", "# comment", "; note", "  # indented comment"]),
    st.builds(lambda k, sep, v: f"{k}{sep}{v}", st.sampled_from(["db_host", "DB_Port", "addons_path", "x y"]),
              st.sampled_from([" = ", "=", ": ", " :"]),
              st.sampled_from(["db", "/a,/b", "a ; b", "${X}", "%(env:X)s", "", "False"])),
    st.builds(lambda v: "    " + v, st.sampled_from(["/c", "more", "x = y"])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=12))
def test_conf_parser_matches_rawconfigparser(lines):
    text = "\n".join(lines) + "\n"
    try:
        expected = _configparser(text)
    except configparser.Error:
        with pytest.raises(ValueError):
            _ours(text)
        return
    assert _ours(text) == expected


def test_conf_parser_positions_and_inline_comments():
    src = "[options]\ndb_host = db ; the database\naddons_path = /a,\n    /b\n"
    tree = parse("odoo-conf", decode(src.encode(), "odoo-conf"), "odoo.conf")
    host = tree.get("db_host")
    assert host.value == "db ; the database"
    assert src[host.key_start:host.key_end] == "db_host"
    assert src[host.value_start:host.value_end] == "db ; the database"
    ap = tree.get("addons_path")
    assert ap.value == "/a,\n/b" and ap.continuation_lines == [4]


def test_every_kind_with_a_parser_is_mapped_to_its_module():
    import importlib

    from odoolint.registry import KINDS
    from odoolint.sources import _PARSER_MODULES, PARSERS
    for module in set(_PARSER_MODULES.values()):
        importlib.import_module(f"odoolint.sources.{module}")
    assert set(PARSERS) == set(_PARSER_MODULES)
    assert set(PARSERS) <= set(KINDS)
