"""DigitalOcean App Platform app spec: the "do_app_spec" facts and the helpers every DO rule uses.

Schema (FACTS.md): {"services": [component], "workers": [component], "ingress": [rule], "databases": [...],
"dir": abs folder}. A component is {"name", "http_port", "envs", "instance_size_slug", "instance_count",
"health_check", "dockerfile_path", "source_dir", "image", "run_command", "span", "is_odoo"} plus "_loc",
this family's private positions (spans and insertion points) for cross-file fixes.

"dir" is the folder that `source_dir` and `dockerfile_path` are relative to: the repository root, i.e. the
parent of `.do/` for `.do/app.yaml` and `.do/deploy.template.yaml`, else the spec's own folder.
"""
from __future__ import annotations

import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.registry import facts
from odoolint.sources import yamltree as yt

from .yamledit import insert_key

_ODOO_WORD = re.compile(r"(?:^|[/\s_.-])odoo(?:-bin)?(?:$|[\s:/_.-])", re.I)


def spec_root(tree):
    """The app spec mapping: the document root, or its `spec:` (deploy.template.yaml)."""
    root = getattr(tree, "root", None)
    if not yt.is_map(root):
        return None
    if yt.get(root, "services") is None and yt.get(root, "workers") is None and yt.is_map(yt.get(root, "spec")):
        return yt.get(root, "spec")
    return root


def components(tree, sections=("services", "workers", "jobs")) -> Iterator[tuple[str, int, object]]:
    """(section, index, mapping node) of every component of the spec."""
    root = spec_root(tree)
    if root is None:
        return
    for section in sections:
        for i, node in enumerate(yt.seq(yt.get(root, section))):
            if yt.is_map(node):
                yield section, i, node


def env_items(component) -> Iterator[tuple[str, object, object]]:
    """(key, env item mapping node, value node or None) for each `envs` entry with a string key."""
    for item in yt.seq(yt.get(component, "envs")):
        key = yt.scalar(yt.get(item, "key"))
        if key is not None:
            yield key, item, yt.get(item, "value")


def str_or_none(node) -> Optional[str]:
    value = yt.scalar(node)
    return None if value is None else str(value)


def int_or_none(node) -> Optional[int]:
    value = yt.to_python(node) if yt.is_scalar(node) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def looks_like_odoo(component) -> bool:
    """A component that runs Odoo, judged from the spec alone."""
    image = yt.get(component, "image")
    repo = str_or_none(yt.get(image, "repository")) or ""
    if repo.rsplit("/", 1)[-1].lower() == "odoo" or "odoo" in repo.lower():
        return True
    # its command, the Dockerfile it builds, or a name that says so; `ODOO_*` variables alone (a backup job, a
    # connector, Superset reading Odoo's database) do not make it Odoo
    for field in ("run_command", "dockerfile_path", "name", "source_dir"):
        value = str_or_none(yt.get(component, field)) or ""
        if _ODOO_WORD.search(" " + value + " "):
            return True
    return False


def spec_dir(path: str) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.basename(folder) == ".do":
        return os.path.dirname(folder)
    return folder


def _span(ctx, node):
    return yt.span(ctx.index, node).to_dict() if node is not None else None


def _value_span(ctx, node):
    return yt.value_span(ctx.index, node).to_dict() if yt.is_scalar(node) else None


def _component(ctx, node) -> dict:
    envs: dict[str, str] = {}
    env_loc: dict[str, dict] = {}
    for key, item, value in env_items(node):
        text = yt.scalar(value)
        envs[key] = "" if text is None else str(text)
        env_loc[key] = {"key": _span(ctx, yt.get(item, "key")), "value": _value_span(ctx, value),
                        "type": str_or_none(yt.get(item, "type"))}
    hc = yt.get(node, "health_check")
    hc_port = yt.get(hc, "port")
    http_port = yt.get(node, "http_port")
    name_node = yt.get(node, "name")
    insert = insert_key(ctx.source, node, "http_port: 0", ctx.newline)
    hc_insert = insert_key(ctx.source, hc, "port: 0", ctx.newline) if yt.is_map(hc) else None
    return {
        "name": str_or_none(name_node) or "",
        "http_port": int_or_none(http_port),
        "envs": envs,
        "instance_size_slug": str_or_none(yt.get(node, "instance_size_slug")),
        "instance_count": int_or_none(yt.get(node, "instance_count")),
        "health_check": yt.to_plain(hc) if yt.is_map(hc) else None,
        "dockerfile_path": str_or_none(yt.get(node, "dockerfile_path")),
        "source_dir": str_or_none(yt.get(node, "source_dir")),
        "image": yt.to_plain(yt.get(node, "image")) if yt.is_map(yt.get(node, "image")) else None,
        "run_command": str_or_none(yt.get(node, "run_command")),
        "span": _span(ctx, name_node if name_node is not None else node),
        "is_odoo": looks_like_odoo(node),
        "_loc": {
            "http_port": _value_span(ctx, http_port),
            "insert": [ctx.span(insert[0], insert[0]).to_dict(), insert[1]] if insert else None,
            "health_check_port": _value_span(ctx, hc_port),
            "health_check_insert": [ctx.span(hc_insert[0], hc_insert[0]).to_dict(), hc_insert[1]] if hc_insert
            else None,
            "health_check": _span(ctx, yt.get_pair(node, "health_check")[0]),
            "envs": env_loc,
        },
    }


@facts("do-app-spec", "do_app_spec")
def extract(ctx) -> dict:
    root = spec_root(ctx.tree)
    out = {"services": [], "workers": [], "ingress": [], "databases": [], "dir": spec_dir(ctx.path)}
    if root is None:
        return out
    for section in ("services", "workers"):
        out[section] = [_component(ctx, node) for s, _, node in components(ctx.tree, (section,))]
    ingress = yt.get(root, "ingress")
    rules = (yt.to_plain(yt.get(ingress, "rules")) or []) if yt.is_seq(yt.get(ingress, "rules")) else []
    out["ingress"] = [r for r in rules if isinstance(r, dict)]
    dbs = (yt.to_plain(yt.get(root, "databases")) or []) if yt.is_seq(yt.get(root, "databases")) else []
    out["databases"] = [d for d in dbs if isinstance(d, dict)]
    return out
