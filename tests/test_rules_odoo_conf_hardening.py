"""CNF108-CNF116: production hardening of odoo.conf (this file only)."""
from __future__ import annotations

from tests.helpers import lint, rows


def _rows(tmp_path, src, select, version=None):
    return rows(lint(tmp_path, {"odoo.conf": src}, select=select, odoo_version=version), tmp_path)


def _fixed(tmp_path, src, select, version=None, unsafe=True):
    lint(tmp_path, {"odoo.conf": src}, select=select, odoo_version=version, fix=True, unsafe=unsafe)
    first = (tmp_path / "odoo.conf").read_bytes()
    lint(tmp_path, None, select=select, odoo_version=version, fix=True, unsafe=unsafe)
    assert (tmp_path / "odoo.conf").read_bytes() == first
    return first.decode()


def test_admin_passwd_default_weak_and_19_false(tmp_path):
    assert _rows(tmp_path, "[options]\nadmin_passwd = admin\n", ["CNF108"]) == [
        ("odoo.conf", "CNF108", 2, 16, "`admin_passwd = admin` is Odoo's default master password: anyone reaching "
                                       "/web/database can dump or drop every database; use a long random value")]
    # 16-18 read `list_db = 0` as the truthy string '0': the manager stays on
    assert _rows(tmp_path, "[options]\nadmin_passwd = short\nlist_db = 0\n", ["CNF108"], "17.0") == [
        ("odoo.conf", "CNF108", 2, 16, "`admin_passwd` is a 5-character plaintext password while the database "
                                       "manager is enabled; use 16+ random characters or set `list_db = False`")]
    assert _rows(tmp_path, "[options]\nadmin_passwd = False\n", ["CNF108"], "19.0") == [
        ("odoo.conf", "CNF108", 2, 16, "Odoo 19 skips `admin_passwd = False` (not a boolean option) and keeps the "
                                       "default master password `admin`; leave the value empty instead")]
    assert _rows(tmp_path, "[options]\ndb_host = db\n", ["CNF108"], "17.0") == [
        ("odoo.conf", "CNF108", 1, 1, "no `admin_passwd`: the database manager is enabled and its master password is "
                                      "Odoo's default `admin`; set `admin_passwd` to a long random value (or a "
                                      "pbkdf2-sha512 hash) and `list_db = False`")]


def test_admin_passwd_fine(tmp_path):
    for src, version in [("[options]\nadmin_passwd = short\nlist_db = False\n", "17.0"),
                         ("[options]\nadmin_passwd = short\nlist_db = 0\n", "19.0"),
                         ("[options]\nadmin_passwd = False\n", "17.0"),
                         ("[options]\nadmin_passwd =\n", None),
                         ("[options]\nadmin_passwd = $pbkdf2-sha512$600000$abc$def\n", None),
                         ("[options]\nadmin_passwd = 2f8Gk1x9QpLz7vWm\n", None)]:
        assert _rows(tmp_path, src, ["CNF108"], version) == [], src


def test_list_db_enabled_and_fix_only_when_pinned(tmp_path):
    assert _rows(tmp_path, "[options]\ndb_host = db\n", ["CNF109"]) == [
        ("odoo.conf", "CNF109", 1, 1, "`list_db` is not set, so the database manager and database list are enabled "
                                      "(default True): add `list_db = False`")]
    assert _fixed(tmp_path, "[options]\ndb_host = db\n", ["CNF109"]) == "[options]\ndb_host = db\n"
    assert _fixed(tmp_path, "[options]\r\ndb_name = prod\r\n", ["CNF109"]) == \
        "[options]\r\nlist_db = False\r\ndb_name = prod\r\n"
    src = "[options]\ndb_name = prod\nlist_db = True  \n"
    assert _rows(tmp_path, src, ["CNF109"]) == [
        ("odoo.conf", "CNF109", 3, 11, "`list_db` is true: the database manager and database list are enabled; set "
                                       "`list_db = False` once `db_name` or `dbfilter` selects the database")]
    assert _fixed(tmp_path, src, ["CNF109"]) == "[options]\ndb_name = prod\nlist_db = False  \n"
    assert _rows(tmp_path, "[options]\nlist_db = False\n", ["CNF109"]) == []
    assert _rows(tmp_path, "[options]\nlist_db = no\n", ["CNF109"], "17.0") == []   # bool-literal's job


