"""OCA `oca-checks-odoo-module` XML checks, one rule each, scoped as the hooks scope them.

The candidates come from the "oca_xml" facts (oca_facts.py); a rule keeps those of the files the hooks read:
files the manifest references, of installable addons with a loadable manifest and an `__init__.py`
(rules/manifest/oca_scope.py), minus files that disable the check with an `oca-hooks:disable` comment.
Most of these are conventions of OCA's repositories rather than failures, so they are off by default; select
them with `--extend-select XML3` (or by their hook names).
"""
from __future__ import annotations

from odoolint.model import Finding, OdooVersion, Span
from odoolint.registry import rule

from ..manifest.oca_scope import scoped_files

HOOKS = "OCA odoo-pre-commit-hooks 0.2.x oca_pre_commit_hooks/checks_odoo_module_xml.py"


def _files(project):
    for pf, scope, sections in scoped_files(project, "xml"):
        data = pf.facts.get("oca_xml")
        if isinstance(data, dict):
            yield pf, scope, data


def _candidates(project, check, min_major=None):
    for pf, scope, data in _files(project):
        if check in data.get("disabled", ()):
            continue
        if min_major is not None and (scope.version is None or scope.version < OdooVersion(min_major)):
            continue
        for name, span, message in data.get("cands", ()):
            if name == check:
                yield Finding(Span.from_dict(span), message, path=pf.path)


def _header(project, check):
    for pf, _scope, data in _files(project):
        header = data.get("header")
        if header and header[0] == check and check not in data.get("disabled", ()):
            yield Finding(Span.from_dict(header[1]), header[2], path=pf.path)


