"""docker-compose: the "compose" facts (FACTS.md) and the YAML helpers every compose rule uses.

Schema (FACTS.md): {"services": {name: service}, "networks": [str], "volumes": [str], "dir": abs folder}, plus
the private "_external_networks" (top-level networks declared `external`).
A service carries the documented keys plus private ones: "_network_mode", "_links", "_extra_hosts" (host
names), "_entrypoint" (an `entrypoint:` override), "_labels" ({key: {"value", "span"}}), "_configs" (`configs:`/`secrets:` as file mounts:
{"source": file relative to the compose file | None, "target", "span"}) and "_loc", this family's private positions for fixes:
{"environment": {KEY: {"key": span, "value": span | null, "raw": bool}}, "command": span | null,
 "healthcheck_test": [{"text": str, "span": span, "raw": bool}], "name": span}. "raw" is true when the
scalar's text maps one-to-one onto the file (plain, or quoted without escapes), so an offset into the text is
an offset into the file.

YAML merge keys (`<<: *common`) are followed, because compose stacks routinely share an `x-odoo` block.
"""
from __future__ import annotations

import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.registry import facts
from odoolint.sources import yamltree as yt

_MERGE_TAG = "tag:yaml.org,2002:merge"


def mitems(node, _depth: int = 0, _seen: Optional[set] = None) -> Iterator[tuple[str, object, object]]:
    """(key, key node, value node) of a mapping, following `<<` merge keys (explicit keys win).

    Each merged mapping is visited once however often it is merged (memo over shared nodes): a merge-key bomb
    costs its size, not its expansion.
    """
    if not yt.is_map(node) or _depth > 20:
        return
    visited = set() if _seen is None else _seen
    if id(node) in visited:
        return
    visited.add(id(node))
    seen: set[str] = set()
    merged: list = []
    for k, v in node.value:
        if yt.is_scalar(k) and (k.value == "<<" or k.tag == _MERGE_TAG):
            merged.extend([v] if yt.is_map(v) else [x for x in yt.seq(v) if yt.is_map(x)])
            continue
        if yt.is_scalar(k):
            seen.add(k.value)
            yield k.value, k, v
    for m in merged:
        for key, kn, vn in mitems(m, _depth + 1, visited):
            if key not in seen:
                seen.add(key)
                yield key, kn, vn


def mget(node, key: str):
    for k, _, v in mitems(node):
        if k == key:
            return v
    return None


def mget_pair(node, key: str):
    for k, kn, v in mitems(node):
        if k == key:
            return kn, v
    return None, None


def services(tree) -> Iterator[tuple[str, object, object]]:
    """(name, key node, mapping node) of every service of the first document."""
    root = getattr(tree, "root", None)
    for name, kn, node in mitems(mget(root, "services")):
        if yt.is_map(node):
            yield name, kn, node


def text(node) -> Optional[str]:
    """A scalar's text (None for null, mappings and sequences)."""
    if not yt.is_scalar(node) or node.tag == "tag:yaml.org,2002:null":
        return None
    return str(node.value)


def is_raw(ctx, node) -> bool:
    """True when the scalar's value is exactly its text in the file (no escapes, folding or quotes)."""
    if not yt.is_scalar(node):
        return False
    span = yt.value_span(ctx.index, node)
    return ctx.source[span.start.offset:span.end.offset] == node.value


def _sd(ctx, node) -> Optional[dict]:
    return yt.span(ctx.index, node).to_dict() if node is not None else None


def _vsd(ctx, node) -> Optional[dict]:
    return yt.value_span(ctx.index, node).to_dict() if yt.is_scalar(node) else None


# ---- what runs where ------------------------------------------------------------------------

_PG_REPOS = {"postgres", "postgis", "postgresql", "timescaledb", "timescaledb-ha", "pgvector",
             "postgresql-repmgr", "supabase-postgres"}
_PROXY_REPOS = {"nginx", "traefik", "caddy", "haproxy", "nginx-proxy", "envoy", "nginx-proxy-manager",
                "openresty", "swag", "apache", "httpd"}


def image_repo_tag(image: Optional[str]) -> tuple[str, Optional[str]]:
    """('odoo', '17.0') from 'docker.io/library/odoo:17.0@sha256:...'; the repo's last path part, lower-case."""
    if not image:
        return "", None
    ref = image.split("@", 1)[0]
    last = ref.rsplit("/", 1)[-1]
    tag = None
    if ":" in last:
        last, tag = last.split(":", 1)
    return last.lower(), tag


