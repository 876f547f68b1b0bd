"""Items 3, 5, 6 and 7 of #15 on real files: FIFOs, symlinks, line endings, owner/mode/hard links, unwritable
targets, signals, and memory that follows the input's size."""
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from odoolint import safeio
from odoolint.commands import main
from tests.helpers import lint, rows, write_tree

FIXABLE = "[options]\nxmlrpc_port = 8070\ndb_host = db\n"         # CNF102 renames xmlrpc_port on 19.0
FIXED = "[options]\nhttp_port = 8070\ndb_host = db\n"
RENAME = ("CNF102",)


def _fix(root: Path, *paths: Path, follow: bool = False):
    args = ["check", *(str(p) for p in (paths or (root,))), "--no-cache", "--jobs", "1", "--odoo-version", "19.0",
            "--fix", "--select", "CNF102,OL004,OL006,CNF001,PY001"]
    if follow:
        args.append("--follow-external-symlinks")
    return CliRunner().invoke(main, args)


# ---- FIFOs and devices: never opened for a blocking read -----------------------------------------------

@pytest.mark.parametrize("explicit", [False, True])
def test_fifos_named_odoo_conf_and_x_py_are_findings_not_hangs(tmp_path, explicit):
    write_tree(tmp_path, {"addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
                          "addons/m/__init__.py": ""})
    os.mkfifo(tmp_path / "odoo.conf")
    os.mkfifo(tmp_path / "addons/m/x.py")
    paths = [tmp_path / "odoo.conf", tmp_path / "addons/m/x.py"] if explicit else [tmp_path]
    result = lint(tmp_path, select=["CNF001", "PY001"], fix=True, paths=paths)
    assert rows(result, tmp_path) == [
        ("addons/m/x.py", "PY001", 1, 1, "cannot read the file: a FIFO, not a regular file; not read"),
        ("odoo.conf", "CNF001", 1, 1, "cannot read the file: a FIFO, not a regular file; not read")]
    assert stat.S_ISFIFO(os.lstat(tmp_path / "odoo.conf").st_mode)


def test_a_character_device_is_not_read(tmp_path):
    write_tree(tmp_path, {})
    (tmp_path / "odoo.conf").symlink_to("/dev/zero")          # outside the project: OL004, never opened
    (tmp_path / "inner").mkdir()
    result = lint(tmp_path, select=["CNF001", "OL004"], fix=True)
    assert [r[1] for r in rows(result, tmp_path)] == ["OL004"]
    with pytest.raises(safeio.Refused, match="a character device, not a regular file"):
        safeio.read_regular("/dev/zero")


def test_a_huge_sparse_file_is_refused_before_it_is_read(tmp_path):
    write_tree(tmp_path, {})
    with open(tmp_path / "odoo.conf", "wb") as fh:
        fh.truncate(1 << 34)                     # 16 GiB of holes: reading it whole would exhaust memory
    result = lint(tmp_path, select=["CNF001"])
    assert rows(result, tmp_path) == [("odoo.conf", "CNF001", 1, 1, f"cannot read the file: file is {1 << 34} bytes, "
                                       f"above the {8 << 20} byte limit; not read")]


def test_a_regular_file_longer_than_its_stat_size_is_read_whole_up_to_the_limit():
    """`read_regular` reads the size fstat gave plus one byte; a file that holds more (it grew, or it is a
    /proc file whose size reads 0) is read on, and refused once past the limit."""
    with open("/proc/self/status", "rb") as fh:
        whole = fh.read()
    assert os.stat("/proc/self/status").st_size == 0 and len(whole) > 100
    data = safeio.read_regular("/proc/self/status")
    assert data.startswith(b"Name:\t") and data.count(b"\n") == whole.count(b"\n")
    with pytest.raises(safeio.Refused, match="file grew above the 10 byte limit while being read; not read"):
        safeio.read_regular("/proc/self/status", limit=10)


def test_a_file_read_in_one_short_read_is_its_bytes(tmp_path):
    for size in (0, 1, 4095, 4096, 70_000):
        (tmp_path / "f").write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        assert safeio.read_regular(str(tmp_path / "f")) == (tmp_path / "f").read_bytes()


# ---- symlinks -------------------------------------------------------------------------------------------

def test_a_symlink_out_of_the_project_is_not_read_nor_printed_nor_fixed(tmp_path):
    outside = tmp_path / "secrets"
    outside.mkdir()
    (outside / "odoo.conf").write_text("[options]\nxmlrpc_port = 8070\nadmin_passwd = TOPSECRET\n")
    root = tmp_path / "repo"
    root.mkdir()
    write_tree(root, {})
    (root / "odoo.conf").symlink_to(outside / "odoo.conf")
    res = _fix(root)
    assert "TOPSECRET" not in res.output
    assert "odoo.conf:1:1: OL004 this file is a symlink (or lies under one) whose target is outside the project: " \
           "not read; pass --follow-external-symlinks to read it (it is never fixed)" in res.output
    assert "CNF102" not in res.output
    assert os.path.islink(root / "odoo.conf") and "xmlrpc_port" in (outside / "odoo.conf").read_text()


