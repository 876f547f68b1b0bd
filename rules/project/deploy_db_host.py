"""DEP101: the database host Odoo is given cannot be resolved inside the compose stack."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Edit, Finding, Fix, Span
from odoolint.registry import rule

from .deploy_model import OdooService, model, once_per_place
from .images import service_image

_LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$")


@dataclass
class HostSource:
    host: str
    origin: str                 # human description
    path: Optional[str]         # where to report
    span: Optional[Span]
    fixable: bool               # the span is exactly the value


def target_major(o: OdooService, project) -> Optional[int]:
    if o.major is not None:
        return o.major
    target = project.target_for(o.path) if getattr(o, "path", None) else project.target
    return target.major if target is not None else None


# param -> (conf key, env chain of the 17.0/18.0 entrypoint, of the 19.0 entrypoint, PG* variable, image default)
DB_PARAMS = {
    "host": ("db_host", ("HOST", "PGHOST"), ("HOST",), "PGHOST", "db"),
    "port": ("db_port", ("PORT", "PGPORT"), ("PORT",), "PGPORT", "5432"),
    "user": ("db_user", ("USER", "POSTGRES_USER", "PGUSER"), ("USER", "POSTGRES_USER"), "PGUSER", "odoo"),
}


def effective_db_param(o: OdooService, project, param: str) -> Optional[HostSource]:
    """The database host/port/user Odoo really uses, following the official entrypoint (odoo/docker@f7f6765
    {17.0,18.0}/entrypoint.sh: `HOST:=${DB_PORT_5432_TCP_ADDR:=${PGHOST:='db'}}`, `PORT:=…${PGPORT:=5432}`,
    `USER:=…${POSTGRES_USER:=${PGUSER:='odoo'}}`, passed as `--db_*` only when the conf has no such line;
    19.0/entrypoint.sh: the same without the PG* fallbacks, and no `--db_*` at all when the PG* variable is set,
    because Odoo 19 reads PGHOST/PGPORT/PGUSER itself, above the file). None when it cannot be known."""
    conf_key, chain_legacy, chain_19, pg_var, default = DB_PARAMS[param]
    major = target_major(o, project)
    env = o.env_sources
    df_env = (o.dockerfile.facts.get("env") or {}) if o.dockerfile else {}

    def from_env(key: str) -> Optional[HostSource]:
        if key in env:
            ev = env[key]
            where = "env file" if ev.origin == "env_file" else f"`environment` of service `{o.name}`"
            return HostSource(ev.value, f"`{key}` in the {where}", ev.path, ev.span, ev.raw)
        if key in df_env:
            return HostSource(df_env[key], f"`ENV {key}` in the Dockerfile", o.path, o.span, False)
        return None

    def env_unknown(key: str) -> bool:
        return key not in env and key not in df_env and not o.env_complete

    row = None if o.official else service_image(o)
    if row is not None and conf_key in row.db_env:
        # doodba, bitnami, camptocamp: the entrypoint renders the conf from these variables
        # (rules/project/images.py); unset, the image's own default applies, which is not judged here
        for key in row.db_env[conf_key]:
            src = from_env(key)
            if src is not None:
                return src
            if env_unknown(key):
                return None
        return None
    if major is not None and major >= 19:
        pg = from_env(pg_var)
        if pg is not None:
            return pg
        if env_unknown(pg_var):
            return None
    if not o.conf_known:
        return None
    opt = o.conf_options().get(conf_key)
    # the entrypoint passes --db_* (which beats the file) unless $ODOO_RC has the key; $ODOO_RC is not the
    # `-c` file when both are given
    cli_passed = o.entrypoint_db_args and o.rc_options is not None and conf_key not in o.rc_options
    if o.entrypoint_db_args and o.rc_options is None:
        return None
    if opt is not None and not cli_passed:
        if o.conf is None:
            return None
        vs = opt.get("value_span")
        return HostSource(opt.get("value", ""), f"`{conf_key}` in " + _short(o.conf.path), o.conf.path,
                          Span.from_dict(vs) if vs else None, "\n" not in opt.get("value", ""))
    if o.entrypoint_db_args and not cli_passed:
        return None                 # $ODOO_RC has the key but the loaded conf does not: Odoo's own default
    if o.entrypoint_db_args:
        keys = chain_19 if major is not None and major >= 19 else chain_legacy
        for key in keys:
            src = from_env(key)
            if src is not None:
                return src
            if env_unknown(key):
                return None
        return HostSource(default, f"the official image's default `{keys[0]}={default}` (service `{o.name}` sets "
                                   f"no {keys[0]})", o.path, o.span, False)
    if major is None or major < 19:
        if env_unknown(pg_var):
            return None
        return from_env(pg_var)
    return None


def effective_db_host(o: OdooService, project) -> Optional[HostSource]:
    return effective_db_param(o, project, "host")


def _short(path: str) -> str:
    import os
    return os.path.basename(path)


@rule("DEP101", "compose-odoo-db-host-unresolvable",
      summary="Odoo's database host is no service, alias or container_name on the Odoo service's networks",
      kinds=["compose", "odoo-conf", "env-file"], severity="error", project=True, fix="safe",
      tags=["deploy", "correctness"],
      what="Follows the Odoo service of a compose stack to the database host it will really use: the `db_host` "
           "of the odoo.conf it loads (bind mount, COPY, `-c`, `ODOO_RC`), else the `HOST`/`PGHOST` environment "
           "the official entrypoint reads, else the image's default `db` (Odoo 19 reads `PGHOST` above the "
           "file); for the other images of the table in rules/project/images.py the variable their entrypoint "
           "renders into the conf (`ODOO_DATABASE_HOST` for bitnami, `PGHOST` for doodba, `DB_HOST` for "
           "camptocamp's project image). Reports a single-label host that is no service name, network alias or container_name on a "
           "network the Odoo service is on, and `localhost`/`127.0.0.1` in a container that is not on the host "
           "network. Hosts with dots (managed databases, IPs) and stacks on external networks are left alone.",
      why="Docker's embedded DNS only answers names of containers on a shared network; otherwise the entrypoint's "
          "wait-for-psql and Odoo fail with 'could not translate host name' and the container restarts in a "
          "loop. Inside a container `localhost` is the Odoo container itself.",
      before="# config/odoo.conf\n[options]\ndb_host = postgres\n# compose: services odoo (./config:/etc/odoo), db",
      after="[options]\ndb_host = db",
      source="odoo/docker@f7f6765 17.0/18.0/19.0 entrypoint.sh (HOST default `db`, `check_config` grep of "
             "$ODOO_RC) and Dockerfile (`ENV ODOO_RC=/etc/odoo/odoo.conf`); bitnami/bitnami-docker-odoo@71e3092 "
             "13/debian-10/rootfs/opt/bitnami/scripts/odoo/bitnami-templates/odoo.conf.tpl (`db_host = "
             "{{ODOO_DATABASE_HOST}}`), Tecnativa/doodba@373775c conf.d/20-database.conf (`db_host = $PGHOST`), "
             "camptocamp/docker-odoo-project@0247531 18.0/templates/odoo.cfg.tmpl (`db_host = {{ .Env.DB_HOST }}`) "
             "and bin/env_postgres.sh (`PGPORT=$DB_PORT`); compose-spec 05-services.md "
             "`networks.aliases`, `container_name`, `links`, `network_mode`")
@once_per_place
def db_host_unresolvable(project):
    seen = set()
    for stack in model(project).stacks:
        for o in stack.odoo:
            mode = (o.facts.get("_network_mode") or "")
            if mode:
                continue            # host network or another container's namespace: names resolve elsewhere
            src = effective_db_host(o, project)
            if src is None or src.path is None or src.span is None:
                continue
            host = src.host.strip()
            if not host or "$" in host or "{" in host or host in ("False", "false"):
                continue
            local = host.lower() in _LOCAL
            if not local and (not _LABEL.match(host) or host.isdigit()):
                continue            # FQDN or IP: outside the stack
            names = stack.resolvable_names(o)
            if not local and (host in names or host in (o.facts.get("_extra_hosts") or [])):
                continue
            externals = set()
            for path in stack.files:
                pf = project.by_path(path)
                externals |= set(((pf.facts.get("compose") or {}).get("_external_networks") or [])) if pf else set()
            if not local and externals & set(o.networks):
                continue            # containers of other stacks may answer on an external network
            nets = ", ".join(sorted(o.networks)) or "default"
            shared_pg = [p for p in stack.postgres if stack.shared_networks(o, p)]
            if len(shared_pg) == 1:
                remedy = f"set it to `{shared_pg[0].name}`, the Postgres service on that network"
            elif len(stack.postgres) == 1:
                remedy = (f"put service `{o.name}` on a network of `{stack.postgres[0].name}` and use that name")
            else:
                remedy = "set it to the Postgres service's name or network alias"
            if local:
                problem = (f"is the Odoo container itself (service `{o.name}`, networks: {nets}), not the "
                           f"database: Odoo fails with 'connection refused' and restarts in a loop")
            else:
                where = ""
                other = stack.services.get(host)
                if other is not None:
                    where = f" (service `{host}` exists but shares no network with it)"
                problem = (f"resolves to no service name, network alias or container_name on the networks of "
                           f"service `{o.name}` ({nets}){where}: Odoo fails at start with 'could not translate "
                           f"host name \"{host}\"' and restarts in a loop")
            message = f"Database host `{host}` (from {src.origin}) {problem}; {remedy}"
            fix = None
            if len(shared_pg) == 1 and src.fixable:
                fix = Fix((Edit(src.span, shared_pg[0].name),), Applicability.SAFE,
                          f"Set the database host to `{shared_pg[0].name}`")
            key = (src.path, src.span.start.offset, message)
            if key in seen:
                continue
            seen.add(key)
            yield Finding(src.span, message, fix=fix, path=src.path)


_DB_KEYS = (("db_host", "host", "HOST"), ("db_port", "port", "PORT"), ("db_user", "user", "USER"),
            ("db_password", None, "PASSWORD"))


@rule("DEP116", "odoo-conf-db-overridden-by-entrypoint",
      summary="db_* keys of a `-c` conf are overridden by the official entrypoint's --db_* flags",
      kinds=["odoo-conf", "compose"], severity="error", project=True, tags=["deploy", "correctness"],
      what="For a container running the official entrypoint with `-c PATH` while `ODOO_RC` (default "
           "`/etc/odoo/odoo.conf`) names another file: reports `db_host`, `db_port`, `db_user` and `db_password` "
           "set in the `-c` conf but absent from the `ODOO_RC` file (the image's sample conf has none).",
      why="The entrypoint greps `$ODOO_RC`, not the `-c` file, for these keys; finding none it appends "
          "`--db_host $HOST` (default `db`), `--db_port`, `--db_user` (default `odoo`) and `--db_password` "
          "(default `odoo`) to the command, and command-line options beat the conf: the values written in the "
          "conf are silently replaced.",
      before="command: odoo -c /etc/odoo/prod.conf\n# prod.conf: db_host = pg-prod",
      after="environment:\n  ODOO_RC: /etc/odoo/prod.conf\ncommand: odoo",
      source="odoo/docker@f7f6765 17.0/18.0/19.0 entrypoint.sh (`check_config` greps \"$ODOO_RC\" and appends "
             "`--db_*`; `exec odoo \"$@\" \"${DB_ARGS[@]}\"`); odoo/tools/config.py (command line over file)")
@once_per_place
def conf_db_overridden(project):
    seen = set()
    for o in model(project).odoo_services():
        if not o.entrypoint_db_args or o.conf is None or o.rc_options is None or not o.rc_path or \
                posixpath.normpath(o.rc_path) == posixpath.normpath(o.conf_path or ""):
            continue
        major = target_major(o, project)
        for key, param, env_key in _DB_KEYS:
            opt = o.conf.options.get(key)
            if opt is None or key in o.rc_options or not opt.get("value_span"):
                continue
            pg_var = {"db_host": "PGHOST", "db_port": "PGPORT", "db_user": "PGUSER", "db_password": "PGPASSWORD"}[key]
            if major is not None and major >= 19 and pg_var in o.env:
                continue            # 19: the entrypoint passes nothing; PG* beats the file (another story)
            if param is not None:
                src = effective_db_param(o, project, param)
                passed = f"`--{key} {src.host}` (from {src.origin})" if src is not None else f"`--{key}`"
            else:
                passed = "`--db_password` (from `PASSWORD` or the default `odoo`)"
            span = Span.from_dict(opt["value_span"])
            if (o.conf.path, span.start.offset) in seen:
                continue
            seen.add((o.conf.path, span.start.offset))
            yield Finding(span, f"`{key}` in {_short(o.conf.path)} is overridden: the official entrypoint looks for "
                                f"db_* keys in $ODOO_RC ({o.rc_path}), not in the `-c` file, so it appends "
                                f"{passed}, which beats the conf; set `ODOO_RC={o.conf_path}` instead of `-c`",
                          path=o.conf.path)
