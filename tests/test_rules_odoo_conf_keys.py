"""CNF101 unknown-key and CNF102 renamed-key, against the generated per-version option tables."""
from __future__ import annotations

from tests.helpers import lint, rows

SRC = ("[options]\n"
       "db_filter = ^prod$\n"          # 2  CLI spelling -> dbfilter (safe rename)
       "db-host = db\n"                # 3  hyphenated -> db_host (safe rename)
       "admin_pasword = x\n"           # 4  typo (did you mean, unsafe rename)
       "xmlrpcs = True\n"              # 5  obsolete (unsafe delete)
       "db_replica_host = r\n"         # 6  18.0+ only
       "language = fr_FR\n"            # 7  gone in 19
       "stop_after_init = True\n"      # 8  not file-loadable in 19
       "my_custom = 1\n"               # 9  unknown
       "limit_time_worker_cron = 5\n"  # 10 later 17.0 builds and 19
       "bin_path = /opt/bin\n"         # 11 read with config.get() by 16-18 core code
       "db_host2 = x\n")               # 12 close to db_host


def _rows(tmp_path, src, version, select=("CNF101",), options=None):
    return rows(lint(tmp_path, {"odoo.conf": src}, select=list(select), odoo_version=version, options=options),
                tmp_path)


def test_unknown_keys_17(tmp_path):
    eff = "Odoo 17.0 stores it silently and never reads it"
    assert _rows(tmp_path, SRC, "17.0") == [
        ("odoo.conf", "CNF101", 2, 1, f"`db_filter` is not an odoo.conf key, {eff}: rename it to `dbfilter`"),
        ("odoo.conf", "CNF101", 3, 1, f"`db-host` is not an odoo.conf key, {eff}: rename it to `db_host`"),
        ("odoo.conf", "CNF101", 4, 1, f"unknown key `admin_pasword`, {eff}: did you mean `admin_passwd`?"),
        ("odoo.conf", "CNF101", 5, 1, f"`xmlrpcs` is an obsolete option that no Odoo 16-19 reads: {eff}; delete it"),
        ("odoo.conf", "CNF101", 6, 1, f"`db_replica_host` only exists from Odoo 18.0; {eff}"),
        ("odoo.conf", "CNF101", 9, 1, f"unknown key `my_custom`, {eff}"),
        ("odoo.conf", "CNF101", 12, 1, f"unknown key `db_host2`, {eff}: did you mean `db_host`?"),
    ]


def test_unknown_keys_19_and_extra_keys_option(tmp_path):
    eff = "Odoo 19 logs \"unknown option ... stored as-is\" and never reads it"
    got = _rows(tmp_path, SRC, "19.0", options={"odoo-conf": {"extra-keys": ["my_custom"]}})
    assert [r for r in got if r[2] in (6, 7, 8, 9, 10, 11)] == [
        ("odoo.conf", "CNF101", 7, 1, f"`language` was removed after Odoo 18.0; {eff}: delete it"),
        ("odoo.conf", "CNF101", 8, 1, "Odoo 19.0 does not load `stop_after_init` from the config file (it is a "
                                      "command-line option only), so this line is ignored: pass it on the command "
                                      "line or delete it"),
    ]


def test_unknown_target_uses_union_and_says_so(tmp_path):
    got = _rows(tmp_path, SRC, None)
    assert [r[2] for r in got] == [2, 3, 4, 5, 9, 12]
    assert got[4][4] == ("unknown key `my_custom` in any of Odoo 16-19 (no target version given; set --odoo-version "
                         "for an exact check), Odoo stores it and never reads it (16-18 silently, 19 with an "
                         "\"unknown option\" warning)")


def test_dev_alias_on_17_is_command_line_only(tmp_path):
    assert _rows(tmp_path, "[options]\ndev = all\n", "17.0") == [
        ("odoo.conf", "CNF101", 2, 1, "`dev` (the `dev_mode` option) is not read from the file by Odoo 17.0: it only "
                                      "comes from the command line; delete the line")]


