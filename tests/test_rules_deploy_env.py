"""ENV101 env-file-unescaped-dollar: only env files docker compose reads, exact fix."""
from tests.helpers import lint, rows

COMPOSE = "services:\n  odoo:\n    image: odoo:17.0\n    env_file: [odoo.env]\n"


def test_env101_hash_in_env_file_is_escaped(tmp_path):
    env = "# secrets\nADMIN_PASSWD=$pbkdf2-sha512$600000$abc\nPASSWORD=\"pa$1word\"\nLITERAL='$keep$me'\n"
    result = lint(tmp_path, {"docker-compose.yml": COMPOSE, "odoo.env": env}, select=["ENV101"])
    assert rows(result, tmp_path) == [
        ("odoo.env", "ENV101", 2, 14,
         "`$pbkdf2` in `ADMIN_PASSWD` (`env_file` of service `odoo`) is expanded by docker compose (variable "
         "`pbkdf2`, usually unset, becomes an empty string), so the value reaches the container corrupted; write "
         "`$$` for a literal dollar or single-quote the value"),
        ("odoo.env", "ENV101", 3, 13,
         "`$1` in `PASSWORD` (`env_file` of service `odoo`) is not a valid interpolation: `docker compose` refuses "
         "to start the stack; write `$$` for a literal dollar or single-quote the value"),
    ]
    lint(tmp_path, select=["ENV101"], fix=True)
    assert (tmp_path / "odoo.env").read_text() == env.replace("$pbkdf2-sha512$600000$abc",
                                                              "$$pbkdf2-sha512$$600000$$abc").replace(
        '"pa$1word"', '"pa$$1word"')
    assert lint(tmp_path, select=["ENV101"], fix=True).fixed_data == {}


def test_env101_only_files_compose_reads(tmp_path):
    files = {"docker-compose.yml": "services:\n  odoo:\n    image: odoo:17.0\n", "other.env": "PASSWORD=pa$word\n",
             ".env": "PG_PASSWORD=ok$$fine\nHOME_DIR=$HOME\n"}
    assert rows(lint(tmp_path, files, select=["ENV101"]), tmp_path) == []
    files[".env"] = "PG_PASSWORD=bad$word\n"
    assert [r[:4] for r in rows(lint(tmp_path, files, select=["ENV101"]), tmp_path)] == [(".env", "ENV101", 1, 16)]
