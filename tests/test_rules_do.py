"""DigitalOcean App Platform rules (DO1xx) and the do_app_spec facts."""
from __future__ import annotations


from odoolint.engine import build_ruleset, lint_source
from odoolint.registry import load_rules
from tests.helpers import lint, rows
from tests.test_rules_do_stubs import ensure_producers

ensure_producers()

DOCKERFILE = "FROM odoo:17.0\nCOPY ./config/odoo.conf /etc/odoo/odoo.conf\n"
CONF_8069 = "[options]\ndb_host = db.internal\ndb_port = 5432\n"


def spec(body: str) -> str:
    return "name: erp\nregion: fra\nservices:\n" + body


def run(tmp_path, files, **kw):
    result = lint(tmp_path, files, **kw)
    assert result.errors == []
    return result, rows(result, tmp_path)


def refix(tmp_path, select, **kw):
    """A second --fix run must change nothing."""
    again = lint(tmp_path, None, select=select, fix=True, **kw)
    assert again.fixed_data == {}


# ---- facts -----------------------------------------------------------------------------------------
def test_facts_follow_the_contract(tmp_path):
    text = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    source_dir: /\n    http_port: 8069\n"
                "    instance_size_slug: apps-s-1vcpu-2gb\n    instance_count: 2\n    run_command: odoo -c /x.conf\n"
                "    envs:\n      - key: PGHOST\n        value: db\n    health_check:\n      http_path: /web/health\n"
                "workers:\n  - name: cron\n    image: {registry_type: DOCR, repository: erp, tag: v1}\n"
                "ingress:\n  rules:\n    - match: {path: {prefix: /}}\n      component: {name: odoo}\n"
                "databases:\n  - name: db\n    engine: PG\n")
    p = tmp_path / ".do" / "app.yaml"
    p.parent.mkdir()
    p.write_text(text)
    reg = load_rules()
    res = lint_source(str(p), ".do/app.yaml", "do-app-spec", None, None, text.encode(), reg,
                      build_ruleset(reg, frozenset(), None), None, {})
    facts = res.facts["do_app_spec"]
    assert set(facts) == {"services", "workers", "ingress", "databases", "dir"}
    assert facts["dir"] == str(tmp_path)
    svc = facts["services"][0]
    assert {k: v for k, v in svc.items() if k not in ("span", "_loc")} == {
        "name": "odoo", "http_port": 8069, "envs": {"PGHOST": "db"}, "instance_size_slug": "apps-s-1vcpu-2gb",
        "instance_count": 2, "health_check": {"http_path": "/web/health"}, "dockerfile_path": "Dockerfile",
        "source_dir": "/", "image": None, "run_command": "odoo -c /x.conf", "is_odoo": True}
    assert svc["span"] == {"start": [4, 11, 42], "end": [4, 15, 46]}
    worker = facts["workers"][0]
    assert worker["image"] == {"registry_type": "DOCR", "repository": "erp", "tag": "v1"}
    assert worker["is_odoo"] is False
    assert facts["ingress"] == [{"match": {"path": {"prefix": "/"}}, "component": {"name": "odoo"}}]
    assert facts["databases"] == [{"name": "db", "engine": "PG"}]


def test_deploy_template_spec_is_read(tmp_path):
    text = "spec:\n  name: erp\n  services:\n    - name: odoo\n      image: {registry_type: DOCKER_HUB, " \
           "repository: odoo, tag: '17.0'}\n      http_port: 8080\n"
    _, got = run(tmp_path, {".do/deploy.template.yaml": text}, select=["DO101"])
    assert got == [(".do/deploy.template.yaml", "DO101", 6, 18,
                    "Service 'odoo' sends traffic and health checks to port 8080, but Odoo listens on 8069 (Odoo's "
                    "default): the health check fails and the deploy rolls back. Set `http_port: 8069`.")]


