"""Postgres connection targets that Odoo services get from compose `environment` / `env_file` (RULES.md §7.8).

The odoo.conf side is the odoo.conf family's (CNF118/CNF119), DO specs, Superset and workflows the DO family's
(PG101-PG104); these rules read the value the official entrypoint or Odoo 19 really uses, from the model.
"""
from __future__ import annotations

import re

from odoolint.model import Applicability, Edit, Finding, Fix
from odoolint.registry import rule

from .deploy_db_host import effective_db_param
from .deploy_model import model
from .images import service_image

_POOLER = re.compile(r"\.pooler\.supabase\.com$", re.I)
_DIRECT = re.compile(r"^db\.[a-z0-9]+\.supabase\.co$", re.I)
SUPA = ("supabase.com/docs/guides/database/connecting-to-postgres (shared pooler: 5432 session mode, 6543 "
        "transaction mode, user `postgres.<project-ref>`; `db.<ref>.supabase.co` is IPv6 unless the IPv4 add-on)")


def _env_sources(project):
    """(odoo service, host source, port source, user source) for compose Odoo services."""
    for stack in model(project).stacks:
        for o in stack.odoo:
            yield o, effective_db_param(o, project, "host"), effective_db_param(o, project, "port"), \
                effective_db_param(o, project, "user")


def _from_env(src) -> bool:
    return src is not None and src.span is not None and src.path is not None and "`" in src.origin and \
        ("environment" in src.origin or "env file" in src.origin)


@rule("DEP111", "compose-odoo-transaction-pooler",
      summary="Odoo service's environment points it at a transaction-mode pooler port (6543)",
      kinds=["compose", "env-file"], severity="error", project=True, fix="safe", tags=["deploy"],
      aliases=["pg-transaction-pooler-for-odoo"],
      what="Reports the `PORT`/`PGPORT` of a compose Odoo service (environment or env file) when it is the port "
           "Odoo really uses (the conf has no `db_port`, or Odoo 19 where `PGPORT` wins; for the other images of "
           "rules/project/images.py the variable their entrypoint renders, `ODOO_DATABASE_PORT_NUMBER`, `DB_PORT`) "
           "and it is 6543, the Supabase/PgBouncer transaction-mode port; and, for an Odoo service that does not "
           "run the official entrypoint (its own ENTRYPOINT or script), a `DB_PORT`/`*_DB_PORT` variable at 6543, "
           "which such scripts pass on as `--db_port`.",
      why="Odoo's bus keeps `LISTEN imbus` open on one connection and relies on session state; a transaction "
          "pooler hands each transaction to another server connection, so notifications, chat and websocket "
          "updates die and session settings leak.",
      before="environment:\n  HOST: aws-0-eu-central-1.pooler.supabase.com\n  PORT: \"6543\"",
      after="environment:\n  HOST: aws-0-eu-central-1.pooler.supabase.com\n  PORT: \"5432\"",
      source=SUPA + "; Odoo addons/bus/models/bus.py (`LISTEN imbus`, 16.0-19.0); odoo/docker@f7f6765 "
             "entrypoint.sh (PORT/PGPORT -> --db_port, and no other variable); bitnami/bitnami-docker-odoo@71e3092 "
             "odoo.conf.tpl (`db_port = {{ODOO_DATABASE_PORT_NUMBER}}`); camptocamp/docker-odoo-project@0247531 "
             "bin/env_postgres.sh (`PGPORT=$DB_PORT`)")
def transaction_pooler(project):
    for o, host, port, _ in _env_sources(project):
        if not o.official:
            yield from _own_entrypoint_port(o, port)
        if not _from_env(port) or port.host.strip().strip("'\"") != "6543":
            continue
        fix = None
        if host is not None and _POOLER.search(host.host.strip()) and port.fixable:
            fix = Fix((Edit(port.span, "5432"),), Applicability.SAFE, "Use the session-mode port 5432")
        yield Finding(port.span, f"Service `{o.name}` connects to port 6543 (from {port.origin}), a transaction-mode "
                                 f"pooler: Odoo's LISTEN/NOTIFY bus and session settings break (no live "
                                 f"notifications, odd errors); use session mode (5432 on the Supabase pooler) or a "
                                 f"direct connection", fix=fix, path=port.path)


