"""The deployment model: one joined picture of a project built from the facts of every file.

Cross-file deployment rules (DEP1xx) read only this model. It answers: which compose service (or image) runs
Odoo, which odoo.conf it actually loads and where that file is in the project, its networks, environment and
memory limit; which services run Postgres (major, `max_connections`, volumes); which run a reverse proxy; which
Dockerfile builds which service, with its COPYs.

How the conf an Odoo container loads is found (official image: odoo/docker@f7f6765 {17.0,18.0,19.0}/Dockerfile
sets `ENV ODOO_RC=/etc/odoo/odoo.conf`, `COPY ./odoo.conf /etc/odoo/`, `ENTRYPOINT ["/entrypoint.sh"]`,
`CMD ["odoo"]`):
1. the path: `-c PATH` / `--config PATH` / `--config=PATH` in the command Odoo runs (compose `command`, else
   the Dockerfile `CMD`), else `ODOO_RC` (compose `environment`, else Dockerfile `ENV`), else the official
   image's `/etc/odoo/odoo.conf`;
2. the file: the compose bind mount whose target is that path or a parent folder of it (`./config:/etc/odoo`),
   else a `COPY`/`ADD` of the final Dockerfile stage that puts it there (resolved against the build context),
   else the official image's own sample conf (`addons_path = /mnt/extra-addons`, `data_dir = /var/lib/odoo`);
3. the project's odoo.conf at that absolute host path, if it was scanned.

Compose files of one folder are merged the way `docker compose` merges them: `compose.yaml` or
`docker-compose.yml` with its `.override` file; a `docker-compose.<name>.yml` next to a base file is analysed as
base + that file (the usual `-f base -f <name>` pair); other compose files are stacks of their own. A service
with neither `image` nor `build` after merging is an overlay fragment and is never taken for Odoo or Postgres.
"""
from __future__ import annotations

import copy
import os
import posixpath
import re
from dataclasses import dataclass, field

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint import shellwords
from odoolint.model import Span

from .interpolate import interpolate

OFFICIAL_RC = "/etc/odoo/odoo.conf"
OFFICIAL_ENTRYPOINT = "/entrypoint.sh"      # odoo/docker@f7f6765 {17.0,18.0,19.0}/Dockerfile `ENTRYPOINT`
# the sample odoo.conf baked into the official image (odoo/docker@f7f6765 {17.0,18.0,19.0}/odoo.conf)
OFFICIAL_CONF_OPTIONS = {"addons_path": "/mnt/extra-addons", "data_dir": "/var/lib/odoo"}
_BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
_OVERRIDE_NAMES = ("compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml",
                   "docker-compose.override.yml")


# ---- plain records ---------------------------------------------------------------------------

@dataclass
class ConfFile:
    path: str
    options: dict            # odoo_conf facts "options"
    has_options: bool


@dataclass
class EnvValue:
    value: str
    path: str                    # file that sets it (compose file or env file)
    span: Optional[Span]         # the value's span (None when unknown)
    origin: str                  # "environment" | "env_file"
    raw: bool = True             # the span's text is the value itself (safe to rewrite)
    key_span: Optional[Span] = None


@dataclass
class DockerImage:
    path: str                # the Dockerfile
    facts: dict              # "dockerfile" facts
    context: str             # absolute build context folder
    base: Optional[str]      # base image of the final stage, stage aliases resolved
    has_dockerignore: Optional[bool] = None


@dataclass
class Service:
    name: str
    stack: "Stack"
    facts: dict              # merged compose facts of the service
    path: str                # compose file that declares the service first
    image: Optional[str]
    dockerfile: Optional[DockerImage]

    @property
    def networks(self) -> dict:
        return self.facts.get("networks") or {}

    @property
    def profiles(self) -> list:
        """compose-spec 15-profiles.md: a service with `profiles` starts only when one of them is enabled."""
        return self.facts.get("_profiles") or []

    env_sources: dict = field(default_factory=dict)   # KEY -> EnvValue (env_file entries, then environment)
    env_complete: bool = True                         # False when an env_file was not scanned

    @property
    def env(self) -> dict:
        return {k: v.value for k, v in self.env_sources.items()}

    @property
    def span(self) -> Optional[Span]:
        sd = self.facts.get("span")
        return Span.from_dict(sd) if sd else None


