"""pylint-odoo's manifest checks that look at the addon folder: README, listed resources, required files,
migration folders. Project rules: the project phase runs on every run (never cached), so a README or a data file
added later is seen at once; they only test whether paths exist, they read no file."""
from __future__ import annotations

import ast
import os

from odoolint.model import Finding, Span
from odoolint.registry import facts
from odoolint.rules.python.peer import option, peer_rule

from .policy import DATA_KEYS, SRC

README_FILES = ("README.rst", "README.md", "README.txt")


@facts("manifest", "manifest-peer")
def extract(ctx) -> dict:
    tree = ctx.tree
    values = getattr(tree, "values", None)
    if not isinstance(values, dict):
        return {}
    s = ctx.node_span(tree.dict_node)
    resources = []
    for key in DATA_KEYS:
        node = tree.value_nodes.get(key)
        if isinstance(node, (ast.List, ast.Tuple)):
            for elt in node.elts:
                if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                    resources.append((key, elt.value, ctx.node_span(elt).to_dict()))
    version = values.get("version")
    return {"dir": os.path.dirname(ctx.path), "price": "price" in values,
            "version": version if isinstance(version, str) else "",
            "at": ctx.span(s.start.offset, s.start.offset + 1).to_dict(), "resources": resources}


def _manifests(project):
    for pf, data in project.facts("manifest-peer"):
        if isinstance(data, dict) and data.get("dir"):
            yield pf, data


@peer_rule("MF218", "missing-readme", "C8112", summary="Addon without README.rst/.md/.txt", kinds=["manifest"],
           severity="info", project=True,
           what="Reports an addon folder with none of README.rst, README.md, README.txt next to its manifest.",
           why="The README is the module's page on GitHub and in the apps list (OCA generates it from readme/ "
               "fragments); without it nobody knows what the module does or how to configure it.",
           before="my_mod/__manifest__.py (no README)", after="my_mod/README.rst", source=SRC)
def missing_readme(project):
    url = option(project, "readme-template-url")
    for pf, data in _manifests(project):
        if not any(os.path.isfile(os.path.join(data["dir"], r)) for r in README_FILES):
            yield Finding(Span.from_dict(data["at"]), f"Missing ./README.rst file. Template here: {url}", path=pf.path)


@peer_rule("MF219", "resource-not-exist", "F8101", summary="A file listed in `data`/`demo` does not exist",
           kinds=["manifest"], severity="error", project=True, default_enabled=False,
           what="Reports each distinct entry of `data`, `demo`, `demo_xml`, `init_xml`, `test`, `update_xml` that "
                "names no file of the addon folder (any extension; MF105 checks the XML/CSV entries of scanned "
                "addons by default).",
           why="Installing or updating the module fails with FileNotFoundError on the first missing file.",
           before="'data': ['views/old.xml']", after="'data': ['views/new.xml']",
           source=SRC + "; odoo/tools/convert.py `convert_file` (opens each listed path, 16.0-19.0)")
def resource_not_exist(project):
    for pf, data in _manifests(project):
        seen = set()
        for key, name, span in data["resources"]:
            if (key, name) in seen:
                continue
            seen.add((key, name))
            if not os.path.isfile(os.path.join(data["dir"], name)):
                yield Finding(Span.from_dict(span), f'File "{key}": "{name}" not found.', path=pf.path)


def _required_files(project, key, suffix=""):
    for pf, data in _manifests(project):
        if not data["price"]:
            continue
        for sub in option(project, key):
            if not os.path.isfile(os.path.join(data["dir"], sub)):
                rel = os.path.join(os.path.basename(data["dir"]), sub)
                yield Finding(Span.from_dict(data["at"]), f"Missing {rel} file{suffix}", path=pf.path)


@peer_rule("MF220", "missing-odoo-file", "C8115", summary="A paid module lacks a file of `odoo-required-files`",
           kinds=["manifest"], severity="info", project=True,
           what="For a manifest with a `price`, reports each path of `odoo-required-files` (empty by default) "
                "missing from the addon folder.",
           why="A repository can require files (icons, descriptions) that the apps store or its own tooling reads.",
           before="(no static/description/icon.png)", after="my_mod/static/description/icon.png", source=SRC)
def missing_odoo_file(project):
    yield from _required_files(project, "odoo-required-files")


@peer_rule("MF221", "missing-odoo-file-app", "C8118", summary="A paid module lacks "
           "static/description/index.html", kinds=["manifest"], severity="info", project=True,
           what="For a manifest with a `price`, reports each path of `odoo-required-files-app` (default: "
                "static/description/index.html) missing from the addon folder.",
           why="The Odoo apps store renders a paid module's page from static/description/index.html; without it "
               "the listing is empty.",
           before="(no static/description/index.html)", after="my_mod/static/description/index.html", source=SRC)
def missing_odoo_file_app(project):
    yield from _required_files(project, "odoo-required-files-app", " for modules with price")


def _vtuple(v: str):
    try:
        return tuple(int(i) for i in v.split("."))
    except (ValueError, AttributeError):
        return None


@peer_rule("MF222", "manifest-behind-migrations", "E8145", summary="`version` lower than a migrations folder",
           kinds=["manifest"], severity="error", project=True, default_enabled=True, tags=["correctness"],
           what="Reports a manifest whose `version` is lower than the highest `migrations/<version>/` folder.",
           why="Odoo runs a migration script only when the installed version is below the folder's version and the "
               "manifest's version is at or above it: a manifest left behind its scripts never runs them.",
           before="'version': '17.0.1.0.0' with migrations/17.0.1.1.0/",
           after="'version': '17.0.1.1.0'",
           source=SRC + "; odoo/modules/migration.py `MigrationManager.migrate_module` (compares versions)")
def manifest_behind_migrations(project):
    for pf, data in _manifests(project):
        mig = os.path.join(data["dir"], "migrations")
        if not os.path.isdir(mig):
            continue
        current = _vtuple(data["version"])
        try:
            names = sorted(os.listdir(mig), reverse=True)
        except OSError:
            continue
        for name in names:
            if not os.path.isdir(os.path.join(mig, name)):
                continue
            v = _vtuple(name)
            if v is None or current is None:
                continue
            if v > current:
                yield Finding(Span.from_dict(data["at"]), f"Manifest version ({data['version']}) is lower than "
                              f"migration scripts ({name})", path=pf.path)
                break
