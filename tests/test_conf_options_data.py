"""Facts of odoolint/data/odoo_conf_options.json, checked against the config.py
sources named in each table's "source" (see tools/gen_conf_options.py).

Where RULES.md §1 and the source disagree, the source wins and a comment says so.
"""
import json
from pathlib import Path

import pytest

DATA = json.loads((Path(__file__).resolve().parents[1] / "odoolint/data/odoo_conf_options.json").read_text())
VERSIONS = ["16.0", "17.0", "18.0", "19.0"]


def opts(v):
    return DATA[v]["options"]


def loadable(v):
    return {k for k, o in opts(v).items() if o["file_loadable"]}


def test_shape_and_sources():
    assert set(DATA) == set(VERSIONS) | {"obsolete"}
    for v in VERSIONS:
        assert DATA[v]["source"].endswith(" odoo/tools/config.py")
        for name, o in opts(v).items():
            assert o["type"] in {"int", "float", "string", "choice", "bool"}, name
            assert isinstance(o["path"], bool) and isinstance(o["file_loadable"], bool)
            assert ("choices" in o) == (o["type"] == "choice"), name
    # #8 third round: the latest release build of the copies compared (tools/gen_conf_options.py)
    assert DATA["16.0"]["source"].startswith("Martel-IT/odoo-16-core@ea87592")
    assert DATA["17.0"]["source"].startswith("ShaheenHossain/odoo-17cmnty_unozio_2025@4376e02")
    assert DATA["18.0"]["source"].startswith("AhmedElarabyy/odoo-18@c7678f8")
    assert DATA["19.0"]["source"].startswith("jnvdx6/skymedic-odoo@85dffc0")


@pytest.mark.parametrize("v", VERSIONS)
def test_dbfilter_not_db_filter(v):
    assert opts(v)["dbfilter"]["file_loadable"] is True
    assert opts(v)["dbfilter"]["default"] == ""
    assert "db_filter" not in opts(v) and "db_filter" not in DATA[v]["aliases"]


@pytest.mark.parametrize("v", VERSIONS)
def test_ports(v):
    assert opts(v)["gevent_port"] == {**opts(v)["gevent_port"], "type": "int", "default": 8072}
    assert opts(v)["http_port"]["type"] == "int" and opts(v)["http_port"]["default"] == 8069


@pytest.mark.parametrize("v", VERSIONS)
def test_list_db_and_booleans(v):
    assert opts(v)["list_db"]["type"] == "bool" and opts(v)["list_db"]["default"] is True
    assert opts(v)["proxy_mode"]["type"] == "bool" and opts(v)["proxy_mode"]["default"] is False
    assert opts(v)["http_enable"]["default"] is True
    assert opts(v)["admin_passwd"]["default"] == "admin"
    assert opts(v)["db_template"]["default"] == "template0"


@pytest.mark.parametrize("v", VERSIONS)
def test_db_sslmode_and_log_level_choices(v):
    ssl = opts(v)["db_sslmode"]
    assert ssl["type"] == "choice" and ssl["default"] == "prefer"
    assert ssl["choices"] == ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
    lvl = opts(v)["log_level"]
    assert lvl["default"] == "info" and "debug_sql" in lvl["choices"] and len(lvl["choices"]) == 11


@pytest.mark.parametrize("v", VERSIONS)
def test_int_defaults(v):
    o = opts(v)
    assert o["workers"]["default"] == 0
    assert o["max_cron_threads"]["default"] == 2
    assert o["db_maxconn"]["default"] == 64
    assert o["limit_memory_soft"]["default"] == 2048 * 1024 * 1024
    assert o["limit_memory_hard"]["default"] == 2560 * 1024 * 1024
    assert o["limit_time_cpu"]["default"] == 60
    assert o["limit_time_real"]["default"] == 120
    assert o["limit_time_real_cron"]["default"] == -1
    assert o["limit_request"]["default"] == 65536
    assert o["transient_age_limit"]["type"] == "float" and o["transient_age_limit"]["default"] == 1.0
    assert o["websocket_rate_limit_delay"]["type"] == "float"


def test_common_file_keys_match_rules_1_2():
    common = set.intersection(*(loadable(v) for v in VERSIONS))
    assert common == set(
        "addons_path admin_passwd csv_internal_sep data_dir db_host db_maxconn db_name db_password "
        "db_port db_sslmode db_template db_user dbfilter email_from from_filter gevent_port http_enable "
        "http_interface http_port limit_memory_hard limit_memory_soft limit_request limit_time_cpu "
        "limit_time_real limit_time_real_cron list_db load_language log_db log_db_level log_handler "
        "log_level logfile max_cron_threads osv_memory_count_limit overwrite_existing_translations "
        "pg_path pidfile proxy_mode publisher_warranty_url reportgz screencasts screenshots "
        "server_wide_modules smtp_password smtp_port smtp_server smtp_ssl smtp_ssl_certificate_filename "
        "smtp_ssl_private_key_filename smtp_user syslog transient_age_limit unaccent upgrade_path "
        "websocket_keep_alive_timeout websocket_rate_limit_burst websocket_rate_limit_delay workers "
        "x_sendfile".split())


