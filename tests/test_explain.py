"""`odoolint explain` and rule symptoms: real messages from the sources that print them, end to end on fixtures."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import re2
from click.testing import CliRunner

from odoolint.commands import main
from odoolint.explain import explain_text, split_errors, visible
from odoolint.registry import load_rules
from odoolint.symptoms import family_of, table

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "fixtures" / "explain"

# (message as its source prints it, rules it must name). Each text is the source's format string filled in;
# the source is cited on the symptom (`odoolint rule CODE` shows it).
MESSAGES = [
    # the issue's examples
    ("ValueError: Invalid field 'numbercall' on model 'ir.cron'", {"XML105", "PY208"}),        # odoo/models.py create
    ("ImportError: cannot import name 'registry' from 'odoo' (unknown location)", {"PY202"}),   # CPython ceval.c
    ('psycopg2.OperationalError: could not translate host name "postgres" to address: Name or service not known',
     {"DEP101"}),                                                                               # libpq fe-connect.c
    ("FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute", {"DEP110"}),  # PG 16+
    ("FATAL:  remaining connection slots are reserved for non-replication superuser connections", {"DEP110"}),  # <16
    ('KeyNotFoundError: Cannot find key "my_dashboard" in the "actions" registry', {"XML206"}),  # web registry.js
    ("E: Package 'wkhtmltopdf' has no installation candidate", {"DF101"}),                     # apt private-cacheset
    ("sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked", {"SUP103"}),  # sqlite main.c
    # Odoo
    ("ValueError: Invalid field 'doall' on model 'ir.cron'", {"XML105", "PY208"}),
    ("ValueError: Invalid field 'groups_id' on model 'ir.ui.menu'", {"XML107", "PY110"}),
    ("ValueError: Invalid field 'category_id' on model 'res.groups'", {"XML108", "PY118"}),
    ("ValueError: Invalid field 'tax_id' on model 'sale.order.line'", {"PY110"}),
    ("ValueError: Invalid field 'qty_done' on model 'stock.move.line'", {"PY308"}),
    ("AttributeError: 'res.partner' object has no attribute 'mobile'", {"PY118"}),
    ("ValueError: Invalid field 'address_home_id' on model 'hr.employee'", {"XML111"}),
    ("ValueError: External ID not found in the system: sale.view_order_form", {"XML202", "XML203", "CSV102"}),
    ('Field "x_priority" does not exist in model "res.partner"', {"XML204"}),
    ("action_confirm_all is not a valid action on sale.order", {"XML205"}),
    ('Since 17.0, the "attrs" and "states" attributes are no longer used.', {"XML102"}),
    ("Invalid view type: 'tree'.", {"XML101"}),
    ("ValueError: Wrong value for ir.ui.view.type: 'tree'", {"XML101"}),
    ("ValueError: Wrong value for product.template.type: 'product'", {"XML115"}),
    ("Model attribute '_sql_constraints' is no longer supported, please define model.Constraint on the model.",
     {"PY107"}),
    ("Field res.partner.name: unknown parameter 'unaccent', if this is an actual parameter you may want to override "
     "the method _valid_field_parameter on the relevant model in order to allow it", {"PY201"}),
    ("Field res.partner.category_id: unknown parameter 'auto_join', if this is an actual parameter you may want to "
     "override the method _valid_field_parameter on the relevant model in order to allow it", {"PY105"}),
    ("Field sale.order.state: unknown parameter 'track_visibility', if this is an actual parameter you may want to "
     "override the method _valid_field_parameter on the relevant model in order to allow it", {"PY354"}),
    ("DeprecationWarning: Use directly odoo.modules.registry.Registry", {"PY202"}),
    ("ImportError: cannot import name 'xlsxwriter' from 'odoo.tools.misc' "
     "(/usr/lib/python3/dist-packages/odoo/tools/misc.py)", {"PY101"}),
    ("ImportError: cannot import name 'Home' from 'odoo.addons.web.controllers.main' "
     "(/usr/lib/python3/dist-packages/odoo/addons/web/controllers/main.py)", {"PY206"}),
    ("AttributeError: module 'odoo.api' has no attribute 'returns'", {"PY104"}),
    ("AttributeError: module 'odoo.api' has no attribute 'multi'", {"PY351"}),
    ("AttributeError: 'res.partner' object has no attribute 'flush'", {"PY302"}),
    ("AttributeError: 'sale.order' object has no attribute 'user_has_groups'", {"PY204"}),
    ("RuntimeError: Couldn't bind the websocket. Is the connection opened on the evented port (8072)?",
     {"DEP114", "DO105"}),
    ("RuntimeError: Couldn't bind the websocket.", {"DEP114", "DO105"}),      # logs that wrap the line
    ("Using the database user 'postgres' is a security risk, aborting.", {"CNF111"}),
    ("Missing `license` key in manifest for 'my_module', defaulting to LGPL-3", {"MF103"}),
    ("module my_module: Unmet dependencies: sale_extra", {"MF104"}),
    # Postgres, libpq, poolers
    ("FATAL:  sorry, too many clients already", {"DEP110"}),
    ("FATAL:  the database system is starting up", {"DC104"}),
    ('connection to server at "db" (172.18.0.2), port 5432 failed: Connection refused', {"DC104"}),
    ("FATAL:  Tenant or user not found", {"PG102", "DEP112", "CNF119"}),
    ("FATAL:  (ENOTFOUND) tenant/user postgres.nonexistent_tenant not found", {"PG102", "DEP112", "CNF119"}),
    ('invalid URI query parameter: "pgbouncer"', {"PG103"}),
    ('connection to server at "db.abcdefghijklmnop.supabase.co" (2a05:d014:1c06:5f01::1), port 5432 failed: '
     'Network is unreachable', {"PG104", "DEP113"}),
    ('Database connection failure: could not translate host name "db" to address: Temporary failure in name '
     'resolution', {"DEP101"}),
    # docker, compose, apt, pip
    ("Error: in 18+, these Docker images are configured to store database data in a", {"DC101"}),
    ("dependency failed to start: container odoo-db-1 has no healthcheck configured", {"DC108"}),
    ("dependency failed to start: container stack-odoo-1 is unhealthy", {"DEP102"}),
    ('WARN[0000] The "word" variable is not set. Defaulting to a blank string.', {"DC102", "ENV101"}),
    ("E: Unable to locate package wkhtmltopdf", {"DF101"}),
    ("error: externally-managed-environment", {"DF102"}),
    ("E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?", {"DF103"}),
    # Superset
    ("sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres", {"SUP104"}),
    ("Refusing to start due to insecure SECRET_KEY", {"SUP101"}),
]


@pytest.fixture(scope="module")
def metas():
    return load_rules().all_meta()


@pytest.mark.parametrize("message,codes", MESSAGES, ids=[m[:50] for m, _ in MESSAGES])
def test_real_message_names_its_rules(metas, message, codes):
    errors = explain_text(message, metas)
    assert [e.text for e in errors] == [message]
    named = {m.code for m in errors[0].matches}
    assert codes <= named, f"{message!r} names {sorted(named)}"


def test_at_least_30_rules_carry_cited_symptoms(metas):
    with_symptoms = [m for m in metas if m.symptoms]
    assert len(with_symptoms) >= 30
    for m in with_symptoms:
        for s in m.symptoms:
            assert s.emitter and s.source and s.message and (s.why or m.summary)
            assert re2.compile(s.pattern).search(s.message), (m.code, s.pattern)


def test_symptom_tables_name_registered_rules_of_their_family(metas):
    by_code = {m.code: m for m in metas}
    registry = load_rules()
    families = {family_of(r.check.__module__) for r in registry.rules.values()}
    for family in families:
        for code, items in table(family).items():
            assert code in by_code, f"{family}.symptoms names unknown rule {code}"
            assert family_of(registry.rules[code].check.__module__) == family
            assert by_code[code].symptoms == items


def test_every_symptom_message_is_matched_by_its_own_rule(metas):
    for m in metas:
        for s in m.symptoms:
            errors = explain_text(s.message, metas)
            assert any(m.code in {x.code for x in e.matches} for e in errors), (m.code, s.message)


def test_symptoms_of_table_rules_follow_their_tables(metas):
    """XML111/XML115 and the PY field rules name exactly the models and fields of their rules' tables."""
    from odoolint.rules.xml import symptoms as xml_symptoms
    from odoolint.rules.xml.model_changes import FIELD_CHANGES, VALUE_CHANGES
    assert set(xml_symptoms._REMOVED_FIELDS) == {c.field for c in FIELD_CHANGES}
    assert set(xml_symptoms._REMOVED_FIELD_MODELS) == {c.model for c in FIELD_CHANGES}
    assert set(xml_symptoms._REMOVED_VALUES) == {(c.model, c.field, c.value) for c in VALUE_CHANGES}
    for change in FIELD_CHANGES:
        message = f"ValueError: Invalid field '{change.field}' on model '{change.model}'"
        assert "XML111" in {m.code for m in explain_text(message, metas)[0].matches}


