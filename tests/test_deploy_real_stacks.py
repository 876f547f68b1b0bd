"""Deployment rules on real stacks, second round (#8): a target per version folder, dead lines that `odoo --save`
writes, old key names that still work, throw-away CI databases, hadolint's inline ignores."""
from __future__ import annotations

from tests.helpers import lint, rows

SAVED_16 = ("[options]\nadmin_passwd = x\ndemo = {}\ntest_enable = False\ntranslate_modules = ['all']\n"
            "logrotate = False\ntest_commit = False\ntest_report_directory = False\nlist_db = False\n")


def _rows(tmp_path, files, select, version=None):
    return rows(lint(tmp_path, files, select=select, odoo_version=version), tmp_path)


# ---- a target per version folder ------------------------------------------------------------------------------

def test_a_folder_per_version_is_linted_for_its_own_series(tmp_path):
    # bitnami's shape: one compose per series folder, and one at the root for the newest
    files = {f"{v}/debian-11/docker-compose.yml": f"services:\n  odoo:\n    image: odoo:{v}.0\n" for v in (16, 17)}
    files["docker-compose.yml"] = "services:\n  odoo:\n    image: odoo:17.0\n"
    # 19.0 reads 'None' as None, 16.0 stops at startup on it
    files["16/debian-11/odoo.conf"] = "[options]\ndb_maxconn = None\n"
    files["17/debian-11/odoo.conf"] = "[options]\nxmlrpc_port = 8070\n"
    got = _rows(tmp_path, files, ["OL002", "CNF102", "CNF107"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("16/debian-11/odoo.conf", "CNF107", 2)]
    assert "Odoo 16.0" in got[0][4]


def test_folder_names_decide_where_no_image_says_the_series(tmp_path):
    files = {"Dockerfiles/v16-odoo/odoo.conf": "[options]\ngeoip_database = /usr/share/GeoIP/City.mmdb\n",
             "Dockerfiles/v19-odoo/odoo.conf": "[options]\ngeoip_database = /usr/share/GeoIP/City.mmdb\n"
                                               "db_maxconn_gevent = None\n"}
    got = _rows(tmp_path, files, ["CNF102", "CNF107"])
    # 16.0 still reads geoip_database; 19.0 ignores it and accepts 'None'
    assert [(f, c, line) for f, c, line, _, _ in got] == [("Dockerfiles/v19-odoo/odoo.conf", "CNF102", 2)]
    assert got[0][4].startswith("Odoo 19.0 ignores `geoip_database`")


def test_one_version_folder_alone_is_no_scope_and_conflicts_stay_reported(tmp_path):
    # a single series folder is just a folder; two composes of one folder that disagree are a real conflict
    files = {"deploy/docker-compose.yml": "services:\n  odoo:\n    image: odoo:17.0\n",
             "deploy/docker-compose.prod.yml": "services:\n  odoo:\n    image: odoo:18.0\n",
             "v16/odoo.conf": "[options]\ndb_replica_port = None\n"}
    got = _rows(tmp_path, files, ["OL002"])
    assert [(f, c) for f, c, *_ in got] == [("deploy/docker-compose.prod.yml", "OL002"),
                                           ("deploy/docker-compose.yml", "OL002")]


def test_an_explicit_target_wins_over_the_folders(tmp_path):
    files = {"16.0/odoo.conf": "[options]\ngeoip_database = /g\n", "19.0/odoo.conf": "[options]\nworkers = 2\n"}
    got = _rows(tmp_path, files, ["CNF102"], version="19.0")
    assert [(f, c) for f, c, *_ in got] == [("16.0/odoo.conf", "CNF102")]


# ---- dead lines that `odoo --save` writes ---------------------------------------------------------------------

def test_saved_defaults_of_obsolete_and_cli_only_keys_are_not_findings(tmp_path):
    for version in ("16.0", None):
        assert _rows(tmp_path, {"odoo.conf": SAVED_16}, ["CNF101"], version) == [], version


def test_an_obsolete_or_cli_only_key_with_a_real_value_is_reported(tmp_path):
    src = "[options]\nlogrotate = True\ntest_enable = True\ntest_commit = True\n"
    got = _rows(tmp_path, {"odoo.conf": src}, ["CNF101"], "17.0")
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF101", 2), ("CNF101", 3), ("CNF101", 4)]
    assert got[2][4] == ("`test_commit` is an obsolete option that no Odoo 16-19 reads: Odoo 17.0 stores it "
                         "silently and never reads it; delete it")


def test_a_typo_at_false_is_still_reported(tmp_path):
    # `list_dbs = False` meant to close the database manager: its intent is lost
    got = _rows(tmp_path, {"odoo.conf": "[options]\nlist_dbs = False\n"}, ["CNF101"], "17.0")
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF101", 2)]


# ---- limit_time_real_cron = 0 is policy --------------------------------------------------------------------------

def test_cron_without_time_limit_is_opt_in(tmp_path):
    src = "[options]\nworkers = 4\nlimit_time_real_cron = 0\n"
    assert _rows(tmp_path, {"odoo.conf": src}, ["CNF115"], "18.0") == []
    assert _rows(tmp_path, {"odoo.conf": src}, ["CNF123"], "18.0") == [
        ("odoo.conf", "CNF123", 3, 24, "`limit_time_real_cron = 0` removes the time limit of cron workers: a stuck "
                                       "cron holds a worker and its locks forever; use -1 (same as limit_time_real) "
                                       "or a number of seconds")]
    assert _rows(tmp_path, {"odoo.conf": "[options]\nworkers = 0\nlimit_time_real_cron = 0\n"}, ["CNF123"],
                 "18.0") == []
    from odoolint.registry import load_rules
    assert not load_rules({"odoo-conf"}).meta("CNF123").default_enabled


# ---- hadolint's inline ignores ---------------------------------------------------------------------------------

def test_hadolint_ignore_covers_the_next_instruction(tmp_path):
    src = "# hadolint ignore=DL3006  # the image comes from --build-context odoo=...\nFROM odoo\nFROM odoo:latest\n"
    got = _rows(tmp_path, {"Dockerfile": src}, ["DF104", "OL001"])
    assert [(c, line) for _, c, line, _, _ in got] == [("DF104", 3)]


def test_hadolint_global_ignore_covers_the_file(tmp_path):
    src = "FROM odoo AS base\n# hadolint global ignore=DL3007\nFROM odoo:latest\n"
    assert _rows(tmp_path, {"Dockerfile": src}, ["DF104", "OL001"]) == []
    assert [c for _, c, *_ in _rows(tmp_path, {"Dockerfile": "# hadolint ignore=DL3008\nFROM odoo\n"},
                                     ["DF104"])] == ["DF104"]
