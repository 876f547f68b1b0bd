"""Cross-file XML/CSV/JS rules: they read the "xml_ids", "js_actions", "models" and "manifest" facts only."""
from __future__ import annotations

import functools

from odoolint.model import Finding, Span
from odoolint.registry import rule

from ..core_addons import core_addons
from .core_client_actions import CORE_CLIENT_ACTIONS
from .model_index import ModelIndex, model_xmlid_name


def _span(d):
    return Span.from_dict(d)


def _manifests(project) -> dict[str, list[str]]:
    out = {}
    for pf, data in project.facts("manifest"):
        if isinstance(data, dict) and pf.addon:
            out[pf.addon] = [d for d in data.get("depends") or [] if isinstance(d, str)]
    return out


def _closure(addon: str, depends: dict[str, list[str]]) -> set[str]:
    """The addon and everything it depends on, transitively, through the addons of the tree."""
    seen, stack = set(), [addon]
    while stack:
        a = stack.pop()
        if a in seen:
            continue
        seen.add(a)
        stack.extend(depends.get(a, ()))
    return seen


def _index(project) -> ModelIndex:
    """One ModelIndex per project phase, shared by the rules below."""
    cached = project.__dict__.get("_xml_model_index")
    if cached is None:
        cached = project.__dict__["_xml_model_index"] = ModelIndex(project)
    return cached


def _core_addons(target) -> frozenset:
    """Odoo's own addons (community and enterprise) for the target, from manifestoo-core; every series we know
    when the target is unknown. Core addons never depend on addons outside Odoo."""
    return _core_addons_of(f"{target.major}.0" if target is not None else None)


@functools.lru_cache(maxsize=8)
def _core_addons_of(series) -> frozenset:
    return frozenset().union(*map(core_addons, [series] if series else ["16.0", "17.0", "18.0", "19.0"]))


def _unknown_reach(addon, depends, core) -> bool:
    """True when the addon depends (transitively) on an addon that is neither in the tree nor Odoo's own: that
    addon's own dependencies are unknown, so anything could be reachable through it."""
    return any(a not in depends and a not in core for a in _closure(addon, depends))


def _ids(project, kinds):
    """(ProjectFile, data) of the xml_ids facts of files of the given kinds that belong to an addon."""
    for pf, data in project.facts("xml_ids"):
        if pf.kind in kinds and pf.addon and isinstance(data, dict):
            yield pf, data


def _defined_by_addon(project) -> dict[str, set[str]]:
    """addon -> every xml id it defines: data files plus the `model_*` ids Odoo generates for its models."""
    out: dict[str, set[str]] = {}
    for pf, data in _ids(project, ("xml", "csv")):
        out.setdefault(pf.addon, set()).update(d["id"] for d in data.get("defined", ()) if isinstance(d, dict))
    index = _index(project)
    for addon, models in index.addon_models.items():
        out.setdefault(addon, set()).update(f"{addon}.{model_xmlid_name(m)}" for m in models)
    return out


# ---- XML202 / XML203 references ---------------------------------------------------------------------

@rule("XML202", "xml-id-not-found", summary="Reference to an xml id that its addon does not define",
      kinds=["xml"], severity="error", project=True, tags=["correctness"],
      what="Reports `ref=\"...\"`, `ref('...')` in `eval`, `inherit_id`, menu `parent`/`action`, `groups`, "
           "`%(...)d` button names and `module.id` record overrides that name an addon of the scanned tree (or "
           "the file's own addon, for ids without a module) when no XML or CSV file of that addon defines the "
           "id and it is not the `model_*` id Odoo generates for one of its models. Ids of addons outside the "
           "tree are not checked.",
      why="Loading the file fails with \"External ID not found in the system\" and the module does not install.",
      before='<field name="parent_id" ref="my_mod.menu_rot"/>',
      after='<field name="parent_id" ref="my_mod.menu_root"/>',
      source="odoo/tools/convert.py `id_get` -> ir.model.data `_xmlid_lookup` raises ValueError "
             "'External ID not found in the system' (16.0-19.0).")
def xml_id_not_found(project):
    defined = _defined_by_addon(project)
    tree_addons = set(project.addons)
    with_functions = {pf.addon for pf, data in _ids(project, ("xml",)) if data.get("functions")}
    for pf, data in project.reported(_ids(project, ("xml",))):
        for r in data.get("referenced", ()):
            module, _, name = (r.get("id") or "").partition(".")
            if not name or module not in tree_addons or module in with_functions:
                continue
            if r["id"] not in defined.get(module, set()) and not name.startswith(("field_", "selection__")):
                yield Finding(_span(r["span"]), f"xml id `{r['id']}` is not defined in addon `{module}`",
                              path=pf.path)


