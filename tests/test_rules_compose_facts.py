"""The "compose" and "dockerfile" facts (FACTS.md contract) from real files."""
from pathlib import Path

from odoolint.engine import build_ruleset, lint_source
from odoolint.registry import load_rules

REG = load_rules()


def facts_of(tmp_path: Path, name: str, kind: str, text: str) -> dict:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    result = lint_source(str(p), name, kind, None, None, p.read_bytes(), REG,
                         build_ruleset(REG, frozenset(), None), None, {})
    assert result.errors == []
    return result.facts


COMPOSE = """\
x-common: &common
  restart: unless-stopped
  networks: [backend]
services:
  web:
    <<: *common
    image: odoo:17.0
    depends_on:
      db:
        condition: service_healthy
    ports:
      - "127.0.0.1:8069:8069"
      - target: 8072
        published: "8072"
    volumes:
      - ./config:/etc/odoo:ro
      - odoo-data:/var/lib/odoo
    environment:
      - HOST=pg
      - PASSWORD=pa$$word
    healthcheck:
      test: curl -f http://localhost:8069/web/health
    deploy:
      resources:
        limits:
          memory: 2g
  pg:
    image: postgres:16
    command: postgres -c max_connections=200
    networks:
      backend:
        aliases: [database]
    volumes:
      - /var/lib/postgresql/data
  proxy:
    image: nginx:1.27
    depends_on: [web]
  front:
    image: camptocamp/odoo-nginx:11.0-1.3.0
networks:
  backend:
volumes:
  odoo-data:
"""


def test_compose_facts_follow_merge_keys_and_both_syntaxes(tmp_path):
    data = facts_of(tmp_path, "docker-compose.yml", "compose", COMPOSE)["compose"]
    assert data["dir"] == str(tmp_path)
    assert data["networks"] == ["backend"] and data["volumes"] == ["odoo-data"]
    web = data["services"]["web"]
    assert web["image"] == "odoo:17.0" and web["build"] is None and web["command"] is None
    assert web["networks"] == {"backend": {"aliases": []}}
    assert web["environment"] == {"HOST": "pg", "PASSWORD": "pa$$word"}
    assert web["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert [(p["published"], p["target"], p["host_ip"]) for p in web["ports"]] == [
        ("8069", 8069, "127.0.0.1"), ("8072", 8072, None)]
    assert [(v["source"], v["target"], v["type"]) for v in web["volumes"]] == [
        ("./config", "/etc/odoo", "bind"), ("odoo-data", "/var/lib/odoo", "volume")]
    assert web["healthcheck"]["test"] == "curl -f http://localhost:8069/web/health"
    assert web["mem_limit"] == "2g"
    assert web["span"]["start"][:2] == [5, 3] and web["image_span"]["start"][:2] == [7, 12]
    assert (web["is_odoo"], web["is_postgres"], web["is_proxy"]) == (True, False, False)
    pg = data["services"]["pg"]
    assert pg["command"] == "postgres -c max_connections=200"
    assert pg["networks"] == {"backend": {"aliases": ["database"]}}
    assert pg["volumes"][0]["source"] is None and pg["volumes"][0]["target"] == "/var/lib/postgresql/data"
    assert (pg["is_odoo"], pg["is_postgres"], pg["is_proxy"]) == (False, True, False)
    proxy = data["services"]["proxy"]
    assert proxy["networks"] == {"default": {"aliases": []}}
    assert proxy["depends_on"] == {"web": {"condition": "service_started"}}
    assert proxy["is_proxy"] and not proxy["is_odoo"]
    front = data["services"]["front"]
    assert front["is_proxy"] and not front["is_odoo"]


def test_compose_facts_of_odd_documents_do_not_crash(tmp_path):
    assert facts_of(tmp_path, "compose.yaml", "compose", "services:\n  a: 3\n  b:\n")["compose"]["services"] == {}
    assert facts_of(tmp_path, "compose.yml", "compose", "- 1\n")["compose"]["services"] == {}


DOCKERFILE = """\
FROM python:3.12-slim AS build
RUN pip wheel -w /wheels lxml
FROM odoo:18.0
USER root
ENV ODOO_RC=/etc/odoo/custom.conf PIP_BREAK_SYSTEM_PACKAGES=1
ENV LEGACY some value
COPY --from=build /wheels /wheels
COPY --chown=odoo:odoo ./config/custom.conf ./extra /etc/odoo/
ADD ["addons", "/mnt/extra-addons"]
EXPOSE 8069 8072/tcp
HEALTHCHECK CMD curl -f http://localhost:8069/web/health
USER odoo
CMD odoo --dev=all
"""


def test_dockerfile_facts_describe_the_final_stage(tmp_path):
    data = facts_of(tmp_path, "Dockerfile", "dockerfile", DOCKERFILE)["dockerfile"]
    spans = data.pop("_spans")
    assert data.pop("_runs") == ["pip wheel -w /wheels lxml"] and data.pop("_any_entrypoint") is False
    assert spans["from"]["start"][:2] == [1, 1] and [c["start"][0] for c in spans["copies"]] == [7, 8, 9]
    assert spans["cmd"]["start"][:2] == [13, 1] and spans["env"]["LEGACY"]["start"][:2] == [6, 1]
    # the image reference on each FROM line (for DEP117's fix)
    assert [st.pop("_base_span") for st in data["stages"]] == [
        {"start": [1, 6, 5], "end": [1, 22, 21]}, {"start": [3, 6, 66], "end": [3, 15, 75]}]
    assert data == {
        "dir": str(tmp_path),
        "stages": [{"base": "python:3.12-slim", "name": "build", "line": 1},
                   {"base": "odoo:18.0", "name": None, "line": 3}],
        "expose": [8069, 8072],
        "copies": [{"src": ["/wheels"], "dest": "/wheels", "line": 7, "stage": 1, "from": "build"},
                   {"src": ["./config/custom.conf", "./extra"], "dest": "/etc/odoo/", "line": 8, "stage": 1},
                   {"src": ["addons"], "dest": "/mnt/extra-addons", "line": 9, "stage": 1}],
        "env": {"ODOO_RC": "/etc/odoo/custom.conf", "PIP_BREAK_SYSTEM_PACKAGES": "1", "LEGACY": "some value"},
        "cmd": ["odoo", "--dev=all"], "entrypoint": None,
        "healthcheck": "CMD curl -f http://localhost:8069/web/health", "user": "odoo", "has_dockerignore": None,
    }
