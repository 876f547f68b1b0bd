"""Manifest rules: legacy manifest name, license, dependencies, listed files, external dependencies."""
from __future__ import annotations

import ast
import fnmatch
import os
import re
from pathlib import PurePosixPath

from odoolint.model import Applicability, Finding, Fix, OdooVersion, Severity, Span
from odoolint.registry import facts, rule

from ..core_addons import core_addons

LICENSES = ("GPL-2", "GPL-2 or any later version", "GPL-3", "GPL-3 or any later version", "AGPL-3", "LGPL-3",
            "Other OSI approved licence", "OEEL-1", "OPL-1", "Other proprietary")
_LICENSE_FIXES = {"agpl-3.0": "AGPL-3", "agpl3": "AGPL-3", "lgpl-3.0": "LGPL-3", "lgpl3": "LGPL-3",
                  "gpl-3.0": "GPL-3", "gpl-2.0": "GPL-2", "opl": "OPL-1", "opl-1.0": "OPL-1"}


@rule("MF102", "manifest-openerp-file", summary="`__openerp__.py` manifest: deprecated in 17.0, not read by 19.0",
      kinds=["manifest"], severity="warning", since="17.0", tags=["migration"],
      what="Reports an addon whose manifest file is named `__openerp__.py`. Fix by hand: `git mv __openerp__.py "
           "__manifest__.py` (a rename, which a text fix cannot express).",
      why="17.0 and 18.0 still read it with a DeprecationWarning; 19.0 reads only `__manifest__.py`, so the "
          "directory is no longer an addon at all: the module vanishes and everything depending on it fails.",
      before="my_mod/__openerp__.py", after="my_mod/__manifest__.py",
      source="odoo/modules/module.py 16.0-18.0 `MANIFEST_NAMES = ('__manifest__.py', '__openerp__.py')` (17.0 "
             "line 267 warns 'deprecated since 17.0'); 19.0 `MANIFEST_NAMES = ['__manifest__.py']`.")
def manifest_openerp_file(ctx):
    if os.path.basename(ctx.path) != "__openerp__.py":
        return
    removed = ctx.target is not None and ctx.target >= OdooVersion(19)
    dict_node = getattr(ctx.tree, "dict_node", None)
    span = ctx.node_span(dict_node) if dict_node is not None else ctx.span(0, 0)
    span = ctx.span(span.start.offset, span.start.offset + 1)
    yield Finding(span, "`__openerp__.py` is " + ("not read by Odoo 19.0: the addon disappears" if removed else
                  "deprecated since Odoo 17.0") + "; rename it to `__manifest__.py`",
                  severity=Severity.ERROR if removed else None)


@rule("MF103", "manifest-license", summary="Manifest `license` missing or not one Odoo accepts",
      kinds=["manifest"], severity="error", fix="safe", tags=["correctness"],
      what="Reports a manifest without `license` (warning; the safe fix adds `'license': 'LGPL-3'`, the value Odoo "
           "assumes) and a `license` that is not one of the values of `ir.module.module.license` (error; fixed when "
           "it is an obvious spelling such as `AGPL-3.0` -> `AGPL-3`).",
      why="A missing license logs 'Missing `license` key in manifest ..., defaulting to LGPL-3'. An unknown "
          "value cannot be stored in the `license` selection field, so updating the apps list fails for the module.",
      before="{'name': 'X', 'license': 'AGPL-3.0'}", after="{'name': 'X', 'license': 'AGPL-3'}",
      source="odoo/addons/base/models/ir_module.py 19.0 lines 305-316 (license selection); odoo/modules/module.py "
             "19.0 lines 431-433 (default LGPL-3 with a warning).")
def manifest_license(ctx):
    tree = ctx.tree
    values = getattr(tree, "values", None)
    if not isinstance(values, dict):
        return
    node = tree.value_nodes.get("license")
    if "license" not in values:
        dict_node = tree.dict_node
        fix = _add_key_fix(ctx, dict_node, "license", "LGPL-3")
        s = ctx.node_span(dict_node)
        yield Finding(ctx.span(s.start.offset, s.start.offset + 1), "manifest has no `license`: Odoo assumes "
                      "LGPL-3 and logs a warning; declare it", fix=fix, severity=Severity.WARNING)
        return
    lic = values["license"]
    if isinstance(lic, str) and lic in LICENSES:
        return
    fix = None
    good = _LICENSE_FIXES.get(lic.lower().strip()) if isinstance(lic, str) else None
    if good and isinstance(node, ast.Constant):
        from odoolint.rules.python.common import string_content_span
        sp = string_content_span(ctx, node)
        if sp:
            fix = Fix((ctx.edit(sp[0], sp[1], good),), Applicability.SAFE, f"Use `{good}`")
    yield Finding(ctx.node_span(node), f"license {lic!r} is not one Odoo accepts ({', '.join(LICENSES)})",
                  fix=fix)


