"""Per-file compose rules DC101, DC102, DC103, DC107: exact positions, messages and fixes."""
from tests.helpers import lint, rows


def one(tmp_path, text, code, name="docker-compose.yml"):
    return rows(lint(tmp_path, {name: text}, select=[code]), tmp_path)


def test_dc101_postgres18_volume_path(tmp_path):
    text = ("services:\n  db:\n    image: postgres:18-alpine\n    volumes:\n      - pg:/var/lib/postgresql/data/\n"
            "      - type: bind\n        source: ./init\n        target: /docker-entrypoint-initdb.d\n")
    assert one(tmp_path, text, "DC101") == [(
        "docker-compose.yml", "DC101", 5, 9,
        "Service `db` runs `postgres:18-alpine` (PostgreSQL 18) with a volume at /var/lib/postgresql/data: the 18+ "
        "image refuses to start ('unused mount/volume'), even on a fresh volume; mount it at /var/lib/postgresql "
        "instead (fresh volumes only, pg_upgrade existing data)")]
    long_form = "services:\n  db:\n    image: postgres\n    volumes:\n      - type: volume\n        source: pg\n" \
                "        target: /var/lib/postgresql/data\n"
    assert [r[:4] for r in one(tmp_path, long_form, "DC101")] == [("docker-compose.yml", "DC101", 5, 9)]


def test_dc101_negatives(tmp_path):
    for text in (
        "services:\n  db:\n    image: postgres:17\n    volumes: ['pg:/var/lib/postgresql/data']\n",
        "services:\n  db:\n    image: postgres:18\n    volumes: ['pg:/var/lib/postgresql']\n",
        "services:\n  db:\n    image: postgres:18\n    environment:\n      PGDATA: /var/lib/postgresql/data\n"
        "    volumes: ['pg:/var/lib/postgresql/data']\n",
        "services:\n  db:\n    image: bitnami/postgresql:18\n    volumes: ['pg:/var/lib/postgresql/data']\n",
    ):
        assert one(tmp_path, text, "DC101") == []


