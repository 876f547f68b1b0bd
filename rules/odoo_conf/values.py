"""odoo.conf values as Odoo casts them: interpolation written where Odoo reads text literally, boolean spellings
that 16-18 and 19 read differently, and values that int/float/choice options cannot cast."""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

from odoolint.model import Applicability, Finding, Fix, OdooVersion, Position, Severity, Span
from odoolint.registry import rule

from . import common
from .structure import _INLINE
from .template import is_placeholder

# linear on hostile lines: an opener never scans past the next opener (`%(%(%(...` is not quadratic)
_INTERP = re.compile(r"%\([^)\n%]*\)s|\$\{[^}\n$]*\}|\{\{[^}\n{]*\}\}|\$[A-Z_][A-Z0-9_]*\b")
_SHELL = re.compile(r"\$\{[^}\n$]*\}|\$[A-Z_][A-Z0-9_]*\b")
# 16.0-18.0 keep these typed keys of the non-CLI `self.options` dict as strings (never cast at startup)
NOT_CAST_LE18 = frozenset({"websocket_keep_alive_timeout", "websocket_rate_limit_burst", "websocket_rate_limit_delay",
                           "reportgz"})
# libpq reads these when Odoo leaves the matching db_* option empty (odoo/sql_db.py `connection_info_for`)
LIBPQ = {"db_host": "PGHOST", "db_port": "PGPORT", "db_user": "PGUSER", "db_password": "PGPASSWORD"}
# the official image's entrypoint.sh passes these as --db_* flags when the conf does not set the key (odoo/docker)
IMAGE_ENV = {"db_host": "HOST", "db_port": "PORT", "db_user": "USER", "db_password": "PASSWORD"}


def _is_path(key: str, target: Optional[OdooVersion]) -> bool:
    """Whether the option goes through `_normalize` (os.path.expandvars) at this version (all versions if unknown)."""
    if target is not None:
        spec = common.option_spec(key, target)
        return bool(spec and spec.get("path"))
    data = common.conf_data() or {}
    specs = [data[v]["options"][key] for v in common.VERSIONS if key in data.get(v, {}).get("options", {})]
    return bool(specs) and all(s.get("path") for s in specs)


def _env19(key: str) -> Optional[str]:
    data = common.conf_data() or {}
    spec = data.get("19.0", {}).get("options", {}).get(key)
    return spec.get("env") if isinstance(spec, dict) else None


def _type(key: str, target) -> Optional[str]:
    spec = common.option_spec(key, target)
    return spec.get("type") if spec else None


@rule("CNF105", "odoo-conf-interpolation-syntax", summary="`%(env:X)s`, `${X}` or `{{X}}` that Odoo reads literally",
      kinds=["odoo-conf"], severity="error", tags=["deploy", "correctness"], project=True,
      what="Reports `%(...)s`, `${VAR}`, `$VAR` and `{{...}}` in the values of an odoo.conf that the deployment "
           "model shows is loaded as written: mounted or copied into a container that runs the official image's "
           "entrypoint (which renders nothing). `$VAR`/`${VAR}` in path options (addons_path, data_dir, logfile, "
           "...) are left alone: Odoo expands them with os.path.expandvars. A conf that no container is known to "
           "load, one loaded by an image with its own entrypoint (doodba, bitnami, camptocamp and integrators' "
           "images render their templates with envsubst, dockerize or gomplate), a `conf.d` fragment and a file "
           "named as a template (`*.tmpl`, `*.j2`, `*.example`, ...) are not reported: a placeholder there is a "
           "value to be filled in, not a literal. The message gives what works instead at the target version: on 19 "
           "the option's environment variable (PGHOST, PGUSER, ODOO_HTTP_PORT, ...); on 16-18 leaving db_* unset so "
           "libpq reads PG* variables, or a command-line flag / a file rendered at deploy time.",
      why="Odoo reads the file with RawConfigParser: no interpolation of any kind, so `db_user = %(env:PGUSER)s` "
          "reaches PostgreSQL as that literal text (authentication fails) and `http_port = ${PORT}` stops the "
          "server (not an integer).",
      before="[options]\ndb_host = ${PGHOST}\n", after="[options]\n; db_host from PGHOST (libpq / Odoo 19)\n",
      source="odoo/tools/config.py 16.0-18.0 `load`, 19.0 `_load_file_options` (RawConfigParser, no interpolation); "
             "`_normalize` uses expandvars for path options (16.0-19.0); 19.0 `env_name`/`ODOO_<DEST>` and "
             "`_load_env_options` (environment before the file); odoo/docker@f7f6765 entrypoint.sh (no rendering); "
             "Tecnativa/doodba@373775c bin/config-generate (envsubst over conf.d)")
