"""#8 item 1: a `conf.d` folder is linted as the file doodba's config-generate writes from it (merge.py, CNF124)."""
from __future__ import annotations

from tests.helpers import lint, rows

DOCKERFILE = "ARG ODOO_VERSION\nFROM ghcr.io/tecnativa/doodba:${ODOO_VERSION}-onbuild\n"
BASE = "odoo/custom/conf.d/"


def _rows(tmp_path, files, select, version="17.0", **kw):
    return rows(lint(tmp_path, {"odoo/Dockerfile": DOCKERFILE, **files}, select=select, odoo_version=version, **kw),
                tmp_path)


def test_a_later_fragment_with_a_typo_or_a_bad_value_is_reported_there(tmp_path):
    files = {BASE + "10-a.conf": "[options]\nworkers = 2\n",
             BASE + "20-b.conf": "[options]\n; ours\nworkers = four\ndb_filtr = ^x\n"}
    assert _rows(tmp_path, files, ["CNF101", "CNF107"]) == [
        (BASE + "20-b.conf", "CNF101", 4, 1, "unknown key `db_filtr`, Odoo 17.0 stores it silently and never reads "
                                             "it: did you mean `dbfilter`?"),
        (BASE + "20-b.conf", "CNF107", 3, 11, "`workers`: 'four' is not an integer; Odoo 17.0 stops at startup"),
    ]


def test_a_bad_value_overridden_by_a_later_fragment_is_no_finding(tmp_path):
    files = {BASE + "10-a.conf": "[options]\nworkers = four\nlist_db = 0\n",
             BASE + "20-b.conf": "[options]\nworkers = 4\nlist_db = False\n"}
    assert _rows(tmp_path, files, ["CNF"]) == []


def test_the_same_bad_value_alone_in_its_fragment_is_reported_once(tmp_path):
    files = {BASE + "10-a.conf": "[options]\nlist_db = 0\n", BASE + "20-b.conf": "[options]\nworkers = 4\n"}
    assert _rows(tmp_path, files, ["CNF106"]) == [
        (BASE + "10-a.conf", "CNF106", 2, 11, "Odoo 17.0 only converts True/true/False/false: `list_db = 0` is the "
                                              "non-empty string '0', which is TRUE; write False")]


def test_the_fix_edits_the_fragment_that_set_the_value_and_is_idempotent(tmp_path):
    files = {BASE + "10-a.conf": "[options]\nproxy_mode = no\n", BASE + "20-b.conf": "[options]\nworkers = 4\n"}
    lint(tmp_path, {"odoo/Dockerfile": DOCKERFILE, **files}, select=["CNF106"], odoo_version="17.0", fix=True)
    assert (tmp_path / BASE / "10-a.conf").read_text() == "[options]\nproxy_mode = False\n"
    assert (tmp_path / BASE / "20-b.conf").read_text() == "[options]\nworkers = 4\n"
    again = lint(tmp_path, select=["CNF106"], odoo_version="17.0", fix=True)
    assert again.diagnostics == [] and (tmp_path / BASE / "10-a.conf").read_text() == "[options]\nproxy_mode = False\n"


def test_placeholders_stay_unknown_and_absence_rules_never_fire_on_a_partial_merge(tmp_path):
    # the image's own fragments are not in this repository: admin_passwd, list_db... come from them
    files = {BASE + "10-a.conf": "[options]\nworkers = $WORKERS\nproxy_mode = ${PROXY_MODE}\n"}
    assert _rows(tmp_path, files, ["CNF"]) == []


