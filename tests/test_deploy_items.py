"""Gaps found while mapping issue #8 item by item (docs/deploy-items.md): Superset's Markdown settings and compose
profiles in the stack rules."""
from __future__ import annotations

from odoolint.registry import load_rules
from tests.helpers import lint, rows


def _rows(tmp_path, files, select, version=None):
    return rows(lint(tmp_path, files, select=select, odoo_version=version), tmp_path)


# ---- SUP110: HTML_SANITIZATION = False with Talisman off -------------------------------------------------------

SANITIZER_OFF = "HTML_SANITIZATION = False\nTALISMAN_ENABLED = False\n"


def test_sanitizer_off_without_a_csp_is_reported_at_its_value(tmp_path):
    got = _rows(tmp_path, {"superset_config.py": "import os\n" + SANITIZER_OFF}, ["SUP110"])
    assert got == [("superset_config.py", "SUP110", 2, 21,
                    "HTML_SANITIZATION = False with TALISMAN_ENABLED = False: Markdown components render raw HTML "
                    "and no Content-Security-Policy blocks its scripts, so anyone who can edit a dashboard stores "
                    "script that runs in every viewer's session; keep HTML_SANITIZATION on and allow what you need "
                    "in HTML_SANITIZATION_SCHEMA_EXTENSIONS")]
    assert load_rules({"superset-config"}).meta("SUP110").default_enabled


def test_sanitizer_off_behind_the_default_csp_or_with_escaped_markdown_is_not_reported(tmp_path):
    # Talisman on (its default): the CSP blocks injected scripts
    assert _rows(tmp_path / "a", {"superset_config.py": "HTML_SANITIZATION = False\n"}, ["SUP110"]) == []
    # HTML in Markdown is escaped, not rendered
    escaped = SANITIZER_OFF + "FEATURE_FLAGS = {\"ESCAPE_MARKDOWN_HTML\": True}\n"
    assert _rows(tmp_path / "b", {"superset_config.py": escaped}, ["SUP110"]) == []
    # the sanitizer on, or read from the environment (unknown)
    on = "HTML_SANITIZATION = True\nTALISMAN_ENABLED = False\n"
    assert _rows(tmp_path / "c", {"superset_config.py": on}, ["SUP110"]) == []
    env = "import os\nHTML_SANITIZATION = os.environ.get('SAN') == '1'\nTALISMAN_ENABLED = False\n"
    assert _rows(tmp_path / "d", {"superset_config.py": env}, ["SUP110"]) == []


# ---- SUP111: settings Superset never reads (opt-in) ---------------------------------------------------------------

def test_a_setting_superset_never_reads_is_an_opt_in_finding(tmp_path):
    src = "ENABLE_UNSAFE_MARKDOWN_HTML = True\nHTML_SANITIZATION = True\nMARKDOWN_SANITIZE_HTML = False\n"
    got = _rows(tmp_path, {"superset_config.py": src}, ["SUP111"])
    assert got == [
        ("superset_config.py", "SUP111", 1, 1,
         "Superset never reads `ENABLE_UNSAFE_MARKDOWN_HTML` (no such setting in apache-superset 6.1.0): the line "
         "changes nothing; HTML_SANITIZATION and the ESCAPE_MARKDOWN_HTML feature flag decide how Markdown HTML "
         "is shown"),
        ("superset_config.py", "SUP111", 3, 1,
         "Superset never reads `MARKDOWN_SANITIZE_HTML` (no such setting in apache-superset 6.1.0): the line "
         "changes nothing; the setting is HTML_SANITIZATION")]
    assert not load_rules({"superset-config"}).meta("SUP111").default_enabled


def test_settings_superset_reads_are_not_reported(tmp_path):
    src = "HTML_SANITIZATION = True\nFEATURE_FLAGS = {\"ESCAPE_MARKDOWN_HTML\": True}\nenable_unsafe = 1\n"
    assert _rows(tmp_path, {"superset_config.py": src}, ["SUP111"]) == []


# ---- compose profiles in the stack rules ---------------------------------------------------------------------------

PROFILED_DB = ("services:\n  odoo:\n    image: odoo:18.0\n    depends_on:\n      - db\n"
               "  db:\n    image: postgres:16\n    profiles: [local]\n")