def test_dc102_hash_in_environment_is_escaped_keeping_formatting(tmp_path):
    text = ("services:\n  odoo:\n    image: odoo:17.0\n    environment:\n"
            "      ADMIN_PASSWD: '$pbkdf2-sha512$600000$aGVsbG8'   # hashed\n"
            "      - unused\n")
    text = text.replace("      - unused\n", "")
    result = lint(tmp_path, {"docker-compose.yml": text}, select=["DC102"])
    assert rows(result, tmp_path) == [(
        "docker-compose.yml", "DC102", 5, 22,
        "`$pbkdf2` in `ADMIN_PASSWD` of service `odoo` is interpolated by Compose (variable `pbkdf2`, usually "
        "unset, becomes an empty string), so the value reaches the container corrupted; write `$$` for a literal "
        "dollar")]
    lint(tmp_path, select=["DC102"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == text.replace(
        "'$pbkdf2-sha512$600000$aGVsbG8'", "'$$pbkdf2-sha512$$600000$$aGVsbG8'")
    again = lint(tmp_path, select=["DC102"], fix=True)
    assert again.diagnostics == [] and again.fixed_data == {}


def test_dc102_invalid_dollar_in_list_form_crlf(tmp_path):
    text = "services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      - POSTGRES_PASSWORD=ab$1cd\r\n"
    assert one(tmp_path, text, "DC102") == [(
        "docker-compose.yml", "DC102", 5, 29,
        "`$1` in `POSTGRES_PASSWORD` of service `db` is not a valid Compose interpolation: `docker compose` "
        "refuses the file ('Invalid template'); write `$$` for a literal dollar")]
    lint(tmp_path, select=["DC102"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_bytes() == text.replace("ab$1cd", "ab$$1cd").encode()


def test_dc102_negatives(tmp_path):
    text = ("services:\n  odoo:\n    image: odoo:17.0\n    command: sh -c 'echo $$HOME'\n    environment:\n"
            "      PASSWORD: ${DB_PASSWORD}\n      ADMIN: $${ESCAPED}\n      HOME_DIR: $HOME\n"
            "      HASH: $$pbkdf2-sha512$$1$$x\n")
    assert one(tmp_path, text, "DC102") == []


def test_dc103_image_unpinned(tmp_path):
    text = ("services:\n  odoo:\n    image: odoo\n  old:\n    image: odoo:16.0\n  db:\n    image: postgres:latest\n"
            "  ok1:\n    image: odoo:18.0\n  ok2:\n    image: postgres:16\n  ok3:\n    image: odoo@sha256:abc\n"
            "  ok4:\n    image: ${ODOO_IMAGE}\n  bn:\n    image: bitnami/odoo\n  pg2:\n    image: postgres:alpine\n"
            "    volumes: [\"./pg:/var/lib/postgresql/data\"]\n"
            "  ci_db:\n    image: postgres\n"
            "  pg3:\n    image: postgres\n    environment: [PGDATA=/data/pg/pgdata]\n    volumes: [\"pg3:/data/pg\"]\n")
    text = text.replace("    image: postgres:latest\n", "    image: postgres:latest\n    volumes:\n      - target: "
                        "/var/lib/postgresql/data\n        source: pgdata\n        type: volume\n")
    assert one(tmp_path, text, "DC103") == [
        ("docker-compose.yml", "DC103", 3, 12, "Service `odoo` runs `odoo` with no Odoo major: the next pull can "
         "bring a new major that cannot open the existing database; pin it, e.g. `odoo:18.0`"),
        ("docker-compose.yml", "DC103", 5, 12, "Service `old` runs `odoo:16.0`: the official image is only built "
         "for 17.0, 18.0 and 19.0, so this tag gets no fixes; upgrade the database and pin a maintained major"),
        ("docker-compose.yml", "DC103", 7, 12, "Service `db` runs `postgres:latest` with no Postgres major: "
         "`latest` is now 18, whose data layout differs, so an existing data volume is not reused; pin the major, "
         "e.g. `postgres:16`"),
        ("docker-compose.yml", "DC103", 21, 12, "Service `bn` runs `bitnami/odoo` (bitnami odoo) with no Odoo "
         "major: the next pull can bring a new major that cannot open the existing database; pin the series in the "
         "tag"),
        ("docker-compose.yml", "DC103", 23, 12, "Service `pg2` runs `postgres:alpine` with no Postgres major: "
         "`latest` is now 18, whose data layout differs, so an existing data volume is not reused; pin the major, "
         "e.g. `postgres:16`"),
        ("docker-compose.yml", "DC103", 28, 12, "Service `pg3` runs `postgres` with no Postgres major: "
         "`latest` is now 18, whose data layout differs, so an existing data volume is not reused; pin the major, "
         "e.g. `postgres:16`"),
    ]   # ci_db keeps no data: a throw-away database (OCA CI's tests/docker-compose.yml shape)


def test_dc107_python_tag_is_reported_not_constructed(tmp_path):
    text = "services:\n  odoo:\n    image: odoo:17.0\n    command: !!python/object/apply:os.system ['touch /tmp/x']\n"
    assert one(tmp_path, text, "DC107") == [(
        "docker-compose.yml", "DC107", 4, 14,
        "YAML tag `!!python/object/apply:os.system` names Python code: docker compose cannot load it and an "
        "unsafe loader would execute it; replace it with a plain value")]
    assert one(tmp_path, "services:\n  odoo:\n    image: !!str odoo:17.0\n", "DC107") == []


def test_dc102_invalid_dollar_anywhere_in_the_file(tmp_path):
    text = ("services:\n  odoo:\n    image: odoo:17.0\n    labels:\n"
            "      - traefik.http.routers.x.rule=PathRegexp(`^/web$`)\n"
            "    healthcheck:\n      test: curl -f http://localhost:8069/web/health || exit $$?\n")
    assert one(tmp_path, text, "DC102") == [(
        "docker-compose.yml", "DC102", 5, 54,
        "`$` followed by '`' in `services.odoo.labels.0` is not a valid Compose interpolation: `docker compose` refuses "
        "the file ('Invalid template'); write `$$` for a literal dollar")]
    lint(tmp_path, select=["DC102"], fix=True)
    assert (tmp_path / "docker-compose.yml").read_text() == text.replace("web$`", "web$$`")


def test_dc102_deliberate_references_in_secrets_are_left_alone(tmp_path):
    text = ("services:\n  odoo:\n    image: odoo:17.0\n    environment:\n"
            "      GEOIP_LICENSE_KEY: $GEOIP_LICENSE_KEY\n      PASSWORD: prefix-$DB_PASSWORD\n"
            "      TOKEN: $token\n")
    assert one(tmp_path, text, "DC102") == []
    assert [r[:4] for r in one(tmp_path, text.replace("TOKEN: $token", "TOKEN: ab$cd"), "DC102")] == [
        ("docker-compose.yml", "DC102", 7, 16)]
