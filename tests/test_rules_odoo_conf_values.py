"""CNF105 interpolation-syntax, CNF106 bool-literal, CNF107 invalid-type."""
from __future__ import annotations

from tests.helpers import lint, rows

ISRC = ("[options]\ndb_user = %(env:PGUSER)s\nhttp_port = ${PORT}\naddons_path = $ADDONS,/mnt/x\n"
        "data_dir = %(ENV_HOME)s/data\ndbfilter = ^%d$\nadmin_passwd = $pbkdf2-sha512$600000$a$b\n"
        "db_password = ${PGPASSWORD}\n")
NOEXP = "is not expanded: Odoo reads odoo.conf without interpolation, so"


# the official image loads ./odoo.conf as written (its entrypoint renders nothing)
STACK = "services:\n  odoo:\n    image: odoo:17.0\n    volumes:\n      - ./odoo.conf:/etc/odoo/odoo.conf\n"


def _rows(tmp_path, src, select, version=None, stack=None):
    files = {"odoo.conf": src}
    if stack is not None:
        files["compose.yaml"] = stack
    return rows(lint(tmp_path, files, select=select, odoo_version=version), tmp_path)


def test_interpolation_17(tmp_path):
    assert _rows(tmp_path, ISRC, ["CNF105"], "17.0", stack=STACK) == [
        ("odoo.conf", "CNF105", 2, 11, f"`%(env:PGUSER)s` {NOEXP} `db_user = %(env:PGUSER)s` is taken literally and "
                                       f"PostgreSQL authentication fails; leave `db_user` unset so libpq reads PGUSER (with "
                                       f"the official image, set USER: its entrypoint passes it as a flag)"),
        ("odoo.conf", "CNF105", 3, 13, f"`${{PORT}}` {NOEXP} `http_port = ${{PORT}}` is taken literally and the server "
                                       f"does not start (the value cannot be cast); pass it as a command-line flag in "
                                       f"the container command or render the file at deploy time (e.g. envsubst)"),
        ("odoo.conf", "CNF105", 5, 12, f"`%(ENV_HOME)s` {NOEXP} `data_dir = %(ENV_HOME)s/data` is taken literally and "
                                       f"the literal text is the value; use `$VAR` (path options are expanded)"),
        ("odoo.conf", "CNF105", 8, 15, f"`${{PGPASSWORD}}` {NOEXP} its value is taken literally and PostgreSQL "
                                       f"authentication fails; leave `db_password` unset so libpq reads PGPASSWORD (with the "
                                       f"official image, set PASSWORD: its entrypoint passes it as a flag)"),
    ]


def test_interpolation_19_points_to_env_and_is_a_warning(tmp_path):
    r = lint(tmp_path, {"odoo.conf": "[options]\nhttp_port = ${PORT}\n", "compose.yaml": STACK}, select=["CNF105"],
             odoo_version="19.0")
    assert [(d.span.start.line, d.span.start.column, d.severity.value, d.message) for d in r.diagnostics] == [
        (2, 13, "warning", f"`${{PORT}}` {NOEXP} `http_port = ${{PORT}}` is taken literally and the server does not "
                           f"start (the value cannot be cast) when ODOO_HTTP_PORT is not set; delete the line and set "
                           f"ODOO_HTTP_PORT: Odoo 19 reads it before the file")]


def test_interpolation_unknown_target_gives_both_remedies(tmp_path):
    assert _rows(tmp_path, "[options]\ndb_host = ${PGHOST}\n", ["CNF105"],
                 stack=STACK.replace("odoo:17.0", "odoo")) == [
        ("odoo.conf", "CNF105", 2, 11, f"`${{PGHOST}}` {NOEXP} `db_host = ${{PGHOST}}` is taken literally and the "
                                       f"database host does not resolve; on Odoo 19 set PGHOST instead; on 16-18 "
                                       f"leave `db_host` unset so libpq reads PGHOST (with the official image, set "
                                       f"HOST: its entrypoint passes it as a flag)")]


def test_interpolation_negatives(tmp_path):
    src = "[options]\naddons_path = $ADDONS,${EXTRA}/x\nlogfile = $HOME/odoo.log\ndbfilter = ^%d$\nadmin_passwd = pa$word\n"
    assert _rows(tmp_path, src, ["CNF105"], "16.0", stack=STACK) == []


def test_placeholders_in_a_rendered_conf_are_not_literal(tmp_path):
    src = "[options]\ndb_host = ${PGHOST}\nworkers = $WORKERS\n"
    # no container is known to load it: it may well be rendered first
    assert _rows(tmp_path / "a", src, ["CNF105"], "17.0", stack=None) == []
    # an image with its own entrypoint (doodba, bitnami, camptocamp, envsubst in a custom script)
    own = STACK.replace("image: odoo:17.0", "image: odoo:17.0\n    entrypoint: /render-then-run.sh")
    assert _rows(tmp_path / "b", src, ["CNF105"], "17.0", stack=own) == []
    own_df = {"Dockerfile": "FROM odoo:17.0\nCOPY odoo.conf /etc/odoo/\nCOPY run.sh /\nENTRYPOINT [\"/run.sh\"]\n",
              "odoo.conf": src}
    assert rows(lint(tmp_path / "c", own_df, select=["CNF105"], odoo_version="17.0"), tmp_path / "c") == []
    # a template by name, and a fragment of a conf.d folder, even when mounted into the official image
    tmpl = STACK.replace("./odoo.conf:", "./odoo.conf.tmpl:")
    r = lint(tmp_path / "d", {"odoo.conf.tmpl": src, "compose.yaml": tmpl}, select=["CNF105"], odoo_version="17.0")
    assert rows(r, tmp_path / "d") == []
    frag = STACK.replace("./odoo.conf:", "./conf.d/20-db.conf:")
    r = lint(tmp_path / "e", {"conf.d/20-db.conf": src, "compose.yaml": frag}, select=["CNF105"], odoo_version="17.0")
    assert rows(r, tmp_path / "e") == []