def _add_key_fix(ctx, dict_node, key, value):
    if not dict_node.keys or dict_node.keys[-1] is None:
        return None
    last_k, last_v = dict_node.keys[-1], dict_node.values[-1]
    _, lv_end = _offs(ctx, last_v)
    ks, _ = _offs(ctx, last_k)
    rest = ctx.source[lv_end:]
    m = re.match(r"[ \t]*,", rest)
    line_start = ctx.index.line_start(last_k.lineno)
    indent = ctx.source[line_start:ks]
    if indent.strip() or last_k.lineno == dict_node.lineno:
        return None   # one-line dicts: no layout to follow
    q = ctx.source[ks] if ctx.source[ks] in "'\"" else "'"
    entry = f"{q}{key}{q}: {q}{value}{q},"
    if m:
        at = lv_end + m.end()
        line_end = ctx.index.line_end(last_v.end_lineno)
        if re.fullmatch(r"\s*(#.*)?", ctx.source[at:line_end]):
            at = line_end    # keep a trailing comment on its own entry
        return Fix((ctx.edit(at, at, ctx.newline + indent + entry),), Applicability.SAFE, f"Add `{key}`")
    return Fix((ctx.edit(lv_end, lv_end, "," + ctx.newline + indent + entry),), Applicability.SAFE, f"Add `{key}`")


def _offs(ctx, node):
    s = ctx.node_span(node)
    return s.start.offset, s.end.offset


# ---- project rules over the "manifest" facts -------------------------------------------------------------

def _addons_in_paths(paths, root) -> set[str]:
    found = set()
    for p in paths or ():
        base = p if os.path.isabs(p) else os.path.join(str(root), p)
        try:
            for name in os.listdir(base):
                if os.path.isfile(os.path.join(base, name, "__manifest__.py")) or \
                        os.path.isfile(os.path.join(base, name, "__openerp__.py")):
                    found.add(name)
        except OSError:
            continue
    return found


@rule("MF104", "manifest-depends-missing", summary="`depends` names an addon that exists nowhere",
      kinds=["manifest"], severity="error", project=True, tags=["correctness", "deploy"],
      what="Reports each `depends` entry that is neither an addon of the scanned tree, nor an addon in a "
           "configured `addons-paths` folder, nor a core addon (Community or Enterprise) of the target Odoo "
           "version according to manifestoo-core's addon lists. Runs only when the target version is known.",
      why="Odoo refuses to install the module ('module X: Unmet dependencies' / missing dependencies) and an "
          "upgrade stops; a core addon that a version dropped (e.g. `hr_contract` in 19.0) shows up here too.",
      before="'depends': ['base', 'hr_contract']   # target 19.0", after="'depends': ['base', 'hr']",
      source="manifestoo-core addon lists per series (core_addons/addons-<series>-{c,e}.txt); odoo/modules/"
             "module_graph.py / loading.py refuse modules with unmet dependencies.")
def manifest_depends_missing(project):
    if project.target is None:
        return
    core = core_addons(f"{project.target.major}.{project.target.minor}")
    if not core:
        return
    local = set(project.addons) | _addons_in_paths(project.addons_paths, project.root)
    for pf, data in project.facts("manifest"):
        if not isinstance(data, dict) or not data.get("installable", True):
            continue
        for dep in data.get("depends", []):
            if dep in local or dep in core:
                continue
            span = data.get("depends_spans", {}).get(dep) or data.get("spans", {}).get("depends")
            if not span:
                continue
            gone_since = _last_core_series(dep, project.target)
            if gone_since:
                message = (f"dependency {dep!r} was a core addon of Odoo {gone_since} and no longer exists in "
                           f"{project.target}: depend on the addon that replaced it")
            else:
                message = (f"dependency {dep!r} is not in the scanned addons, the configured addons paths, or Odoo "
                           f"{project.target}'s core addons")
            yield Finding(Span.from_dict(span), message, path=pf.path)


