"""Compose rules that need the whole stack (merged files, the conf Odoo loads): DC104-DC106 and DEP102."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Edit, Finding, Fix, Position, Span
from odoolint.registry import rule

from .deploy_db_host import effective_db_host, target_major
from .deploy_model import OdooService, PostgresService, Stack, model
from .images import service_image


def _span(d) -> Optional[Span]:
    return Span.from_dict(d) if d else None


_POOLER_IMAGE = re.compile(r"pgbouncer|pgpool|odyssey|pgcat|supavisor", re.I)


def database_of(stack: Stack, o: OdooService, project) -> Optional[PostgresService]:
    """The Postgres service the Odoo service talks to: the one its db host names, else the only one."""
    src = effective_db_host(o, project)
    if src is not None:
        target = stack.resolvable_names(o).get(src.host.strip())
        if isinstance(target, PostgresService):
            return target
        if target is not None:
            return None         # a pooler or proxy in between (pgbouncer, ...): not the database itself
    if any(_POOLER_IMAGE.search(s.image or "") for s in stack.services.values()):
        return None             # a pooler sits in the stack and the host is unknown: do not guess
    shared = [p for p in stack.postgres if stack.shared_networks(o, p)]
    return shared[0] if len(shared) == 1 else None


# ---- DC104 -----------------------------------------------------------------------------------

@rule("DC104", "compose-depends-on-healthy",
      summary="Odoo does not wait for a healthy Postgres",
      kinds=["compose"], severity="warning", project=True, tags=["deploy", "hardening"], fix="safe",
      default_enabled=False,
      what="For the Odoo service of a compose stack and the Postgres service it uses: reports a missing "
           "`depends_on` entry or one without `condition: service_healthy`. Silent where the image's entrypoint "
           "waits for the database until it answers (doodba's `WAIT_DB`); images that wait a bounded time (the "
           "official image 30 s, camptocamp's 30 s, bitnami's about a minute) are named in the message. Off by "
           "default: Odoo usually starts fine, and the image's own wait covers the common case; "
           "`--extend-select deploy-hardening` turns it on. (`service_healthy` on a service with no healthcheck, "
           "which stops `docker compose up`, is compose-depends-on-healthcheck-missing, on by default.) Fixed "
           "when the entry says `condition: service_started` and Postgres has a healthcheck.",
      why="Without a healthy condition Compose starts Odoo as soon as the Postgres container exists; an entrypoint "
          "that waits a bounded time, or not at all, lets a first start (initdb) or a slow restore fail.",
      before="odoo:\n  depends_on: [db]\ndb:\n  image: postgres:16",
      after="odoo:\n  depends_on:\n    db:\n      condition: service_healthy\ndb:\n  image: postgres:16\n  "
            "healthcheck:\n    test: [\"CMD-SHELL\", \"pg_isready -U odoo\"]",
      source="compose-spec 05-services.md (`depends_on` conditions, `healthcheck`); odoo/docker@f7f6765 "
             "17.0-19.0 entrypoint.sh (`wait-for-psql.py ... --timeout=30`); Tecnativa/doodba@373775c "
             "entrypoint.d/20-postgres-wait; bitnami/bitnami-docker-odoo@71e3092 libodoo.sh; "
             "camptocamp/docker-odoo-project@0247531 bin/wait_postgres.sh (rules/project/images.py)")
def depends_on_healthy(project):
    seen = set()
    for stack in model(project).stacks:
        for o in stack.odoo:
            db = database_of(stack, o, project)
            if db is None:
                continue
            row = service_image(o)
            own_entrypoint = bool(o.facts.get("_entrypoint")) or bool(
                o.dockerfile and (o.dockerfile.facts.get("entrypoint") or o.dockerfile.facts.get("_any_entrypoint")))
            if row is not None and row.db_wait is None and not own_entrypoint:
                continue        # the entrypoint waits until Postgres answers
            loc = o.facts.get("_loc") or {}
            dep = (o.facts.get("depends_on") or {}).get(db.name)
            has_hc = bool(db.facts.get("healthcheck")) and db.facts["healthcheck"].get("test") not in (["NONE"],)
            if dep and dep.get("condition") == "service_healthy":
                continue        # healthy condition: fine, or DC108's finding when there is no healthcheck
            span = _span(loc.get("depends_on")) if dep else None
            path = (loc.get("depends_on_path") or o.path) if dep else o.path
            how = "without `condition: service_healthy`" if dep else "without `depends_on` it"
            extra = "" if has_hc else f" and give `{db.name}` a `pg_isready` healthcheck"
            wait = (f"the {row.family} image's entrypoint waits only {row.db_wait} s" if row and not own_entrypoint
                    else "unless its own entrypoint waits for the database")
            msg = (f"Service `{o.name}` starts {how} on `{db.name}`: Odoo can start before Postgres accepts "
                   f"connections ({wait}) and exits on first start or after a slow restore; add "
                   f"`depends_on: {db.name}: condition: service_healthy`{extra}")
            fix = None
            cond = (loc.get("depends_on_conditions") or {}).get(db.name)
            same_file = (loc.get("depends_on_conditions_path") or o.path) == (loc.get("depends_on_path") or o.path)
            if dep and has_hc and cond and same_file and dep.get("condition") == "service_started":
                fix = Fix((Edit(Span.from_dict(cond), "service_healthy"),), Applicability.SAFE,
                          f"Wait for `{db.name}` to be healthy")
                path = loc.get("depends_on_conditions_path") or path
            span = span or o.span
            if span is None or (path, span.start.offset) in seen:
                continue
            seen.add((path, span.start.offset))
            yield Finding(span, msg, path=path, fix=fix)


# ---- healthcheck URL -------------------------------------------------------------------------

_URL = re.compile(r"https?://(?P<host>localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(?P<port>\d+))?"
                  r"(?P<path>/[^\s\"'?#)]*)?")


def healthcheck_url(o: OdooService):
    """(item loc, match) of the first local HTTP URL in the Odoo service's healthcheck test; the Dockerfile's
    HEALTHCHECK when the compose service defines none (a compose healthcheck replaces the image's)."""
    for item in (o.facts.get("_loc") or {}).get("healthcheck_test") or []:
        m = _URL.search(item.get("text") or "")
        if m:
            return item, m
    if o.facts.get("healthcheck") is None and o.dockerfile is not None:
        spans = o.dockerfile.facts.get("_spans") or {}
        text = spans.get("healthcheck_text")
        if text and spans.get("healthcheck"):
            m = _URL.search(text)
            if m:
                return {"text": text, "span": spans["healthcheck"], "raw": True, "path": o.dockerfile.path,
                        "multiline": True}, m
    return None, None


def _item_span(item, start: int, end: int) -> Optional[Span]:
    """Span of characters [start, end) of a raw healthcheck item (same line: a scalar without line breaks)."""
    sd = item.get("span")
    if not sd or not item.get("raw"):
        return None
    s = Span.from_dict(sd)
    text = item.get("text", "")
    if item.get("multiline"):
        prefix = text[:start]
        if "\n" in text[start:end]:
            return None
        line = s.start.line + prefix.count("\n")
        col = (s.start.column + start) if "\n" not in prefix else len(prefix) - prefix.rfind("\n")
        p1 = Position(line, col, s.start.offset + start)
        return Span(p1, Position(line, col + (end - start), s.start.offset + end))
    if "\n" in text:
        return None
    p1 = Position(s.start.line, s.start.column + start, s.start.offset + start)
    p2 = Position(s.start.line, s.start.column + end, s.start.offset + end)
    return Span(p1, p2)


def odoo_http_port(o: OdooService, project) -> Optional[tuple[int, str]]:
    """(port Odoo listens on, where it comes from): CLI > ODOO_HTTP_PORT (19) > conf > 8069."""
    ws = o.command
    for i, w in enumerate(ws):
        for flag in ("--http-port", "--xmlrpc-port", "-p"):
            if w == flag and i + 1 < len(ws) and ws[i + 1].isdigit():
                return int(ws[i + 1]), f"`{flag}` in the command"
            if w.startswith(flag + "=") and w.split("=", 1)[1].isdigit():
                return int(w.split("=", 1)[1]), f"`{flag}` in the command"
    major = target_major(o, project)
    if major is not None and major >= 19:
        value = o.env.get("ODOO_HTTP_PORT")
        if value is not None:
            return (int(value), "`ODOO_HTTP_PORT`") if value.strip().isdigit() else None
    if not o.conf_known:
        return None
    opts = o.conf_options()
    keys = ("http_port",) if major is not None and major >= 19 else ("http_port", "xmlrpc_port")
    for key in keys:
        if key in opts:
            value = str(opts[key].get("value", "")).strip()
            return (int(value), f"`{key}` in its odoo.conf") if value.isdigit() else None
    return 8069, "Odoo's default"


# ---- DC105 -----------------------------------------------------------------------------------

_BAD_PATHS = ("/web/login", "/web/database/selector", "/web/database/manager", "/web", "/", "")


@rule("DC105", "compose-odoo-healthcheck-path",
      summary="Odoo healthcheck probes a page instead of /web/health", kinds=["compose"], severity="warning",
      project=True, fix="safe", tags=["deploy"],
      what="Reports the healthcheck of an Odoo service whose local URL path is `/`, `/web`, `/web/login` or the "
           "database manager, instead of `/web/health`.",
      why="Those pages depend on a database being selected, redirect, render templates and create sessions; with "
          "several databases or `list_db = False` they answer 303/404 and the container is marked unhealthy and "
          "restarted. `/web/health` (`auth='none'`, no session) answers `{\"status\": \"pass\"}` as soon as the "
          "HTTP server runs.",
      before="test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8069/web/login\"]",
      after="test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8069/web/health\"]",
      source="odoo addons/web/controllers/home.py `/web/health` (16.0-19.0; `db_server_status` from 17.0)")
def healthcheck_path(project):
    seen = set()
    for stack in model(project).stacks:
        for o in stack.odoo:
            item, m = healthcheck_url(o)
            if m is None:
                continue
            path = m.group("path") or ""
            if path.rstrip("/") not in [p.rstrip("/") for p in _BAD_PATHS]:
                continue
            start, end = (m.start("path"), m.end("path")) if m.group("path") else (m.end(), m.end())
            span = _item_span(item, start, end) or _item_span(item, m.start(), m.end())
            loc = o.facts.get("_loc") or {}
            file_path = item.get("path") or o.path
            if span is None:
                span = _span(loc.get("healthcheck")) or o.span
            if span is None or (file_path, span.start.offset) in seen:
                continue
            seen.add((file_path, span.start.offset))
            fix = None
            if _item_span(item, start, end) is not None:
                fix = Fix((Edit(span, "/web/health"),), Applicability.SAFE, "Probe /web/health")
            shown = path or "/"
            yield Finding(span, f"Healthcheck of service `{o.name}` probes `{shown}`, which needs a database and "
                                f"a session and can redirect or 404, so the container may be marked unhealthy and "
                                f"restarted; probe `/web/health`", fix=fix, path=file_path)


# ---- DEP102 ----------------------------------------------------------------------------------

@rule("DEP102", "compose-healthcheck-port",
      summary="Odoo healthcheck probes a port Odoo does not listen on", kinds=["compose", "odoo-conf"],
      severity="error", project=True, fix="safe", tags=["deploy"], aliases=["compose-odoo-healthcheck"],
      what="Reads the port of the local URL in an Odoo service's healthcheck and compares it with the port Odoo "
           "listens on: `--http-port`/`-p` in its command, `ODOO_HTTP_PORT` (19.0), `http_port` (or "
           "`xmlrpc_port` up to 18.0) of the odoo.conf it loads, else 8069. A URL without a port probes 80.",
      why="Inside the container nothing answers on another port, so the healthcheck never passes: the container "
          "stays unhealthy, services that wait for it never start and orchestrators restart it in a loop.",
      before="# odoo.conf: http_port = 8069\ntest: curl -f http://localhost:8080/web/health",
      after="test: curl -f http://localhost:8069/web/health",
      source="odoo/tools/config.py `-p/--http-port` default 8069 (16.0-19.0; `ODOO_HTTP_PORT` env in 19.0); "
             "compose-spec 05-services.md `healthcheck`")
def healthcheck_port(project):
    seen = set()
    for stack in model(project).stacks:
        for o in stack.odoo:
            item, m = healthcheck_url(o)
            if m is None:
                continue
            port = odoo_http_port(o, project)
            if port is None:
                continue
            listen, origin = port
            probe = int(m.group("port")) if m.group("port") else 80
            if probe == listen:
                continue
            file_path = item.get("path") or o.path
            if m.group("port"):
                span = _item_span(item, m.start("port"), m.end("port"))
                edit_text = str(listen)
            else:
                span = _item_span(item, m.end("host"), m.end("host"))
                edit_text = f":{listen}"
            fix = Fix((Edit(span, edit_text),), Applicability.SAFE, f"Probe port {listen}") if span else None
            span = span or _span((o.facts.get("_loc") or {}).get("healthcheck")) or o.span
            if span is None or (file_path, span.start.offset) in seen:
                continue
            seen.add((file_path, span.start.offset))
            yield Finding(span, f"Healthcheck of service `{o.name}` probes port {probe} but Odoo listens on {listen} "
                                f"({origin}): the check never passes and the container stays unhealthy or is "
                                f"restarted in a loop; probe port {listen}", fix=fix, path=file_path)


# ---- DC106 -----------------------------------------------------------------------------------

_IGNORED_ALWAYS = {"DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "DB_PASS", "DB_NAME", "DATABASE_HOST",
                   "DATABASE_URL", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "ODOO_DB_HOST",
                   "ODOO_DB_PORT", "ODOO_DB_USER", "ODOO_DB_PASSWORD", "ODOO_DB_NAME", "ODOO_DATABASE_HOST"}
_CONF_KEY = {"HOST": "db_host", "PORT": "db_port", "USER": "db_user", "PASSWORD": "db_password"}
_RENAME = {"DB_HOST": "HOST", "POSTGRES_HOST": "HOST", "ODOO_DB_HOST": "HOST", "DATABASE_HOST": "HOST",
           "ODOO_DATABASE_HOST": "HOST", "DB_PORT": "PORT", "POSTGRES_PORT": "PORT", "ODOO_DB_PORT": "PORT",
           "DB_USER": "USER", "ODOO_DB_USER": "USER", "DB_PASSWORD": "PASSWORD", "DB_PASS": "PASSWORD",
           "ODOO_DB_PASSWORD": "PASSWORD"}


@rule("DC106", "compose-odoo-env-ignored",
      summary="Environment variable the official Odoo image never reads", kinds=["compose", "env-file"],
      severity="warning", project=True, tags=["deploy"],
      what="On a service running the official Odoo image's entrypoint: reports `DB_HOST`, `POSTGRES_HOST`, "
           "`ODOO_DB_HOST`, `DB_USER`, `DB_PASSWORD`, `DATABASE_URL` and similar names, which nothing reads, and "
           "`HOST`/`PORT`/`USER`/`PASSWORD` set while the odoo.conf it loads also sets the matching `db_*` key "
           "(the entrypoint then drops the variable).",
      why="The entrypoint turns only `HOST`, `PORT`, `USER`, `PASSWORD` (with `PG*`, `POSTGRES_USER` and "
          "`POSTGRES_PASSWORD` fallbacks) into `--db_*` flags, and only for keys the conf does not set; Odoo 19 "
          "reads `PGHOST` & co., never `DB_HOST` or `ODOO_DB_HOST`. The variable looks configured but Odoo "
          "connects somewhere else.",
      before="environment:\n  DB_HOST: postgres", after="environment:\n  HOST: postgres",
      source="odoo/docker@f7f6765 17.0/18.0/19.0 entrypoint.sh (`check_config` and the HOST/PORT/USER/PASSWORD "
             "defaults); odoo/tools/config.py 19.0 (`env_name='PGHOST'` for db_host, no ODOO_DB_* names)")
def env_ignored(project):
    seen = set()
    for stack in model(project).stacks:
        for o in stack.odoo:
            if not o.official:
                continue
            # the entrypoint drops HOST & co. when $ODOO_RC (not necessarily the `-c` file) has the db_* key
            opts = o.rc_options or {}
            for key, ev in sorted(o.env_sources.items()):
                span = ev.key_span or ev.span
                if span is None:
                    continue
                msg = None
                major = target_major(o, project)
                if key == "PGDATABASE" and major is not None and major < 19:
                    msg = (f"`PGDATABASE` on service `{o.name}` is ignored by Odoo {major}.0 (it always passes a "
                           f"database name; only 19.0 reads PGDATABASE as `db_name`); set `db_name` in the conf "
                           f"or `-d` in the command")
                elif key in _IGNORED_ALWAYS:
                    better = _RENAME.get(key)
                    hint = f"use `{better}`" if better else "use `HOST`, `PORT`, `USER`, `PASSWORD`"
                    msg = (f"`{key}` on service `{o.name}` is read by neither the official entrypoint nor Odoo: "
                           f"the setting is silently ignored and Odoo connects with its defaults; {hint}")
                elif key in _CONF_KEY and o.entrypoint_db_args and _CONF_KEY[key] in opts and \
                        str(opts[_CONF_KEY[key]].get("value", "")).strip() != ev.value.strip():
                    conf_value = str(opts[_CONF_KEY[key]].get("value", "")).strip()
                    shown = "" if key == "PASSWORD" else f" (`{ev.value.strip()}`)"
                    conf_shown = "another value" if key == "PASSWORD" else f"`{conf_value}`"
                    msg = (f"`{key}`{shown} on service `{o.name}` is ignored because its odoo.conf sets "
                           f"`{_CONF_KEY[key]}` to {conf_shown} (the entrypoint only passes "
                           f"`--{_CONF_KEY[key]}` when the conf has no such line); keep one of the two")
                if msg is None:
                    continue
                k = (ev.path, span.start.offset)
                if k in seen:
                    continue
                seen.add(k)
                yield Finding(span, msg, path=ev.path)
