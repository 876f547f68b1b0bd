"""superset_config.py rules (SUP1xx), read as an AST, plus the Postgres URI checks on Superset configs."""
from __future__ import annotations

from tests.helpers import lint, rows
from tests.test_rules_do_stubs import ensure_producers

ensure_producers()

CFG = "superset/superset_config.py"


def run(tmp_path, files, select, **kw):
    result = lint(tmp_path, files, select=select, **kw)
    assert result.errors == []
    return result, rows(result, tmp_path)


def refix(tmp_path, select):
    assert lint(tmp_path, None, select=select, fix=True).fixed_data == {}


# ---- SUP101 superset-secret-key-default ------------------------------------------------------------------
def test_secret_key_published_values(tmp_path):
    text = ('import os\n\nSECRET_KEY = "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET"\n')
    _, got = run(tmp_path, {CFG: text}, ["SUP101"])
    assert got == [(CFG, "SUP101", 3, 14,
                    "SECRET_KEY is Superset's CHANGE_ME default: Superset refuses to start (\"insecure SECRET_KEY\"); "
                    "set a random key from the environment (`openssl rand -base64 42`).")]
    text = 'SECRET_KEY = "\\2\\1thisismyscretkey\\1\\2\\e\\y\\y\\h"\n'
    _, got = run(tmp_path, {CFG: text}, ["SUP101"])
    assert got == [(CFG, "SUP101", 1, 14,
                    "SECRET_KEY is the public pre-2.1 default key: anyone can forge an admin session cookie "
                    "(CVE-2023-27524); set a random key from the environment (`openssl rand -base64 42`).")]


def test_secret_key_env_fallback(tmp_path):
    text = 'import os\nSECRET_KEY = os.getenv("SUPERSET_SECRET_KEY", "YOUR_OWN_RANDOM_GENERATED_SECRET_KEY")\n'
    _, got = run(tmp_path, {CFG: text}, ["SUP101"])
    assert got == [(CFG, "SUP101", 2, 47,
                    "SECRET_KEY falls back to the placeholder from Superset's documentation when SUPERSET_SECRET_KEY "
                    "is unset (no compose service or DO component sets it): Superset then refuses to start or accepts "
                    "forged sessions; drop the fallback and fail fast with os.environ[\"SUPERSET_SECRET_KEY\"].")]


def test_secret_key_unset_depends_on_deploy_env(tmp_path):
    files = {CFG: "ROW_LIMIT = 5000\n",
             "docker-compose.yml": "services:\n  superset:\n    image: apache/superset:6.1.0\n"}
    _, got = run(tmp_path, files, ["SUP101"])
    assert got == [(CFG, "SUP101", 1, 1,
                    "SECRET_KEY is never set and no compose service or DO component sets SUPERSET_SECRET_KEY: "
                    "Superset uses CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET and refuses to start. Set SECRET_KEY = "
                    "os.environ[\"SUPERSET_SECRET_KEY\"] and provide the variable.")]
    files["docker-compose.yml"] = ("services:\n  superset:\n    image: apache/superset:6.1.0\n    environment:\n"
                                   "      SUPERSET_SECRET_KEY: ${SUPERSET_SECRET_KEY}\n")
    _, got = run(tmp_path, files, ["SUP101"])
    assert got == []


def test_secret_key_from_env_or_star_import_is_fine(tmp_path):
    _, got = run(tmp_path, {CFG: 'import os\nSECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]\n'}, ["SUP101", "SUP102"])
    assert got == []
    _, got = run(tmp_path, {CFG: "from superset_config_docker import *  # noqa\n"}, ["SUP101"])
    assert got == []


# ---- SUP102 superset-secret-key-literal -------------------------------------------------------------------
def test_secret_key_literal(tmp_path):
    _, got = run(tmp_path, {CFG: "SECRET_KEY = 'k3y-from-the-wiki'\n"}, ["SUP1"])
    assert got == [(CFG, "SUP102", 1, 14,
                    "SECRET_KEY is hard-coded: everyone with the repository can sign sessions; read it from the "
                    "environment (os.environ[\"SUPERSET_SECRET_KEY\"]) and rotate it with PREVIOUS_SECRET_KEY."),
                   (CFG, "SUP103", 1, 1,
                    "SQLALCHEMY_DATABASE_URI is never set, so Superset keeps its metadata in SQLite inside the "
                    "container: everything is lost on the next deploy; point it at PostgreSQL.")]


# ---- SUP103 superset-metadata-sqlite -----------------------------------------------------------------------
def test_metadata_sqlite(tmp_path):
    text = ('import os\nDATA_DIR = "/app/superset_home"\nSQLALCHEMY_DATABASE_URI = f"sqlite:///{DATA_DIR}/superset.db"\n'
            'SQLALCHEMY_EXAMPLES_URI = os.environ.get("EXAMPLES_URI", "sqlite:///examples.db")\n')
    _, got = run(tmp_path, {CFG: text}, ["SUP103"])
    assert got == [(CFG, "SUP103", 3, 27,
                    "The metadata database is SQLite inside the container: users, dashboards and saved queries vanish "
                    "on the next deploy and writes lock under several workers; point SQLALCHEMY_DATABASE_URI at "
                    "PostgreSQL.")]
    text = 'import os\nSQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:////tmp/superset.db")\n'
    _, got = run(tmp_path, {CFG: text}, ["SUP103"])
    assert [r[2:4] for r in got] == [(2, 27)] and "falls back to SQLite" in got[0][4]


