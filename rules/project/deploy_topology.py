"""Cross-file Odoo topology rules (RULES.md §7.2) read from the deployment model: DEP105-DEP110."""
from __future__ import annotations

import posixpath
import os
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Edit, Finding, Fix, Span
from odoolint.registry import rule

from .deploy_compose import database_of
from .deploy_db_host import target_major
from .deploy_model import OFFICIAL_CONF_OPTIONS, OdooService, model, once_per_place
from .images import service_image

_OFFICIAL_BUILTIN = ("/usr/lib/python3/dist-packages/odoo", "/var/lib/odoo")
_TRUE_LEGACY = ("True", "true")


def _opt(o: OdooService, key: str):
    return o.conf_options().get(key)


def _opt_span(o: OdooService, key: str) -> tuple[Optional[Span], Optional[str]]:
    opt = _opt(o, key)
    if o.conf is not None and opt and opt.get("value_span"):
        return Span.from_dict(opt["value_span"]), o.conf.path
    return None, None


def _service_span(o: OdooService) -> tuple[Optional[Span], str]:
    sd = o.facts.get("span")
    return (Span.from_dict(sd) if sd else None), o.path


def _covers(a: str, b: str) -> bool:
    """True when container path a is b, below b, or above b."""
    a, b = posixpath.normpath(a), posixpath.normpath(b)
    return a == b or a.startswith(b.rstrip("/") + "/") or b.startswith(a.rstrip("/") + "/")


def _int(value, default: Optional[int]) -> Optional[int]:
    text = str(value).strip() if value is not None else ""
    return int(text) if re.fullmatch(r"-?\d+", text) else default


def _cli_value(o: OdooService, *flags: str) -> Optional[str]:
    ws = o.command
    for i, w in enumerate(ws):
        for f in flags:
            if w == f and i + 1 < len(ws):
                return ws[i + 1]
            if w.startswith(f + "="):
                return w.split("=", 1)[1]
    return None


def setting(o: OdooService, project, key: str, flags: tuple = ()) -> Optional[str]:
    """A setting as Odoo resolves it: CLI > ODOO_<KEY> env (19) > conf; None when unset; '?' when unknown."""
    cli = _cli_value(o, *flags) if flags else None
    if cli is not None:
        return cli
    major = target_major(o, project)
    if major is not None and major >= 19 and f"ODOO_{key.upper()}" in o.env:
        return o.env[f"ODOO_{key.upper()}"]
    if not o.conf_known:
        return "?"
    opt = _opt(o, key)
    return None if opt is None else str(opt.get("value", ""))


# ---- DEP105 ----------------------------------------------------------------------------------

@rule("DEP105", "odoo-data-dir-ephemeral", summary="Odoo's data_dir (filestore, sessions) is not on a volume",
      kinds=["compose", "odoo-conf"], severity="error", project=True, tags=["deploy"],
      what="For a compose service running Odoo whose conf is known: reports a `data_dir` (the official image's "
           "`/var/lib/odoo` when the conf does not set it) that no named volume or bind mount covers; for the "
           "other images of rules/project/images.py the folder the image keeps its data in (bitnami "
           "`/bitnami/odoo`, doodba `/var/lib/odoo`, camptocamp `/data/odoo` or its `DATA_DIR`).",
      why="The filestore (attachments, images, compiled assets) and sessions live in `data_dir`. Without a "
          "volume they live in the container layer, or in the official image's anonymous `VOLUME`, which "
          "`docker compose down` orphans: after a recreate attachments are missing and assets return 404/500.",
      before="odoo:\n  image: odoo:17.0\n  # no volume for /var/lib/odoo",
      after="odoo:\n  image: odoo:17.0\n  volumes:\n    - odoo-data:/var/lib/odoo",
      source="odoo/docker@f7f6765 Dockerfile (`VOLUME [\"/var/lib/odoo\", \"/mnt/extra-addons\"]`) and odoo.conf "
             "(`data_dir = /var/lib/odoo`); odoo/tools/config.py `data_dir` (filestore under <data_dir>/filestore); "
             "bitnami/bitnami-docker-odoo@71e3092 13/debian-10/rootfs/opt/bitnami/scripts/odoo-env.sh "
             "(`ODOO_VOLUME_DIR=\"${BITNAMI_VOLUME_DIR}/odoo\"`, no VOLUME in its Dockerfile); "
             "Tecnativa/doodba@373775c 17.0.Dockerfile (`ONBUILD VOLUME [\"/var/lib/odoo\"]`); "
             "camptocamp/docker-odoo-project@0247531 common/Dockerfile (`VOLUME [\"/data/odoo\", ...]`), "
             "18.0/templates/odoo.cfg.tmpl (`data_dir = {{ default .Env.DATA_DIR \"/data/odoo\" }}`)")