def test_replica_and_gevent_memory_only_from_18():
    for key in ("db_replica_host", "db_replica_port", "limit_memory_soft_gevent", "limit_memory_hard_gevent"):
        assert key not in opts("16.0") and key not in opts("17.0"), key
        assert opts("18.0")[key]["file_loadable"] and opts("19.0")[key]["file_loadable"], key
    assert opts("18.0")["db_replica_port"]["type"] == "int"


def test_17_additions():
    for key in ("db_maxconn_gevent", "geoip_city_db", "geoip_country_db"):
        assert key not in opts("16.0") and key in loadable("17.0") and key in loadable("19.0")
    assert "geoip_database" in loadable("16.0")
    # RULES.md §1.2 lists limit_time_worker_cron "in later 17.0 builds"; no 17.0 copy read defines it; the
    # May-2025 18.0 build does (the older Coolyce 18.0 copy did not), and 19.0.
    assert "limit_time_worker_cron" not in opts("17.0")
    assert opts("18.0")["limit_time_worker_cron"] == {**opts("18.0")["limit_time_worker_cron"], "type": "int",
                                                      "default": 0}
    assert opts("19.0")["limit_time_worker_cron"] == {**opts("19.0")["limit_time_worker_cron"], "type": "int", "default": 0}


def test_with_demo_only_in_19():
    for v in ("16.0", "17.0", "18.0"):
        assert "with_demo" not in opts(v)
        assert "without_demo" in loadable(v)
    assert opts("19.0")["with_demo"]["type"] == "bool" and opts("19.0")["with_demo"]["default"] is False
    assert "without_demo" not in opts("19.0")
    assert DATA["19.0"]["aliases"]["without_demo"] == "with_demo"  # read and inverted


def test_new_in_19():
    for key in ("db_app_name", "skip_auto_install", "bin_path",
                "default_productivity_apps", "import_file_maxbytes", "import_file_timeout",
                "import_url_regex", "proxy_access_token"):
        assert key in loadable("19.0") and key not in opts("18.0"), key
    # the later 18.0 build has --pre-upgrade-scripts already; --archive-dir is in no 19.0 release copy
    assert "pre_upgrade_scripts" in loadable("18.0") and "pre_upgrade_scripts" in loadable("19.0")
    assert "archive_dir" not in opts("19.0")
    assert opts("19.0")["db_app_name"]["default"] == "odoo-{pid}"
    assert opts("19.0")["server_wide_modules"]["default"] == ["base", "rpc", "web"]
    assert opts("18.0")["server_wide_modules"]["default"] == "base,web"
    assert opts("19.0")["http_interface"]["default"] == "0.0.0.0"
    assert opts("18.0")["http_interface"]["default"] == ""


def test_longpolling_port():
    # 16.0: two of three copies (NguyenDanhBinhGiang 16.0-e, Martel-IT 16.0 core) give --longpolling-port dest
    # "longpolling_port", copied over gevent_port after load(), so the file key is a deprecated alias; only
    # alfarisye/odoo_16@1be6a65 had dest "gevent-port" (the key a file could not set). The alias holds in 16/17.
    assert DATA["16.0"]["aliases"]["longpolling_port"] == "gevent_port"
    assert "gevent-port" not in DATA["16.0"]["aliases"]
    assert DATA["17.0"]["aliases"]["longpolling_port"] == "gevent_port"
    assert DATA["18.0"]["aliases"]["longpolling_port"] is None
    assert DATA["19.0"]["aliases"]["longpolling_port"] is None
    for v in VERSIONS:
        assert "longpolling_port" not in opts(v)


def test_osv_memory_age_limit_and_geoip_database():
    assert DATA["16.0"]["aliases"]["osv_memory_age_limit"] == "transient_age_limit"
    # the Jan-2024 17.0 build dropped both aliases; the Jan-2025 17.0 build maps them again, as 18.0 does
    assert DATA["17.0"]["aliases"]["osv_memory_age_limit"] == "transient_age_limit"
    # RULES.md §1.2 calls it removed from 17 on; 18.0's _warn_deprecated_options
    # maps it again (with geoip_database), and 19.0 drops both.
    assert DATA["18.0"]["aliases"]["osv_memory_age_limit"] == "transient_age_limit"
    assert DATA["18.0"]["aliases"]["geoip_database"] == "geoip_city_db"
    # RULES.md §1.2 says geoip_database -> geoip_city_db in 17: true of the later 17.0 build
    assert DATA["17.0"]["aliases"]["geoip_database"] == "geoip_city_db"
    assert DATA["19.0"]["aliases"]["osv_memory_age_limit"] is None
    assert DATA["19.0"]["aliases"]["geoip_database"] is None


