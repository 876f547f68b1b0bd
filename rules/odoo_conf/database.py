"""odoo.conf side of the PostgreSQL connection rules: SSL to managed databases, Supabase's poolers."""
from __future__ import annotations

import re

from odoolint.model import Applicability, Finding, Fix
from odoolint.registry import rule

from . import common
from .hardening import _insert_after_header, _kspan, _vspan

# Host name suffixes of managed PostgreSQL services reached over the internet (data: add rows for new providers).
MANAGED_HOSTS = {".supabase.co": "Supabase", ".supabase.com": "Supabase", ".ondigitalocean.com": "DigitalOcean",
                 ".rds.amazonaws.com": "Amazon RDS", ".postgres.database.azure.com": "Azure", ".neon.tech": "Neon"}
SUPABASE_POOLER = re.compile(r"(^|\.)pooler\.supabase\.com$", re.I)
TRANSACTION_PORT = "6543"      # Supabase (Supavisor) transaction mode; 5432 on the same host is session mode
WEAK_SSLMODES = ("disable", "allow", "prefer")


def _host(opts) -> str:
    o = opts.get("db_host")
    return o.value.strip().lower() if o is not None else ""


@rule("CNF117", "odoo-conf-db-sslmode-remote", summary="Managed PostgreSQL reached without requiring TLS",
      kinds=["odoo-conf"], severity="warning", fix="safe", tags=["security", "deploy", "hardening"], default_enabled=False, security_severity=5.0,
      what="Reports a `db_host` on a managed PostgreSQL service (Supabase, DigitalOcean, Amazon RDS, Azure, Neon) "
           "with `db_sslmode` absent (default `prefer`), `disable`, `allow` or `prefer`. The fix writes "
           "`db_sslmode = require`.",
      why="With prefer/allow libpq silently falls back to plaintext if TLS fails, and disable never encrypts: "
          "database passwords and data cross the internet in clear. Odoo passes `db_sslmode` to libpq whenever it "
          "is set, and it always is (default `prefer`), so PGSSLMODE cannot fix it on 16-18.",
      before="[options]\ndb_host = db.abcd.supabase.co\n",
      after="[options]\ndb_sslmode = require\ndb_host = db.abcd.supabase.co\n",
      source="odoo/tools/config.py 16.0-19.0 `--db_sslmode` (choices, default 'prefer'; 19.0 env PGSSLMODE); "
             "odoo/sql_db.py `connection_info_for` (host/port/user/password/sslmode passed when truthy)")
def db_sslmode_remote(ctx):
    opts = common.options(ctx)
    host = _host(opts)
    provider = next((p for suffix, p in MANAGED_HOSTS.items() if host.endswith(suffix)), None)
    if not provider:
        return
    opt = opts.get("db_sslmode")
    mode = opt.value if opt is not None else "prefer"
    if mode not in WEAK_SSLMODES:
        return
    if opt is None:
        edit = _insert_after_header(ctx, "db_sslmode = require")
        span = _kspan(ctx, opts["db_host"])
        env = " (unless PGSSLMODE is set in the environment)" if common.is_19(ctx.target) else ""
        what = f"`db_sslmode` is not set, so Odoo uses `prefer`{env}"
    else:
        edit = ctx.edit(opt.value_start, opt.value_end, "require")
        span = _vspan(ctx, opt)
        what = f"`db_sslmode = {mode}`"
    yield Finding(span, f"{what} for the {provider} database `{host}`: the connection may run without TLS; set "
                        f"`db_sslmode = require`",
                  fix=Fix((edit,), Applicability.SAFE, "Set `db_sslmode = require`") if edit else None)


@rule("CNF118", "odoo-conf-transaction-pooler", summary="Odoo pointed at a transaction-mode pooler (port 6543)",
      kinds=["odoo-conf"], severity="error", fix="safe", tags=["deploy", "correctness"],
      aliases=["pg-transaction-pooler-for-odoo"],
      what="Reports `db_port = 6543` (Supabase's transaction-mode pooler; also any `*.pooler.supabase.com` host "
           "with that port). On a Supabase pooler host the fix switches to 5432, the session-mode port of the same "
           "host.",
      why="In transaction mode every transaction may run on another server connection: the bus's "
          "`LISTEN imbus` never receives notifications (live chat, notifications and websockets stay silent) and "
          "session-level state such as advisory locks and SET commands leaks between clients.",
      before="[options]\ndb_host = aws-0-eu-west-1.pooler.supabase.com\ndb_port = 6543\n",
      after="[options]\ndb_host = aws-0-eu-west-1.pooler.supabase.com\ndb_port = 5432\n",
      source="addons/bus/models/bus.py `ImDispatch.loop` (`LISTEN imbus`, 16.0-19.0); Supabase docs "
             "\"Connecting to Postgres\" (Supavisor: 6543 transaction mode, 5432 session mode)")
