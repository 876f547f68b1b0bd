"""odoo.conf production hardening: admin password, database manager, dbfilter, db user, dev mode, demo data,
http_interface, worker limits, inline secrets. Each rule reads this file only (the cross-file versions that
know about containers, proxies and env files belong to the deployment rules)."""
from __future__ import annotations

import optparse
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Finding, Fix, Severity
from odoolint.registry import rule

from . import common
from .template import is_fragment, is_placeholder, known

_HASH = re.compile(r"^\$pbkdf2-sha512\$\d+\$[A-Za-z0-9./]+\$[A-Za-z0-9./]+$")
_MIB = 1024 * 1024


def _val(opts, key) -> Optional[str]:
    o = opts.get(key)
    return o.value if o is not None else None


def _vspan(ctx, opt):
    if opt.value_end > opt.value_start:
        return ctx.span(opt.value_start, opt.value_end)
    return ctx.span(opt.key_start, opt.key_end)


def _kspan(ctx, opt):
    return ctx.span(opt.key_start, opt.key_end)


def _header_span(ctx):
    for s in ctx.tree.sections:
        if s.name == "options":
            return ctx.span(s.start, s.end)
    return ctx.span(0, 0)


def _insert_after_header(ctx, line: str):
    """An edit that adds `line` right after the [options] header line."""
    for s in ctx.tree.sections:
        if s.name == "options":
            end = ctx.index.line_end(s.line)
            return ctx.edit(end, end, ctx.newline + line)
    return None


def _is_set(value: Optional[str]) -> bool:
    return value is not None and value.strip() not in ("", "False", "false", "None")


def list_db_on(opts, target) -> Optional[bool]:
    """Whether the database manager is enabled (odoo/service/db.py `check_db_management_enabled`)."""
    v = _val(opts, "list_db")
    if v is None:
        return True          # default True in 16.0-19.0
    if is_placeholder(v):
        return None          # rendered later: unknown
    return common.truthy(v, target)


@rule("CNF108", "odoo-conf-admin-passwd-default", summary="Database manager reachable with the default or a weak master password",
      kinds=["odoo-conf"], severity="error", tags=["security", "deploy"], security_severity=9.0,
      what="Reports a missing `admin_passwd` (Odoo's default is `admin`), the value `admin`, or a plaintext value "
           "shorter than 16 characters, while the database manager is enabled (`list_db` not false). On Odoo 19, "
           "`admin_passwd = False` is reported too: 19 skips `False` for a non-boolean option and keeps `admin`.",
      why="`admin_passwd` is the only secret that guards /web/database/* and the `db` RPC service (create, "
          "duplicate, drop, dump, restore): with `admin` anyone who can reach the server can download or drop every "
          "database. odoo/service/db.py `check_db_management_enabled` only blocks these when `list_db` is false.",
      before="[options]\nadmin_passwd = admin\n", after="[options]\nadmin_passwd = $pbkdf2-sha512$600000$...\nlist_db = False\n",
      source="odoo/tools/config.py 16.0-19.0 default `'admin_passwd': 'admin'`, `verify_admin_password` (empty "
             "forbids); 19.0 `_load_file_options` skips 'False' for non-bool options; odoo/service/db.py "
             "`check_db_management_enabled` (list_db)")
def admin_passwd_default(ctx):
    opts = common.options(ctx)
    if not opts:
        return
    target = ctx.target
    if list_db_on(opts, target) is not True:
        return               # off, or a placeholder whose value is unknown
    opt = opts.get("admin_passwd")
    if opt is None:
        if is_fragment(ctx):
            return           # another fragment of the merged conf may set it
        yield Finding(_header_span(ctx), "no `admin_passwd`: the database manager is enabled and its master password "
                                         "is Odoo's default `admin`; set `admin_passwd` to a long random value (or a "
                                         "pbkdf2-sha512 hash) and `list_db = False`")
        return
    v = opt.value
    if v in ("False", "false") and not common.is_le18(target):
        also = "" if common.is_19(target) else " (16-18 read it as no password, which forbids database management)"
        yield Finding(_vspan(ctx, opt), f"Odoo 19 skips `admin_passwd = False` (not a boolean option) and keeps the "
                                        f"default master password `admin`{also}; leave the value empty instead")
        return
    if v == "" or v in ("False", "false") or _HASH.match(v) or is_placeholder(v):
        return
    if v == "admin":
        yield Finding(_vspan(ctx, opt), "`admin_passwd = admin` is Odoo's default master password: anyone reaching "
                                        "/web/database can dump or drop every database; use a long random value")
    elif len(v) < 16:
        yield Finding(_vspan(ctx, opt), f"`admin_passwd` is a {len(v)}-character plaintext password while the database "
                                        f"manager is enabled; use 16+ random characters or set `list_db = False`")


