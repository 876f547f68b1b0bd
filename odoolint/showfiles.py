"""`odoolint check --show-files`: every file a run would read, with its kind and addon, so users can see what
was taken for an odoo.conf, a compose file or a DO spec (and what was left out) before reading any finding."""
from __future__ import annotations

from pathlib import Path

from .discovery import discover


def listing(paths: list[Path], root: Path, settings) -> list[str]:
    """One line per file: `relpath  kind  addon` (addon `-` outside addons), sorted by path."""
    refs = discover(paths or [Path(".")], root, settings.all_excludes(), settings.respect_gitignore,
                    settings.force_exclude)
    rows = [(r.relpath, r.kind, r.addon or "-") for r in refs]
    if not rows:
        return []
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    return [f"{p:<{w0}}  {k:<{w1}}  {a}" for p, k, a in sorted(rows)]