# code, hook name, summary, default on?, severity, what, why, before, after, odoo source (or "" for conventions)
_TABLE = [
    ("XML301", "xml-record-missing-id", "`<record>` or `<menuitem>` without an `id`", True, "warning",
     "Reports a `<record>` or `<menuitem>` of an `<odoo>`/`<openerp>` data file that has no `id`.",
     "Without an xml id Odoo cannot find the record again: every module update creates one more copy of it.",
     '<record model="res.partner.category">', '<record id="category_vip" model="res.partner.category">',
     "odoo/tools/convert.py `_tag_record` (no `id`: `_load_records` with no xml id creates a record each load, "
     "16.0-19.0)"),
    ("XML302", "xml-redundant-module-name", "Record id prefixed with its own module", False, "info",
     "Reports `<record id=\"my_module.x\">` (also menus) in a file of `my_module`.",
     "The prefix is implied; writing it hides which ids really belong to another module.",
     '<record id="my_module.view_x" model="ir.ui.view">', '<record id="view_x" model="ir.ui.view">', ""),
    ("XML303", "xml-id-position-first", "`id` is not the first attribute of a record or template", False, "info",
     "Reports `<record>`, `<menuitem>` and `<template>` elements whose first attribute is not `id`.",
     "OCA convention: the id first keeps records greppable and diffs readable.",
     '<record model="ir.ui.view" id="view_x">', '<record id="view_x" model="ir.ui.view">', ""),
    ("XML304", "xml-deprecated-data-node", "`<odoo><data>` wrapper that is not needed", False, "info",
     "Reports the `<data>` child of an `<odoo>`/`<openerp>` root that has fewer than two child elements.",
     "One `<data>` section adds nothing: `<odoo noupdate=\"1\">` says the same.",
     '<odoo>\n  <data noupdate="1">...</data>\n</odoo>', '<odoo noupdate="1">...</odoo>', ""),
    ("XML305", "xml-deprecated-openerp-node", "`<openerp>` root element", False, "info",
     "Reports a data file whose root element is `<openerp>`.",
     "`<odoo>` is the root element since Odoo 9.0; `<openerp>` survives only for old files.",
     "<openerp>...</openerp>", "<odoo>...</odoo>", ""),
    ("XML306", "xml-deprecated-tree-attribute", "`<tree colors|fonts|string>` in a view", False, "info",
     "Reports `<tree>` elements of `ir.ui.view` records that carry `colors`, `fonts` or `string`.",
     "List views ignore these attributes (`decoration-*` replaced colours and fonts).",
     '<tree string="Partners" colors="red:state==\'x\'">', '<tree decoration-danger="state == \'x\'">', ""),
    ("XML307", "xml-field-bool-without-eval", "Boolean field value written as text", False, "info",
     "Reports `<field name=\"active\">False</field>` (and other known boolean fields) without `eval`.",
     "Odoo converts the text with `str2bool`, so it works; OCA prefers `eval` for literal values.",
     '<field name="active">False</field>', '<field name="active" eval="False"/>',
     "odoo/tools/convert.py `_tag_record` (`str2bool` for boolean fields, 16.0-19.0)"),
    ("XML308", "xml-field-numeric-without-eval", "Numeric field value written as text", False, "info",
     "Reports `<field name=\"sequence\">10</field>` (and other known numeric fields) without `eval`.",
     "Odoo casts the text with int()/float(), so it works; OCA prefers `eval` for literal values.",
     '<field name="sequence">10</field>', '<field name="sequence" eval="10"/>',
     "odoo/tools/convert.py `_tag_record` (int()/float() for integer/float fields, 16.0-19.0)"),
    ("XML309", "xml-create-user-wo-reset-password", "`res.users` record created without `no_reset_password`",
     False, "warning",
     "Reports a `res.users` record that sets `name` (a new user) without `no_reset_password` in its context.",
     "With auth_signup installed, creating the user sends a password-reset invitation (or logs a mail "
     "warning) during the module install.",
     '<record id="user_demo" model="res.users">',
     '<record id="user_demo" model="res.users" context="{\'no_reset_password\': True}">',
     "addons/auth_signup/models/res_users.py `create` (`no_reset_password` in the context, 16.0-19.0)"),
    ("XML310", "xml-view-dangerous-replace-low-priority", "View replaces nodes at a priority below 99", False,
     "info",
     "Reports an `ir.ui.view` record whose arch uses `position=\"replace\"` while its priority is below 99.",
     "A replaced node disappears for every other inheriting view applied later: it breaks other modules.",
     '<field name="name" position="replace"/>', '<field name="name" position="attributes">...', ""),
    ("XML311", "xml-xpath-translatable-item", "XPath that matches on translatable text", False, "info",
     "Reports `<xpath expr=\"...[contains(text(), ...)]\">` and `[text()=...]`.",
     "Text is translatable and changes with upgrades; matching on it is brittle.",
     "<xpath expr=\"//button[text()='Confirm']\">", "<xpath expr=\"//button[@name='action_confirm']\">", ""),
    ("XML312", "xml-header-missing", "XML file without an `<?xml ...?>` declaration", False, "info",
     "Reports a data file whose first tag is not an XML declaration.",
     "OCA convention: every XML file starts with `<?xml version=\"1.0\" encoding=\"UTF-8\" ?>`.",
     "<odoo>", '<?xml version="1.0" encoding="UTF-8" ?>\n<odoo>', ""),
    ("XML313", "xml-header-wrong", "XML declaration other than the OCA one", False, "info",
     "Reports an XML declaration that differs (case-sensitively) from "
     "`<?xml version=\"1.0\" encoding=\"UTF-8\" ?>`.",
     "OCA convention; a consistent header keeps formatters (prettier) from rewriting it.",
     "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="UTF-8" ?>', ""),
    ("XML314", "xml-not-valid-char-link", "`<link href>`/`<script src>` path with an odd extension", False, "info",
     "Reports a `<link href>` or `<script src>` starting with `/` whose file extension is not `.` plus letters.",
     "Usually a typo (`.js?`, `.c ss`): the asset is not found.",
     '<script src="/my_mod/static/src/js/x.js?"/>', '<script src="/my_mod/static/src/js/x.js"/>', ""),
    ("XML315", "xml-dangerous-qweb-replace-low-priority", "Template replaces nodes at a priority below 99", False,
     "info",
     "Reports direct children of a `<template>` with `position=\"replace\"` when its priority is below 99.",
     "Replacing a node breaks every other template that inherits from it.",
     '<xpath expr="//div" position="replace"/>', '<xpath expr="//div" position="attributes">...', ""),
    ("XML316", "xml-deprecated-qweb-directive", "`t-esc-options`, `t-field-options` or `t-raw-options`", False,
     "info",
     "Reports elements inside `<template>`s that use `t-esc-options`, `t-field-options` or `t-raw-options`.",
     "These directives were replaced by `t-options`.",
     '<span t-field="o.date" t-field-options=\'{"widget": "date"}\'/>',
     '<span t-field="o.date" t-options=\'{"widget": "date"}\'/>', ""),
    ("XML317", "xml-deprecated-qweb-directive-15", "`t-esc`/`t-raw` in templates of a 15.0+ module", False, "info",
     "Reports `t-esc` and `t-raw` inside `<template>`s of modules whose manifest version is 15 or later.",
     "Odoo 15.0 deprecated both in favour of `t-out` (odoo/odoo commit 01875541b1a8131cb, PR 70004).",
     '<span t-esc="o.name"/>', '<span t-out="o.name"/>',
     "odoo/addons/base/models/ir_qweb.py `_compile_directive_esc`/`_compile_directive_raw` (15.0+)"),
    ("XML318", "xml-oe-structure-missing-id", "`oe_structure` element without an `oe_structure` id", False, "info",
     "Reports elements with the class `oe_structure` whose `id` is missing or does not contain `oe_structure`.",
     "Website edits are saved per structure id; without one the edited content is not kept apart.",
     '<div class="oe_structure"/>', '<div class="oe_structure" id="oe_structure_header"/>', ""),
    ("XML319", "xml-template-prettier-incompatible", "`<textarea><t t-out/></textarea>` in a template", False,
     "info",
     "Reports a `<t t-out|t-esc|t-raw>` that is the only content of a `<textarea>` of a template.",
     "Prettier's XML formatter inserts whitespace there, which then shows in the textarea.",
     '<textarea><t t-out="x"/></textarea>', '<textarea t-out="x"/>', ""),
]


def _register(code, hook, summary, on, severity, what, why, before, after, source, min_major=None):
    header = hook in ("xml-header-missing", "xml-header-wrong")
    src = f"{source}; {HOOKS} `{hook}`" if source else f"{HOOKS} `{hook}` (an OCA convention)"

    @rule(code, hook, summary=summary, kinds=["xml"], severity=severity, project=True, aliases=[hook],
          default_enabled=on, tags=["oca-hooks", "correctness" if on else "style"],
          what=what + " Only files the hooks read are checked: those the manifest references, in installable "
                      "addons.", why=why, before=before, after=after, source=src)
    def check(project):
        if header:
            return _header(project, hook)
        return _candidates(project, hook, min_major)
    return check


for _row in _TABLE:
    _register(*_row, min_major=15 if _row[1] == "xml-deprecated-qweb-directive-15" else None)