def interpolation_syntax(project):
    from odoolint.rules.project.deploy_model import model

    from .template import in_merged_dir_path, is_template_name

    seen: set[str] = set()
    for o in model(project).odoo_services():
        if not (o.official and o.conf is not None and o.conf_source in ("mount", "copy")):
            continue
        path = o.conf.path
        pf = project.by_path(path)
        rel = pf.relpath if pf else path
        if path in seen or is_template_name(rel) or in_merged_dir_path(rel):
            continue
        seen.add(path)
        for key, rec in o.conf.options.items():
            for msg, where, severity in _literal_placeholders(key, rec.get("value") or "",
                                                              project.target_for(path)):
                span = Span.from_dict(rec["value_span"])
                p = Position(span.start.line, span.start.column + where[0], span.start.offset + where[0])
                q = Position(span.start.line, span.start.column + where[1], span.start.offset + where[1])
                yield Finding(Span(p, q), msg, path=path, severity=severity)


def _literal_placeholders(key: str, v: str, target):
    """(message, (start, end) in the value, severity) of the first placeholder Odoo would read literally."""
    if not v:
        return
    m = _INTERP.search(v)
    if not m or "\n" in v[:m.end()]:
        return
    if _is_path(key, target) and not [x for x in _INTERP.finditer(v) if not _SHELL.fullmatch(x.group())]:
        return          # $VAR / ${VAR} in a path option: expanded by os.path.expandvars
    text = m.group()
    typ = _type(key, target)
    if typ in ("int", "float", "choice"):
        effect = "the server does not start (the value cannot be cast)"
    elif key in ("db_user", "db_password"):
        effect = "PostgreSQL authentication fails"
    elif key in ("db_host", "db_replica_host"):
        effect = "the database host does not resolve"
    else:
        effect = "the literal text is the value"
    env = _env19(key)
    le18 = (f"leave `{key}` unset so libpq reads {LIBPQ[key]} (with the official image, set {IMAGE_ENV[key]}: "
            f"its entrypoint passes it as a flag)" if key in LIBPQ else
            "use `$VAR` (path options are expanded)" if _is_path(key, target) else
            "pass it as a command-line flag in the container command or render the file at deploy time "
            "(e.g. envsubst)")
    severity = None
    if common.is_19(target):
        if env:
            remedy = f"delete the line and set {env}: Odoo 19 reads it before the file"
            effect += f" when {env} is not set"
            severity = Severity.WARNING
        else:
            remedy = "render the file at deploy time (e.g. envsubst)"
    elif common.is_le18(target):
        remedy = le18
    else:
        remedy = f"on Odoo 19 set {env} instead; on 16-18 {le18}" if env else le18
    shown = "its value" if key in common.SECRET_KEYS else f"`{key} = {v}`"
    yield (f"`{text}` is not expanded: Odoo reads odoo.conf without interpolation, so {shown} is taken "
           f"literally and {effect}; {remedy}", (m.start(), m.end()), severity)


def _bool_keys(target) -> set[str]:
    data = common.conf_data() or {}
    if target is not None:
        table = common.table_for(target) or {}
        return {k for k, s in table.get("options", {}).items() if s.get("type") == "bool"}
    return {k for v in common.VERSIONS for k, s in data.get(v, {}).get("options", {}).items() if s.get("type") == "bool"}


def _set_value(ctx, opt, new: str):
    if opt.value_end > opt.value_start:
        return ctx.edit(opt.value_start, opt.value_end, new)
    return None


@rule("CNF106", "odoo-conf-bool-literal", summary="Boolean written in a form this Odoo version misreads or refuses",
      kinds=["odoo-conf"], severity="error", fix="safe", tags=["deploy", "security", "correctness"],
      what="Reports boolean options (`list_db`, `proxy_mode`, `http_enable`, `x_sendfile`, `smtp_ssl`, `syslog`, "
           "`unaccent`, ...) whose value is not `True/true/False/false` on Odoo 16-18, or not 1/yes/true/on, "
           "0/no/false/off on Odoo 19. The fix writes `False` for the false spellings (0, no, off, FALSE), which "
           "every version reads as false.",
      why="Odoo 16-18 only convert the exact strings True/true/False/false; any other non-empty string is a "
          "truthy string, so `list_db = 0` keeps the database manager ON and `proxy_mode = no` turns proxy mode "
          "on. Odoo 19 accepts 1/yes/true/on and 0/no/false/off in any case and stops at startup on anything else.",
      before="[options]\nlist_db = 0\n", after="[options]\nlist_db = False\n",
      source="odoo/tools/config.py 16.0/17.0/18.0 `load` (`if value=='True' or value=='true'` ...); 19.0 "
             "`_check_bool` and `parse` ('None' -> None)")
