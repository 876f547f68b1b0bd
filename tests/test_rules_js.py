"""JavaScript rules (JS001, JS101-JS107): exact findings, version gates, fixed text and a second fix that
changes nothing, on real files parsed by tree-sitter."""
from __future__ import annotations

from tests.helpers import lint, rows

MAN = "{'name': 'M', 'version': '16.0.1.0.0', 'license': 'LGPL-3', 'depends': ['web']}\n"
P = "m/static/src/js/a.js"


def run(tmp_path, src, select, version="18.0", fix=False, unsafe=False, path=P):
    files = {"m/__manifest__.py": MAN, path: src} if src is not None else None
    return lint(tmp_path, files, odoo_version=version, select=select, fix=fix, unsafe=unsafe)


def found(tmp_path, src, select, version="18.0", path=P):
    return [r[1:] for r in rows(run(tmp_path, src, select, version, path=path), tmp_path)]


def fixed(tmp_path, src, select, version="18.0", unsafe=False, path=P):
    run(tmp_path, src, select, version, fix=True, unsafe=unsafe, path=path)
    out = (tmp_path / path).read_text(encoding="utf-8")
    run(tmp_path, None, select, version, fix=True, unsafe=unsafe, path=path)
    assert (tmp_path / path).read_text(encoding="utf-8") == out      # a second --fix changes nothing
    assert [r for r in rows(run(tmp_path, None, ["JS001"], version), tmp_path)] == []   # still parses
    return out


# ---- JS001 -------------------------------------------------------------------------------------------------

def test_parse_error_reports_first_error_and_other_rules_still_run(tmp_path):
    src = ('import { patch } from "@web/core/utils/patch";\n'
           'patch(A.prototype, "x", { setup() {} });\n'
           'let broken = {;\n')
    assert found(tmp_path, src, ["JS001", "JS102"]) == [
        ("JS001", 3, 15, "JavaScript syntax error: missing `}`"),
        ("JS102", 2, 20, "`patch()` takes no name from Odoo 18.0: `patch(obj, extension)` (a string second "
                         "argument throws)")]


def test_parse_error_negative_and_vendored_libs(tmp_path):
    ok = "const a = { b: [1, 2], c: `x${1}` };\nclass K { static t = 1; #p = 2; m() { return a?.b ?? 0; } }\n"
    assert found(tmp_path, ok, ["JS001"]) == []
    assert found(tmp_path, "var x = {;\n", ["JS001"], path="m/static/lib/vendor.js") == []


def test_positions_count_characters_not_bytes(tmp_path):
    src = 'const s = "é€";\npatch(A.prototype, "é", {});\n'
    assert found(tmp_path, src, ["JS102"]) == [
        ("JS102", 2, 20, "`patch()` takes no name from Odoo 18.0: `patch(obj, extension)` (a string second "
                         "argument throws)")]
    assert fixed(tmp_path, src, ["JS102"]) == 'const s = "é€";\npatch(A.prototype, {});\n'


# ---- JS101 -------------------------------------------------------------------------------------------------

LEGACY = """odoo.define('m.legacy', function (require) {
    "use strict";
    var Widget = require('web.Widget');
});
odoo.define("m.modern", ["@web/core/registry"], function (require) {});
"""


def test_legacy_odoo_define(tmp_path):
    assert found(tmp_path, LEGACY, ["JS101"], version="17.0") == [
        ("JS101", 1, 1, "legacy `odoo.define('m.legacy', function (require) {...})`: Odoo 17.0's module loader "
                        "requires a dependency array and the legacy modules it requires are gone; rewrite the "
                        "file as an ES module (`import ... from \"@web/...\"`)")]
    assert found(tmp_path, LEGACY, ["JS101"], version="16.0") == []


# ---- JS102 / JS103 -----------------------------------------------------------------------------------------

PATCH = """/** @odoo-module **/
import { patch } from "@web/core/utils/patch";

patch(FormController.prototype, "m.FormController", {
    setup() {
        this._super(...arguments);
        const inner = function () { return this._super(); };
        const arrow = () => this._super;
    },
    onClick: function (ev) {
        return this._super.apply(this, arguments);
    },
    async save(a, b) {
        await this._super.call(this, a, b);
        return this._super.apply(this, arguments);
    },
});
patch(ListRenderer.prototype, "m.pure", { x() {} }, { pure: true });
"""

PATCH_FIXED = """/** @odoo-module **/
import { patch } from "@web/core/utils/patch";

patch(FormController.prototype, {
    setup() {
        super.setup(...arguments);
        const inner = function () { return this._super(); };
        const arrow = () => this._super;
    },
    onClick: function (ev) {
        return this._super.apply(this, arguments);
    },
    async save(a, b) {
        await super.save(a, b);
        return super.save(...arguments);
    },
});
patch(ListRenderer.prototype, "m.pure", { x() {} }, { pure: true });
"""


