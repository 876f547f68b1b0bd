"""DEP117: the Odoo image major against an explicit target version."""
from pathlib import Path

from tests.helpers import lint, rows

COMPOSE = "services:\n  web:\n    image: odoo:17.0  # the server\n  db:\n    image: postgres:16\n"
MSG = ("{where} runs the Odoo 17 image but the target is 19.0: the addons are checked for 19.0 while 17 would run "
       "them, and a database upgraded by 19 cannot be opened by 17; switch the image to `odoo:19.0` together with "
       "the database upgrade")


def test_explicit_target_against_compose_and_dockerfile_images(tmp_path: Path):
    files = {"docker-compose.yml": COMPOSE, "image/Dockerfile": "FROM odoo:17.0 AS base\nUSER odoo\n"}
    assert rows(lint(tmp_path, files, odoo_version="19.0", select=["DEP117"]), tmp_path) == [
        ("docker-compose.yml", "DEP117", 3, 12, MSG.format(where="service `web`")),
        ("image/Dockerfile", "DEP117", 1, 6, MSG.format(where="this Dockerfile")),
    ]
    lint(tmp_path, odoo_version="19.0", select=["DEP117"], fix=True, unsafe=True)
    assert (tmp_path / "docker-compose.yml").read_text() == COMPOSE.replace("odoo:17.0", "odoo:19.0")
    assert (tmp_path / "image/Dockerfile").read_text() == "FROM odoo:19.0 AS base\nUSER odoo\n"
    again = lint(tmp_path, odoo_version="19.0", select=["DEP117"], fix=True, unsafe=True)
    assert again.fixed == {} and rows(again, tmp_path) == []


def test_silent_for_matching_images_detected_targets_and_other_images(tmp_path: Path):
    files = {"docker-compose.yml": COMPOSE.replace("odoo:17.0", "odoo:19.0"),
             "other/docker-compose.yml": "services:\n  web:\n    image: ghcr.io/acme/odoo:17.0\n"}
    assert rows(lint(tmp_path, files, odoo_version="19.0", select=["DEP117"]), tmp_path) == []
    # a target detected from manifests is compared with image tags by OL002, not here
    files = {"docker-compose.yml": COMPOSE, "m/__manifest__.py": "{'name': 'm', 'version': '19.0.1.0.0'}\n"}
    res = lint(tmp_path / "detected", files, select=["DEP117", "OL002"])
    assert [r[1] for r in rows(res, tmp_path / "detected")] == ["OL002"]