def bool_literal(ctx):
    target = ctx.target
    keys = _bool_keys(target)
    for key, opt in common.options(ctx).items():
        if key not in keys:
            continue
        v = opt.value
        low = v.lower()
        if v in ("True", "true", "False", "false") or is_placeholder(v):
            continue
        false_spelling = low in common.FALSE_19
        true_spelling = low in common.TRUE_19
        fix = None
        if false_spelling:
            edit = _set_value(ctx, opt, "False")
            fix = Fix((edit,), Applicability.SAFE, f"Write `{key} = False`") if edit else None
        span = ctx.span(opt.value_start, opt.value_end) if opt.value_end > opt.value_start else \
            ctx.span(opt.key_start, opt.key_end)
        if common.is_19(target):
            if true_spelling or false_spelling or v == "None":
                continue
            shown = f"an empty `{key}`" if v == "" else f"`{key} = {v}`"
            yield Finding(span, f"Odoo 19 refuses {shown} (\"invalid boolean value\") and does not start; "
                                f"write True or False")
        elif common.is_le18(target):
            if true_spelling:
                continue        # a truthy string: reads as true, as meant
            if v == "":
                continue        # empty string: false, as meant
            if false_spelling:
                yield Finding(span, f"Odoo {target} only converts True/true/False/false: `{key} = {v}` is the "
                                    f"non-empty string {v!r}, which is TRUE; write False", fix=fix)
            else:
                yield Finding(span, f"Odoo {target} only converts True/true/False/false: `{key} = {v}` is a "
                                    f"non-empty string, which is TRUE; write True or False")
        else:
            if true_spelling:
                continue
            if false_spelling:
                yield Finding(span, f"`{key} = {v}` is TRUE on Odoo 16-18 (only True/true/False/false are converted, "
                                    f"any other string is truthy) and false on 19; write False", fix=fix)
            elif v == "":
                yield Finding(span, f"`{key} =` (empty) is false on Odoo 16-18 but stops Odoo 19 at startup "
                                    f"(\"invalid boolean value\"); write False", severity=Severity.WARNING,
                              fix=Fix((ctx.edit(opt.value_start, opt.value_start, "False" if ctx.source[
                                  opt.value_start - 1:opt.value_start] == " " else " False"),),
                                  Applicability.SAFE, f"Write `{key} = False`"))
            elif v == "None":
                yield Finding(span, f"`{key} = None` is a truthy string on Odoo 16-18 and None (false) on 19; write "
                                    f"True or False")
            else:
                yield Finding(span, f"`{key} = {v}` is a truthy string on Odoo 16-18 and stops Odoo 19 at startup "
                                    f"(\"invalid boolean value\"); write True or False")


@rule("CNF107", "odoo-conf-invalid-type", summary="Value that an int, float or choice option cannot cast",
      kinds=["odoo-conf"], severity="error", tags=["deploy", "correctness"],
      what="Reports values of int/float options (`http_port`, `workers`, `db_port`, `limit_*`, ...) that are not "
           "numbers as Odoo parses them (16-18: optparse, where a leading 0 means octal; 19: int()/float()), and "
           "values outside the choices of `db_sslmode` and `log_level`. An empty value counts. Values with "
           "interpolation or an inline comment are left to those rules.",
      why="Odoo casts these options at startup and does not catch the error: the server exits with \"option "
          "...: invalid integer value\" (16-18) or a ValueError (19).",
      before="[options]\ndb_sslmode = required\nworkers = four\n", after="[options]\ndb_sslmode = require\nworkers = 4\n",
      source="odoo/tools/config.py 16.0/17.0/18.0 `_parse_config` (optparse TYPE_CHECKER on file values; "
             "True/False strings become booleans first); 19.0 `parse` / TYPE_CHECKER ('False' skipped, 'None' -> "
             "None)")
def invalid_type(ctx):
    target = ctx.target
    for key, opt in common.options(ctx).items():
        spec = common.option_spec(key, target)
        if not spec or spec.get("type") not in ("int", "float", "choice"):
            continue
        if key in NOT_CAST_LE18 and not common.is_19(target):
            continue
        v = opt.value
        if _INTERP.search(v) or is_placeholder(v) or _INLINE.search(opt.first_line_value) or opt.continuation_lines:
            continue
        err = common.cast_error(spec, v, target)
        if not err:
            continue
        if target is None and spec.get("type") != "choice":
            ok19 = common.cast_error(spec, v, OdooVersion(19, 0)) is None
            ok18 = common.cast_error(spec, v, OdooVersion(18, 0)) is None
            where = "Odoo 16-18" if ok19 and not ok18 else "Odoo 19" if ok18 and not ok19 else "Odoo"
        else:
            where = common.vlabel(target) if target else "Odoo"
        span = ctx.span(opt.value_start, opt.value_end) if opt.value_end > opt.value_start else \
            ctx.span(opt.key_start, opt.key_end)
        if v == "":
            yield Finding(span, f"`{key}` is empty: {where} cannot cast '' and stops at startup; write a value or "
                                f"delete the line")
        else:
            yield Finding(span, f"`{key}`: {err}; {where} stops at startup")