def test_messages_about_custom_models_are_not_blamed_on_core_changes(metas):
    for message in ("ValueError: Invalid field 'x_legacy' on model 'my.model'",
                    "ValueError: Wrong value for wujia.franchise.revenue.source: 'csv'"):
        assert [e.matches for e in explain_text(message, metas)] == [[]]


def test_unknown_error_says_so_and_suggests_nothing(metas):
    errors = explain_text("ERROR: frobnication of the widget failed\n", metas)
    assert [(e.text, e.matches) for e in errors] == [("ERROR: frobnication of the widget failed", [])]
    result = CliRunner().invoke(main, ["explain", "-"], input="ERROR: frobnication of the widget failed\n")
    assert result.exit_code == 0
    assert result.output == ("error 1 (line 1): ERROR: frobnication of the widget failed\n"
                             "  odoolint knows no cause of this error.\n")
    out = json.loads(CliRunner().invoke(main, ["explain", "--output-format", "json", "-"],
                                        input="ERROR: frobnication of the widget failed\n").output)
    assert out["rules"] == [] and out["findings"] == [] and out["errors"][0]["known"] is False


LOG = """\
2024-11-05 10:12:01,345 1 INFO prod odoo.modules.loading: loading 42 modules...
2024-11-05 10:12:02,001 1 ERROR prod odoo.modules.registry: Failed to load registry
Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/odoo/models.py", line 4660, in create
    raise ValueError("Invalid field %r on model %r" % (key, self._name))
ValueError: Invalid field 'numbercall' on model 'ir.cron'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/usr/bin/odoo", line 8, in <module>
    odoo.cli.main()
odoo.tools.convert.ParseError: while parsing /mnt/extra-addons/stock_alerts/data/ir_cron.xml:3, somewhere inside
db-1    | 2024-11-05 10:12:03.123 UTC [88] FATAL:  remaining connection slots are reserved for roles with the \
SUPERUSER attribute
db-1    | 2024-11-05 10:12:04.456 UTC [89] FATAL:  remaining connection slots are reserved for roles with the \
SUPERUSER attribute
odoo-1  | psycopg2.OperationalError: could not translate host name "postgres" to address: Name or service not known
#5 2.113 E: Package 'wkhtmltopdf' has no installation candidate
"""