def test_the_image_fragments_merge_first_and_the_target_picks_the_geoip_fragment(tmp_path):
    image = {"conf.d/00-base.conf": "[options]\nadmin_passwd = $ADMIN_PASSWORD\nworkers = x\n",
             "conf.d/60-geoip-ge17.conf": "[options]\ngeoip_city_db = /g/City.mmdb\n",
             "conf.d/60-geoip-lt17.conf": "[options]\ngeoip_database = /g/City.mmdb\n",
             "tests/custom/conf.d/10-custom.conf": "[options]\nworkers = 3\n"}
    # 16.0 keeps -lt17 (geoip_database is 16.0's key), 17.0 keeps -ge17: neither is reported as renamed or unknown
    for version in ("16.0", "17.0"):
        got = rows(lint(tmp_path / version, image, select=["CNF101", "CNF102", "CNF107"], odoo_version=version),
                   tmp_path / version)
        # the image alone: `workers = x` breaks it; under the project's fragment it is overridden
        assert got == [("conf.d/00-base.conf", "CNF107", 3, 11,
                        f"`workers`: 'x' is not an integer; Odoo {version} stops at startup")]


def test_a_dollar_that_string_template_refuses_stops_config_generate(tmp_path):
    files = {BASE + "10-a.conf": "[options]\ndbfilter = ^%d$\n"}
    assert _rows(tmp_path, files, ["CNF124"]) == [
        (BASE + "10-a.conf", "CNF124", 2, 15, "`$` in `dbfilter` is not a valid `string.Template` placeholder: "
                                              "doodba's config-generate stops with \"ValueError: Invalid "
                                              "placeholder\" and the container does not start; write `$$` for a "
                                              "literal `$`")]
    lint(tmp_path, select=["CNF124"], odoo_version="17.0", fix=True)
    assert (tmp_path / BASE / "10-a.conf").read_text() == "[options]\ndbfilter = ^%d$$\n"
    assert lint(tmp_path, select=["CNF124"], odoo_version="17.0").diagnostics == []


def test_a_lowercase_dollar_name_is_a_missing_variable_and_its_fix_is_unsafe(tmp_path):
    files = {BASE + "10-a.conf": "[options]\nadmin_passwd = $pbkdf2-sha512$600000$s$h\n"}
    assert _rows(tmp_path, files, ["CNF124"]) == [
        (BASE + "10-a.conf", "CNF124", 2, 16, "`$pbkdf2` in its value is read as the environment variable `pbkdf2` "
                                              "by doodba's config-generate (`string.Template.substitute`): unless the "
                                              "container has it, generation stops with KeyError and the container "
                                              "does not start; write `$$` for a literal `$`")]
    lint(tmp_path, select=["CNF124"], odoo_version="17.0", fix=True)
    assert (tmp_path / BASE / "10-a.conf").read_text() == "[options]\nadmin_passwd = $pbkdf2-sha512$600000$s$h\n"


def test_escaped_dollars_environment_names_and_an_overridden_value_are_fine(tmp_path):
    files = {BASE + "10-a.conf": "[options]\ndbfilter = ^%d$\n",
             BASE + "20-b.conf": "[options]\ndbfilter = ^%d$$\ndb_user = $PGUSER\ndb_host = ${PGHOST}\n"}
    assert _rows(tmp_path, files, ["CNF124"]) == []


def test_a_dollar_outside_doodba_folders_is_not_judged_by_cnf124(tmp_path):
    files = {"etc/odoo.d/10-a.conf": "[options]\ndbfilter = ^%d$\n", "odoo.conf": "[options]\ndbfilter = ^%d$\n"}
    assert _rows(tmp_path, files, ["CNF124"]) == []


def test_a_generic_conf_d_folder_merges_in_name_order(tmp_path):
    files = {"deploy/conf.d/10-a.conf": "[options]\nworkers = four\n",
             "deploy/conf.d/20-b.conf": "[options]\nworkers = 4\ndb_sslmode = required\n"}
    assert _rows(tmp_path, files, ["CNF107"]) == [
        ("deploy/conf.d/20-b.conf", "CNF107", 3, 14, "`db_sslmode`: 'required' is not one of disable, allow, prefer, "
                                                     "require, verify-ca, verify-full; Odoo 17.0 stops at startup")]