def test_metadata_postgres_or_env_override(tmp_path):
    text = 'import os\nSQLALCHEMY_DATABASE_URI = os.environ["SUPERSET_DB_URI"]\n'
    _, got = run(tmp_path, {CFG: text}, ["SUP103"])
    assert got == []
    files = {CFG: 'SQLALCHEMY_DATABASE_URI = "sqlite:////app/superset.db"\n',
             ".do/app.yaml": "name: bi\nservices:\n  - name: superset\n    image: {registry_type: DOCKER_HUB, "
                             "repository: apache/superset, tag: '6.1.0'}\n    envs:\n"
                             "      - key: SUPERSET__SQLALCHEMY_DATABASE_URI\n        value: ${db.DATABASE_URL}\n"}
    _, got = run(tmp_path, files, ["SUP103"])
    assert got == []


# ---- SUP104 superset-uri-scheme ------------------------------------------------------------------------------
def test_uri_scheme_fix(tmp_path):
    text = ('import os\n# metadata\nSQLALCHEMY_DATABASE_URI = os.environ.get(\n    "DB_URI", "postgres://u:p@db/superset"\n)\n'
            'CACHE_REDIS_URL = "redis://redis:6379/0"\n')
    _, got = run(tmp_path, {CFG: text}, ["SUP104"])
    assert got == [(CFG, "SUP104", 4, 15,
                    "SQLALCHEMY_DATABASE_URI uses `postgres://`: SQLAlchemy 1.4+ fails with \"Can't load plugin: "
                    "sqlalchemy.dialects:postgres\" and Superset does not start; use `postgresql://`.")]
    lint(tmp_path, None, select=["SUP104"], fix=True)
    assert (tmp_path / CFG).read_text() == text.replace("postgres://", "postgresql://")
    refix(tmp_path, ["SUP104"])


def test_uri_scheme_negative(tmp_path):
    text = 'SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://u:p@db/superset"\nNOTE = "postgres://is fine here"\n'
    _, got = run(tmp_path, {CFG: text}, ["SUP104"])
    assert got == []


# ---- SUP105 superset-insecure-flags --------------------------------------------------------------------------
def test_insecure_flags_fix(tmp_path):
    text = "DEBUG = True  # local only\r\nWTF_CSRF_ENABLED = False\r\nPREVENT_UNSAFE_DB_CONNECTIONS = True\r\n"
    _, got = run(tmp_path, {CFG: text.encode()}, ["SUP105"])
    assert got == [
        (CFG, "SUP105", 1, 9, "DEBUG = True runs the Werkzeug debugger and detailed tracebacks in production; set it "
                              "to False."),
        (CFG, "SUP105", 2, 20, "WTF_CSRF_ENABLED = False disables CSRF protection on every form and API call; set it "
                               "to True."),
    ]
    lint(tmp_path, None, select=["SUP105"], fix=True)
    assert (tmp_path / CFG).read_bytes() == text.replace("DEBUG = True", "DEBUG = False").replace(
        "WTF_CSRF_ENABLED = False", "WTF_CSRF_ENABLED = True").encode()
    refix(tmp_path, ["SUP105"])


# ---- SUP106 superset-jwt-secrets --------------------------------------------------------------------------------
def test_jwt_secrets(tmp_path):
    text = ('FEATURE_FLAGS = {"GLOBAL_ASYNC_QUERIES": True, "EMBEDDED_SUPERSET": True}\n'
            'GUEST_TOKEN_JWT_SECRET = "test-guest-secret-change-me"\n')
    _, got = run(tmp_path, {CFG: text}, ["SUP106"])
    assert got == [
        (CFG, "SUP106", 1, 1, "GLOBAL_ASYNC_QUERIES is on but GLOBAL_ASYNC_QUERIES_JWT_SECRET is not set: Superset "
                              "uses the public default 'test-secret-change-me' (shorter than 32 bytes: async queries "
                              "fail to start); set GLOBAL_ASYNC_QUERIES_JWT_SECRET from the environment."),
        (CFG, "SUP106", 2, 26, "GUEST_TOKEN_JWT_SECRET is the public default: anyone can mint guest tokens for "
                               "embedded dashboards; use a random secret of 32+ bytes from the environment."),
    ]
    short = 'FEATURE_FLAGS = {"GLOBAL_ASYNC_QUERIES": True}\nGLOBAL_ASYNC_QUERIES_JWT_SECRET = "too-short"\n'
    _, got = run(tmp_path, {CFG: short}, ["SUP106"])
    assert [r[2:4] for r in got] == [(2, 35)] and "shorter than 32 bytes" in got[0][4]