def looks_like_odoo(name: str, image: Optional[str], command) -> bool:
    repo, _ = image_repo_tag(image)
    if looks_like_proxy(image) or repo in _PG_REPOS or "pgbouncer" in repo:
        return False            # camptocamp/odoo-nginx, odoo-pgbouncer, ...: named after Odoo, not running it
    if repo in ("odoo", "doodba") or (image and "odoo" in image.lower().split("@")[0].split(":")[0]):
        return True
    words = command if isinstance(command, list) else (command or "").split()
    if words and os.path.basename(str(words[0])) in ("odoo", "odoo-bin", "openerp-server"):
        return True
    return image is None and "odoo" in name.lower()


def looks_like_postgres(name: str, image: Optional[str]) -> bool:
    repo, _ = image_repo_tag(image)
    if repo in _PG_REPOS:
        return True
    return image is None and name.lower() in ("db", "postgres", "postgresql", "pg", "database")


def looks_like_proxy(image: Optional[str]) -> bool:
    repo, _ = image_repo_tag(image)
    return repo in _PROXY_REPOS or bool(set(re.split(r"[-_.]", repo)) & {"nginx", "traefik", "caddy", "haproxy",
                                                                           "envoy", "openresty"})


# ---- service sections ------------------------------------------------------------------------

def environment(ctx, svc) -> tuple[dict, dict]:
    """{KEY: value} and {KEY: {"key", "value", "raw"}} from the map or list form of `environment`."""
    env: dict[str, str] = {}
    loc: dict[str, dict] = {}
    node = mget(svc, "environment")
    if yt.is_map(node):
        for key, kn, vn in mitems(node):
            value = text(vn)
            env[key] = "" if value is None else value
            loc[key] = {"key": _sd(ctx, kn), "value": _vsd(ctx, vn) if value is not None else None,
                        "raw": is_raw(ctx, vn)}
    else:
        for item in yt.seq(node):
            value = text(item)
            if value is None:
                continue
            key, eq, val = value.partition("=")
            key = key.strip()
            if not key:
                continue
            env[key] = val if eq else ""
            vs = yt.value_span(ctx.index, item)
            raw = is_raw(ctx, item)
            start = vs.start.offset + len(value.partition("=")[0]) + 1 if raw and eq else None
            loc[key] = {"key": _sd(ctx, item),
                        "value": ctx.span(start, vs.end.offset).to_dict() if start is not None else None,
                        "raw": raw}
    return env, loc


def command_value(node):
    if yt.is_seq(node):
        return [text(x) or "" for x in yt.seq(node)]
    return text(node)


_PORT_RE = re.compile(r"^(?:(?P<ip>\[[^\]]*\]|[^:]*):)??(?:(?P<pub>[^:]*):)?(?P<target>[^:/]+)(?:/\w+)?$")


def parse_port(value: str) -> tuple[Optional[str], Optional[int], Optional[str]]:
    """(published, target, host_ip) of a short-syntax port; target None for a range."""
    m = _PORT_RE.match(value.strip())
    if not m:
        return None, None, None
    target = m.group("target")
    return (m.group("pub") or None, int(target) if target.isdigit() else None, m.group("ip") or None)


def ports(ctx, svc) -> list[dict]:
    out = []
    for item in yt.seq(mget(svc, "ports")):
        if yt.is_map(item):
            t = text(mget(item, "target"))
            pub = text(mget(item, "published"))
            out.append({"published": pub, "target": int(t) if t and t.isdigit() else None,
                        "host_ip": text(mget(item, "host_ip")), "span": _sd(ctx, item)})
        elif yt.is_scalar(item):
            pub, target, ip = parse_port(str(item.value))
            out.append({"published": pub, "target": target, "host_ip": ip, "span": _sd(ctx, item),
                        "_value_span": _vsd(ctx, item) if is_raw(ctx, item) else None})
    return out


def parse_volume(value: str) -> tuple[Optional[str], Optional[str], str]:
    """(source, target, type) of a short-syntax volume (`src:dst[:mode]`, or an anonymous `dst`)."""
    parts = value.split(":")
    if len(parts) >= 2 and len(parts[0]) == 1 and parts[0].isalpha() and parts[1][:1] in ("\\", "/"):
        parts = [parts[0] + ":" + parts[1]] + parts[2:]          # a Windows drive letter
    if len(parts) == 1:
        return None, parts[0] or None, "volume"
    source, target = parts[0], parts[1]
    kind = "bind" if source.startswith((".", "/", "~", "$")) or (len(source) > 1 and source[1] == ":") else "volume"
    return source, target or None, kind


def volumes(ctx, svc) -> list[dict]:
    out = []
    for item in yt.seq(mget(svc, "volumes")):
        if yt.is_map(item):
            target = text(mget(item, "target"))
            if not target:
                continue
            source = text(mget(item, "source"))
            kind = text(mget(item, "type")) or ("bind" if source and source.startswith((".", "/", "~")) else
                                                "volume")
            out.append({"source": source, "target": target, "type": kind, "span": _sd(ctx, item)})
        elif yt.is_scalar(item):
            source, target, kind = parse_volume(str(item.value))
            if target:
                out.append({"source": source, "target": target, "type": kind, "span": _sd(ctx, item)})
    return out