def test_patch_name_and_super(tmp_path):
    assert found(tmp_path, PATCH, ["JS102", "JS103"], version="17.0") == [
        ("JS102", 4, 33, "`patch()` takes no name from Odoo 17.0: `patch(obj, extension)` (a string second "
                         "argument throws)"),
        ("JS102", 18, 31, "`patch()` takes no name from Odoo 17.0: `patch(obj, extension)` (a string second "
                          "argument throws)"),
        ("JS103", 6, 9, "`this._super` does not exist in Odoo 17.0 patches: call `super.setup(...)`"),
        ("JS103", 8, 29, "`this._super` does not exist in Odoo 17.0 patches: call `super.setup(...)`"),
        ("JS103", 11, 16, "`this._super` does not exist in Odoo 17.0 patches: call `super.onClick(...)` (write "
                          "the method as `onClick(...) {...}`)"),
        ("JS103", 14, 15, "`this._super` does not exist in Odoo 17.0 patches: call `super.save(...)`"),
        ("JS103", 15, 16, "`this._super` does not exist in Odoo 17.0 patches: call `super.save(...)`"),
    ]
    assert found(tmp_path, PATCH, ["JS102", "JS103"], version="16.0") == []


def test_patch_fixes(tmp_path):
    assert fixed(tmp_path, PATCH, ["JS102", "JS103"], version="17.0") == PATCH_FIXED


ACCESSORS = """/** @odoo-module **/
import {patch} from "@web/core/utils/patch";

patch(BooleanField.prototype, {
    get isReadonly() {
        if (this.props.record.bypass_readonly) {
            return false;
        }
        return this._super(...arguments);
    },
    get props2() {
        const props = this._super.call(this);
        return props;
    },
    set value(v) {
        this._super(v);
    },
    set other(v) {
        return this._super(v);
    },
});
"""


def test_patch_super_in_getters_and_setters(tmp_path):
    """16.0's patch bound `this._super` to the previous getter or setter: 17.0 reads `super.x` / assigns
    `super.x = v`; a setter's `this._super(v)` used as a value is reported only (the assignment's value differs)."""
    assert found(tmp_path, ACCESSORS, ["JS103"], version="17.0") == [
        ("JS103", 9, 16, "`this._super` does not exist in Odoo 17.0 patches: read `super.isReadonly`"),
        ("JS103", 12, 23, "`this._super` does not exist in Odoo 17.0 patches: read `super.props2`"),
        ("JS103", 16, 9, "`this._super` does not exist in Odoo 17.0 patches: assign `super.value = value`"),
        ("JS103", 19, 16, "`this._super` does not exist in Odoo 17.0 patches: assign `super.other = value`"),
    ]
    out = fixed(tmp_path, ACCESSORS, ["JS103"], version="17.0")
    assert out == ACCESSORS.replace("return this._super(...arguments);", "return super.isReadonly;").replace(
        "const props = this._super.call(this);", "const props = super.props2;").replace(
        "        this._super(v);\n", "        super.value = v;\n")


def test_patch_negatives(tmp_path):
    src = ('patch(A.prototype, { setup() { super.setup(); } });\n'
           'const W = Widget.extend({ start() { return this._super(); } });\n')
    assert found(tmp_path, src, ["JS102", "JS103"]) == []


# ---- JS104 -------------------------------------------------------------------------------------------------

RPC = """/** @odoo-module **/
import { Component } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";

export class A extends Component {
    setup() {
        this.rpc = useService("rpc");
        this.orm = useService("orm");
    }
    async load() {
        return await this.rpc("/m/data", { id: 1 });
    }
}

export function useData() {
    const call = useService("rpc");
    return call("/m/other");
}

export class B extends Component {
    setup() { this.x = useService("rpc"); this.y = 1; }
}
"""

RPC_FIXED = """/** @odoo-module **/
import { Component } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";
import { rpc } from "@web/core/network/rpc";
import { rpc as call } from "@web/core/network/rpc";

export class A extends Component {
    setup() {
        this.orm = useService("orm");
    }
    async load() {
        return await rpc("/m/data", { id: 1 });
    }
}

export function useData() {
    return call("/m/other");
}

export class B extends Component {
    setup() { this.x = useService("rpc"); this.y = 1; }
}
"""


def test_rpc_service(tmp_path):
    msg = ("the `rpc` service does not exist in Odoo 18.0: `import { rpc } from \"@web/core/network/rpc\"` and "
           "call `rpc(route, params)`")
    assert found(tmp_path, RPC, ["JS104"]) == [("JS104", 7, 20, msg), ("JS104", 16, 18, msg),
                                               ("JS104", 21, 24, msg)]
    assert found(tmp_path, RPC, ["JS104"], version="17.0") == []
    r = run(tmp_path, RPC, ["JS104"], fix=True)
    assert (tmp_path / P).read_text() == RPC                # unsafe: not applied by a plain --fix
    assert len(r.diagnostics) == 3
    assert fixed(tmp_path, RPC, ["JS104"], unsafe=True) == RPC_FIXED