def test_unknown_key_fixes_keep_formatting(tmp_path):
    src = "[options]\r\n  DB_Filter   =  ^prod$   ; x\r\ndb-host: db\r\nxmlrpcs = True\r\nadmin_pasword = x\r\n"
    lint(tmp_path, {"odoo.conf": src}, select=["CNF101"], odoo_version="17.0", fix=True)
    safe = (tmp_path / "odoo.conf").read_bytes()
    assert safe == b"[options]\r\n  dbfilter   =  ^prod$   ; x\r\ndb_host: db\r\nxmlrpcs = True\r\nadmin_pasword = x\r\n"
    lint(tmp_path, None, select=["CNF101"], odoo_version="17.0", fix=True)
    assert (tmp_path / "odoo.conf").read_bytes() == safe
    lint(tmp_path, None, select=["CNF101"], odoo_version="17.0", fix=True, unsafe=True)
    assert (tmp_path / "odoo.conf").read_bytes() == b"[options]\r\n  dbfilter   =  ^prod$   ; x\r\ndb_host: db\r\nadmin_passwd = x\r\n"


def test_alias_next_to_real_key_is_deleted_not_renamed(tmp_path):
    src = "[options]\ndbfilter = ^a$\ndb_filter = ^b$\n"
    assert _rows(tmp_path, src, "18.0") == [
        ("odoo.conf", "CNF101", 3, 1, "`db_filter` is not an odoo.conf key (Odoo 18.0 stores it silently and never "
                                      "reads it); `dbfilter` is already set, so delete this line")]
    lint(tmp_path, {"odoo.conf": src}, select=["CNF101"], odoo_version="18.0", fix=True)
    assert (tmp_path / "odoo.conf").read_text() == src                  # deletion is unsafe
    lint(tmp_path, None, select=["CNF101"], odoo_version="18.0", fix=True, unsafe=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ndbfilter = ^a$\n"


def test_known_keys_and_other_sections_are_fine(tmp_path):
    src = ("[options]\naddons_path = /mnt/a\ndb_host = db\nworkers = 2\ndev_mode = reload\n"
           "import_image_maxbytes = 1\n[queue_job]\nchannels = root:2\n")
    for version in (None, "16.0", "17.0", "18.0"):
        assert _rows(tmp_path, src, version) == [], version


RSRC = "[options]\nxmlrpc_port = 8069\nlongpolling_port = 8072\ngeoip_database = /g\nwithout_demo = all\n"


def test_renamed_keys_per_version(tmp_path):
    both = ["CNF102", "CNF122"]
    # 16.0 maps xmlrpc_port (works) and copies a non-zero longpolling_port over gevent_port (16.0 `_parse_config`
    # in the later 16.0 builds; #8 third round, docs/source-notes.md): both still work
    assert _rows(tmp_path, RSRC, "16.0", both) == [
        ("odoo.conf", "CNF122", 2, 1, "`xmlrpc_port` is the old name of `http_port`: Odoo 16.0 still maps it, Odoo 19 "
                                      "ignores it; rename it to `http_port`"),
        ("odoo.conf", "CNF122", 3, 1, "`longpolling_port` is a deprecated alias in Odoo 16.0: a non-zero value "
                                      "replaces `gevent_port` at startup, and Odoo 18+ ignore it; rename it to "
                                      "`gevent_port`")]
    # ... and beside a gevent_port of another value it replaces that one: the conf says two things
    assert _rows(tmp_path, "[options]\nlongpolling_port = 8074\ngevent_port = 8072\n", "16.0", both) == [
        ("odoo.conf", "CNF102", 2, 1, "`longpolling_port` is a deprecated alias in Odoo 16.0: a non-zero value "
                                      "replaces `gevent_port` at startup, and Odoo 18+ ignore it; `gevent_port` is "
                                      "also set: delete this line")]
    # 18.0 ignores it: another port than the default is lost
    assert _rows(tmp_path, "[options]\nlongpolling_port = 8074\n", "18.0", both) == [
        ("odoo.conf", "CNF102", 2, 1, "Odoo 18.0 ignores `longpolling_port` (renamed `gevent_port`), so `gevent_port` "
                                      "keeps its default; rename it to `gevent_port`")]
    assert _rows(tmp_path, RSRC + "gevent_port = 9000\n", "17.0", both)[::2] == [
        ("odoo.conf", "CNF102", 3, 1, "`longpolling_port` is a deprecated alias in Odoo 17.0: a non-zero value "
                                      "replaces `gevent_port` at startup, and Odoo 18+ ignore it; "
                                      "`gevent_port` is also set: delete this line"),
        ("odoo.conf", "CNF122", 4, 1, "`geoip_database` is a deprecated alias of `geoip_city_db` in Odoo 17.0 (early "
                                      "17.0 builds ignore it): startup stops if both are set to different values; "
                                      "rename it to `geoip_city_db`")]
    # an alias beside its new key: harmless at `odoo --save`'s False, a startup error with two values
    saved = "[options]\nosv_memory_age_limit = False\ntransient_age_limit = 1.0\n"
    assert [r[1] for r in _rows(tmp_path, saved, "18.0", both)] == ["CNF122"]
    clash = "[options]\nosv_memory_age_limit = 2.0\ntransient_age_limit = 1.0\n"
    assert [r[1:3] for r in _rows(tmp_path, clash, "18.0", both)] == [("CNF102", 2)]
    # 19.0 ignores xmlrpc_port: only a value other than http_port's default 8069 is lost
    assert [r[1] for r in _rows(tmp_path, "[options]\nxmlrpc_port = 8069\n", "19.0", both)] == ["CNF122"]
    assert [r[1] for r in _rows(tmp_path, "[options]\nxmlrpc_port = 8070\n", "19.0", both)] == ["CNF102"]
    # unknown target: `longpolling_port` is THE key up to 15.0, so nothing is said about it; the rest is opt-in
    assert _rows(tmp_path, RSRC, None, ["CNF102"]) == []
    assert _rows(tmp_path, RSRC, None, both)[1:] == [
        ("odoo.conf", "CNF122", 4, 1, "`geoip_database` is the old name of `geoip_city_db` (16.0: still read, 17-18: a "
                                      "deprecated alias, 19.0: ignored); rename it to `geoip_city_db` once you run "
                                      "Odoo 17.0 or later")]      # without_demo still works everywhere: not reported


def test_renamed_key_fixes(tmp_path):
    both = ["CNF102", "CNF122"]
    lint(tmp_path, {"odoo.conf": RSRC}, select=both, odoo_version="19.0", fix=True)
    fixed = (tmp_path / "odoo.conf").read_text()
    assert fixed == "[options]\nhttp_port = 8069\ngevent_port = 8072\ngeoip_city_db = /g\nwith_demo = False\n"
    lint(tmp_path, None, select=both, odoo_version="19.0", fix=True)
    assert (tmp_path / "odoo.conf").read_text() == fixed
    lint(tmp_path, {"odoo.conf": "[options]\nwithout_demo = 0\n"}, select=both, odoo_version="19.0", fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\nwith_demo = True\n"
    # unknown target: only renames that every series understands, and never `gevent_port` (absent before 16.0)
    lint(tmp_path, {"odoo.conf": RSRC}, select=both, fix=True)
    assert (tmp_path / "odoo.conf").read_text() == \
        "[options]\nhttp_port = 8069\nlongpolling_port = 8072\ngeoip_database = /g\nwithout_demo = all\n"
    assert _rows(tmp_path, "[options]\nwithout_demo = all\ngeoip_database = /g\n", "16.0", ["CNF102"]) == []


def test_cli_only_option_without_target(tmp_path):
    # `odoo --save` writes `test_enable = False`: a dead line at its default is not reported
    assert _rows(tmp_path, "[options]\ntest_enable = False\ntest_file = False\n", None) == []
    assert _rows(tmp_path, "[options]\ntest_enable = True\ntest_file = False\n", None) == [
        ("odoo.conf", "CNF101", 2, 1, "`test_enable` is a command-line option that no Odoo 16-19 loads from the "
                                      "config file, so this line is ignored: pass it on the command line or delete "
                                      "it")]