@once_per_place
def data_dir_ephemeral(project):
    stacks = model(project).stacks
    for stack in stacks:
        if stack.awaits_overlays(project, stacks):
            continue
        for o in stack.odoo:
            if (o.facts.get("_network_mode") or "").startswith("service:"):
                continue
            data_dir = setting(o, project, "data_dir", ("-D", "--data-dir"))
            row = None if o.official else service_image(o)
            if (data_dir == "?" or data_dir is None) and row is not None:
                # doodba, bitnami, camptocamp: where the image keeps the data (rules/project/images.py)
                data_dir = o.env.get(row.data_env) if row.data_env and row.data_env in o.env else row.data_dir
                if row.data_env and row.data_env not in o.env and not o.env_complete:
                    continue            # an env_file odoolint did not read may move it
            if data_dir == "?" or (data_dir is None and not o.official):
                continue
            data_dir = data_dir or OFFICIAL_CONF_OPTIONS["data_dir"]
            if "$" in data_dir or not data_dir.startswith("/"):
                continue
            filestore = posixpath.join(data_dir, "filestore")
            covered = any(v.get("target") and (v.get("type") in ("bind", "volume") and v.get("source"))
                          and (_covers_parent(v["target"], data_dir) or _covers_parent(v["target"], filestore))
                          for v in o.facts.get("volumes") or [])
            if covered:
                continue
            span, path = _opt_span(o, "data_dir")
            if span is None:
                span, path = _service_span(o)
            if span is None:
                continue
            if o.official and posixpath.normpath(data_dir) == "/var/lib/odoo":
                where = "the image's anonymous volume, which `docker compose down` orphans"
            elif row is not None:
                where = f"the container ({row.family} declares at most an anonymous volume there)"
            else:
                where = "the container's writable layer"
            yield Finding(span, f"`data_dir` `{data_dir}` of service `{o.name}` is on no named volume or bind mount: "
                                f"the filestore and sessions live in {where}, so attachments and assets are lost "
                                f"when the container is recreated; mount a named volume at `{data_dir}`", path=path)


def _covers_parent(target: str, path: str) -> bool:
    t, p = posixpath.normpath(target), posixpath.normpath(path)
    return p == t or p.startswith(t.rstrip("/") + "/")


# ---- DEP106 ----------------------------------------------------------------------------------

@rule("DEP106", "odoo-addons-path-unmounted",
      summary="An addons_path entry is neither mounted nor copied into the container",
      kinds=["odoo-conf", "compose", "dockerfile"], severity="error", project=True, tags=["deploy"],
      what="For a container running the official Odoo image (directly or as the base of its Dockerfile) with a "
           "conf from the project: reports each absolute `addons_path` entry that no volume, bind mount or "
           "final-stage COPY provides, is not inside the image's own Odoo, and that no `RUN` of the Dockerfile "
           "mentions. `/mnt/extra-addons` (an empty `VOLUME` in the image) is reported only when the project "
           "has addons.",
      why="Odoo 16-18 add the missing folder to the addons path and simply find no modules there (install fails "
          "with 'module not found', dependants are uninstallable); Odoo 19 skips it with 'no such directory'.",
      before="addons_path = /mnt/extra-addons,/opt/custom\n# compose mounts only ./addons:/mnt/extra-addons",
      after="volumes:\n  - ./addons:/mnt/extra-addons\n  - ./custom:/opt/custom",
      source="odoo/tools/config.py 19.0 `_check_addons_path` ('no such directory … skipped'); 16.0-18.0 "
             "`_parse_config` (paths normalised, not checked) and odoo/modules/module.py `initialize_sys_path`")
