"""Odoo behind a connection pooler: which pool mode the pooler really runs, and what Odoo needs from it.

Odoo keeps session state on its connections: the bus's dispatcher runs `listen imbus` once on a connection to the
`postgres` database and then waits for notifications on that same connection (addons/bus/models/bus.py
`ImDispatch.loop`, 16.0-19.0). PgBouncer's transaction and statement pooling hand the server connection to
another client after every transaction, and PgBouncer documents LISTEN as never working in those modes
(PgBouncer features.md, "SQL feature map for pooling modes").
"""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Finding, Span
from odoolint.registry import rule

from ..project.deploy_db_host import effective_db_param
from ..project.deploy_model import Service, Stack, model
from ..project.interpolate import interpolate

_PGBOUNCER_IMAGE = re.compile(r"(?:^|/)(?:[\w.-]*pgbouncer[\w.-]*)(?::|@|$)", re.I)
# where each image reads its ini, and the variable its entrypoint turns into `pool_mode`:
#   edoburu/pgbouncer entrypoint.sh: keeps an existing /etc/pgbouncer/pgbouncer.ini, else writes one with
#     `${POOL_MODE:+pool_mode = ${POOL_MODE}}`
#   bitnami/pgbouncer: PGBOUNCER_POOL_MODE (bitnami/containers bitnami/pgbouncer README), conf under
#     /opt/bitnami/pgbouncer/conf
_INI_PATHS = ("/etc/pgbouncer/pgbouncer.ini", "/opt/bitnami/pgbouncer/conf/pgbouncer.ini")
_MODE_VARS = ("POOL_MODE", "PGBOUNCER_POOL_MODE")
_BREAKS = ("transaction", "statement")


@dataclass
class PoolMode:
    mode: str
    origin: str
    path: str
    span: Optional[Span]


def _dotenv(project, stack: Stack) -> dict:
    for pf, data in project.facts("env_file"):
        if pf.path == os.path.join(stack.dir, ".env"):
            return {k: e.get("value") for k, e in ((data or {}).get("entries") or {}).items()}
    return {}


def _ini_of(project, pooler: Service) -> Optional[tuple[str, dict]]:
    """The project's pgbouncer.ini that a bind mount puts where the pooler image reads it."""
    inis = {pf.path: data or {} for pf, data in project.facts("pgbouncer")}
    compose_dir = os.path.dirname(pooler.path)
    for vol in pooler.facts.get("volumes") or []:
        source, target = vol.get("source"), vol.get("target")
        if not source or not target or vol.get("type") != "bind" or "$" in source:
            continue
        host = os.path.normpath(os.path.join(compose_dir, source))
        for ini in _INI_PATHS:
            target_n = posixpath.normpath(target)
            if target_n == ini and host in inis:
                return host, inis[host]
            rel = posixpath.relpath(ini, target_n) if ini.startswith(target_n + "/") else None
            if rel and os.path.join(host, *rel.split("/")) in inis:
                p = os.path.join(host, *rel.split("/"))
                return p, inis[p]
    return None


def pool_mode(project, stack: Stack, pooler: Service) -> Optional[PoolMode]:
    found = _ini_of(project, pooler)
    if found is not None:
        path, data = found
        dbs = data.get("databases") or {}
        per_db = dbs.get("*") or (next(iter(dbs.values())) if len(dbs) == 1 else None)
        if per_db and per_db.get("pool_mode"):
            return PoolMode(per_db["pool_mode"], f"`pool_mode` of its `[databases]` entry in "
                                                 f"{os.path.basename(path)}", path, Span.from_dict(per_db["span"]))
        pm = data.get("pool_mode")
        if pm:
            return PoolMode(pm["value"], f"`pool_mode` in {os.path.basename(path)}", path, Span.from_dict(pm["span"]))
        return PoolMode("session", "PgBouncer's default", path, None)
    env = pooler.env_sources
    for var in _MODE_VARS:
        ev = env.get(var)
        if ev is None:
            continue
        value = interpolate(ev.value, _dotenv(project, stack))
        if value is None:
            return None
        return PoolMode(value.strip().lower(), f"`{var}` of service `{pooler.name}`", ev.path, ev.span)
    return None


