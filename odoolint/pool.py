"""The per-file phase's worker processes: what each is told, and a start made during the walk of a cold run.

A pool started when the per-file phase begins forks its worker after the parent's serial start: the walk,
version detection and the rule modules' imports. The worker then imports, after the fork, what the parent
imports lazily: lxml, tree-sitter and the PO reader, about 25 ms. During all that time the second core idles.

On a cold run of a big tree, `EarlyPool` starts the pool during the walk instead, once the walk has found
`EARLY_FILES` files. Its worker imports the rule modules of the kinds seen so far, and the parsers of those
kinds, while the parent walks on. It lints as soon as the first chunk arrives.

Each chunk carries the run's configuration (rule kinds, enabled codes, target, options), pickled once per
phase. A worker rebuilds its rule set only when the bytes differ from the last ones it read. The rule modules a
worker imports are the kinds of the configuration, as the parent's are: the rules that run on a file do not
depend on which process lints it.
"""
from __future__ import annotations

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Optional

# files found by the walk before the pool is started early: well above POOL_THRESHOLD (runner.py), so that a
# pool started this way is almost always used
EARLY_FILES = 200

# a tiny valid text per kind whose parser imports something heavy on first use (lxml, tree-sitter, the PO reader)
_SAMPLES = {
    "xml": b"<odoo/>\n",
    "js": b"const a = 1;\n",
    "po": b'msgid ""\nmsgstr ""\n',
    "python": b"x = 1\n",
    "manifest": b"{}\n",
}

_STATE: dict = {}


def worker_start(kinds: Optional[list[str]]) -> None:
    """Once per worker process. `kinds`: the kinds to get ready for (an early start), None when the worker
    inherited the parent's rule modules and parsers (forked when the per-file phase began)."""
    from .safeio import die_with_parent
    die_with_parent()      # a `kill -9` of odoolint leaves no orphaned worker behind
    if kinds:
        _prepare(kinds)


def _prepare(kinds: list[str]) -> None:
    """Import the rule modules of `kinds` and their parsers. Best effort: what fails here fails again, and is
    reported, when a file of that kind is linted."""
    from .registry import load_rules
    from .sources import decode, parse
    try:
        load_rules(set(kinds))
    except Exception:  # noqa: BLE001
        return
    for kind in kinds:
        sample = _SAMPLES.get(kind)
        if sample is not None:
            try:
                parse(kind, decode(sample, kind), "<prepare>")
            except Exception:  # noqa: BLE001
                pass


def configuration(kinds: list[str], enabled: frozenset, target_s: Optional[str], options: dict) -> bytes:
    """What every chunk of a phase carries."""
    import pickle      # here: a warm run, which lints nothing, does not import it
    return pickle.dumps((kinds, enabled, target_s, options), protocol=pickle.HIGHEST_PROTOCOL)


def lint_chunk(config: bytes, jobs: list) -> list:
    """A worker's task: lint the chunk's files with the configuration given."""
    from .runner import _gc_for_lint, _lint_job
    state = _STATE
    if state.get("config") != config:
        import pickle

        from .engine import build_ruleset
        from .model import OdooVersion
        from .registry import load_rules
        kinds, enabled, target_s, options = pickle.loads(config)
        registry = load_rules(set(kinds))
        target = OdooVersion.parse(target_s)
        state.update(config=config, registry=registry, ruleset=build_ruleset(registry, enabled, target),
                     target=target, options=options)
        _gc_for_lint()
    registry, ruleset, target, options = state["registry"], state["ruleset"], state["target"], state["options"]
    return [_lint_job(job, registry, ruleset, target, options) for job in jobs]


def start_workers(n: int, kinds: Optional[list[str]]):
    """`n` worker processes (see `worker_start` for `kinds`): a ForkPool on Linux, where forking this process
    is what multiprocessing does too; elsewhere (macOS, Windows: workers spawned afresh) an ExecutorWorkers.
    Every process forked from here on dies with this one (safeio.arm_workers)."""
    import sys

    from .safeio import arm_workers
    arm_workers()
    if sys.platform.startswith("linux"):
        from .forkpool import ForkPool
        return ForkPool(n, lambda: worker_start(kinds), lint_chunk)
    return ExecutorWorkers(n, kinds)


def _started() -> None:
    """The first task of an ExecutorWorkers: it makes the executor start its workers now."""


class ExecutorWorkers:
    """ForkPool's interface over `concurrent.futures.ProcessPoolExecutor`, where forking is not the way."""

    def __init__(self, n: int, kinds: Optional[list[str]], depth: int = 2):
        from concurrent.futures import ProcessPoolExecutor
        self.executor = ProcessPoolExecutor(max_workers=n, initializer=worker_start, initargs=(kinds,))
        self.executor.submit(_started)
        self.capacity = depth * n
        self.pending: dict = {}         # future -> chunk index

    @property
    def _processes(self) -> dict:
        return getattr(self.executor, "_processes", None) or {}

    def free(self) -> int:
        return self.capacity - len(self.pending)

    def outstanding(self) -> int:
        return len(self.pending)

    def submit(self, i: int, config: bytes, jobs: list) -> None:
        self.pending[self.executor.submit(lint_chunk, config, jobs)] = i

    def poll(self, timeout: Optional[float]) -> list:
        from concurrent.futures import FIRST_COMPLETED, wait
        if not self.pending:
            return []
        done, _ = wait(list(self.pending), timeout=timeout, return_when=FIRST_COMPLETED)
        out = []
        for f in done:
            i = self.pending.pop(f)
            try:
                out.append((i, f.result()))
            except Exception:  # noqa: BLE001 - a broken pool: the caller lints the chunk itself
                out.append((i, None))
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True)

    def stop(self) -> None:
        from .safeio import stop_pool
        stop_pool(self.executor)


class EarlyPool:
    """A pool started by the walk of a cold run (see the module's doc), taken by the per-file phase.

    `armed` says the run may use it (a cold run with more than one job). `on_walk(kinds)` is what the walk calls
    once it has found EARLY_FILES files. `take()` hands the pool over (None if it was never started), and
    `close()` stops a pool that was never taken."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.armed = False
        self.executor = None

    def on_walk(self, kinds) -> None:
        if not self.armed or self.executor is not None:
            return
        try:
            from .safeio import track_pool
            executor = start_workers(self.jobs - 1, sorted(kinds))
            track_pool(executor)       # a SIGTERM kills these workers before the run ends
        except Exception:  # noqa: BLE001 - no pool now (fork refused): the phase starts its own
            return
        self.executor = executor

    def take(self):
        executor, self.executor = self.executor, None
        return executor

    def close(self) -> None:
        executor = self.take()
        if executor is not None:
            from .safeio import untrack_pool
            untrack_pool(executor)
            executor.stop()