@rule("CNF109", "odoo-conf-list-db-enabled", summary="Database manager and database list left enabled",
      kinds=["odoo-conf"], severity="warning", fix="unsafe", tags=["security", "deploy", "hardening"], default_enabled=False, security_severity=6.0,
      what="Reports an odoo.conf where `list_db` is absent or true. Misspelt false values (`0`, `no` on 16-18) are "
           "reported by odoo-conf-bool-literal instead. The fix sets `list_db = False` when `db_name` or `dbfilter` "
           "pins the database (without one, users could not pick a database any more).",
      why="With `list_db` on, /web/database/manager, /web/database/selector and the `db` RPC service are open to "
          "anyone reaching the server; Odoo's deployment guide strongly recommends disabling it in production.",
      before="[options]\ndb_name = prod\n", after="[options]\nlist_db = False\ndb_name = prod\n",
      source="odoo/tools/config.py 16.0-19.0 `--no-database-list` (list_db, default True); odoo/service/db.py "
             "`check_db_management_enabled`; odoo/documentation deploy.rst (list_db)")
def list_db_enabled(ctx):
    opts = common.options(ctx)
    if not opts:
        return
    opt = opts.get("list_db")
    pinned = _is_set(_val(opts, "db_name")) or _is_set(_val(opts, "dbfilter"))
    if opt is None:
        if is_fragment(ctx):
            return
        edit = _insert_after_header(ctx, "list_db = False")
        fix = Fix((edit,), Applicability.UNSAFE, "Add `list_db = False`") if pinned and edit else None
        yield Finding(_header_span(ctx), "`list_db` is not set, so the database manager and database list are enabled "
                                         "(default True): add `list_db = False`", fix=fix)
        return
    v = opt.value
    clear_true = v.lower() in common.TRUE_19      # 16-18: any non-empty string is true; 19: _check_bool
    if clear_true:
        fix = Fix((ctx.edit(opt.value_start, opt.value_end, "False"),), Applicability.UNSAFE,
                  "Set `list_db = False`") if pinned else None
        yield Finding(_vspan(ctx, opt), "`list_db` is true: the database manager and database list are enabled; "
                                        "set `list_db = False` once `db_name` or `dbfilter` selects the database",
                      fix=fix)


def _dbfilter_compile_error(value: str) -> Optional[str]:
    # odoo/http.py `db_filter`: %d -> re.escape(first subdomain), %h -> re.escape(host), then re.match
    probe = value.replace("%d", re.escape("www")).replace("%h", re.escape("www.example.com"))
    try:
        re.compile(probe)
    except re.error as exc:
        return str(exc)
    except RecursionError:      # Odoo's own re.match of it fails the same way, on every request
        return "groups nested too deeply for Python's re (RecursionError)"
    return None


@rule("CNF110", "odoo-conf-dbfilter", summary="dbfilter missing, matching everything, or not anchored",
      kinds=["odoo-conf"], severity="warning", fix="unsafe", tags=["deploy", "correctness", "hardening"], default_enabled=False,
      what="Reports a file that sets neither `dbfilter` nor `db_name` (every database is served to every "
           "hostname), a `dbfilter` that matches everything (`.*`), one without a closing `$` (re.match only "
           "anchors the start, so `prod` also matches `prod_old`). Off by default (policy: a single-database "
           "server is fine without a filter); `--extend-select deploy-hardening` turns it on. An invalid pattern "
           "is odoo-conf-dbfilter-invalid (on by default). Placeholders and `conf.d` fragments are not judged.",
      why="Odoo picks the database of a request from `dbfilter` (regex, `%h` = host, `%d` = first subdomain) or "
          "`db_name`; without either, website and portal users land on the wrong database or on the selector, and "
          "an invalid regex makes every request that needs a database fail with re.error.",
      before="[options]\ndbfilter = ^(%d$\n", after="[options]\ndbfilter = ^%d$\n",
      source="odoo/http.py `db_filter` (16.0-19.0: `%d`/`%h` replaced with re.escape'd values, `re.match`); "
             "odoo/tools/config.py `--db-filter` (dbfilter, default '')")