def test_log_is_split_into_distinct_errors(metas):
    errors = explain_text(LOG, metas)
    assert [(e.line, e.kind, e.count, e.text) for e in errors] == [
        (6, "traceback", 1, "ValueError: Invalid field 'numbercall' on model 'ir.cron'"),
        (14, "line", 2, "FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute"),
        (16, "line", 1, 'psycopg2.OperationalError: could not translate host name "postgres" to address: Name or '
                        'service not known'),
        (17, "line", 1, "E: Package 'wkhtmltopdf' has no installation candidate"),
    ]
    assert [[m.code for m in visible(e)] for e in errors] == [["PY208", "XML105"], ["DEP110"], ["DEP101"],
                                                              ["DF101"]]
    assert [m.code for m in errors[0].matches] == ["PY208", "XML105"]


def test_parse_error_wrapper_is_the_incident_of_the_message_under_it(metas):
    text = ("odoo.tools.convert.ParseError: while parsing /mnt/extra-addons/x/views/v.xml:3\n"
            'Since 17.0, the "attrs" and "states" attributes are no longer used.\n'
            "View: x.form in x/views/v.xml\n")
    errors = explain_text(text, metas)
    assert [(e.line, e.text, [m.code for m in e.matches]) for e in errors] == [
        (2, 'Since 17.0, the "attrs" and "states" attributes are no longer used.', ["XML102"])]
    # an unknown wrapper stays, said plainly
    unknown = explain_text("odoo.tools.convert.ParseError: while parsing /x.xml:3\nsomething odd\n", metas)
    assert [(e.text, e.matches) for e in unknown] == [
        ("odoo.tools.convert.ParseError: while parsing /x.xml:3", [])]


