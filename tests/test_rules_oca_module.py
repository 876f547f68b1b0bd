"""OCA module checks (MF301-MF304) and the hooks' names for parse errors (MF001, XML001, CSV001, PO001)."""
from __future__ import annotations

import subprocess

from tests.helpers import lint, rows

MANIFEST = ("{\n    'name': 'M',\n    'version': '17.0.1.0.0',\n    'depends': ['base'],\n"
            "    'data': ['views/used.xml'],\n    'demo': [],\n    'installable': True,\n"
            "    'auto_install': False,  # kept: a comment blocks the fix\n"
            "    'external_dependencies': {'python': []},\n    'oca_data_manual': ['data/loaded_by_hook.xml'],\n}\n")
XML = '<?xml version="1.0" encoding="UTF-8" ?>\n<odoo/>\n'


def _tree():
    return {"m/__manifest__.py": MANIFEST, "m/__init__.py": "", "m/views/used.xml": XML,
            "m/views/forgotten.xml": XML, "m/data/loaded_by_hook.xml": XML, "m/views/sub/deep.xml": XML,
            "m/tests/data.xml": XML, "m/README.md": "# M\n"}


def test_file_not_used_and_readme(tmp_path):
    res = lint(tmp_path, _tree(), select=["MF301", "MF303"])
    assert rows(res, tmp_path) == [
        ("m/README.md", "MF303", 1, 1, "Prefer README.rst instead of README.md"),
        ("m/__manifest__.py", "MF301", 1, 1, "File `m/views/forgotten.xml` is not referenced in the manifest: add it "
         "to `data`/`demo`, or to `\"oca_data_manual\": [\"views/forgotten.xml\"]` if a hook loads it, or remove "
         "it")]
    not_installable = dict(_tree(), **{"m/__manifest__.py": MANIFEST.replace("'installable': True", "'installable': "
                                                                                                   "False")})
    assert rows(lint(tmp_path, not_installable, select=["MF301", "MF303"]), tmp_path) == []


def test_manifest_superfluous_key_and_fix(tmp_path):
    res = lint(tmp_path, _tree(), select=["MF304"])
    assert [r[1:] for r in rows(res, tmp_path)] == [
        ("MF304", 6, 5, "`demo` only repeats the default value: delete it"),
        ("MF304", 7, 5, "`installable` only repeats the default value: delete it"),
        ("MF304", 8, 5, "`auto_install` only repeats the default value: delete it"),
        ("MF304", 9, 31, "`python` only repeats the default value: delete it")]
    lint(tmp_path, select=["MF304"], fix=True)
    fixed = (tmp_path / "m/__manifest__.py").read_text()
    assert fixed == MANIFEST.replace("    'demo': [],\n    'installable': True,\n", "")
    lint(tmp_path, select=["MF304"], fix=True)
    assert (tmp_path / "m/__manifest__.py").read_text() == fixed
    clean = "{\n    'name': 'M',\n    'installable': False,\n    'active': False,\n}\n"
    assert rows(lint(tmp_path, {"m/__manifest__.py": clean}, select=["MF304"]), tmp_path) == []


def test_weblate_component_too_long(tmp_path):
    files = {"mod_with_a_rather_long_technical_name/__manifest__.py": "{'name': 'x'}\n",
             "mod_with_a_rather_long_technical_name/__init__.py": ""}
    res = lint(tmp_path, files, select=["MF302"])
    assert rows(res, tmp_path) == []            # no remote: no repository name
    (tmp_path / ".git").rmdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin",
                    "git@github.com:OCA/" + "long-" * 10 + "repository.git"], check=True)
    res = lint(tmp_path, select=["MF302"])
    name = "long-" * 10 + "repository-00.0-mod_with_a_rather_long_technical_name"
    assert rows(res, tmp_path) == [
        ("mod_with_a_rather_long_technical_name/__manifest__.py", "MF302", 1, 1,
         f"Repository name + Odoo version + addon name is too long for a Weblate component: '{name}' has "
         f"{len(name)} characters, more than 90")]


def test_hook_names_resolve_to_parse_error_rules():
    from odoolint.registry import REGISTRY, load_rules
    load_rules()
    assert {a: REGISTRY.by_alias[a] for a in ("manifest-syntax-error", "xml-syntax-error", "csv-syntax-error",
                                              "po-syntax-error")} == {
        "manifest-syntax-error": "MF001", "xml-syntax-error": "XML001", "csv-syntax-error": "CSV001",
        "po-syntax-error": "PO001"}


def test_oca_hooks_cfg_and_environment_map_to_selection(tmp_path, monkeypatch):
    from odoolint.config import load_settings
    monkeypatch.delenv("OCA_HOOKS_ENABLE", raising=False)
    monkeypatch.delenv("OCA_HOOKS_DISABLE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".oca_hooks.cfg").write_text("[MESSAGES_CONTROL]\ndisable = po-requires-module,"
                                             "xml-duplicate-record-id,no-such-check\n")
    s = load_settings(tmp_path)
    assert s.ignore == ["PO105", "XML201"]
    monkeypatch.setenv("OCA_HOOKS_ENABLE", "xml-header-missing")
    s = load_settings(tmp_path)
    assert s.extend_select == ["XML312"]
    assert "XML312" not in s.ignore and {"PO105", "XML201", "XML301", "MF001"} <= set(s.ignore)
    # the hooks' names are selectors too
    files = {"m/__manifest__.py": "{'name': 'm', 'data': ['a.xml']}\n", "m/a.xml": "<odoo/>\n"}
    (tmp_path / ".oca_hooks.cfg").unlink()
    monkeypatch.delenv("OCA_HOOKS_ENABLE")
    assert [r[1] for r in rows(lint(tmp_path, files, select=["xml-header-missing"]), tmp_path)] == ["XML312"]
