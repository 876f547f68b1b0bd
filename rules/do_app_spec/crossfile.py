"""DigitalOcean App Platform rules that join the app spec with the Dockerfile and the odoo.conf the image loads.

They read facts only: "do_app_spec" (this family), "dockerfile" (Dockerfile family) and "odoo_conf" (odoo.conf
family). When a link is missing (a Dockerfile that was not scanned, a conf that is not in the tree) the rules
stay silent rather than guess.
"""
from __future__ import annotations

import os
import posixpath
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Edit, Finding, Fix, OdooVersion, Span
from odoolint.registry import rule

DOAPI = "digitalocean/openapi@7c1300c specification/resources/apps/models/"
ODOO_DEFAULT_PORT = 8069
DO_DEFAULT_PORT = 8080
OFFICIAL_RC = "/etc/odoo/odoo.conf"
V19 = OdooVersion(19, 0)

_HTTP_PORT_FLAG = re.compile(r"(?:^|\s)(?:--http-port|--xmlrpc-port)(?:=|\s+)(\d+)|(?:^|\s)-p\s*(\d+)(?=\s|$)")
_CONFIG_FLAG = re.compile(r"(?:^|\s)(?:--config|-c)(?:=|\s+)(\S+)")
_WORKERS_FLAG = re.compile(r"(?:^|\s)--workers(?:=|\s+)(\d+)")


class OdooSide:
    """What is known of the Odoo process a DO component runs (a plain class: `dataclasses` costs start-up)."""

    __slots__ = ("port", "port_origin", "conf", "dockerfile", "official_entrypoint", "is_odoo", "conf_known")

    def __init__(self, port: Optional[int], port_origin: str, conf: Optional[tuple], dockerfile: Optional[tuple],
                 official_entrypoint: bool, is_odoo: bool, conf_known: bool = False):
        self.port = port                     # None: unknown
        self.port_origin = port_origin
        self.conf = conf                     # (ProjectFile, odoo_conf facts) of the conf the image loads
        self.dockerfile = dockerfile         # (ProjectFile, dockerfile facts)
        self.official_entrypoint = official_entrypoint   # the odoo/docker entrypoint.sh runs (odoo:*, no ENTRYPOINT)
        self.is_odoo = is_odoo
        self.conf_known = conf_known         # True when the loaded conf is `conf` or the stock one (conf None)


def _span(d) -> Span:
    return Span.from_dict(d)