@once_per_place
def addons_path_unmounted(project):
    seen = set()
    has_addons = bool(project.addons)
    for o in model(project).odoo_services():
        if not o.official or o.conf is None:
            continue
        opt = _opt(o, "addons_path")
        if not opt or not opt.get("value_span"):
            continue
        run_text = ""
        copies = []
        if o.dockerfile is not None:
            last = len(o.dockerfile.facts.get("stages") or []) - 1
            copies = [c.get("dest", "") for c in o.dockerfile.facts.get("copies") or []
                      if c.get("stage") == last and not c.get("from")]
            run_text = " ".join(str(x) for x in (o.dockerfile.facts.get("_runs") or []))
        missing = []
        for entry in [e.strip() for e in str(opt.get("value", "")).split(",")]:
            if not entry or "$" in entry or not entry.startswith("/"):
                continue
            norm = posixpath.normpath(entry)
            if any(_covers(norm, b) for b in _OFFICIAL_BUILTIN):
                continue
            if norm == "/mnt/extra-addons" and not has_addons:
                continue
            if any(v.get("target") and _covers(norm, v["target"]) for v in o.facts.get("volumes") or []):
                continue
            if any(d.startswith("/") and _covers(norm, d) for d in copies):
                continue
            if o.dockerfile is not None and (entry in run_text or o.dockerfile.facts.get("_runs") is None):
                continue
            missing.append(entry)
        if not missing:
            continue
        span = Span.from_dict(opt["value_span"])
        key = (o.conf.path, span.start.offset, tuple(missing))
        if key in seen:
            continue
        seen.add(key)
        listed = ", ".join(f"`{m}`" for m in missing)
        yield Finding(span, f"addons_path {listed} exist{'s' if len(missing) == 1 else ''} in no volume, bind mount "
                            f"or COPY of {('service `' + o.name + '`') if o.platform == 'compose' else 'the image'}: "
                            f"Odoo finds no modules there ('module not found'; 19 skips it as 'no such "
                            f"directory'); mount or COPY the addons there", path=o.conf.path)


# ---- DEP107 ----------------------------------------------------------------------------------

MIN_PG = {16: 12, 17: 12, 18: 12, 19: 13}


@rule("DEP107", "odoo-pg-version-supported", summary="Postgres major below what the Odoo version supports",
      kinds=["compose"], severity="error", project=True, tags=["deploy"],
      what="Compares the major of the Postgres image the Odoo service uses with the minimum of its Odoo version "
           "(from the Odoo image tag, else the target): 12 for 16.0-18.0, 13 for 19.0.",
      why="Odoo 19 warns at start and relies on SQL that older servers lack; older Odoo versions are not tested "
          "below their minimum and fail on newer SQL features, so upgrades and some modules break.",
      before="odoo: image: odoo:19.0\ndb: image: postgres:12", after="db: image: postgres:16",
      source="odoo/release.py 19.0 `MIN_PG_VERSION = 13` (checked in odoo/sql_db.py); odoo/documentation PR "
             "#14803 (PostgreSQL 12 minimum for 16.0-18.0)")
def pg_version_supported(project):
    for stack in model(project).stacks:
        for o in stack.odoo:
            major = target_major(o, project)
            db = database_of(stack, o, project)
            if major is None or db is None or db.major is None or major not in MIN_PG:
                continue
            minimum = MIN_PG[major]
            if db.major >= minimum:
                continue
            sd = db.facts.get("image_span") or db.facts.get("span")
            if not sd:
                continue
            yield Finding(Span.from_dict(sd),
                          f"Service `{db.name}` runs PostgreSQL {db.major} but Odoo {major}.0 (service `{o.name}`) "
                          f"needs {minimum} or later: unsupported SQL fails at install or upgrade time; use "
                          f"`postgres:{max(minimum, 16)}` (dump and restore the data)", path=db.path)


# ---- DEP108 ----------------------------------------------------------------------------------

_MEM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?\s*$", re.I)


