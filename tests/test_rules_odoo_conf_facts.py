"""The "odoo_conf" facts: exactly the FACTS.md schema, values as RawConfigParser returns them."""
from __future__ import annotations

import configparser
import json

from odoolint.engine import FileContext
from odoolint.model import Span
from odoolint.registry import REGISTRY, load_rules
from odoolint.sources import decode, parse


def _facts(text: str) -> dict:
    load_rules()
    t = decode(text.encode(), "odoo-conf")
    ctx = FileContext("/p/odoo.conf", "odoo.conf", "odoo-conf", t, parse("odoo-conf", t, "/p/odoo.conf"),
                      None, None, None, {})
    [(name, extractor)] = [e for e in REGISTRY.fact_extractors["odoo-conf"] if e[0] == "odoo_conf"]
    data = extractor(ctx)
    assert json.loads(json.dumps(data)) == data      # plain JSON data
    return data


def test_facts_schema_positions_and_raw_values():
    src = "[options]\nDB_Host = db ; the database\naddons_path = /a,\n    /b\nlist_db = False\n"
    data = _facts(src)
    assert data["has_options"] is True
    assert set(data["options"]) == {"db_host", "addons_path", "list_db"}
    host = data["options"]["db_host"]
    assert host["value"] == "db ; the database" and host["line"] == 2
    ks, vs = Span.from_dict(host["key_span"]), Span.from_dict(host["value_span"])
    assert src[ks.start.offset:ks.end.offset] == "DB_Host" and (ks.start.line, ks.start.column) == (2, 1)
    assert src[vs.start.offset:vs.end.offset] == "db ; the database" and vs.start.column == 11
    ap = data["options"]["addons_path"]
    assert ap["value"] == "/a,\n/b" and Span.from_dict(ap["value_span"]).end.line == 4
    p = configparser.RawConfigParser()
    p.read_string(src)
    assert {k: v["value"] for k, v in data["options"].items()} == dict(p.items("options"))


def test_facts_without_options_section_and_default_section():
    assert _facts("[server]\ndb_host = db\n") == {"has_options": False, "options": {}}
    assert _facts("") == {"has_options": False, "options": {}}
    data = _facts("[DEFAULT]\ndb_port = 5432\ndb_host = x\n[options]\ndb_host = db\n")
    assert {k: (v["value"], v["line"]) for k, v in data["options"].items()} == {
        "db_port": ("5432", 2), "db_host": ("db", 5)}