def _is_official_base(ref: str) -> bool:
    ref = (ref or "").lower()
    for prefix in ("docker.io/library/", "library/", "docker.io/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
    return ref == "odoo" or ref.startswith(("odoo:", "odoo@"))


def _join(words) -> str:
    if isinstance(words, list):
        return " ".join(str(w) for w in words)
    return str(words or "")


def _dockerfile_for(project, spec_dir: str, comp: dict):
    if not comp.get("dockerfile_path"):
        return None
    rel = comp["dockerfile_path"].lstrip("/")
    target = os.path.normpath(os.path.join(spec_dir, rel))
    for pf, data in project.facts("dockerfile"):
        if os.path.normpath(pf.path) == target:
            return pf, data
    return None


def _conf_for(project, abs_path: str):
    target = os.path.normpath(abs_path)
    for pf, data in project.facts("odoo_conf"):
        if os.path.normpath(pf.path) == target:
            return pf, data
    return None


def _conf_in_image(project, spec_dir: str, comp: dict, df, rc: str):
    """(found, conf facts) for the file the image has at `rc`: found=False when a COPY puts an unscanned file there."""
    pf, data = df
    stages = data.get("stages") or []
    last = len(stages) - 1
    context = os.path.normpath(os.path.join(spec_dir, (comp.get("source_dir") or "").lstrip("/")))
    for copy in reversed(data.get("copies") or []):
        if copy.get("stage", last) != last:
            continue
        dest = copy.get("dest") or ""
        for src in copy.get("src") or []:
            base = posixpath.basename(src.rstrip("/"))
            if dest == rc or (dest.endswith("/") and posixpath.join(dest, base) == rc) or \
                    (posixpath.dirname(rc) == dest.rstrip("/") and base == posixpath.basename(rc)):
                for root in (context, data.get("dir") or context):
                    conf = _conf_for(project, os.path.join(root, src))
                    if conf:
                        return True, conf
                return False, None
    return True, None            # nothing copied there: the official image's own conf (no http_port)


def odoo_side(project, spec_dir: str, comp: dict) -> OdooSide:
    df = _dockerfile_for(project, spec_dir, comp)
    ddata = df[1] if df else {}
    stages = ddata.get("stages") or []
    base = stages[-1].get("base", "") if stages else ""
    image = comp.get("image") or {}
    official_image = bool(image) and _is_official_base(str(image.get("repository") or ""))
    is_odoo = bool(comp.get("is_odoo")) or _is_official_base(base) or official_image
    # a DO run_command may replace the image's entrypoint: only claim the stock entrypoint runs without one
    official_entry = not comp.get("run_command") and (
        official_image or (df is not None and _is_official_base(base) and not ddata.get("entrypoint")))
    envs = comp.get("envs") or {}
    denv = ddata.get("env") or {}
    command = " ".join(x for x in (_join(ddata.get("entrypoint")), comp.get("run_command") or _join(ddata.get("cmd")))
                       if x)
    
    m = _HTTP_PORT_FLAG.search(command)
    cli_port = int(m.group(1) or m.group(2)) if m else None
    # which conf is loaded: -c on the command line, else ODOO_RC (DO env beats the Dockerfile ENV)
    cm = _CONFIG_FLAG.search(command)
    rc = cm.group(1) if cm else envs.get("ODOO_RC") or denv.get("ODOO_RC") or \
        (OFFICIAL_RC if (_is_official_base(base) or official_image) else None)
    conf = None
    conf_known = False
    if rc and df is not None:
        conf_known, conf = _conf_in_image(project, spec_dir, comp, df, rc)
    elif rc and official_image:
        conf_known = True        # the stock image's conf sets no http_port
    if cli_port is not None:
        return OdooSide(cli_port, "its command line sets --http-port", conf, df, official_entry, is_odoo,
                        conf_known)
    target = project.target
    if target is not None and target >= V19:
        raw = envs.get("ODOO_HTTP_PORT") or denv.get("ODOO_HTTP_PORT")
        if raw and str(raw).strip().isdigit():
            return OdooSide(int(raw), "ODOO_HTTP_PORT is set", conf, df, official_entry, is_odoo, conf_known)
    if not conf_known:
        return OdooSide(None, "", None, df, official_entry, is_odoo, False)
    if conf is not None:
        opts = conf[1].get("options") or {}
        entry = opts.get("http_port") or (opts.get("xmlrpc_port") if target is not None and target < V19 else None)
        if entry is not None:
            value = str(entry.get("value", "")).strip()
            if not value.isdigit():
                return OdooSide(None, "", conf, df, official_entry, is_odoo, conf_known)
            return OdooSide(int(value), f"{conf[0].relpath} sets http_port = {value}", conf, df, official_entry,
                            is_odoo, conf_known)
        return OdooSide(ODOO_DEFAULT_PORT, f"{conf[0].relpath} sets no http_port", conf, df, official_entry,
                        is_odoo, conf_known)
    return OdooSide(ODOO_DEFAULT_PORT, "Odoo's default", None, df, official_entry, is_odoo, conf_known)


def _do_components(project):
    for pf, data in project.facts("do_app_spec"):
        if not isinstance(data, dict):
            continue
        spec_dir = data.get("dir") or os.path.dirname(pf.path)
        for section in ("services", "workers"):
            for comp in data.get(section) or []:
                if isinstance(comp, dict):
                    yield pf, data, section, spec_dir, comp


_SUPERSET_REPOS = ("apache/superset", "docker.io/apache/superset")


def _superset_built_port(project, spec_dir: str, comp: dict) -> Optional[tuple[int, str]]:
    """The same for an image built `FROM apache/superset` that keeps its entrypoint and run-server.sh CMD."""
    if comp.get("run_command"):
        return None
    df = _dockerfile_for(project, spec_dir, comp)
    if df is None:
        return None
    data = df[1]
    stages = data.get("stages") or []
    names = {st.get("name"): st.get("base") for st in stages if st.get("name")}
    base, seen = (stages[-1].get("base") if stages else None), set()
    while base in names and base not in seen:
        seen.add(base)
        base = names[base]
    ref = str(base or "").lower().split("@", 1)[0]
    repo = ref.rsplit(":", 1)[0] if ":" in ref.rsplit("/", 1)[-1] else ref
    if repo not in _SUPERSET_REPOS or data.get("_any_entrypoint"):
        return None
    cmd = data.get("cmd")
    if cmd and "run-server.sh" not in _join(cmd):
        return None
    raw = str((comp.get("envs") or {}).get("SUPERSET_PORT") or (data.get("env") or {}).get("SUPERSET_PORT") or "")
    raw = raw.strip()
    if raw:
        return (int(raw), "SUPERSET_PORT is set") if raw.isdigit() else None
    return 8088, f"built FROM {base}: its run-server.sh default, SUPERSET_PORT unset"


# --------------------------------------------------------------------------------------------------
@rule("DO101", "do-http-port-mismatch",
      summary="DO http_port or health-check port is not the port Odoo (or stock Superset) listens on",
      kinds=["do-app-spec", "dockerfile", "odoo-conf"], severity="error", fix="safe", project=True,
      tags=["deploy"],
      what="A service whose `http_port` (DO default 8080) or `health_check.port` differs from the port its app "
           "listens on. Superset from the stock `apache/superset` image, or an image built FROM it that keeps its "
           "entrypoint and run-server.sh: `SUPERSET_PORT`, else 8088. Odoo: "
           "`--http-port`/`-p` on its command line, else (Odoo 19) `ODOO_HTTP_PORT`, else `http_port` "
           "(`xmlrpc_port` before 19) of the odoo.conf the image loads (`-c`, `ODOO_RC`, the official image's "
           "/etc/odoo/odoo.conf), else 8069. Odoo never reads `PORT`, which DO injects with the `http_port` value.",
      why="DO routes traffic and runs its health check on `http_port`; nothing answers there, the health check "
          "fails and the deploy is rolled back.",
      before="services:\n  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8080",
      after="services:\n  - name: odoo\n    dockerfile_path: Dockerfile\n    http_port: 8069",
      source=DOAPI + "app_service_spec.yml (http_port \"Default: 8080\", PORT injected), "
             "app_service_spec_health_check.yml (port defaults to http_port); Odoo odoo/tools/config.py "
             "(16.0-18.0 `--http-port` default 8069, `xmlrpc_port` remapped; 19.0 `env_name = 'ODOO_' + "
             "dest.upper()` and ChainMap runtime > cli > env > file > default); apache/superset "
             "docker/run-server.sh (`--bind ...:${SUPERSET_PORT:-8088}`)")
def http_port_mismatch(project):
    for pf, data, section, spec_dir, comp in _do_components(project):
        if section != "services":
            continue
        side = odoo_side(project, spec_dir, comp)
        superset = _superset_port(comp) or _superset_built_port(project, spec_dir, comp)
        if superset is not None and not side.is_odoo:
            side = OdooSide(superset[0], superset[1], None, None, False, True, True)
            app = "Superset"
        elif not side.is_odoo or side.port is None:
            continue
        else:
            app = "Odoo"
        port = side.port
        loc = comp.get("_loc") or {}
        name = comp.get("name") or "?"
        do_port = comp.get("http_port")
        envs = comp.get("envs") or {}
        note = ""
        if "PORT" in envs and app == "Odoo":
            note = " Odoo ignores the PORT variable"
            note += "; Odoo 19 reads ODOO_HTTP_PORT." if project.target is not None and project.target >= V19 \
                else "."
        if do_port is None or do_port != port:
            shown = do_port if do_port is not None else f"{DO_DEFAULT_PORT} (the default)"
            fix = None
            if loc.get("http_port") and do_port is not None:
                sp = _span(loc["http_port"])
                fix = Fix((Edit(sp, str(port)),), Applicability.SAFE, f"Set `http_port: {port}`")
            elif do_port is None and loc.get("insert"):
                at, content = loc["insert"]
                fix = Fix((Edit(_span(at), content.replace("http_port: 0", f"http_port: {port}")),),
                          Applicability.SAFE, f"Add `http_port: {port}`")
            anchor = _span(loc["http_port"]) if loc.get("http_port") else _span(comp["span"])
            yield Finding(anchor, f"Service '{name}' sends traffic and health checks to port {shown}, but {app} "
                                  f"listens on {port} ({side.port_origin}): the health check fails and the deploy "
                                  f"rolls back. Set `http_port: {port}`.{note}", fix=fix, path=pf.path)
        hc = comp.get("health_check") or {}
        hc_port = hc.get("port") if isinstance(hc, dict) else None
        if isinstance(hc_port, int) and not isinstance(hc_port, bool) and hc_port != port and \
                loc.get("health_check_port"):
            sp = _span(loc["health_check_port"])
            yield Finding(sp, f"Service '{name}' health check probes port {hc_port}, but {app} listens on {port} "
                              f"({side.port_origin}): every check fails and the deploy rolls back. Set "
                              f"`health_check.port: {port}` or drop it (it defaults to http_port).",
                          fix=Fix((Edit(sp, str(port)),), Applicability.SAFE, f"Set `port: {port}`"), path=pf.path)


def _superset_port(comp: dict) -> Optional[tuple[int, str]]:
    """The port the stock apache/superset image listens on (run-server.sh binds ${SUPERSET_PORT:-8088})."""
    repo = str((comp.get("image") or {}).get("repository") or "").lower()
    if repo not in ("apache/superset", "docker.io/apache/superset") or comp.get("run_command"):
        return None
    raw = str((comp.get("envs") or {}).get("SUPERSET_PORT", "")).strip()
    if raw:
        return (int(raw), "SUPERSET_PORT is set") if raw.isdigit() else None
    return 8088, "the image's run-server.sh default, SUPERSET_PORT unset"


# --------------------------------------------------------------------------------------------------
@rule("DO108", "do-port-env-db-port", summary="The official Odoo entrypoint uses DO's PORT as the database port",
      kinds=["do-app-spec", "dockerfile", "odoo-conf"], severity="error", project=True, tags=["deploy"],
      what="An Odoo service on DO that runs the official image's entrypoint (an `odoo:*` base without its own "
           "ENTRYPOINT, or the `odoo` image itself) while the odoo.conf it loads sets no `db_port`. DO always "
           "defines `PORT` (it injects `PORT=<http_port>` when the spec does not set it) and the entrypoint "
           "turns `PORT` into `--db_port`.",
      why="Odoo then connects to Postgres on the HTTP port (8069/8080): \"connection refused\" or a timeout at "
          "startup, a crash loop and a rolled-back deploy.",
      before="odoo.conf: [options] db_host = db-postgresql-fra1-123.ondigitalocean.com (no db_port)",
      after="odoo.conf: [options] db_host = ...\ndb_port = 25060",
      source="odoo/docker entrypoint.sh (17.0-19.0): `: ${PORT:=${DB_PORT_5432_TCP_PORT:=5432}}` and "
             "`check_config \"db_port\" \"$PORT\"` (passes --db_port unless the conf sets db_port); " + DOAPI +
             "app_service_spec.yml (\"If there is not an environment variable with the name `PORT`, one will be "
             "automatically added with its value set to the value of this field\")")
def port_env_db_port(project):
    for pf, data, section, spec_dir, comp in _do_components(project):
        if section != "services":
            continue
        side = odoo_side(project, spec_dir, comp)
        if not side.is_odoo or not side.official_entrypoint:
            continue
        if not side.conf_known:
            continue
        if side.conf is not None and "db_port" in (side.conf[1].get("options") or {}):
            continue
        envs = comp.get("envs") or {}
        port = envs.get("PORT") or comp.get("http_port") or DO_DEFAULT_PORT
        if str(port).strip() in ("5432", "6432", "25060", "25061"):
            continue
        loc = comp.get("_loc") or {}
        anchor = loc.get("envs", {}).get("PORT", {}).get("key") or loc.get("http_port") or comp["span"]
        where = f"{side.conf[0].relpath} sets no db_port" if side.conf else "the image's odoo.conf sets no db_port"
        yield Finding(_span(anchor), f"Service '{comp.get('name')}': DO sets PORT={port} and the official Odoo "
                                     f"entrypoint passes it as --db_port ({where}), so Odoo connects to Postgres on "
                                     f"port {port} and never starts. Set `db_port` in odoo.conf.", path=pf.path)


# --------------------------------------------------------------------------------------------------
STORAGE_ADDONS = {"fs_attachment", "fs_storage", "fs_file", "attachment_s3", "base_attachment_object_storage",
                  "attachment_swift", "attachment_azure", "ir_attachment_s3", "storage_backend_s3",
                  "odoo_s3_attachment", "s3_attachment"}
_STORAGE_ENV = re.compile(r"^(?:AWS_|S3_|SPACES_|DO_SPACES|MINIO_|AZURE_STORAGE|FS_STORAGE|ATTACHMENT_)", re.I)


@rule("DO104", "do-no-persistent-storage", summary="Odoo on DO App Platform keeps its filestore on the ephemeral disk",
      kinds=["do-app-spec", "odoo-conf", "manifest"], severity="error", project=True, tags=["deploy"],
      what="An Odoo service or worker in a DO app spec while nothing moves attachments off the container: no "
           "object-storage addon in the scanned tree or in the conf's `server_wide_modules` (fs_attachment, "
           "attachment_s3, base_attachment_object_storage, ...) and no S3/Spaces variables in the component's envs.",
      why="App Platform has no volumes: the filestore (`data_dir`/filestore) and the sessions are wiped on every "
          "deploy or restart, so attachments, images and compiled assets go missing and users are logged out. "
          "(Setting the system parameter `ir_attachment.location = db` also avoids it; odoolint cannot see that.)",
      before="services:\n  - name: odoo\n    dockerfile_path: Dockerfile",
      after="# addons: fs_attachment + fs_storage (or attachment_s3) configured for DO Spaces",
      source="docs.digitalocean.com/products/app-platform/details/limits (no persistent storage; local "
             "filesystem lost on redeploy); Odoo odoo/tools/config.py `data_dir` (filestore and sessions)")
def no_persistent_storage(project):
    addons = set(project.addons)
    for pf, data, section, spec_dir, comp in _do_components(project):
        side = odoo_side(project, spec_dir, comp)
        if not side.is_odoo:
            continue
        if addons & STORAGE_ADDONS:
            continue
        if any(_STORAGE_ENV.match(k) for k in (comp.get("envs") or {})):
            continue
        if side.conf is not None:
            swm = str(((side.conf[1].get("options") or {}).get("server_wide_modules") or {}).get("value", ""))
            if {m.strip() for m in swm.split(",")} & STORAGE_ADDONS:
                continue
        yield Finding(_span(comp["span"]),
                      f"'{comp.get('name')}' runs Odoo on App Platform, which has no persistent disk: the filestore "
                      f"and sessions are wiped on every deploy (missing attachments and images, users logged out). "
                      f"Store attachments in DO Spaces (fs_attachment/attachment_s3) or in the database.",
                      path=pf.path)


def _workers(project, comp, side) -> tuple[int, str]:
    m = _WORKERS_FLAG.search(comp.get("run_command") or "")
    if m:
        return int(m.group(1)), "run_command --workers"
    envs = comp.get("envs") or {}
    if project.target is not None and project.target >= V19 and str(envs.get("ODOO_WORKERS", "")).strip().isdigit():
        return int(envs["ODOO_WORKERS"]), "ODOO_WORKERS"
    if side.conf is not None:
        value = str(((side.conf[1].get("options") or {}).get("workers") or {}).get("value", "")).strip()
        if value.isdigit():
            return int(value), f"{side.conf[0].relpath} workers = {value}"
    return 0, ""


def _gevent_port(side) -> int:
    if side.conf is not None:
        opts = side.conf[1].get("options") or {}
        for key in ("gevent_port", "longpolling_port"):
            value = str((opts.get(key) or {}).get("value", "")).strip()
            if value.isdigit():
                return int(value)
    return 8072


@rule("DO105", "do-workers-websocket", summary="Odoo with workers > 0 on DO but /websocket is not routed to gevent",
      kinds=["do-app-spec", "odoo-conf"], severity="error", project=True, tags=["deploy"],
      what="An Odoo service whose workers (run_command `--workers`, 19's `ODOO_WORKERS`, or `workers` in the conf "
           "the image loads) is above 0 while no `ingress.rules` entry sends the `/websocket` prefix to a component "
           "whose `http_port` is the gevent port (`gevent_port`, default 8072).",
      why="In prefork mode only the gevent process serves `/websocket`; DO routes everything to `http_port`, so the "
          "bus fails (\"Couldn't bind the websocket. Is the connection opened on the evented port (8072)?\"): no "
          "live chat, notifications or multi-tab sync.",
      before="odoo.conf: workers = 4\n.do/app.yaml: one service, http_port: 8069, no /websocket rule",
      after="odoo.conf: workers = 0  (scale with instance_count instead)",
      source="Odoo addons/bus/websocket.py (16.0-19.0, \"Couldn't bind the websocket\"); odoo/documentation "
             "deploy.rst (websocket routing to gevent_port); " + DOAPI + "app_ingress_spec_rule*.yml")
def workers_websocket(project):
    for pf, data, section, spec_dir, comp in _do_components(project):
        if section != "services":
            continue
        side = odoo_side(project, spec_dir, comp)
        if not side.is_odoo:
            continue
        workers, origin = _workers(project, comp, side)
        if workers <= 0:
            continue
        gevent = _gevent_port(side)
        ports = {c.get("name"): c.get("http_port") for c in data.get("services") or [] if isinstance(c, dict)}
        routed = False
        for r in data.get("ingress") or []:
            prefix = str(((r.get("match") or {}).get("path") or {}).get("prefix") or "")
            target = (r.get("component") or {}).get("name")
            if prefix.rstrip("/") == "/websocket" and ports.get(target) == gevent:
                routed = True
        if routed:
            continue
        yield Finding(_span(comp["span"]),
                      f"'{comp.get('name')}' runs {workers} Odoo workers ({origin}), so /websocket is served only by "
                      f"the gevent process on port {gevent}, which no ingress rule reaches: the bus fails (\"Couldn't "
                      f"bind the websocket\"). Set workers = 0 and scale with instance_count.", path=pf.path)


# --------------------------------------------------------------------------------------------------
_PORT_REF = re.compile(r"\$(?:\{PORT(?:[:?+-][^}]*)?\}|PORT\b)")


def _port_reader(project, spec_dir: str, comp: dict) -> Optional[str]:
    """Where the component's command reads `$PORT`: its run_command, else its Dockerfile's CMD/ENTRYPOINT."""
    if _PORT_REF.search(comp.get("run_command") or ""):
        return "its run_command"
    df = _dockerfile_for(project, spec_dir, comp)
    if df is not None and not comp.get("run_command"):
        facts = df[1] or {}
        for key in ("entrypoint", "cmd"):
            words = facts.get(key) or []
            if _PORT_REF.search(" ".join(str(w) for w in words) if isinstance(words, list) else str(words)):
                return f"the {key.upper()} of {df[0].relpath}"
    return None


@rule("DO110", "do-port-env-mismatch", summary="A component's `PORT` env differs from its `http_port`",
      kinds=["do-app-spec", "dockerfile"], severity="error", project=True, tags=["deploy"],
      what="A service of a DO app spec (Odoo, Superset or anything else) whose command listens on `$PORT` (its "
           "`run_command`, else the CMD/ENTRYPOINT of its Dockerfile) while its `envs` set `PORT` to another value "
           "than `http_port` (default 8080). Odoo components whose official entrypoint reads `PORT` as the "
           "database port are do-port-env-db-port's.",
      why="App Platform routes requests and runs the health check on `http_port`, and only injects "
          "`PORT=<http_port>` when the spec defines no `PORT`; an explicit `PORT` of another value makes the app "
          "listen where nothing is routed: the health check fails and the deploy rolls back.",
      before="services:\n- name: bi\n  http_port: 8088\n  run_command: gunicorn -b 0.0.0.0:$PORT app\n  envs:\n"
             "  - key: PORT\n    value: \"8080\"",
      after="services:\n- name: bi\n  http_port: 8088\n  run_command: gunicorn -b 0.0.0.0:$PORT app",
      source=DOAPI + "app_service_spec.yml (`http_port` \"Default: 8080. If there is not an environment variable "
             "with the name `PORT`, one will be automatically added with its value set to the value of this "
             "field\")")
def port_env_mismatch(project):
    for pf, data, section, spec_dir, comp in _do_components(project):
        if section != "services":
            continue
        envs = comp.get("envs") or {}
        raw = str(envs.get("PORT", "")).strip().strip("'\"")
        if not raw.isdigit():
            continue
        http_port = comp.get("http_port") or DO_DEFAULT_PORT
        if int(raw) == http_port:
            continue
        reader = _port_reader(project, spec_dir, comp)
        if reader is None:
            continue
        loc = (comp.get("_loc") or {}).get("envs", {}).get("PORT", {})
        anchor = loc.get("value") or loc.get("key") or comp["span"]
        shown = f"{http_port}" + ("" if comp.get("http_port") else " (the default)")
        yield Finding(_span(anchor), f"Service '{comp.get('name')}' sets PORT={raw} and {reader} listens on $PORT, "
                                     f"but DO routes requests and the health check to http_port {shown}: nothing "
                                     f"answers there and the deploy rolls back; drop the PORT env (DO sets it to "
                                     f"http_port) or make them equal", path=pf.path)
