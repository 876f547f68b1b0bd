"""Deployment rules on the shapes real stacks have (#8): templates and fragments, version facts, the default set
and its `deploy-hardening` group, and what the classifier takes for a deployment file."""
from __future__ import annotations

import pytest

from odoolint.classify import classify
from odoolint.registry import GROUPS, load_rules
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import lint, rows, write_tree


def _codes(tmp_path, files, select=None, version="17.0"):
    r = lint(tmp_path, files, select=select, odoo_version=version)
    return rows(r, tmp_path)


# ---- item 1: templates and fragments ---------------------------------------------------------------

FRAGMENT = "[options]\ndb_host = $PGHOST\nlist_db = $LIST_DB\nproxy_mode = ${PROXY_MODE}\nworkers = {{ workers }}\n"
ABSENCE = ["CNF108", "CNF109", "CNF110", "CNF113", "CNF114"]


def test_a_conf_d_fragment_is_partial_and_its_placeholders_unknown(tmp_path):
    # doodba-style conf.d: a generator merges the files and fills in the variables
    files = {"conf.d/20-database.conf": FRAGMENT, "conf.d/30-extra.conf": "[options]\nunaccent = True\n"}
    assert _codes(tmp_path, files, select=["CNF"]) == []


def test_the_same_keys_in_a_plain_conf_are_judged(tmp_path):
    files = {"odoo.conf": "[options]\nlist_db = 0\nworkers = four\n"}
    got = [(f, c, line) for f, c, line, _, _ in _codes(tmp_path, files, select=ABSENCE + ["CNF106", "CNF107"])]
    assert got == [("odoo.conf", "CNF106", 2), ("odoo.conf", "CNF107", 3), ("odoo.conf", "CNF108", 1),
                   ("odoo.conf", "CNF110", 1), ("odoo.conf", "CNF113", 1)]


def test_placeholders_are_not_judged_by_value_rules(tmp_path):
    src = ("[options]\nadmin_passwd = ${ADMIN_PASSWORD}\nlist_db = $LIST_DB\ndbfilter = $DB_FILTER\n"
           "without_demo = {{ without_demo }}\ndb_maxconn = %(maxconn)s\n")
    assert _codes(tmp_path, {"odoo.conf": src}, select=["CNF"]) == []


def test_a_hash_or_a_dollar_password_is_no_placeholder(tmp_path):
    # `$pbkdf2...` and `pa$word` are literal text, so the weak-password check still applies
    got = _codes(tmp_path, {"odoo.conf": "[options]\nadmin_passwd = pa$word\n"}, select=["CNF108"])
    assert got == [("odoo.conf", "CNF108", 2, 16, "`admin_passwd` is a 7-character plaintext password while the "
                                                  "database manager is enabled; use 16+ random characters or set "
                                                  "`list_db = False`")]


def test_a_fragment_dir_conf_without_header_is_not_missing_its_section(tmp_path):
    assert _codes(tmp_path, {"conf.d/50-smtp.conf": "[options]\nsmtp_server = mail\n",
                             "conf.d/60-x.conf": "[x]\nkey = 1\n"}, select=["CNF103"]) == []
    got = _codes(tmp_path / "plain", {"odoo.conf": "[x]\nworkers = 2\n"}, select=["CNF103"])
    assert [(f, c) for f, c, *_ in got] == [("odoo.conf", "CNF103")]


def test_addon_keys_are_not_unknown_and_their_values_are_theirs(tmp_path):
    src = "[options]\nsentry_dsn = https://k@sentry.example/1\nsentry_ignore_exceptions = a.B,\n    c.D\n"
    assert _codes(tmp_path, {"odoo.conf": src}, select=["CNF101", "CNF104"]) == []
    got = _codes(tmp_path / "odoo", {"odoo.conf": "[options]\ndbfilter = ^a\n    b$\nsentri_dsn = x\n"},
                 select=["CNF101", "CNF104"])
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF101", 4), ("CNF104", 3)]


# ---- item 4: version facts -------------------------------------------------------------------------

