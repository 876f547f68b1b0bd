"""The per-file phase's workers (odoolint/pool.py): a pool started by the walk of a cold run, the configuration
each chunk carries, and what a worker gets ready before its first chunk."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from odoolint import pool as pool_mod
from odoolint import runner
from odoolint.config import Settings
from odoolint.runner import RunOptions, run
from tests.helpers import write_tree

XML = '<odoo>\n  <record id="r{i}" model="ir.ui.view">\n    <field name="arch" type="xml"><tree/></field>\n' \
      '  </record>\n</odoo>\n'


def _big_tree(root: Path, n: int = 260) -> None:
    """An addon with `n` Python files and `n // 4` views: enough for the walk to start the pool."""
    files = {"addon/__manifest__.py": "{'name': 'a', 'version': '17.0.1.0.0'}\n"}
    for i in range(n):
        files[f"addon/models/m{i:03d}.py"] = "def f(:\n" if i % 5 == 0 else "x = 1\n"
    for i in range(n // 4):
        files[f"addon/views/v{i:03d}.xml"] = XML.format(i=i)
    write_tree(root, files)


def _spy_walk(monkeypatch) -> list:
    """Each call of EarlyPool.on_walk: (armed, kinds, started)."""
    calls: list = []
    real = pool_mod.EarlyPool.on_walk

    def on_walk(self, kinds):
        real(self, kinds)
        calls.append((self.armed, set(kinds), self.executor is not None))

    monkeypatch.setattr(pool_mod.EarlyPool, "on_walk", on_walk)
    return calls


def test_a_cold_walk_starts_the_worker_and_the_findings_are_those_of_one_process(tmp_path: Path, monkeypatch):
    _big_tree(tmp_path)
    calls = _spy_walk(monkeypatch)
    here: list[str] = []
    elsewhere_dir = tmp_path.parent / (tmp_path.name + "-worker")
    elsewhere_dir.mkdir()
    parent, real_job = os.getpid(), runner._lint_job

    def counted(job, *args):
        if os.getpid() == parent:
            here.append(job[0].path)
        else:
            (elsewhere_dir / f"{os.getpid()}-{job[0].relpath.replace('/', '_')}").touch()
        return real_job(job, *args)

    monkeypatch.setattr(runner, "_lint_job", counted)
    s = Settings(select=["PY001", "XML101"], odoo_version="18.0")
    two = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    assert len(calls) == 1
    armed, kinds, started = calls[0]
    assert armed and started
    assert kinds <= {"manifest", "python", "xml"} and "python" in kinds
    worker = [p.name.split("-", 1) for p in elsewhere_dir.iterdir()]
    assert len({pid for pid, _ in worker}) == 1              # one worker
    assert here and worker
    assert sorted([os.path.relpath(p, tmp_path).replace("/", "_") for p in here] + [rel for _, rel in worker]) == \
        sorted(p.relative_to(tmp_path).as_posix().replace("/", "_") for p in tmp_path.rglob("*.*")
               if p.is_file() and ".git" not in p.parts)      # every file once, here or there
    one = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    assert len(calls) == 1                                  # --jobs 1: nothing to start
    assert sorted({d.code for d in one.diagnostics}) == ["PY001", "XML101"]
    assert len([d for d in one.diagnostics if d.code == "PY001"]) == 52
    assert len([d for d in one.diagnostics if d.code == "XML101"]) == 65
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]


def test_a_run_whose_cache_holds_results_does_not_start_the_pool_during_its_walk(tmp_path: Path, monkeypatch):
    _big_tree(tmp_path)
    s = Settings(select=["PY001"], cache_dir=str(tmp_path / ".cache"))
    first = run(RunOptions([tmp_path], s, jobs=1))
    calls = _spy_walk(monkeypatch)
    walks: list[int] = []
    from odoolint import discovery
    real_discover = discovery.discover
    monkeypatch.setattr(discovery, "discover", lambda *a, **k: walks.append(1) or real_discover(*a, **k))
    (tmp_path / "addon" / "models" / "new.py").write_text("x = (\n")     # the folder changed: walked again
    second = run(RunOptions([tmp_path], s, jobs=2))
    assert walks == [1] and calls == []
    assert len(first.diagnostics) == 52 and len(second.diagnostics) == 53


def test_a_small_cold_tree_never_reaches_the_walk_s_threshold(tmp_path: Path, monkeypatch):
    write_tree(tmp_path, {f"m{i:03d}.py": "x = 1\n" for i in range(pool_mod.EARLY_FILES - 1)})
    calls = _spy_walk(monkeypatch)
    run(RunOptions([tmp_path], Settings(select=["PY001"]), jobs=2, no_cache=True))
    assert calls == []


def test_a_pool_the_run_did_not_take_is_stopped(tmp_path: Path):
    early = pool_mod.EarlyPool(2)
    early.on_walk({"python"})
    assert early.executor is None                           # not armed: nothing started
    early.armed = True
    early.on_walk({"python"})
    executor = early.executor
    assert executor is not None
    deadline = time.monotonic() + 30
    while not executor._processes and time.monotonic() < deadline:
        time.sleep(0.01)
    pids = list(executor._processes)
    assert len(pids) == 1
    early.close()
    assert early.executor is None and early.take() is None
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                break                                       # reaped by the executor
            if done:
                break
            time.sleep(0.01)
        else:
            raise AssertionError(f"worker {pid} still running")


def test_a_chunk_is_linted_with_the_configuration_it_carries(tmp_path: Path, monkeypatch):
    """In-process: the worker's task builds its rule set from the chunk's configuration, and builds it again when
    the configuration changes (a fix round with another target, or another run of a long-lived process)."""
    from odoolint.discovery import SourceRef
    write_tree(tmp_path, {"a.py": "def f(:\n", "v.xml": XML.format(i=1)})
    monkeypatch.setattr(pool_mod, "_STATE", {})
    refs = [SourceRef(str(tmp_path / "a.py"), "a.py", "python", None, None),
            SourceRef(str(tmp_path / "v.xml"), "v.xml", "xml", None, None)]
    enabled = frozenset({"PY001", "XML101"})
    at18 = pool_mod.configuration(["python", "xml"], enabled, "18.0", {})
    results = pool_mod.lint_chunk(at18, [(r, None) for r in refs])
    assert [[(d.code, d.span.start.line, d.span.start.column) for d in r.diagnostics] for r in results] == \
        [[("PY001", 1, 7)], [("XML101", 3, 36)]]
    at17 = pool_mod.configuration(["python", "xml"], enabled, "17.0", {})
    results = pool_mod.lint_chunk(at17, [(r, None) for r in refs])
    assert [[d.code for d in r.diagnostics] for r in results] == [["PY001"], []]    # no `<list>` before 18.0
    assert pool_mod._STATE["config"] == at17


def test_a_worker_started_early_imports_the_rules_and_parsers_of_the_kinds_seen():
    """A real process: what `worker_start` readies before its first chunk (lxml, the PO reader, the rule modules
    of those kinds), and nothing of a kind it was not told (tree-sitter for JavaScript)."""
    code = ("import sys\nfrom odoolint import pool\nfrom odoolint.registry import REGISTRY\n"
            "pool.worker_start(['xml', 'po'])\n"
            "print('lxml.etree' in sys.modules, 'odoolint.sources.poreader' in sys.modules,"
            " 'tree_sitter' in sys.modules, 'XML101' in REGISTRY.rules, 'PO101' in REGISTRY.rules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False", "True", "True"]


# ---- the fork pool itself (odoolint/forkpool.py) --------------------------------------------------------------

def _double(config: bytes, jobs: list) -> list:
    return [config + j * 2 for j in jobs]


def _drain(pool, n: int) -> dict:
    got: dict = {}
    deadline = time.monotonic() + 60
    while len(got) < n and time.monotonic() < deadline:
        for i, res in pool.poll(None):
            got[i] = res
    return got


def test_the_fork_pool_carries_messages_bigger_than_a_pipe_both_ways():
    """Chunks and results of a few MB (a fix round ships the fixed bytes): written without blocking, read back
    whole, each chunk's result under its index."""
    from odoolint.forkpool import ForkPool
    pool = ForkPool(2, lambda: None, _double, depth=3)
    try:
        sent = {}
        for i in range(6):
            jobs = [bytes([65 + i]) * (300_000 + i)] * 3
            sent[i] = jobs
            assert pool.free() > 0
            pool.submit(i, b"c", jobs)
        assert pool.free() == 0 and pool.outstanding() == 6
        got = _drain(pool, 6)
        assert sorted(got) == list(range(6))
        assert all(got[i] == [b"c" + j * 2 for j in sent[i]] for i in got)
        assert pool.outstanding() == 0 and pool.free() == 6
    finally:
        pool.close()
    assert pool._processes == {}