@rule("XML203", "xml-id-outside-depends", summary="Reference to an xml id of an addon missing from `depends`",
      kinds=["xml", "csv"], severity="error", project=True, tags=["correctness"],
      what="Reports references (as for XML202, and CSV `:id` columns) to an xml id of another addon of the "
           "scanned tree that the referencing addon does not depend on, directly or through the tree's "
           "manifests.",
      why="Odoo installs addons in dependency order: without the dependency the referenced record may not "
          "exist yet (\"External ID not found\") or the addon installs in one database and fails in another.",
      before="'depends': ['base']  +  <field name=\"parent_id\" ref=\"other_mod.menu_root\"/>",
      after="'depends': ['base', 'other_mod']",
      source="odoo/modules/loading.py loads modules in dependency order (16.0-19.0); odoo/tools/convert.py "
             "`id_get`.")
def xml_id_outside_depends(project):
    depends = _manifests(project)
    tree_addons = set(depends)
    core = _core_addons(project.target)
    for pf, data in project.reported(_ids(project, ("xml", "csv"))):
        if pf.addon not in depends or _unknown_reach(pf.addon, depends, core):
            continue
        reach = _closure(pf.addon, depends)
        # core addons outside the tree may depend on other core addons: only a core module that the tree's
        # manifests alone fully explain can be proven unreachable
        partial = any(a not in depends for a in reach)
        for r in data.get("referenced", ()):
            module = (r.get("id") or "").partition(".")[0]
            if module in core and partial:
                continue
            if module in tree_addons and module not in reach:
                yield Finding(_span(r["span"]), f"`{r['id']}` belongs to `{module}`, which `{pf.addon}` does not "
                                                f"depend on: add it to `depends`", path=pf.path)


# ---- XML204 / XML205 views against fully known models ------------------------------------------------

@rule("XML204", "view-field-unknown", summary="View field that its model does not have",
      kinds=["xml"], severity="error", project=True, tags=["correctness"],
      what="In primary views (no `inherit_id`) of a model that is fully known from the tree (a class with that "
           "`_name`, and every `_inherit`/`_inherits` parent either in the tree or a well-known mixin such as "
           "`mail.thread`), reports `<field name=\"x\">` elements when no class of the model or its parents "
           "defines `x`; fields of embedded x2many sub-views are checked against the comodel the tree declares "
           "for that x2many, when that comodel is fully known too.",
      why="Odoo validates the arch on install: \"Field \\\"x\\\" does not exist in model \\\"y\\\"\" and the "
          "module does not install.",
      before='<field name="parnter_id"/>', after='<field name="partner_id"/>',
      source="odoo/addons/base/models/ir_ui_view.py `_validate_tag_field` 'Field \"%(field_name)s\" does not "
             "exist in model \"%(model_name)s\"' (17.0 line 1465; same check 16.0-19.0).")
def view_field_unknown(project):
    index = _index(project)
    for pf, data in project.reported(_ids(project, ("xml",))):
        for v in data.get("views", ()):
            model = v.get("model")
            if v.get("inherit") or not index.fully_known(model):
                continue
            known = index.fields(model)
            for f in v.get("fields", ()):
                name = f.get("name") or ""
                if name not in known and not name.startswith("x_"):
                    yield Finding(_span(f["span"]), f"Field `{name}` does not exist in model `{model}`",
                                  path=pf.path)
            for f in v.get("subview_fields", ()):
                sub = model
                for step in f.get("via") or ():
                    sub = index.comodel(sub, step) if sub else None
                name = f.get("name") or ""
                if sub and index.fully_known(sub) and name not in index.fields(sub) and not name.startswith("x_"):
                    yield Finding(_span(f["span"]), f"Field `{name}` does not exist in model `{sub}`",
                                  path=pf.path)


@rule("XML205", "view-button-method-unknown", summary="`type=\"object\"` button calls a method the model lacks",
      kinds=["xml"], severity="error", project=True, tags=["correctness"],
      what="In primary views of a fully known model (see XML204), reports `<button type=\"object\">` (and "
           "kanban `<a type=\"object\">`) outside embedded sub-views whose `name` is not a method of the "
           "model's classes, its parents' classes or mixins, nor a public method every model has.",
      why="Odoo validates the arch on install: \"x is not a valid action on y\" and the module does not "
          "install; before 17.0 the click fails at run time.",
      before='<button name="action_confrim" type="object"/>', after='<button name="action_confirm" type="object"/>',
      source="odoo/addons/base/models/ir_ui_view.py `_validate_tag_button` '%(action_name)s is not a valid "
             "action on %(model_name)s' (17.0 line 1499; 18.0, 19.0).")
def view_button_method_unknown(project):
    index = _index(project)
    for pf, data in project.reported(_ids(project, ("xml",))):
        for v in data.get("views", ()):
            model = v.get("model")
            if v.get("inherit") or not index.fully_known(model):
                continue
            known = index.methods(model)
            for b in v.get("buttons", ()):
                name = b.get("name") or ""
                if name and name not in known:
                    yield Finding(_span(b["span"]), f"`{name}` is not a method of model `{model}`",
                                  path=pf.path)


# ---- XML206 client action tags ------------------------------------------------------------------------

