"""CNF103 missing-options-section, CNF104 value-contamination."""
from __future__ import annotations

import io

import pytest

from tests.helpers import lint, rows


def _fix_twice(tmp_path, files, select, **kw):
    r1 = lint(tmp_path, files, select=select, fix=True, **kw)
    text = (tmp_path / "odoo.conf").read_bytes()
    r2 = lint(tmp_path, None, select=select, fix=True, **kw)
    assert (tmp_path / "odoo.conf").read_bytes() == text          # idempotent
    return r1, text


def test_keys_before_header_insert_options_keeping_crlf(tmp_path):
    src = "# prod\r\ndb_host = db\r\ndb_user = odoo\r\n"
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF103"])
    assert rows(r, tmp_path) == [("odoo.conf", "CNF103", 2, 1,
                                  "settings before any section header: configparser raises MissingSectionHeaderError "
                                  "and Odoo does not start; add `[options]` as the first line")]
    _, text = _fix_twice(tmp_path, None, ["CNF103"])
    assert text == b"[options]\r\n# prod\r\ndb_host = db\r\ndb_user = odoo\r\n"


def test_wrong_case_section_is_renamed(tmp_path):
    src = "; odoo\n[Options]  ; main\ndb_host = db\n"
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF103"])
    assert rows(r, tmp_path) == [("odoo.conf", "CNF103", 2, 1,
                                  "`[Options]` is not `[options]` (section names are case-sensitive): Odoo ignores "
                                  "the whole file and runs on its defaults; rename the header to `[options]`")]
    _, text = _fix_twice(tmp_path, None, ["CNF103"])
    assert text == b"; odoo\n[options]  ; main\ndb_host = db\n"


def test_other_section_reported_without_fix(tmp_path):
    r = lint(tmp_path, {"odoo.conf": "[server]\ndb_host = db\n"}, select=["CNF103"], fix=True)
    assert rows(r, tmp_path) == [("odoo.conf", "CNF103", 1, 1,
                                  "no `[options]` section (found [server]): Odoo ignores the whole file and runs on "
                                  "its defaults; put the settings under an `[options]` header")]
    assert (tmp_path / "odoo.conf").read_text() == "[server]\ndb_host = db\n"


def test_options_present_or_empty_file_is_fine(tmp_path):
    r = lint(tmp_path, {"odoo.conf": "[options]\ndb_host = db\n[queue_job]\nchannels = root:2\n",
                        "deploy/odoo.conf": "# nothing yet\n"}, select=["CNF103"])
    assert rows(r, tmp_path) == []


def test_inline_comment_moved_above_key(tmp_path):
    src = "[options]\n  dbfilter = ^prod$ ; prod only\nemail_from = Shop #1 <a@b.c>\nworkers = 4 # four\n"
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF104"])
    assert rows(r, tmp_path) == [
        ("odoo.conf", "CNF104", 2, 21, "inline comment becomes part of `dbfilter`: Odoo reads the value as "
                                       "'^prod$ ; prod only' instead of '^prod$'; put the comment on its own line"),
        ("odoo.conf", "CNF104", 4, 13, "inline comment becomes part of `workers`: Odoo reads the value as "
                                       "'4 # four' instead of '4'; put the comment on its own line"),
    ]
    _, text = _fix_twice(tmp_path, None, ["CNF104"])
    assert text == (b"[options]\n  ; prod only\n  dbfilter = ^prod$\nemail_from = Shop #1 <a@b.c>\n"
                    b"# four\nworkers = 4\n")


def test_inline_comment_in_secret_has_no_fix_and_no_echo(tmp_path):
    src = "[options]\nadmin_passwd = s3cr3t ; rotate me\n"
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF104"], fix=True)
    assert rows(r, tmp_path) == [("odoo.conf", "CNF104", 2, 23,
                                  "`; ...` after the `admin_passwd` value is part of the secret Odoo uses (no inline "
                                  "comments in odoo.conf); if it is a comment, move it to its own line")]
    assert (tmp_path / "odoo.conf").read_text() == src


def test_continuation_lines(tmp_path):
    src = ("[options]\naddons_path = /mnt/a,\n    /mnt/b\ndb_host = db\n    db_port = 5432\n"
           "dbfilter = ^a$\n  ^b$\n")
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF104"])
    assert rows(r, tmp_path) == [
        ("odoo.conf", "CNF104", 5, 5, "this indented line is a continuation of `db_host`, not a setting: `db_port` "
                                      "is not set and `db_host` gets a second line; remove the indentation"),
        ("odoo.conf", "CNF104", 7, 3, "this indented line is joined to `dbfilter` with a newline ('^a$\\n^b$'); "
                                      "put the value on one line or remove the indentation"),
    ]
    _, text = _fix_twice(tmp_path, None, ["CNF104"])
    assert text == ("[options]\naddons_path = /mnt/a,\n    /mnt/b\ndb_host = db\ndb_port = 5432\n"
                    "dbfilter = ^a$\n  ^b$\n").encode()


def test_parser_bom_crashes_odoo_and_repeated_default_does_not(tmp_path):
    import configparser
    data = b"\xef\xbb\xbf[options]\ndb_host = db\n"
    with pytest.raises(configparser.MissingSectionHeaderError):    # what open(path, encoding="utf-8") yields
        configparser.RawConfigParser().read_file(io.StringIO(data.decode("utf-8")))
    r = lint(tmp_path, {"odoo.conf": data}, select=["CNF001"])
    assert [(c, line, col) for _, c, line, col, _ in rows(r, tmp_path)] == [("CNF001", 1, 1)]
    src = "[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[options]\nc = 3\n"
    p = configparser.RawConfigParser()
    p.read_string(src)
    assert p.items("options") == [("a", "1"), ("b", "2"), ("c", "3")]
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF001"])
    assert rows(r, tmp_path, "CNF") == []


def test_inline_noqa_is_part_of_the_value_and_moves_above(tmp_path):
    src = "[options]\nmy_key = 1 # noqa: CNF101\n"
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF104"])
    assert rows(r, tmp_path) == [("odoo.conf", "CNF104", 2, 12,
                                  "an inline `# noqa: CNF101` is part of the `my_key` value in odoo.conf (Odoo reads "
                                  "'1 # noqa: CNF101'); put the noqa comment on its own line above the key")]
    _, text = _fix_twice(tmp_path, None, ["CNF104"])
    assert text == b"[options]\n# noqa: CNF101\nmy_key = 1\n"
