"""Stack-level compose rules: DC104 depends-on-healthy, DC105 healthcheck path, DEP102 healthcheck port,
DC106 env ignored."""
from tests.helpers import lint, rows

BASE = """\
services:
  odoo:
    image: odoo:17.0
    depends_on:
      db:
        condition: service_healthy
    volumes:
      - ./config:/etc/odoo
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8069/web/health"]
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U odoo"]
"""
CONF = "[options]\ndb_host = db\n"


def test_clean_stack_has_no_stack_findings(tmp_path):
    result = lint(tmp_path, {"docker-compose.yml": BASE, "config/odoo.conf": CONF},
                  select=["DC104", "DC105", "DC106", "DEP102"])
    assert rows(result, tmp_path) == []


def test_dc104_no_condition_and_no_healthcheck(tmp_path):
    compose = BASE.replace("    depends_on:\n      db:\n        condition: service_healthy\n",
                           "    depends_on: [db]\n").replace(
        "    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]\n", "")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DC104"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DC104", 4, 5,
        "Service `odoo` starts without `condition: service_healthy` on `db`: Odoo can start before Postgres "
        "accepts connections (the official odoo image's entrypoint waits only 30 s) and exits on first start or after a slow "
        "restore; add `depends_on: db: condition: service_healthy` and give `db` a `pg_isready` healthcheck")]
    assert result.diagnostics[0].severity.value == "warning"


def test_healthy_condition_without_healthcheck_is_dc108s_error(tmp_path):
    compose = BASE.replace("    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]\n", "")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DC104", "DC108"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("docker-compose.yml", "DC108", 6, 20)]
    assert result.diagnostics[0].severity.value == "error"


def test_dc104_odoo_behind_pgbouncer_is_not_judged(tmp_path):
    compose = BASE.replace("    depends_on:\n      db:\n        condition: service_healthy\n",
                           "    depends_on:\n      pgbouncer:\n        condition: service_healthy\n") + \
        "  pgbouncer:\n    image: edoburu/pgbouncer\n"
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": "[options]\ndb_host = pgbouncer\n"},
                  select=["DC104"])
    assert rows(result, tmp_path) == []


def test_dc104_missing_depends_on(tmp_path):
    compose = BASE.replace("    depends_on:\n      db:\n        condition: service_healthy\n", "")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DC104"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("docker-compose.yml", "DC104", 2, 3)]
    assert "starts without `depends_on` it on `db`" in rows(result, tmp_path)[0][4]