def dbfilter(ctx):
    opts = common.options(ctx)
    if not opts:
        return
    opt = opts.get("dbfilter")
    v = (opt.value if opt else "")
    if v in ("False", "false"):
        v = ""
    name = _val(opts, "db_name") or ""
    if (opt is not None and not known(opt)) or is_placeholder(name):
        return               # a placeholder: the real filter is unknown
    if not v:
        if name.strip() and name not in ("False", "false"):
            return
        if is_fragment(ctx):
            return
        span = _kspan(ctx, opt) if opt else _header_span(ctx)
        yield Finding(span, "neither `dbfilter` nor `db_name` is set: every database on the PostgreSQL server is "
                            "offered to every hostname; set `dbfilter = ^%d$` (or `^<dbname>$`) or `db_name`")
        return
    if _dbfilter_compile_error(v):
        return               # CNF121's finding
    if v.strip("^$") in (".*", ".+", "(.*)"):
        yield Finding(_vspan(ctx, opt), f"`dbfilter = {v}` matches every database, so it filters nothing; use "
                                        f"`^%d$` or `^<dbname>$`")
    elif not v.endswith("$") and "|" not in v and not v.endswith((".*", ".+", "*", "+", "?", "}")) \
            and not re.search(r"\s[;#]", v):   # an inline comment is CNF104's finding; judge the value after it
        yield Finding(_vspan(ctx, opt), f"`dbfilter = {v}` does not end with `$`: Odoo uses re.match, which only "
                                        f"anchors the "
                                        f"start, so every database whose name starts like this (`{v.lstrip('^')}_old`, "
                                        f"`{v.lstrip('^')}_test`) is offered too; end the pattern with `$`",
                      fix=Fix((ctx.edit(opt.value_end, opt.value_end, "$"),), Applicability.UNSAFE,
                              "Anchor the pattern with `$`"))


@rule("CNF121", "odoo-conf-dbfilter-invalid", summary="dbfilter that is not a valid regular expression",
      kinds=["odoo-conf"], severity="error", tags=["deploy", "correctness"],
      what="Reports a `dbfilter` that Python's `re` cannot compile once Odoo has substituted `%d` and `%h`. "
           "On by default: every request fails. (A missing, unanchored or match-everything filter is a policy "
           "question, odoo-conf-dbfilter, in `deploy-hardening`.) A placeholder (`$DBFILTER`, `{{ dbfilter }}`) "
           "is rendered later and not judged.",
      why="odoo/http.py `db_filter` calls `re.match(dbfilter, ...)` on every request that needs a database: an "
          "invalid pattern raises re.error there, so the website, the login page and RPC all fail.",
      before="[options]\ndbfilter = ^(%d$\n", after="[options]\ndbfilter = ^%d$\n",
      source="odoo/http.py `db_filter` (16.0-19.0: `%d`/`%h` replaced with re.escape'd values, then `re.match`)")
def dbfilter_invalid(ctx):
    opt = common.options(ctx).get("dbfilter")
    if opt is None or not known(opt) or opt.value in ("", "False", "false"):
        return
    err = _dbfilter_compile_error(opt.value)
    if err:
        yield Finding(_vspan(ctx, opt), f"`dbfilter` is not a valid regular expression ({err}): every request that "
                                        f"has to pick a database fails; fix the pattern")


@rule("CNF111", "odoo-conf-db-user-postgres", summary="Odoo connects as the PostgreSQL superuser `postgres`",
      kinds=["odoo-conf"], severity="error", tags=["security", "deploy"], security_severity=7.0,
      what="Reports `db_user = postgres`, the superuser that the official postgres image and most managed services "
           "create first.",
      why="odoo/cli/server.py `check_postgres_user` aborts at startup with \"Using the database user 'postgres' is "
          "a security risk, aborting.\" (16.0-19.0); Odoo must use a dedicated role without superuser rights.",
      before="[options]\ndb_user = postgres\n", after="[options]\ndb_user = odoo\n",
      source="odoo/cli/server.py `check_postgres_user` (16.0-19.0; 19.0 also checks PGUSER)")
