"""CNF117 db-sslmode-remote, CNF118 transaction-pooler, CNF119 pooler-username."""
from __future__ import annotations

from tests.helpers import lint, rows


def _rows(tmp_path, src, select, version=None):
    return rows(lint(tmp_path, {"odoo.conf": src}, select=select, odoo_version=version), tmp_path)


def test_sslmode_remote_absent_and_weak(tmp_path):
    src = "[options]\ndb_host = db-pg-fra1-12345.b.db.ondigitalocean.com\ndb_port = 25060\n"
    assert _rows(tmp_path, src, ["CNF117"], "19.0") == [
        ("odoo.conf", "CNF117", 2, 1, "`db_sslmode` is not set, so Odoo uses `prefer` (unless PGSSLMODE is set in the "
                                      "environment) for the DigitalOcean database "
                                      "`db-pg-fra1-12345.b.db.ondigitalocean.com`: the connection may run without "
                                      "TLS; set `db_sslmode = require`")]
    lint(tmp_path, {"odoo.conf": src}, select=["CNF117"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ndb_sslmode = require\n" + src[10:]
    src = "[options]\ndb_host = db.abcd.supabase.co\ndb_sslmode = disable\n"
    assert _rows(tmp_path, src, ["CNF117"], "17.0") == [
        ("odoo.conf", "CNF117", 3, 14, "`db_sslmode = disable` for the Supabase database `db.abcd.supabase.co`: the "
                                       "connection may run without TLS; set `db_sslmode = require`")]
    lint(tmp_path, None, select=["CNF117"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ndb_host = db.abcd.supabase.co\ndb_sslmode = require\n"


def test_sslmode_fine(tmp_path):
    for src in ("[options]\ndb_host = db\n", "[options]\ndb_host = x.rds.amazonaws.com\ndb_sslmode = verify-full\n"):
        assert _rows(tmp_path, src, ["CNF117"]) == [], src


def test_transaction_pooler(tmp_path):
    src = "[options]\ndb_host = aws-0-eu-west-1.pooler.supabase.com\ndb_port = 6543\n"
    assert _rows(tmp_path, src, ["CNF118"]) == [
        ("odoo.conf", "CNF118", 3, 11, "`aws-0-eu-west-1.pooler.supabase.com:6543` is a transaction-mode pooler: "
                                       "Odoo's bus (`LISTEN imbus`) and session state break, so chat, notifications "
                                       "and websockets stay dead; use the session pooler (port 5432) or a direct "
                                       "connection")]
    lint(tmp_path, {"odoo.conf": src}, select=["CNF118"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == src.replace("6543", "5432")
    # another host on 6543: reported, no fix
    lint(tmp_path, {"odoo.conf": "[options]\ndb_host = pgbouncer\ndb_port = 6543\n"}, select=["CNF118"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == "[options]\ndb_host = pgbouncer\ndb_port = 6543\n"
    assert _rows(tmp_path, src.replace("6543", "5432"), ["CNF118"]) == []


def test_pooler_username(tmp_path):
    src = "[options]\ndb_host = aws-0-eu-west-1.pooler.supabase.com\ndb_user = odoo\n"
    assert _rows(tmp_path, src, ["CNF119"]) == [
        ("odoo.conf", "CNF119", 3, 11, "`db_user = odoo` on the Supabase pooler `aws-0-eu-west-1.pooler.supabase.com`: "
                                       "the pooler needs `odoo.<project-ref>` to find your project, so "
                                       "authentication fails; append the project ref")]
    assert _rows(tmp_path, src.replace("= odoo", "= odoo.abcdefgh"), ["CNF119"]) == []
    assert _rows(tmp_path, "[options]\ndb_host = db.abcd.supabase.co\ndb_user = odoo\n", ["CNF119"]) == []


def test_entrypoint_db_override(tmp_path):
    src = "[options]\nDB_Host = pg\ndb_port: 5433\ndb_user=odoo\n"
    assert _rows(tmp_path, src, ["CNF120"]) == [
        ("odoo.conf", "CNF120", 2, 1, "`DB_Host =` is valid for Odoo, but the official Docker image's entrypoint only "
                                      "recognises `db_host =`: it appends `--db_host $HOST` (default `db`), which "
                                      "overrides this line; write `db_host = ...`"),
        ("odoo.conf", "CNF120", 3, 1, "`db_port :` is valid for Odoo, but the official Docker image's entrypoint only "
                                      "recognises `db_port =`: it appends `--db_port $PORT` (default `5432`), which "
                                      "overrides this line; write `db_port = ...`")]
    lint(tmp_path, {"odoo.conf": src}, select=["CNF120"], fix=True)
    fixed = (tmp_path / "odoo.conf").read_text()
    assert fixed == "[options]\ndb_host = pg\ndb_port= 5433\ndb_user=odoo\n"
    lint(tmp_path, None, select=["CNF120"], fix=True)
    assert (tmp_path / "odoo.conf").read_text() == fixed
