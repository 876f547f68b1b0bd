"""DEP111-DEP113: Supabase/PgBouncer targets in compose environments of Odoo services."""
from tests.helpers import lint, rows

POOLER = "aws-0-eu-central-1.pooler.supabase.com"


def compose(env: str, image: str = "odoo:18.0") -> str:
    return f"services:\n  odoo:\n    image: {image}\n    environment:\n{env}"


def test_dep111_transaction_port_is_fixed(tmp_path):
    text = compose(f"      HOST: {POOLER}\n      PORT: \"6543\"\n      USER: postgres.abcdefghijklm\n")
    result = lint(tmp_path, {"docker-compose.yml": text}, select=["DEP111"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DEP111", 6, 14,
        "Service `odoo` connects to port 6543 (from `PORT` in the `environment` of service `odoo`), a "
        "transaction-mode pooler: Odoo's LISTEN/NOTIFY bus and session settings break (no live notifications, odd "
        "errors); use session mode (5432 on the Supabase pooler) or a direct connection")]
    lint(tmp_path, select=["DEP111"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == text.replace('"6543"', '"5432"')
    assert lint(tmp_path, select=["DEP111"], fix=True).fixed_data == {}


def test_dep111_conf_db_port_wins_on_17(tmp_path):
    text = compose("      PORT: \"6543\"\n", "odoo:17.0") + "    volumes: ['./config:/etc/odoo']\n"
    files = {"docker-compose.yml": text, "config/odoo.conf": "[options]\ndb_port = 5432\n"}
    assert rows(lint(tmp_path, files, select=["DEP111"]), tmp_path) == []


def test_dep112_pooler_user_without_ref(tmp_path):
    text = compose(f"      - HOST={POOLER}\n      - USER=postgres\n")
    assert rows(lint(tmp_path, {"docker-compose.yml": text}, select=["DEP112"]), tmp_path) == [(
        "docker-compose.yml", "DEP112", 6, 14,
        "Service `odoo` logs in to the Supabase pooler as `postgres` (from `USER` in the `environment` of service "
        "`odoo`): the pooler needs `postgres.<project-ref>` and answers 'Tenant or user not found'; append your "
        "project ref")]
    ok = compose(f"      - HOST={POOLER}\n      - USER=postgres.abcdefghijklm\n")
    assert rows(lint(tmp_path, {"docker-compose.yml": ok}, select=["DEP112"]), tmp_path) == []


def test_dep113_direct_host_in_env_file(tmp_path):
    files = {"docker-compose.yml": "services:\n  odoo:\n    image: odoo:19.0\n    env_file: .env.odoo\n",
             ".env.odoo": "PGHOST=db.abcdefghijklm.supabase.co\nPGPORT=5432\n"}
    result = lint(tmp_path, files, select=["DEP113"])
    assert [r[:4] for r in rows(result, tmp_path)] == [(".env.odoo", "DEP113", 1, 8)]
    assert result.diagnostics[0].severity.value == "warning"
    files[".env.odoo"] = f"PGHOST={POOLER}\n"
    assert rows(lint(tmp_path, files, select=["DEP113"]), tmp_path) == []