@rule("DEP112", "compose-odoo-pooler-username",
      summary="Supabase pooler host with a user lacking `.<project-ref>` in an Odoo service's environment",
      kinds=["compose", "env-file"], severity="error", project=True, tags=["deploy"],
      aliases=["pg-pooler-username"],
      what="Reports the database user of a compose Odoo service (`USER`, `POSTGRES_USER`, `PGUSER` in its "
           "environment, as the entrypoint resolves them) when its host is `*.pooler.supabase.com` and the user "
           "has no `.<project-ref>` suffix.",
      why="The shared pooler routes on the user name; `postgres` alone fails with 'Tenant or user not found' and "
          "the container restarts in a loop.",
      before="USER: postgres", after="USER: postgres.abcdefghijklm", source=SUPA)
def pooler_username(project):
    for o, host, _, user in _env_sources(project):
        if host is None or not _POOLER.search(host.host.strip()) or not _from_env(user):
            continue
        name = user.host.strip()
        if not name or "." in name or "$" in name:
            continue
        yield Finding(user.span, f"Service `{o.name}` logs in to the Supabase pooler as `{name}` (from "
                                 f"{user.origin}): the pooler needs `{name}.<project-ref>` and answers 'Tenant or user "
                                 f"not found'; append your project ref", path=user.path)


@rule("DEP113", "compose-odoo-supabase-direct-ipv6",
      summary="Odoo container pointed at the IPv6-only direct Supabase host", kinds=["compose", "env-file"],
      severity="warning", project=True, tags=["deploy"], aliases=["pg-supabase-direct-ipv6"],
      what="Reports `db.<ref>.supabase.co` as the database host a compose Odoo service gets from its environment.",
      why="The direct host resolves to IPv6 only unless the IPv4 add-on is bought, and Docker's default bridge "
          "networks have no IPv6 egress: 'Network is unreachable' at start.",
      before="HOST: db.abcdefghijklm.supabase.co", after="HOST: aws-0-eu-central-1.pooler.supabase.com  # 5432",
      source=SUPA)
def supabase_direct(project):
    for o, host, _, _ in _env_sources(project):
        if _from_env(host) and _DIRECT.match(host.host.strip()):
            yield Finding(host.span, f"Service `{o.name}` connects to `{host.host.strip()}` (from {host.origin}), "
                                     f"which is IPv6-only without Supabase's IPv4 add-on; Docker networks usually "
                                     f"have no IPv6 egress and Odoo fails with 'Network is unreachable'; use the "
                                     f"session pooler `*.pooler.supabase.com:5432`", path=host.path)


_DB_PORT_VAR = re.compile(r"^(?:[A-Z0-9]+_)?DB_PORT$")


def _own_entrypoint_port(o, effective):
    """`ODOO_DB_PORT=6543` & co. for an Odoo service whose entrypoint is not the official one: the project's
    script maps such variables to `--db_port` (the official entrypoint reads none of them: DC106)."""
    own = bool(o.facts.get("_entrypoint")) or bool(o.dockerfile and (o.dockerfile.facts.get("entrypoint") or
                                                                     o.dockerfile.facts.get("_any_entrypoint")))
    if not own and service_image(o) is not None:
        return                      # doodba, bitnami, camptocamp with their own entrypoint: the table decides
    for key, ev in sorted(o.env_sources.items()):
        if not _DB_PORT_VAR.match(key) or ev.value.strip().strip("'\"") != "6543" or ev.span is None:
            continue
        if effective is not None and effective.span == ev.span:
            continue                # the tabled image's own variable: reported below
        yield Finding(ev.span, f"Service `{o.name}` sets `{key}=6543` for its own entrypoint, which hands it to Odoo "
                               f"as the database port: 6543 is a transaction-mode pooler, where Odoo's LISTEN/NOTIFY "
                               f"bus and session settings break (no live notifications, odd errors); use session "
                               f"mode (5432 on the Supabase pooler) or a direct connection", path=ev.path)