def test_dbfilter(tmp_path):
    assert _rows(tmp_path, "[options]\ndb_host = db\n", ["CNF110"]) == [
        ("odoo.conf", "CNF110", 1, 1, "neither `dbfilter` nor `db_name` is set: every database on the PostgreSQL "
                                      "server is offered to every hostname; set `dbfilter = ^%d$` (or `^<dbname>$`) "
                                      "or `db_name`")]
    assert _rows(tmp_path, "[options]\ndbfilter = ^(%d$\n", ["CNF110"]) == []     # CNF121's finding
    r = lint(tmp_path, {"odoo.conf": "[options]\ndbfilter = ^(%d$\n"}, select=["CNF121"])
    assert [(d.span.start.line, d.span.start.column, d.severity.value, d.message) for d in r.diagnostics] == [
        (2, 12, "error", "`dbfilter` is not a valid regular expression (missing ), unterminated subpattern at "
                         "position 1): every request that has to pick a database fails; fix the pattern")]
    assert _rows(tmp_path, "[options]\ndbfilter = ^.*$\n", ["CNF110"]) == [
        ("odoo.conf", "CNF110", 2, 12, "`dbfilter = ^.*$` matches every database, so it filters nothing; use `^%d$` "
                                       "or `^<dbname>$`")]
    for src in ("[options]\ndbfilter = ^%d$\n", "[options]\ndb_name = prod\n", "[options]\ndbfilter = ^%h$\n"):
        assert _rows(tmp_path, src, ["CNF110"]) == [], src


def test_db_user_postgres(tmp_path):
    assert _rows(tmp_path, "[options]\ndb_user = postgres\n", ["CNF111"]) == [
        ("odoo.conf", "CNF111", 2, 11, "`db_user = postgres`: Odoo exits at startup with \"Using the database user "
                                       "'postgres' is a security risk, aborting.\"; create a dedicated role (e.g. "
                                       "`odoo` with CREATEDB) and use it")]
    assert _rows(tmp_path, "[options]\ndb_user = odoo\n", ["CNF111"]) == []


def test_dev_mode_19_and_17(tmp_path):
    src = "[options]\ndb_host = db\ndev_mode = reload,werkzeug\nworkers = 2\n"
    r = lint(tmp_path, {"odoo.conf": src}, select=["CNF112"], odoo_version="19.0")
    assert [(d.span.start.line, d.span.start.column, d.severity.value, d.message) for d in r.diagnostics] == [
        (3, 12, "error", "Odoo 19 enables `dev_mode = reload,werkzeug`: `werkzeug` serves the interactive debugger "
                         "on errors, letting anyone run code on the server; delete the line")]
    assert _fixed(tmp_path, src, ["CNF112"], "19.0") == "[options]\ndb_host = db\nworkers = 2\n"
    assert _fixed(tmp_path, src, ["CNF112"], "19.0", unsafe=False) == src
    assert _rows(tmp_path, "[options]\ndev_mode = reload\n", ["CNF112"], "17.0") == [
        ("odoo.conf", "CNF112", 2, 1, "Odoo 17.0 ignores `dev_mode` in the config file (only `--dev` on the command "
                                      "line sets it): delete the line")]
    assert _rows(tmp_path, "[options]\ndev_mode =\n", ["CNF112"], "19.0") == []