@dataclass
class OdooService(Service):
    platform: str = "compose"            # "compose" | "do" (DigitalOcean App Platform: no volumes) | "image"
    major: Optional[int] = None          # from the image tag or the Dockerfile base
    official: bool = False               # runs the official image's entrypoint
    entrypoint_db_args: bool = False     # the entrypoint passes --db_host & co (command starts odoo/--/-)
    command: list = field(default_factory=list)
    conf_path: Optional[str] = None      # path inside the container
    conf_origin: str = ""                # "command" | "ODOO_RC" | "image default"
    conf_source: str = ""                # "mount" | "copy" | "volume" | "image" | "missing" | ""
    conf: Optional[ConfFile] = None      # the project's file, when found
    conf_host_path: Optional[str] = None  # where the mount/COPY takes it from on the host
    # the file the official entrypoint greps for `db_*` keys: $ODOO_RC, which is not the `-c` file when both
    # differ; None when its content is unknown (official entrypoint only)
    rc_path: Optional[str] = None
    rc_options: Optional[dict] = None

    @property
    def conf_known(self) -> bool:
        """True when the options Odoo reads from its conf file are known."""
        return self.conf is not None or self.conf_source == "image"

    def conf_options(self) -> dict:
        if self.conf is not None:
            return self.conf.options
        if self.conf_source == "image":
            return {k: {"value": v} for k, v in OFFICIAL_CONF_OPTIONS.items()}
        return {}


@dataclass
class PostgresService(Service):
    major: Optional[int] = None
    max_connections: Optional[int] = None     # None: Postgres default (100)


@dataclass
class Stack:
    dir: str
    files: list[str]
    services: dict[str, Service] = field(default_factory=dict)
    # profiles `COMPOSE_PROFILES` in the stack folder's `.env` enables (compose-go loader: read from the project
    # environment, which the `.env` file fills, when no `--profile` is given)
    active_profiles: list = field(default_factory=list)

    def runs_by_default(self, svc: Service) -> bool:
        """compose-spec 15-profiles.md: a service without `profiles` is always enabled; one with profiles only
        when one of them is active (`COMPOSE_PROFILES`, `--profile`). True when a plain `docker compose up` in
        the stack folder starts it."""
        if not svc.profiles or "*" in self.active_profiles:
            return True
        return bool(set(svc.profiles) & set(self.active_profiles))

    def profile_note(self, svc: Service) -> str:
        """' (only under profile `x`)' for a service a plain `docker compose up` does not start, else ''."""
        if self.runs_by_default(svc):
            return ""
        return " (only under profile " + " / ".join(f"`{p}`" for p in svc.profiles) + ")"

    @property
    def odoo(self) -> list[OdooService]:
        return [s for s in self.services.values() if isinstance(s, OdooService)]

    @property
    def postgres(self) -> list[PostgresService]:
        return [s for s in self.services.values() if isinstance(s, PostgresService)]

    @property
    def proxies(self) -> list[Service]:
        return [s for s in self.services.values() if s.facts.get("is_proxy")]

    def awaits_overlays(self, project, stacks: list) -> bool:
        """A base that overlays passed with `-f` complete (`compose/prod.yaml` mounting `odoo-data:/var/lib/odoo`):
        it declares top-level named volumes that none of its services mounts, and another compose file of the
        project is an overlay fragment (services without image or build) of the same services. What such a base
        lacks is not judged; a declared volume that nothing else mounts is still a forgotten mount."""
        names = set(self.services)
        if not any(st is not self and st.services and names & set(st.services) and
                   all(not (s.facts.get("image") or s.facts.get("build")) for s in st.services.values())
                   for st in stacks):
            return False
        declared: set[str] = set()
        for path in self.files:
            pf = project.by_path(path)
            declared |= set(((pf.facts.get("compose") or {}).get("volumes") or [])) if pf else set()
        used = {v.get("source") for s in self.services.values() for v in s.facts.get("volumes") or []}
        return bool(declared - used)

    def shared_networks(self, a: Service, b: Service) -> list[str]:
        return sorted(set(a.networks) & set(b.networks))

    def resolvable_names(self, svc: Service) -> dict[str, Service]:
        """Host names the service's containers can resolve to another service of the stack."""
        out: dict[str, Service] = {}
        for other in self.services.values():
            shared = self.shared_networks(svc, other)
            if not shared:
                continue
            out.setdefault(other.name, other)
            cn = other.facts.get("container_name")
            if cn:
                out.setdefault(cn, other)
            for net in shared:
                for alias in (other.networks.get(net) or {}).get("aliases") or []:
                    out.setdefault(alias, other)
        for link in svc.facts.get("_links") or []:
            target, _, alias = link.partition(":")
            if target in self.services:
                out.setdefault(target, self.services[target])
                if alias:
                    out.setdefault(alias, self.services[target])
        return out