def _last_core_series(dep, target):
    """The latest series before `target` whose core addons include `dep` (looked up 3 series back)."""
    for major in range(target.major - 1, max(7, target.major - 4), -1):
        if dep in core_addons(f"{major}.0"):
            return f"{major}.0"
    return None


_CHECKED_EXT = {".xml": "xml", ".csv": "csv"}


@rule("MF105", "manifest-file-missing", summary="`data`/`demo`/`assets` entry matches no file",
      kinds=["manifest"], severity="error", project=True, tags=["correctness"],
      what="Reports `data` and `demo` paths (.xml, .csv) and `assets` paths or globs ending in .js or .xml "
           "of this addon that match no file of the scanned tree. Only addons whose XML/CSV files were scanned are "
           "checked, so linting a single file never reports the rest as missing; paths inside folders discovery "
           "never lists (`dist`, `build`, `node_modules`, dot-folders) are not checked.",
      why="Installing or updating the module fails with FileNotFoundError for a missing data file; a missing asset "
          "breaks the bundle build and `/web/assets/*` answers 500.",
      before="'data': ['views/old_name.xml']", after="'data': ['views/new_name.xml']",
      source="odoo/tools/convert.py `convert_file` opens each data path (16.0-19.0); "
             "odoo/addons/base/models/ir_asset.py `_get_paths` (globs resolved per addon).")
def manifest_file_missing(project):
    from odoolint.discovery import ALWAYS_SKIPPED_DIRS

    def invisible(path: str) -> bool:   # discovery never lists these folders: no conclusion possible
        return any(part in ALWAYS_SKIPPED_DIRS or part.startswith(".") for part in PurePosixPath(path).parts[:-1])

    by_addon: dict[str, set[str]] = {}
    for f in project.files:
        if f.addon and f.addon_path:
            rel = f.addon_relpath
            by_addon.setdefault(f.addon, set()).add(rel)
    for pf, data in project.facts("manifest"):
        if not isinstance(data, dict):
            continue
        addon = data.get("addon")
        files = by_addon.get(addon, set())
        if not any(p.endswith((".xml", ".csv")) for p in files):
            continue
        for key in ("data", "demo"):
            for entry in data.get(key, []):
                path = PurePosixPath(entry.replace("\\", "/")).as_posix()
                if PurePosixPath(path).suffix in _CHECKED_EXT and path not in files and not invisible(path):
                    span = data.get("spans", {}).get(key)
                    if span:
                        yield Finding(Span.from_dict(span), f"`{key}` lists {entry!r}, which does not exist in "
                                      f"addon {addon!r}", path=pf.path)
        for bundle, entries in data.get("assets", {}).items():
            for entry in entries:
                if not isinstance(entry, str) or not entry.startswith(f"{addon}/"):
                    continue
                inner = entry[len(addon) + 1:]
                if not inner.endswith((".js", ".xml")) or invisible(inner):
                    continue
                if any(c in inner for c in "*?["):
                    pat = inner
                    ok = any(fnmatch.fnmatch(f, pat) or fnmatch.fnmatch(f, pat.replace("**/", "")) for f in files)
                else:
                    ok = inner in files
                if not ok:
                    span = data.get("spans", {}).get("assets")
                    if span:
                        yield Finding(Span.from_dict(span), f"asset {entry!r} of bundle {bundle!r} matches no file",
                                      path=pf.path)


# ---- external dependencies vs what the deployment installs -----------------------------------------------

_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@facts("requirements", "requirements")
def extract_requirements(ctx) -> dict:
    """{"packages": [normalised distribution names]} of a requirements file (options and includes skipped)."""
    out = []
    for line in ctx.tree if isinstance(ctx.tree, list) else []:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = _REQ_NAME.match(line)
        if m:
            out.append(_norm(m.group(1)))
    return {"packages": out}


_PIP = re.compile(r"\bpip3?\s+install\b([^&;|]*)")

# import names whose distribution name differs (what people write in external_dependencies)
_IMPORT_TO_DIST = {"yaml": "pyyaml", "dateutil": "python-dateutil", "ldap": "python-ldap", "serial": "pyserial",
                   "usb": "pyusb", "cv2": "opencv-python", "PIL": "pillow", "Crypto": "pycryptodome",
                   "OpenSSL": "pyopenssl", "jwt": "pyjwt", "magic": "python-magic", "docx": "python-docx",
                   "stdnum": "python-stdnum", "slugify": "python-slugify", "barcode": "python-barcode",
                   "git": "gitpython", "jose": "python-jose", "zeep": "zeep", "bs4": "beautifulsoup4"}


