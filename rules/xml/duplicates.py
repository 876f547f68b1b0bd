"""Duplicate xml ids: records and menus (XML201), templates (XML320), CSV rows (CSV103).

Counted as OCA's hooks count them (oca_pre_commit_hooks/checks_odoo_module_xml.py `check_xml_records`,
`check_xml_templates`; checks_odoo_module_csv.py `check_csv`): within one addon, per manifest section (`data`,
`demo`, `qweb`, ... a file listed in two sections is read in each) and per `noupdate` value, one finding per
duplicated id at its first definition, the other places in the message. Deliberate differences, each because of
how Odoo loads data (docs/source-notes.md): ids are compared fully qualified (`my_mod.x` and `x` are one
record); a menu defined first and completed with its `action` later is not reported; a file the manifest does
not list (e.g. `migrations/*/noupdate_changes.xml`, loaded by a script) is checked only against itself.
"""
from __future__ import annotations

from odoolint.model import Finding, Span
from odoolint.registry import rule

from ..manifest.oca_scope import hook_scope


def _qualified(addon: str, xmlid: str) -> str:
    return xmlid if "." in xmlid or not addon else f"{addon}.{xmlid}"


def _groups(project, kind: str, entries, check: str):
    """(addon folder, section, noupdate, id) -> [(ProjectFile, span dict, extra)] in project order."""
    scopes = hook_scope(project)
    manifests = {pf.addon_path for pf, _ in project.facts("oca_manifest")}
    groups: dict[tuple, list] = {}
    for pf in project.files:
        if pf.kind != kind or not pf.addon_path:
            continue
        scope = scopes.get(pf.addon_path)
        if scope is None and pf.addon_path in manifests:
            continue              # not installable, or a manifest the hooks (and Odoo) cannot read
        rel = pf.addon_relpath
        sections = (scope.referenced.get(rel) if scope else None) or [f"unlisted:{rel}"]
        data = entries(pf)
        if data is None or check in data[1]:
            continue
        for xmlid, noupdate, span, extra in data[0]:
            qid = _qualified(pf.addon or "", xmlid)
            for section in sections:
                groups.setdefault((pf.addon_path, section, noupdate, qid), []).append((pf, span, extra))
    return groups


def _report(groups, what: str):
    for (_addon, _section, _noupdate, qid), defs in groups.items():
        if len(defs) < 2:
            continue
        (pf, span, _), others = defs[0], defs[1:]
        where = ", ".join(f"{'line' if o.path == pf.path else o.addon_relpath + ':'}"
                          f"{' ' if o.path == pf.path else ''}{Span.from_dict(s).start.line}" for o, s, _ in others)
        yield Finding(Span.from_dict(span), f"Duplicate {what} id `{qid}`: defined again at {where}; each later "
                                            f"definition silently updates the same record", path=pf.path)


def _xml_records(pf):
    data = pf.facts.get("oca_xml")
    if not isinstance(data, dict):
        return None
    return [(r[0], r[1], r[2], (r[3], r[4])) for r in data.get("records", ())], set(data.get("disabled", ()))


def _two_step_menu(defs) -> bool:
    """`<menuitem id="m" .../>` first, the same menu again with its `action` once the action exists."""
    tags = [extra for _, _, extra in defs]
    return all(t == "menuitem" for t, _ in tags) and not tags[0][1] and any(a for _, a in tags[1:])


