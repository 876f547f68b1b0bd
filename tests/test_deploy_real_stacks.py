"""Deployment rules on real stacks, second round (#8): a target per version folder, dead lines that `odoo --save`
writes, old key names that still work, throw-away CI databases, hadolint's inline ignores."""
from __future__ import annotations

from tests.helpers import lint, rows

SAVED_16 = ("[options]\nadmin_passwd = x\ndemo = {}\ntest_enable = False\ntranslate_modules = ['all']\n"
            "logrotate = False\ntest_commit = False\ntest_report_directory = False\nlist_db = False\n")


def _rows(tmp_path, files, select, version=None):
    return rows(lint(tmp_path, files, select=select, odoo_version=version), tmp_path)


# ---- a target per version folder ------------------------------------------------------------------------------

def test_a_folder_per_version_is_linted_for_its_own_series(tmp_path):
    # bitnami's shape: one compose per series folder, and one at the root for the newest
    files = {f"{v}/debian-11/docker-compose.yml": f"services:\n  odoo:\n    image: odoo:{v}.0\n" for v in (16, 17)}
    files["docker-compose.yml"] = "services:\n  odoo:\n    image: odoo:17.0\n"
    # 19.0 reads 'None' as None, 16.0 stops at startup on it
    files["16/debian-11/odoo.conf"] = "[options]\ndb_maxconn = None\n"
    files["17/debian-11/odoo.conf"] = "[options]\nxmlrpc_port = 8070\n"
    got = _rows(tmp_path, files, ["OL002", "CNF102", "CNF107"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("16/debian-11/odoo.conf", "CNF107", 2)]
    assert "Odoo 16.0" in got[0][4]


def test_folder_names_decide_where_no_image_says_the_series(tmp_path):
    files = {"Dockerfiles/v16-odoo/odoo.conf": "[options]\ngeoip_database = /usr/share/GeoIP/City.mmdb\n",
             "Dockerfiles/v19-odoo/odoo.conf": "[options]\ngeoip_database = /usr/share/GeoIP/City.mmdb\n"
                                               "db_maxconn_gevent = None\n"}
    got = _rows(tmp_path, files, ["CNF102", "CNF107"])
    # 16.0 still reads geoip_database; 19.0 ignores it and accepts 'None'
    assert [(f, c, line) for f, c, line, _, _ in got] == [("Dockerfiles/v19-odoo/odoo.conf", "CNF102", 2)]
    assert got[0][4].startswith("Odoo 19.0 ignores `geoip_database`")


def test_one_version_folder_alone_is_no_scope_and_conflicts_stay_reported(tmp_path):
    # a single series folder is just a folder; two composes of one folder that disagree are a real conflict
    files = {"deploy/docker-compose.yml": "services:\n  odoo:\n    image: odoo:17.0\n",
             "deploy/docker-compose.prod.yml": "services:\n  odoo:\n    image: odoo:18.0\n",
             "v16/odoo.conf": "[options]\ndb_replica_port = None\n"}
    got = _rows(tmp_path, files, ["OL002"])
    assert [(f, c) for f, c, *_ in got] == [("deploy/docker-compose.prod.yml", "OL002"),
                                           ("deploy/docker-compose.yml", "OL002")]


def test_an_explicit_target_wins_over_the_folders(tmp_path):
    files = {"16.0/odoo.conf": "[options]\ngeoip_database = /g\n", "19.0/odoo.conf": "[options]\nworkers = 2\n"}
    got = _rows(tmp_path, files, ["CNF102"], version="19.0")
    assert [(f, c) for f, c, *_ in got] == [("16.0/odoo.conf", "CNF102")]


# ---- dead lines that `odoo --save` writes ---------------------------------------------------------------------

def test_saved_defaults_of_obsolete_and_cli_only_keys_are_not_findings(tmp_path):
    for version in ("16.0", None):
        assert _rows(tmp_path, {"odoo.conf": SAVED_16}, ["CNF101"], version) == [], version


def test_an_obsolete_or_cli_only_key_with_a_real_value_is_reported(tmp_path):
    src = "[options]\nlogrotate = True\ntest_enable = True\ntest_commit = True\n"
    got = _rows(tmp_path, {"odoo.conf": src}, ["CNF101"], "17.0")
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF101", 2), ("CNF101", 3), ("CNF101", 4)]
    assert got[2][4] == ("`test_commit` is an obsolete option that no Odoo 16-19 reads: Odoo 17.0 stores it "
                         "silently and never reads it; delete it")


def test_a_typo_at_false_is_still_reported(tmp_path):
    # `list_dbs = False` meant to close the database manager: its intent is lost
    got = _rows(tmp_path, {"odoo.conf": "[options]\nlist_dbs = False\n"}, ["CNF101"], "17.0")
    assert [(c, line) for _, c, line, _, _ in got] == [("CNF101", 2)]


# ---- limit_time_real_cron = 0 is policy --------------------------------------------------------------------------

def test_cron_without_time_limit_is_opt_in(tmp_path):
    src = "[options]\nworkers = 4\nlimit_time_real_cron = 0\n"
    assert _rows(tmp_path, {"odoo.conf": src}, ["CNF115"], "18.0") == []
    assert _rows(tmp_path, {"odoo.conf": src}, ["CNF123"], "18.0") == [
        ("odoo.conf", "CNF123", 3, 24, "`limit_time_real_cron = 0` removes the time limit of cron workers: a stuck "
                                       "cron holds a worker and its locks forever; use -1 (same as limit_time_real) "
                                       "or a number of seconds")]
    assert _rows(tmp_path, {"odoo.conf": "[options]\nworkers = 0\nlimit_time_real_cron = 0\n"}, ["CNF123"],
                 "18.0") == []
    from odoolint.registry import load_rules
    assert not load_rules({"odoo-conf"}).meta("CNF123").default_enabled


# ---- hadolint's inline ignores ---------------------------------------------------------------------------------

def test_hadolint_ignore_covers_the_next_instruction(tmp_path):
    src = "# hadolint ignore=DL3006  # the image comes from --build-context odoo=...\nFROM odoo\nFROM odoo:latest\n"
    got = _rows(tmp_path, {"Dockerfile": src}, ["DF104", "OL001"])
    assert [(c, line) for _, c, line, _, _ in got] == [("DF104", 3)]


def test_hadolint_global_ignore_covers_the_file(tmp_path):
    src = "FROM odoo AS base\n# hadolint global ignore=DL3007\nFROM odoo:latest\n"
    assert _rows(tmp_path, {"Dockerfile": src}, ["DF104", "OL001"]) == []
    assert [c for _, c, *_ in _rows(tmp_path, {"Dockerfile": "# hadolint ignore=DL3008\nFROM odoo\n"},
                                     ["DF104"])] == ["DF104"]


# ---- PGB001: Odoo behind a transaction-mode PgBouncer ---------------------------------------------------------

POOLED = ("services:\n  db:\n    image: postgres:16\n  pool:\n    image: edoburu/pgbouncer:v1.24.1-p1\n"
          "    volumes:\n      - ./pgb:/etc/pgbouncer\n  odoo:\n    image: odoo:18.0\n    environment:\n"
          "      HOST: ${ODOO_DB_HOST:-pool}\n      PORT: \"6432\"\n")
INI = "[databases]\n* = host=db port=5432\n[pgbouncer]\nlisten_port = 6432\npool_mode = transaction\n"


def test_odoo_through_a_transaction_pool_is_reported_at_the_pool_mode_line(tmp_path):
    got = _rows(tmp_path, {"docker-compose.yml": POOLED, "pgb/pgbouncer.ini": INI}, ["PGB001"])
    assert got == [("pgb/pgbouncer.ini", "PGB001", 5, 13,
                    "Service `odoo` reaches its database through `pool` (PgBouncer) with pool_mode = transaction "
                    "(`pool_mode` in pgbouncer.ini): Odoo's bus runs `LISTEN imbus` on one connection, which "
                    "transaction pooling hands to other clients, so live notifications (Discuss, chatter) never "
                    "arrive; use pool_mode = session for Odoo's database, or connect Odoo to Postgres directly")]


def test_a_database_entry_pool_mode_beats_the_global_one(tmp_path):
    ini = "[databases]\n* = host=db port=5432 pool_mode=session\n[pgbouncer]\npool_mode = transaction\n"
    assert _rows(tmp_path, {"docker-compose.yml": POOLED, "pgb/pgbouncer.ini": ini}, ["PGB001"]) == []
    ini = "[databases]\n* = host=db port=5432 pool_mode=statement\n[pgbouncer]\npool_mode = session\n"
    got = _rows(tmp_path, {"docker-compose.yml": POOLED, "pgb/pgbouncer.ini": ini}, ["PGB001"])
    assert [(f, line, col) for f, _, line, col, _ in got] == [("pgb/pgbouncer.ini", 2, 33)]


def test_session_pooling_a_direct_database_or_an_env_override_are_fine(tmp_path):
    session = INI.replace("transaction", "session")
    assert _rows(tmp_path, {"docker-compose.yml": POOLED, "pgb/pgbouncer.ini": session}, ["PGB001"]) == []
    # `.env` points Odoo at Postgres itself: compose interpolation decides the host
    files = {"docker-compose.yml": POOLED, "pgb/pgbouncer.ini": INI, ".env": "ODOO_DB_HOST=db\n"}
    assert _rows(tmp_path / "direct", files, ["PGB001"]) == []


def test_the_pool_mode_from_the_image_environment(tmp_path):
    compose = POOLED.replace("    volumes:\n      - ./pgb:/etc/pgbouncer\n",
                             "    environment:\n      DB_HOST: db\n      POOL_MODE: transaction\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["PGB001"])
    assert [(f, line, col) for f, _, line, col, _ in got] == [("docker-compose.yml", 8, 18)]
    assert "(`POOL_MODE` of service `pool`)" in got[0][4]
    # without POOL_MODE the entrypoint writes no pool_mode: PgBouncer's default is session
    plain = compose.replace("      POOL_MODE: transaction\n", "")
    assert _rows(tmp_path / "plain", {"docker-compose.yml": plain}, ["PGB001"]) == []


# ---- compose as `docker compose config` reads it: extends and include -------------------------------------------

def test_extends_in_the_same_file_brings_the_base_service(tmp_path):
    # the base says what runs (odoo:18.0 ships curl, not wget); the extending service only adds a port
    compose = ("services:\n  odoo-base:\n    image: odoo:18.0\n    healthcheck:\n"
               "      test: [\"CMD\", \"wget\", \"-q\", \"http://localhost:8069/web/health\"]\n"
               "  web:\n    extends: odoo-base\n    ports: [\"127.0.0.1:8069:8069\"]\n"
               "  db:\n    image: postgres:16\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["DC110", "DC109"])
    # reported once, at the line that decides it (the base's healthcheck), not once per service
    assert [(f, c, line) for f, c, line, _, _ in got] == [("docker-compose.yml", "DC110", 5)]


def test_extends_from_another_file_completes_the_stack(tmp_path):
    files = {"common.yml": "services:\n  odoo:\n    image: odoo:18.0\n    depends_on:\n      db:\n"
                           "        condition: service_healthy\n",
             "docker-compose.yml": "services:\n  web:\n    extends:\n      file: common.yml\n      service: odoo\n"
                                   "  db:\n    image: postgres:16\n"}
    got = _rows(tmp_path, files, ["DC108", "DC109"])
    # compose carries depends_on over from the base (docker/compose#12360): db has no healthcheck
    assert [(f, c, line) for f, c, line, _, _ in got] == [("common.yml", "DC108", 6)]


def test_a_base_that_is_not_there_leaves_the_stack_unjudged(tmp_path):
    files = {"docker-compose.yml": "services:\n  web:\n    extends:\n      file: ../elsewhere.yml\n"
                                   "      service: odoo\n    depends_on: [database]\n"}
    assert _rows(tmp_path, files, ["DC109"]) == []


def test_include_joins_the_included_services_and_is_no_stack_of_its_own(tmp_path):
    files = {"compose.yaml": "include:\n  - db/compose.yaml\nservices:\n  odoo:\n    image: odoo:18.0\n"
                             "    depends_on:\n      db:\n        condition: service_healthy\n",
             "db/compose.yaml": "services:\n  db:\n    image: postgres:16\n"}
    got = _rows(tmp_path, files, ["DC108", "DC109"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("compose.yaml", "DC108", 8)]
    files["db/compose.yaml"] = ("services:\n  db:\n    image: postgres:16\n    healthcheck:\n"
                                "      test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]\n")
    assert _rows(tmp_path, files, ["DC108", "DC109"]) == []
    # the long form, `path:` a list
    files["compose.yaml"] = files["compose.yaml"].replace("include:\n  - db/compose.yaml\n",
                                                          "include:\n  - path: [db/compose.yaml]\n")
    assert _rows(tmp_path, files, ["DC108", "DC109"]) == []


# ---- images as they behave: a replaced entrypoint, a base that overlays complete ---------------------------------

ADDONS_CONF = "[options]\naddons_path = /mnt/extra-addons,/mnt/linked-addons\ndata_dir = /var/lib/odoo\n"
MOUNTED = ("services:\n  odoo:\n    image: odoo:19.0\n    volumes:\n      - ./etc:/etc/odoo\n"
           "      - ./addons:/mnt/extra-addons\n      - odoo-data:/var/lib/odoo\nvolumes:\n  odoo-data:\n")


def test_an_entrypoint_mounted_over_the_images_makes_its_behaviour_unknown(tmp_path):
    # the official entrypoint creates nothing: /mnt/linked-addons is missing
    got = _rows(tmp_path, {"docker-compose.yml": MOUNTED, "etc/odoo.conf": ADDONS_CONF}, ["DEP106"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("etc/odoo.conf", "DEP106", 2)]
    # a project entrypoint bind-mounted at /entrypoint.sh (it may link addons there at start): not judged
    own = MOUNTED.replace("    volumes:\n", "    volumes:\n      - ./entrypoint.sh:/entrypoint.sh:ro\n")
    assert _rows(tmp_path / "own", {"docker-compose.yml": own, "etc/odoo.conf": ADDONS_CONF}, ["DEP106"]) == []


def test_a_base_whose_named_volumes_only_overlays_mount_is_not_judged_for_them(tmp_path):
    base = ("services:\n  odoo:\n    image: odoo:19.0\n  db:\n    image: postgres:18\n"
            "volumes:\n  odoo-data:\n  db-data:\n")
    overlay = "services:\n  odoo:\n    volumes:\n      - odoo-data:/var/lib/odoo\n"
    assert _rows(tmp_path, {"compose.yaml": base, "compose/prod.yaml": overlay}, ["DEP105"]) == []
    # without an overlay of its services, a declared volume that nothing mounts is a forgotten mount
    got = _rows(tmp_path / "forgot", {"compose.yaml": base}, ["DEP105"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("compose.yaml", "DEP105", 2)]
    alone = "services:\n  odoo:\n    image: odoo:19.0\n  db:\n    image: postgres:18\n"
    got = _rows(tmp_path / "alone", {"compose.yaml": alone}, ["DEP105"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("compose.yaml", "DEP105", 2)]


# ---- DF106: shell operators inside COPY/ADD ----------------------------------------------------------------------

def test_a_run_line_pasted_onto_copy_is_reported_at_the_operator(tmp_path):
    src = ("FROM odoo:18.0\nCOPY requirements.txt /tmp/ && pip install -r /tmp/requirements.txt\n"
           "ADD --chown=odoo:odoo addons /mnt/extra-addons ; ls\n")
    got = _rows(tmp_path, {"Dockerfile": src}, ["DF106"])
    assert got == [
        ("Dockerfile", "DF106", 2, 29, "`COPY` runs no shell: `&&` and the words after it are taken as source paths, "
                                       "so the build stops ('\"/&&\": not found'); put the command in a `RUN` line "
                                       "of its own"),
        ("Dockerfile", "DF106", 3, 48, "`ADD` runs no shell: `;` and the words after it are taken as source paths, "
                                       "so the build stops ('\"/;\": not found'); put the command in a `RUN` line "
                                       "of its own")]


def test_copy_without_operators_heredocs_and_json_form_are_fine(tmp_path):
    src = ("FROM odoo:18.0\nCOPY --from=build /src/a&b.txt /opt/\nCOPY [\"a b\", \"&&\", \"/opt/\"]\n"
           "COPY <<EOF /etc/motd\nhello && bye\nEOF\nRUN pip install x && echo ok\n")
    assert _rows(tmp_path, {"Dockerfile": src}, ["DF106"]) == []


# ---- DC111: build context without a Dockerfile --------------------------------------------------------------------

def test_a_build_context_without_its_dockerfile(tmp_path):
    files = {"docker-compose.yml": "services:\n  odoo:\n    build: ./odoo\n  web:\n    build:\n"
                                   "      context: ./web\n      dockerfile: Dockerfile.prod\n",
             "odoo/Dockerfile.prod": "FROM odoo:18.0\n", "web/Dockerfile": "FROM nginx:1.27\n"}
    got = _rows(tmp_path, files, ["DC111"])
    assert [(f, c, line, col) for f, c, line, col, _ in got] == [("docker-compose.yml", "DC111", 3, 12),
                                                                 ("docker-compose.yml", "DC111", 6, 7)]
    assert got[0][4] == ("Service `odoo` builds from `./odoo`, which has no `Dockerfile` (looked for odoo/Dockerfile): "
                         "`docker compose build` stops with 'failed to read dockerfile: no such file or directory'; "
                         "point `dockerfile:` at the file or add it")


def test_build_contexts_that_are_fine_or_not_judged(tmp_path):
    files = {"docker-compose.yml": "services:\n  a:\n    build: ./a\n  b:\n    build: ./generated\n"
                                   "  c:\n    build: https://github.com/example/img.git#main\n"
                                   "  d:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM odoo:18.0\n"
                                   "  e:\n    build: ./e\n",
             "a/Dockerfile": "FROM odoo:18.0\n", "e/dockerfile": "FROM odoo:18.0\n",
             ".gitignore": "a/Dockerfile\n"}
    # a/Dockerfile is ignored by the linter but on disk; ./generated does not exist (a script makes it)
    assert _rows(tmp_path, files, ["DC111"]) == []


# ---- DEP110 connection budget: an unresolvable db_host, and profiles -------------------------------------------

BUDGET_CONF = "[options]\ndb_host = database.internal\nworkers = 4\n"
BUDGET = ("services:\n  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n"
          "  db:\n    image: postgres:16\n")


def test_the_budget_uses_the_one_postgres_service_when_db_host_names_none(tmp_path):
    # db_host is not a service of the stack (DEP101's finding); the stack's only Postgres is still the budget
    got = _rows(tmp_path, {"docker-compose.yml": BUDGET, "etc/odoo.conf": BUDGET_CONF}, ["DEP110"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [("etc/odoo.conf", "DEP110", 3)]
    assert got[0][4].startswith("Odoo can open 448 database connections (`odoo` 7 × 64) but `db` allows "
                                "max_connections=100")
    two = BUDGET + "  db2:\n    image: postgres:16\n"
    assert _rows(tmp_path / "two", {"docker-compose.yml": two, "etc/odoo.conf": BUDGET_CONF}, ["DEP110"]) == []


def test_a_profile_only_odoo_service_is_not_counted(tmp_path):
    conf = "[options]\nworkers = 0\ndb_maxconn = 60\n"
    stack = ("services:\n  odoo:\n    image: odoo:18.0\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  shell:\n    image: odoo:18.0\n    profiles: [tools]\n    volumes:\n      - ./etc:/etc/odoo\n"
             "  db:\n    image: postgres:16\n")
    # 60 for `odoo`; the `tools` profile's shell only runs when asked for
    assert _rows(tmp_path, {"docker-compose.yml": stack, "etc/odoo.conf": conf}, ["DEP110"]) == []
    always = stack.replace("    profiles: [tools]\n", "")
    got = _rows(tmp_path / "always", {"docker-compose.yml": always, "etc/odoo.conf": conf}, ["DEP110"])
    assert [c for _, c, *_ in got] == ["DEP110"]


# ---- DC112: literal passwords in compose (opt-in) ---------------------------------------------------------------

def test_literal_passwords_in_compose_are_an_opt_in_finding(tmp_path):
    compose = ("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: odoo\n"
               "      POSTGRES_USER: odoo\n  odoo:\n    image: odoo:18.0\n    environment:\n"
               "      - PASSWORD=s3cret\n      - HOST=db\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["DC112"])
    assert [(c, line, col) for _, c, line, col, _ in got] == [("DC112", 5, 26), ("DC112", 10, 9)]
    assert got[0][4] == ("`POSTGRES_PASSWORD` of service `db` is written in the compose file: it lands in the "
                         "repository and every copy of it; read it from an untracked `.env` "
                         "(`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}`) or a Docker secret")
    from odoolint.registry import load_rules
    assert not load_rules({"compose"}).meta("DC112").default_enabled


def test_references_secrets_files_and_empty_values_are_fine(tmp_path):
    compose = ("services:\n  db:\n    image: postgres:16\n    environment:\n"
               "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}\n"
               "      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n      PGPASSWORD: \"\"\n      PASSWORD_RESET: x\n")
    assert _rows(tmp_path, {"docker-compose.yml": compose}, ["DC112"]) == []


# ---- DO101 for an image built FROM apache/superset -------------------------------------------------------------

SUPERSET_SPEC = ("name: bi\nservices:\n  - name: superset\n    github:\n      repo: acme/bi\n      branch: main\n"
                 "    dockerfile_path: superset/Dockerfile\n    source_dir: superset\n    http_port: 8080\n")


def test_do_port_for_a_superset_image_built_from_the_stock_one(tmp_path):
    files = {".do/app.yaml": SUPERSET_SPEC,
             "superset/Dockerfile": "FROM apache/superset:5.0.0\nUSER root\nRUN pip install psycopg2-binary\n"
                                    "USER superset\n"}
    got = _rows(tmp_path, files, ["DO101"])
    assert [(f, c, line) for f, c, line, _, _ in got] == [(".do/app.yaml", "DO101", 9)]
    assert "Superset listens on 8088 (built FROM apache/superset:5.0.0: its run-server.sh default" in got[0][4]


def test_do_port_for_superset_that_sets_its_port_or_its_own_command(tmp_path):
    env = {".do/app.yaml": SUPERSET_SPEC,
           "superset/Dockerfile": "FROM apache/superset:5.0.0\nENV SUPERSET_PORT=8080\n"}
    assert _rows(tmp_path, env, ["DO101"]) == []
    own = {".do/app.yaml": SUPERSET_SPEC,
           "superset/Dockerfile": "FROM apache/superset:5.0.0\nCMD gunicorn -b 0.0.0.0:$PORT 'superset.app:create_app()'\n"}
    assert _rows(tmp_path / "own", own, ["DO101"]) == []


# ---- compose-stacks: files that `docker compose -f a -f b` merges, named in the configuration -------------------

def _run_with_config(root, mapping):
    from odoolint.config import settings_from_mapping
    from odoolint.runner import RunOptions, run
    (root / ".git").mkdir(exist_ok=True)
    settings = settings_from_mapping(mapping, str(root / ".odoolint.toml"))
    return rows(run(RunOptions([root], settings, no_cache=True, jobs=1)), root)


def test_compose_stacks_merge_the_files_the_configuration_names(tmp_path):
    from tests.helpers import write_tree
    write_tree(tmp_path, {"compose.yaml": "services:\n  odoo:\n    image: odoo:18.0\n    depends_on: [db]\n",
                          "compose.prod.yaml": "services:\n  db:\n    image: postgres:16\n"})
    alone = _run_with_config(tmp_path, {"select": ["DC109"]})
    assert [(f, c, line) for f, c, line, _, _ in alone] == [("compose.yaml", "DC109", 4)]
    merged = _run_with_config(tmp_path, {"select": ["DC109"],
                                         "compose-stacks": [["compose.yaml", "compose.prod.yaml"]]})
    assert merged == []


def test_compose_stacks_must_be_lists_of_paths(tmp_path):
    import pytest
    from odoolint.config import ConfigError, settings_from_mapping
    with pytest.raises(ConfigError, match="'compose-stacks' must be a list of lists of compose file paths"):
        settings_from_mapping({"compose-stacks": ["compose.yaml"]}, str(tmp_path / ".odoolint.toml"))


# ---- DC103 for the other Odoo and Postgres images of the image table ---------------------------------------------

def test_unpinned_images_of_other_registries(tmp_path):
    compose = ("services:\n  a:\n    image: tecnativa/doodba\n  b:\n    image: docker.io/bitnami/odoo:17\n"
               "  c:\n    image: postgis/postgis:latest\n    volumes: [\"pg:/var/lib/postgresql/data\"]\n"
               "  d:\n    image: postgis/postgis\n  e:\n    image: tecnativa/doodba:17.0-onbuild\n"
               "  f:\n    image: camptocamp/odoo-project:latest\n")
    got = _rows(tmp_path, {"docker-compose.yml": compose}, ["DC103"])
    # b and e carry a series; d keeps no data (a throw-away database)
    assert [(c, line) for _, c, line, _, _ in got] == [("DC103", 3), ("DC103", 7), ("DC103", 14)]
    assert got[1][4] == ("Service `c` runs `postgis/postgis:latest` with no Postgres major: a pull brings the newest "
                         "major, which cannot open the previous major's data directory in the existing volume; pin "
                         "the major in the tag")


# ---- SUP109 (opt-in) -----------------------------------------------------------------------------------------------

def test_talisman_off_is_an_opt_in_finding(tmp_path):
    files = {"superset_config.py": "import os\nTALISMAN_ENABLED = False\nSQLALCHEMY_DATABASE_URI = os.environ['DB']\n"}
    got = _rows(tmp_path, files, ["SUP109"])
    assert [(f, c, line, col) for f, c, line, col, _ in got] == [("superset_config.py", "SUP109", 2, 20)]
    on = {"superset_config.py": "import os\nTALISMAN_ENABLED = os.environ.get('TALISMAN', 'true') == 'true'\n"}
    assert _rows(tmp_path / "on", on, ["SUP109"]) == []
    from odoolint.registry import load_rules
    assert not load_rules({"superset-config"}).meta("SUP109").default_enabled