# ---- JS105 -------------------------------------------------------------------------------------------------

def test_lazy_translation(tmp_path):
    src = ('import { _lt } from "@web/core/l10n/translation";\n'
           'export const LABEL = _lt("Label");\nconst o = { _lt: 1 };\n')
    assert found(tmp_path, src, ["JS105"]) == [
        ("JS105", 1, 10, "`_lt` does not exist in Odoo 18.0: `_t` is lazy, use it")]
    assert fixed(tmp_path, src, ["JS105"]) == ('import { _t } from "@web/core/l10n/translation";\n'
                                               'export const LABEL = _t("Label");\nconst o = { _lt: 1 };\n')
    both = ("import { _t, _lt } from '@web/core/l10n/translation';\n"
            "const a = _lt('A'), b = _t('B');\n")
    assert fixed(tmp_path, both, ["JS105"]) == ("import { _t } from '@web/core/l10n/translation';\n"
                                                "const a = _t('A'), b = _t('B');\n")
    assert found(tmp_path, src, ["JS105"], version="17.0") == []
    assert found(tmp_path, 'import { _t } from "@web/core/l10n/translation";\n', ["JS105"]) == []


# ---- JS106 -------------------------------------------------------------------------------------------------

def test_js_view_type_tree(tmp_path):
    src = ('this.action.doAction({\n    views: [[false, "tree"], [false, "form"]],\n'
           '    view_mode: "tree,form",\n    "viewType": \'tree\',\n    name: "tree view",\n});\n')
    assert found(tmp_path, src, ["JS106"]) == [
        ("JS106", 2, 21, "`tree` view type in `views`: it is `list` since Odoo 18.0"),
        ("JS106", 3, 16, "`tree` view type in `view_mode`: it is `list` since Odoo 18.0"),
        ("JS106", 4, 17, "`tree` view type in `viewType`: it is `list` since Odoo 18.0")]
    assert fixed(tmp_path, src, ["JS106"]) == (
        'this.action.doAction({\n    views: [[false, "list"], [false, "form"]],\n'
        '    view_mode: "list,form",\n    "viewType": \'list\',\n    name: "tree view",\n});\n')
    assert found(tmp_path, src, ["JS106"], version="17.0") == []


# ---- JS107 -------------------------------------------------------------------------------------------------

def test_field_registry_component(tmp_path):
    src = ('import { registry } from "@web/core/registry";\nimport { Other } from "./other";\n'
           'export class MyField extends Component {}\n'
           'export const myField = { component: MyField };\n'
           'const fieldRegistry = registry.category("fields");\n'
           'registry.category("fields").add("my_field", MyField);\n'
           'fieldRegistry.add("my_field2", MyField);\n'
           'registry.category("fields").add("ok", myField);\n'
           'registry.category("fields").add("imported", Other);\n'
           'registry.category("views").add("v", MyField);\n')
    msg = ("`MyField` is a component: Odoo 17.0's fields registry expects a descriptor `{ component: MyField, ... }`"
           " (move static supportedTypes/extractProps into it)")
    assert found(tmp_path, src, ["JS107"], version="17.0") == [("JS107", 6, 45, msg), ("JS107", 7, 32, msg)]
    out = fixed(tmp_path, src, ["JS107"], version="17.0", unsafe=True)
    assert 'registry.category("fields").add("my_field", { component: MyField });\n' in out
    assert 'fieldRegistry.add("my_field2", { component: MyField });\n' in out
    assert found(tmp_path, src, ["JS107"], version="16.0") == []


def test_field_registry_component_follows_the_file_brace_spacing_and_prettier_width(tmp_path):
    """A file written with OCA's prettier (`bracketSpacing: false`) gets `{component: X}`; a registration that
    would pass 88 columns gets the object on its own lines, as prettier hugs a last object argument."""
    src = ('import {registry} from "@web/core/registry";\n'
           'export class EdiConfigurationWidget extends Component {}\n'
           'export class Short extends Component {}\n'
           'registry.category("fields").add("edi_configuration_widget_long", EdiConfigurationWidget);\n'
           'registry.category("fields").add("short", Short);\n')
    out = fixed(tmp_path, src, ["JS107"], version="17.0", unsafe=True)
    assert out == src.replace(
        'registry.category("fields").add("edi_configuration_widget_long", EdiConfigurationWidget);\n',
        'registry.category("fields").add("edi_configuration_widget_long", {\n'
        '    component: EdiConfigurationWidget,\n'
        '});\n').replace('.add("short", Short);', '.add("short", {component: Short});')
    assert fixed(tmp_path, None, ["JS107"], version="17.0", unsafe=True) == out
