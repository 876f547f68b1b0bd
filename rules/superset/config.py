"""superset_config.py, read as an AST and never imported (RULES.md Part B §4, §7.6).

Facts "superset_config" (this family's own, used by its project rules):
{"assigns": {NAME: {"kind": "literal|env|fstring|other", "value": literal | None, "env": str | None,
  "default": literal | None, "prefix": str | None, "span": span, "value_span": span}},
 "star_imports": [module, ...], "feature_flags": {flag: literal}, "file_span": span}
"""
from __future__ import annotations

import ast
import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Any, Optional

from odoolint.model import Applicability, Edit, Finding, Fix, Span
from odoolint.registry import facts, rule

SUP = "apache-superset 6.1.0 wheel superset/config.py"
CHANGE_ME = "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET"
KNOWN_KEYS = {
    CHANGE_ME: "Superset's CHANGE_ME default",
    "\x02\x01thisismyscretkey\x01\x02\\e\\y\\y\\h": "the public pre-2.1 default key",
    "YOUR_OWN_RANDOM_GENERATED_SECRET_KEY": "the placeholder from Superset's documentation",
    "thisISaSECRET_1234": "a public sample key from Superset's Helm/docker files",
    "TEST_NON_DEV_SECRET": "a public sample key from Superset's docker/.env files",
}
ASYNC_DEFAULT = "test-secret-change-me"
GUEST_DEFAULT = "test-guest-secret-change-me"


def _literal(node) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _env_call(node) -> Optional[tuple[str, Optional[ast.expr]]]:
    """("VAR", default node or None) for os.environ.get / os.getenv / os.environ[...] / environ.get."""
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and \
            isinstance(node.args[0].value, str):
        f = node.func
        name = ast.unparse(f) if hasattr(ast, "unparse") else ""
        if name in ("os.environ.get", "environ.get", "os.getenv", "getenv"):
            default = node.args[1] if len(node.args) > 1 else None
            for kw in node.keywords:
                if kw.arg == "default":
                    default = kw.value
            return node.args[0].value, default
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) in ("os.environ", "environ"):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value, None
    return None


def classify(ctx, target, value) -> dict:
    out = {"kind": "other", "value": None, "env": None, "default": None, "prefix": None,
           "span": ctx.node_span(target).to_dict(), "value_span": ctx.node_span(value).to_dict()}
    ok, lit = _literal(value)
    if ok and isinstance(lit, (str, int, float, bool, type(None))):
        out.update(kind="literal", value=lit)
        return out
    env = _env_call(value)
    default = None
    if env is None and isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or) and len(value.values) == 2:
        env = _env_call(value.values[0])
        if env is not None:
            env = (env[0], value.values[1])
    if env is not None:
        var, dnode = env
        if dnode is not None:
            ok, default = _literal(dnode)
            if not ok:
                default = None
            elif isinstance(default, str):
                out["default_span"] = ctx.node_span(dnode).to_dict()
        out.update(kind="env", env=var, default=default)
        return out
    if isinstance(value, ast.JoinedStr):
        prefix = ""
        for part in value.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                prefix += part.value
            else:
                break
        out.update(kind="fstring", prefix=prefix)
    return out


def _assignments(module: ast.Module):
    """(target Name, value) of module-level assignments; nested ones (if/try) are yielded too, flagged."""
    for stmt in module.body:
        yield from _stmt_assigns(stmt, False)


def _stmt_assigns(stmt, nested):
    if isinstance(stmt, ast.Assign):
        for t in stmt.targets:
            if isinstance(t, ast.Name):
                yield t, stmt.value, nested
    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
        yield stmt.target, stmt.value, nested
    elif isinstance(stmt, (ast.If, ast.Try, ast.With)):
        for block in (getattr(stmt, "body", []), getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])):
            for s in block:
                yield from _stmt_assigns(s, True)
        for h in getattr(stmt, "handlers", []):
            for s in h.body:
                yield from _stmt_assigns(s, True)