def test_xmlrpc_remap_until_18():
    for v in ("16.0", "17.0", "18.0"):
        assert DATA[v]["aliases"]["xmlrpc_port"] == "http_port"
        assert DATA[v]["aliases"]["xmlrpc_interface"] == "http_interface"
        assert DATA[v]["aliases"]["xmlrpc"] == "http_enable"
    for old in ("xmlrpc_port", "xmlrpc_interface", "xmlrpc"):
        assert DATA["19.0"]["aliases"][old] is None
    assert DATA["19.0"]["aliases"]["import_image_maxbytes"] == "import_file_maxbytes"
    assert DATA["19.0"]["aliases"]["import_image_regex"] == "import_url_regex"
    assert DATA["19.0"]["aliases"]["import_image_timeout"] == "import_file_timeout"


def test_removed_in_19():
    for key in ("language", "translate_in", "translate_out", "shell_interface"):
        assert key in opts("18.0") and key not in opts("19.0"), key
        assert DATA["19.0"]["aliases"][key] is None


def test_dev_mode_and_cli_only_keys():
    for v in ("16.0", "17.0", "18.0"):
        # rebuilt from --dev after load(): a file value is dropped
        assert opts(v)["dev_mode"]["file_loadable"] is False
        assert opts(v)["stop_after_init"]["file_loadable"] is True
        assert opts(v)["test_tags"]["file_loadable"] is True
        assert opts(v)["import_partial"]["file_loadable"] is True
        for key in ("init", "update", "config", "save", "test_enable"):
            assert opts(v)[key]["file_loadable"] is False, (v, key)
    o = opts("19.0")
    assert o["dev_mode"]["file_loadable"] is True and o["dev_mode"]["env"] == "ODOO_DEV"
    for key in ("stop_after_init", "test_tags", "test_file", "test_enable", "import_partial",
                "init", "update", "reinit", "config", "save"):
        assert o[key]["file_loadable"] is False, key


def test_path_options():
    for v in VERSIONS:
        for key in ("addons_path", "upgrade_path", "data_dir", "logfile", "pidfile", "pg_path", "screenshots"):
            assert opts(v)[key]["path"] is True, (v, key)
        for key in ("db_host", "dbfilter", "http_port"):
            assert opts(v)[key]["path"] is False, (v, key)
    assert opts("16.0")["geoip_database"]["path"] is True
    assert opts("17.0")["geoip_city_db"]["path"] and opts("17.0")["geoip_country_db"]["path"]
    # 16-18 do not normalize the SMTP certificate paths; 19 types them 'path'
    assert opts("18.0")["smtp_ssl_certificate_filename"]["path"] is False
    assert opts("19.0")["smtp_ssl_certificate_filename"]["path"] is True
    assert opts("19.0")["pre_upgrade_scripts"]["path"] is True


def test_19_env_vars():
    o = opts("19.0")
    assert {k: o[k]["env"] for k in ("db_host", "db_port", "db_user", "db_password", "db_name", "db_sslmode",
                                    "db_app_name", "pg_path", "db_replica_host", "db_replica_port", "db_template")} == {
        "db_host": "PGHOST", "db_port": "PGPORT", "db_user": "PGUSER", "db_password": "PGPASSWORD",
        "db_name": "PGDATABASE", "db_sslmode": "PGSSLMODE", "db_app_name": "PGAPPNAME", "pg_path": "PGPATH",
        "db_replica_host": "PGHOST_REPLICA", "db_replica_port": "PGPORT_REPLICA",
        "db_template": "PGDATABASE_TEMPLATE"}
    assert o["config"]["env"] == "ODOO_RC"
    assert o["http_port"]["env"] == "ODOO_HTTP_PORT" and o["workers"]["env"] == "ODOO_WORKERS"
    assert o["db_maxconn"]["env"] == "ODOO_DB_MAXCONN"
    for k, opt in o.items():
        if opt["file_loadable"]:
            assert "env" in opt, k
        elif k != "config":
            assert "env" not in opt, k
    for v in ("16.0", "17.0", "18.0"):
        assert not any("env" in opt for opt in opts(v).values())


def test_obsolete_keys_valid_nowhere():
    obsolete = DATA["obsolete"]
    for key in ("xmlrpcs", "xmlrpcs_port", "netrpc", "netrpc_port", "debug_mode", "auto_reload",
                "logrotate", "demo", "timezone", "secure_cert_file", "secure_pkey_file"):
        assert key in obsolete
    for v in VERSIONS:
        for key in obsolete:
            assert key not in opts(v) and not DATA[v]["aliases"].get(key), (v, key)