def networks(svc) -> dict:
    node = mget(svc, "networks")
    if node is None:
        return {"default": {"aliases": []}}
    out: dict[str, dict] = {}
    if yt.is_seq(node):
        for item in yt.seq(node):
            name = text(item)
            if name:
                out[name] = {"aliases": []}
    elif yt.is_map(node):
        for name, _, value in mitems(node):
            aliases = [text(a) for a in yt.seq(mget(value, "aliases"))] if yt.is_map(value) else []
            out[name] = {"aliases": [a for a in aliases if a]}
    return out


def depends_on(svc) -> dict:
    node = mget(svc, "depends_on")
    out: dict[str, dict] = {}
    if yt.is_seq(node):
        for item in yt.seq(node):
            if text(item):
                out[text(item)] = {"condition": "service_started"}
    elif yt.is_map(node):
        for name, _, value in mitems(node):
            out[name] = {"condition": text(mget(value, "condition")) or "service_started"}
            if text(mget(value, "required")) == "false":
                out[name]["required"] = False
    return out


def depends_on_conditions(ctx, svc) -> dict:
    """{service: value span of its `condition:`} for the map form of `depends_on` (raw plain scalars only)."""
    out = {}
    node = mget(svc, "depends_on")
    if yt.is_map(node):
        for name, _, value in mitems(node):
            cond = mget(value, "condition")
            if yt.is_scalar(cond) and is_raw(ctx, cond):
                out[name] = _vsd(ctx, cond)
    return out


def healthcheck(ctx, svc) -> tuple[Optional[dict], list]:
    node = mget(svc, "healthcheck")
    if not yt.is_map(node):
        return None, []
    test = mget(node, "test")
    if text(mget(node, "disable")) == "true":
        return {"test": ["NONE"], "span": _sd(ctx, node)}, []
    if test is None:
        return {"test": [], "span": _sd(ctx, node)}, []
    items = yt.seq(test) if yt.is_seq(test) else [test] if yt.is_scalar(test) else []
    loc = [{"text": text(x) or "", "span": _vsd(ctx, x), "raw": is_raw(ctx, x)} for x in items if yt.is_scalar(x)]
    value = command_value(test)
    return {"test": value if value is not None else [], "span": _sd(ctx, test)}, loc


def extra_hosts(svc) -> list[str]:
    node = mget(svc, "extra_hosts")
    if yt.is_map(node):
        return [k for k, _, _ in mitems(node)]
    out = []
    for item in yt.seq(node):
        value = text(item)
        if value:
            out.append(value.replace("=", ":").split(":", 1)[0].strip())
    return out


def mem_limit(svc) -> Optional[str]:
    value = text(mget(svc, "mem_limit"))
    if value:
        return value
    limits = mget(mget(mget(svc, "deploy"), "resources"), "limits")
    return text(mget(limits, "memory"))


def build(svc) -> Optional[dict]:
    node = mget(svc, "build")
    if yt.is_scalar(node) and text(node):
        return {"context": text(node), "dockerfile": "Dockerfile"}
    if yt.is_map(node):
        out = {"context": text(mget(node, "context")) or ".", "dockerfile": text(mget(node, "dockerfile")) or
               "Dockerfile"}
        if mget(node, "dockerfile_inline") is not None:
            out["_inline"] = True
        if text(mget(node, "target")):
            out["_target"] = text(mget(node, "target"))         # private: the stage built
        return out
    return None


def labels(ctx, svc) -> dict:
    """`labels:` (map or `key=value` list) -> {key: {"value": str, "span": span of the entry}}."""
    node = mget(svc, "labels")
    out = {}
    if yt.is_map(node):
        for key, kn, vn in mitems(node):
            out[key] = {"value": text(vn) or "", "span": _sd(ctx, kn)}
    else:
        for item in yt.seq(node):
            value = text(item) or ""
            key, _, val = value.partition("=")
            if key.strip():
                out[key.strip()] = {"value": val, "span": _sd(ctx, item)}
    return out


def top_level_configs(root) -> dict:
    """Top-level `configs:`/`secrets:` name -> the `file:` they read (relative to the compose file)."""
    out = {}
    for section in ("configs", "secrets"):
        for name, _, node in mitems(mget(root, section)):
            path = text(mget(node, "file"))
            if path:
                out[(section, name)] = path
    return out