def _is_pgbouncer(svc: Service) -> bool:
    image = svc.image or (svc.dockerfile.base if svc.dockerfile else None) or ""
    return bool(_PGBOUNCER_IMAGE.search(image))


def _resolved(src, project, stack) -> Optional[str]:
    if src is None:
        return None
    value = interpolate(src.host, _dotenv(project, stack))
    return value.strip() if value else None


@rule("PGB001", "odoo-transaction-pooler", summary="Odoo reaches its database through a transaction-mode pooler",
      kinds=["compose", "pgbouncer-ini", "odoo-conf", "env-file"], severity="error", project=True,
      tags=["deploy", "correctness"],
      what="Follows each Odoo service of a compose stack to the database host and port it really uses (its "
           "odoo.conf, the official entrypoint's HOST/PORT, compose interpolation with the project's `.env`) and "
           "reports when that host is a PgBouncer service whose pool mode is `transaction` or `statement`: from "
           "the pgbouncer.ini the service mounts (a `[databases]` entry's `pool_mode=` first, then "
           "`[pgbouncer] pool_mode`), else its image's environment (`POOL_MODE` for edoburu/pgbouncer, "
           "`PGBOUNCER_POOL_MODE` for bitnami/pgbouncer). The finding is at the line that sets the mode, once however "
           "many Odoo services use the pooler. Session pooling (PgBouncer's default) is fine. Supabase's "
           "transaction port 6543 is compose-odoo-transaction-pooler (DEP111).",
      why="Odoo's bus dispatcher runs `listen imbus` once and then waits for notifications on that connection; "
          "behind transaction pooling the server connection goes back to the pool after the LISTEN's commit, so "
          "the dispatcher never hears a NOTIFY: Discuss messages, chatter and other live updates stop arriving "
          "until the page is reloaded. PgBouncer lists LISTEN as never supported in transaction and statement "
          "modes.",
      before="; pgbouncer.ini (Odoo connects to host pgbouncer)\n[pgbouncer]\npool_mode = transaction",
      after="[pgbouncer]\npool_mode = session",
      source="odoo/odoo addons/bus/models/bus.py `ImDispatch.loop` (16.0-19.0: `cr.execute(\"listen imbus\")`, "
             "then `conn.poll()`/`conn.notifies` on the same connection); PgBouncer features.md (\"LISTEN: Never\" "
             "in transaction and statement pooling) and config.md (`pool_mode`, default session); "
             "edoburu/docker-pgbouncer@01fdef0 entrypoint.sh (an existing pgbouncer.ini is kept, else `POOL_MODE`)")
def odoo_transaction_pooler(project):
    seen: set = set()
    for stack in model(project).stacks:
        for o in stack.odoo:
            host_src = effective_db_param(o, project, "host")
            host = _resolved(host_src, project, stack)
            if not host:
                continue
            pooler = stack.resolvable_names(o).get(host)
            if pooler is None or not _is_pgbouncer(pooler):
                continue
            mode = pool_mode(project, stack, pooler)
            if mode is None or mode.mode not in _BREAKS or mode.span is None:
                continue
            key = (mode.path, mode.span.start.offset)
            if key in seen:
                continue
            seen.add(key)
            yield Finding(mode.span, f"Service `{o.name}` reaches its database through `{pooler.name}` (PgBouncer) "
                                     f"with pool_mode = {mode.mode} ({mode.origin}): Odoo's bus runs `LISTEN imbus` "
                                     f"on one connection, which {mode.mode} pooling hands to other clients, so live "
                                     f"notifications (Discuss, chatter) never arrive; use pool_mode = session for "
                                     f"Odoo's database, or connect Odoo to Postgres directly", path=mode.path)