def mem_bytes(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    m = _MEM.match(str(text))
    if not m:
        return None
    mult = {"": 1, "b": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def _mib(n: int) -> str:
    return f"{n / 1024 ** 2:.0f} MiB"


@rule("DEP108", "odoo-memory-vs-container",
      summary="Odoo workers may use more memory than the container limit", kinds=["odoo-conf", "compose"],
      severity="warning", project=True, tags=["deploy"],
      what="For an Odoo service with `workers > 0`, a known conf and a memory limit (compose `mem_limit` or "
           "`deploy.resources.limits.memory`, or the RAM of a DigitalOcean `instance_size_slug`): reports when (`workers` + `max_cron_threads` + 1 gevent process) × "
           "`limit_memory_hard` (default 2560 MiB) is above the limit.",
      why="`limit_memory_hard` is the per-process ceiling at which Odoo recycles a worker; when the processes "
          "together can exceed the container limit, the kernel OOM-kills the whole container first and every "
          "request in flight fails.",
      before="workers = 4\nlimit_memory_hard = 2684354560\n# mem_limit: 2g",
      after="workers = 2\nlimit_memory_hard = 671088640",
      source="odoo/tools/config.py `limit_memory_hard` default 2560 MiB (16.0-19.0); odoo/service/server.py "
             "PreforkServer memory limits; odoo/documentation deploy.rst worker sizing")
@once_per_place
def memory_vs_container(project):
    for o in model(project).odoo_services():
        limit = mem_bytes(o.facts.get("mem_limit"))
        if limit is None or not o.conf_known:
            continue
        workers = _int(setting(o, project, "workers", ("--workers",)), 0)
        if not workers or workers <= 0:
            continue
        crons = _int(setting(o, project, "max_cron_threads", ("--max-cron-threads",)), 2)
        hard = _int(setting(o, project, "limit_memory_hard", ("--limit-memory-hard",)), 2560 * 1024 ** 2)
        if crons is None or hard is None:
            continue
        procs = workers + max(crons, 0) + 1
        total = procs * hard
        if total <= limit:
            continue
        span, path = _opt_span(o, "workers")
        if span is None:
            span, path = _service_span(o)
        if span is None:
            continue
        what = o.facts.get("_mem_origin") or f"its container limit {o.facts.get('mem_limit')}"
        kind = "Component" if o.platform == "do" else "Service"
        yield Finding(span, f"{kind} `{o.name}` can grow to {procs} processes × limit_memory_hard "
                            f"{_mib(hard)} = {_mib(total)}, above {what}: "
                            f"the kernel OOM-kills the whole container before Odoo recycles a worker; lower "
                            f"`workers` or `limit_memory_hard`, or raise the limit", path=path)


# ---- DEP109 ----------------------------------------------------------------------------------

def proxy_mode_on(value: Optional[str], major: Optional[int]) -> bool:
    if value is None:
        return False
    if major is not None and major >= 19:
        return value.strip().lower() in ("1", "yes", "true", "on")
    return value.strip() not in ("False", "false", "")


@rule("DEP109", "odoo-proxy-mode-mismatch", summary="proxy_mode disagrees with the reverse proxy in the stack",
      kinds=["odoo-conf", "compose"], severity="error", project=True, fix="safe", tags=["deploy", "security"],
      what="For an Odoo service that shares a network with a reverse-proxy service (nginx, traefik, caddy, "
           "haproxy), or an Odoo component of a DigitalOcean app spec (App Platform's router is a proxy): reports "
           "`proxy_mode` off in the conf it loads (error; fixed when the key is present), and "
           "`proxy_mode` on while the Odoo service also publishes a port on all interfaces (warning).",
      why="Without proxy_mode Odoo ignores X-Forwarded-Host/Proto/For: it builds http:// redirects and OAuth "
          "`redirect_uri`s with the internal host and logs and rate-limits the proxy's address. With proxy_mode "
          "on and 8069 published, clients can bypass the proxy and forge X-Forwarded-For.",
      before="[options]\nproxy_mode = False\n# compose: nginx in front of odoo",
      after="[options]\nproxy_mode = True",
      source="odoo/tools/config.py `--proxy-mode` (16.0-19.0); odoo/http.py ProxyFix applied when proxy_mode; "
             "odoo/documentation deploy.rst ('proxy_mode … only behind a trusted web proxy')")
@once_per_place
def proxy_mode_mismatch(project):
    m = model(project)
    for o in [x for x in m.others if x.platform == "do"]:
        # App Platform always terminates TLS in its router and forwards X-Forwarded-*
        value = setting(o, project, "proxy_mode")
        if "--proxy-mode" in o.command or value == "?" or proxy_mode_on(value, target_major(o, project)):
            continue
        span, path = _opt_span(o, "proxy_mode")
        fix = Fix((Edit(span, "True"),), Applicability.SAFE, "Set proxy_mode = True") if span else None
        if span is None:
            span, path = _service_span(o)
        if span is None:
            continue
        yield Finding(span, f"DigitalOcean component `{o.name}` runs behind App Platform's HTTPS router with "
                            f"proxy_mode off: Odoo ignores X-Forwarded-*, so redirects and OAuth redirect_uri use "
                            f"http:// and every client looks like the router; set `proxy_mode = True`",
                      fix=fix, path=path)
    for stack in m.stacks:
        for o in stack.odoo:
            proxies = [p for p in stack.proxies if stack.shared_networks(o, p)]
            if not proxies:
                continue
            major = target_major(o, project)
            value = setting(o, project, "proxy_mode")
            if "--proxy-mode" in o.command:
                value = "True"
            if value == "?":
                continue
            on = proxy_mode_on(value, major)
            if not on:
                span, path = _opt_span(o, "proxy_mode")
                fix = None
                if span is not None:
                    fix = Fix((Edit(span, "True"),), Applicability.SAFE, "Set proxy_mode = True")
                else:
                    span, path = _service_span(o)
                if span is None:
                    continue
                yield Finding(span, f"Service `{o.name}` runs behind `{proxies[0].name}`"
                                    f"{stack.profile_note(proxies[0])} with proxy_mode off: Odoo "
                                    f"ignores X-Forwarded-*, so redirects and OAuth redirect_uri use http:// and the "
                                    f"internal host, and every client looks like the proxy; set `proxy_mode = True`",
                              fix=fix, path=path)
                continue
            for port in o.facts.get("ports") or []:
                if port.get("target") not in (8069, 8072) or port.get("published") is None or \
                        port.get("host_ip") not in (None, "", "0.0.0.0", "[::]"):
                    continue
                if not port.get("span"):
                    continue
                vs = port.get("_value_span")
                fix = None
                if vs and port.get("host_ip") in (None, ""):
                    start = Span.from_dict(vs)
                    fix = Fix((Edit(Span(start.start, start.start), "127.0.0.1:"),), Applicability.SAFE,
                              "Publish on 127.0.0.1 only")
                from odoolint.model import Severity
                yield Finding(Span.from_dict(vs or port["span"]),
                              f"Service `{o.name}` has proxy_mode on and publishes port {port['target']} on all "
                              f"interfaces beside `{proxies[0].name}`: clients can bypass the proxy and forge "
                              f"X-Forwarded-For; publish it on 127.0.0.1 or remove it", fix=fix,
                              path=o.path, severity=Severity.WARNING)


# ---- DEP110 ----------------------------------------------------------------------------------

@rule("DEP110", "odoo-db-connection-budget",
      summary="Odoo's possible database connections exceed Postgres max_connections",
      kinds=["odoo-conf", "compose"], severity="warning", project=True, tags=["deploy"],
      aliases=["odoo-conf-db-connection-budget"],
      what="Sums, over the Odoo services of a stack that use one Postgres service, (`workers` + "
           "`max_cron_threads` + 1) × `db_maxconn` (a single process × `db_maxconn` when `workers = 0`; defaults "
           "2 crons and 64 connections) and compares it with that service's `max_connections` (`command: -c "
           "max_connections=N`, default 100). Odoo services that only run under a compose profile (a shell, "
           "a one-off job) are not counted when others run without one (a profile that `COMPOSE_PROFILES` in the "
           "folder's `.env` enables runs by default). The Postgres service is the one the "
           "db host names, else the only one on a shared network, so an unresolvable `db_host` still has a "
           "budget.",
      why="Each Odoo process keeps its own pool of up to `db_maxconn` connections; under load Postgres answers "
          "'FATAL: sorry, too many clients already' and requests fail, cron jobs included.",
      before="workers = 4\n# db_maxconn default 64, postgres max_connections default 100",
      after="workers = 4\ndb_maxconn = 12",
      source="odoo/tools/config.py `db_maxconn` default 64, `max_cron_threads` default 2 (16.0-19.0); "
             "odoo/sql_db.py ConnectionPool per process; PostgreSQL `max_connections` default 100")
@once_per_place
def db_connection_budget(project):
    for stack in model(project).stacks:
        by_db: dict[str, list] = {}
        odoos = stack.odoo
        always = [o for o in odoos if stack.runs_by_default(o)]
        for o in always or odoos:          # a profile-only service (a shell, a one-off job) runs when asked for
            db = database_of(stack, o, project)
            if db is not None:
                by_db.setdefault(db.name, []).append(o)
        for name, odoos in by_db.items():
            db = stack.services[name]
            total, parts, first = 0, [], None
            for o in odoos:
                workers = _int(setting(o, project, "workers", ("--workers",)), 0)
                crons = _int(setting(o, project, "max_cron_threads", ("--max-cron-threads",)), 2)
                maxconn = _int(setting(o, project, "db_maxconn", ("--db_maxconn",)), 64)
                if None in (workers, crons, maxconn) or not o.conf_known:
                    total = None
                    break
                procs = workers + max(crons, 0) + 1 if workers > 0 else 1
                total += procs * maxconn
                parts.append(f"`{o.name}` {procs} × {maxconn}")
                first = first or o
            limit = getattr(db, "max_connections", None) or 100
            if total is None or first is None or total <= limit:
                continue
            span, path = _opt_span(first, "workers")
            if span is None:
                span, path = _opt_span(first, "db_maxconn")
            if span is None:
                span, path = _service_span(first)
            if span is None:
                continue
            yield Finding(span, f"Odoo can open {total} database connections ({', '.join(parts)}) but `{name}` "
                                f"allows max_connections={limit}: under load Postgres refuses with 'too many "
                                f"clients already'; lower `db_maxconn` or raise max_connections", path=path)


# ---- DEP114 ----------------------------------------------------------------------------------

_ROUTER = re.compile(r"^traefik\.http\.routers\.([^.]+)\.(rule|service)$")
_SERVICE_PORT = re.compile(r"^traefik\.http\.services\.([^.]+)\.loadbalancer\.server\.port$")


def traefik_routes(labels: dict) -> list[tuple[str, str, Optional[int], dict]]:
    """(router, rule, port it reaches or None, label record of its rule) from Traefik v2/v3 labels."""
    routers: dict[str, dict] = {}
    ports: dict[str, Optional[int]] = {}
    for key, rec in labels.items():
        m = _ROUTER.match(key)
        if m:
            routers.setdefault(m.group(1), {})[m.group(2)] = rec
            continue
        m = _SERVICE_PORT.match(key)
        if m:
            ports[m.group(1)] = _int(rec.get("value"), None)
    out = []
    for name, parts in routers.items():
        if "rule" not in parts:
            continue
        svc = parts.get("service", {}).get("value")
        port = ports.get(svc) if svc else (next(iter(ports.values())) if len(ports) == 1 else None)
        out.append((name, parts["rule"].get("value", ""), port, parts["rule"]))
    return out


@rule("DEP114", "odoo-websocket-routing",
      summary="The proxy (Traefik labels or nginx) routes /websocket to the wrong Odoo port for its worker mode",
      kinds=["compose", "odoo-conf"], severity="error", project=True, tags=["deploy"],
      what="For an Odoo service routed by Traefik labels (`traefik.http.routers.*.rule`, "
           "`traefik.http.services.*.loadbalancer.server.port`) or by an nginx configuration that a proxy service "
           "of the same compose stack mounts (`location` blocks with `proxy_pass` to the Odoo service, directly or "
           "through an `upstream`): with `workers > 0`, reports when no route sends `/websocket` to the "
           "`gevent_port` (8072 by default); with `workers = 0`, reports a `/websocket` route aimed at the gevent "
           "port, where nothing listens in threaded mode. Caddy files are not read.",
      why="With workers the HTTP workers refuse websocket upgrades ('Couldn't bind the websocket. Is the "
          "connection opened on the evented port (8072)?'): the bus, chat, notifications and live updates die. "
          "In threaded mode `/websocket` is served on `http_port` and 8072 is closed, so the route answers 502.",
      before="workers = 4\nlabels:\n  - traefik.http.services.odoo.loadbalancer.server.port=8069",
      after="labels:\n  - traefik.http.routers.odoo-ws.rule=Host(`erp.example.com`) && PathPrefix(`/websocket`)\n"
            "  - traefik.http.routers.odoo-ws.service=odoo-ws\n"
            "  - traefik.http.services.odoo-ws.loadbalancer.server.port=8072",
      source="Odoo addons/bus/websocket.py (16.0-19.0, 'Couldn't bind the websocket...'); odoo/service/server.py "
             "(gevent server on gevent_port only in prefork mode); odoo/documentation deploy.rst; Traefik "
             "docker provider label reference; nginx `location`/`proxy_pass`/`upstream` directives")
def websocket_routing(project):
    yield from _traefik_websocket(project)
    yield from _nginx_websocket(project)


def _workers_and_gevent(o, project) -> Optional[tuple[int, int]]:
    workers = setting(o, project, "workers", ("--workers",))
    if workers == "?":
        return None
    workers_n = _int(workers, 0) if workers is not None else 0
    if workers_n is None:
        return None
    gevent = setting(o, project, "gevent_port", ("--gevent-port",))
    return workers_n, (_int(gevent, 8072) if gevent not in (None, "?") else 8072)


def _nginx_routes(project, stack, proxy) -> list[tuple[str, str, Optional[int], dict, str]]:
    """(location path, host, port, span, nginx file) for every proxied location of the nginx files the proxy
    service bind-mounts; hosts that name an upstream are expanded to its servers."""
    mounts = []
    for v in proxy.facts.get("volumes") or []:
        src = v.get("source") if isinstance(v, dict) else None
        if src and v.get("type") == "bind":
            mounts.append(os.path.normpath(os.path.join(stack.dir, src)))
    out = []
    for pf, data in project.facts("nginx"):
        if not any(pf.path == m or pf.path.startswith(m + os.sep) for m in mounts):
            continue
        upstreams = data.get("upstreams") or {}
        for loc in data.get("locations") or []:
            host, port = loc.get("host"), loc.get("port")
            targets = upstreams.get(host) if host in upstreams else [{"host": host, "port": port or 80}]
            for t in targets:
                out.append((loc.get("path") or "", t.get("host"), t.get("port"), loc.get("span"), pf.path))
    return out


def _nginx_websocket(project):
    for stack in model(project).stacks:
        for proxy in stack.proxies:
            routes = _nginx_routes(project, stack, proxy)
            if not routes:
                continue
            names = stack.resolvable_names(proxy)
            for o in stack.odoo:
                mine = [r for r in routes if names.get(r[1]) is o]
                if not mine:
                    continue
                wg = _workers_and_gevent(o, project)
                if wg is None:
                    continue
                workers_n, gevent_port = wg
                ws = [r for r in mine if "websocket" in r[0]]
                if workers_n > 0:
                    if any(r[2] == gevent_port for r in ws):
                        continue
                    path, host, port, span, file = (ws or mine)[0]
                    what = (f"sends `/websocket` to {host}:{port}" if ws else "has no `/websocket` location")
                    yield Finding(Span.from_dict(span),
                                  f"Service `{o.name}` runs {workers_n} workers but nginx {what}: websocket upgrades "
                                  f"fail ('Couldn't bind the websocket') and bus, chat and notifications die; add "
                                  f"`location /websocket {{ proxy_pass http://{host}:{gevent_port}; ... }}` with the "
                                  f"Upgrade/Connection headers", path=file)
                else:
                    for path, host, port, span, file in ws:
                        if port == gevent_port:
                            yield Finding(Span.from_dict(span),
                                          f"nginx sends `{path}` of service `{o.name}` to port {port}, but with "
                                          f"`workers = 0` Odoo serves websockets on its HTTP port and nothing listens "
                                          f"on {port}: the route answers 502; proxy it to the HTTP port or set "
                                          f"workers", path=file)


def _traefik_websocket(project):
    for stack in model(project).stacks:
        for o in stack.odoo:
            routes = traefik_routes(o.facts.get("_labels") or {})
            if not routes:
                continue
            wg = _workers_and_gevent(o, project)
            if wg is None:
                continue
            workers_n, gevent_port = wg
            ws_routes = [r for r in routes if "/websocket" in r[1]]
            if workers_n > 0:
                if any(port == gevent_port for _, _, port, _ in ws_routes):
                    continue
                rec = (ws_routes or routes)[0][3]
                if not rec.get("span"):
                    continue
                yield Finding(Span.from_dict(rec["span"]),
                              f"Service `{o.name}` runs {workers_n} workers but no Traefik router sends `/websocket` "
                              f"to its gevent port {gevent_port}: websocket upgrades fail ('Couldn't bind the "
                              f"websocket') and bus, chat and notifications die; add a `PathPrefix(`/websocket`)` "
                              f"router to a service on port {gevent_port}", path=o.path)
            else:
                for name, _, port, rec in ws_routes:
                    if port == gevent_port and rec.get("span"):
                        yield Finding(Span.from_dict(rec["span"]),
                                      f"Router `{name}` sends `/websocket` of service `{o.name}` to port {port}, but "
                                      f"with `workers = 0` Odoo serves websockets on its HTTP port and nothing "
                                      f"listens on {port}: the route answers 502; route it to the HTTP port or set "
                                      f"workers", path=o.path)
