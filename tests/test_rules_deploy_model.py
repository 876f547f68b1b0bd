"""The deployment model's joins, seen through the rules: configs mounts, overlays, separate stacks."""
from tests.helpers import lint, rows


def test_conf_given_through_compose_configs(tmp_path):
    compose = ("services:\n  odoo:\n    image: odoo:18.0\n    configs:\n      - source: odoo_conf\n"
               "        target: /etc/odoo/odoo.conf\n  db:\n    image: postgres:16\n"
               "configs:\n  odoo_conf:\n    file: ./conf/prod.conf\n")
    files = {"docker-compose.yml": compose, "conf/prod.conf": "[options]\ndb_host = nowhere\nworkers = 2\n"}
    assert [r[:4] for r in rows(lint(tmp_path, files, select=["DEP101"]), tmp_path)] == [
        ("conf/prod.conf", "DEP101", 2, 11)]


def test_overlay_fragment_is_not_taken_for_odoo(tmp_path):
    files = {"deploy/compose.yaml": "services:\n  odoo:\n    environment:\n      HOST: elsewhere\n  db:\n"
                                    "    volumes: ['pg:/var/lib/postgresql']\n"}
    assert rows(lint(tmp_path, files, select=["DC", "DEP"]), tmp_path) == []


def test_prod_file_merges_with_base_but_other_names_stand_alone(tmp_path):
    base = "services:\n  odoo:\n    image: odoo:17.0\n  db:\n    image: postgres:16\n"
    files = {"docker-compose.yml": base,
             "docker-compose.prod.yml": "services:\n  odoo:\n    environment:\n      HOST: pg-prod\n",
             "casaos-compose.yml": "services:\n  odoo:\n    image: odoo:17.0\n    environment:\n      HOST: db\n"
                                   "  db:\n    image: postgres:16\n"}
    # compose reads only the base and its .override by default: the prod overlay merges where COMPOSE_FILE says
    assert rows(lint(tmp_path, files, select=["DEP101"]), tmp_path) == []
    files[".env"] = "COMPOSE_FILE=docker-compose.yml:docker-compose.prod.yml\n"
    got = [r[:4] for r in rows(lint(tmp_path, files, select=["DEP101"]), tmp_path)]
    assert got == [("docker-compose.prod.yml", "DEP101", 4, 13)]


def test_build_target_of_an_earlier_stage_is_not_judged_by_the_final_stage(tmp_path):
    dockerfile = 'FROM odoo:17.0 AS prod\nFROM prod AS dev\nCMD ["odoo", "-c", "/etc/odoo/dev.conf"]\n'
    compose = "services:\n  odoo:\n    build:\n      context: .\n      target: prod\n"
    assert rows(lint(tmp_path, {"Dockerfile": dockerfile, "docker-compose.yml": compose}, select=["DEP104"]),
                tmp_path) == []
    built_last = compose.replace("target: prod", "target: dev")
    assert [r[1] for r in rows(lint(tmp_path, {"docker-compose.yml": built_last}, select=["DEP104"]), tmp_path)] \
        == ["DEP104"]


def test_do_source_dir_slash_is_the_repository_root(tmp_path):
    files = {".do/app.yaml": "name: erp\nservices:\n  - name: odoo\n    dockerfile_path: /Dockerfile\n"
                             "    source_dir: /\n    http_port: 8069\n",
             "Dockerfile": "FROM odoo:17.0\nCOPY ./odoo.prod.conf /etc/odoo/prod.conf\n",
             "odoo.prod.conf": "[options]\nworkers = 2\n"}
    assert [r[:4] for r in rows(lint(tmp_path, files, select=["DEP103"]), tmp_path)] == [
        ("Dockerfile", "DEP103", 2, 1)]