def test_placeholder_copied_into_the_official_image_is_literal(tmp_path):
    files = {"Dockerfile": "FROM odoo:17.0\nCOPY odoo.conf /etc/odoo/odoo.conf\n",
             "odoo.conf": "[options]\nworkers = {{ workers }}\n"}
    assert rows(lint(tmp_path, files, select=["CNF105"], odoo_version="17.0"), tmp_path) == [
        ("odoo.conf", "CNF105", 2, 11, f"`{{{{ workers }}}}` {NOEXP} `workers = {{{{ workers }}}}` is taken literally "
                                       f"and the server does not start (the value cannot be cast); pass it as a "
                                       f"command-line flag in the container command or render the file at deploy "
                                       f"time (e.g. envsubst)")]


BSRC = "[options]\nlist_db = 0\nproxy_mode = yes\nx_sendfile = enabled\nsyslog =\nunaccent = None\nhttp_enable = True\n"


def test_bool_literal_16_18(tmp_path):
    assert _rows(tmp_path, BSRC, ["CNF106"], "17.0") == [
        ("odoo.conf", "CNF106", 2, 11, "Odoo 17.0 only converts True/true/False/false: `list_db = 0` is the non-empty "
                                       "string '0', which is TRUE; write False"),
        ("odoo.conf", "CNF106", 4, 14, "Odoo 17.0 only converts True/true/False/false: `x_sendfile = enabled` is a "
                                       "non-empty string, which is TRUE; write True or False"),
        ("odoo.conf", "CNF106", 6, 12, "Odoo 17.0 only converts True/true/False/false: `unaccent = None` is a "
                                       "non-empty string, which is TRUE; write True or False"),
    ]


def test_bool_literal_19(tmp_path):
    assert _rows(tmp_path, BSRC, ["CNF106"], "19.0") == [
        ("odoo.conf", "CNF106", 4, 14, "Odoo 19 refuses `x_sendfile = enabled` (\"invalid boolean value\") and does "
                                       "not start; write True or False"),
        ("odoo.conf", "CNF106", 5, 1, "Odoo 19 refuses an empty `syslog` (\"invalid boolean value\") and does not "
                                      "start; write True or False"),
    ]


def test_bool_literal_unknown_target_and_fix(tmp_path):
    assert [r[2] for r in _rows(tmp_path, BSRC, ["CNF106"])] == [2, 4, 5, 6]
    src = "[options]\r\nlist_db = OFF  \r\nproxy_mode = no\r\nsyslog =\r\n"
    lint(tmp_path, {"odoo.conf": src}, select=["CNF106"], fix=True)
    fixed = (tmp_path / "odoo.conf").read_bytes()
    assert fixed == b"[options]\r\nlist_db = False  \r\nproxy_mode = False\r\nsyslog = False\r\n"
    lint(tmp_path, None, select=["CNF106"], fix=True)
    assert (tmp_path / "odoo.conf").read_bytes() == fixed


TSRC = ("[options]\nworkers = four\nhttp_port = 08069\ndb_port =\ndb_sslmode = required\nlog_level = INFO\n"
        "limit_time_cpu = 60 ; x\ndb_maxconn = False\nwebsocket_rate_limit_burst = x\ntransient_age_limit = 1.5\n")


def test_invalid_type_17(tmp_path):
    assert _rows(tmp_path, TSRC, ["CNF107"], "17.0") == [
        ("odoo.conf", "CNF107", 2, 11, "`workers`: 'four' is not an integer; Odoo 17.0 stops at startup"),
        ("odoo.conf", "CNF107", 3, 13, "`http_port`: '08069' is not an integer; Odoo 17.0 stops at startup"),
        ("odoo.conf", "CNF107", 4, 1, "`db_port` is empty: Odoo 17.0 cannot cast '' and stops at startup; write a "
                                      "value or delete the line"),
        ("odoo.conf", "CNF107", 5, 14, "`db_sslmode`: 'required' is not one of disable, allow, prefer, require, "
                                       "verify-ca, verify-full; Odoo 17.0 stops at startup"),
        ("odoo.conf", "CNF107", 6, 13, "`log_level`: 'INFO' is not one of info, debug_rpc, warn, test, critical, "
                                       "runbot, debug_sql, error, debug, debug_rpc_answer, notset; Odoo 17.0 stops at "
                                       "startup"),
    ]


def test_invalid_type_19_and_unknown(tmp_path):
    got19 = _rows(tmp_path, TSRC, ["CNF107"], "19.0")
    assert [r[2] for r in got19] == [2, 4, 5, 6, 9]       # 08069 is int() in 19; websocket_* are cast in 19
    assert _rows(tmp_path, "[options]\nhttp_port = 08069\n", ["CNF107"]) == [
        ("odoo.conf", "CNF107", 2, 13, "`http_port`: '08069' is not an integer; Odoo 16-18 stops at startup")]
    ok = "[options]\nworkers = 4\nhttp_port = 0x1f95\ndb_port = False\ndb_sslmode = require\nlog_level = warn\n"
    assert _rows(tmp_path, ok, ["CNF107"], "17.0") == []