def test_an_always_on_service_depending_on_a_profile_only_service(tmp_path):
    got = _rows(tmp_path, {"docker-compose.yml": PROFILED_DB}, ["DC109"])
    assert got == [("docker-compose.yml", "DC109", 4, 5,
                    "Service `odoo` runs without a profile but depends on `db`, which only runs under profile "
                    "`local`: a `docker compose up` without `--profile local` refuses the project (\"depends on "
                    "undefined service\"); give `odoo` the same profile, enable it in `.env` "
                    "(`COMPOSE_PROFILES=local`), or mark the dependency `required: false`")]


def test_profile_dependencies_compose_accepts(tmp_path):
    # the profile enabled in .env, the same profile on both, or the dependency not required
    assert _rows(tmp_path / "env", {"docker-compose.yml": PROFILED_DB, ".env": "COMPOSE_PROFILES=tools,local\n"},
                 ["DC109"]) == []
    same = PROFILED_DB.replace("    image: odoo:18.0\n", "    image: odoo:18.0\n    profiles: [local]\n")
    assert _rows(tmp_path / "same", {"docker-compose.yml": same}, ["DC109"]) == []
    optional = PROFILED_DB.replace("      - db\n", "      db:\n        condition: service_started\n"
                                                  "        required: false\n")
    assert _rows(tmp_path / "optional", {"docker-compose.yml": optional}, ["DC109"]) == []
    # a profile-only service depending on an always-on one is fine
    reverse = ("services:\n  shell:\n    image: odoo:18.0\n    profiles: [tools]\n    depends_on: [db]\n"
               "  db:\n    image: postgres:16\n")
    assert _rows(tmp_path / "reverse", {"docker-compose.yml": reverse}, ["DC109"]) == []


