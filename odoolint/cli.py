"""The `odoolint` command line: ruff's habits (check, rule, explain, upgrade, clean, server; exit codes 0/1/2).

`main` is the entry point. A `check` command line that uses its options plainly (what editors, hooks and CI send)
is read by check_command without importing click, whose import was a fifth of a one-file run; everything else
(other commands, `--help`, `--version`, usage errors) goes to the click commands of commands.py, built from the
same option table.
"""
from __future__ import annotations

import sys
from typing import Optional

from .check_command import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, OUTPUT_FORMATS  # noqa: F401 - re-exported


def main(args: Optional[list[str]] = None) -> None:
    import gc
    # a run makes few reference cycles, and with the default threshold (700) the collector kept re-scanning the
    # young objects of a decoded cache: about a tenth of a warm run. Every 50,000 allocations is enough.
    gc.set_threshold(50_000, 20, 20)
    from .check_command import parse_argv, run_standalone
    params = parse_argv(sys.argv[1:] if args is None else list(args))
    if params is not None:
        run_standalone(params)
    from .commands import main as commands
    if args is None:
        commands()
    else:
        commands.main(args=list(args))


if __name__ == "__main__":  # pragma: no cover
    main()
