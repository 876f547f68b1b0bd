"""A pip install ships every rule package: pyproject's explicit package list must name each folder that is one.

`odoolint.rules.pgbouncer` was missing from the list, so a regular (non-editable) install had no PGB rules and
its rule index named modules the install lacked (every one-file run then imported all rule modules)."""
from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _packages_on_disk() -> set[str]:
    found = set()
    for top, dotted in (("odoolint", "odoolint"), ("rules", "odoolint.rules")):
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top)
            found.add(".".join([dotted, *rel.parts]) if rel.parts else dotted)
    return found


def test_every_package_folder_is_listed_in_pyproject():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(conf["tool"]["setuptools"]["packages"])
    on_disk = _packages_on_disk()
    assert "odoolint.rules.pgbouncer" in on_disk
    assert on_disk - listed == set()
    assert listed - on_disk == set()


def test_the_rule_index_names_only_modules_of_listed_packages():
    import json

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(conf["tool"]["setuptools"]["packages"])
    index = json.loads((ROOT / "odoolint" / "data" / "rule_index.json").read_text(encoding="utf-8"))
    missing = sorted(m for m in index["modules"] if m.rsplit(".", 1)[0] not in listed)
    assert missing == []
