"""Discovery and classification: by name, then by content; .gitignore and excludes honoured."""
from pathlib import Path

import pytest

from odoolint.classify import classify
from odoolint.discovery import discover
from tests.helpers import write_tree


@pytest.mark.parametrize("path,head,kind", [
    ("addons/x/__manifest__.py", b"", "manifest"),
    ("addons/x/__openerp__.py", b"", "manifest"),
    ("addons/x/models/a.py", b"", "python"),
    ("superset/superset_config.py", b"", "superset-config"),
    ("addons/x/views/v.xml", b"", "xml"),
    ("addons/x/security/ir.model.access.csv", b"", "csv"),
    ("addons/x/data/res.partner-demo.csv", b"", "csv"),
    ("addons/x/tests/data/sheet02.csv", b"", None),
    ("addons/x/i18n/fr.po", b"", "po"),
    ("addons/x/i18n_extra/fr.pot", b"", "po"),
    ("addons/x/doc/locale/fr/LC_MESSAGES/api.po", b"", None),     # Sphinx: never loaded by Odoo
    ("fr.po", b"", None),
    ("addons/x/static/src/a.js", b"", "js"),
    ("Dockerfile", b"", "dockerfile"),
    ("docker/Dockerfile.prod", b"", "dockerfile"),
    ("prod.Dockerfile", b"", "dockerfile"),
    (".env", b"", "env-file"),
    ("deploy/prod.env", b"", "env-file"),
    ("requirements-dev.txt", b"", "requirements"),
    (".github/workflows/ci.yml", b"", "gh-workflow"),
    ("docker-compose.prod.v0.10.0.yml", b"", "compose"),
    ("compose.yaml", b"", "compose"),
    (".do/app.yaml", b"", "do-app-spec"),
    ("infra/do/x.yaml", b"name: shop\nregion: fra\nservices:\n- name: odoo\n  http_port: 8069\n", "do-app-spec"),
    ("stack/prod.yml", b"services:\n  odoo:\n    image: odoo:17\n", "compose"),
    ("ci/lint.yml", b"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n", "gh-workflow"),
    ("config/odoo.prod.conf", b"", "odoo-conf"),
    ("etc/server.conf", b"[options]\ndb_host = db\n", "odoo-conf"),
    ("etc/lost-header.conf", b"db_host = db\nadmin_passwd = x\n", "odoo-conf"),
    ("nginx/nginx.conf", b"server { listen 80; }\n", "nginx-conf"),
    ("nginx/odoo.conf", b"upstream odoo {\n  server web:8069;\n}\n", "nginx-conf"),
    ("apache/odoo.conf", b"<VirtualHost *:80>\n</VirtualHost>\n", None),
    ("etc/app.conf", b"key value\n", None),
    ("deploy/odoo.conf", b"", "odoo-conf"),
    ("mkdocs.yml", b"site_name: x\n", None),
    ("README.md", b"", None),
])
def test_classify(path, head, kind):
    assert classify(path, lambda: head) == kind


def test_discover_honours_gitignore_excludes_and_knows_addons(tmp_path: Path):
    write_tree(tmp_path, {
        ".gitignore": "ignored/\n*.bak.py\n",
        "addons/shop/__manifest__.py": "{'name': 'Shop'}\n",
        "addons/shop/models/sale.py": "x = 1\n",
        "addons/shop/models/old.bak.py": "x = 1\n",
        "ignored/odoo.conf": "[options]\n",
        "vendor/lib.py": "x = 1\n",
        "sub/.gitignore": "local.py\n",
        "sub/local.py": "x = 1\n",
        "sub/kept.py": "x = 1\n",
        "node_modules/x/index.py": "x = 1\n",
    })
    refs = discover([tmp_path], tmp_path, exclude=["vendor"])
    got = {r.relpath: (r.kind, r.addon) for r in refs}
    assert got == {
        "addons/shop/__manifest__.py": ("manifest", "shop"),
        "addons/shop/models/sale.py": ("python", "shop"),
        "sub/kept.py": ("python", None),
    }


def test_explicit_paths_bypass_excludes_unless_forced(tmp_path: Path):
    write_tree(tmp_path, {"vendor/lib.py": "x = 1\n"})
    target = tmp_path / "vendor" / "lib.py"
    assert [r.relpath for r in discover([target], tmp_path, exclude=["vendor"])] == ["vendor/lib.py"]
    assert discover([target], tmp_path, exclude=["vendor"], force_exclude=True) == []


def test_an_explicitly_given_excluded_folder_is_linted(tmp_path: Path):
    write_tree(tmp_path, {"fixtures/demo/odoo.conf": "[options]\n", "fixtures/demo/old/x.py": "x = 1\n",
                          "fixtures/other.py": "x = 1\n"})
    refs = discover([tmp_path / "fixtures" / "demo"], tmp_path, exclude=["fixtures", "old"])
    assert [r.relpath for r in refs] == ["fixtures/demo/odoo.conf"]
    assert discover([tmp_path], tmp_path, exclude=["fixtures"]) == []
    assert discover([tmp_path / "fixtures" / "demo"], tmp_path, exclude=["fixtures"], force_exclude=True) == []


def test_name_globs_are_one_regex_that_matches_as_pathspec_does():
    """`*.pyc`-style lines (no slash, class, negation or `**`) skip pathspec; the regex must answer as pathspec does."""
    import pathspec

    from odoolint.discovery import _compile

    lines = ["*.pyc", "*.py?", ".DS_Store", "*", "build*"]
    paths = ["a.pyc", "x/a.pyc", "x/a.pyc/", "a.pyo", "a.py", "src/a.pyx", "x/.DS_Store", "x/.DS_Storex",
             "build/", "build2/y.txt", "rebuild/z", "deep/er/build/a", "a.pycx"]
    for pats in (lines[:1], lines[:2], lines[:3], lines[4:], lines):
        spec = _compile(pats)
        assert not isinstance(spec, pathspec.PathSpec), pats
        ref = pathspec.GitIgnoreSpec.from_lines(pats)
        for p in paths:
            assert (spec.search(p) is not None) == ref.match_file(p), (pats, p)


def test_globs_outside_the_name_subset_still_go_to_pathspec():
    import pathspec

    from odoolint.discovery import _compile

    for pats in (["docs/*.rst"], ["*.pyc", "!keep.pyc"], ["**/tmp"], ["[ab].txt"], ["*.log "]):
        assert isinstance(_compile(pats), pathspec.PathSpec), pats
