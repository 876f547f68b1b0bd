"""Dockerfile rules DF101-DF104: exact positions and messages."""
from tests.helpers import lint, rows


def df(tmp_path, text, code):
    return rows(lint(tmp_path, {"Dockerfile": text}, select=[code]), tmp_path)


def test_df101_trixie_python_slim_is_an_error(tmp_path):
    text = ("FROM python:3.12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n"
            "       wkhtmltopdf fonts-noto\n")
    result = lint(tmp_path, {"Dockerfile": text}, select=["DF101"])
    assert rows(result, tmp_path) == [(
        "Dockerfile", "DF101", 4, 8,
        "`python:3.12-slim` is Debian trixie, which has no wkhtmltopdf package: the build fails with 'has no "
        "installation candidate'; base the image on `odoo:<series>` or install the patched wkhtmltox 0.12.6.1 .deb "
        "from wkhtmltopdf/packaging")]
    assert result.diagnostics[0].severity.value == "error"


def test_df101_bookworm_is_a_warning_and_stage_aliases_resolve(tmp_path):
    text = "FROM python:3.11-slim-bookworm AS base\nFROM base\nRUN apt install -y wkhtmltopdf\n"
    assert df(tmp_path, text, "DF101") == []            # not an Odoo image: the unpatched build is someone's choice
    text += "RUN pip install odoo==17.0\n"
    result = lint(tmp_path, {"Dockerfile": text}, select=["DF101"])
    assert [r[:4] for r in rows(result, tmp_path)] == [("Dockerfile", "DF101", 3, 20)]
    assert result.diagnostics[0].severity.value == "warning"


def test_df101_negatives(tmp_path):
    assert df(tmp_path, "FROM odoo:17.0\nUSER root\nRUN apt-get install -y wkhtmltopdf\nUSER odoo\n", "DF101") == []
    assert df(tmp_path, "FROM python:3.12-slim\nRUN curl -LO https://x/wkhtmltox.deb && apt-get install -y "
                        "./wkhtmltox.deb\n", "DF101") == []
    assert df(tmp_path, "FROM python:3.12-alpine\nRUN apk add wkhtmltopdf\n", "DF101") == []


def test_df102_pip_on_noble(tmp_path):
    text = "FROM odoo:18.0\nUSER root\nCOPY requirements.txt /tmp/\nRUN pip3 install -r /tmp/requirements.txt\nUSER odoo\n"
    assert df(tmp_path, text, "DF102") == [(
        "Dockerfile", "DF102", 4, 5,
        "`pip install` on `odoo:18.0` (Ubuntu noble) fails with 'externally-managed-environment' (PEP 668) and "
        "the build stops; add `--break-system-packages` or set `ENV PIP_BREAK_SYSTEM_PACKAGES=1`")]


def test_df102_negatives(tmp_path):
    for text in (
        "FROM odoo:17.0\nUSER root\nRUN pip3 install phonenumbers\nUSER odoo\n",
        "FROM odoo:19.0\nUSER root\nRUN pip3 install --break-system-packages phonenumbers\nUSER odoo\n",
        "FROM odoo:18.0\nUSER root\nENV PIP_BREAK_SYSTEM_PACKAGES=1\nRUN pip3 install phonenumbers\nUSER odoo\n",
        "FROM odoo:18.0\nUSER root\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install x\nUSER odoo\n",
        "FROM python:3.12-slim\nRUN pip install odoo\n",
    ):
        assert df(tmp_path, text, "DF102") == [], text


def test_df103_apt_as_odoo_and_final_root(tmp_path):
    text = "FROM odoo:17.0\nRUN apt-get update\nUSER root\nRUN pip3 install x\n"
    assert df(tmp_path, text, "DF103") == [
        ("Dockerfile", "DF103", 2, 5, "`apt-get` runs as user `odoo` (the `odoo:17.0` image ends with `USER odoo`): "
         "the build fails with 'Permission denied'; add `USER root` before it and `USER odoo` after"),
        ("Dockerfile", "DF103", 3, 1, "The image still runs as `root` after this `USER` line: Odoo then runs as "
         "root, so any code execution in Odoo owns the container; add `USER odoo` at the end"),
    ]


def test_df103_negatives(tmp_path):
    for text in (
        "FROM odoo:17.0\nUSER root\nRUN apt-get update\nUSER odoo\n",
        "FROM odoo:17.0\nRUN pip3 install --user x\n",
        "FROM python:3.12-slim\nRUN apt-get update\n",
        "FROM odoo:17.0 AS build\nUSER root\nRUN apt-get update\nFROM odoo:17.0\nCOPY --from=build /x /x\n",
    ):
        assert df(tmp_path, text, "DF103") == [], text


def test_df104_unpinned_odoo_base(tmp_path):
    assert df(tmp_path, "FROM odoo\n", "DF104") == [(
        "Dockerfile", "DF104", 1, 6, "`FROM odoo` has no Odoo major: the next build can bring a new major that "
        "cannot open the existing database; pin it, e.g. `odoo:18.0`")]
    assert [r[:4] for r in df(tmp_path, "FROM odoo:16.0 AS x\n", "DF104")] == [("Dockerfile", "DF104", 1, 6)]
    assert df(tmp_path, "FROM odoo:18.0\n", "DF104") == []
    assert df(tmp_path, "FROM ubuntu:24.04 AS odoo\nFROM odoo AS dev\n", "DF104") == []
    assert df(tmp_path, "ARG V=18.0\nFROM odoo:${V}\n", "DF104") == []


def test_an_exec_form_nested_past_the_recursion_limit_is_not_an_internal_error(tmp_path):
    """`json.loads` raises RecursionError on arrays nested that deep: not an array of strings, so the
    instruction is read as shell form and no fact extractor fails (the fuzz harness found it, seed 11)."""
    text = "FROM odoo:17.0\nCOPY " + "[" * 5000 + "]" * 5000 + " /x\n"
    r = lint(tmp_path, {"Dockerfile": text}, select=["OL003", "DF"])
    assert [x for x in rows(r, tmp_path) if x[1] == "OL003"] == []
    assert r.errors == []
