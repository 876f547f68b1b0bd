"""Tests of rules/python/renames/imports.py (PY106, PY202)."""
from tests.helpers import lint, rows

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


REG = '''from odoo import api, fields, models, registry


def job(db):
    with registry(db).cursor() as cr:
        return cr
'''


def test_registry_import(tmp_path):
    r = run(tmp_path, REG, ["PY202"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY202", 1, 1, "`from odoo import registry` was removed "
                                  "in Odoo 19.0: use `from odoo.modules.registry import Registry`")]
    assert r.diagnostics[0].severity.value == "error"
    r18 = run(tmp_path, None, ["PY202"], version="18.0")
    assert [d.severity.value for d in r18.diagnostics] == ["warning"]
    out, _ = fixed(tmp_path, REG, ["PY202"])
    assert out == ("from odoo import api, fields, models\nfrom odoo.modules.registry import Registry\n\n\n"
                   "def job(db):\n    with Registry(db).cursor() as cr:\n        return cr\n")


def test_registry_attribute_and_existing_import(tmp_path):
    src = ("import odoo\nfrom odoo.modules.registry import Registry\nfrom odoo import registry\n"
           "x = odoo.registry('db')\ny = registry('db')\n")
    out, _ = fixed(tmp_path, src, ["PY202"])
    assert out == ("import odoo\nfrom odoo.modules.registry import Registry\n"
                   "x = odoo.modules.registry.Registry('db')\ny = Registry('db')\n")


def test_registry_shadowed_no_fix(tmp_path):
    src = "from odoo import registry\n\ndef f(registry):\n    return registry\n"
    r = run(tmp_path, src, ["PY202"])
    assert [d.fix for d in r.diagnostics] == [None]
    assert rows(run(tmp_path, "from odoo import registry\n", ["PY202"], version="17.0"), tmp_path) == []


def test_lazy_property(tmp_path):
    src = "from odoo.tools import lazy_property, float_round\n\n\nclass A:\n    @lazy_property\n    def x(self):\n        return 1\n"
    r = run(tmp_path, src, ["PY106"])
    assert rows(r, tmp_path) == [("my_mod/models/m.py", "PY106", 1, 1, "`from odoo.tools import lazy_property` is "
                                  "deprecated in Odoo 19.0: use `from functools import cached_property`")]
    out, _ = fixed(tmp_path, src, ["PY106"])
    assert out == ("from odoo.tools import float_round\nfrom functools import cached_property\n\n\nclass A:\n"
                   "    @cached_property\n    def x(self):\n        return 1\n")


def test_registry_import_canonical_layout_needs_no_libcst(tmp_path, monkeypatch):
    """The one-line `from x import a, b as c` is rewritten as text (libcst costs 0.2 s to import)."""
    import sys
    monkeypatch.setitem(sys.modules, "libcst", None)          # importing it would raise ImportError
    src = "from odoo import api, registry, models as m\n\nx = registry('db')\n"
    out, _ = fixed(tmp_path, src, ["PY202"])
    assert out == ("from odoo import api, models as m\nfrom odoo.modules.registry import Registry\n\n"
                   "x = Registry('db')\n")


def test_registry_import_parenthesised_keeps_comments(tmp_path):
    src = "from odoo import (\n    api,  # the decorators\n    registry,\n    models,\n)\n\nx = registry('db')\n"
    out, _ = fixed(tmp_path, src, ["PY202"])
    assert out == ("from odoo import (\n    api,  # the decorators\n    models,\n)\n"
                   "from odoo.modules.registry import Registry\n\nx = Registry('db')\n")