def test_odoo_log_prefix_is_stripped(metas):
    line = ("2024-11-05 10:12:01,345 1 WARNING prod odoo.modules.module: Missing `license` key in manifest for "
            "'my_module', defaulting to LGPL-3")
    errors = explain_text(line, metas)
    assert [(e.text, [m.code for m in e.matches]) for e in errors] == [
        ("Missing `license` key in manifest for 'my_module', defaulting to LGPL-3", ["MF103"])]


def test_unexplained_traceback_stays_and_frames_are_skipped():
    text = ("Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n    boom()\n"
            "    ^^^^^^\nZeroDivisionError: division by zero\n")
    assert [(e.line, e.text, e.kind) for e in split_errors(text)] == [(5, "ZeroDivisionError: division by zero",
                                                                        "traceback")]


def test_explain_with_paths_locates_the_findings(monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["explain", "-", "fixtures/explain"], input=LOG)
    assert result.exit_code == 0, result.output
    out = result.output
    assert ("  XML105 cron-numbercall-doall: ir.cron lost `numbercall` and `doall` in Odoo 18.0; a data file still "
            "sets them\n") in out
    assert ("      this comes from fixtures/explain/addons/stock_alerts/data/ir_cron.xml:10:9: `numbercall` was "
            "removed from ir.cron in Odoo 18.0: loading this record fails\n"
            "        `odoolint check --fix`: delete the `numbercall` field\n") in out
    assert "this comes from fixtures/explain/compose.yaml:12:13: Database host `postgres`" in out
    assert "this comes from fixtures/explain/Dockerfile:2:66: `python:3.12-slim` is Debian trixie" in out
    # the connection budget has no finding in this project: said plainly
    budget = out.index("error 2 (line 14, 2 times): FATAL:  remaining connection slots")
    assert out.index("  no finding in the given paths explains it.", budget) < out.index("error 3", budget)
    # the located rule comes first for its error
    assert out.index("  XML105 ") < out.index("  PY208 ")


def test_explain_json_shape(monkeypatch, tmp_path):
    monkeypatch.chdir(REPO)
    log = tmp_path / "odoo.log"
    log.write_text(LOG, encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "--log", str(log), "--output-format", "json", "fixtures/explain"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"errors", "rules", "findings"}
    assert [e["rules"] for e in out["errors"]] == [["XML105", "PY208"], ["DEP110"], ["DEP101"], ["DF101"]]
    assert [r["code"] for r in out["rules"]] == ["DEP101", "DF101", "XML105", "DEP110", "PY208"]
    assert out["rules"][0] == {"code": "DEP101", "name": "compose-odoo-db-host-unresolvable",
                               "why": "Odoo's db_host is no service, alias or container_name on the Odoo "
                                      "service's networks"}
    rows = [(f["code"], f["filename"], f["location"]["row"], f["location"]["column"]) for f in out["findings"]]
    assert rows == [("DF101", "fixtures/explain/Dockerfile", 2, 66),
                    ("XML105", "fixtures/explain/addons/stock_alerts/data/ir_cron.xml", 10, 9),
                    ("DEP101", "fixtures/explain/compose.yaml", 12, 13)]
    xml105 = next(f for f in out["findings"] if f["code"] == "XML105")
    assert xml105["fix"]["applicability"] == "safe" and xml105["name"] == "cron-numbercall-doall"