@rule("XML201", "duplicate-xml-id", summary="The same xml id is defined twice in one addon",
      kinds=["xml"], severity="warning", project=True, tags=["correctness", "oca-hooks"],
      aliases=["xml-duplicate-record-id", "duplicate-xml-record-id"],
      what="Reports an xml id that two `<record>` or `<menuitem>` elements of one addon define in the same "
           "manifest section (`data`, `demo`, ...) and the same `noupdate` value, once, at the first definition, "
           "with the other places in the message. Addons that are not installable are skipped; a file the "
           "manifest does not list (such as `migrations/*/noupdate_changes.xml`) is checked only against itself; "
           "a menu completed later with its `action` (a common two-step pattern) is not reported.",
      why="Odoo loads both into the same `ir.model.data` entry: the later definition silently updates the "
          "record the first created, so fields set by the first one are overwritten or kept unexpectedly.",
      before='<record id="view_x" model="ir.ui.view">...</record>\n<record id="view_x" model="ir.ui.view">...</record>',
      after='<record id="view_x" model="ir.ui.view">...</record>\n'
            '<record id="view_x_list" model="ir.ui.view">...</record>',
      source="odoo/tools/convert.py `_tag_record` / `_tag_menuitem` -> `_load_records` with the same xml id "
             "(16.0-19.0); OCA odoo-pre-commit-hooks `xml-duplicate-record-id`.")
def duplicate_xml_id(project):
    groups = _groups(project, "xml", _xml_records, "xml-duplicate-record-id")
    yield from _report({k: v for k, v in groups.items() if not _two_step_menu(v)}, "xml")


def _xml_templates(pf):
    data = pf.facts.get("oca_xml")
    if not isinstance(data, dict):
        return None
    return [(t[0], t[1], t[2], None) for t in data.get("templates", ())], set(data.get("disabled", ()))


@rule("XML320", "xml-duplicate-template-id", summary="The same `<template>` id is defined twice in one addon",
      kinds=["xml"], severity="warning", project=True, tags=["correctness", "oca-hooks"],
      aliases=["xml-duplicate-template-id"],
      what="Reports a `<template id>` that two templates of one addon define in the same manifest section and "
           "`noupdate` value, once, at the first definition, with the other places in the message.",
      why="Both templates are the same `ir.ui.view` record: the later one replaces the first one's arch, so "
          "the first template never renders.",
      before='<template id="portal_x">A</template>\n<template id="portal_x">B</template>',
      after='<template id="portal_x">A</template>\n<template id="portal_y">B</template>',
      source="odoo/tools/convert.py `_tag_template` -> `_tag_record` (same xml id, 16.0-19.0); OCA "
             "odoo-pre-commit-hooks `xml-duplicate-template-id`.")
def duplicate_template_id(project):
    yield from _report(_groups(project, "xml", _xml_templates, "xml-duplicate-template-id"), "template")


def _csv_rows(pf):
    data = pf.facts.get("xml_ids")
    if not isinstance(data, dict):
        return None
    own = f"{pf.addon}." if pf.addon else ""
    rows = [(d["id"][len(own):] if own and d["id"].startswith(own) else d["id"], "0", d["span"], None)
            for d in data.get("defined", ()) if isinstance(d, dict) and d.get("id")]
    rows += [(r["id"], "0", r["span"], None) for r in data.get("referenced", ())
             if isinstance(r, dict) and r.get("attr") == "id"]
    rows.sort(key=lambda r: Span.from_dict(r[2]).start.line)
    return rows, set()


@rule("CSV103", "csv-duplicate-id", summary="The same id appears twice in an addon's CSV data",
      kinds=["csv"], severity="warning", project=True, tags=["correctness", "oca-hooks"],
      aliases=["csv-duplicate-record-id"],
      what="Reports a CSV `id` that rows of one addon's CSV files repeat within one manifest section, once, at "
           "the first row, with the other rows in the message.",
      why="Odoo imports both rows into the same record: the last row wins and the first access rule (or "
          "record) silently disappears.",
      before="id,name,model_id:id\naccess_x,x,model_x\naccess_x,x manager,model_x",
      after="id,name,model_id:id\naccess_x,x,model_x\naccess_x_manager,x manager,model_x",
      source="odoo/tools/convert.py `convert_csv_import` -> `_load_records` (16.0-19.0); OCA "
             "odoo-pre-commit-hooks `csv-duplicate-record-id`.")
def csv_duplicate_id(project):
    yield from _report(_groups(project, "csv", _csv_rows, "csv-duplicate-record-id"), "CSV")