def db_user_postgres(ctx):
    opt = common.options(ctx).get("db_user")
    if opt is not None and opt.value == "postgres":
        yield Finding(_vspan(ctx, opt), "`db_user = postgres`: Odoo exits at startup with \"Using the database user "
                                        "'postgres' is a security risk, aborting.\"; create a dedicated role (e.g. "
                                        "`odoo` with CREATEDB) and use it")


@rule("CNF112", "odoo-conf-dev-mode", summary="dev_mode in odoo.conf (honoured by 19, ignored by 16-18)",
      kinds=["odoo-conf"], severity="warning", fix="unsafe", tags=["security", "deploy"], security_severity=5.0,
      what="Reports a `dev_mode` key. Odoo 19 honours it (reload, xml, qweb, access...; `werkzeug` opens the "
           "interactive debugger on errors, which is an error); Odoo 16-18 ignore it in the file (the value is "
           "rebuilt from the `--dev` flag only). The fix deletes the line.",
      why="In production `dev_mode` reads views from disk, restarts on file changes and, with `werkzeug`, lets anyone "
          "who triggers an error run Python in the server; on 16-18 the line misleads readers into thinking dev "
          "features are on (or off).",
      before="[options]\ndev_mode = reload,werkzeug\n", after="[options]\n",
      source="odoo/tools/config.py 16.0/17.0/18.0 `_parse_config` (`dev_mode` rebuilt from `opt.dev_mode`); 19.0 "
             "`--dev` dest dev_mode type comma, file loadable, env ODOO_DEV, feature list incl. werkzeug")
def dev_mode(ctx):
    opt = common.options(ctx).get("dev_mode")
    if opt is None or opt.value.strip() in ("", "False", "false", "None"):
        return
    target = ctx.target
    start = ctx.index.line_start(opt.line)
    last = opt.end_line or opt.line
    end = ctx.index.line_start(last + 1) if last < ctx.index.line_count else len(ctx.source)
    fix = Fix((ctx.edit(start, end, ""),), Applicability.UNSAFE, "Delete the `dev_mode` line")
    features = {f.strip() for f in opt.value.split(",")}
    if common.is_le18(target):
        yield Finding(_kspan(ctx, opt), f"Odoo {target} ignores `dev_mode` in the config file (only `--dev` on the "
                                        f"command line sets it): delete the line", fix=fix)
        return
    werk = "werkzeug" in features
    lead = "Odoo 19 enables" if common.is_19(target) else "Odoo 19 enables (16-18 ignore)"
    if werk:
        yield Finding(_vspan(ctx, opt), f"{lead} `dev_mode = {opt.value}`: `werkzeug` serves the interactive "
                                        f"debugger on errors, letting anyone run code on the server; delete the line",
                      fix=fix, severity=Severity.ERROR)
    else:
        yield Finding(_vspan(ctx, opt), f"{lead} `dev_mode = {opt.value}` (views read from disk, auto-reload): not "
                                        f"for production; delete the line", fix=fix)


@rule("CNF113", "odoo-conf-demo-data", summary="New databases get demo data",
      kinds=["odoo-conf"], severity="warning", tags=["security", "deploy", "hardening"], default_enabled=False,
      what="Reports, for Odoo 16-18, a file without `without_demo` (or with `without_demo = False`), and for Odoo 19, "
           "`with_demo` set to true. Needs a target version.",
      why="Demo data creates demo users with well-known passwords and fake records in every database initialised "
          "by this server; it cannot be removed cleanly afterwards.",
      before="[options]\ndb_name = prod\n", after="[options]\ndb_name = prod\nwithout_demo = all\n",
      source="odoo/modules/loading.py `load_modules` 16.0-18.0 (a new database gets `config['demo']['all']` unless "
             "without_demo); odoo/tools/config.py 16.0-18.0 `--without-demo` (default False); 19.0 `--with-demo` "
             "(default False), `_load_file_options` without_demo inverted")