def test_demo_data(tmp_path):
    assert _rows(tmp_path, "[options]\ndb_host = db\n", ["CNF113"], "17.0") == [
        ("odoo.conf", "CNF113", 1, 1, "no `without_demo`: databases that Odoo 17.0 initialises get demo data (demo "
                                      "users with known passwords); add `without_demo = all`")]
    assert _rows(tmp_path, "[options]\nwithout_demo = False\n", ["CNF113"], "16.0") == [
        ("odoo.conf", "CNF113", 2, 16, "`without_demo = False` loads demo data into databases that Odoo 16.0 "
                                       "initialises; use `without_demo = all`")]
    assert _rows(tmp_path, "[options]\nwith_demo = yes\n", ["CNF113"], "19.0") == [
        ("odoo.conf", "CNF113", 2, 13, "`with_demo` is true: every database Odoo 19 initialises gets demo data (demo "
                                       "users with known passwords); remove the line (default False)")]
    assert _rows(tmp_path, "[options]\nwithout_demo = all\n", ["CNF113"], "18.0") == []
    assert _rows(tmp_path, "[options]\ndb_host = db\n", ["CNF113"], "19.0") == []
    assert _rows(tmp_path, "[options]\ndb_host = db\n", ["CNF113"]) == []      # needs a target


def test_http_interface_19(tmp_path):
    src = "[options]\nhttp_interface =\nhttp_port = 8069\n"
    assert _rows(tmp_path, src, ["CNF114"], "19.0") == [
        ("odoo.conf", "CNF114", 2, 1, "`http_interface` is not set: Odoo 19 listens on 0.0.0.0 with a warning, and "
                                      "20.0 will listen on 127.0.0.1 only; set it explicitly (0.0.0.0 in a container)")]
    assert _fixed(tmp_path, src, ["CNF114"], "19.0") == "[options]\nhttp_interface = 0.0.0.0\nhttp_port = 8069\n"
    assert _fixed(tmp_path, "[options] ; x\nhttp_port = 8069\n", ["CNF114"], "19.0") == \
        "[options] ; x\nhttp_interface = 0.0.0.0\nhttp_port = 8069\n"
    assert _rows(tmp_path, "[options]\nhttp_port = 8069\n", ["CNF114"], "18.0") == []
    assert _rows(tmp_path, "[options]\nhttp_interface = 127.0.0.1\n", ["CNF114"], "19.0") == []


def test_worker_limits(tmp_path):
    src = ("[options]\nworkers = 2\nlimit_memory_hard = 2560\nlimit_memory_soft = 3221225472\n"
           "limit_time_cpu = 600\nlimit_time_real = 300\nlimit_time_real_cron = 0\n")
    assert _rows(tmp_path, src, ["CNF115", "CNF123"], "17.0") == [
        ("odoo.conf", "CNF115", 3, 21, "`limit_memory_hard = 2560` is 2560 bytes, not MiB: every worker exceeds it at "
                                       "once; write bytes (e.g. 2684354560 for 2560 MiB)"),
        ("odoo.conf", "CNF115", 6, 19, "`limit_time_real` (300s) is below `limit_time_cpu` (600s): CPU time never "
                                       "exceeds wall time, so requests are killed at 300s and the CPU limit never "
                                       "applies; make limit_time_real larger"),
        ("odoo.conf", "CNF123", 7, 24, "`limit_time_real_cron = 0` removes the time limit of cron workers: a stuck "
                                       "cron holds a worker and its locks forever; use -1 (same as limit_time_real) "
                                       "or a number of seconds")]
    # soft above the default hard limit (2560 MiB), and the gevent pair defaulting to the main values
    src = "[options]\nlimit_memory_soft = 3221225472\nlimit_memory_soft_gevent = 1073741824\n"
    assert _rows(tmp_path, src, ["CNF115"], "18.0") == [
        ("odoo.conf", "CNF115", 2, 21, "`limit_memory_soft` (3072 MiB) is not below `limit_memory_hard` (2560 MiB): "
                                       "workers are never recycled and die with MemoryError instead; keep soft below "
                                       "hard")]
    ok = ("[options]\nworkers = 4\nlimit_memory_soft = 629145600\nlimit_memory_hard = 1677721600\n"
          "limit_time_cpu = 600\nlimit_time_real = 1200\nlimit_time_real_cron = -1\n")
    assert _rows(tmp_path, ok, ["CNF115"], "17.0") == []


