"""Item 1 of #15: declared encodings that Python or lxml refuse are the kind's parse error at the declaration."""
import pytest

from tests.helpers import lint, rows


@pytest.mark.parametrize("codec", ["rot13", "hex", "zlib", "bz2", "base64", "uu", "quopri"])
def test_a_coding_cookie_naming_a_byte_transform_is_a_parse_error(tmp_path, codec):
    result = lint(tmp_path, {"x.py": f"# -*- coding: {codec} -*-\nimport os\n"}, select=["PY001"])
    assert rows(result, tmp_path) == [
        ("x.py", "PY001", 1, 15, f"coding cookie declares {codec!r}, which is a byte transform, not a text "
                                 f"encoding: Python raises SyntaxError when importing the file and Odoo cannot "
                                 f"load it")]
    assert not result.errors


@pytest.mark.parametrize("codec", ["idna", "punycode", "undefined", "utf-16", "utf-32", "cp037"])
def test_a_cookie_whose_codec_cannot_be_the_files_encoding_is_a_parse_error(tmp_path, codec):
    result = lint(tmp_path, {"m/__manifest__.py": f"# coding: {codec}\n{{'name': 'x'}}\n"}, select=["MF001"])
    found = rows(result, tmp_path)
    assert not result.errors
    if codec == "idna":      # Python accepts an ASCII file declared idna; so does odoolint
        assert found == []
        return
    assert found == [("m/__manifest__.py", "MF001", 1, 11,
                      f"coding cookie declares {codec!r}, which cannot be the file's encoding: the declaration "
                      f"itself is ASCII text: Python raises SyntaxError when importing the file and Odoo cannot "
                      f"load it")]


def test_an_unknown_cookie_on_the_second_line_is_reported_there(tmp_path):
    result = lint(tmp_path, {"x.py": "#!/usr/bin/env python\n# coding: klingon\nx = 1\n"}, select=["PY001"])
    assert rows(result, tmp_path) == [
        ("x.py", "PY001", 2, 11, "coding cookie declares 'klingon', which is not a known encoding: Python raises "
                                 "SyntaxError when importing the file and Odoo cannot load it")]


def test_a_cookie_after_code_is_not_a_cookie(tmp_path):
    result = lint(tmp_path, {"x.py": "x = 1\n# coding: rot13\n"}, select=["PY001"])
    assert rows(result, tmp_path) == []


def test_bom_with_another_cookie_is_what_python_refuses(tmp_path):
    result = lint(tmp_path, {"x.py": b"\xef\xbb\xbf# coding: latin-1\nx = 1\n"}, select=["PY001"])
    assert rows(result, tmp_path) == [
        ("x.py", "PY001", 1, 11, "coding cookie declares 'latin-1' in a file that starts with a UTF-8 byte order "
                                 "mark: Python raises SyntaxError (encoding problem: latin-1 with BOM)")]


@pytest.mark.parametrize("codec", ["hex", "rot13", "zlib", "bz2", "undefined", "punycode", "nope"])
def test_xml_encoding_declarations_lxml_refuses(tmp_path, codec):
    result = lint(tmp_path, {"v.xml": f'<?xml version="1.0" encoding="{codec}"?>\n<odoo/>\n'}, select=["XML001"])
    (found,) = rows(result, tmp_path)
    assert found[:4] == ("v.xml", "XML001", 1, 31)
    assert found[4].startswith(f"XML declares encoding {codec!r}, ")
    assert found[4].endswith("lxml refuses the document and Odoo cannot load this file")
    assert not result.errors


def test_utf16_xml_with_a_bom_is_fine_as_lxml_reads_it(tmp_path):
    data = '<?xml version="1.0" encoding="utf-16"?>\n<odoo/>\n'.encode("utf-16")
    result = lint(tmp_path, {"v.xml": data}, select=["XML001"])
    assert rows(result, tmp_path) == []


@pytest.mark.parametrize("name,code,codec", [("x.py", "PY001", "utf-16"), ("odoo.conf", "CNF001", "utf-32"),
                                             ("m/ir.model.access.csv", "CSV001", "utf-16")])
def test_utf16_and_32_where_odoo_cannot_read_them(tmp_path, name, code, codec):
    text = {"x.py": "x = 1\n", "odoo.conf": "[options]\nworkers = 2\n",
            "m/ir.model.access.csv": "id,name\n"}[name]
    result = lint(tmp_path, {name: text.encode(codec)}, select=[code])
    (found,) = rows(result, tmp_path)
    assert found[:4] == (name, code, 1, 1)
    assert found[4].startswith(f"file is {codec.upper()}-LE (byte order mark): ")


def test_a_wrongly_declared_latin1_file_that_is_utf8_still_decodes_and_a_bad_byte_is_located(tmp_path):
    result = lint(tmp_path, {"x.py": b"# coding: utf-8\nx = 1\ny = '\xe9'\n"}, select=["PY001"])
    assert rows(result, tmp_path) == [
        ("x.py", "PY001", 3, 6, "not valid utf-8 (declared at line 1): byte 0xe9 cannot be decoded (invalid "
                                "continuation byte)")]


def test_stdin_with_a_non_text_cookie_is_a_finding_not_a_traceback(tmp_path):
    from click.testing import CliRunner

    from odoolint.commands import main
    (tmp_path / ".git").mkdir()
    res = CliRunner().invoke(main, ["check", "--stdin-filename", str(tmp_path / "x.py"), "--select", "PY001",
                                    "--output-format", "concise"], input=b"# coding: zlib\nx = 1\n")
    assert res.exit_code == 1, res.output
    assert "PY001 coding cookie declares 'zlib', which is a byte transform" in res.output
    assert "Traceback" not in res.output
