"""The "manifest" facts (FACTS.md contract), read from the literal the parser already evaluated.

{"addon": str, "version": str | None, "depends": [str], "data": [str], "demo": [str], "assets": {bundle: [...]},
 "external_dependencies": {"python": [...], "bin": [...]}, "license": str | None, "installable": bool,
 "spans": {key: span of the value}, "depends_spans": {dep: span}}
Values of the wrong type are reported as empty (other rules report the type error), never crash.
"""
from __future__ import annotations

import ast

from odoolint.registry import facts


def _strs(value) -> list:
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def _plain(value):
    """Asset entries are paths or directives such as ('include', 'web._assets_helpers'): JSON-safe copies."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


@facts("manifest", "manifest")
def extract_manifest(ctx) -> dict:
    tree = ctx.tree
    values = getattr(tree, "values", None)
    if not isinstance(values, dict):
        values = {}
    version = values.get("version")
    assets = values.get("assets")
    ext = values.get("external_dependencies")
    ext = ext if isinstance(ext, dict) else {}
    license_ = values.get("license")
    spans = {}
    depends_spans = {}
    for key, node in getattr(tree, "value_nodes", {}).items():
        spans[key] = ctx.node_span(node).to_dict()
    dep_node = getattr(tree, "value_nodes", {}).get("depends")
    if isinstance(dep_node, (ast.List, ast.Tuple)):
        for elt in dep_node.elts:
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str):
                depends_spans.setdefault(elt.value, ctx.node_span(elt).to_dict())
    return {
        "addon": ctx.addon,
        "version": version if isinstance(version, str) else None,
        "depends": _strs(values.get("depends")),
        "data": _strs(values.get("data")),
        "demo": _strs(values.get("demo")),
        "assets": {k: [_plain(e) for e in v] for k, v in assets.items()
                   if isinstance(k, str) and isinstance(v, (list, tuple))} if isinstance(assets, dict) else {},
        "external_dependencies": {"python": _strs(ext.get("python")), "bin": _strs(ext.get("bin"))},
        "license": license_ if isinstance(license_, str) else None,
        "installable": bool(values.get("installable", True)),
        "spans": spans,
        "depends_spans": depends_spans,
    }