@dataclass
class DeployModel:
    stacks: list[Stack]
    images: list[DockerImage]
    confs: dict[str, ConfFile]
    others: list[OdooService] = field(default_factory=list)   # DO components, Dockerfiles nothing else runs

    def odoo_services(self) -> list[OdooService]:
        return [s for st in self.stacks for s in st.odoo] + self.others


# ---- helpers ---------------------------------------------------------------------------------

def image_repo_tag(image: Optional[str]) -> tuple[str, str, Optional[str]]:
    """('library', 'odoo', '17.0') for 'docker.io/library/odoo:17.0@sha256:…': namespace, repo, tag."""
    if not image:
        return "", "", None
    ref = image.split("@", 1)[0]
    path, _, last = ref.rpartition("/")
    tag = None
    if ":" in last:
        last, tag = last.split(":", 1)
    parts = [p for p in path.split("/") if p]
    if parts and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]
    return "/".join(parts), last.lower(), tag


def is_official_odoo(image: Optional[str]) -> bool:
    ns, repo, _ = image_repo_tag(image)
    return repo == "odoo" and ns in ("", "library")


_MAJOR = re.compile(r"^(\d{1,2})(?:\.\d+)?(?:[-.]|$)")


def odoo_major(image: Optional[str]) -> Optional[int]:
    _, repo, tag = image_repo_tag(image)
    if repo != "odoo" or not tag:
        return None
    m = _MAJOR.match(tag)
    return int(m.group(1)) if m else None


_PG_TAG = re.compile(r"(?:^|[-_])pg(\d{1,2})(?:$|[-_.])")


def postgres_major(image: Optional[str]) -> Optional[int]:
    _, repo, tag = image_repo_tag(image)
    if not tag:
        return None
    m = _PG_TAG.search(tag)
    if m:
        return int(m.group(1))
    m = _MAJOR.match(tag)
    return int(m.group(1)) if m else None


def words(command) -> list[str]:
    if isinstance(command, list):
        return [str(w) for w in command]
    if isinstance(command, str):
        try:
            return shellwords.split(command)
        except ValueError:
            return command.split()
    return []


_MAXCONN = re.compile(r"^(?:--?)?max[_-]connections=(\d+)$")


def max_connections(command) -> Optional[int]:
    ws = words(command)
    for i, w in enumerate(ws):
        m = _MAXCONN.match(w)
        if m:
            return int(m.group(1))
        if w in ("-c", "--set") and i + 1 < len(ws):
            m = _MAXCONN.match(ws[i + 1])
            if m:
                return int(m.group(1))
    return None


def config_flag(ws: list[str]) -> Optional[str]:
    """The value of -c/--config in an odoo command line (only when the command runs odoo itself)."""
    if not ws:
        return None
    first = posixpath.basename(ws[0])
    if not (first in ("odoo", "odoo-bin", "openerp-server", "odoo.py") or ws[0].startswith("-") or
            (first.startswith("python") and len(ws) > 1 and posixpath.basename(ws[1]) in ("odoo-bin", "odoo"))):
        return None
    for i, w in enumerate(ws):
        if w in ("-c", "--config") and i + 1 < len(ws):
            return ws[i + 1]
        if w.startswith("--config="):
            return w.split("=", 1)[1]
        if w.startswith("-c") and len(w) > 2 and not w.startswith("--"):
            return w[2:]
    return None


def _norm(base: str, rel: str) -> Optional[str]:
    if not rel or rel.startswith("~") or "$" in rel:
        return None
    return os.path.normpath(os.path.join(base, rel))


def _under(path: str, folder: str) -> Optional[str]:
    """`path` relative to container folder `folder`, '' if equal, None if not below it."""
    folder = folder.rstrip("/") or "/"
    if path == folder:
        return ""
    prefix = folder if folder.endswith("/") else folder + "/"
    return path[len(prefix):] if path.startswith(prefix) else None