def test_longpolling_port_is_the_key_before_16(tmp_path):
    src = "[options]\nlongpolling_port = 8073\n"
    assert _codes(tmp_path, {"odoo.conf": src}, select=["CNF102", "CNF122"], version="15.0") == []
    lint(tmp_path, None, select=["CNF102", "CNF122"], odoo_version="15.0", fix=True, unsafe=True)
    assert (tmp_path / "odoo.conf").read_text() == src          # never writes gevent_port for 15.0
    got = _codes(tmp_path, None, select=["CNF102", "CNF122"], version="16.0")
    # 16.0 still reads it (a deprecated alias copied over gevent_port): opt-in CNF122, and its fix renames it
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF122", 2)]
    lint(tmp_path, None, select=["CNF102", "CNF122"], odoo_version="16.0", fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ngevent_port = 8073\n"


# ---- item 7: the default set and the hardening group --------------------------------------------------

def test_hardening_rules_are_off_by_default_and_on_with_the_group(tmp_path):
    files = {"odoo.conf": "[options]\ndb_name = prod\ndb_password = hunter2\nadmin_passwd = admin\n"}
    write_tree(tmp_path, files)
    default = run(RunOptions([tmp_path], Settings(odoo_version="17.0"), no_cache=True, jobs=1))
    assert sorted({d.code for d in default.diagnostics}) == ["CNF108"]
    extended = run(RunOptions([tmp_path], Settings(odoo_version="17.0", extend_select=["deploy-hardening"]),
                              no_cache=True, jobs=1))
    assert sorted({d.code for d in extended.diagnostics}) == ["CNF108", "CNF109", "CNF113", "CNF116"]
    reg = load_rules()
    hardening = reg.resolve("deploy-hardening")
    assert {"CNF109", "CNF113", "CNF116", "DF105"} <= hardening
    assert not {c for c in hardening if reg.meta(c).default_enabled}
    full = lint(tmp_path, None, select=["CNF108", "deploy-hardening"], odoo_version="17.0")
    assert sorted({d.code for d in full.diagnostics}) == ["CNF108", "CNF109", "CNF113", "CNF116"]


def test_every_rule_doc_states_its_default(tmp_path):
    reg = load_rules()
    assert reg.meta("CNF108").default_text().startswith("on: ")
    assert reg.meta("DF105").default_text() == (
        "off (hardening or policy: nothing fails as it stands); turn it on with `--extend-select hardening` or "
        "`--extend-select deploy-hardening`.")
    assert "Default: off" in reg.meta("CNF109").docs_text()
    assert set(GROUPS) == {"hardening", "deploy-hardening", "oca-hooks", "pylint-odoo"}   # hardening + peer families


# ---- item 6: classification ------------------------------------------------------------------------

@pytest.mark.parametrize("path,head,kind", [
    ("docker/16.0_Dockerfile", b"FROM odoo:16.0\n", "dockerfile"),
    ("odoo-Dockerfile", b"FROM odoo:16.0\n", "dockerfile"),
    ("deploy/prod.env.example", b"A=1\n", "env-file"),
    ("pgbouncer/pgbouncer.ini", b"[pgbouncer]\npool_mode = transaction\n", "pgbouncer-ini"),
    ("docker-compose.yml.j2", b"services:\n  odoo:\n    image: {{ image }}\n", None),
    ("demo/odoo_demo.conf", b"[program:odoo-demo]\ncommand=/opt/odoo/odoo-bin\n", None),
    ("odoo.conf.tmpl", b"[options]\ndb_host = {{ host }}\n", "odoo-conf"),
    ("scripts/backup.yaml", b"defaults:\n  db_user: x\nservices:\n  - name: live\ndatabases:\n  - a\n", None),
    ("deploy/app.yaml", b"spec:\n  name: shop\n  services:\n  - name: web\n    http_port: 8069\n", "do-app-spec"),
])
def test_classification(path, head, kind):
    assert classify(path, lambda: head) == kind


def test_a_do_component_is_odoo_by_its_image_or_command_not_its_variables(tmp_path):
    spec = ("name: shop\nservices:\n- name: sync\n  http_port: 8080\n  envs:\n  - key: ODOO_URL\n"
            "    value: https://erp.example\n")
    assert _codes(tmp_path, {".do/app.yaml": spec}, select=["DO101"]) == []
    odoo = spec.replace("  envs:", "  image:\n    registry_type: DOCKER_HUB\n    repository: odoo\n    tag: '17.0'\n  envs:")
    got = _codes(tmp_path / "b", {".do/app.yaml": odoo}, select=["DO101"])
    assert [(c, line) for _, c, line, _, _ in got] == [("DO101", 4)]


def test_show_files_lists_kind_and_addon(tmp_path):
    import subprocess
    import sys
    write_tree(tmp_path, {"addons/shop/__manifest__.py": "{'name': 'Shop'}\n", "addons/shop/models/a.py": "x = 1\n",
                          "deploy/compose.yaml": "services:\n  odoo:\n    image: odoo:17.0\n",
                          "deploy/conf.d/10-a.conf": "[options]\nworkers = 2\n", "notes/backup.yaml": "a: 1\n"})
    r = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--show-files"], cwd=tmp_path,
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == ""
    assert [line.split() for line in r.stdout.splitlines()] == [
        ["addons/shop/__manifest__.py", "manifest", "shop"], ["addons/shop/models/a.py", "python", "shop"],
        ["deploy/compose.yaml", "compose", "-"], ["deploy/conf.d/10-a.conf", "odoo-conf", "-"]]