@facts("superset-config", "superset_config")
def extract(ctx) -> dict:
    module = ctx.tree
    assigns: dict[str, dict] = {}
    flags: dict[str, Any] = {}
    stars: list[str] = []
    if not isinstance(module, ast.Module):
        return {"assigns": {}, "star_imports": [], "feature_flags": {}, "file_span": ctx.span(0, 0).to_dict()}
    for target, value, nested in _assignments(module):
        info = classify(ctx, target, value)
        if nested:
            info["kind"] = "other" if info["kind"] != "literal" or target.id in assigns else info["kind"]
            info["nested"] = True
        if isinstance(value, ast.Dict):
            for k, v in zip(value.keys, value.values):
                if isinstance(k, ast.Constant) and k.value == "CACHE_TYPE" and isinstance(v, ast.Constant):
                    info["cache_type"] = str(v.value)
        assigns[target.id] = info
        if target.id == "FEATURE_FLAGS" and isinstance(value, ast.Dict):
            for k, v in zip(value.keys, value.values):
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    ok, lit = _literal(v)
                    flags[k.value] = lit if ok else "?"
    for stmt in ast.walk(module):
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            stars.append(stmt.module or "")
        # FEATURE_FLAGS.update({...}) / FEATURE_FLAGS["X"] = True
        if isinstance(stmt, ast.Call) and isinstance(stmt.func, ast.Attribute) and stmt.func.attr == "update" and \
                isinstance(stmt.func.value, ast.Name) and stmt.func.value.id == "FEATURE_FLAGS" and stmt.args and \
                isinstance(stmt.args[0], ast.Dict):
            for k, v in zip(stmt.args[0].keys, stmt.args[0].values):
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    ok, lit = _literal(v)
                    flags[k.value] = lit if ok else "?"
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == "FEATURE_FLAGS" \
                        and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str):
                    ok, lit = _literal(stmt.value)
                    flags[t.slice.value] = lit if ok else "?"
    first = ctx.index.line_end(1)
    end = len(ctx.source)
    return {"assigns": assigns, "star_imports": stars, "feature_flags": flags,
            "file_span": ctx.span(0, first).to_dict(), "eof": ctx.span(end, end).to_dict(),
            "ends_with_newline": ctx.source.endswith(("\n", "\r")), "newline": ctx.newline}


def _env_everywhere(project, var: str) -> tuple[bool, bool]:
    """(set, unknown): is `var` set by a compose service or DO component; could an env_file set it?"""
    found = unknown = False
    for _, data in project.facts("compose"):
        for svc in (data or {}).get("services", {}).values():
            env = svc.get("environment") or {}
            if var in env:
                found = True
            if svc.get("env_file") and "superset" in str(svc.get("image") or "").lower() + str(svc.get("build")):
                unknown = True
    for _, data in project.facts("do_app_spec"):
        for section in ("services", "workers"):
            for comp in (data or {}).get(section, []):
                if var in (comp.get("envs") or {}):
                    found = True
    return found, unknown


def _configs(project):
    return [(pf, data) for pf, data in project.facts("superset_config") if isinstance(data, dict)]


def _assigned_anywhere(configs, name) -> bool:
    return any(name in (d.get("assigns") or {}) for _, d in configs)


def _star(configs) -> bool:
    return any(d.get("star_imports") for _, d in configs)


# --------------------------------------------------------------------------------------------------
@rule("SUP101", "superset-secret-key-default", summary="Superset SECRET_KEY is unset or a published default",
      kinds=["superset-config", "compose", "do-app-spec"], severity="error", project=True,
      tags=["security", "deploy"], security_severity=9.0,
      what="`SECRET_KEY` in superset_config.py equal to a published key (`CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET`, "
           "the pre-2.1 `\\2\\1thisismyscretkey...`, the docs' `YOUR_OWN_RANDOM_GENERATED_SECRET_KEY`, sample keys), "
           "read from the environment with such a fallback, or never set while no compose service or DO component "
           "sets `SUPERSET_SECRET_KEY`.",
      why="Superset >= 2.1 logs \"Refusing to start due to insecure SECRET_KEY\" and exits when the key is the "
          "CHANGE_ME default; any published key lets anyone forge an admin session cookie (CVE-2023-27524).",
      before="SECRET_KEY = os.environ.get(\"SUPERSET_SECRET_KEY\", \"CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET\")",
      after="SECRET_KEY = os.environ[\"SUPERSET_SECRET_KEY\"]",
      source=SUP + " (`SECRET_KEY = os.environ.get(\"SUPERSET_SECRET_KEY\") or CHANGE_ME_SECRET_KEY`), "
             "superset/initialization/__init__.py `check_secret_key` (sys.exit(1) unless debug/testing), "
             "superset/constants.py; apache/superset issue #24201; CVE-2023-27524")