def test_follow_external_symlinks_reads_the_file_but_never_writes_it(tmp_path):
    outside = tmp_path / "secrets"
    outside.mkdir()
    (outside / "odoo.conf").write_text(FIXABLE)
    root = tmp_path / "repo"
    root.mkdir()
    write_tree(root, {})
    (root / "odoo.conf").symlink_to(outside / "odoo.conf")
    res = _fix(root, follow=True)
    assert "OL004" not in res.output
    assert "odoo.conf:1:1: OL006 fixes not written: a symlink leads out of the project; not written; the file is " \
           "unchanged" in res.output
    assert (outside / "odoo.conf").read_text() == FIXABLE and os.path.islink(root / "odoo.conf")


def test_fix_through_a_symlink_inside_the_project_writes_the_target_and_keeps_the_link(tmp_path):
    write_tree(tmp_path, {"conf/real.conf": FIXABLE})
    (tmp_path / "odoo.conf").symlink_to("conf/real.conf")
    _fix(tmp_path, tmp_path / "odoo.conf")
    assert os.path.islink(tmp_path / "odoo.conf") and os.readlink(tmp_path / "odoo.conf") == "conf/real.conf"
    assert (tmp_path / "conf/real.conf").read_text() == FIXED


# ---- line endings, owner, mode, hard links ----------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_line_endings_of_the_file_are_kept(tmp_path, newline):
    write_tree(tmp_path, {"odoo.conf": FIXABLE.replace("\n", newline).encode()})
    _fix(tmp_path)
    assert (tmp_path / "odoo.conf").read_bytes() == FIXED.replace("\n", newline).encode()


def test_a_mixed_file_stays_mixed_line_by_line(tmp_path):
    write_tree(tmp_path, {"odoo.conf": b"[options]\r\nxmlrpc_port = 8070\rdb_host = db\n"})
    _fix(tmp_path)
    assert (tmp_path / "odoo.conf").read_bytes() == b"[options]\r\nhttp_port = 8070\rdb_host = db\n"


def test_owner_mode_and_hard_links_are_kept(tmp_path):
    write_tree(tmp_path, {"odoo.conf": FIXABLE, "other.conf": FIXABLE})
    conf, other = tmp_path / "odoo.conf", tmp_path / "other.conf"
    os.chmod(conf, 0o640)
    uid, gid = (4321, 4322) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(conf, uid, gid)
    link = tmp_path / "hardlink-of-other"
    os.link(other, link)
    before = os.stat(other).st_ino
    _fix(tmp_path, conf, other)
    st = os.stat(conf)
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o640, uid, gid)
    assert conf.read_text() == FIXED
    assert os.stat(other).st_ino == before and os.stat(other).st_nlink == 2 and link.read_text() == FIXED


# ---- what cannot be written ----------------------------------------------------------------------------

def test_an_unwritable_folder_under_fix_is_one_line_exit_2_and_nothing_half_written(tmp_path, monkeypatch):
    write_tree(tmp_path, {"odoo.conf": FIXABLE, "b/odoo.conf": FIXABLE})

    import tempfile     # safeio imports it when it writes; patched where it lives
    real_mkstemp = tempfile.mkstemp

    def refusing(*args, dir=None, **kw):        # what a read-only folder does (root ignores chmod)
        if Path(dir) == tmp_path / "b":
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kw)
    monkeypatch.setattr(tempfile, "mkstemp", refusing)
    res = _fix(tmp_path)
    assert res.exit_code == 2 and res.exception is None or isinstance(res.exception, SystemExit)
    assert [ln for ln in res.stderr.splitlines() if ln.startswith("error:")] == [
        "error: b/odoo.conf: cannot write the fixed file: Permission denied"]
    assert (tmp_path / "b/odoo.conf").read_text() == FIXABLE and (tmp_path / "odoo.conf").read_text() == FIXED
    assert not [p for p in tmp_path.rglob("*.odoolint")]


