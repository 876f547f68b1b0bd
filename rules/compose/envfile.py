"""Env files: the "env_file" facts, so that the deployment model knows what a compose `env_file:` sets.

Schema: {"entries": {KEY: {"value": str, "line": int, "value_span": span, "key_span": span,
"raw": bool (the value span's text is the value), "quote": "'" | '"' | ""}}} (the last assignment wins, as in
docker compose).
"""
from __future__ import annotations

from odoolint.registry import facts


def _quote(raw: str) -> str:
    raw = raw.strip()
    return raw[0] if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] else ""


@facts("env-file", "env_file")
def extract(ctx) -> dict:
    entries = {}
    for e in ctx.tree or []:
        start = ctx.index.offset(e.line, e.value_column)
        line_end = ctx.index.line_end(e.line)
        key_start = ctx.index.offset(e.line, e.key_column)
        entries[e.key] = {"value": e.value, "line": e.line,
                          "value_span": ctx.span(min(start, line_end), line_end).to_dict(),
                          "key_span": ctx.span(key_start, min(key_start + len(e.key), line_end)).to_dict(),
                          "raw": ctx.source[min(start, line_end):line_end] == e.value,
                          "quote": _quote(ctx.source[min(start, line_end):line_end])}
    return {"entries": entries}