def secret_key_default(project):
    configs = _configs(project)
    for pf, data in configs:
        info = (data.get("assigns") or {}).get("SECRET_KEY")
        if info is None:
            continue
        if info["kind"] == "literal" and info["value"] in KNOWN_KEYS:
            yield Finding(Span.from_dict(info["value_span"]),
                          f"SECRET_KEY is {KNOWN_KEYS[info['value']]}: "
                          + ("Superset refuses to start (\"insecure SECRET_KEY\")" if info["value"] == CHANGE_ME
                             else "anyone can forge an admin session cookie (CVE-2023-27524)")
                          + "; set a random key from the environment (`openssl rand -base64 42`).", path=pf.path)
        elif info["kind"] == "env" and info["default"] in KNOWN_KEYS:
            found, _ = _env_everywhere(project, info["env"])
            yield Finding(Span.from_dict(info.get("default_span") or info["value_span"]),
                          f"SECRET_KEY falls back to {KNOWN_KEYS[info['default']]} when {info['env']} is unset"
                          + (" (no compose service or DO component sets it)" if not found else "")
                          + ": Superset then refuses to start or accepts forged sessions; drop the fallback and "
                          f"fail fast with os.environ[\"{info['env']}\"].", path=pf.path)
    if configs and not _assigned_anywhere(configs, "SECRET_KEY") and not _star(configs):
        found, unknown = _env_everywhere(project, "SUPERSET_SECRET_KEY")
        if not found and not unknown:
            pf, data = configs[0]
            yield Finding(Span.from_dict(data["file_span"]),
                          "SECRET_KEY is never set and no compose service or DO component sets "
                          "SUPERSET_SECRET_KEY: Superset uses CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET and refuses to "
                          "start. Set SECRET_KEY = os.environ[\"SUPERSET_SECRET_KEY\"] and provide the variable.",
                          path=pf.path)


@rule("SUP102", "superset-secret-key-literal", summary="Superset SECRET_KEY hard-coded in superset_config.py",
      kinds=["superset-config"], severity="warning", tags=["security", "deploy", "hardening"], default_enabled=False, security_severity=6.5,
      what="`SECRET_KEY` assigned a string literal (other than the published defaults that "
           "superset-secret-key-default reports).",
      why="The key that signs sessions and encrypts database passwords sits in version control; rotating it "
          "later needs `PREVIOUS_SECRET_KEY` and `superset re-encrypt-secrets`.",
      before="SECRET_KEY = \"k3y-from-a-wiki\"", after="SECRET_KEY = os.environ[\"SUPERSET_SECRET_KEY\"]",
      source=SUP + " (\"Make sure you override it on superset_config.py or use `SUPERSET_SECRET_KEY` environment "
             "variable\"); Superset docs on PREVIOUS_SECRET_KEY / re-encrypt-secrets")
