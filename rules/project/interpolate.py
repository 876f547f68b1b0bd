"""Compose interpolation, as `docker compose config` resolves it, for the values the deployment model judges.

compose-spec 12-interpolation.md and compose-go `template` package: `$VAR` / `${VAR}`; `${VAR:-default}` (default
when unset or empty), `${VAR-default}` (when unset); `${VAR:?err}` / `${VAR?err}` (error when unset [or empty]);
`${VAR:+alt}` / `${VAR+alt}` (alt when set [and non-empty]); defaults may nest (`${A:-${B:-x}}`); `$$` is a literal
`$`. Variables come from the environment of the shell running compose, then the project's `.env`. Here only the
`.env` beside the compose file is known: a variable it does not set, with no default, leaves the value unknown
(None) rather than guessed.
"""
from __future__ import annotations

import re

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Unknown(Exception):
    pass


def interpolate(value: Optional[str], env: dict) -> Optional[str]:
    """The value compose would use, or None when it depends on a variable odoolint cannot see."""
    if value is None or "$" not in value:
        return value
    try:
        out, i = _expand(value, 0, env, stop=None)
    except Unknown:
        return None
    return out


def _expand(s: str, i: int, env: dict, stop: Optional[str]) -> tuple[str, int]:
    out = []
    depth = 0
    while i < len(s):
        c = s[i]
        if stop is not None and c == "}" and depth == 0:
            return "".join(out), i
        if c != "$":
            out.append(c)
            i += 1
            continue
        nxt = s[i + 1:i + 2]
        if nxt == "$":
            out.append("$")
            i += 2
        elif nxt == "{":
            m = _NAME.match(s, i + 2)
            if not m:
                raise Unknown
            name, j = m.group(), m.end()
            op = ""
            for cand in (":-", ":?", ":+", "-", "?", "+"):
                if s.startswith(cand, j):
                    op = cand
                    break
            arg = ""
            if op:
                arg, j = _expand(s, j + len(op), env, stop="}")
            if j >= len(s) or s[j] != "}":
                raise Unknown
            i = j + 1
            val = env.get(name)
            if op in (":-", "-"):
                use_default = val is None or (op == ":-" and val == "")
                out.append(arg if use_default else val)
            elif op in (":+", "+"):
                present = val is not None and (op == "+" or val != "")
                out.append(arg if present else "")
            else:
                if val is None or (op == ":?" and val == ""):
                    raise Unknown       # compose stops: "required variable ... is missing a value"
                out.append(val)
        else:
            m = _NAME.match(s, i + 1)
            if not m:
                out.append("$")
                i += 1
                continue
            val = env.get(m.group())
            if val is None:
                raise Unknown
            out.append(val)
            i = m.end()
    if stop is not None:
        raise Unknown
    return "".join(out), i
