"""`odoolint check --statistics`: findings counted per rule, as text or (with `--output-format json`) as ruff's
JSON list of `{code, name, count, fixable, fixable_count}`, most frequent first."""
from __future__ import annotations

import json

from .fixes import fixable


def rows(diagnostics, unsafe: bool) -> list[dict]:
    counts: dict[tuple[str, str], list[int]] = {}
    for d in diagnostics:
        c = counts.setdefault((d.code, d.name), [0, 0])
        c[0] += 1
        c[1] += 1 if fixable(d, unsafe) else 0
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0][0]))
    return [{"code": code, "name": name, "count": n, "fixable": fx > 0, "fixable_count": fx}
            for (code, name), (n, fx) in ordered]


def render(diagnostics, unsafe: bool, fmt: str) -> str:
    table = rows(diagnostics, unsafe)
    if fmt == "json":
        return json.dumps(table, indent=2) + "\n"
    width = max((len(str(r["count"])) for r in table), default=1)
    return "".join(f"{r['count']:>{width}}\t{r['code']}\t{'[*] ' if r['fixable'] else '    '}{r['name']}\n"
                   for r in table)
