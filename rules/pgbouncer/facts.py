"""pgbouncer.ini: the "pgbouncer" facts, so that the deployment model knows how a pooler hands out connections.

Schema: {"pool_mode": {"value": str, "span": span} | None (the `[pgbouncer]` setting), "databases": {name:
{"pool_mode": str | None, "span": span}} (per-database `pool_mode=` of `[databases]` entries, `*` included),
"listen_port": str | None, "dir": abs folder}. PgBouncer's own default is `pool_mode = session` (PgBouncer
documentation, config.md "pool_mode": "Default: session").
"""
from __future__ import annotations

import os
import re

from odoolint.registry import facts

_DB_POOL_MODE = re.compile(r"(?:^|\s)pool_mode\s*=\s*(\w+)")


@facts("pgbouncer-ini", "pgbouncer")
def extract(ctx) -> dict:
    tree = ctx.tree
    out: dict = {"pool_mode": None, "databases": {}, "listen_port": None,
                 "dir": os.path.dirname(os.path.abspath(ctx.path))}
    if tree is None:
        return out
    for opt in tree.options:
        section = opt.section.lower()
        if section == "pgbouncer" and opt.key == "pool_mode":
            out["pool_mode"] = {"value": opt.value.strip().lower(),
                                "span": ctx.span(opt.value_start, opt.value_end).to_dict()}
        elif section == "pgbouncer" and opt.key == "listen_port":
            out["listen_port"] = opt.value.strip()
        elif section == "databases":
            m = _DB_POOL_MODE.search(opt.value)
            if m:
                start = opt.value_start + opt.value.find(m.group(1), m.start())
                out["databases"][opt.raw_key] = {"pool_mode": m.group(1).lower(),
                                                 "span": ctx.span(start, start + len(m.group(1))).to_dict()}
    return out