# ---- DO101 do-http-port-mismatch ------------------------------------------------------------------------
def test_http_port_default_8080_vs_conf_port_inserts_http_port(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    envs:\n"
                                  "      - key: PORT\n        value: \"8080\"\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069 + "http_port = 8070\n"}
    _, got = run(tmp_path, files, select=["DO101"])
    assert got == [(".do/app.yaml", "DO101", 4, 11,
                    "Service 'odoo' sends traffic and health checks to port 8080 (the default), but Odoo listens on "
                    "8070 (config/odoo.conf sets http_port = 8070): the health check fails and the deploy rolls "
                    "back. Set `http_port: 8070`. Odoo ignores the PORT variable.")]
    lint(tmp_path, None, select=["DO101"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == spec(
        "  - name: odoo\n    http_port: 8070\n    dockerfile_path: Dockerfile\n    envs:\n"
        "      - key: PORT\n        value: \"8080\"\n")
    refix(tmp_path, ["DO101"])


def test_http_port_replaced_keeping_comments_and_crlf(tmp_path):
    text = spec("  - name: odoo  # the ERP\n    dockerfile_path: Dockerfile\n    http_port: 8080 # DO default\n"
                "    health_check:\n      http_path: /web/health\n      port: 8080\n").replace("\n", "\r\n")
    files = {".do/app.yaml": text.encode(), "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069}
    _, got = run(tmp_path, files, select=["DO101"])
    assert got == [
        (".do/app.yaml", "DO101", 6, 16,
         "Service 'odoo' sends traffic and health checks to port 8080, but Odoo listens on 8069 (config/odoo.conf "
         "sets no http_port): the health check fails and the deploy rolls back. Set `http_port: 8069`."),
        (".do/app.yaml", "DO101", 9, 13,
         "Service 'odoo' health check probes port 8080, but Odoo listens on 8069 (config/odoo.conf sets no "
         "http_port): every check fails and the deploy rolls back. Set `health_check.port: 8069` or drop it (it "
         "defaults to http_port)."),
    ]
    lint(tmp_path, None, select=["DO101"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_bytes() == text.replace("8080", "8069").encode()
    refix(tmp_path, ["DO101"])


def test_http_port_from_run_command_and_odoo19_env(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"
                                  "    run_command: odoo --http-port=8080\n"
                                  "  - name: odoo19\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"
                                  "    envs:\n      - key: ODOO_HTTP_PORT\n        value: \"8000\"\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069}
    _, got = run(tmp_path, files, select=["DO101"], odoo_version="19.0")
    assert [(r[2], r[4].split(" (")[1].split(")")[0]) for r in got] == [
        (6, "its command line sets --http-port"), (10, "ODOO_HTTP_PORT is set")]
    # before 19.0 ODOO_HTTP_PORT is not read: only the run_command service is wrong
    _, got = run(tmp_path, {}, select=["DO101"], odoo_version="17.0")
    assert [r[2] for r in got] == [6]


def test_http_port_matching_or_unknown_is_silent(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"
                                  "  - name: api\n    dockerfile_path: api/Dockerfile\n    http_port: 8080\n"
                                  "  - name: odoo-unscanned\n    dockerfile_path: elsewhere/Dockerfile\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069,
             "api/Dockerfile": "FROM python:3.12-slim\nCMD [\"gunicorn\"]\n"}
    _, got = run(tmp_path, files, select=["DO101"])
    assert got == []


# ---- DO102 do-health-check-path -------------------------------------------------------------------------
def test_health_check_missing_gets_one(tmp_path):
    text = spec("  - name: odoo\n    image:\n      registry_type: DOCKER_HUB\n      repository: odoo\n"
                "      tag: \"17.0\"\n    http_port: 8069\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO102"])
    assert got == [(".do/app.yaml", "DO102", 4, 11,
                    "Service 'odoo' has no health check: DO only checks that the TCP port is open and sends traffic "
                    "to an Odoo that is still starting; add `health_check: {http_path: /web/health}`.")]
    lint(tmp_path, None, select=["DO102"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == spec(
        "  - name: odoo\n    health_check:\n      http_path: /web/health\n    image:\n      registry_type: "
        "DOCKER_HUB\n      repository: odoo\n      tag: \"17.0\"\n    http_port: 8069\n")
    refix(tmp_path, ["DO102"])


def test_health_check_without_path_and_wrong_path(tmp_path):
    text = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    health_check:\n      port: 8069\n"
                "  - name: odoo-web\n    dockerfile_path: Dockerfile\n    health_check:\n"
                "      http_path: \"/web/login\"\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO102"])
    assert got == [
        (".do/app.yaml", "DO102", 6, 5,
         "Service 'odoo' health check has no `http_path`, so DO falls back to a TCP check that passes before Odoo "
         "can serve requests; add `http_path: /web/health`."),
        (".do/app.yaml", "DO102", 11, 19,
         "Service 'odoo-web' health check probes `/web/login`, which depends on a database and sessions (redirects "
         "or 500s while Odoo starts or when the database is not selected); probe `/web/health` instead."),
    ]
    lint(tmp_path, None, select=["DO102"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == spec(
        "  - name: odoo\n    dockerfile_path: Dockerfile\n    health_check:\n      http_path: /web/health\n"
        "      port: 8069\n  - name: odoo-web\n    dockerfile_path: Dockerfile\n    health_check:\n"
        "      http_path: \"/web/health\"\n")
    refix(tmp_path, ["DO102"])


def test_health_check_fine_or_not_odoo(tmp_path):
    text = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    health_check:\n"
                "      http_path: /web/health?db_server_status=1\n  - name: api\n    dockerfile_path: api/Dockerfile\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO102"])
    assert got == []


def test_health_check_flow_style_gets_no_fix(tmp_path):
    text = spec("  - {name: odoo, dockerfile_path: Dockerfile}\n")
    result, got = run(tmp_path, {".do/app.yaml": text}, select=["DO102"])
    assert [r[1:3] for r in got] == [("DO102", 4)]
    assert result.diagnostics[0].fix is None


# ---- DO103 do-health-check-budget ------------------------------------------------------------------------
def test_health_check_budget(tmp_path):
    text = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    health_check:\n      http_path: /web/health\n"
                "      port: 70000\n    liveness_health_check:\n      success_threshold: 3\n"
                "      initial_delay_seconds: 30\n      period_seconds: ten\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO103"])
    assert got == [
        (".do/app.yaml", "DO103", 8, 13, "'odoo' health_check.port = 70000 must be within 1-65535: the API rejects "
                                         "the spec and the deploy never starts."),
        (".do/app.yaml", "DO103", 10, 26, "'odoo' liveness_health_check.success_threshold = 3 must be exactly 1: the "
                                          "API rejects the spec and the deploy never starts."),
        (".do/app.yaml", "DO103", 12, 23, "'odoo' liveness_health_check.period_seconds must be an integer; the API "
                                          "rejects the spec."),
    ]
    ok = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    liveness_health_check:\n"
              "      initial_delay_seconds: 3600\n      failure_threshold: 50\n")
    _, got = run(tmp_path, {".do/app.yaml": ok}, select=["DO103"])
    assert got == []


# ---- DO106 do-secret-env-plaintext -----------------------------------------------------------------------
def test_secret_env_plaintext_fix(tmp_path):
    text = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    envs:\n"
                "      - key: PGPASSWORD\n        value: hunter2\n"
                "      - key: SMTP_PASSWORD\n        value: s3cret\n        type: GENERAL\n"
                "      - key: ADMIN_PASSWD\n        value: EV[1:abc:def]\n"
                "      - key: DATABASE_PASSWORD\n        value: ${db.PASSWORD}\n"
                "      - key: PGHOST\n        value: db\n"
                "      - key: API_KEY\n        value: x\n        type: SECRET\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO106"])
    msg = ("'odoo' env {} is committed in plain text (type GENERAL): it is visible to anyone with the repository "
           "or the control panel; set `type: SECRET` and rotate the value.")
    # #8: a `type: SECRET` whose plain value is committed is reported too (no fix: it must leave the repository)
    committed = ("'odoo' env API_KEY is `type: SECRET` but its value is committed in plain text: DO encrypts it "
                 "when the spec is submitted, the repository keeps it for anyone who can read it; commit the "
                 "encrypted `EV[...]` value DO returns (`doctl apps spec get`) or set the value in the control "
                 "panel, and rotate it.")
    assert got == [(".do/app.yaml", "DO106", 7, 14, msg.format("PGPASSWORD")),
                   (".do/app.yaml", "DO106", 9, 14, msg.format("SMTP_PASSWORD")),
                   (".do/app.yaml", "DO106", 18, 14, committed)]
    lint(tmp_path, None, select=["DO106"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == text.replace(
        "      - key: PGPASSWORD\n", "      - key: PGPASSWORD\n        type: SECRET\n").replace(
        "type: GENERAL", "type: SECRET")
    refix(tmp_path, ["DO106"])


# ---- DO107 do-spec-schema --------------------------------------------------------------------------------
def test_spec_schema(tmp_path):
    text = ("name: My_App\nservices:\n  - name: Odoo\n    instance_size_slug: basic-xs\n    protocol: HTTPS\n"
            "    envs:\n      - key: 1BAD\n        scope: RUNTIME\n    image:\n      registry_type: DOCKERHUB\n"
            "      repository: odoo\n      tag: latest\n      digest: sha256:abc\n"
            "  - name: web\n    instance_size_slug: apps-x-huge\n    image:\n      registry_type: GHCR\n"
            "      repository: me/odoo\n      deploy_on_push:\n        enabled: true\n"
            "  - name: pinned\n    image:\n      registry_type: DOCKER_HUB\n      repository: odoo\n      tag: latest\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO107"])
    assert got == [
        (".do/app.yaml", "DO107", 1, 7, "App name 'My_App' does not match ^[a-z][a-z0-9-]{0,30}[a-z0-9]$; the API "
                                        "rejects the spec."),
        (".do/app.yaml", "DO107", 3, 11, "Component name 'Odoo' does not match ^[a-z][a-z0-9-]{0,30}[a-z0-9]$; the "
                                         "API rejects the spec."),
        (".do/app.yaml", "DO107", 4, 25, "'Odoo' instance_size_slug 'basic-xs' is deprecated; use an apps-s-*/apps-d-* "
                                         "slug."),
        (".do/app.yaml", "DO107", 5, 15, "'Odoo' protocol 'HTTPS' is not HTTP or HTTP2; the API rejects the spec."),
        (".do/app.yaml", "DO107", 7, 14, "'Odoo' env key '1BAD' is not a valid variable name "
                                         "(^[_A-Za-z][_A-Za-z0-9]*$); the API rejects the spec."),
        (".do/app.yaml", "DO107", 8, 16, "'Odoo' env 1BAD: scope 'RUNTIME' is not one of BUILD_TIME, "
                                         "RUN_AND_BUILD_TIME, RUN_TIME, UNSET; the API rejects the spec."),
        (".do/app.yaml", "DO107", 10, 22, "'Odoo' image.registry_type 'DOCKERHUB' is not DOCKER_HUB, DOCR or GHCR; "
                                          "the API rejects the spec."),
        (".do/app.yaml", "DO107", 13, 7, "'Odoo' image sets both tag and digest; the API accepts only one of them."),
        (".do/app.yaml", "DO107", 15, 25, "'web' instance_size_slug 'apps-x-huge' is not a DO App Platform size; the "
                                          "API rejects the spec."),
        (".do/app.yaml", "DO107", 16, 5, "'web' image has no tag, so DO deploys `latest`: the next redeploy can pull "
                                         "a new major; pin a tag or digest."),
        (".do/app.yaml", "DO107", 20, 18, "'web' deploy_on_push only works for DOCR images; pushes to GHCR never "
                                          "trigger a deploy."),
        (".do/app.yaml", "DO107", 25, 12, "'pinned' image tag `latest` changes under you on any redeploy; pin a "
                                          "version tag or digest."),
    ]
    severities = {d.span.start.line: d.severity.value for d in lint(tmp_path, None, select=["DO107"]).diagnostics}
    assert severities[4] == "warning" and severities[3] == "error" and severities[25] == "warning"


def test_spec_schema_clean(tmp_path):
    text = ("name: erp\nservices:\n  - name: odoo\n    instance_size_slug: apps-d-2vcpu-8gb\n    http_port: 8069\n"
            "    envs:\n      - key: ODOO_RC\n        scope: RUN_TIME\n        type: GENERAL\n    image:\n"
            "      registry_type: DOCR\n      repository: erp\n      tag: \"17.0-20260101\"\n"
            "      deploy_on_push:\n        enabled: true\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO107"])
    assert got == []


# ---- DO108 do-port-env-db-port ---------------------------------------------------------------------------
def test_port_env_becomes_db_port(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": "[options]\ndb_host = db.internal\n"}
    _, got = run(tmp_path, files, select=["DO108"])
    assert got == [(".do/app.yaml", "DO108", 6, 16,
                    "Service 'odoo': DO sets PORT=8069 and the official Odoo entrypoint passes it as --db_port "
                    "(config/odoo.conf sets no db_port), so Odoo connects to Postgres on port 8069 and never starts. "
                    "Set `db_port` in odoo.conf.")]


def test_port_env_silent_with_db_port_or_own_entrypoint(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"
                                  "  - name: custom\n    dockerfile_path: custom/Dockerfile\n    http_port: 8069\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069,
             "custom/Dockerfile": "FROM odoo:17.0\nENTRYPOINT [\"/start.sh\"]\n"}
    _, got = run(tmp_path, files, select=["DO108"])
    assert got == []


# ---- PG1xx -------------------------------------------------------------------------------------------
SUPA_POOLER = "aws-0-eu-central-1.pooler.supabase.com"


def test_transaction_pooler_for_odoo(tmp_path):
    text = spec(f"  - name: odoo\n    dockerfile_path: Dockerfile\n    envs:\n      - key: PGHOST\n"
                f"        value: {SUPA_POOLER}\n      - key: PGPORT\n        value: \"6543\"\n"
                f"      - key: PGUSER\n        value: postgres.abcdefghijklmnop\n"
                f"  - name: api\n    dockerfile_path: api/Dockerfile\n    envs:\n      - key: PGPORT\n"
                f"        value: \"6543\"\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["PG"])
    assert got == [(".do/app.yaml", "PG101", 10, 17,
                    "'odoo' env PGPORT = 6543 is a transaction-mode pooler port: Odoo's LISTEN/NOTIFY bus and session "
                    "settings break (no live notifications, odd errors). Use session mode (port 5432 on the Supabase "
                    "pooler) or a direct connection.")]
    lint(tmp_path, None, select=["PG101"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == text.replace('"6543"', '"5432"', 1)
    refix(tmp_path, ["PG101"])


def test_pooler_user_prisma_param_and_direct_host(tmp_path):
    text = spec(f"  - name: superset\n    image: {{registry_type: DOCKER_HUB, repository: apache/superset, "
                f"tag: '6.1.0'}}\n    envs:\n      - key: SUPERSET__SQLALCHEMY_DATABASE_URI\n"
                f"        value: postgresql://postgres:pw@{SUPA_POOLER}:5432/postgres?pgbouncer=true&sslmode=require\n"
                f"      - key: REPLICA_URI\n        value: postgresql://postgres.ref:pw@db.abcdefghijklmnop.supabase.co"
                f":5432/postgres\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["PG"])
    assert got == [
        (".do/app.yaml", "PG102", 8, 16,
         "'superset' env SUPERSET__SQLALCHEMY_DATABASE_URI: the Supabase pooler needs the user "
         "`postgres.<project-ref>`, not `postgres`; authentication fails at startup."),
        (".do/app.yaml", "PG103", 8, 16,
         "'superset' env SUPERSET__SQLALCHEMY_DATABASE_URI: `pgbouncer=true` is a Prisma-only flag; libpq refuses "
         "the URI (\"invalid URI query parameter\") and the connection fails. Remove it."),
        (".do/app.yaml", "PG104", 10, 16,
         "'superset' env REPLICA_URI: `db.abcdefghijklmnop.supabase.co` is IPv6-only without Supabase's IPv4 "
         "add-on; from this platform the connection fails with \"Network is unreachable\". Use the session pooler "
         "(`*.pooler.supabase.com:5432`)."),
    ]
    lint(tmp_path, None, select=["PG103"], fix=True)
    assert (tmp_path / ".do/app.yaml").read_text() == text.replace("?pgbouncer=true&sslmode", "?sslmode")
    refix(tmp_path, ["PG103"])


def test_pg_clean(tmp_path):
    text = spec(f"  - name: odoo\n    dockerfile_path: Dockerfile\n    envs:\n      - key: PGHOST\n"
                f"        value: {SUPA_POOLER}\n      - key: PGPORT\n        value: \"5432\"\n"
                f"      - key: PGUSER\n        value: postgres.abcdefghijklmnop\n"
                f"  - name: web\n    dockerfile_path: web/Dockerfile\n    envs:\n      - key: DATABASE_URL\n"
                f"        value: postgresql://u:p@{SUPA_POOLER}:6543/postgres?pgbouncer=true\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["PG"])
    # a non-Odoo, non-Superset component may well be a Prisma app: only the pooler user is checked there
    assert [r[1] for r in got] == ["PG102"]


# ---- DO104 do-no-persistent-storage / DO105 do-workers-websocket ----------------------------------------------
def test_no_persistent_storage_and_workers_websocket(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"
                                  "    envs:\n      - key: AWS_BUCKETNAME\n        value: erp-files\n"
                                  "  - name: odoo2\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069 + "workers = 3\n"}
    _, got = run(tmp_path, files, select=["DO104", "DO105"])
    ws = ("'{}' runs 3 Odoo workers (config/odoo.conf workers = 3), so /websocket is served only by the gevent "
          "process on port 8072, which no ingress rule reaches: the bus fails (\"Couldn't bind the websocket\"). "
          "Set workers = 0 and scale with instance_count.")
    assert got == [
        (".do/app.yaml", "DO104", 10, 11,
         "'odoo2' runs Odoo on App Platform, which has no persistent disk: the filestore and sessions are wiped on "
         "every deploy (missing attachments and images, users logged out). Store attachments in DO Spaces "
         "(fs_attachment/attachment_s3) or in the database."),
        (".do/app.yaml", "DO105", 4, 11, ws.format("odoo")),
        (".do/app.yaml", "DO105", 10, 11, ws.format("odoo2")),
    ]


def test_storage_addon_and_websocket_route_silence_them(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069\n"
                                  "  - name: odoo-ws\n    dockerfile_path: Dockerfile\n    http_port: 8072\n"
                                  "ingress:\n  rules:\n    - match: {path: {prefix: /websocket}}\n"
                                  "      component: {name: odoo-ws}\n    - match: {path: {prefix: /}}\n"
                                  "      component: {name: odoo}\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069 + "workers = 2\n",
             "addons/fs_attachment/__manifest__.py": "{'name': 'fs', 'version': '17.0.1.0.0', 'license': 'AGPL-3'}\n"}
    _, got = run(tmp_path, files, select=["DO104", "DO105"])
    assert got == []


# ---- DO109 do-yaml-python-tag ---------------------------------------------------------------------------
def test_python_tag_reported_not_constructed(tmp_path):
    text = spec("  - name: odoo\n    dockerfile_path: Dockerfile\n"
                "    run_command: !!python/object/apply:os.system ['touch /tmp/pwned-by-odoolint']\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO109"])
    assert got == [(".do/app.yaml", "DO109", 6, 18,
                    "YAML tag `!!python/object/apply:os.system` names Python code: DO rejects the spec and an unsafe "
                    "YAML loader would execute it; replace it with a plain value.")]
    import os
    assert not os.path.exists("/tmp/pwned-by-odoolint")
    _, got = run(tmp_path, {".do/app.yaml": spec("  - name: odoo\n    run_command: odoo\n")}, select=["DO109"])
    assert got == []


def test_http_port_for_stock_superset_image(tmp_path):
    text = spec("  - name: bi\n    image: {registry_type: DOCKER_HUB, repository: apache/superset, tag: '6.1.0'}\n"
                "  - name: bi2\n    image: {registry_type: DOCKER_HUB, repository: apache/superset, tag: '6.1.0'}\n"
                "    http_port: 8000\n    envs:\n      - key: SUPERSET_PORT\n        value: \"8000\"\n")
    _, got = run(tmp_path, {".do/app.yaml": text}, select=["DO101"])
    assert got == [(".do/app.yaml", "DO101", 4, 11,
                    "Service 'bi' sends traffic and health checks to port 8080 (the default), but Superset listens on "
                    "8088 (the image's run-server.sh default, SUPERSET_PORT unset): the health check fails and the "
                    "deploy rolls back. Set `http_port: 8088`.")]
    lint(tmp_path, None, select=["DO101"], fix=True)
    assert "  - name: bi\n    http_port: 8088\n    image:" in (tmp_path / ".do/app.yaml").read_text()
    refix(tmp_path, ["DO101"])


def test_http_port_unreadable_in_conf_is_left_to_the_conf_rules(tmp_path):
    files = {".do/app.yaml": spec("  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8080\n"),
             "Dockerfile": DOCKERFILE, "config/odoo.conf": CONF_8069 + "http_port = ${PORT}\n"}
    _, got = run(tmp_path, files, select=["DO101"])
    assert got == []