def _dies_on_second(config: bytes, jobs: list) -> list:
    if jobs == [b"die"]:
        os._exit(3)
    if jobs == [b"raise"]:
        raise ValueError("a chunk the worker cannot lint")
    return [config + j for j in jobs]


def test_a_chunk_a_worker_fails_or_loses_with_its_death_comes_back_as_lost():
    from odoolint.forkpool import ForkPool
    pool = ForkPool(1, lambda: None, _dies_on_second)
    try:
        pool.submit(0, b"x", [b"raise"])
        assert _drain(pool, 1) == {0: None}          # it raised: lost, the worker lives on
        pool.submit(1, b"x", [b"a"])
        assert _drain(pool, 1) == {1: [b"xa"]}
        pool.submit(2, b"x", [b"die"])
        pool.submit(3, b"x", [b"b"])
        assert _drain(pool, 2) == {2: None, 3: None}  # it died: both outstanding chunks lost
        assert pool.free() == 0 and pool.outstanding() == 0
    finally:
        pool.close()


def _exit_before_reading() -> None:
    time.sleep(0.3)
    os._exit(0)


def test_a_chunk_still_being_written_when_its_worker_dies_comes_back_as_lost():
    """The worker dies while most of a big chunk still waits in the parent's buffer: the write that finds it gone
    happens inside `poll`, and the chunk is handed back as lost (it used to vanish: `outstanding()` said 0 and
    the run's results had a hole)."""
    from odoolint.forkpool import ForkPool
    pool = ForkPool(1, _exit_before_reading, _double)
    try:
        pool.submit(0, b"x", [b"a" * 4_000_000])     # a pipe takes 64 KiB at most: the rest waits in the buffer
        got = {}
        while pool.outstanding():                    # what the runner's phase does after its last chunk
            got.update(pool.poll(None))
        assert got == {0: None}
        assert pool.free() == 0
    finally:
        pool.close()