def test_a_profile_only_database_is_still_the_database(tmp_path):
    # the db runs when its profile does: db_host resolves (no DEP101) and it is the connection budget (DEP110)
    conf = "[options]\ndb_host = db\nworkers = 4\n"
    stack = ("services:\n  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  db:\n    image: postgres:16\n    profiles: [local]\n")
    got = _rows(tmp_path, {"docker-compose.yml": stack, "etc/odoo.conf": conf}, ["DEP101", "DEP110"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("etc/odoo.conf", "DEP110", 3)]


def test_a_profile_enabled_in_dotenv_counts_in_the_connection_budget(tmp_path):
    conf = "[options]\nworkers = 0\ndb_maxconn = 60\n"
    stack = ("services:\n  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  worker:\n    image: odoo:18.0\n    profiles: [jobs]\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  db:\n    image: postgres:16\n")
    files = {"docker-compose.yml": stack, "etc/odoo.conf": conf}
    assert _rows(tmp_path / "off", files, ["DEP110"]) == []
    got = _rows(tmp_path / "on", {**files, ".env": "COMPOSE_PROFILES=jobs\n"}, ["DEP110"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("etc/odoo.conf", "DEP110", 2)]
    assert got[0][4].startswith("Odoo can open 120 database connections (`odoo` 1 × 60, `worker` 1 × 60)")


def test_a_proxy_under_a_profile_is_named_as_such(tmp_path):
    stack = ("services:\n  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  nginx:\n    image: nginx:1.27\n    profiles: [proxy]\n")
    got = _rows(tmp_path, {"docker-compose.yml": stack, "etc/odoo.conf": "[options]\nproxy_mode = False\n"},
                ["DEP109"])
    assert got == [("etc/odoo.conf", "DEP109", 2, 14,
                    "Service `odoo` runs behind `nginx` (only under profile `proxy`) with proxy_mode off: Odoo "
                    "ignores X-Forwarded-*, so redirects and OAuth redirect_uri use http:// and the internal host, "
                    "and every client looks like the proxy; set `proxy_mode = True`")]


# ---- item 3: the image table's environment decides the database host of the other images --------------------------

def test_the_variable_each_image_renders_into_db_host_is_checked(tmp_path):
    cases = [("bitnami/odoo:17", "ODOO_DATABASE_HOST"), ("tecnativa/doodba:17.0", "PGHOST"),
             ("camptocamp/odoo-project:17.0", "DB_HOST")]
    for image, var in cases:
        compose = (f"services:\n  odoo:\n    image: {image}\n    environment:\n      {var}: postgres\n"
                   f"  db:\n    image: postgres:16\n")
        root = tmp_path / var
        got = _rows(root, {"docker-compose.yml": compose}, ["DEP101"])
        assert got == [("docker-compose.yml", "DEP101", 5, 9 + len(var),
                        f"Database host `postgres` (from `{var}` in the `environment` of service `odoo`) resolves "
                        f"to no service name, network alias or container_name on the networks of service `odoo` "
                        f"(default): Odoo fails at start with 'could not translate host name \"postgres\"' and "
                        f"restarts in a loop; set it to `db`, the Postgres service on that network")], image
        lint(root, None, select=["DEP101"], fix=True)
        assert f"      {var}: db\n" in (root / "docker-compose.yml").read_text()
        assert _rows(root, None, ["DEP101"]) == []


def test_variables_another_image_reads_are_not_taken_for_its_db_host(tmp_path):
    # bitnami never reads HOST; an unset variable leaves the image's own default, which is not judged
    compose = ("services:\n  odoo:\n    image: bitnami/odoo:17\n    environment:\n      HOST: postgres\n"
               "  db:\n    image: postgres:16\n")
    assert _rows(tmp_path, {"docker-compose.yml": compose}, ["DEP101"]) == []
    built = {"docker-compose.yml": "services:\n  odoo:\n    build: .\n    environment:\n      PGHOST: db\n"
                                   "  db:\n    image: postgres:16\n",
             "Dockerfile": "FROM tecnativa/doodba:17.0-onbuild\n"}
    assert _rows(tmp_path / "built", built, ["DEP101"]) == []
    built["docker-compose.yml"] = built["docker-compose.yml"].replace("PGHOST: db", "PGHOST: pg")
    got = _rows(tmp_path / "built2", built, ["DEP101"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("docker-compose.yml", "DEP101", 5)]


# ---- item 2: each interpolation form, through a rule ----------------------------------------------------------------

WGET = ("services:\n  odoo:\n    image: IMAGE\n    healthcheck:\n"
        "      test: [\"CMD\", \"wget\", \"-q\", \"http://localhost:8069/web/health\"]\n")


def _dc110(root, image, env=None):
    files = {"docker-compose.yml": WGET.replace("IMAGE", image)}
    if env is not None:
        files[".env"] = env
    return [(f, c, line) for f, c, line, _, _ in _rows(root, files, ["DC110"])]


def test_interpolation_forms_decide_the_image_a_rule_judges(tmp_path):
    hit = [("docker-compose.yml", "DC110", 5)]          # odoo:18.0 ships curl, not wget
    # ${VAR-default}: the default only when unset; an empty value stays empty (no image known)
    assert _dc110(tmp_path / "a", "${IMG-odoo:18.0}") == hit
    assert _dc110(tmp_path / "b", "${IMG-odoo:18.0}", "IMG=\n") == []
    # ${VAR:-default}: the default when unset or empty
    assert _dc110(tmp_path / "c", "${IMG:-odoo:18.0}", "IMG=\n") == hit
    # ${VAR:?message}: the value when .env sets it; unset or empty, compose stops and nothing is judged
    assert _dc110(tmp_path / "d", "${IMG:?set IMG}", "IMG=odoo:18.0\n") == hit
    assert _dc110(tmp_path / "e", "${IMG:?set IMG}") == []
    assert _dc110(tmp_path / "f", "${IMG:?set IMG}", "IMG=\n") == []


# ---- item 6: .copier-answers.yml in the addons repository's root or a parent up to the git root ---------------------

def _target(root, paths=None):
    from odoolint.config import Settings
    from odoolint.runner import RunOptions, run
    res = run(RunOptions(paths or [root], Settings(select=["OL002"]), no_cache=True, jobs=1))
    return str(res.target), res.target_origin


def test_copier_answers_of_the_addons_repository_below_the_git_root(tmp_path):
    from tests.helpers import write_tree
    write_tree(tmp_path, {"odoo/.copier-answers.yml": "odoo_version: 17.0\n",
                          "odoo/custom/src/private/shop/__manifest__.py": "{'name': 'Shop'}\n",
                          "deploy/compose.yaml": "services:\n  odoo:\n    image: odoo:18.0\n"})
    assert _target(tmp_path) == ("17.0", "copier")
    # from a sub-folder of the addons repository, and for one file, the nearest answers above it count
    assert _target(tmp_path, [tmp_path / "odoo/custom/src/private/shop/__manifest__.py"]) == ("17.0", "copier")


def test_copier_answers_in_a_parent_and_the_nearest_wins(tmp_path):
    from tests.helpers import write_tree
    write_tree(tmp_path, {".copier-answers.yml": "odoo_version: 16.0\n",
                          "addons/shop/__manifest__.py": "{'name': 'Shop'}\n"})
    assert _target(tmp_path) == ("16.0", "copier")
    write_tree(tmp_path, {"addons/.copier-answers.yml": "odoo_version: 18.0\n"})
    assert _target(tmp_path) == ("18.0", "copier")
    # no addons: the folder of the given path, then its parents
    from tests.helpers import write_tree as wt
    deploy = tmp_path / "other"
    wt(deploy, {"ops/.copier-answers.yml": "odoo_version: 19.0\n", "ops/stack/compose.yaml": "services: {}\n"})
    assert _target(deploy, [deploy / "ops/stack"]) == ("19.0", "copier")


# ---- item 6: the other file shapes, and -v --------------------------------------------------------------------------

import pytest  # noqa: E402

from odoolint.classify import classify  # noqa: E402


@pytest.mark.parametrize("path,head,kind", [
    ("Dockerfile.prod", b"FROM odoo:18.0\n", "dockerfile"),
    ("docker/odoo.Dockerfile", b"FROM odoo:18.0\n", "dockerfile"),
    ("odoo.conf.example", b"[options]\nworkers = 2\n", "odoo-conf"),
    ("etc/odoo.conf.template", b"[options]\ndb_host = ${DB_HOST}\n", "odoo-conf"),
    ("odoo.conf.dist", b"[options]\nworkers = 2\n", "odoo-conf"),
    ("pgbouncer/pgbouncer.ini.template", b"[pgbouncer]\npool_mode = session\n", "pgbouncer-ini"),
    ("docker-compose.yml.example", b"services:\n  odoo:\n    image: odoo:18.0\n", None),
    ("k8s/deployment.yaml", b"apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n", None),
    (".copier-answers.yml", b"odoo_version: 17.0\n", None),
    # CI files with a `services:` list (compose's is a mapping)
    (".drone.yml", b"kind: pipeline\nservices:\n- name: db\n  image: postgres:16\n", None),
    (".woodpecker.yml", b"steps:\n  test:\n    image: python:3.12\nservices:\n  # the db\n  - name: db\n"
                        b"    image: postgres:16\n", None),
    ("deploy/stack.yml", b"services:\r\n  odoo:\r\n    image: odoo:18.0\r\n", "compose"),
])
def test_more_file_shapes(path, head, kind):
    assert classify(path, lambda: head) == kind


def test_a_template_conf_is_partial_for_absence_rules(tmp_path):
    # the same file named odoo.conf is judged for what it lacks; as odoo.conf.example it is a template
    src = "[options]\nworkers = 2\n"
    absent = ["CNF108", "CNF110", "CNF113"]
    assert [c for _, c, *_ in _rows(tmp_path / "plain", {"odoo.conf": src}, absent, "17.0")] == absent
    for name in ("odoo.conf.example", "odoo.conf.template", "odoo.conf.dist", "odoo.conf.j2"):
        assert _rows(tmp_path / name, {name: src}, absent, "17.0") == [], name


def test_verbose_lists_what_was_read_on_stderr_and_lints(tmp_path):
    import subprocess
    import sys
    from tests.helpers import write_tree
    write_tree(tmp_path, {"deploy/compose.yaml": "services:\n  odoo:\n    image: odoo\n",
                          "deploy/odoo.conf.example": "[options]\nworkers = 2\n", "notes/backup.yaml": "a: 1\n"})
    r = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "-v", "--no-cache", "--select", "DC103",
                        "--output-format", "concise"], cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 1
    assert [line.split() for line in r.stderr.splitlines()] == [["deploy/compose.yaml", "compose", "-"],
                                                                ["deploy/odoo.conf.example", "odoo-conf", "-"]]
    assert r.stdout.splitlines()[0].startswith("deploy/compose.yaml:3:12: DC103 ")


# ---- item 5: a DO PORT that differs from http_port, for any service ---------------------------------------------------

PORT_SPEC = ("name: bi\nservices:\n- name: web\n  http_port: 8088\n  run_command: gunicorn -b 0.0.0.0:$PORT app\n"
             "  envs:\n  - key: PORT\n    value: \"8080\"\n")


def test_a_port_env_that_is_not_http_port(tmp_path):
    got = _rows(tmp_path, {".do/app.yaml": PORT_SPEC}, ["DO110"])
    assert got == [(".do/app.yaml", "DO110", 8, 13,
                    "Service 'web' sets PORT=8080 and its run_command listens on $PORT, but DO routes requests and "
                    "the health check to http_port 8088: nothing answers there and the deploy rolls back; drop the "
                    "PORT env (DO sets it to http_port) or make them equal")]
    # a Dockerfile CMD that binds ${PORT}, and the default http_port
    files = {".do/app.yaml": "name: bi\nservices:\n- name: superset\n  dockerfile_path: bi/Dockerfile\n"
                             "  envs:\n  - key: PORT\n    value: \"8088\"\n",
             "bi/Dockerfile": "FROM apache/superset:5.0.0\nCMD gunicorn -b 0.0.0.0:${PORT} 'superset.app:create_app()'\n"}
    got = _rows(tmp_path / "df", files, ["DO110"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [(".do/app.yaml", "DO110", 7)]
    assert "the CMD of bi/Dockerfile listens on $PORT, but DO routes requests and the health check to http_port " \
           "8080 (the default)" in got[0][4]


def test_port_env_equal_to_http_port_or_not_read_is_fine(tmp_path):
    same = PORT_SPEC.replace('value: "8080"', 'value: "8088"')
    assert _rows(tmp_path / "same", {".do/app.yaml": same}, ["DO110"]) == []
    unread = PORT_SPEC.replace("$PORT", "8088")
    assert _rows(tmp_path / "unread", {".do/app.yaml": unread}, ["DO110"]) == []
    unset = PORT_SPEC.replace("  envs:\n  - key: PORT\n    value: \"8080\"\n", "")
    assert _rows(tmp_path / "unset", {".do/app.yaml": unset}, ["DO110"]) == []
    assert load_rules({"do-app-spec"}).meta("DO110").default_enabled


# ---- item 5: a transaction pooler reached through a custom entrypoint's *_DB_PORT -----------------------------------

def test_a_custom_entrypoint_db_port_variable_on_the_transaction_port(tmp_path):
    files = {"docker-compose.yml": "services:\n  odoo:\n    build: .\n    environment:\n"
                                   "      ODOO_DB_HOST: aws-0-eu-central-1.pooler.supabase.com\n"
                                   "      ODOO_DB_PORT: \"6543\"\n",
             "Dockerfile": "FROM odoo:18.0\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n"}
    got = _rows(tmp_path, files, ["DEP111"])
    assert got == [("docker-compose.yml", "DEP111", 6, 22,
                    "Service `odoo` sets `ODOO_DB_PORT=6543` for its own entrypoint, which hands it to Odoo as the "
                    "database port: 6543 is a transaction-mode pooler, where Odoo's LISTEN/NOTIFY bus and session "
                    "settings break (no live notifications, odd errors); use session mode (5432 on the Supabase "
                    "pooler) or a direct connection")]


def test_db_port_variables_the_official_entrypoint_ignores_or_other_ports(tmp_path):
    # the official entrypoint never reads ODOO_DB_PORT (DC106 says so): not a pooler finding
    official = "services:\n  odoo:\n    image: odoo:18.0\n    environment:\n      ODOO_DB_PORT: \"6543\"\n"
    assert _rows(tmp_path / "official", {"docker-compose.yml": official}, ["DEP111"]) == []
    files = {"docker-compose.yml": "services:\n  odoo:\n    build: .\n    environment:\n      DB_PORT: \"5432\"\n",
             "Dockerfile": "FROM odoo:18.0\nENTRYPOINT [\"/own.sh\"]\n"}
    assert _rows(tmp_path / "session", files, ["DEP111"]) == []
    # bitnami's own variable on 6543 is the image's db port: reported once, as the port Odoo uses
    bitnami = ("services:\n  odoo:\n    image: bitnami/odoo:17\n    environment:\n"
               "      ODOO_DATABASE_PORT_NUMBER: \"6543\"\n")
    got = _rows(tmp_path / "bitnami", {"docker-compose.yml": bitnami}, ["DEP111"])
    assert [(c, line) for _, c, line, _, _ in got] == [("DEP111", 5)]
    assert got[0][4].startswith("Service `odoo` connects to port 6543 (from `ODOO_DATABASE_PORT_NUMBER` in the "
                                "`environment` of service `odoo`)")


def test_a_tabled_image_keeps_its_own_variables(tmp_path):
    # bitnami's entrypoint reads ODOO_DATABASE_PORT_NUMBER, not DB_PORT
    compose = "services:\n  odoo:\n    image: bitnami/odoo:17\n    environment:\n      DB_PORT: \"6543\"\n"
    assert _rows(tmp_path, {"docker-compose.yml": compose}, ["DEP111"]) == []


# ---- item 5: plaintext secrets in DO specs: passwords inside URIs ----------------------------------------------------

def test_a_password_inside_a_uri_under_any_key(tmp_path):
    spec = ("name: shop\nservices:\n- name: odoo\n  image:\n    registry_type: DOCKER_HUB\n    repository: odoo\n"
            "    tag: '18.0'\n  envs:\n  - key: DATABASE_URL\n    value: postgresql://odoo:hunter2@db.example:25060/odoo\n"
            "  - key: REDIS_URL\n    value: rediss://default:pw@cache.example:25061\n    type: SECRET\n"
            "  - key: SENTRY_DSN\n    value: https://abc@o1.ingest.sentry.io/1\n"
            "  - key: BOUND_URL\n    value: ${db.DATABASE_URL}\n"
            "  - key: ENCRYPTED_URL\n    value: EV[1:abc:def]\n    type: SECRET\n")
    got = _rows(tmp_path, {".do/app.yaml": spec}, ["DO106"])
    assert got == [
        (".do/app.yaml", "DO106", 9, 10,
         "'odoo' env DATABASE_URL (a URI with its password) is committed in plain text (type GENERAL): it "
         "is visible to anyone with the repository or the control panel; set `type: SECRET` and rotate the value."),
        (".do/app.yaml", "DO106", 11, 10,
         "'odoo' env REDIS_URL (a URI with its password) is `type: SECRET` but its value is committed in "
         "plain text: DO encrypts it when the spec is submitted, the repository keeps it for anyone who can read "
         "it; commit the encrypted `EV[...]` value DO returns (`doctl apps spec get`) or set the value in the "
         "control panel, and rotate it.")]
    lint(tmp_path, None, select=["DO106"], fix=True)
    fixed = (tmp_path / ".do/app.yaml").read_text()
    assert fixed == spec.replace("  - key: DATABASE_URL\n", "  - key: DATABASE_URL\n    type: SECRET\n")
    lint(tmp_path, None, select=["DO106"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == fixed


# ---- item 5: unpinned images of any registry ---------------------------------------------------------------------

def test_unpinned_official_images_however_spelt_and_bitnami_postgres_data(tmp_path):
    compose = ("services:\n  a:\n    image: docker.io/odoo\n  b:\n    image: mirror.gcr.io/library/postgres\n"
               "    volumes: [\"pg:/var/lib/postgresql/data\"]\n  c:\n    image: quay.io/bitnami/postgresql:latest\n"
               "    volumes: [\"bpg:/bitnami/postgresql\"]\n  d:\n    image: public.ecr.aws/docker/library/odoo:latest\n"
               "  e:\n    image: docker.io/postgres:18\n    volumes: [\"pg18:/var/lib/postgresql/data\"]\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["DC103", "DC101"])
    # b is `latest` = 18 on the old data path too (DC101), e is 18 spelt with the registry
    assert [(c, line) for _, c, line, _, _ in got] == [("DC101", 6), ("DC101", 14), ("DC103", 3), ("DC103", 5),
                                                       ("DC103", 8), ("DC103", 11)]
    assert got[2][4] == ("Service `a` runs `docker.io/odoo` with no Odoo major: the next pull can bring a new major "
                         "that cannot open the existing database; pin it, e.g. `odoo:18.0`")


def test_pinned_images_and_own_images_of_other_registries_are_fine(tmp_path):
    compose = ("services:\n  a:\n    image: docker.io/odoo:18.0\n  b:\n    image: ghcr.io/acme/odoo:latest\n"
               "  c:\n    image: quay.io/bitnami/postgresql:16\n    volumes: [\"bpg:/bitnami/postgresql\"]\n"
               "  d:\n    image: registry.example.com/team/postgres\n    volumes: [\"pg:/var/lib/postgresql/data\"]\n")
    # b and d are the project's own images (no library namespace): their tags are the project's business
    assert _rows(tmp_path, {"docker-compose.yml": compose}, ["DC103"]) == []


# ---- item 3: the data folder of each tabled image --------------------------------------------------------------------

def test_the_data_folder_of_the_other_images_must_be_on_a_volume(tmp_path):
    cases = [("bitnami/odoo:17", "/bitnami/odoo", "bitnami odoo"), ("tecnativa/doodba:17.0", "/var/lib/odoo", "doodba"),
             ("camptocamp/odoo-project:17.0", "/data/odoo", "camptocamp odoo-project")]
    for image, folder, family in cases:
        compose = f"services:\n  odoo:\n    image: {image}\n  db:\n    image: postgres:16\n"
        root = tmp_path / family.replace(" ", "-")
        got = _rows(root, {"docker-compose.yml": compose}, ["DEP105"])
        assert got == [("docker-compose.yml", "DEP105", 2, 3,
                        f"`data_dir` `{folder}` of service `odoo` is on no named volume or bind mount: the filestore "
                        f"and sessions live in the container ({family} declares at most an anonymous volume there), "
                        f"so attachments and assets are lost when the container is recreated; mount a named volume "
                        f"at `{folder}`")], image
        mounted = compose.replace(f"    image: {image}\n", f"    image: {image}\n    volumes:\n      - data:{folder}\n")
        assert _rows(root / "mounted", {"docker-compose.yml": mounted + "volumes:\n  data:\n"}, ["DEP105"]) == []


def test_camptocamp_data_dir_follows_its_variable(tmp_path):
    compose = ("services:\n  odoo:\n    image: camptocamp/odoo-project:17.0\n    environment:\n"
               "      DATA_DIR: /srv/odoo\n    volumes:\n      - data:/data/odoo\nvolumes:\n  data:\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["DEP105"])
    assert [(c, line) for _, c, line, _, _ in got] == [("DEP105", 2)]
    assert "`data_dir` `/srv/odoo` of service `odoo`" in got[0][4]
    unread = compose.replace("    environment:\n      DATA_DIR: /srv/odoo\n", "    env_file: [odoo.env]\n")
    assert _rows(tmp_path / "unread", {"docker-compose.yml": unread}, ["DEP105"]) == []


# ---- item 1: each placeholder form is unknown, literal text next to it is judged -------------------------------------

@pytest.mark.parametrize("value", ["$WORKERS", "${WORKERS}", "{{ workers }}", "{% if w %}4{% endif %}",
                                   "%(workers)s"])
def test_each_placeholder_form_is_not_judged(tmp_path, value):
    src = f"[options]\nworkers = {value}\nlist_db = {value}\n"
    assert _rows(tmp_path, {"odoo.conf": src}, ["CNF106", "CNF107"], "17.0") == []


def test_a_literal_value_beside_placeholders_is_judged(tmp_path):
    src = "[options]\nworkers = four\nlist_db = ${LIST_DB}\n"
    got = _rows(tmp_path, {"odoo.conf": src}, ["CNF106", "CNF107"], "17.0")
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF107", 2)]


# ---- item 5: a transaction pooler, reached through the conf or bitnami's image ---------------------------------------

def test_a_bitnami_pgbouncer_in_transaction_mode_reached_through_the_conf(tmp_path):
    compose = ("services:\n  db:\n    image: postgres:16\n  pgbouncer:\n    image: bitnami/pgbouncer:1.24\n"
               "    environment:\n      POSTGRESQL_HOST: db\n      PGBOUNCER_POOL_MODE: transaction\n"
               "  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n")
    conf = "[options]\ndb_host = pgbouncer\ndb_port = 6432\n"
    got = _rows(tmp_path, {"docker-compose.yml": compose, "etc/odoo.conf": conf}, ["PGB001"])
    assert [(f, c, line, col) for f, c, line, col, _ in got] == [("docker-compose.yml", "PGB001", 8, 28)]
    assert "(`PGBOUNCER_POOL_MODE` of service `pgbouncer`)" in got[0][4]
    session = compose.replace("PGBOUNCER_POOL_MODE: transaction", "PGBOUNCER_POOL_MODE: session")
    assert _rows(tmp_path / "session", {"docker-compose.yml": session, "etc/odoo.conf": conf}, ["PGB001"]) == []
    direct = conf.replace("db_host = pgbouncer\ndb_port = 6432", "db_host = db\ndb_port = 5432")
    assert _rows(tmp_path / "direct", {"docker-compose.yml": compose, "etc/odoo.conf": direct}, ["PGB001"]) == []


def test_sanitizer_off_with_a_talisman_config_that_drops_the_csp(tmp_path):
    head = "HTML_SANITIZATION = False\n"
    none = head + "TALISMAN_CONFIG = {'force_https': False, 'content_security_policy': None}\n"
    got = _rows(tmp_path / "none", {"superset_config.py": none}, ["SUP110"])
    assert [(c, line, col) for _, c, line, col, _ in got] == [("SUP110", 1, 21)]
    assert got[0][4].startswith("HTML_SANITIZATION = False with TALISMAN_CONFIG sets content_security_policy = None: ")
    inline = head + ("TALISMAN_CONFIG = {'content_security_policy': {'default-src': [\"'self'\"], "
                     "'script-src': [\"'self'\", \"'unsafe-inline'\"]}}\n")
    got = _rows(tmp_path / "inline", {"superset_config.py": inline}, ["SUP110"])
    assert [g[4].split(":")[0] for g in got] == ["HTML_SANITIZATION = False with TALISMAN_CONFIG allows 'unsafe-inline' "
                                                 "scripts"]
    # a nonce makes browsers ignore 'unsafe-inline'; a CSP without the key is flask-talisman's default
    nonce = inline.replace("}}\n", "}, 'content_security_policy_nonce_in': ['script-src']}\n")
    assert _rows(tmp_path / "nonce", {"superset_config.py": nonce}, ["SUP110"]) == []
    absent = head + "TALISMAN_CONFIG = {'force_https': True}\n"
    assert _rows(tmp_path / "absent", {"superset_config.py": absent}, ["SUP110"]) == []


# ---- item 2: reported once across stacks ----------------------------------------------------------------------------

def test_a_conf_two_stacks_mount_is_reported_once(tmp_path):
    stack = ("services:\n  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  db:\n    image: postgres:16\n")
    conf = "[options]\ndb_host = db\nworkers = 6\ndata_dir = /var/lib/odoo\n"
    # compose.yaml and compose.prod.yaml are two projects (no COMPOSE_FILE): both load the same conf
    files = {"compose.yaml": stack, "compose.prod.yaml": stack, "etc/odoo.conf": conf}
    got = _rows(tmp_path, files, ["DEP105", "DEP110"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("etc/odoo.conf", "DEP105", 4), ("etc/odoo.conf", "DEP110", 3)]
    # the same when the two projects name their Odoo service differently: one finding at the conf line
    renamed = {**files, "compose.prod.yaml": stack.replace("  odoo:\n", "  web:\n"),
               "etc/odoo.conf": conf.replace("db_host = db", "db_host = nowhere")}
    got = _rows(tmp_path / "renamed", renamed, ["DEP101", "DEP105", "DEP110"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("etc/odoo.conf", "DEP101", 2), ("etc/odoo.conf", "DEP105", 4),
                                                          ("etc/odoo.conf", "DEP110", 3)]
    assert "`odoo` 9 × 64" in got[2][4]


# ---- item 3: the HTTP tools of each tabled image ---------------------------------------------------------------------

def test_healthcheck_tools_of_the_other_images(tmp_path):
    compose = ("services:\n  odoo:\n    image: camptocamp/odoo-project:17.0\n    healthcheck:\n"
               "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8069/web/health\"]\n"
               "  x:\n    image: bitnami/odoo:17\n    healthcheck:\n"
               "      test: [\"CMD-SHELL\", \"wget -q -O- http://localhost:8069/web/health\"]\n"
               "  y:\n    image: tecnativa/doodba:17.0\n    healthcheck:\n"
               "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8069/web/health\"]\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["DC110"])
    assert got == [
        ("docker-compose.yml", "DC110", 5, 22, "The healthcheck of `odoo` runs `curl`, which image "
                                               "`camptocamp/odoo-project:17.0` does not ship (it has neither curl nor "
                                               "wget): the check never passes and the container stays unhealthy"),
        ("docker-compose.yml", "DC110", 9, 28, "The healthcheck of `x` runs `wget`, which image `bitnami/odoo:17` does "
                                               "not ship (it has curl): the check never passes and the container stays "
                                               "unhealthy")]