def demo_data(ctx):
    opts = common.options(ctx)
    target = ctx.target
    if not opts or target is None:
        return
    if common.is_19(target):
        opt = opts.get("with_demo")
        if opt is not None and common.truthy(opt.value, target):
            yield Finding(_vspan(ctx, opt), "`with_demo` is true: every database Odoo 19 initialises gets demo data "
                                            "(demo users with known passwords); remove the line (default False)")
        old = opts.get("without_demo")
        if opt is None and old is not None and old.value.lower() in common.FALSE_19:
            # 19.0 `_load_file_options`: without_demo is read as with_demo = not value
            yield Finding(_vspan(ctx, old), f"Odoo 19 reads `without_demo = {old.value}` as `with_demo = True`: every "
                                            f"database it initialises gets demo data; delete the line")
        return
    opt = opts.get("without_demo")
    if opt is not None and not known(opt):
        return
    if opt is None:
        if is_fragment(ctx):
            return
        yield Finding(_header_span(ctx), f"no `without_demo`: databases that Odoo {target} initialises get demo data "
                                         f"(demo users with known passwords); add `without_demo = all`")
    elif not common.truthy(opt.value, target):
        yield Finding(_vspan(ctx, opt), f"`without_demo = {opt.value}` loads demo data into databases that Odoo "
                                        f"{target} initialises; use `without_demo = all`")


@rule("CNF114", "odoo-conf-http-interface", summary="http_interface unset on Odoo 19 (default changes in 20.0)",
      kinds=["odoo-conf"], severity="warning", fix="unsafe", since="19.0", tags=["deploy", "hardening"], default_enabled=False,
      what="Reports an Odoo 19 odoo.conf without `http_interface` (or with an empty one). The fix writes "
           "`http_interface = 0.0.0.0`, today's behaviour.",
      why="Odoo 19 logs \"missing http_interface, using 0.0.0.0 by default, will change to 127.0.0.1 in 20.0\": on "
          "20.0 the same file makes Odoo listen on loopback only, so a proxy or health check in another container "
          "can no longer connect.",
      before="[options]\nhttp_port = 8069\n", after="[options]\nhttp_interface = 0.0.0.0\nhttp_port = 8069\n",
      source="odoo/tools/config.py 19.0 `_warn_deprecated_options` (http_interface) and `--http-interface` "
             "my_default '0.0.0.0'")
def http_interface(ctx):
    opts = common.options(ctx)
    if not opts:
        return
    opt = opts.get("http_interface")
    if opt is not None and opt.value != "":
        return
    if opt is None:
        if is_fragment(ctx):
            return
        edit = _insert_after_header(ctx, "http_interface = 0.0.0.0")
        span = _header_span(ctx)
    else:
        text = ctx.index.line_text(opt.line)
        end = ctx.index.line_start(opt.line) + len(text.rstrip())
        edit = ctx.edit(end, end, " 0.0.0.0")
        span = _kspan(ctx, opt)
    fix = Fix((edit,), Applicability.UNSAFE, "Set `http_interface = 0.0.0.0`") if edit else None
    yield Finding(span, "`http_interface` is not set: Odoo 19 listens on 0.0.0.0 with a warning, and 20.0 will "
                        "listen on 127.0.0.1 only; set it explicitly (0.0.0.0 in a container)", fix=fix)


def _int(value: Optional[str], target) -> Optional[int]:
    if value is None:
        return None
    try:
        if common.is_19(target):
            return int(value)
        return optparse.check_builtin(optparse.Option("--x", type="int"), "x", value)
    except (ValueError, optparse.OptionValueError):
        return None


_MEM_DEFAULTS = {"limit_memory_soft": 2048 * _MIB, "limit_memory_hard": 2560 * _MIB}


