"""The `odoolint` command line: ruff's habits (check, rule, explain, upgrade, clean, server; exit codes 0/1/2).

`main` is the command; `entry`, what the `odoolint` executable runs, is `main` with a faster way out. A `check`
command line that uses its options plainly (what editors, hooks and CI send) is read by check_command without
importing click, whose import was a fifth of a one-file run; everything else (other commands, `--help`,
`--version`, usage errors) goes to the click commands of commands.py, built from the same option table.
"""
from __future__ import annotations

import sys

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
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


def entry() -> None:
    """The `odoolint` executable: `main`, then, once its output is flushed and the exit handlers have run, an exit
    that skips the interpreter's teardown. Finalisation frees every object of the run one by one (the decoded
    cache of a warm run, the results of a cold one): 5-15 ms, a twentieth of a warm run, for a process that is
    ending anyway. mypy leaves the same way (`mypy.util.hard_exit`). Only for a process of its own: callers in a
    live interpreter (tests, embedding code) call `main`, which raises SystemExit as usual."""
    from .lifetime import ending_without_teardown
    ending_without_teardown()
    try:
        main()
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        if type(code) is not int:
            raise               # a message to print: the usual exit prints it
        _leave(code, exc)


def _leave(code: int, exc: BaseException) -> None:
    import atexit
    import os
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        atexit._run_exitfuncs()     # what finalisation would run first (multiprocessing's clean-up, coverage)
    except BaseException:           # a closed pipe, a failing handler: the usual exit reports it
        raise exc from None
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