def transaction_pooler(ctx):
    opts = common.options(ctx)
    port = opts.get("db_port")
    if port is None or port.value.strip() != TRANSACTION_PORT:
        return
    host = _host(opts)
    fix = None
    if SUPABASE_POOLER.search(host):
        fix = Fix((ctx.edit(port.value_start, port.value_end, "5432"),), Applicability.SAFE,
                  "Use the session-mode port 5432")
    where = f"`{host}:6543`" if host else "port 6543"
    yield Finding(_vspan(ctx, port), f"{where} is a transaction-mode pooler: Odoo's bus (`LISTEN imbus`) and "
                                     f"session state break, so chat, notifications and websockets stay dead; use the "
                                     f"session pooler (port 5432) or a direct connection", fix=fix)


@rule("CNF119", "odoo-conf-pooler-username", summary="Supabase pooler host with a user name without the project ref",
      kinds=["odoo-conf"], severity="error", tags=["deploy"], aliases=["pg-pooler-username"],
      what="Reports a `db_host` on `*.pooler.supabase.com` with a `db_user` that has no `.<project-ref>` suffix.",
      why="Supabase's shared pooler finds the project from the user name (`postgres.<project-ref>`); a bare user "
          "name fails authentication (\"Tenant or user not found\") and Odoo cannot connect.",
      before="[options]\ndb_host = aws-0-eu-west-1.pooler.supabase.com\ndb_user = odoo\n",
      after="[options]\ndb_host = aws-0-eu-west-1.pooler.supabase.com\ndb_user = odoo.abcdefghijklmnop\n",
      source="Supabase docs \"Connecting to Postgres\" (pooler user `postgres.[project-ref]`); odoo/sql_db.py "
             "`connection_info_for` (db_user passed as libpq user)")
def pooler_username(ctx):
    opts = common.options(ctx)
    host = _host(opts)
    user = opts.get("db_user")
    if not SUPABASE_POOLER.search(host) or user is None:
        return
    v = user.value.strip()
    if not v or v in ("False", "false") or "." in v or "$" in v or "%(" in v:
        return
    yield Finding(_vspan(ctx, user), f"`db_user = {v}` on the Supabase pooler `{host}`: the pooler needs "
                                     f"`{v}.<project-ref>` to find your project, so authentication fails; append "
                                     f"the project ref")


# odoo/docker {17.0,18.0,19.0}/entrypoint.sh: `check_config "db_host" "$HOST"` greps the conf for
# `^\s*\bdb_host\b\s*=` and, when it finds nothing, appends `--db_host $HOST` (HOST defaults to `db`) to the command
IMAGE_FLAGS = {"db_host": ("HOST", "db"), "db_port": ("PORT", "5432"), "db_user": ("USER", "odoo"),
               "db_password": ("PASSWORD", "odoo")}


@rule("CNF120", "odoo-conf-entrypoint-db-override", summary="db_* key the official image's entrypoint does not see",
      kinds=["odoo-conf"], severity="warning", fix="safe", tags=["deploy"],
      what="Reports `db_host`, `db_port`, `db_user` or `db_password` written with a `:` delimiter or with upper-case "
           "letters (`DB_HOST = ...`). Odoo itself reads both forms, but the official Docker image's entrypoint looks "
           "for the exact text `db_host =` at the start of a line. The fix writes the key in lower case with `=`.",
      why="When entrypoint.sh does not find the key it appends `--db_host $HOST` (default `db`), `--db_port $PORT`, "
          "`--db_user $USER` (default `odoo`) or `--db_password $PASSWORD` to the command line, and command-line "
          "flags override the config file: the container connects with the image defaults instead of this value.",
      before="[options]\ndb_host: postgres.internal\n", after="[options]\ndb_host= postgres.internal\n",
      source="odoo/docker 19.0/entrypoint.sh (ef6c5bf) `check_config` (grep -E \"^\\s*\\b${param}\\b\\s*=\"), same in "
             "17.0/18.0; odoo/tools/config.py (command-line values win over the file)")
def entrypoint_db_override(ctx):
    for key, opt in common.options(ctx).items():
        if key not in IMAGE_FLAGS or opt.section != "options":
            continue
        line = ctx.index.line_text(opt.line)
        rel = opt.key_end - ctx.index.line_start(opt.line)
        after = line[rel:]
        delim = after.lstrip()[:1]
        if opt.raw_key == key and delim == "=":
            continue
        env, default = IMAGE_FLAGS[key]
        edits = []
        if opt.raw_key != key:
            edits.append(ctx.edit(opt.key_start, opt.key_end, key))
        if delim == ":":
            at = opt.key_end + (len(after) - len(after.lstrip()))
            edits.append(ctx.edit(at, at + 1, "="))
        written = f"`{opt.raw_key}{' :' if delim == ':' else ' ='}`"
        yield Finding(ctx.span(opt.key_start, opt.key_end),
                      f"{written} is valid for Odoo, but the official Docker image's entrypoint only recognises "
                      f"`{key} =`: it appends `--{key} ${env}` (default `{default}`), which overrides this line; write "
                      f"`{key} = ...`", fix=Fix(tuple(edits), Applicability.SAFE, f"Write `{key} =`"))