def test_dc105_login_page_probe_is_fixed(tmp_path):
    compose = BASE.replace("/web/health", "/web/login")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DC105"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DC105", 10, 57,
        "Healthcheck of service `odoo` probes `/web/login`, which needs a database and a session and can redirect "
        "or 404, so the container may be marked unhealthy and restarted; probe `/web/health`")]
    lint(tmp_path, select=["DC105"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == BASE
    assert lint(tmp_path, select=["DC105"], fix=True).fixed_data == {}


def test_dep102_port_from_conf_is_fixed_in_compose(tmp_path):
    files = {"docker-compose.yml": BASE, "config/odoo.conf": "[options]\ndb_host = db\nhttp_port = 8080\n"}
    result = lint(tmp_path, files, select=["DEP102"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DEP102", 10, 53,
        "Healthcheck of service `odoo` probes port 8069 but Odoo listens on 8080 (`http_port` in its odoo.conf): "
        "the check never passes and the container stays unhealthy or is restarted in a loop; probe port 8080")]
    lint(tmp_path, select=["DEP102"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == BASE.replace("8069", "8080")
    assert lint(tmp_path, select=["DEP102"], fix=True).fixed_data == {}


def test_dep102_string_test_without_port_and_command_flag(tmp_path):
    compose = BASE.replace('test: ["CMD", "curl", "-f", "http://localhost:8069/web/health"]',
                           "test: curl -fs http://localhost/web/health || exit 1").replace(
        "    image: odoo:17.0\n", "    image: odoo:17.0\n    command: odoo --http-port=8070\n", 1)
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DEP102"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("docker-compose.yml", "DEP102", 11, 38)]
    assert "probes port 80 but Odoo listens on 8070 (`--http-port` in the command)" in rows(result, tmp_path)[0][4]
    lint(tmp_path, select=["DEP102"], fix=True)
    assert "http://localhost:8070/web/health" in (tmp_path / "docker-compose.yml").read_text()


def test_dep102_unknown_conf_is_not_guessed(tmp_path):
    # the mounted folder holds no scanned conf: the port is unknown
    result = lint(tmp_path, {"docker-compose.yml": BASE.replace("8069", "8080")}, select=["DEP102"])
    assert rows(result, tmp_path) == []


def test_dc106_ignored_variables(tmp_path):
    compose = BASE.replace("    volumes:\n      - ./config:/etc/odoo\n",
                           "    volumes:\n      - ./config:/etc/odoo\n    environment:\n      DB_HOST: db\n"
                           "      HOST: pg\n      PASSWORD: odoo\n      PORT: \"5432\"\n")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DC106"])
    assert rows(result, tmp_path) == [
        ("docker-compose.yml", "DC106", 10, 7,
         "`DB_HOST` on service `odoo` is read by neither the official entrypoint nor Odoo: the setting is silently "
         "ignored and Odoo connects with its defaults; use `HOST`"),
        ("docker-compose.yml", "DC106", 11, 7,
         "`HOST` (`pg`) on service `odoo` is ignored because its odoo.conf sets `db_host` to `db` (the entrypoint "
         "only passes `--db_host` when the conf has no such line); keep one of the two"),
    ]
    # the same value in both places misleads nobody (PORT equals nothing in this conf: not reported either)
    same = compose.replace("HOST: pg", "HOST: db")
    assert [r[:4] for r in rows(lint(tmp_path, {"docker-compose.yml": same}, select=["DC106"]), tmp_path)] == [
        ("docker-compose.yml", "DC106", 10, 7)]
    # a custom image may read anything: not reported
    custom = compose.replace("image: odoo:17.0", "image: registry.example.com/acme/erp:17")
    assert rows(lint(tmp_path, {"docker-compose.yml": custom}, select=["DC106"]), tmp_path) == []


def test_dep102_dockerfile_healthcheck_when_compose_has_none(tmp_path):
    dockerfile = ("FROM odoo:17.0\nCOPY ./config/odoo.conf /etc/odoo/odoo.conf\n"
                  "HEALTHCHECK --interval=30s \\\n  CMD curl -fs http://localhost:8069/web/health || exit 1\n")
    files = {"Dockerfile": dockerfile, "config/odoo.conf": "[options]\nhttp_port = 8080\n",
             "docker-compose.yml": "services:\n  odoo:\n    build: .\n"}
    result = lint(tmp_path, files, select=["DEP102"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("Dockerfile", "DEP102", 4, 33)]
    lint(tmp_path, select=["DEP102"], fix=True)
    assert (tmp_path / "Dockerfile").read_text() == dockerfile.replace(":8069/", ":8080/")
    assert lint(tmp_path, select=["DEP102"], fix=True).fixed_data == {}


def test_dc104_service_started_is_fixed_when_db_has_a_healthcheck(tmp_path):
    compose = BASE.replace("condition: service_healthy", "condition: service_started  # first boot")
    result = lint(tmp_path, {"docker-compose.yml": compose, "config/odoo.conf": CONF}, select=["DC104"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("docker-compose.yml", "DC104", 4, 5)]
    lint(tmp_path, select=["DC104"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == BASE.replace(
        "condition: service_healthy", "condition: service_healthy  # first boot")
    assert rows(lint(tmp_path, select=["DC104"]), tmp_path) == []


def test_dc106_pgdatabase_before_19(tmp_path):
    compose = "services:\n  odoo:\n    image: odoo:18.0\n    environment:\n      PGDATABASE: erp\n"
    assert rows(lint(tmp_path, {"docker-compose.yml": compose}, select=["DC106"]), tmp_path) == [(
        "docker-compose.yml", "DC106", 5, 7,
        "`PGDATABASE` on service `odoo` is ignored by Odoo 18.0 (it always passes a database name; only 19.0 reads "
        "PGDATABASE as `db_name`); set `db_name` in the conf or `-d` in the command")]
    assert rows(lint(tmp_path, {"docker-compose.yml": compose.replace("18.0", "19.0")}, select=["DC106"]),
                tmp_path) == []
