"""Shared set-up of the rules/python tests: one addon at 18.0 with one Python file, linted for a target."""
from tests.helpers import lint

MAN = "{'name': 'X', 'version': '18.0.1.0.0', 'license': 'LGPL-3'}\n"


def run(tmp_path, src, select, version="19.0", fix=False, unsafe=False, path="my_mod/models/m.py"):
    files = {"my_mod/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def fixed(tmp_path, src, select, version="19.0", unsafe=False, path="my_mod/models/m.py"):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe, path=path)
    out = (tmp_path / path).read_text()
    again = run(tmp_path, None, select, version, fix=True, unsafe=unsafe)
    assert (tmp_path / path).read_text() == out          # a second run changes nothing
    compile(out, path, "exec")                             # still parses
    return out, again


P = "my_mod/models/m.py"


def run_19(tmp_path, src, select, version="19.0", fix=False):
    files = {"my_mod/__manifest__.py": MAN, P: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix)
