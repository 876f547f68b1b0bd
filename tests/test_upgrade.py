"""`odoolint upgrade`: the per-addon, per-step report over the ordinary rules, --fix/--diff/--bump-version."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_tree

MAN = "{'name': 'M', 'version': '16.0.1.2.0', 'license': 'LGPL-3', 'depends': ['web']}\n"
VIEW = """<odoo>
    <record id="v" model="ir.ui.view">
        <field name="name">x</field>
        <field name="model">res.partner</field>
        <field name="arch" type="xml">
            <tree><field name="name"/></tree>
        </field>
    </record>
</odoo>
"""
JS = """/** @odoo-module **/
import { patch } from "@web/core/utils/patch";
import { useService } from "@web/core/utils/hooks";
patch(A.prototype, "m.A", {
    setup() {
        this._super(...arguments);
        this.rpc = useService("rpc");
    },
});
odoo.define("m.old", function (require) {});
"""
FILES = {"m/__manifest__.py": MAN, "m/views/v.xml": VIEW, "m/static/src/a.js": JS}


def upgrade(root: Path, *args):
    return subprocess.run([sys.executable, "-m", "odoolint.cli", "upgrade", *args, str(root)],
                          capture_output=True, text=True, cwd=root)


def test_report_per_addon_and_step(tmp_path):
    write_tree(tmp_path, FILES)
    out = upgrade(tmp_path, "--to", "19.0")
    assert out.returncode == 1, out.stderr
    assert out.stdout == (
        "m (m): 16.0 -> 19.0, version 16.0.1.2.0\n"
        "  16.0 -> 17.0\n"
        "    --fix does (2):\n"
        "      JS102 patch-name-argument x1\n"
        "      JS103 patch-this-super x1\n"
        "    by hand (1):\n"
        "      m/static/src/a.js:10: JS101 legacy `odoo.define(\"m.old\", function (require) {...})`: Odoo 19.0's "
        "module loader requires a dependency array and the legacy modules it requires are gone; rewrite the file "
        "as an ES module (`import ... from \"@web/...\"`)\n"
        "  17.0 -> 18.0\n"
        "    --fix does (1):\n"
        "      XML101 view-tree-to-list x1\n"
        "    needs review (unsafe fix, --unsafe-fixes) (1):\n"
        "      m/static/src/a.js:7: JS104 the `rpc` service does not exist in Odoo 19.0: `import { rpc } from "
        "\"@web/core/network/rpc\"` and call `rpc(route, params)`\n"
        "  manifest version: 16.0.1.2.0 -> 19.0.1.0.0 (with --bump-version --fix)\n"
        "1 addon: 3 automatic, 1 to review, 1 by hand\n")
    assert (tmp_path / "m/static/src/a.js").read_text() == JS          # a report writes nothing


def test_fix_bump_version_and_json(tmp_path):
    write_tree(tmp_path, FILES)
    out = upgrade(tmp_path, "--to", "19.0", "--fix", "--bump-version", "--output-format", "json")
    data = json.loads(out.stdout)
    (addon,) = data["addons"]
    assert addon["from"] == "16.0" and addon["to"] == "19.0" and addon["bumped_version"] == "19.0.1.0.0"
    steps = {s["to"]: s for s in addon["steps"]}
    assert [(i["code"], i["count"]) for i in steps["19.0"]["fixed"]] == [("MF101", 1)]
    assert "19.0.1.0.0" in (tmp_path / "m/__manifest__.py").read_text()
    assert "<list>" in (tmp_path / "m/views/v.xml").read_text()
    js = (tmp_path / "m/static/src/a.js").read_text()
    assert 'patch(A.prototype, {' in js and "super.setup(...arguments);" in js
    assert 'this.rpc = useService("rpc");' in js                      # unsafe: left for review
    again = upgrade(tmp_path, "--to", "19.0", "--fix", "--bump-version")
    assert "--fix does" not in again.stdout and "done by --fix" not in again.stdout


def test_diff_writes_nothing_and_bad_target(tmp_path):
    write_tree(tmp_path, FILES)
    out = upgrade(tmp_path, "--to", "19.0", "--diff")
    assert out.stdout.startswith("diff --git a/m/static/src/a.js b/m/static/src/a.js\n")
    assert "-patch(A.prototype, \"m.A\", {\n+patch(A.prototype, {\n" in out.stdout
    assert "1 addon:" in out.stderr
    assert (tmp_path / "m/views/v.xml").read_text() == VIEW
    bad = upgrade(tmp_path, "--to", "nineteen")
    assert bad.returncode == 2 and bad.stderr == "error: --to 'nineteen' is not a version like 19.0\n"