def test_version_gated_rule_that_did_not_run_is_reported(monkeypatch, tmp_path):
    addon = tmp_path / "addons" / "legacy"
    (addon / "data").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (addon / "__manifest__.py").write_text('{"name": "Legacy", "license": "LGPL-3", "data": ["data/c.xml"]}\n')
    (addon / "data" / "c.xml").write_text('<odoo><record id="c" model="ir.cron">'
                                          '<field name="numbercall">-1</field></record></odoo>\n')
    monkeypatch.chdir(tmp_path)
    message = "ValueError: Invalid field 'numbercall' on model 'ir.cron'\n"
    out = CliRunner().invoke(main, ["explain", "-", "addons"], input=message).output
    assert ("note: XML105 runs only for Odoo >= 18.0 and no target version was found in the project; pass "
            "--odoo-version to run it.") in out
    out = CliRunner().invoke(main, ["explain", "-", "addons", "--odoo-version", "18.0"], input=message).output
    assert "this comes from addons/legacy/data/c.xml:1:" in out and "note: XML105" not in out


def test_explain_usage_errors(tmp_path):
    r = CliRunner().invoke(main, ["explain", "--log", str(tmp_path / "missing.log")])
    assert r.exit_code == 2 and "cannot read" in r.output
    r = CliRunner().invoke(main, ["explain", "-", str(tmp_path / "nowhere")], input="E: x\n")
    assert r.exit_code == 2 and "no such path" in r.output


def test_rule_docs_and_sarif_help_show_symptoms(monkeypatch):
    out = CliRunner().invoke(main, ["rule", "XML105"]).output
    assert ("You will see:\n    ValueError: Invalid field 'numbercall' on model 'ir.cron'  (Odoo: odoo/models.py "
            "`BaseModel.create`/`write`") in out
    data = json.loads(CliRunner().invoke(main, ["rule", "DF101", "--output-format", "json"]).output)
    assert data["symptoms"][0]["message"] == "E: Package 'wkhtmltopdf' has no installation candidate"
    monkeypatch.chdir(REPO)
    sarif = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "sarif",
                                                 "fixtures/explain"]).output)
    rules = {r["id"]: r for run in sarif["runs"] for r in run["tool"]["driver"]["rules"]}
    assert "You will see:\n    ValueError: Invalid field 'numbercall' on model 'ir.cron'" in \
        rules["XML105"]["help"]["text"]
    assert "**You will see**" in rules["DF101"]["help"]["markdown"]
    assert "`E: Package 'wkhtmltopdf' has no installation candidate`" in rules["DF101"]["help"]["markdown"]


def test_one_file_fast_path_keeps_symptoms():
    code = ("from odoolint.registry import load_rules; r = load_rules(kinds=['xml']); "
            "assert 'odoolint.rules.dockerfile.rules' not in __import__('sys').modules; "
            "print(r.meta('XML105').symptoms[0].message)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "ValueError: Invalid field 'numbercall' on model 'ir.cron'\n"


def test_hostile_input_stays_linear(metas):
    text = ("Invalid field '" * 200_000)[:3_999_000] + "\n" + "E: " + "a" * 100_000 + "\n"
    start = time.monotonic()
    errors = explain_text(text, metas)
    assert time.monotonic() - start < 20
    assert [len(e.text) for e in errors] == [4_000]


def test_log_file_is_read_only_up_to_the_cap(tmp_path):
    log = tmp_path / "big.log"
    with log.open("wb") as fh:
        fh.write(b"x" * 3_999_990 + b"\nE: early\n")
        fh.write(b"E: Package 'wkhtmltopdf' has no installation candidate\n" * 20_000)   # past 4 MB: never read
        fh.write(b"\xff\xfe binary \x00 tail\n")
    out = json.loads(CliRunner().invoke(main, ["explain", "--log", str(log), "--output-format", "json"]).output)
    assert [e["text"] for e in out["errors"]] == ["E: early"]