@rule("CNF115", "odoo-conf-worker-limits", summary="Worker memory or time limits that contradict each other",
      kinds=["odoo-conf"], severity="error", tags=["deploy", "correctness"],
      what="Reports `limit_memory_soft` >= `limit_memory_hard` (also the 18+ `_gevent` variants, which default to "
           "the non-gevent values), memory limits below 256 MiB (they are bytes, not MiB), `limit_time_real` below "
           "`limit_time_cpu` (a warning). `limit_time_real_cron = 0` is odoo-conf-cron-no-time-limit (opt-in). Absent keys take Odoo's "
           "defaults (soft 2048 MiB, hard 2560 MiB, cpu 60 s, real 120 s).",
      why="Memory limits are per-worker virtual memory in bytes: soft recycles the worker after the request, hard "
          "makes allocations fail (MemoryError). A soft limit at or above the hard one never recycles anything; "
          "`limit_memory_hard = 2560` (meant as MiB) fails every allocation. CPU time never exceeds real time, so "
          "a lower real limit kills requests before the CPU limit can; 0 for crons means a stuck cron runs forever.",
      before="[options]\nworkers = 4\nlimit_memory_soft = 2684354560\nlimit_memory_hard = 2147483648\n",
      after="[options]\nworkers = 4\nlimit_memory_soft = 2147483648\nlimit_memory_hard = 2684354560\n",
      source="odoo/tools/config.py 16.0-19.0 `--limit-memory-soft/hard` (bytes, defaults 2048/2560 MiB), "
             "`--limit-time-*`; 18.0/19.0 `--limit-memory-soft-gevent/hard-gevent` (default: the non-gevent value); "
             "odoo/documentation deploy.rst (worker limits)")
def worker_limits(ctx):
    opts = common.options(ctx)
    if not opts:
        return
    target = ctx.target
    vals = {k: _int(_val(opts, k), target) for k in (
        "limit_memory_soft", "limit_memory_hard", "limit_memory_soft_gevent", "limit_memory_hard_gevent",
        "limit_time_cpu", "limit_time_real", "limit_time_real_cron", "workers")}
    for key in ("limit_memory_soft", "limit_memory_hard", "limit_memory_soft_gevent", "limit_memory_hard_gevent"):
        v = vals[key]
        if key in opts and v is not None and 0 < v < 256 * _MIB:
            yield Finding(_vspan(ctx, opts[key]), f"`{key} = {v}` is {v} bytes, not MiB: every worker exceeds it "
                                                  f"at once; write bytes (e.g. {v * _MIB} for {v} MiB)")
    soft = vals["limit_memory_soft"] if vals["limit_memory_soft"] is not None else _MEM_DEFAULTS["limit_memory_soft"]
    hard = vals["limit_memory_hard"] if vals["limit_memory_hard"] is not None else _MEM_DEFAULTS["limit_memory_hard"]
    pairs = [("limit_memory_soft", "limit_memory_hard", soft, hard)]
    if "limit_memory_soft_gevent" in opts or "limit_memory_hard_gevent" in opts:
        gsoft = vals["limit_memory_soft_gevent"] if vals["limit_memory_soft_gevent"] is not None else soft
        ghard = vals["limit_memory_hard_gevent"] if vals["limit_memory_hard_gevent"] is not None else hard
        pairs.append(("limit_memory_soft_gevent", "limit_memory_hard_gevent", gsoft, ghard))
    for skey, hkey, s, h in pairs:
        if skey not in opts and hkey not in opts and not skey.endswith("gevent"):
            continue
        if s >= h and min(s, h) >= 256 * _MIB:
            at = opts.get(skey) or opts.get(hkey)
            yield Finding(_vspan(ctx, at), f"`{skey}` ({s // _MIB} MiB) is not below `{hkey}` ({h // _MIB} MiB): "
                                           f"workers are never recycled and die with MemoryError instead; keep soft "
                                           f"below hard")
    cpu = vals["limit_time_cpu"] if vals["limit_time_cpu"] is not None else 60
    real = vals["limit_time_real"] if vals["limit_time_real"] is not None else 120
    if ("limit_time_cpu" in opts or "limit_time_real" in opts) and 0 < real < cpu:
        at = opts.get("limit_time_real") or opts.get("limit_time_cpu")
        yield Finding(_vspan(ctx, at), f"`limit_time_real` ({real}s) is below `limit_time_cpu` ({cpu}s): CPU time "
                                       f"never exceeds wall time, so requests are killed at {real}s and the CPU "
                                       f"limit never applies; make limit_time_real larger", severity=Severity.WARNING)


