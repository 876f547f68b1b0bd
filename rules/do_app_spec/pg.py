"""Postgres connection strings in DO app specs, superset_config.py and GitHub Actions envs (RULES.md §6, §7.8).

The odoo.conf side (db_host/db_port in the conf) belongs to the odoo.conf family.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Iterator, Optional

from odoolint.model import Applicability, Finding, Fix, Severity, Span
from odoolint.registry import rule
from odoolint.sources import yamltree as yt

from .spec import components, env_items, looks_like_odoo, str_or_none

SUPA = ("supabase.com/docs/guides/database/connecting-to-postgres (shared pooler: port 5432 session mode, 6543 "
        "transaction mode, user `postgres.<project-ref>`; direct `db.<ref>.supabase.co` is IPv6 unless the IPv4 "
        "add-on is bought)")
_URI = re.compile(r"^postgres(?:ql)?(?:\+[\w]+)?://", re.I)
_POOLER = re.compile(r"\.pooler\.supabase\.com$", re.I)
_DIRECT = re.compile(r"^db\.[a-z0-9]+\.supabase\.co$", re.I)


@dataclass
class Conn:
    """One connection target, with the spans to report on and to fix."""

    host: Optional[str]
    port: Optional[str]
    user: Optional[str]
    query: str
    span: Span                           # the whole value (URI) or the host value
    consumer: str                        # odoo | superset | other
    where: str                           # "'odoo' env PGHOST", "SQLALCHEMY_DATABASE_URI", ...
    port_span: Optional[Span] = None     # env PGPORT value, for the pooler fix
    uri_text: Optional[str] = None
    uri_offset: Optional[int] = None     # offset of uri_text in the file, when the text is verbatim there
    extra: dict = field(default_factory=dict)


def _parse_uri(text: str):
    try:
        parts = urlsplit(text)
        return parts.hostname, (str(parts.port) if parts.port else None), parts.username, parts.query
    except ValueError:
        return None


def _uri_conn(ctx, text: str, node_span: Span, consumer: str, where: str, verbatim_at: Optional[int]):
    parsed = _parse_uri(text)
    if parsed is None:
        return None
    host, port, user, query = parsed
    return Conn(host, port, user, query, node_span, consumer, where, uri_text=text, uri_offset=verbatim_at)


def _verbatim(ctx, sp: Span, text: str) -> Optional[int]:
    at = ctx.source.find(text, sp.start.offset, sp.end.offset + 1)
    return at if at >= 0 else None


def _do_conns(ctx) -> Iterator[Conn]:
    for section, i, comp in components(ctx.tree):
        name = str_or_none(yt.get(comp, "name")) or f"{section}[{i}]"
        image = (str_or_none(yt.get(yt.get(comp, "image"), "repository")) or "").lower()
        consumer = "odoo" if looks_like_odoo(comp) else "superset" if "superset" in image + name.lower() else "other"
        env = {key: value for key, _, value in env_items(comp) if yt.is_scalar(value)}
        host_node = env.get("PGHOST")
        if host_node is not None:
            port_node = env.get("PGPORT")
            user_node = env.get("PGUSER")
            yield Conn(str(host_node.value), str(port_node.value) if port_node is not None else None,
                       str(user_node.value) if user_node is not None else None, "",
                       yt.value_span(ctx.index, host_node), consumer, f"'{name}' env PGHOST",
                       port_span=yt.value_span(ctx.index, port_node) if port_node is not None else None,
                       extra={"user_span": yt.value_span(ctx.index, user_node) if user_node is not None else None})
        elif env.get("PGPORT") is not None and consumer == "odoo":
            port_node = env["PGPORT"]
            yield Conn(None, str(port_node.value), None, "", yt.value_span(ctx.index, port_node), consumer,
                       f"'{name}' env PGPORT", port_span=yt.value_span(ctx.index, port_node))
        for key, node in env.items():
            text = str(node.value)
            if _URI.match(text):
                sp = yt.value_span(ctx.index, node)
                c = _uri_conn(ctx, text, sp, "superset" if "SQLALCHEMY" in key.upper() else consumer,
                              f"'{name}' env {key}", _verbatim(ctx, sp, text) if node.style in (None, "", "'", '"')
                              and "\\" not in text else None)
                if c:
                    yield c


def _superset_conns(ctx) -> Iterator[Conn]:
    if not isinstance(ctx.tree, ast.Module):
        return
    for node in ast.walk(ctx.tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            targets = [node.target.id]
        if not targets:
            continue
        for sub in ast.walk(node.value):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and _URI.match(sub.value):
                sp = ctx.node_span(sub)
                c = _uri_conn(ctx, sub.value, sp, "superset", targets[0], _verbatim(ctx, sp, sub.value))
                if c:
                    yield c


def _workflow_conns(ctx) -> Iterator[Conn]:
    root = getattr(ctx.tree, "root", None)
    holders = [("workflow", yt.get(root, "env"))]
    for job_id, _, job in yt.items(yt.get(root, "jobs")):
        holders.append((f"job '{job_id}'", yt.get(job, "env")))
        for i, step in enumerate(yt.seq(yt.get(job, "steps"))):
            holders.append((f"job '{job_id}' step {i + 1}", yt.get(step, "env")))
    for label, env in holders:
        for key, _, value in yt.items(env):
            if yt.is_scalar(value) and _URI.match(str(value.value)):
                text = str(value.value)
                sp = yt.value_span(ctx.index, value)
                c = _uri_conn(ctx, text, sp, "other", f"{label} env {key}", _verbatim(ctx, sp, text))
                if c:
                    yield c
            elif key == "PGHOST" and yt.is_scalar(value):
                user = yt.get(env, "PGUSER")
                yield Conn(str(value.value), str(yt.scalar(yt.get(env, "PGPORT")) or "") or None,
                           str(yt.scalar(user)) if yt.is_scalar(user) else None, "",
                           yt.value_span(ctx.index, value), "other", f"{label} env PGHOST")


def conns(ctx) -> Iterator[Conn]:
    if ctx.kind == "do-app-spec":
        yield from _do_conns(ctx)
    elif ctx.kind == "superset-config":
        yield from _superset_conns(ctx)
    elif ctx.kind == "gh-workflow":
        yield from _workflow_conns(ctx)


KINDS = ["do-app-spec", "superset-config", "gh-workflow"]


@rule("PG101", "pg-transaction-pooler-for-odoo", summary="Odoo pointed at a transaction-mode pooler port (6543)",
      kinds=["do-app-spec"], severity="error", fix="safe", tags=["deploy"],
      what="An Odoo component of a DO app spec whose `PGPORT` is 6543 (Supabase/Supavisor transaction mode, the "
           "usual PgBouncer transaction port).",
      why="Odoo's bus keeps `LISTEN imbus` on a dedicated connection and relies on session state; a "
          "transaction-mode pooler hands each transaction to another server connection: notifications, chat and "
          "websocket updates die and session-level SETs leak or vanish.",
      before="- key: PGPORT\n  value: \"6543\"", after="- key: PGPORT\n  value: \"5432\"",
      source=SUPA + "; Odoo addons/bus/models/bus.py (`LISTEN imbus` in the dispatcher thread, 16.0-19.0); "
             "Odoo 19 odoo/tools/config.py reads PGPORT, 16.0-18.0 leave it to libpq when db_port is unset")
def transaction_pooler(ctx):
    for c in conns(ctx):
        if c.consumer != "odoo" or c.port != "6543" or c.port_span is None:
            continue
        fix = None
        if c.host and _POOLER.search(c.host):
            fix = Fix((ctx.edit(c.port_span.start.offset, c.port_span.end.offset, "5432"),), Applicability.SAFE,
                      "Use the session-mode port 5432")
        yield Finding(c.port_span, f"{c.where.replace('PGHOST', 'PGPORT')} = 6543 is a transaction-mode pooler port: "
                                   f"Odoo's LISTEN/NOTIFY bus and session settings break (no live notifications, "
                                   f"odd errors). Use session mode (port 5432 on the Supabase pooler) or a direct "
                                   f"connection.", fix=fix)


@rule("PG102", "pg-pooler-username", summary="Supabase pooler user without the `.<project-ref>` suffix",
      kinds=KINDS, severity="error", tags=["deploy"],
      what="A connection to `*.pooler.supabase.com` (URI or PGHOST/PGUSER pair) whose user has no "
           "`.<project-ref>` suffix (e.g. `postgres` instead of `postgres.abcdefghijklm`).",
      why="The shared pooler routes on the user name: authentication fails (\"Tenant or user not found\").",
      before="postgresql://postgres:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres",
      after="postgresql://postgres.abcdefghijklm:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres",
      source=SUPA)
def pooler_username(ctx):
    for c in conns(ctx):
        if not c.host or not _POOLER.search(c.host) or not c.user or "." in c.user:
            continue
        span = c.extra.get("user_span") or c.span
        where = c.where.replace("PGHOST", "PGUSER") if c.extra.get("user_span") else c.where
        yield Finding(span, f"{where}: the Supabase pooler needs the user `{c.user}.<project-ref>`, not "
                            f"`{c.user}`; authentication fails at startup.")


def _drop_param(query: str) -> str:
    kept = [p for p in query.split("&") if p and p.split("=", 1)[0].lower() != "pgbouncer"]
    return "&".join(kept)


@rule("PG103", "pg-prisma-only-param", summary="`pgbouncer=true` (a Prisma flag) in a libpq/SQLAlchemy URI",
      kinds=KINDS, severity="error", fix="safe", tags=["deploy"],
      what="A Postgres URI with the query parameter `pgbouncer=true` used by Superset (SQLAlchemy/psycopg2) or "
           "Odoo, i.e. outside Prisma.",
      why="`pgbouncer` is a Prisma connection-string flag; libpq rejects unknown URI parameters (`invalid URI "
          "query parameter: \"pgbouncer\"`), so the connection fails.",
      before="postgresql://u:p@host:6543/db?pgbouncer=true&sslmode=require",
      after="postgresql://u:p@host:6543/db?sslmode=require",
      source="prisma.io docs, \"Configure Prisma Client with PgBouncer\" (`pgbouncer=true`); libpq fe-connect.c "
             "(unknown URI query parameters are an error); " + SUPA)
def prisma_param(ctx):
    for c in conns(ctx):
        if c.uri_text is None or c.consumer == "other":
            continue
        if not any(p.split("=", 1)[0].lower() == "pgbouncer" for p in c.query.split("&")):
            continue
        fix = None
        if c.uri_offset is not None and "?" in c.uri_text and "#" not in c.uri_text:
            head, query = c.uri_text.split("?", 1)
            rest = _drop_param(query)
            new = head + ("?" + rest if rest else "")
            fix = Fix((ctx.edit(c.uri_offset, c.uri_offset + len(c.uri_text), new),), Applicability.SAFE,
                      "Remove `pgbouncer=true`")
        yield Finding(c.span, f"{c.where}: `pgbouncer=true` is a Prisma-only flag; libpq refuses the URI (\"invalid "
                              f"URI query parameter\") and the connection fails. Remove it.", fix=fix)


@rule("PG104", "pg-supabase-direct-ipv6", summary="Direct Supabase host (IPv6-only) used from a container or CI",
      kinds=KINDS, severity="warning", tags=["deploy"],
      what="A connection to `db.<ref>.supabase.co` (the direct database host) from a DO app, a Superset config or a "
           "GitHub Actions env.",
      why="The direct host resolves to IPv6 only unless the IPv4 add-on is bought; DO App Platform, most Docker "
          "networks and GitHub-hosted runners have no IPv6 egress: \"Network is unreachable\".",
      before="PGHOST=db.abcdefghijklm.supabase.co", after="PGHOST=aws-0-eu-central-1.pooler.supabase.com (session, 5432)",
      source=SUPA)
def supabase_direct(ctx):
    for c in conns(ctx):
        if c.host and _DIRECT.match(c.host):
            yield Finding(c.span, f"{c.where}: `{c.host}` is IPv6-only without Supabase's IPv4 add-on; from this "
                                  f"platform the connection fails with \"Network is unreachable\". Use the session "
                                  f"pooler (`*.pooler.supabase.com:5432`).", severity=Severity.WARNING)