@rule("MF106", "manifest-external-deps-not-installed", summary="Python `external_dependencies` installed by no "
      "requirements file or Dockerfile", kinds=["manifest"], severity="warning", project=True, tags=["deploy"],
      precision="medium",   # import names are mapped to distributions by a table, not by the index
      what="When the scanned tree has at least one requirements file or Dockerfile, reports each "
           "`external_dependencies['python']` entry that no `requirements*.txt` line and no Dockerfile "
           "`pip install` names (names compared the PEP 503 way; common import names such as `yaml` map to their "
           "distribution `pyyaml`). A requirements file inside an addon's folder counts for that addon only: it "
           "installs nothing for the others.",
      why="Odoo checks external dependencies at install time: the module stays uninstallable ('External "
          "dependency ... not installed') in the deployed image.",
      before="'external_dependencies': {'python': ['xlrd']}   # and no requirements line",
      after="requirements.txt: xlrd",
      source="odoo/modules/module.py `check_python_external_dependency` (19.0; `check_manifest_dependencies` "
             "in 16.0-18.0).")
def manifest_external_deps(project):
    addons = {os.path.dirname(pf.path) + os.sep for pf, _ in project.facts("manifest")}
    everywhere: set[str] = set()            # what the tree's own requirements files and Dockerfiles install
    sources = 0
    local: dict[str, set[str]] = {}         # addon folder -> what a requirements file inside it installs
    for pf, data in project.facts("requirements"):
        owner = next((a for a in addons if pf.path.startswith(a)), None)
        if owner is None:
            sources += 1
            everywhere.update(data.get("packages", []))
        else:       # an addon's own file (e.g. generated from its manifest) installs nothing for the others
            local.setdefault(owner, set()).update(data.get("packages", []))
    for _, data in project.facts("dockerfile"):
        sources += 1
        for run in data.get("_runs", []) or []:
            for m in _PIP.finditer(run):
                for word in m.group(1).split():
                    if not word.startswith("-"):
                        n = _REQ_NAME.match(word.strip("'\""))
                        if n:
                            everywhere.add(_norm(n.group(1)))
    if not sources and not local:
        return
    for pf, data in project.facts("manifest"):
        if not isinstance(data, dict) or not data.get("installable", True):
            continue
        own = local.get(os.path.dirname(pf.path) + os.sep)
        if not sources and own is None:
            continue        # nothing in the tree says how this addon's dependencies are installed
        installed = everywhere | own if own else everywhere
        for dep in data.get("external_dependencies", {}).get("python", []):
            m = _REQ_NAME.match(dep)
            if not m:
                continue
            name = m.group(1)
            if _norm(name) in installed or _norm(_IMPORT_TO_DIST.get(name, name)) in installed:
                continue
            span = data.get("spans", {}).get("external_dependencies")
            if span:
                yield Finding(Span.from_dict(span), f"python dependency {dep!r} is installed by no requirements "
                              "file or Dockerfile `pip install` of this tree", path=pf.path)


@rule("MF107", "web-assets-common", summary="Bundle `web.assets_common` no longer exists (Odoo 17.0)",
      kinds=["manifest"], severity="error", since="17.0", tags=["migration"],
      what="Finds `web.assets_common` as a key of the manifest `assets` or in an `('include', ...)` entry. Human "
           "fix: add the files to `web.assets_backend` and/or `web.assets_frontend`, whichever client loads them.",
      why="17.0 dropped the bundle from the web addon: files added to it are never loaded, and an include of "
          "it fails the asset build.",
      before="'assets': {'web.assets_common': ['my_mod/static/src/x.js']}",
      after="'assets': {'web.assets_backend': ['my_mod/static/src/x.js']}",
      source="addons/web/__manifest__.py 16.0 line 50 defines 'web.assets_common'; the 17.0 web manifest does "
             "not (only web.report_assets_common).")