def secret_key_literal(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    for target, value, _ in _assignments(ctx.tree):
        if target.id != "SECRET_KEY":
            continue
        ok, lit = _literal(value)
        if ok and isinstance(lit, str) and lit not in KNOWN_KEYS:
            yield Finding(ctx.node_span(value), "SECRET_KEY is hard-coded: everyone with the repository can sign "
                                                "sessions; read it from the environment (os.environ[\"SUPERSET_"
                                                "SECRET_KEY\"]) and rotate it with PREVIOUS_SECRET_KEY.")


@rule("SUP103", "superset-metadata-sqlite", summary="Superset metadata database is SQLite (the default)",
      kinds=["superset-config", "compose", "do-app-spec"], severity="error", project=True, tags=["deploy"],
      what="`SQLALCHEMY_DATABASE_URI` set to a `sqlite:` URI (literal, f-string, or an environment fallback when no "
           "compose service or DO component sets that variable), or never set while no compose service or DO "
           "component sets `SUPERSET__SQLALCHEMY_DATABASE_URI`.",
      why="Superset's default is `sqlite:///<DATA_DIR>/superset.db` inside the container: dashboards, users and "
          "saved queries are lost on every redeploy (DO App Platform has no persistent disk) and SQLite locks "
          "under several gunicorn workers.",
      before="SQLALCHEMY_DATABASE_URI = \"sqlite:////app/superset_home/superset.db\"",
      after="SQLALCHEMY_DATABASE_URI = os.environ[\"SUPERSET_DATABASE_URI\"]  # postgresql+psycopg2://...",
      source=SUP + " (`SQLALCHEMY_DATABASE_URI = f\"sqlite:///{DATA_DIR}/superset.db...\"`, and "
             "`SUPERSET__SQLALCHEMY_DATABASE_URI` overrides it at the very end); DO App Platform limits page "
             "(no persistent storage)")
def metadata_sqlite(project):
    configs = _configs(project)
    if not configs:
        return
    override, _ = _env_everywhere(project, "SUPERSET__SQLALCHEMY_DATABASE_URI")
    if override:
        return
    for pf, data in configs:
        info = (data.get("assigns") or {}).get("SQLALCHEMY_DATABASE_URI")
        if info is None:
            continue
        text = info["value"] if info["kind"] == "literal" else info["default"] if info["kind"] == "env" \
            else info["prefix"] if info["kind"] == "fstring" else None
        if info["kind"] == "env" and _env_everywhere(project, info["env"])[0]:
            continue            # the deployment provides the variable: the SQLite fallback is not used
        if isinstance(text, str) and text.lower().startswith("sqlite:"):
            how = "falls back to" if info["kind"] == "env" else "is"
            yield Finding(Span.from_dict(info["value_span"]),
                          f"The metadata database {how} SQLite inside the container: users, dashboards and saved "
                          f"queries vanish on the next deploy and writes lock under several workers; point "
                          f"SQLALCHEMY_DATABASE_URI at PostgreSQL.", path=pf.path)
    if not _assigned_anywhere(configs, "SQLALCHEMY_DATABASE_URI") and not _star(configs):
        pf, data = configs[0]
        yield Finding(Span.from_dict(data["file_span"]),
                      "SQLALCHEMY_DATABASE_URI is never set, so Superset keeps its metadata in SQLite inside the "
                      "container: everything is lost on the next deploy; point it at PostgreSQL.", path=pf.path)


# --------------------------------------------------------------------------------------------------
def _uri_target(name: str) -> bool:
    up = name.upper()
    return "URI" in up or "URL" in up or up == "SQLALCHEMY_BINDS"


@rule("SUP104", "superset-uri-scheme", summary="`postgres://` URI that SQLAlchemy 1.4+ cannot load",
      kinds=["superset-config"], severity="error", fix="safe", tags=["deploy"],
      what="A string in a `*_URI`/`*_URL`/`SQLALCHEMY_BINDS` assignment (including environment fallbacks) that "
           "starts with `postgres://`.",
      why="SQLAlchemy 1.4 removed the `postgres` dialect alias: Superset fails at startup with \"Can't load plugin: "
          "sqlalchemy.dialects:postgres\".",
      before="SQLALCHEMY_DATABASE_URI = \"postgres://superset:pw@db:5432/superset\"",
      after="SQLALCHEMY_DATABASE_URI = \"postgresql://superset:pw@db:5432/superset\"",
      source="SQLAlchemy 1.4 changelog (the `postgres` name for the PostgreSQL dialect was removed); apache-superset "
             "6.1.0 depends on sqlalchemy>=1.4,<2")
def uri_scheme(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    for target, value, _ in _assignments(ctx.tree):
        if not _uri_target(target.id):
            continue
        for node in ast.walk(value):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    node.value.startswith("postgres://"):
                sp = ctx.node_span(node)
                segment = ctx.source[sp.start.offset:sp.end.offset]
                at = segment.find("postgres://")
                fix = None
                if at >= 0:
                    off = sp.start.offset + at + len("postgres")
                    fix = Fix((ctx.edit(off, off, "ql"),), Applicability.SAFE, "Use `postgresql://`")
                yield Finding(sp, f"{target.id} uses `postgres://`: SQLAlchemy 1.4+ fails with \"Can't load "
                                  f"plugin: sqlalchemy.dialects:postgres\" and Superset does not start; use "
                                  f"`postgresql://`.", fix=fix)


_INSECURE = {"DEBUG": (True, "runs the Werkzeug debugger and detailed tracebacks in production"),
             "WTF_CSRF_ENABLED": (False, "disables CSRF protection on every form and API call"),
             "PREVENT_UNSAFE_DB_CONNECTIONS": (False, "lets users add SQLite (local file) database connections")}


@rule("SUP105", "superset-insecure-flags", summary="DEBUG on, CSRF off or unsafe database connections allowed",
      kinds=["superset-config"], severity="error", fix="safe", tags=["security"], security_severity=7.0,
      what="`DEBUG = True`, `WTF_CSRF_ENABLED = False` or `PREVENT_UNSAFE_DB_CONNECTIONS = False` as literals.",
      why="Debug mode exposes tracebacks and the interactive debugger; without CSRF any site can act for a "
          "logged-in user; unsafe connections let users read files through SQLite.",
      before="WTF_CSRF_ENABLED = False", after="WTF_CSRF_ENABLED = True",
      source=SUP + " (defaults `WTF_CSRF_ENABLED = True`, `PREVENT_UNSAFE_DB_CONNECTIONS = True`, `DEBUG` from "
             "FLASK_DEBUG)")
def insecure_flags(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    for target, value, _ in _assignments(ctx.tree):
        bad = _INSECURE.get(target.id)
        if bad is None or not isinstance(value, ast.Constant) or value.value is not bad[0]:
            continue
        sp = ctx.node_span(value)
        good = str(not bad[0])
        yield Finding(sp, f"{target.id} = {value.value} {bad[1]}; set it to {good}.",
                      fix=Fix((ctx.edit(sp.start.offset, sp.end.offset, good),), Applicability.SAFE,
                              f"Set {target.id} = {good}"))


@rule("SUP106", "superset-jwt-secrets", summary="Async-query or guest-token JWT secret left at its default",
      kinds=["superset-config"], severity="error", tags=["security"], security_severity=8.0,
      what="FEATURE_FLAGS enables GLOBAL_ASYNC_QUERIES while GLOBAL_ASYNC_QUERIES_JWT_SECRET is unset, the default "
           "`test-secret-change-me` or a literal shorter than 32 bytes; or enables EMBEDDED_SUPERSET while "
           "GUEST_TOKEN_JWT_SECRET is unset or `test-guest-secret-change-me`.",
      why="Async queries refuse to initialise (\"Please provide a JWT secret at least 32 bytes long\"), and a "
          "known guest-token secret lets anyone mint embedded-dashboard tokens.",
      before="FEATURE_FLAGS = {\"EMBEDDED_SUPERSET\": True}",
      after="FEATURE_FLAGS = {\"EMBEDDED_SUPERSET\": True}\nGUEST_TOKEN_JWT_SECRET = os.environ[\"GUEST_TOKEN_SECRET\"]",
      source=SUP + " (GLOBAL_ASYNC_QUERIES_JWT_SECRET, GUEST_TOKEN_JWT_SECRET defaults); "
             "superset/async_events/async_query_manager.py (len < 32 raises)")
def jwt_secrets(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    data = extract(ctx)
    flags, assigns = data["feature_flags"], data["assigns"]
    ff = assigns.get("FEATURE_FLAGS")
    anchor = Span.from_dict(ff["span"]) if ff else None
    for flag, name, default, minimum in (("GLOBAL_ASYNC_QUERIES", "GLOBAL_ASYNC_QUERIES_JWT_SECRET", ASYNC_DEFAULT, 32),
                                         ("EMBEDDED_SUPERSET", "GUEST_TOKEN_JWT_SECRET", GUEST_DEFAULT, 0)):
        if flags.get(flag) is not True or anchor is None:
            continue
        info = assigns.get(name)
        if info is None:
            yield Finding(anchor, f"{flag} is on but {name} is not set: Superset uses the public default "
                                  f"'{default}'" + (" (shorter than 32 bytes: async queries fail to start)"
                                                    if minimum else " and anyone can mint guest tokens")
                          + f"; set {name} from the environment.")
            continue
        value = info["value"] if info["kind"] == "literal" else info["default"] if info["kind"] == "env" else None
        if not isinstance(value, str):
            continue
        if value == default or (minimum and len(value.encode()) < minimum):
            yield Finding(Span.from_dict(info["value_span"]),
                          f"{name} is {'the public default' if value == default else 'shorter than 32 bytes'}"
                          + (": async queries fail to start (\"at least 32 bytes long\")" if minimum
                             else ": anyone can mint guest tokens for embedded dashboards")
                          + "; use a random secret of 32+ bytes from the environment.")


# --------------------------------------------------------------------------------------------------
def _superset_services(project):
    """(source, env dict, command text) of every compose service or DO component that runs Superset."""
    for _, data in project.facts("compose"):
        for name, svc in ((data or {}).get("services") or {}).items():
            blob = f"{name} {svc.get('image') or ''} {svc.get('build') or ''}".lower()
            if "superset" in blob:
                cmd = svc.get("command")
                yield "compose", svc.get("environment") or {}, " ".join(cmd) if isinstance(cmd, list) else cmd or ""
    for _, data in project.facts("do_app_spec"):
        for section in ("services", "workers"):
            for comp in (data or {}).get(section) or []:
                blob = f"{comp.get('name')} {(comp.get('image') or {}).get('repository', '')} " \
                       f"{comp.get('dockerfile_path') or ''}".lower()
                if "superset" in blob:
                    yield "do", comp.get("envs") or {}, comp.get("run_command") or ""


_GUNICORN_W = re.compile(r"(?:^|\s)(?:-w|--workers)(?:=|\s+)(\d+)")


def _gunicorn_workers(project) -> int:
    most = 0
    for _, env, cmd in _superset_services(project):
        value = str(env.get("SERVER_WORKER_AMOUNT", "")).strip()
        if value.isdigit():
            most = max(most, int(value))
        m = _GUNICORN_W.search(cmd or "")
        if m:
            most = max(most, int(m.group(1)))
    return most


@rule("SUP107", "superset-cache-backend", summary="Superset cache is NullCache, or SimpleCache with several workers",
      kinds=["superset-config", "compose", "do-app-spec"], severity="warning", project=True, tags=["deploy"],
      what="`CACHE_CONFIG` or `DATA_CACHE_CONFIG` whose literal `CACHE_TYPE` is `NullCache`, or `SimpleCache` while "
           "Superset runs more than one gunicorn worker (`SERVER_WORKER_AMOUNT` or `-w/--workers` on its compose "
           "or DO command).",
      why="NullCache caches nothing: every dashboard load re-runs every query. SimpleCache lives in one worker's "
          "memory, so workers disagree and the hit rate collapses.",
      before="DATA_CACHE_CONFIG = {\"CACHE_TYPE\": \"SimpleCache\"}  # 4 gunicorn workers",
      after="DATA_CACHE_CONFIG = {\"CACHE_TYPE\": \"RedisCache\", \"CACHE_REDIS_URL\": os.environ[\"REDIS_URL\"]}",
      source=SUP + " (`CACHE_CONFIG`/`DATA_CACHE_CONFIG` default NullCache), superset/utils/cache_manager.py; "
             "apache/superset docker/run-server.sh (`--workers ${SERVER_WORKER_AMOUNT:-1}`)")
def cache_backend(project):
    workers = None
    for pf, data in _configs(project):
        for name in ("CACHE_CONFIG", "DATA_CACHE_CONFIG"):
            info = (data.get("assigns") or {}).get(name)
            kind = (info or {}).get("cache_type")
            if kind == "NullCache":
                yield Finding(Span.from_dict(info["value_span"]),
                              f"{name} uses NullCache: nothing is cached and every chart re-runs its query; use "
                              f"RedisCache (or Memcached).", path=pf.path)
            elif kind == "SimpleCache":
                if workers is None:
                    workers = _gunicorn_workers(project)
                if workers > 1:
                    yield Finding(Span.from_dict(info["value_span"]),
                                  f"{name} uses SimpleCache, which lives in one process, while Superset runs "
                                  f"{workers} gunicorn workers: each worker caches on its own; use RedisCache.",
                                  path=pf.path)


@rule("SUP108", "superset-https-settings", summary="Superset served over HTTPS (DO) without secure cookies or ProxyFix",
      kinds=["superset-config", "do-app-spec"], severity="warning", fix="safe", project=True, tags=["security", "deploy", "hardening"], default_enabled=False,
      what="A Superset component in a DO app spec (App Platform always serves HTTPS and terminates TLS at its edge) "
           "while superset_config.py leaves `SESSION_COOKIE_SECURE` or `ENABLE_PROXY_FIX` unset or False, or sets "
           "`TALISMAN_ENABLED = False`.",
      why="Without SESSION_COOKIE_SECURE the session cookie is also sent over plain http; without ProxyFix Superset "
          "sees http requests from the proxy and builds http:// redirects and OAuth redirect_uris; without Talisman "
          "there is no CSP/HSTS.",
      before="SESSION_COOKIE_SECURE = False", after="SESSION_COOKIE_SECURE = True\nENABLE_PROXY_FIX = True",
      source=SUP + " (`SESSION_COOKIE_SECURE = False`, `ENABLE_PROXY_FIX = False`, `TALISMAN_ENABLED` default "
             "True); DO App Platform docs (HTTPS at the edge, X-Forwarded-Proto to the app)")
def https_settings(project):
    if not any(src == "do" for src, _, _ in _superset_services(project)):
        return
    configs = _configs(project)
    if not configs or _star(configs):
        return
    for name in ("SESSION_COOKIE_SECURE", "ENABLE_PROXY_FIX", "TALISMAN_ENABLED"):
        owner = next(((pf, d) for pf, d in configs if name in (d.get("assigns") or {})), None)
        if owner is None:
            if name == "TALISMAN_ENABLED":
                continue                      # default True
            pf, data = configs[0]
            nl = data.get("newline", "\n")
            at = Span.from_dict(data["eof"])
            text = ("" if data.get("ends_with_newline", True) else nl) + f"{name} = True{nl}"
            yield Finding(Span.from_dict(data["file_span"]),
                          f"Superset runs behind DO's HTTPS edge but {name} is not set (default False): "
                          + _HTTPS_WHY[name] + f" Set {name} = True.",
                          fix=Fix((Edit(at, text),), Applicability.SAFE, f"Add {name} = True"), path=pf.path)
            continue
        pf, data = owner
        info = data["assigns"][name]
        if info["kind"] == "literal" and info["value"] is False:
            sp = Span.from_dict(info["value_span"])
            yield Finding(sp, f"Superset runs behind DO's HTTPS edge but {name} = False: " + _HTTPS_WHY[name]
                          + f" Set {name} = True.",
                          fix=Fix((Edit(sp, "True"),), Applicability.SAFE, f"Set {name} = True"), path=pf.path)


_HTTPS_WHY = {"SESSION_COOKIE_SECURE": "the session cookie is also sent over plain http.",
              "ENABLE_PROXY_FIX": "Superset ignores X-Forwarded-Proto and builds http:// redirects and OAuth "
                                  "redirect URIs.",
              "TALISMAN_ENABLED": "no Content-Security-Policy or HSTS headers are sent."}


# --------------------------------------------------------------------------------------------------

@rule("SUP109", "superset-talisman-disabled", summary="`TALISMAN_ENABLED = False`: no CSP or security headers",
      kinds=["superset-config"], severity="warning", tags=["security", "hardening"], default_enabled=False,
      what="Reports `TALISMAN_ENABLED = False` as a literal in superset_config.py. Off by default: Superset runs and "
           "nothing is exploitable by this alone (hardening; embedding setups switch it off on purpose); "
           "`--extend-select hardening` turns it on. On DO App Platform it is part of superset-https-settings.",
      why="Talisman sends Superset's Content-Security-Policy, X-Frame-Options and related headers; without them "
          "any injected markup in a dashboard runs with the viewer's session and any site can frame Superset. "
          "Loosen `TALISMAN_CONFIG` (e.g. `frame-ancestors`) instead of switching it off.",
      before="TALISMAN_ENABLED = False",
      after="TALISMAN_ENABLED = True\nTALISMAN_CONFIG = {\"content_security_policy\": {...}}",
      source="apache/superset@00139b6 superset/config.py (`TALISMAN_ENABLED = utils.cast_to_boolean(os.environ.get("
             "\"TALISMAN_ENABLED\", True))`, `TALISMAN_CONFIG` with a content_security_policy)")
def talisman_disabled(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    for target, value, _ in _assignments(ctx.tree):
        if target.id == "TALISMAN_ENABLED" and isinstance(value, ast.Constant) and value.value is False:
            yield Finding(ctx.node_span(value), "TALISMAN_ENABLED = False sends no Content-Security-Policy or "
                                                "X-Frame-Options: injected markup runs with the viewer's session "
                                                "and any site can frame Superset; keep it on and loosen "
                                                "TALISMAN_CONFIG instead")


# --------------------------------------------------------------------------------------------------

SUP_CSP = ("apache-superset 6.1.0 wheel superset/config.py (`HTML_SANITIZATION = True`, `TALISMAN_CONFIG` "
           "script-src `'self' 'strict-dynamic'` with a nonce, feature flag `ESCAPE_MARKDOWN_HTML`), "
           "superset/views/base.py (`HTML_SANITIZATION` in FRONTEND_CONF_KEYS, read by the SafeMarkdown component), "
           "superset/initialization/__init__.py (`talisman.init_app(app, **TALISMAN_CONFIG)` when TALISMAN_ENABLED); "
           "flask-talisman 1.1.0 talisman.py `_set_content_security_policy_headers` (no header when "
           "content_security_policy is falsy)")


def _literal_assign(tree, name):
    """The value node of the last plain module-level `NAME = <constant>`, else None."""
    found = None
    for target, value, nested in _assignments(tree):
        if target.id == name and not nested:
            found = value
    return found


def _flag_on(tree, flag) -> bool:
    for target, value, _ in _assignments(tree):
        if target.id == "FEATURE_FLAGS" and isinstance(value, ast.Dict):
            for k, v in zip(value.keys, value.values):
                if isinstance(k, ast.Constant) and k.value == flag and isinstance(v, ast.Constant) and v.value is True:
                    return True
    return False


def _dict_get(node, key):
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
    return None


def _strings(node) -> Optional[list]:
    """The string constants of a str or a list/tuple of str literals; None when it is not one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split()
    if isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                                       for e in node.elts):
        return [w for e in node.elts for w in e.value.split()]
    return None


def _csp_off(tree) -> Optional[str]:
    """Why no Content-Security-Policy stops inline scripts, from literal settings of this file; None otherwise."""
    talisman = _literal_assign(tree, "TALISMAN_ENABLED")
    if isinstance(talisman, ast.Constant) and talisman.value is False:
        return "TALISMAN_ENABLED = False"
    config = _literal_assign(tree, "TALISMAN_CONFIG")
    if not isinstance(config, ast.Dict):
        return None
    csp = _dict_get(config, "content_security_policy")
    if isinstance(csp, ast.Constant) and csp.value in (None, False, ""):
        return f"TALISMAN_CONFIG sets content_security_policy = {csp.value!r}"     # flask-talisman sends no CSP
    if isinstance(csp, ast.Dict):
        src = _dict_get(csp, "script-src")
        words = _strings(src if src is not None else _dict_get(csp, "default-src"))
        nonce = _strings(_dict_get(config, "content_security_policy_nonce_in")) or []
        if words is not None and "'unsafe-inline'" in words and "script-src" not in nonce:
            return "TALISMAN_CONFIG allows 'unsafe-inline' scripts"
    return None


@rule("SUP110", "superset-html-sanitization-disabled",
      summary="`HTML_SANITIZATION = False` without a CSP that blocks inline scripts: Markdown runs stored scripts",
      kinds=["superset-config"], severity="error", tags=["security", "deploy"],
      what="Reports `HTML_SANITIZATION = False` in a superset_config.py that also leaves no Content-Security-Policy "
           "in the way of inline scripts: `TALISMAN_ENABLED = False`, a `TALISMAN_CONFIG` whose "
           "`content_security_policy` is None/False/empty (flask-talisman then sends none), or one whose "
           "`script-src` (else `default-src`) allows `'unsafe-inline'` without a script nonce; unless its "
           "`FEATURE_FLAGS` turn on `ESCAPE_MARKDOWN_HTML` (Markdown HTML is then escaped, not rendered). With "
           "Superset's default CSP (`script-src 'self' 'strict-dynamic'` with a nonce) injected scripts do not run, "
           "so the sanitizer switched off alone is not reported.",
      why="Superset sanitizes the HTML of Markdown components (dashboards, chart descriptions) with GitHub's schema "
          "unless HTML_SANITIZATION is False; with Talisman off no CSP stops what that HTML carries, so anyone who "
          "can edit a dashboard stores `<img onerror=...>` or `<script>` that runs in every viewer's session, "
          "admins included (stored XSS).",
      before="HTML_SANITIZATION = False\nTALISMAN_ENABLED = False",
      after="HTML_SANITIZATION = True\nHTML_SANITIZATION_SCHEMA_EXTENSIONS = {\"attributes\": {\"div\": [\"style\"]}}",
      source=SUP_CSP)
def html_sanitization_disabled(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    value = _literal_assign(ctx.tree, "HTML_SANITIZATION")
    if not (isinstance(value, ast.Constant) and value.value is False):
        return
    why = _csp_off(ctx.tree)
    if why is None or _flag_on(ctx.tree, "ESCAPE_MARKDOWN_HTML"):
        return
    yield Finding(ctx.node_span(value),
                  f"HTML_SANITIZATION = False with {why}: Markdown components render raw HTML "
                  "and no Content-Security-Policy blocks its scripts, so anyone who can edit a dashboard stores "
                  "script that runs in every viewer's session; keep HTML_SANITIZATION on and allow what you need "
                  "in HTML_SANITIZATION_SCHEMA_EXTENSIONS")


# settings people write that no apache-superset 6.1.0 file reads (the whole wheel, Python and JavaScript)
UNREAD_SETTINGS = {
    "ENABLE_UNSAFE_MARKDOWN_HTML": "HTML_SANITIZATION and the ESCAPE_MARKDOWN_HTML feature flag decide how "
                                   "Markdown HTML is shown",
    "ALLOW_JAVASCRIPT_IN_MARKDOWN": "HTML_SANITIZATION and the ESCAPE_MARKDOWN_HTML feature flag decide how "
                                    "Markdown HTML is shown",
    "MARKDOWN_SANITIZE_HTML": "the setting is HTML_SANITIZATION",
}


@rule("SUP111", "superset-setting-not-read", summary="A superset_config.py setting that Superset never reads",
      kinds=["superset-config"], severity="warning", tags=["deploy", "hardening"], default_enabled=False,
      what="Reports a module-level assignment to a name that looks like a Superset setting but that no file of "
           "apache-superset 6.1.0 reads: `ENABLE_UNSAFE_MARKDOWN_HTML`, `ALLOW_JAVASCRIPT_IN_MARKDOWN`, "
           "`MARKDOWN_SANITIZE_HTML` (names copied between setups). Off by default: the line does nothing, so "
           "nothing breaks; `--extend-select SUP111` turns it on.",
      why="Superset copies every upper-case name of superset_config.py into its config, but only the names its code "
          "asks for change anything; a setting that is never read leaves the behaviour it was meant to change "
          "as it was, and readers of the file believe otherwise.",
      before="ENABLE_UNSAFE_MARKDOWN_HTML = True", after="# (deleted: HTML_SANITIZATION decides)",
      source=SUP_CSP + "; none of the three names occurs in the 6.1.0 wheel")
def setting_not_read(ctx):
    if not isinstance(ctx.tree, ast.Module):
        return
    for target, _, _ in _assignments(ctx.tree):
        why = UNREAD_SETTINGS.get(target.id)
        if why:
            yield Finding(ctx.node_span(target), f"Superset never reads `{target.id}` (no such setting in "
                                                 f"apache-superset 6.1.0): the line changes nothing; {why}")
