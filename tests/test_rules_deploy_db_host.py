"""DEP101 compose-odoo-db-host-unresolvable on real stacks (compose + conf in a folder)."""
from tests.helpers import lint, rows

STACK = """\
services:
  odoo:
    image: odoo:17.0
    volumes:
      - ./config:/etc/odoo
    networks: [front, back]
  db:
    image: postgres:16
    networks:
      back:
        aliases: [database]
  web:
    image: nginx:1.27
    networks: [front]
networks:
  front:
  back:
"""

MSG_POSTGRES = ("Database host `postgres` (from `db_host` in odoo.conf) resolves to no service name, network alias "
                "or container_name on the networks of service `odoo` (back, front): Odoo fails at start with "
                "'could not translate host name \"postgres\"' and restarts in a loop; set it to `db`, the Postgres "
                "service on that network")


def test_conf_db_host_unknown_is_reported_on_the_conf_and_fixed(tmp_path):
    conf = "[options]\r\n; the database\r\ndb_host = postgres\r\ndb_port = 5432\r\n"
    result = lint(tmp_path, {"docker-compose.yml": STACK, "config/odoo.conf": conf}, select=["DEP101"])
    assert rows(result, tmp_path) == [("config/odoo.conf", "DEP101", 3, 11, MSG_POSTGRES)]
    fixed = lint(tmp_path, select=["DEP101"], fix=True)
    assert (tmp_path / "config/odoo.conf").read_bytes() == \
        b"[options]\r\n; the database\r\ndb_host = db\r\ndb_port = 5432\r\n"
    assert fixed.diagnostics == []
    again = lint(tmp_path, select=["DEP101"], fix=True)
    assert again.fixed_data == {} and again.diagnostics == []


def test_alias_service_name_and_container_name_resolve(tmp_path):
    for host in ("database", "db"):
        result = lint(tmp_path, {"docker-compose.yml": STACK, "config/odoo.conf": f"[options]\ndb_host = {host}\n"},
                      select=["DEP101"])
        assert rows(result, tmp_path) == []
    named = STACK.replace("    image: postgres:16\n", "    image: postgres:16\n    container_name: pg-main\n")
    result = lint(tmp_path, {"docker-compose.yml": named, "config/odoo.conf": "[options]\ndb_host = pg-main\n"},
                  select=["DEP101"])
    assert rows(result, tmp_path) == []


def test_service_on_another_network_is_named(tmp_path):
    compose = STACK.replace("    networks: [front, back]\n", "    networks: [front]\n")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": "[options]\ndb_host = db\n"},
                  select=["DEP101"])
    assert rows(result, tmp_path) == [(
        "config/odoo.conf", "DEP101", 2, 11,
        "Database host `db` (from `db_host` in odoo.conf) resolves to no service name, network alias or "
        "container_name on the networks of service `odoo` (front) (service `db` exists but shares no network with "
        "it): Odoo fails at start with 'could not translate host name \"db\"' and restarts in a loop; put service "
        "`odoo` on a network of `db` and use that name")]
    fixed = lint(tmp_path, select=["DEP101"], fix=True)
    assert fixed.fixed_data == {}          # no Postgres service on a shared network: nothing safe to write


def test_localhost_in_a_container(tmp_path):
    result = lint(tmp_path, {"docker-compose.yml": STACK, "config/odoo.conf": "[options]\ndb_host = localhost\n"},
                  select=["DEP101"])
    assert rows(result, tmp_path) == [(
        "config/odoo.conf", "DEP101", 2, 11,
        "Database host `localhost` (from `db_host` in odoo.conf) is the Odoo container itself (service `odoo`, "
        "networks: back, front), not the database: Odoo fails with 'connection refused' and restarts in a loop; "
        "set it to `db`, the Postgres service on that network")]
    host_net = STACK.replace("    networks: [front, back]\n", "    network_mode: host\n")
    result = lint(tmp_path, {"docker-compose.yml": host_net}, select=["DEP101"])
    assert rows(result, tmp_path) == []


def test_fqdn_and_interpolated_hosts_are_left_alone(tmp_path):
    for host in ("db-postgresql-fra1-1.b.db.ondigitalocean.com", "10.0.0.5", "${DB_HOST}"):
        result = lint(tmp_path, {"docker-compose.yml": STACK, "config/odoo.conf": f"[options]\ndb_host = {host}\n"},
                      select=["DEP101"])
        assert rows(result, tmp_path) == []


ENV_STACK = """\
services:
  odoo:
    image: odoo:18.0
    environment:
      HOST: pgsql   # the database
      PASSWORD: odoo
  db:
    image: postgres:17
"""