# ---- building --------------------------------------------------------------------------------

def _merge_service(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if key in ("environment", "depends_on"):
            # compose-spec 13-merge.md: mappings merge, the overriding file's keys win
            out[key] = {**(base.get(key) or {}), **(value or {})}
        elif key == "healthcheck" and isinstance(value, dict):
            # a mapping too: an overlay that only changes `interval` keeps the base `test`
            merged = {**(base.get(key) or {}), **{k: v for k, v in value.items() if v not in ([], None)}}
            out[key] = merged if merged else value
        elif key == "_loc":
            loc = copy.deepcopy(base.get("_loc") or {})
            loc["environment"] = {**loc.get("environment", {}), **value.get("environment", {})}
            for k in ("command", "healthcheck_test", "depends_on", "healthcheck", "depends_on_conditions", "build"):
                if value.get(k):
                    loc[k] = value[k]
                    if value.get(k + "_path"):
                        loc[k + "_path"] = value[k + "_path"]
            out[key] = loc
        elif key == "volumes":
            targets = {v["target"] for v in value}
            out[key] = [v for v in base.get(key, []) if v["target"] not in targets] + list(value)
        elif key == "ports":
            out[key] = list(base.get(key, [])) + list(value)
        elif key == "networks":
            out[key] = value if value != {"default": {"aliases": []}} else base.get(key, value)
        elif key in ("span", "_path"):
            continue
        elif key in ("is_odoo", "is_postgres", "is_proxy"):
            out[key] = bool(base.get(key)) or bool(value)
        elif value not in (None, [], {}):
            out[key] = value
    return out


def _tag_paths(data: dict, path: str) -> dict:
    data = copy.deepcopy(data)
    for svc in data.get("services", {}).values():
        svc["_path"] = path
        for k in ("depends_on", "healthcheck", "depends_on_conditions", "build"):
            if (svc.get("_loc") or {}).get(k):
                svc["_loc"][k + "_path"] = path
        for loc in (svc.get("_loc") or {}).get("environment", {}).values():
            loc["path"] = path
        for loc in (svc.get("_loc") or {}).get("healthcheck_test", []):
            loc["path"] = path
    return data


def compose_file_setting(folder: str, env_files: dict) -> Optional[list[str]]:
    """The files `COMPOSE_FILE` in the folder's `.env` names (compose's project files, `:`-separated or
    COMPOSE_PATH_SEPARATOR), as absolute paths; None when it is not set."""
    entries = env_files.get(os.path.join(folder, ".env")) or {}
    raw = (entries.get("COMPOSE_FILE") or {}).get("value")
    if not raw:
        return None
    sep = (entries.get("COMPOSE_PATH_SEPARATOR") or {}).get("value") or (";" if ";" in raw else ":")
    return [os.path.normpath(os.path.join(folder, p.strip())) for p in raw.split(sep) if p.strip()]


def _stack_groups(composes: list[tuple[str, dict]], env_files: Optional[dict] = None,
                  configured: Optional[list] = None) -> list[list[tuple[str, dict]]]:
    by_dir: dict[str, list[tuple[str, dict]]] = {}
    groups = []
    by_path = dict(composes)
    taken: set[str] = set()
    for listed in configured or []:
        # `compose-stacks = [["compose.yaml", "compose.prod.yaml"]]`: the files `-f` merges, in that order
        if all(p in by_path for p in listed):
            groups.append([(p, by_path[p]) for p in listed])
            taken.update(listed)
    composes = [c for c in composes if c[0] not in taken]
    for path, data in composes:
        by_dir.setdefault(os.path.dirname(path), []).append((path, data))
    for folder, files in sorted(by_dir.items()):
        listed = compose_file_setting(folder, env_files or {})
        if listed and all(p in by_path for p in listed):
            # `COMPOSE_FILE` decides the project files; the others of the folder are stacks of their own
            groups.append([(p, by_path[p]) for p in listed])
            groups.extend([[f] for f in sorted(files, key=lambda x: x[0]) if f[0] not in listed])
            continue
        names = {os.path.basename(p): (p, d) for p, d in files}
        base = next((names[n] for n in _BASE_NAMES if n in names), None)
        override = next((names[n] for n in _OVERRIDE_NAMES if n in names), None)
        if base is None:
            groups.extend([[f] for f in sorted(files, key=lambda x: x[0])])
            continue
        groups.append([base] + ([override] if override else []))
        for p, d in sorted(files, key=lambda x: x[0]):
            if (override and p == override[0]) or p == base[0]:
                continue
            # `docker-compose.prod.yml` merges with the base only when COMPOSE_FILE (above) says so: compose reads
            # the base and its `.override` file by default and nothing else (compose-spec 13-merge.md; docker
            # compose `-f`). Alone it is an overlay fragment, judged on what it declares.
            groups.append([(p, d)])
    return groups


def _include_paths(path: str, data: dict, by_path: dict) -> list[str]:
    out = []
    for rel in data.get("_include") or []:
        p = _norm(os.path.dirname(path), rel)
        if p and p in by_path and p != path:
            out.append(p)
    return out


def _included(composes: list[tuple[str, dict]], by_path: dict) -> set[str]:
    """Compose files that another compose file of the project includes: part of that project, not a stack."""
    return {p for path, data in composes for p in _include_paths(path, data, by_path)}


def _include_closure(files: list[str], by_path: dict) -> list[str]:
    out: list[str] = []
    todo = list(files)
    while todo:
        path = todo.pop(0)
        for p in _include_paths(path, by_path.get(path) or {}, by_path):
            if p not in files and p not in out:
                out.append(p)
                todo.append(p)
    return out


def _extended(svc: dict, path: str, by_path: dict, depth: int) -> dict:
    """The service with its `extends` applied as compose-go applies it while loading each file, before the files
    are merged: the base service (same file, or `file:` relative to this one) merged under the local one with the
    override merge rules (compose-spec 05-services.md `extends`, 13-merge.md). An unresolvable base (a file the
    project does not have) leaves the service marked `_extends`."""
    ref = svc.get("_extends_ref")
    if not ref or depth > 10:
        return svc
    base_path = _norm(os.path.dirname(path), ref["file"]) if ref.get("file") else path
    base = ((by_path.get(base_path) or {}).get("services") or {}).get(ref["service"]) if base_path else None
    if base is None or base is svc:
        return svc
    base = _extended(base, base_path, by_path, depth + 1)
    out = _merge_service(base, svc)
    out["_extends"] = bool(base.get("_extends"))
    out["_extends_ref"] = None
    out["_path"], out["span"] = svc.get("_path", path), svc.get("span")
    return out


def _stage_base(facts: dict) -> Optional[str]:
    stages = facts.get("stages") or []
    if not stages:
        return None
    base = stages[-1].get("base")
    names = {s.get("name"): s.get("base") for s in stages if s.get("name")}
    seen = set()
    while base in names and base not in seen:
        seen.add(base)
        base = names[base]
    return base


def build(project) -> DeployModel:
    confs = {pf.path: ConfFile(pf.path, (data or {}).get("options") or {}, bool((data or {}).get("has_options")))
             for pf, data in project.facts("odoo_conf")}
    ignore_dirs = {os.path.dirname(f.path) for f in project.files if os.path.basename(f.path) == ".dockerignore"}
    images: dict[str, DockerImage] = {}
    for pf, data in project.facts("dockerfile"):
        data = data or {}
        images[pf.path] = DockerImage(pf.path, data, data.get("dir") or os.path.dirname(pf.path),
                                      _stage_base(data))
    env_files = {pf.path: (data or {}).get("entries") or {} for pf, data in project.facts("env_file")}
    composes = [(pf.path, _tag_paths(data or {}, pf.path)) for pf, data in project.facts("compose")]
    by_path = dict(composes)
    included = _included(composes, by_path)
    stacks = []
    configured = (project.options or {}).get("compose-stacks") if isinstance(project.options, dict) else None
    for group in _stack_groups([c for c in composes if c[0] not in included], env_files, configured):
        merged: dict[str, dict] = {}
        first_path: dict[str, str] = {}
        for path, data in group:
            for name, svc in (data.get("services") or {}).items():
                svc = _extended(svc, path, by_path, 0)
                if name in merged:
                    merged[name] = _merge_service(merged[name], svc)
                else:
                    merged[name] = copy.deepcopy(svc)
                    first_path[name] = path
        files = [p for p, _ in group]
        for inc in _include_closure(files, by_path):
            # compose-spec 14-include.md: an included file is a project of its own whose services join this one
            # (a name declared twice is an error for compose; the including file's service is kept here)
            files.append(inc)
            for name, svc in (by_path[inc].get("services") or {}).items():
                if name not in merged:
                    merged[name] = copy.deepcopy(_extended(svc, inc, by_path, 0))
                    first_path[name] = inc
        stack = Stack(os.path.dirname(group[0][0]), files)
        dotenv = {k: e.get("value") for k, e in (env_files.get(os.path.join(stack.dir, ".env")) or {}).items()}
        stack.active_profiles = [p.strip() for p in str(dotenv.get("COMPOSE_PROFILES") or "").split(",")
                                 if p.strip()]
        for name, svc in merged.items():
            svc["_image_resolved"] = interpolate(svc.get("image"), dotenv)
            stack.services[name] = _service(stack, name, svc, first_path[name], images, confs, env_files)
        stacks.append(stack)
    used = {s.facts.get("_built_dockerfile") for st in stacks for s in st.services.values()} - {None}
    others = _do_services(project, images, confs, used)
    for path, img in sorted(images.items()):
        if path not in used and _is_odoo_base(img.base):
            o = OdooService(name=os.path.basename(path), stack=None, facts={"volumes": []}, path=path, image=None,
                            dockerfile=img, platform="image")
            _fill_odoo(o, {}, confs)
            others.append(o)
    # a Dockerfile's build context is where compose or the DO spec says, else its own folder
    for img in images.values():
        img.has_dockerignore = img.context in ignore_dirs
    return DeployModel(stacks, list(images.values()), confs, others)


def _is_odoo_base(base: Optional[str]) -> bool:
    """An Odoo image: the official one, any image named after Odoo, or doodba (rules/project/images.py)."""
    if not base:
        return False
    name = base.lower().split("@")[0].rsplit(":", 1)[0]
    return is_official_odoo(base) or "odoo" in name or image_repo_tag(base)[1] == "doodba"


def _do_services(project, images: dict, confs: dict, used: set) -> list[OdooService]:
    out = []
    for pf, data in project.facts("do_app_spec"):
        data = data or {}
        root = data.get("dir") or os.path.dirname(pf.path)
        for comp in (data.get("services") or []) + (data.get("workers") or []):
            if not isinstance(comp, dict):
                continue
            img = None
            if comp.get("dockerfile_path"):
                # both are relative to the repository root, even when written `/` or `/docker/Dockerfile`
                img = images.get(os.path.normpath(os.path.join(root, str(comp["dockerfile_path"]).lstrip("/"))))
                if img is not None:
                    img.context = os.path.normpath(os.path.join(root, str(comp.get("source_dir") or ".").lstrip("/")
                                                                or "."))
                    used.add(img.path)
            image = None
            spec_img = comp.get("image") or {}
            repo = spec_img.get("repository") if isinstance(spec_img, dict) else None
            if isinstance(repo, str) and repo:      # a list or a number here is a spec the API refuses anyway
                tag = spec_img.get("tag")
                image = repo + (f":{tag}" if isinstance(tag, (str, int, float)) and tag != "" else "")
            if not (comp.get("is_odoo") or (img and _is_odoo_base(img.base)) or is_official_odoo(image)):
                continue
            env = {k: str(v) for k, v in (comp.get("envs") or {}).items()}
            slug_ram = re.search(r"-(\d+(?:\.\d+)?)gb(?:-|$)", str(comp.get("instance_size_slug") or ""))
            facts = {"volumes": [], "environment": env, "command": comp.get("run_command"), "span": comp.get("span"),
                     "mem_limit": f"{slug_ram.group(1)}g" if slug_ram else None,
                     "_mem_origin": f"instance size `{comp.get('instance_size_slug')}`" if slug_ram else None}
            o = OdooService(name=comp.get("name") or "", stack=None, facts=facts, path=pf.path, image=image,
                            dockerfile=img, platform="do",
                            env_sources={k: EnvValue(v, pf.path, None, "environment", False) for k, v in env.items()})
            _fill_odoo(o, facts, confs)
            out.append(o)
    return out


def _env(svc: dict, path: str, env_files: dict) -> tuple[dict, bool]:
    out: dict[str, EnvValue] = {}
    complete = True
    for rel in svc.get("env_file") or []:
        ef = _norm(os.path.dirname(path), rel)
        entries = env_files.get(ef) if ef else None
        if entries is None:
            complete = False
            continue
        for key, e in entries.items():
            out[key] = EnvValue(str(e.get("value", "")), ef, Span.from_dict(e["value_span"])
                                if e.get("value_span") else None, "env_file", bool(e.get("raw")),
                                Span.from_dict(e["key_span"]) if e.get("key_span") else None)
    locs = (svc.get("_loc") or {}).get("environment") or {}
    for key, value in (svc.get("environment") or {}).items():
        loc = locs.get(key) or {}
        vs = loc.get("value")
        out[key] = EnvValue(str(value), loc.get("path") or path, Span.from_dict(vs) if vs else None,
                            "environment", bool(loc.get("raw")) and vs is not None,
                            Span.from_dict(loc["key"]) if loc.get("key") else None)
    return out, complete


def _service(stack: Stack, name: str, svc: dict, path: str, images: dict, confs: dict,
             env_files: dict) -> Service:
    compose_dir = os.path.dirname(path)
    dockerfile = None
    b = svc.get("build")
    if isinstance(b, dict):
        context = _norm(compose_dir, b.get("context") or ".")
        if context:
            df = b.get("dockerfile") or "Dockerfile"
            img = images.get(os.path.normpath(os.path.join(context, df)))
            stages = (img.facts.get("stages") or []) if img is not None else []
            target = b.get("_target")
            if img is not None:
                svc["_built_dockerfile"] = img.path
            if img is not None and target and (not stages or stages[-1].get("name") != target):
                img.context = context       # an earlier stage is built: the final-stage facts do not apply
            elif img is not None:
                img.context = context
                dockerfile = img
    image = svc.get("image")
    base = dockerfile.base if dockerfile else None
    # `configs:`/`secrets:` with a `file:` are read-only file mounts: for the model they are binds
    for cfg in svc.get("_configs") or []:
        svc.setdefault("volumes", []).append({"source": cfg.get("source"), "target": cfg["target"],
                                              "type": "bind" if cfg.get("source") else "volume",
                                              "span": cfg.get("span")})
    if not image and not b:
        # an overlay fragment (`docker-compose.prod.yml` with only environment/volumes): it does not say what runs
        return Service(name=name, stack=stack, facts=svc, path=path, image=None, dockerfile=None,
                       env_sources=_env(svc, path, env_files)[0], env_complete=False)
    is_odoo = bool(svc.get("is_odoo")) or _is_odoo_base(base)
    env_sources, env_complete = _env(svc, path, env_files)
    common = dict(name=name, stack=stack, facts=svc, path=path, image=image, dockerfile=dockerfile,
                  env_sources=env_sources, env_complete=env_complete)
    if is_odoo and not svc.get("is_postgres"):
        o = OdooService(**common)
        _fill_odoo(o, svc, confs)
        return o
    if svc.get("is_postgres"):
        return PostgresService(**common, major=postgres_major(image or base),
                               max_connections=max_connections(svc.get("command")))
    return Service(**common)


def _fill_odoo(o: OdooService, svc: dict, confs: dict) -> None:
    df = o.dockerfile.facts if o.dockerfile else {}
    built_from = o.dockerfile.base if o.dockerfile else None
    image = svc.get("_image_resolved") or o.image       # as `docker compose config` resolves it
    o.major = odoo_major(image) or odoo_major(built_from)
    o.official = (is_official_odoo(image) and not o.dockerfile) or is_official_odoo(built_from)
    if svc.get("_entrypoint") or df.get("entrypoint") or df.get("_any_entrypoint"):
        o.official = False
    if any(posixpath.normpath(v.get("target") or "") == OFFICIAL_ENTRYPOINT for v in svc.get("volumes") or []):
        o.official = False          # a bind mount replaces the image's /entrypoint.sh: its behaviour is unknown
    cmd = words(svc.get("command")) if svc.get("command") not in (None, "", []) else None
    if cmd is None:
        cmd = list(df.get("cmd") or []) or (["odoo"] if o.official else [])
    o.command = cmd
    o.entrypoint_db_args = o.official and bool(cmd) and (cmd[0] in ("odoo", "--") or cmd[0].startswith("-")) \
        and not (len(cmd) > 1 and cmd[0] == "odoo" and cmd[1] == "scaffold")
    env = {**(df.get("env") or {}), **o.env}
    flag = config_flag(cmd if cmd[:1] != ["--"] else ["odoo"] + cmd[1:])
    if flag:
        o.conf_path, o.conf_origin = flag, "command"
    elif env.get("ODOO_RC"):
        o.conf_path, o.conf_origin = env["ODOO_RC"], "ODOO_RC"
    elif o.official:
        o.conf_path, o.conf_origin = OFFICIAL_RC, "image default"
    if not o.conf_path or not o.conf_path.startswith("/"):
        return
    _locate_conf(o, confs)
    if o.official:
        o.rc_path = env.get("ODOO_RC") or OFFICIAL_RC
        if posixpath.normpath(o.rc_path) == posixpath.normpath(o.conf_path):
            o.rc_options = o.conf_options() if o.conf_known else None
        elif o.rc_path.startswith("/"):
            probe = OdooService(name=o.name, stack=o.stack, facts=o.facts, path=o.path, image=o.image,
                                dockerfile=o.dockerfile, official=True, conf_path=o.rc_path)
            _locate_conf(probe, confs)
            o.rc_options = probe.conf_options() if probe.conf_known else None


def _locate_conf(o: OdooService, confs: dict) -> None:
    path = posixpath.normpath(o.conf_path)
    compose_dir = os.path.dirname(o.path)
    best = None
    for vol in o.facts.get("volumes") or []:
        rest = _under(path, posixpath.normpath(vol.get("target") or ""))
        if rest is None:
            continue
        if best is None or len(vol["target"]) >= len(best[0]["target"]):
            best = (vol, rest)
    if best is not None:
        vol, rest = best
        if vol.get("type") != "bind" or not vol.get("source"):
            o.conf_source = "volume"
            return
        host = _norm(compose_dir, vol["source"])
        o.conf_source = "mount"
        if host:
            host = os.path.normpath(os.path.join(host, rest)) if rest else host
            o.conf_host_path = host
            o.conf = confs.get(host)
        return
    if o.dockerfile:
        img = o.dockerfile
        stages = img.facts.get("stages") or []
        last = len(stages) - 1
        for cp in reversed(img.facts.get("copies") or []):
            if cp.get("stage") != last or cp.get("from"):
                continue
            dest = cp.get("dest") or ""
            if not dest.startswith("/"):
                continue
            srcs = cp.get("src") or []
            candidates = []
            rest = _under(path, posixpath.normpath(dest))
            if rest is not None and rest != "":
                candidates = [os.path.join(img.context, s, rest) for s in srcs] + \
                             [os.path.join(img.context, s) for s in srcs if posixpath.basename(s) == rest]
            elif rest == "" and not dest.endswith("/") and len(srcs) == 1:
                candidates = [os.path.join(img.context, srcs[0])]
            if not candidates:
                continue
            o.conf_source = "copy"
            for c in candidates:
                c = os.path.normpath(c)
                if c in confs:
                    o.conf, o.conf_host_path = confs[c], c
                    return
            o.conf_host_path = os.path.normpath(candidates[0])
            return
    if o.official and path == OFFICIAL_RC:
        o.conf_source = "image"
        return
    o.conf_source = "missing"


def once_per_place(rule_fn):
    """A stack rule's findings, one per file and place. Two compose projects that load the same odoo.conf (two
    complete compose files of one folder, a base and a file of another name) are two stacks, and a rule judging
    the conf line would report it once for each, naming each project's service; the first is kept (issue #8:
    a finding is reported once, at the line that decides it)."""
    import functools

    @functools.wraps(rule_fn)
    def wrapper(project):
        seen = set()
        for f in rule_fn(project) or ():
            span = getattr(f, "span", None)
            key = (f.path, span.start.offset, span.end.offset) if span is not None else None
            if key is not None and key in seen:
                continue
            if key is not None:
                seen.add(key)
            yield f
    return wrapper


_CACHE_KEY = "_deploy_model"


def model(project) -> DeployModel:
    """The model of a project, built once per project phase and shared by every DEP rule."""
    cached = getattr(project, "__dict__", {}).get(_CACHE_KEY)
    if cached is not None and cached[0] is project.files:
        return cached[1]
    m = build(project)
    try:
        project.__dict__[_CACHE_KEY] = (project.files, m)
    except (AttributeError, TypeError):
        pass
    return m