def service_configs(ctx, svc, top_configs: dict) -> list[dict]:
    """`configs:`/`secrets:` of a service as file mounts: {"source": file | None, "target", "span"}."""
    out = []
    for section, default_dir in (("configs", "/"), ("secrets", "/run/secrets/")):
        for item in yt.seq(mget(svc, section)):
            if yt.is_map(item):
                name = text(mget(item, "source"))
                target = text(mget(item, "target"))
            else:
                name, target = text(item), None
            if not name:
                continue
            if not target or not target.startswith("/"):
                target = default_dir.rstrip("/") + "/" + (target or name)
            out.append({"source": top_configs.get((section, name)), "target": target, "span": _sd(ctx, item)})
    return out


def service_facts(ctx, name: str, key_node, svc, top_configs: dict | None = None) -> dict:
    top_configs = top_configs or {}
    image_node = mget(svc, "image")
    image = text(image_node)
    command = command_value(mget(svc, "command"))
    env, env_loc = environment(ctx, svc)
    env_files = mget(svc, "env_file")
    env_file_list = []
    for item in ([env_files] if yt.is_scalar(env_files) else yt.seq(env_files)):
        path = text(item) if yt.is_scalar(item) else text(mget(item, "path"))
        if path:
            env_file_list.append(path)
    hc, hc_loc = healthcheck(ctx, svc)
    command_node = mget(svc, "command")
    return {
        "image": image,
        "build": build(svc),
        "command": command,
        "environment": env,
        "env_file": env_file_list,
        "networks": networks(svc),
        "container_name": text(mget(svc, "container_name")),
        "ports": ports(ctx, svc),
        "volumes": volumes(ctx, svc),
        "healthcheck": hc,
        "depends_on": depends_on(svc),
        "mem_limit": mem_limit(svc),
        "span": _sd(ctx, key_node),
        "image_span": _vsd(ctx, image_node),
        "is_odoo": looks_like_odoo(name, image, command),
        "is_postgres": looks_like_postgres(name, image),
        "is_proxy": looks_like_proxy(image),
        "_network_mode": text(mget(svc, "network_mode")),
        "_configs": service_configs(ctx, svc, top_configs),
        "_labels": labels(ctx, svc),
        "_links": [text(x) for x in yt.seq(mget(svc, "links")) if text(x)],
        "_extra_hosts": extra_hosts(svc),
        "_entrypoint": command_value(mget(svc, "entrypoint")),
        "_extends": mget(svc, "extends") is not None,
        "_extends_ref": extends_ref(svc),
        "_profiles": [text(x) for x in yt.seq(mget(svc, "profiles")) if text(x)],
        "_loc": {"environment": env_loc, "command": _sd(ctx, command_node), "healthcheck_test": hc_loc,
                 "name": _sd(ctx, key_node), "depends_on": _sd(ctx, mget_pair(svc, "depends_on")[0]),
                 "depends_on_conditions": depends_on_conditions(ctx, svc),
                 "healthcheck": _sd(ctx, mget_pair(svc, "healthcheck")[0]),
                 "build": _sd(ctx, mget(svc, "build"))},
    }


def extends_ref(svc) -> Optional[dict]:
    """compose-spec 05-services.md `extends`: `extends: base` (same file) or `{service, file}`."""
    node = mget(svc, "extends")
    if node is None:
        return None
    if yt.is_scalar(node):
        return {"service": text(node), "file": None} if text(node) else None
    name = text(mget(node, "service"))
    return {"service": name, "file": text(mget(node, "file"))} if name else None


def includes(root) -> list[str]:
    """compose-spec 14-include.md: `include:` entries as a path string or a mapping with `path` (string or list)."""
    out: list[str] = []
    for item in yt.seq(mget(root, "include")):
        if yt.is_scalar(item) and text(item):
            out.append(text(item))
        elif yt.is_map(item):
            path = mget(item, "path")
            out.extend([text(x) for x in yt.seq(path) if text(x)] if yt.is_seq(path) else
                       [text(path)] if text(path) else [])
    return out


@facts("compose", "compose")
def extract(ctx) -> dict:
    out: dict = {"services": {}, "networks": [], "volumes": [], "dir": os.path.dirname(os.path.abspath(ctx.path))}
    root = getattr(ctx.tree, "root", None)
    if not yt.is_map(root):
        return out
    top_configs = top_level_configs(root)
    for name, kn, svc in services(ctx.tree):
        out["services"][name] = service_facts(ctx, name, kn, svc, top_configs)
    out["networks"] = [k for k, _, _ in mitems(mget(root, "networks"))]
    out["_external_networks"] = [k for k, _, v in mitems(mget(root, "networks"))
                                 if mget(v, "external") is not None and text(mget(v, "external")) != "false"]
    out["volumes"] = [k for k, _, _ in mitems(mget(root, "volumes"))]
    out["_include"] = includes(root)
    return out
