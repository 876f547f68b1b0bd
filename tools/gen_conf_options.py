"""Generate ``odoolint/data/odoo_conf_options.json`` from Odoo's ``odoo/tools/config.py``.

Usage::

    python tools/gen_conf_options.py 16.0=/tmp/c16.py 17.0=/tmp/c17.py \\
        18.0=/tmp/c18.py 19.0=/tmp/c19.py [--out odoolint/data/odoo_conf_options.json]

Each PATH is a copy of ``odoo/tools/config.py`` of that release. The file is
read with ``ast`` only; it is never imported or executed. Fetched Odoo code is
kept out of this repository (copies live under /tmp only).

Sources the committed JSON was generated from (also written to each table's
``source`` field), each the latest release build among the copies compared
(#8 third round; docs/source-notes.md "Version facts, second copies"):

* 16.0  Martel-IT/odoo-16-core@ea87592d6998e54961d9bcec58f9fa210771cffe
        odoo/tools/config.py (release.py 16.0 FINAL, April 2025 import of the
        16.0 core). Against alfarisye/odoo_16@1be6a65 (the first table's
        source, Feb 2023) it differs only in `--longpolling-port`'s dest:
        `longpolling_port` (mapped to gevent_port after load) there
        `gevent-port`; NguyenDanhBinhGiang/odoo-16-e@09ac459 agrees with this
        one on that and is an older build (limit_request 8192,
        websocket_keep_alive_timeout 600).
* 17.0  ShaheenHossain/odoo-17cmnty_unozio_2025@4376e02a7b15c9ff775ebd61e2fea33a454b1fde
        odoo/tools/config.py (Jan 2025 17.0 build; the later commits of the
        fork touch strings only). Against ashkan-farivarmoheb/odoo-17.0@63ff231
        (Jan 2024, the first table's source) it adds the deprecated aliases
        `geoip_database` -> `geoip_city_db`, `osv_memory_age_limit` ->
        `transient_age_limit`.
* 18.0  AhmedElarabyy/odoo-18@c7678f850974aaef37c6c5ce89bd7738d18805cd
        odoo/tools/config.py (May 2025 18.0 build). Against
        Coolyce/neudibel_4levels_odoo_18ent@9c226f8 (rebranded, older) it adds
        `--pre-upgrade-scripts` and `--limit-time-worker-cron`.
* 19.0  jnvdx6/skymedic-odoo@85dffc07fba25f19927b3c87d0e9645b2ec697df
        odoo/tools/config.py (release.py 19.0 FINAL, Feb 2026). Against
        hendrasaputra0501/odoo-18@df32bf9 (the first table's source, of
        unknown series past 19.0) it lacks `--archive-dir`.

What is extracted per option (key = ``dest``, or the first long flag with
``-`` -> ``_`` when there is no dest; the first definition of a dest wins, as
in Odoo):

* ``type``: int / float / choice (+ ``choices``) / bool (store_true,
  store_false, 19.0 ``type='bool'``, or a bool literal in the 16-18 non-CLI
  ``self.options`` dict) / string (everything else). ``comma: true`` marks
  comma-separated lists.
* ``default``: ``my_default`` (or the ``self.options`` literal), evaluated
  statically; when it cannot be (e.g. a function call) ``default`` is null
  and ``default_expr`` holds the source expression.
* ``path``: the value goes through ``_normalize`` (``os.path.expandvars``).
* ``file_loadable``: 16-18: every key ``load()`` copies from ``[options]``,
  minus keys ``_parse_config`` overwrites unconditionally after ``load()``
  (e.g. ``dev_mode``, rebuilt from ``--dev``), minus OVERRIDES below.
  19: the option's ``file_loadable=`` keyword (default True).
* ``env`` (19 only): ``env_name=`` or the generated ``ODOO_<DEST>``.

``aliases`` maps a file key to its new key (remaps in ``load()``'s
``outdated_options_map``, ``_warn_deprecated_options``, 19's
``self.aliases`` and ``_load_file_options``), or to null when a key valid in
an earlier release is gone. Posix is assumed (``os.name == 'posix'``).
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

SOURCES = {
    "16.0": "Martel-IT/odoo-16-core@ea87592d6998e54961d9bcec58f9fa210771cffe odoo/tools/config.py",
    "17.0": "ShaheenHossain/odoo-17cmnty_unozio_2025@4376e02a7b15c9ff775ebd61e2fea33a454b1fde odoo/tools/config.py",
    "18.0": "AhmedElarabyy/odoo-18@c7678f850974aaef37c6c5ce89bd7738d18805cd odoo/tools/config.py",
    "19.0": "jnvdx6/skymedic-odoo@85dffc07fba25f19927b3c87d0e9645b2ec697df odoo/tools/config.py",
}

# Facts the AST pass cannot see. (version prefix, key) -> fields to override.
OVERRIDES = {
    # 16-18: the file is chosen from opt.config/ODOO_RC *before* load() runs
    # (16.0 config.py:433-435, 17.0 :431-433, 18.0 :451-453), so a `config`
    # key inside the file changes nothing.
    ("16", "config"): {"file_loadable": False},
    ("17", "config"): {"file_loadable": False},
    ("18", "config"): {"file_loadable": False},
    # 16-18: `if opt.save: self.save()` reads the CLI value only
    # (16.0 config.py:543, 17.0 :544, 18.0 :564).
    ("16", "save"): {"file_loadable": False},
    ("17", "save"): {"file_loadable": False},
    ("18", "save"): {"file_loadable": False},
}

# Keys copied from old samples that no release 16-19 knows (RULES.md §1.2).
OBSOLETE = [
    "auto_reload", "debug_mode", "demo", "logrotate",
    "netrpc", "netrpc_interface", "netrpc_port",
    "secure_cert_file", "secure_pkey_file", "timezone",
    "xmlrpcs", "xmlrpcs_interface", "xmlrpcs_port",
]

BOOL_ACTIONS = {"store_true", "store_false"}
COMMA_TYPES = {"comma", "addons_path", "upgrade_path", "pre_upgrade_scripts"}


class _Unknown(Exception):
    pass


def _is_self_attr(node, attr):
    return (isinstance(node, ast.Attribute) and node.attr == attr
            and isinstance(node.value, ast.Name) and node.value.id == "self")


def _options_key(node, attr="options"):
    """'k' for ``self.<attr>['k']``, else None."""
    if (isinstance(node, ast.Subscript) and _is_self_attr(node.value, attr)
            and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
        return node.slice.value
    return None


class Extractor:
    def __init__(self, text: str):
        self.tree = ast.parse(text)
        self.names = {}  # simple `name = expr` assignments, for evaluating defaults
        for node in ast.walk(self.tree):
            if (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)):
                self.names.setdefault(node.targets[0].id, node.value)
        self.funcs = {}  # name -> first definition (configmanager's names are unique)
        self.inits = []  # every __init__ (the option classes' and configmanager's)
        for n in ast.walk(self.tree):
            if isinstance(n, ast.FunctionDef):
                self.funcs.setdefault(n.name, n)
                if n.name == "__init__":
                    self.inits.append(n)

    # -- static evaluation -------------------------------------------------
    def value(self, node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.value(e) for e in node.elts]
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.value(self.names[node.id])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self.value(node.operand)
        if isinstance(node, ast.BinOp):
            ops = {ast.Mult: lambda a, b: a * b, ast.Pow: lambda a, b: a ** b,
                   ast.Add: lambda a, b: a + b}
            if type(node.op) in ops:
                return ops[type(node.op)](self.value(node.left), self.value(node.right))
        raise _Unknown(ast.unparse(node))

    def expr_text(self, node):
        if isinstance(node, ast.Name) and node.id in self.names:
            return ast.unparse(self.names[node.id])
        return ast.unparse(node)

    # -- option declarations -----------------------------------------------
    def option_calls(self):
        """Yield (call, kind) for every option declaration, in source order."""
        for node in ast.walk(self.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "add_option" and node.args):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name):
                yield arg, arg.func.id  # FileOnlyOption(...) / PosixOnlyOption(...)
            else:
                yield node, "option"

    def options(self):
        found = {}
        for call, kind in sorted(self.option_calls(), key=lambda c: (c[0].lineno, c[0].col_offset)):
            kw = {k.arg: k.value for k in call.keywords if k.arg}
            flags = [a.value for a in call.args if isinstance(a, ast.Constant)]
            if "dest" in kw:
                dest = self.value(kw["dest"])
            else:
                longs = [f for f in flags if f.startswith("--")]
                dest = longs[0][2:].replace("-", "_")
            if dest in found:
                continue  # the first declaration of a dest wins
            action = self.value(kw["action"]) if "action" in kw else None
            otype = self.value(kw["type"]) if "type" in kw else None
            entry = {"flags": flags, "action": action, "otype": otype}
            if action in BOOL_ACTIONS or otype == "bool":
                entry["type"] = "bool"
            elif otype in ("int", "float", "choice"):
                entry["type"] = otype
            else:
                entry["type"] = "string"
            if otype == "choice":
                entry["choices"] = self.value(kw["choices"])
            if otype in COMMA_TYPES:
                entry["comma"] = True
            self._set_default(entry, kw.get("my_default"))
            if "file_loadable" in kw:
                entry["file_loadable"] = self.value(kw["file_loadable"])
            if "env_name" in kw:
                entry["env_name"] = self.value(kw["env_name"])
            found[dest] = entry
        return found

    def _set_default(self, entry, node):
        if node is None:
            entry["default"] = None
            return
        try:
            entry["default"] = self.value(node)
        except _Unknown:
            entry["default"] = None
            entry["default_expr"] = self.expr_text(node)

    def options_dict_literal(self):
        """16-18: ``self.options = {...}`` (options not exposed on the CLI)."""
        for node in ast.walk(self.tree):
            if (isinstance(node, ast.Assign) and _is_self_attr(node.targets[0], "options")
                    and isinstance(node.value, ast.Dict)):
                return {self.value(k): self.value(v) for k, v in zip(node.value.keys, node.value.values)}
        return {}

    # -- 16-18 semantics ---------------------------------------------------
    def overwritten_after_load(self):
        """Keys `_parse_config` reassigns unconditionally after `self.load()`
        from something other than their own (file) value."""
        func = self.funcs.get("_parse_config")
        out, after = set(), False
        for stmt in func.body if func else []:
            if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                    and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "load"):
                after = True
            if after and isinstance(stmt, ast.Assign):
                key = _options_key(stmt.targets[0])
                reads_self = any(_options_key(n) == key for n in ast.walk(stmt.value))
                if key and not reads_self:
                    out.add(key)
        return out

    def normalized_keys(self):
        """Keys whose value goes through ``self._normalize`` in `_parse_config`."""
        func = self.funcs.get("_parse_config")
        keys = set()
        def calls_norm(n):
            return any(isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                       and c.func.attr == "_normalize" for c in ast.walk(n))

        for node in ast.walk(func) if func else []:
            if isinstance(node, ast.For) and isinstance(node.iter, ast.List) and calls_norm(node):
                keys.update(self.value(node.iter))
            elif isinstance(node, ast.Assign) and _options_key(node.targets[0]) and calls_norm(node.value):
                keys.add(_options_key(node.targets[0]))
        return keys

    def split_keys(self):
        """16-18: keys read as ``self.options['k'].split(',')`` (comma lists)."""
        keys = set()
        for node in ast.walk(self.tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "split" and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value == ","):
                key = _options_key(node.func.value)
                if key:
                    keys.add(key)
        return keys

    # -- 19 semantics ------------------------------------------------------
    def path_types(self):
        """19: option types whose TYPE_CHECKER function calls ``_normalize``."""
        out = set()
        checker = self.funcs.get("TYPE_CHECKER")
        for node in ast.walk(checker) if checker else []:
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if isinstance(v, ast.Attribute) and v.attr in self.funcs:
                        body = self.funcs[v.attr]
                        if any(isinstance(n, ast.Attribute) and n.attr == "_normalize" for n in ast.walk(body)):
                            out.add(k.value)
        return out

    def env_prefix(self):
        """19: the constant prefix of the generated env var ('ODOO_')."""
        for node in (n for init in self.inits for n in ast.walk(init)):
            if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)
                    and node.targets[0].attr == "env_name" and isinstance(node.value, ast.BinOp)
                    and isinstance(node.value.left, ast.Constant)):
                return node.value.left.value
        return None

    def default_assignments(self):
        """19: ``self._default_options['k'] = expr`` in `_load_default_options`."""
        func = self.funcs.get("_load_default_options")
        out = {}
        for node in ast.walk(func) if func else []:
            if isinstance(node, ast.Assign):
                key = _options_key(node.targets[0], "_default_options")
                if key:
                    out[key] = node.value
        return out

    # -- aliases -----------------------------------------------------------
    def aliases(self):
        out = {}
        for node in ast.walk(self.tree):
            # load(): outdated_options_map = {...}; 19: self.aliases = {...}
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                t = node.targets[0]
                if (isinstance(t, ast.Name) and t.id == "outdated_options_map") or _is_self_attr(t, "aliases"):
                    out.update({self.value(k): self.value(v) for k, v in zip(node.value.keys, node.value.values)})
            # 16/17: self.options[new] = self.options.pop(old)
            if (isinstance(node, ast.Assign) and _options_key(node.targets[0])
                    and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute)
                    and node.value.func.attr == "pop" and _is_self_attr(node.value.func.value, "options")):
                out[self.value(node.value.args[0])] = _options_key(node.targets[0])
            # 19 _load_file_options: if name == 'old': name = 'new'
            if (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
                    and isinstance(node.test.left, ast.Name) and node.test.left.id == "name"
                    and isinstance(node.test.comparators[0], ast.Constant)):
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)
                            and stmt.targets[0].id == "name" and isinstance(stmt.value, ast.Constant)):
                        out[node.test.comparators[0].value] = stmt.value.value
        # 18: for old, new in [('old', 'new'), ...] in _warn_deprecated_options
        func = self.funcs.get("_warn_deprecated_options")
        for node in ast.walk(func) if func else []:
            if isinstance(node, ast.For) and isinstance(node.iter, ast.List):
                for elt in node.iter.elts:
                    if isinstance(elt, ast.Tuple) and len(elt.elts) == 2:
                        old, new = self.value(elt)
                        if isinstance(old, str) and isinstance(new, str):
                            out[old] = new
        return out


def _literal_type(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "string"


def build_table(version: str, text: str) -> dict:
    ex = Extractor(text)
    declared = ex.options()
    modern = "_load_file_options" in ex.funcs  # 19.0 layout
    options = {}
    if modern:
        path_types, prefix = ex.path_types(), ex.env_prefix()
        for dest, e in declared.items():
            loadable = e.get("file_loadable", True)
            env = e.get("env_name")
            if env is None and loadable:
                env = prefix + dest.upper()
            options[dest] = {"type": e["type"], "default": e["default"],
                             "path": e["otype"] in path_types, "file_loadable": loadable}
            if env:
                options[dest]["env"] = env
            for k in ("choices", "comma", "default_expr"):
                if k in e:
                    options[dest][k] = e[k]
        for key, node in ex.default_assignments().items():
            if key in options and options[key]["default"] is None:
                options[key]["default_expr"] = ex.expr_text(node)
    else:
        overwritten = ex.overwritten_after_load()
        normalized = ex.normalized_keys()
        split = ex.split_keys()
        for key, value in ex.options_dict_literal().items():
            options[key] = {"type": _literal_type(value), "default": value}
        for dest, e in declared.items():
            if dest in options:
                continue
            options[dest] = {k: e[k] for k in ("type", "default", "choices", "default_expr") if k in e}
        for key, o in options.items():
            o["path"] = key in normalized
            o["file_loadable"] = key not in overwritten
            if key in split:
                o["comma"] = True
    for (major, key), fields in OVERRIDES.items():
        if version.split(".")[0] == major and key in options:
            options[key].update(fields)

    aliases = ex.aliases()
    for old in aliases:
        options.pop(old, None)  # a deprecated dest is an alias, not a key
    return {"options": dict(sorted(options.items())), "aliases": dict(sorted(aliases.items())),
            "source": SOURCES.get(version, "")}


def build(paths: dict[str, str]) -> dict:
    out, seen = {}, set()
    for version in sorted(paths, key=lambda v: float(v)):
        table = build_table(version, Path(paths[version]).read_text(encoding="utf-8"))
        known = set(table["options"]) | set(table["aliases"])
        for gone in sorted(seen - known):
            table["aliases"][gone] = None  # a file key of an earlier release, gone now
        table["aliases"] = dict(sorted(table["aliases"].items()))
        seen |= {k for k, o in table["options"].items() if o["file_loadable"]}
        seen |= {k for k, new in table["aliases"].items() if new}
        out[version] = table
    clash = [k for k in OBSOLETE if any(k in out[v]["options"] or out[v]["aliases"].get(k) for v in out)]
    if clash:
        raise SystemExit(f"OBSOLETE keys are valid in some version: {clash}")
    out["obsolete"] = sorted(OBSOLETE)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", metavar="VERSION=PATH")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "odoolint/data/odoo_conf_options.json"))
    args = ap.parse_args(argv)
    paths = dict(s.split("=", 1) for s in args.sources)
    data = build(paths)
    Path(args.out).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{v} {len(data[v]['options'])} options" for v in paths), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