def test_jwt_secrets_negative(tmp_path):
    text = ('import os\nFEATURE_FLAGS = {"GLOBAL_ASYNC_QUERIES": True, "EMBEDDED_SUPERSET": False}\n'
            'GLOBAL_ASYNC_QUERIES_JWT_SECRET = os.environ["ASYNC_JWT_SECRET"]\n')
    _, got = run(tmp_path, {CFG: text}, ["SUP106"])
    assert got == []


# ---- PG rules on Superset URIs ------------------------------------------------------------------------------------
def test_superset_uri_pgbouncer_param_fix(tmp_path):
    text = ('SQLALCHEMY_DATABASE_URI = (\n    "postgresql://postgres.abcdefghijklmnop:pw@aws-0-eu-central-1.pooler.'
            'supabase.com:6543/postgres?pgbouncer=true"\n)\n')
    _, got = run(tmp_path, {CFG: text}, ["PG"])
    assert got == [(CFG, "PG103", 2, 5,
                    "SQLALCHEMY_DATABASE_URI: `pgbouncer=true` is a Prisma-only flag; libpq refuses the URI (\"invalid "
                    "URI query parameter\") and the connection fails. Remove it.")]
    lint(tmp_path, None, select=["PG103"], fix=True)
    assert (tmp_path / CFG).read_text() == text.replace("?pgbouncer=true", "")
    refix(tmp_path, ["PG103"])


def test_sqlite_fallback_unused_when_the_deployment_sets_the_variable(tmp_path):
    files = {CFG: 'import os\nSQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:////tmp/s.db")\n',
             "docker-compose.yml": "services:\n  superset:\n    image: apache/superset:6.1.0\n    environment:\n"
                                   "      DATABASE_URL: postgresql://superset:pw@postgres/superset\n"}
    _, got = run(tmp_path, files, ["SUP103"])
    assert got == []


# ---- SUP107 superset-cache-backend / SUP108 superset-https-settings ---------------------------------------------
DO_SUPERSET = ("name: bi\nservices:\n  - name: superset\n    image: {registry_type: DOCKER_HUB, repository: "
               "apache/superset, tag: '6.1.0'}\n    http_port: 8088\n    envs:\n      - key: SERVER_WORKER_AMOUNT\n"
               "        value: \"4\"\n")
SAFE_BASE = 'import os\nSECRET_KEY = os.environ["K"]\nSQLALCHEMY_DATABASE_URI = os.environ["U"]\n'


def test_cache_backend(tmp_path):
    text = SAFE_BASE + ('CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}\n'
                        'DATA_CACHE_CONFIG = {\n    "CACHE_TYPE": "SimpleCache",\n}\n')
    _, got = run(tmp_path, {CFG: text, ".do/app.yaml": DO_SUPERSET}, ["SUP107"])
    assert got == [
        (CFG, "SUP107", 4, 16, "CACHE_CONFIG uses NullCache: nothing is cached and every chart re-runs its query; use "
                               "RedisCache (or Memcached)."),
        (CFG, "SUP107", 5, 21, "DATA_CACHE_CONFIG uses SimpleCache, which lives in one process, while Superset runs 4 "
                               "gunicorn workers: each worker caches on its own; use RedisCache."),
    ]


def test_cache_backend_single_worker_or_redis(tmp_path):
    text = SAFE_BASE + ('CACHE_CONFIG = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": os.environ["R"]}\n'
                        'DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache"}\n')
    _, got = run(tmp_path, {CFG: text}, ["SUP107"])
    assert got == []


def test_https_settings_on_do(tmp_path):
    text = SAFE_BASE + "SESSION_COOKIE_SECURE = False\nTALISMAN_ENABLED = False"
    _, got = run(tmp_path, {CFG: text, ".do/app.yaml": DO_SUPERSET}, ["SUP108"])
    assert got == [
        (CFG, "SUP108", 1, 1, "Superset runs behind DO's HTTPS edge but ENABLE_PROXY_FIX is not set (default False): "
                              "Superset ignores X-Forwarded-Proto and builds http:// redirects and OAuth redirect URIs. "
                              "Set ENABLE_PROXY_FIX = True."),
        (CFG, "SUP108", 4, 25, "Superset runs behind DO's HTTPS edge but SESSION_COOKIE_SECURE = False: the session "
                               "cookie is also sent over plain http. Set SESSION_COOKIE_SECURE = True."),
        (CFG, "SUP108", 5, 20, "Superset runs behind DO's HTTPS edge but TALISMAN_ENABLED = False: no "
                               "Content-Security-Policy or HSTS headers are sent. Set TALISMAN_ENABLED = True."),
    ]
    lint(tmp_path, None, select=["SUP108"], fix=True)
    assert (tmp_path / CFG).read_text() == SAFE_BASE + ("SESSION_COOKIE_SECURE = True\nTALISMAN_ENABLED = True\n"
                                                         "ENABLE_PROXY_FIX = True\n")
    refix(tmp_path, ["SUP108"])


def test_https_settings_not_on_do(tmp_path):
    _, got = run(tmp_path, {CFG: SAFE_BASE}, ["SUP108"])
    assert got == []