@rule("XML206", "client-action-tag-unregistered", summary="`ir.actions.client` tag that no JavaScript registers",
      kinds=["xml"], severity="error", project=True, tags=["correctness"],
      what="Reports the `tag` of an `ir.actions.client` record when no JavaScript file (under `static/`) of the "
           "addon or of the tree addons it depends on registers it with `registry.category(\"actions\")"
           ".add(\"<tag>\", ...)` (directly, through a variable holding that category, or the legacy "
           "`action_registry.add`), and Odoo's own web client does not register it either.",
      why="Clicking the menu or button raises KeyNotFoundError in the web client: the action cannot open.",
      before='<field name="tag">my_dashbaord</field>', after='<field name="tag">my_dashboard</field>',
      source="addons/web/static/src/webclient/actions/action_service.js `_executeClientAction` looks the tag up "
             "in registry.category(\"actions\") (16.0-19.0); core tags extracted from S16-S19 (see "
             "rules/xml/core_client_actions.py).")
def client_action_tag_unregistered(project):
    depends = _manifests(project)
    registered: dict[str, set[str]] = {}
    for pf, data in project.facts("js_actions"):
        if "/static/tests/" in "/" + pf.relpath or "/static/src/tests/" in "/" + pf.relpath:
            continue            # test bundles are not loaded by the web client users run
        if pf.addon and isinstance(data, dict):
            registered.setdefault(pf.addon, set()).update(data.get("registered_actions") or ())
    core = _core_addons(project.target)
    for pf, data in project.reported(_ids(project, ("xml",))):
        if _unknown_reach(pf.addon, depends, core):
            continue
        reach = _closure(pf.addon, depends)
        tags = set().union(*(registered.get(a, set()) for a in reach)) if reach else set()
        for ca in data.get("client_actions", ()):
            tag = ca.get("tag") or ""
            if tag and tag not in tags and tag not in CORE_CLIENT_ACTIONS:
                yield Finding(_span(ca["span"]), f"No JavaScript of `{pf.addon}` or its dependencies registers "
                                                 f"the client action `{tag}`", path=pf.path)


# ---- CSV101 / CSV102 ir.model.access rows ---------------------------------------------------------------

def _access_refs(project, column):
    for pf, data in project.reported(_ids(project, ("csv",))):
        if not pf.relpath.endswith("ir.model.access.csv"):
            continue
        for r in data.get("referenced", ()):
            if r.get("attr") in (column, column.replace(":id", "/id")):
                yield pf, r


@rule("CSV101", "access-model-unknown", summary="`ir.model.access` row for a model that does not exist",
      kinds=["csv"], severity="error", project=True, tags=["correctness"],
      what="In `ir.model.access.csv`, reports a `model_id:id` that names an addon of the tree (or the file's own "
           "addon) whose Python classes neither create nor extend that model, so Odoo never generated that "
           "`model_*` xml id for it. References to addons outside the tree are not checked.",
      why="The import fails with \"No matching record found for external id 'my_mod.model_x'\" and the module "
          "does not install; usually a typo or the model lives in another addon (write `other.model_x`).",
      before="access_x,x,model_x_typo,base.group_user,1,1,1,1", after="access_x,x,model_x,base.group_user,1,1,1,1",
      source="odoo/addons/base/models/ir_model.py `_reflect_models` creates `<module>.model_<name>` for the "
             "models a module defines or extends (16.0-19.0); odoo/models.py `_load_records` import errors.")
def access_model_unknown(project):
    index = _index(project)
    tree_addons = set(project.addons)
    for pf, r in _access_refs(project, "model_id:id"):
        module, _, name = r["id"].partition(".")
        if module not in tree_addons or not name:
            continue
        generated = {model_xmlid_name(m) for m in index.addon_models.get(module, ())}
        if name not in generated:
            yield Finding(_span(r["span"]), f"`{r['id']}`: addon `{module}` defines or extends no model with this "
                                            f"xml id", path=pf.path)


@rule("CSV102", "access-group-unknown", summary="`ir.model.access` row for a group that does not exist",
      kinds=["csv"], severity="error", project=True, tags=["correctness"],
      what="In `ir.model.access.csv`, reports a `group_id:id` that names an addon of the tree (or the file's "
           "own addon) where no XML or CSV file defines that id.",
      why="The import fails with \"No matching record found for external id\" and the module does not "
          "install.",
      before="access_x,x,model_x,group_mangaer,1,1,1,1", after="access_x,x,model_x,group_manager,1,1,1,1",
      source="odoo/models.py `_load_records`/`_extract_records` xml id resolution for `:id` columns (16.0-19.0).")
def access_group_unknown(project):
    defined = _defined_by_addon(project)
    tree_addons = set(project.addons)
    for pf, r in _access_refs(project, "group_id:id"):
        module = r["id"].partition(".")[0]
        if module in tree_addons and r["id"] not in defined.get(module, set()):
            yield Finding(_span(r["span"]), f"Group `{r['id']}` is not defined in addon `{module}`", path=pf.path)
