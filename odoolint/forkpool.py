"""Worker processes forked from this one and fed over pipes: the per-file phase's pool where `os.fork` is safe.

`concurrent.futures.ProcessPoolExecutor` costs 20-27 ms to import and start (logging, socket, tempfile and
subprocess come with it), all of it in the serial part of a run. It also runs two threads in the parent: one
pickles the jobs, the other reads the results, and both compete for the GIL with the chunks the parent lints
itself. This pool needs `os`, `pickle` and `select` only. Each worker reads `(chunk index, configuration,
jobs)` messages from its pipe and writes `(chunk index, results)` back (results None: the task failed). The
parent writes without blocking (what a full pipe refuses waits in a buffer) and reads whatever has arrived
between its own chunks.

A worker that dies, or that fails outside the per-file guards, loses only its outstanding chunks: `poll`
hands them back as lost, and the caller lints them itself.
"""
from __future__ import annotations

import os
import pickle
import select

TYPE_CHECKING = False     # annotations only (they stay strings): `typing` is not imported at run time
if TYPE_CHECKING:
    from typing import Callable, Optional

_HEADER = 8


def _frame(obj) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_HEADER, "little") + data


class _Worker:
    __slots__ = ("pid", "send_fd", "recv_fd", "outbuf", "inbuf", "chunks", "alive")

    def __init__(self, pid: int, send_fd: int, recv_fd: int):
        self.pid, self.send_fd, self.recv_fd = pid, send_fd, recv_fd
        self.outbuf = bytearray()       # frames the pipe did not take yet
        self.inbuf = bytearray()        # bytes of a result frame still arriving
        self.chunks: list[int] = []     # indexes sent, results not read yet
        self.alive = True


class ForkPool:
    """`n` workers, each forked now: it calls `start()` once, then `task(config, jobs)` per chunk it reads."""

    def __init__(self, n: int, start: "Callable[[], None]", task: "Callable[[bytes, list], list]", depth: int = 2):
        import sys
        self.depth = depth              # chunks sent ahead to each worker
        self.workers: list[_Worker] = []
        self._processes: dict[int, None] = {}    # pid -> None: what safeio's signal handler kills
        self._lost: list = []                    # (index, None) of chunks sent to a worker found gone
        for stream in (sys.stdout, sys.stderr):  # nothing buffered here is written twice by a child
            if stream is not None:
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
        try:
            for _ in range(n):
                self._fork(start, task)
        except BaseException:           # a fork or a pipe refused: no half-started pool is left behind
            self.stop()
            raise

    def _fork(self, start, task) -> None:
        job_r, job_w = os.pipe()
        res_r, res_w = os.pipe()
        try:
            pid = os.fork()
        except BaseException:
            for fd in (job_r, job_w, res_r, res_w):
                os.close(fd)
            raise
        if pid == 0:       # the worker: never returns into the caller's code
            code = 1
            try:
                os.close(job_w)
                os.close(res_r)
                for w in self.workers:          # the other workers' pipe ends
                    os.close(w.send_fd)
                    os.close(w.recv_fd)
                _serve(job_r, res_w, start, task)
                code = 0
            finally:
                os._exit(code)
        os.close(job_r)
        os.close(res_w)
        os.set_blocking(job_w, False)
        self.workers.append(_Worker(pid, job_w, res_r))
        self._processes[pid] = None

    def free(self) -> int:
        """How many more chunks the workers take now."""
        return sum(self.depth - len(w.chunks) for w in self.workers if w.alive)

    def outstanding(self) -> int:
        """Chunks not handed back yet: those the live workers hold, and those lost that `poll` has not returned."""
        return sum(len(w.chunks) for w in self.workers if w.alive) + len(self._lost)

    def submit(self, i: int, config: bytes, jobs: list) -> None:
        """Send chunk `i` to the live worker with the fewest outstanding chunks (callers check `free()`)."""
        w = min((w for w in self.workers if w.alive), key=lambda w: len(w.chunks))
        w.chunks.append(i)
        w.outbuf += _frame((i, config, jobs))
        self._flush(w)

    def _flush(self, w: _Worker) -> None:
        while w.outbuf and w.alive:
            try:
                n = os.write(w.send_fd, w.outbuf)
            except BlockingIOError:
                return
            except OSError:                 # the worker is gone: its chunks come back as lost
                self._lose(w)
                return
            del w.outbuf[:n]

    def poll(self, timeout: Optional[float]) -> list:
        """(index, results) of the chunks that came back, (index, None) for those lost with a worker; waits up to
        `timeout` seconds (None: until something comes back) when nothing has."""
        out: list = []
        while True:
            live = [w for w in self.workers if w.alive and (w.chunks or w.outbuf)]
            if not live:
                break
            writing = [w.send_fd for w in live if w.outbuf]
            readable, writable, _ = select.select([w.recv_fd for w in live], writing, [],
                                                  0 if out or self._lost else timeout)
            for w in live:
                if w.send_fd in writable:
                    self._flush(w)
                if w.recv_fd in readable:
                    self._read(w, out)
            if out or self._lost or timeout == 0 or not (readable or writable):
                break
        # lost here, in an earlier `submit`, or while writing above (a worker found gone): all handed back now
        lost, self._lost = self._lost, []
        return out + lost

    def _lose(self, w: _Worker) -> None:
        """The worker is gone: the chunks it had not sent back are lost."""
        w.alive = False
        self._lost.extend((i, None) for i in w.chunks)
        w.chunks = []

    def _read(self, w: _Worker, out: list) -> None:
        try:
            data = os.read(w.recv_fd, 1 << 20)
        except OSError:
            data = b""
        if not data:                    # the worker ended
            self._lose(w)
            return
        buf = w.inbuf
        buf += data
        while len(buf) >= _HEADER:
            size = int.from_bytes(buf[:_HEADER], "little")
            if len(buf) < _HEADER + size:
                break
            i, results = pickle.loads(bytes(buf[_HEADER:_HEADER + size]))
            del buf[:_HEADER + size]
            if i in w.chunks:
                w.chunks.remove(i)
            out.append((i, results))

    def close(self) -> None:
        """End the workers: each sees the end of its pipe and leaves; then they are reaped."""
        for w in self.workers:
            for fd in (w.send_fd, w.recv_fd):
                try:
                    os.close(fd)
                except OSError:
                    pass
        for w in self.workers:
            try:
                os.waitpid(w.pid, 0)
            except ChildProcessError:
                pass
        self.workers = []
        self._processes = {}

    def stop(self) -> None:
        """Kill the workers now (an interrupt, or a pool the run did not use), then reap them."""
        import signal
        for w in self.workers:
            try:
                os.kill(w.pid, signal.SIGKILL)
            except OSError:
                pass
        self.close()


def _serve(job_fd: int, result_fd: int, start, task) -> None:
    """The worker's loop: get ready, then lint each chunk read until the parent closes the pipe."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle: it stops the workers
    start()
    reader = os.fdopen(job_fd, "rb")
    writer = os.fdopen(result_fd, "wb")
    while True:
        head = reader.read(_HEADER)
        if len(head) < _HEADER:
            return
        size = int.from_bytes(head, "little")
        body = reader.read(size)
        if len(body) < size:
            return
        i, config, jobs = pickle.loads(body)
        try:
            reply = (i, task(config, jobs))
        except Exception:  # noqa: BLE001 - None: the parent lints this chunk itself
            reply = (i, None)
        writer.write(_frame(reply))
        writer.flush()