def test_env_host_without_conf_db_host_is_reported_on_compose_and_fixed(tmp_path):
    result = lint(tmp_path, {"docker-compose.yml": ENV_STACK}, select=["DEP101"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DEP101", 5, 13,
        "Database host `pgsql` (from `HOST` in the `environment` of service `odoo`) resolves to no service name, "
        "network alias or container_name on the networks of service `odoo` (default): Odoo fails at start with "
        "'could not translate host name \"pgsql\"' and restarts in a loop; set it to `db`, the Postgres service "
        "on that network")]
    lint(tmp_path, select=["DEP101"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == ENV_STACK.replace("HOST: pgsql", "HOST: db")
    assert lint(tmp_path, select=["DEP101"], fix=True).fixed_data == {}


def test_image_default_db_when_postgres_has_another_name(tmp_path):
    compose = "services:\n  odoo:\n    image: odoo:17.0\n  postgres:\n    image: postgres:16\n"
    result = lint(tmp_path, {"docker-compose.yml": compose}, select=["DEP101"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DEP101", 2, 3,
        "Database host `db` (from the official image's default `HOST=db` (service `odoo` sets no HOST)) resolves "
        "to no service name, network alias or container_name on the networks of service `odoo` (default): Odoo "
        "fails at start with 'could not translate host name \"db\"' and restarts in a loop; set it to `postgres`, "
        "the Postgres service on that network")]
    # the image default is fine when the service is called db
    ok = lint(tmp_path, {"docker-compose.yml": compose.replace("  postgres:", "  db:")}, select=["DEP101"])
    assert rows(ok, tmp_path) == []


def test_odoo19_pghost_beats_the_conf(tmp_path):
    compose = ("services:\n  odoo:\n    image: odoo:19.0\n    volumes: ['./odoo.conf:/etc/odoo/odoo.conf:ro']\n"
               "    environment:\n      - PGHOST=postgres\n  db:\n    image: postgres:17\n")
    files = {"docker-compose.yml": compose, "odoo.conf": "[options]\ndb_host = db\n"}
    result = lint(tmp_path, files, select=["DEP101"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("docker-compose.yml", "DEP101", 6, 16)]
    # on 17 the conf's db_host wins (the entrypoint only passes --db_host when the conf has none)
    result = lint(tmp_path, {"docker-compose.yml": compose.replace("odoo:19.0", "odoo:17.0")}, select=["DEP101"])
    assert rows(result, tmp_path) == []


def test_env_file_and_unscanned_env_file(tmp_path):
    compose = "services:\n  odoo:\n    image: odoo:17.0\n    env_file: [odoo.env]\n  db:\n    image: postgres:16\n"
    result = lint(tmp_path, {"docker-compose.yml": compose, "odoo.env": "# db\nHOST=pg\n"}, select=["DEP101"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("odoo.env", "DEP101", 2, 6)]
    (tmp_path / "odoo.env").unlink()
    result = lint(tmp_path, select=["DEP101"])
    assert rows(result, tmp_path) == []     # the env file is not there: HOST is unknown


def test_two_postgres_services_report_without_fix(tmp_path):
    compose = ("services:\n  odoo:\n    image: odoo:17.0\n    volumes: [./config:/etc/odoo]\n"
               "  pg1:\n    image: postgres:16\n  pg2:\n    image: postgres:16\n")
    files = {"docker-compose.yml": compose, "config/odoo.conf": "[options]\ndb_host = postgres\n"}
    result = lint(tmp_path, files, select=["DEP101"])
    assert rows(result, tmp_path)[0][4].endswith("set it to the Postgres service's name or network alias")
    assert lint(tmp_path, select=["DEP101"], fix=True).fixed_data == {}


def test_override_file_is_merged(tmp_path):
    base = "services:\n  odoo:\n    image: odoo:17.0\n  db:\n    image: postgres:16\n"
    override = "services:\n  odoo:\n    environment:\n      HOST: nowhere\n"
    result = lint(tmp_path, {"docker-compose.yml": base, "docker-compose.override.yml": override},
                  select=["DEP101"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("docker-compose.override.yml", "DEP101", 4, 13)]


def test_dep116_and_dep101_when_c_differs_from_odoo_rc(tmp_path):
    compose = ("services:\n  odoo:\n    image: odoo:17.0\n    command: odoo -c /etc/odoo/prod.conf\n"
               "    volumes: ['./config/prod.conf:/etc/odoo/prod.conf']\n  postgres:\n    image: postgres:16\n")
    files = {"docker-compose.yml": compose, "config/prod.conf": "[options]\ndb_host = postgres\ndb_user = erp\n"}
    result = lint(tmp_path, files, select=["DEP116", "DEP101"])
    assert rows(result, tmp_path) == [
        ("config/prod.conf", "DEP116", 2, 11,
         "`db_host` in prod.conf is overridden: the official entrypoint looks for db_* keys in $ODOO_RC "
         "(/etc/odoo/odoo.conf), not in the `-c` file, so it appends `--db_host db` (from the official image's "
         "default `HOST=db` (service `odoo` sets no HOST)), which beats the conf; set "
         "`ODOO_RC=/etc/odoo/prod.conf` instead of `-c`"),
        ("config/prod.conf", "DEP116", 3, 11,
         "`db_user` in prod.conf is overridden: the official entrypoint looks for db_* keys in $ODOO_RC "
         "(/etc/odoo/odoo.conf), not in the `-c` file, so it appends `--db_user odoo` (from the official image's "
         "default `USER=odoo` (service `odoo` sets no USER)), which beats the conf; set "
         "`ODOO_RC=/etc/odoo/prod.conf` instead of `-c`"),
        ("docker-compose.yml", "DEP101", 2, 3,
         "Database host `db` (from the official image's default `HOST=db` (service `odoo` sets no HOST)) resolves "
         "to no service name, network alias or container_name on the networks of service `odoo` (default): Odoo "
         "fails at start with 'could not translate host name \"db\"' and restarts in a loop; set it to `postgres`, "
         "the Postgres service on that network"),
    ]
    fixed = compose.replace("    command: odoo -c /etc/odoo/prod.conf\n",
                            "    environment:\n      ODOO_RC: /etc/odoo/prod.conf\n")
    assert rows(lint(tmp_path, {"docker-compose.yml": fixed}, select=["DEP116", "DEP101"]), tmp_path) == []