def test_an_interrupted_write_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    write_tree(tmp_path, {"odoo.conf": FIXABLE})

    def interrupted(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(safeio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safeio.write_fixed(tmp_path / "odoo.conf", FIXED.encode(), tmp_path)
    assert (tmp_path / "odoo.conf").read_text() == FIXABLE
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "odoo.conf"]


@pytest.mark.parametrize("target", ["missing/dir/report.txt", "."])
def test_an_unwritable_output_file_is_one_line_and_exit_2(tmp_path, target):
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    r = subprocess.run([sys.executable, "-m", "odoolint.cli", "check", "--no-cache", "--select", "PY001", "-o",
                        str(tmp_path / target), str(tmp_path)], capture_output=True, cwd=tmp_path)
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert len(r.stderr.decode().strip().splitlines()) == 1
    assert r.stderr.decode().startswith("error: ")


# ---- signals: temporary files and worker processes are cleaned up -------------------------------------------

_SLOW_TREE = {f"addons/m{i}/models/x{j}.py": "from odoo import models\n\n\nclass A(models.Model):\n"
              "    _inherit = 'res.partner'\n" + "    def f(self):\n        return 1\n" * 400
              for i in range(4) for j in range(40)}


def _children(pid: int) -> set[int]:
    try:
        return {int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def _start_with_workers(tmp_path: Path):
    for i in range(4):
        write_tree(tmp_path, {f"addons/m{i}/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\n",
                              f"addons/m{i}/__init__.py": "from . import models\n"})
    write_tree(tmp_path, _SLOW_TREE)
    # --jobs counts this process, which lints too: 3 forks two workers
    proc = subprocess.Popen([sys.executable, "-m", "odoolint.cli", "check", "--no-cache", "--jobs", "3", "--fix",
                             str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    workers: set[int] = set()
    for _ in range(600):                       # until the pool's workers exist (or the run ended)
        workers = _children(proc.pid)
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    return proc, workers


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_signal_leaves_no_worker_and_no_temp_file(tmp_path, sig):
    proc, workers = _start_with_workers(tmp_path)
    assert proc.poll() is None and len(workers) >= 2, "the run ended before its workers could be seen"
    proc.send_signal(sig)
    proc.wait(timeout=120)
    for _ in range(600):
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.05)
    assert [w for w in workers if _alive(w)] == []
    assert proc.returncode == -sig                  # ended by the signal itself, not by a late exit
    if sig == signal.SIGTERM:
        assert b"Traceback" not in proc.stderr.read()
    assert [p for p in tmp_path.rglob("*.odoolint")] == []


# ---- memory follows the input, not findings x size ----------------------------------------------------------

_MEASURE = textwrap.dedent("""
    import gc, sys, tempfile, tracemalloc
    from pathlib import Path
    from tests.helpers import lint, write_tree
    from odoolint.registry import load_rules
    kind, n = sys.argv[1], int(sys.argv[2])
    root = Path(tempfile.mkdtemp())
    if kind == "conf":
        files = {"odoo.conf": "[options]\\n" + "".join(f"db_host = h{i}\\n" for i in range(n))}
    else:
        files = {"addons/m/__init__.py": "", "addons/m/__manifest__.py": "{'name': 'M', 'version': '17.0.1.0.0'}\\n",
                 "addons/m/x.py": "print( 'a' )\\n" * n}
    write_tree(root, files)
    load_rules()
    gc.collect()
    tracemalloc.start()          # the run's own allocations: page-outs on a busy machine do not blur them
    result = lint(root, fix=True, unsafe=True)
    peak = tracemalloc.get_traced_memory()[1]
    print(len(result.diagnostics), sum(len(v) for v in files.values()), peak)
""")


def _peak(kind: str, n: int) -> tuple[int, int, int]:
    """(findings, input bytes, peak bytes allocated by the run) in a fresh process."""
    r = subprocess.run([sys.executable, "-c", _MEASURE, kind, str(n)], capture_output=True, text=True,
                       cwd=Path(__file__).resolve().parents[1], check=True)
    findings, size, grown = map(int, r.stdout.split())
    return findings, size, grown


@pytest.mark.parametrize("kind, per_byte", [("conf", 250), ("python", 600)])
def test_memory_is_proportional_to_the_input(kind, per_byte):
    """A conf full of duplicate keys, a Python file with a finding on each of its lines: four times the input
    costs about four times the memory (not sixteen), within a generous bound per input byte. Measured with
    tracemalloc (the run's own allocations, which page-outs on a busy machine do not blur): about 115 bytes per
    input byte for the conf, 280 for Python; the issue saw 500 for the conf."""
    small = _peak(kind, 4000)
    large = _peak(kind, 16000)
    assert small[0] >= 4000 and large[0] >= 16000           # a finding per line indeed
    assert large[2] <= per_byte * large[1]
    assert large[2] <= 6 * small[2]


def _sleep(seconds: float) -> float:
    import time
    time.sleep(seconds)
    return seconds


def test_stop_pool_terminates_busy_workers_without_raising():
    """The Ctrl-C path: `stop_pool` lists the workers before `shutdown(wait=False)`, which forgets them (it
    raised AttributeError on the forgotten list, so the interrupt left the workers running)."""
    from concurrent.futures import ProcessPoolExecutor
    from odoolint.safeio import stop_pool
    pool = ProcessPoolExecutor(max_workers=2)
    for _ in range(4):
        pool.submit(_sleep, 30)
    procs = list(pool._processes.values())
    assert len(procs) == 2
    stop_pool(pool)
    import time
    deadline = time.monotonic() + 10        # the pool's own thread may reap them first: poll, do not join
    while any(p.is_alive() for p in procs) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(p.is_alive() for p in procs)