@rule("CNF123", "odoo-conf-cron-no-time-limit", summary="`limit_time_real_cron = 0` with workers: crons run unbounded",
      kinds=["odoo-conf"], severity="warning", tags=["deploy", "hardening"], default_enabled=False,
      what="Reports `limit_time_real_cron = 0` in a file that enables workers. Off by default: Odoo documents 0 as "
           "\"no limit\" and long imports or batch crons are a valid reason for it (policy, nothing fails as it "
           "stands); `--extend-select deploy-hardening` turns it on.",
      why="With workers, a cron job's real-time limit is `limit_time_real_cron` (-1: the same as "
          "`limit_time_real`); 0 removes it, so a stuck job keeps its worker and its row locks until "
          "someone restarts the server.",
      before="[options]\nworkers = 4\nlimit_time_real_cron = 0\n",
      after="[options]\nworkers = 4\nlimit_time_real_cron = 3600\n",
      source="odoo/tools/config.py 16.0-19.0 `--limit-time-real-cron` (help: \"Maximum allowed Real time per cron "
             "job. (default: --limit-time-real). Set to 0 for no limit.\", default -1)")
def cron_no_time_limit(ctx):
    opts = common.options(ctx)
    if not opts or "limit_time_real_cron" not in opts:
        return
    target = ctx.target
    if _int(_val(opts, "limit_time_real_cron"), target) == 0 and (_int(_val(opts, "workers"), target) or 0) > 0:
        yield Finding(_vspan(ctx, opts["limit_time_real_cron"]),
                      "`limit_time_real_cron = 0` removes the time limit of cron workers: a stuck cron holds a worker "
                      "and its locks forever; use -1 (same as limit_time_real) or a number of seconds")


@rule("CNF116", "odoo-conf-secrets-inline", summary="Database or SMTP password, or a plaintext master password, in odoo.conf",
      kinds=["odoo-conf"], severity="warning", tags=["security", "deploy", "hardening"], default_enabled=False, security_severity=5.0,
      what="Reports a non-empty `db_password` or `smtp_password` written in the file, and an `admin_passwd` that is "
           "not a `$pbkdf2-sha512$` hash.",
      why="odoo.conf files end up in repositories, images and backups; a password there leaks with them. Odoo "
          "checks `admin_passwd` with passlib (pbkdf2_sha512 or deprecated plaintext), so a hash works as-is.",
      before="[options]\ndb_password = hunter2\n", after="[options]\n; db_password from PGPASSWORD\n",
      source="odoo/tools/config.py 16.0-19.0 `crypt_context` (pbkdf2_sha512, plaintext deprecated); 19.0 env "
             "PGPASSWORD/ODOO_SMTP_PASSWORD; odoo/sql_db.py `connection_info_for` (unset db_* fall back to libpq)")
def secrets_inline(ctx):
    opts = common.options(ctx)
    if not opts:
        return
    target = ctx.target
    for key in ("db_password", "smtp_password"):
        opt = opts.get(key)
        if opt is None or opt.value in ("", "False", "false", "None") or is_placeholder(opt.value):
            continue
        if key == "db_password":
            remedy = ("delete it and set PGPASSWORD in the environment (Odoo 19 reads it; 16-18 leave it to libpq) or "
                      "PASSWORD/PASSWORD_FILE with the official image")
        else:
            remedy = ("delete it and set ODOO_SMTP_PASSWORD (Odoo 19)" if common.is_19(target) else
                      "configure the outgoing mail server in the database instead, or generate the file at deploy "
                      "time from a secret")
        yield Finding(_vspan(ctx, opt), f"`{key}` is written in odoo.conf: it leaks with every copy of the file; "
                                        f"{remedy}")
    opt = opts.get("admin_passwd")
    if opt is not None and opt.value not in ("", "False", "false", "admin") and not _HASH.match(opt.value) \
            and not is_placeholder(opt.value):
        yield Finding(_vspan(ctx, opt), "`admin_passwd` is plaintext: write a passlib hash instead, e.g. the output "
                                        "of `python3 -c \"from passlib.hash import pbkdf2_sha512; "
                                        "print(pbkdf2_sha512.using(rounds=600000).hash(input()))\"`")