def test_secrets_inline(tmp_path):
    src = "[options]\ndb_password = hunter2\nsmtp_password = x\nadmin_passwd = plaintextpassword1234\n"
    assert _rows(tmp_path, src, ["CNF116"], "17.0") == [
        ("odoo.conf", "CNF116", 2, 15, "`db_password` is written in odoo.conf: it leaks with every copy of the file; "
                                       "delete it and set PGPASSWORD in the environment (Odoo 19 reads it; 16-18 "
                                       "leave it to libpq) or PASSWORD/PASSWORD_FILE with the official image"),
        ("odoo.conf", "CNF116", 3, 17, "`smtp_password` is written in odoo.conf: it leaks with every copy of the file; "
                                       "configure the outgoing mail server in the database instead, or generate the "
                                       "file at deploy time from a secret"),
        ("odoo.conf", "CNF116", 4, 16, "`admin_passwd` is plaintext: write a passlib hash instead, e.g. the output of "
                                       "`python3 -c \"from passlib.hash import pbkdf2_sha512; "
                                       "print(pbkdf2_sha512.using(rounds=600000).hash(input()))\"`")]
    ok = "[options]\ndb_password = False\nsmtp_password =\nadmin_passwd = $pbkdf2-sha512$600000$abc$def\n"
    assert _rows(tmp_path, ok, ["CNF116"], "17.0") == []


def test_list_db_yes_is_true_everywhere(tmp_path):
    for version in (None, "16.0", "19.0"):
        assert [r[1:4] for r in _rows(tmp_path, "[options]\nlist_db = yes\n", ["CNF109"], version)] == \
            [("CNF109", 2, 11)], version


def test_dbfilter_without_end_anchor(tmp_path):
    src = "[options]\ndbfilter = ^prod\n"
    assert _rows(tmp_path, src, ["CNF110"]) == [
        ("odoo.conf", "CNF110", 2, 12, "`dbfilter = ^prod` does not end with `$`: Odoo uses re.match, which only "
                                       "anchors the start, so every database whose name starts like this (`prod_old`, "
                                       "`prod_test`) is offered too; end the pattern with `$`")]
    assert _fixed(tmp_path, src, ["CNF110"]) == "[options]\ndbfilter = ^prod$\n"
    for ok in ("^(prod|demo)", "^%d$", "^%h$", "prod.*"):
        assert _rows(tmp_path, f"[options]\ndbfilter = {ok}\n", ["CNF110"]) == [], ok
    # an inline comment is CNF104's finding: CNF110 must not append `$` after the comment
    src = "[options]\ndbfilter = ^%d$ ; only the subdomain\n"
    assert _rows(tmp_path, src, ["CNF110"]) == []
    assert _fixed(tmp_path, src, ["CNF104", "CNF110"]) == "[options]\n; only the subdomain\ndbfilter = ^%d$\n"


def test_dbfilter_nested_past_the_recursion_limit_is_invalid_not_an_internal_error(tmp_path):
    """Python's re raises RecursionError, not re.error, on groups nested that deep: Odoo's re.match of the filter
    fails the same way, so it is CNF121, and no rule fails (the fuzz harness found it, seed 11)."""
    src = "[options]\ndbfilter = " + "(" * 2000 + "x" + ")" * 2000 + "\n"
    got = _rows(tmp_path, src, ["CNF121", "OL003"])
    assert [(r[1], r[2], r[3]) for r in got] == [("CNF121", 2, 12)]
    assert "groups nested too deeply for Python's re (RecursionError)" in got[0][4]