def test_a_run_whose_worker_dies_still_lints_every_file_once(tmp_path: Path, monkeypatch):
    """The parent lints the chunks of a worker that died: the findings are those of one process."""
    _big_tree(tmp_path)
    parent = os.getpid()
    real = pool_mod.lint_chunk
    seen: list = []

    def dying(config, jobs):
        seen.append(1)
        if os.getpid() != parent and len(seen) == 2:
            os._exit(9)
        return real(config, jobs)

    monkeypatch.setattr(pool_mod, "lint_chunk", dying)
    s = Settings(select=["PY001", "XML101"], odoo_version="18.0")
    two = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    one = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    assert len(one.diagnostics) == 52 + 65
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]
    assert two.errors == []


def test_an_interrupt_in_the_parent_stops_and_reaps_its_workers(tmp_path: Path, monkeypatch):
    _big_tree(tmp_path)
    parent = os.getpid()
    real_job = runner._lint_job
    calls: list = []

    def interrupted(job, *args):
        if os.getpid() == parent:
            calls.append(1)
            if len(calls) == 20:
                raise KeyboardInterrupt
        return real_job(job, *args)

    monkeypatch.setattr(runner, "_lint_job", interrupted)
    try:
        run(RunOptions([tmp_path], Settings(select=["PY001"]), jobs=2, no_cache=True))
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the interrupt did not reach the caller")
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        pid = None                                   # no child left at all
    assert pid in (None, 0)
    assert not [p for p in os.listdir("/proc") if p.isdigit() and _parent_of(p) == parent]


def _parent_of(pid: str):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def test_where_forking_is_not_the_way_the_executor_gives_the_same_findings(tmp_path: Path, monkeypatch):
    """macOS and Windows spawn their workers (ExecutorWorkers): the same chunks, the same findings."""
    _big_tree(tmp_path)
    monkeypatch.setattr(sys, "platform", "darwin")
    started: list = []
    real = pool_mod.ExecutorWorkers.__init__

    def init(self, *a, **k):
        started.append(1)
        real(self, *a, **k)

    monkeypatch.setattr(pool_mod.ExecutorWorkers, "__init__", init)
    s = Settings(select=["PY001", "XML101"], odoo_version="18.0")
    two = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    monkeypatch.setattr(sys, "platform", "linux")
    one = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    assert started == [1]
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]


def test_when_no_process_can_be_forked_this_process_lints_every_file(tmp_path: Path, monkeypatch):
    """A process limit reached (fork fails with EAGAIN): during the walk and at the phase, the run goes on in
    this process alone, with the findings of --jobs 1."""
    import errno
    _big_tree(tmp_path)
    tries: list = []

    def refused():
        tries.append(1)
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    s = Settings(select=["PY001", "XML101"], odoo_version="18.0")
    two = run(RunOptions([tmp_path], s, jobs=2, no_cache=True))
    assert len(tries) == 2                              # the walk's try, then the phase's
    monkeypatch.undo()
    one = run(RunOptions([tmp_path], s, jobs=1, no_cache=True))
    assert len(one.diagnostics) == 52 + 65 and two.errors == []
    assert [d.to_dict() for d in one.diagnostics] == [d.to_dict() for d in two.diagnostics]
