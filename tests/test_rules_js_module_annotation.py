"""JS151 odoo-module-annotation-redundant (opt-in): exact findings, folders, kept variants, fixed text and a
second fix that changes nothing."""
from __future__ import annotations

from tests.test_rules_js import fixed, found

SRC = '/** @odoo-module **/\n\nimport { registry } from "@web/core/registry";\n'
MSG = "`@odoo-module` is redundant since Odoo 18.0: every file under static/src and static/tests is an ES module"


def test_js151_finds_and_deletes_the_annotation_and_its_blank_line(tmp_path):
    assert found(tmp_path, SRC, ["JS151"]) == [("JS151", 1, 1, MSG)]
    assert fixed(tmp_path, SRC, ["JS151"]) == 'import { registry } from "@web/core/registry";\n'
    crlf = '/* @odoo-module */\r\nimport { x } from "@web/y";\r\n'
    fixed(tmp_path, crlf, ["JS151"], path="m/static/tests/t.test.js")
    assert (tmp_path / "m/static/tests/t.test.js").read_bytes() == b'import { x } from "@web/y";\r\n'
    assert fixed(tmp_path, '// /** @odoo-module **/\n/**\n * Copyright\n */\n', ["JS151"]) == \
        "/**\n * Copyright\n */\n"


def test_js151_negative(tmp_path):
    assert found(tmp_path / "a", SRC, ["JS151"], version="17.0") == []
    assert found(tmp_path / "b", SRC, ["JS151"], path="m/static/lib/x/a.js") == []
    assert found(tmp_path / "c", SRC, ["JS151"], path="m/static/description/a.js") == []
    for i, kept in enumerate( ("/** @odoo-module ignore **/\n", "/** @odoo-module alias=web.Widget **/\n",
                 "/** @odoo-module default=false **/\n", "const a = 1; /** @odoo-module **/\n",
                 "/**\n * @odoo-module\n */\n")):
        assert found(tmp_path / str(i), kept + "export const b = 2;\n", ["JS151"]) == [], kept

def test_js151_is_opt_in():
    from odoolint.registry import REGISTRY
    REGISTRY.meta("JS151")
    assert "JS151" not in REGISTRY.default_codes()
