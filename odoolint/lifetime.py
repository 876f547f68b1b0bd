"""Objects that a process leaving by `os._exit` need not free.

The `odoolint` executable ends with `os._exit` (cli.entry): nothing is freed at the end. Objects that go out of
scope before that point are still freed one by one. For example, when the runner returns, the results, facts
and bytes of a cold run are freed: 8-14 ms on a 3,000-file tree, in the serial part of the run. `keep` hands
such objects to this module. In that executable they then live until the process ends. Anywhere else (tests,
the language server, embedding code) `keep` does nothing and they are freed as usual.
"""
from __future__ import annotations

_KEPT: list = []
_ENDING = False


def ending_without_teardown() -> None:
    """Called by the executable before it runs: it will leave by `os._exit`, which frees nothing."""
    global _ENDING
    _ENDING = True


def keep(obj) -> None:
    """Keep `obj` alive until the process ends, when it ends without teardown."""
    if _ENDING:
        _KEPT.append(obj)
