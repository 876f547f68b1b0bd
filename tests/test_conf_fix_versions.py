"""`--fix` on odoo.conf is version-correct (#8 item 4): for every fixable CNF rule and each series 16.0-19.0, the
fixed file sets no key that the target's table (odoolint/data/odoo_conf_options.json) lacks; before the table
(15.0) `longpolling_port` is the key itself and no fix writes `gevent_port`."""
from __future__ import annotations

import configparser
import json
from pathlib import Path

import pytest

from odoolint.registry import load_rules
from tests.helpers import lint

DATA = json.loads((Path(__file__).resolve().parents[1] / "odoolint/data/odoo_conf_options.json").read_text())
SERIES = ["16.0", "17.0", "18.0", "19.0"]
FIXABLE = sorted(m.code for m in load_rules(None).all_meta() if m.code.startswith("CNF") and m.fix)

# Own text that gives each fixable rule something to fix on at least one series.
TRIGGERS = {
    "CNF101": {"odoo.conf": "[options]\ndb_filter = ^shop$\nworkerz = 2\nlongpolling_port = 8074\n"},
    "CNF102": {"odoo.conf": "[options]\nlongpolling_port = 8074\nxmlrpc_port = 8070\ngeoip_database = /g.mmdb\n"
                            "osv_memory_age_limit = 2.0\nwithout_demo = all\nimport_image_maxbytes = 100\n"},
    "CNF103": {"odoo.conf": "db_host = db\nworkers = 2\n"},
    "CNF104": {"odoo.conf": "[options]\nworkers = 2 ; four in production\ndbfilter = ^shop$\n"},
    "CNF106": {"odoo.conf": "[options]\nlist_db = 0\nproxy_mode = yes\nunaccent = None\n"},
    "CNF109": {"odoo.conf": "[options]\ndb_name = prod\nlist_db = True\n"},
    "CNF110": {"odoo.conf": "[options]\ndbfilter = ^prod\n"},
    "CNF112": {"odoo.conf": "[options]\ndev_mode = reload,werkzeug\n"},
    "CNF114": {"odoo.conf": "[options]\nhttp_interface =\nhttp_port = 8069\n"},
    "CNF117": {"odoo.conf": "[options]\ndb_host = db-pg-fra1-12345.b.db.ondigitalocean.com\ndb_port = 25060\n"},
    "CNF118": {"odoo.conf": "[options]\ndb_host = aws-0-eu-central-1.pooler.supabase.com\ndb_port = 6543\n"},
    "CNF120": {"odoo.conf": "[options]\nDB_Host = pg\ndb_port: 5433\n"},
    "CNF122": {"odoo.conf": "[options]\nxmlrpc_port = 8069\nlongpolling_port = 8072\ngeoip_database = /g.mmdb\n"
                            "without_demo = all\nimport_image_timeout = 3\n"},
    "CNF124": {"odoo/custom/conf.d/10-a.conf": "[options]\ndbfilter = ^%d$\n"},
}


def _keys(text: str) -> set[str]:
    """The [options] keys as Odoo's RawConfigParser reads them (lower-cased, no interpolation)."""
    p = configparser.RawConfigParser(strict=False)
    try:
        p.read_string(text)
    except configparser.MissingSectionHeaderError:
        return set()
    return set(p["options"]) if p.has_section("options") else set()


def _fix(root: Path, code: str, version: str) -> dict[str, tuple[str, str]]:
    files = TRIGGERS[code]
    lint(root, files, select=[code], odoo_version=version, fix=True, unsafe=True)
    return {rel: (src, (root / rel).read_text()) for rel, src in files.items()}


def test_every_fixable_conf_rule_has_a_trigger():
    assert set(FIXABLE) == set(TRIGGERS)


@pytest.mark.parametrize("code", FIXABLE)
@pytest.mark.parametrize("version", SERIES)
def test_a_fix_writes_only_keys_the_target_reads(tmp_path, code, version):
    table = DATA[version]["options"]
    for rel, (before, after) in _fix(tmp_path, code, version).items():
        written = _keys(after) - _keys(before)
        unknown = sorted(k for k in written if k not in table or not table[k]["file_loadable"])
        assert unknown == [], f"{code} on {version} wrote {unknown} into {rel}"


@pytest.mark.parametrize("code", FIXABLE)
def test_each_trigger_is_fixed_on_some_series(tmp_path, code):
    # the parametrised check above is not vacuous: every rule changes its trigger on at least one series
    changed = [v for v in SERIES if any(b != a for b, a in _fix(tmp_path / v, code, v).values())]
    assert changed, code


@pytest.mark.parametrize("code", FIXABLE)
def test_before_the_table_no_fix_writes_gevent_port(tmp_path, code):
    for rel, (before, after) in _fix(tmp_path, code, "15.0").items():
        assert "gevent_port" not in _keys(after) - _keys(before), (code, rel)
        if "longpolling_port" in _keys(before):
            assert "longpolling_port" in _keys(after), (code, rel)


def test_longpolling_port_follows_the_target(tmp_path):
    src = "[options]\nlongpolling_port = 8074\n"
    for version, expected in (("15.0", src), ("16.0", "[options]\ngevent_port = 8074\n"),
                              ("17.0", "[options]\ngevent_port = 8074\n"), ("18.0", "[options]\ngevent_port = 8074\n"),
                              ("19.0", "[options]\ngevent_port = 8074\n")):
        root = tmp_path / version
        lint(root, {"odoo.conf": src}, select=["CNF102", "CNF122"], odoo_version=version, fix=True, unsafe=True)
        assert (root / "odoo.conf").read_text() == expected, version
        # and a second run changes nothing
        again = lint(root, None, select=["CNF102", "CNF122"], odoo_version=version, fix=True, unsafe=True)
        assert again.fixed_data == {}, version
    # no target at all: nothing is said about it and nothing is written
    root = tmp_path / "none"
    lint(root, {"odoo.conf": src}, select=["CNF102", "CNF122"], fix=True, unsafe=True)
    assert (root / "odoo.conf").read_text() == src