def web_assets_common(ctx):
    node = getattr(ctx.tree, "value_nodes", {}).get("assets")
    if not isinstance(node, ast.Dict):
        return
    for k, v in zip(node.keys, node.values):
        if isinstance(k, ast.Constant) and k.value == "web.assets_common":
            yield Finding(ctx.node_span(k), "bundle `web.assets_common` no longer exists (17.0+): move these files "
                          "to `web.assets_backend` and/or `web.assets_frontend`")
        for elt in getattr(v, "elts", []):
            if isinstance(elt, (ast.Tuple, ast.List)) and len(elt.elts) == 2 and \
                    all(isinstance(x, ast.Constant) for x in elt.elts) and elt.elts[1].value == "web.assets_common":
                yield Finding(ctx.node_span(elt), "`web.assets_common` no longer exists (17.0+): include "
                              "`web.assets_backend` or `web.assets_frontend` content instead")


# keys Odoo's loader knows (19.0 `_DEFAULT_MANIFEST` plus the documented mandatory/descriptive ones) and the
# community's common extras (OCA's maintainers, development_status, ...): unknown keys are only reported when
# they look like a typo of one of these.
KNOWN_KEYS = frozenset({
    "application", "bootstrap", "assets", "auto_install", "category", "cloc_exclude", "configurator_snippets",
    "configurator_snippets_addons", "countries", "data", "demo", "demo_xml", "depends", "description",
    "external_dependencies", "init_xml", "installable", "images", "images_preview_theme", "live_test_url",
    "new_page_templates", "post_init_hook", "post_load", "pre_init_hook", "sequence", "summary", "test",
    "theme_customizations", "update_xml", "uninstall_hook", "version", "web", "website", "name", "author",
    "license", "maintainer", "contributors", "icon", "price", "currency", "support", "maintainers",
    "development_status", "excludes", "qweb",
})
_TYPES = {"depends": (list, tuple), "data": (list, tuple), "demo": (list, tuple), "assets": (dict,),
          "external_dependencies": (dict,), "installable": (bool,), "application": (bool,),
          "auto_install": (bool, list, tuple), "name": (str,), "version": (str,), "license": (str,),
          "summary": (str,), "description": (str,), "category": (str,), "author": (str,)}


@rule("MF108", "manifest-key-invalid", summary="Manifest key misspelt or of the wrong type",
      kinds=["manifest"], severity="error", fix="unsafe", tags=["correctness"],
      what="Reports keys that are a near miss of a key Odoo reads (`depend`, `datas`, `instalable`, ...; the "
           "unsafe fix renames the key) and known keys whose value has the wrong type (`depends`, `data`, `demo` "
           "must be lists, `installable`/`application` booleans, `version`/`name`/`license` strings, ...).",
      why="Odoo ignores unknown keys silently, so a misspelt `data` never loads its files and a misspelt `depends` "
          "installs the module without its dependencies; a string `depends` is iterated character by character. "
          "The fix is unsafe because the renamed key starts to take effect.",
      before="'datas': ['views/x.xml'],", after="'data': ['views/x.xml'],",
      source="odoo/modules/module.py 19.0 `_DEFAULT_MANIFEST` (lines 56-95) and `_load_manifest` "
             "(`assert isinstance(depends, Collection)`); the same keys in 16.0-18.0 `load_manifest`.")
def manifest_key_invalid(ctx):
    import difflib

    tree = ctx.tree
    values = getattr(tree, "values", None)
    if not isinstance(values, dict):
        return
    for key, knode in tree.key_nodes.items():
        if key in KNOWN_KEYS:
            expected = _TYPES.get(key)
            if expected and not isinstance(values.get(key), expected):
                names = " or ".join({"list": "a list", "tuple": "a list", "dict": "a dict", "bool": "True/False",
                                     "str": "a string"}[t.__name__] for t in expected if t is not tuple)
                yield Finding(ctx.node_span(tree.value_nodes[key]), f"`{key}` must be {names}, not "
                              f"{type(values.get(key)).__name__}")
            continue
        close = difflib.get_close_matches(key, sorted(KNOWN_KEYS - set(values)), n=1, cutoff=0.8)
        if not close:
            continue
        fix = None
        from odoolint.rules.python.common import string_content_span
        sp = string_content_span(ctx, knode)
        if sp:
            fix = Fix((ctx.edit(sp[0], sp[1], close[0]),), Applicability.UNSAFE, f"Rename to `{close[0]}`")
        yield Finding(ctx.node_span(knode), f"unknown manifest key `{key}` (ignored by Odoo): did you mean "
                      f"`{close[0]}`?", fix=fix)
