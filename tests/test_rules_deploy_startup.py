"""Stacks compose refuses or whose checks never pass (DC108-DC110), and DC104 knowing what each image's
entrypoint waits for (rules/project/images.py)."""
from tests.helpers import lint, rows

STACK = """\
services:
  odoo:
    image: odoo:17.0
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "curl", "-fsS", "http://localhost:8069/web/health"]
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U odoo"]
"""
SEL = ["DC104", "DC108", "DC109", "DC110"]


def _rows(tmp_path, files):
    return rows(lint(tmp_path, files, select=SEL), tmp_path)


def test_a_clean_stack(tmp_path):
    assert _rows(tmp_path, {"compose.yaml": STACK}) == []


def test_healthy_condition_on_a_service_without_healthcheck(tmp_path):
    compose = STACK.replace("    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]\n", "")
    assert _rows(tmp_path, {"compose.yaml": compose}) == [(
        "compose.yaml", "DC108", 6, 20,
        "Service `odoo` waits for `db` to be healthy but `db` has no healthcheck: `docker compose up` stops with "
        "'dependency failed to start: container has no healthcheck configured'; give `db` a healthcheck "
        "(`pg_isready -U <user>`)")]


def test_unknown_image_may_have_its_own_healthcheck(tmp_path):
    compose = STACK.replace("image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]\n",
                            "image: example/pg-with-healthcheck:16\n")
    assert _rows(tmp_path, {"compose.yaml": compose}) == []


def test_depends_on_an_undefined_service(tmp_path):
    compose = STACK.replace("      db:\n        condition: service_healthy\n", "      postgres:\n        condition: "
                                                                             "service_started\n")
    assert [r for r in _rows(tmp_path, {"compose.yaml": compose}) if r[1] == "DC109"] == [(
        "compose.yaml", "DC109", 4, 5,
        "Service `odoo` depends on `postgres`, which is no service of this stack (`db`, `odoo`): compose refuses "
        "to start the project (\"depends on undefined service\"); name an existing service")]
    optional = compose.replace("service_started\n", "service_started\n        required: false\n")
    assert [r for r in _rows(tmp_path / "opt", {"compose.yaml": optional}) if r[1] == "DC109"] == []


def test_an_overlay_fragment_is_not_judged_for_undefined_services(tmp_path):
    # docker-compose.prod.yml with only overrides: the base file is not in the scan
    overlay = "services:\n  odoo:\n    depends_on: [db]\n    environment:\n      A: '1'\n"
    assert _rows(tmp_path, {"docker-compose.prod.yml": overlay}) == []


def test_healthcheck_tool_the_image_lacks(tmp_path):
    compose = STACK.replace('"curl", "-fsS"', '"wget", "-qO-"')
    assert _rows(tmp_path, {"compose.yaml": compose}) == [(
        "compose.yaml", "DC110", 8, 22,
        "The healthcheck of `odoo` runs `wget`, which image `odoo:17.0` does not ship (it has curl): the check "
        "never passes and the container stays unhealthy")]
    built = compose.replace("    image: odoo:17.0\n", "    build: .\n")
    files = {"compose.yaml": built, "Dockerfile": "FROM odoo:17.0\nUSER root\nRUN apt-get update && apt-get "
                                                  "install -y wget\nUSER odoo\n"}
    assert [r for r in _rows(tmp_path / "built", files) if r[1] == "DC110"] == []


def test_dc104_is_opt_in_and_silent_where_the_entrypoint_waits(tmp_path):
    compose = STACK.replace("    depends_on:\n      db:\n        condition: service_healthy\n", "    depends_on: [db]\n")
    got = _rows(tmp_path, {"compose.yaml": compose})
    assert [(r[1], r[2]) for r in got] == [("DC104", 4)]
    assert "the official odoo image's entrypoint waits only 30 s" in got[0][4]
    doodba = compose.replace("    image: odoo:17.0\n", "    build: .\n")
    files = {"compose.yaml": doodba, "Dockerfile": "FROM tecnativa/doodba:17.0-onbuild\n"}
    assert [r for r in _rows(tmp_path / "doodba", files) if r[1] == "DC104"] == []   # WAIT_DB loops until ready
    bitnami = compose.replace("image: odoo:17.0", "image: bitnami/odoo:17")
    got = _rows(tmp_path / "bitnami", {"compose.yaml": bitnami})
    assert [r[1] for r in got] == ["DC104"] and "bitnami odoo image's entrypoint waits only 60 s" in got[0][4]


def test_interpolation_as_compose_resolves_it():
    from odoolint.rules.project.interpolate import interpolate
    env = {"SET": "x", "EMPTY": ""}
    assert interpolate("odoo:${V:-18.0}", env) == "odoo:18.0"
    assert interpolate("${EMPTY:-d}/${EMPTY-d}", env) == "d/"
    assert interpolate("${ODOO_IMAGE:-odoo:${ODOO_VERSION:-18.0}}", env) == "odoo:18.0"
    assert interpolate("${SET:+alt}${UNSET:+alt}${SET}", env) == "altx"
    assert interpolate("pa$$word", env) == "pa$word"
    assert interpolate("${UNSET}", env) is None and interpolate("$UNSET:1", env) is None
    assert interpolate("${SET:?needed}", env) == "x" and interpolate("${UNSET:?needed}", env) is None


def test_an_interpolated_image_and_an_overlay_that_keeps_the_base_test(tmp_path):
    base = STACK.replace("image: odoo:17.0", "image: ${ODOO_IMAGE:-odoo:${ODOO_VERSION:-18.0}}").replace(
        '"curl", "-fsS"', '"wget", "-qO-"')
    overlay = "services:\n  odoo:\n    healthcheck:\n      interval: 10s\n  db:\n    healthcheck:\n      retries: 3\n"
    files = {"docker-compose.yml": base, "docker-compose.override.yml": overlay}
    got = _rows(tmp_path, files)
    # the override only tunes timings: the base tests stay, so DC108 has nothing to say; the wget one is DC110
    assert [(r[0], r[1], r[2]) for r in got] == [("docker-compose.yml", "DC110", 8)]
    assert "image `odoo:18.0` does not ship" in got[0][4]
    files[".env"] = "ODOO_IMAGE=example/odoo-with-wget:18\n"
    assert _rows(tmp_path / "own", files) == []


def test_a_yaml_overlay_named_otherwise_is_not_a_project(tmp_path):
    proxy = "services:\n  proxy:\n    image: nginx:1.27\n    depends_on:\n      - odoo\n"
    assert _rows(tmp_path, {"compose/proxy.yaml": proxy}) == []
    got = _rows(tmp_path / "p", {"compose.yaml": proxy})
    assert [(r[1], r[2]) for r in got] == [("DC109", 4)]
