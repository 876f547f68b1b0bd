"""ENV101: `$` in env files that docker compose reads (env_file of a service, or the project's `.env`)."""
from __future__ import annotations

import os

from odoolint.model import Applicability, Edit, Finding, Fix, Position, Span
from odoolint.registry import rule

from odoolint.rules.compose.rules import _SECRET_KEY, _bad_dollars, _shown


def compose_env_files(project) -> dict[str, str]:
    """Env file path -> how compose uses it ("env_file of service `x`" or "interpolation .env")."""
    out: dict[str, str] = {}
    for pf, data in project.facts("compose"):
        folder = os.path.dirname(pf.path)
        out.setdefault(os.path.join(folder, ".env"), "the `.env` docker compose reads for interpolation")
        for name, svc in ((data or {}).get("services") or {}).items():
            for rel in (svc or {}).get("env_file") or []:
                if rel and "$" not in rel and not rel.startswith("~"):
                    out.setdefault(os.path.normpath(os.path.join(folder, rel)), f"`env_file` of service `{name}`")
    return out


def _shift(span: Span, by: int) -> Span:
    p = Position(span.start.line, span.start.column + by, span.start.offset + by)
    return Span(p, Position(p.line, p.column + 1, p.offset + 1))


@rule("ENV101", "env-file-unescaped-dollar",
      summary="A `$` in an env file that docker compose interpolates", kinds=["env-file"], severity="error",
      project=True, fix="safe", tags=["deploy", "security"],
      what="In env files docker compose reads (a service's `env_file`, or the `.env` beside a compose file), "
           "reports unquoted or double-quoted values with a `$` that is not a valid reference (compose stops with "
           "an invalid-template error) or a `$name` inside a password-like variable or a passlib/crypt hash. "
           "Single-quoted values are literal and left alone.",
      why="Compose expands `$name` in unquoted and double-quoted env-file values (compose-go dotenv calls the "
          "same template substitution as the compose file), so `$pbkdf2-sha512$…` or `pa$word` reaches the "
          "container with the variable replaced by an empty string and authentication fails.",
      before="ADMIN_PASSWD=$pbkdf2-sha512$600000$abc", after="ADMIN_PASSWD=$$pbkdf2-sha512$$600000$$abc",
      source="compose-go dotenv/parser.go `extractVarValue` (unquoted and double-quoted values expanded, single "
             "quotes literal) and dotenv/godotenv.go `expandVariables` -> template.Substitute")
def env_file_dollar(project):
    used = compose_env_files(project)
    for pf, data in project.facts("env_file"):
        how = used.get(os.path.normpath(pf.path))
        if how is None:
            continue
        for key, e in sorted(((data or {}).get("entries") or {}).items(), key=lambda kv: kv[1].get("line", 0)):
            if e.get("quote") == "'" or not e.get("value_span"):
                continue
            value = str(e.get("value", ""))
            bad = _bad_dollars(value, bool(_SECRET_KEY.search(key)))
            if not bad:
                continue
            vs = Span.from_dict(e["value_span"])
            shift = 1 if e.get("quote") == '"' else 0
            exact = (e.get("raw") and shift == 0) or (shift == 1 and "\\" not in value)
            index, kind, what = bad[0]
            span = _shift(vs, shift + index) if exact else vs
            if kind == "invalid":
                shown = _shown(what)
                msg = (f"{shown} in `{key}` ({how}) is not a valid interpolation: `docker compose` refuses to "
                       f"start the stack; write `$$` for a literal dollar or single-quote the value")
            else:
                msg = (f"`${what}` in `{key}` ({how}) is expanded by docker compose (variable `{what}`, usually "
                       f"unset, becomes an empty string), so the value reaches the container corrupted; write `$$` "
                       f"for a literal dollar or single-quote the value")
            fix = None
            if exact:
                fix = Fix(tuple(Edit(_shift(vs, shift + i), "$$") for i, _, _ in bad), Applicability.SAFE,
                          "Escape `$` as `$$`")
            yield Finding(span, msg, fix=fix, path=pf.path)
