"""Env files: the "env_file" facts, so that the deployment model knows what a compose `env_file:` sets.

Schema: {"entries": {KEY: {"value": str, "line": int, "value_span": span, "key_span": span}}} (the last assignment wins, as in
docker compose).
"""
from __future__ import annotations

from odoolint.registry import facts


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
                          "raw": ctx.source[min(start, line_end):line_end] == e.value}
    return {"entries": entries}
