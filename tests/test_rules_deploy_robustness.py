"""Odd compose files, Dockerfiles, env files and confs never crash a DC/DF/DEP/ENV rule."""
import pytest

from tests.helpers import lint

ODD_COMPOSE = [
    "services: []\n",
    "services:\n  odoo: [1, 2]\n",
    "services:\n  odoo:\n    image: [odoo]\n    ports: {a: 1}\n    volumes: {x: y}\n    environment: [{A: 1}, 3]\n",
    "services:\n  odoo:\n    image: odoo:17.0\n    healthcheck: curl\n    depends_on: 3\n    networks: 7\n",
    "services:\n  odoo:\n    image: odoo:17.0\n    healthcheck:\n      test: 5\n    labels: [1, '=x']\n"
    "    command: {a: b}\n    configs: [{}, 3]\n    env_file: [{path: a.env}, 3]\n",
    "services:\n  db:\n    image: 16\n    command: [-c, max_connections=abc]\n    volumes: [':', '::', '']\n",
    "x: &a [*a]\n",
    "services:\n  odoo:\n    <<: [1, {image: odoo:17.0}]\n    volumes: ['./c:/etc/odoo']\nconfigs: 3\n",
    "services:\n  odoo:\n    image: odoo:17.0\n    ports: ['abc', '1-5:1-5', '[::1]:8069:8069/udp']\n",
]


@pytest.mark.parametrize("text", ODD_COMPOSE)
def test_odd_compose_files(tmp_path, text):
    files = {"docker-compose.yml": text, "c/odoo.conf": "[options]\nworkers = x\ndb_maxconn = -1\n",
             "Dockerfile": "FROM odoo:17.0\nHEALTHCHECK NONE\nCOPY\nENV\nEXPOSE abc\nUSER\n", "a.env": "=x\nA\n"}
    result = lint(tmp_path, files, select=["DC", "DF", "DEP", "ENV"])
    assert result.errors == []


@pytest.mark.parametrize("text", [
    "ARG X\nFROM ${X}\nRUN pip install a\n",
    "FROM odoo:18.0 AS a\nFROM a AS b\nFROM b\nRUN pip install x\n",
    "FROM odoo:17.0\nCMD\nENTRYPOINT []\nCOPY [\"a\"\n",
    "FROM scratch\nCOPY --from=0 / /\n",
])
def test_odd_dockerfiles(tmp_path, text):
    result = lint(tmp_path, {"Dockerfile": text, "docker-compose.yml": "services:\n  o:\n    build: .\n"},
                  select=["DC", "DF", "DEP", "ENV"])
    assert result.errors == []
