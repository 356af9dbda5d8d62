"""The local executor: runs the pipeline over sources in this process or in a pool of workers.

Why it looks the way it does:

- Workers are processes (the extractors are pure Python: threads would share one core).  On
  Linux they are forked *after* the parent has built its Pipeline, so each worker inherits
  the loaded word lists and models for free (copy-on-write) instead of loading them again;
  elsewhere (macOS, Windows) the 'forkserver'/'spawn' workers rebuild it once in their
  initializer from a ``PipelineSpec``: plain, picklable construction arguments.
- Workers receive paths, never file contents, and read the files themselves, so the parent
  does no I/O beyond writing the report.
- The parent keeps at most ``window`` chunks in flight and takes their results strictly in
  input order, so records reach the writer in input order (reports are byte-identical to a
  ``--jobs 1`` run) and memory stays flat however large the archive: nothing is queued
  beyond the window, unlike ``Pool.imap``, whose feeder thread submits every task up front.
- A worker that dies (a crash in a C extension, the OOM killer) breaks the pool.  The chunks
  that were in flight are then redone one file at a time in a fresh pool, so the one file
  that kills its worker gets an ``error`` record (kind ``crash``) and no other file is lost.
- Workers ignore SIGINT: Ctrl-C reaches the whole process group, and only the parent decides
  how to stop (finish writing the records done so far, then exit 130).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .inputs import Source

if TYPE_CHECKING:
    from extractors import Pipeline

# Test hooks (read once, at import; inherited by forked workers): seconds to sleep before
# each file, and a path substring that makes the worker process die as a crash would.
# They let tests interrupt a run at a known point; nothing else sets them.
_TEST_DELAY = float(os.environ.get("VNEXTRACT_TEST_DELAY") or 0)
_TEST_CRASH = os.environ.get("VNEXTRACT_TEST_CRASH") or ""

DEFAULT_CHUNK = 8  # files per task: a few ms of work each, so IPC overhead stays negligible
WINDOW_PER_JOB = 4  # chunks in flight per worker: keeps workers busy while bounding memory


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the run's Pipeline, as plain data that pickles.

    A worker process on another platform, or a Dask worker on another machine, rebuilds the
    pipeline from this; a built Pipeline may hold objects (a CRF model) that do not pickle.
    ``options`` are extra keyword arguments for ``Pipeline`` (gazetteer files …), kept as a
    sorted tuple so that ``key()`` is stable and can name a cached pipeline.
    """

    names: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = field(default=())

    @classmethod
    def of(cls, names: Sequence[str] | None = None, skip: Sequence[str] = (),
           **options: Any) -> PipelineSpec:
        return cls(tuple(names) if names else None, tuple(skip),
                   tuple(sorted((k, v) for k, v in options.items() if v is not None)))

    def build(self) -> Pipeline:
        from extractors import Pipeline

        return Pipeline(list(self.names) if self.names else None, list(self.skip),
                        **dict(self.options))

    def key(self) -> str:
        return repr((self.names, self.skip, self.options))


def process_one(src: Source, pipeline: Pipeline, max_bytes: int) -> dict[str, Any]:
    """One source to one record (never raises for a bad file): the unit every executor runs."""
    from . import runner

    if _TEST_DELAY:
        time.sleep(_TEST_DELAY)
    if _TEST_CRASH and _TEST_CRASH in src.path and _in_worker:
        os._exit(70)
    return runner.process_source(src, pipeline, max_bytes)


def crash_record(src: Source) -> dict[str, Any]:
    from .runner import error_record

    return error_record(src.path, "crash",
                        "the worker process died while reading this file (killed or crashed)")


# ---- worker side ---------------------------------------------------------------------------

_in_worker = False
_worker_pipeline: Pipeline | None = None
_worker_max_bytes = 0
# Set by the parent just before it forks: (spec key, pipeline) that forked workers reuse.
_inherited: tuple[str, Pipeline] | None = None


def _init_worker(spec: PipelineSpec, max_bytes: int) -> None:
    """Runs once per worker: ignore Ctrl-C (the parent handles it), get the pipeline."""
    global _in_worker, _worker_pipeline, _worker_max_bytes
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked child inherits the CLI's handler
    _in_worker = True
    _die_with_parent()
    _worker_max_bytes = max_bytes
    if _inherited is not None and _inherited[0] == spec.key():
        _worker_pipeline = _inherited[1]
    else:
        _worker_pipeline = spec.build()


def _die_with_parent() -> None:
    """Linux: have the kernel SIGKILL this worker when the parent dies (``kill -9`` of the
    parent would otherwise leave orphans blocked on the task queue, holding its stdout)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _work(chunk: list[Source]) -> list[dict[str, Any]]:
    assert _worker_pipeline is not None
    return [process_one(s, _worker_pipeline, _worker_max_bytes) for s in chunk]


def _ping() -> int:
    return os.getpid()


# ---- parent side ---------------------------------------------------------------------------


def start_method() -> str:
    """'fork' on Linux (workers inherit the built pipeline); else forkserver or spawn.

    VNEXTRACT_START_METHOD overrides it (tests use it to check that the spec alone rebuilds
    the same pipeline).
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get("VNEXTRACT_START_METHOD")
    if wanted in methods:
        return wanted
    if sys.platform.startswith("linux") and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def chunks_of(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    """Consecutive sources in lists of ``size``; standard input always alone (the parent
    reads it: a worker cannot)."""
    chunk: list[Source] = []
    for s in sources:
        if s.fs_path is None:
            if chunk:
                yield chunk
                chunk = []
            yield [s]
            continue
        chunk.append(s)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class LocalExecutor:
    """Records for sources, in input order, from ``jobs`` worker processes (or in-process).

    ``map`` is a generator: closing it early (an interruption, a broken pipe) stops the
    workers at once; the records it has yielded are the ones done.
    """

    def __init__(self, spec: PipelineSpec, pipeline: Pipeline, jobs: int, max_bytes: int,
                 chunksize: int | None = None, window: int | None = None) -> None:
        self.spec = spec
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        self.max_bytes = max_bytes
        self.chunksize = chunksize
        self.window = window or self.jobs * WINDOW_PER_JOB
        self._pool: Any = None

    # Runs in-process when a pool cannot pay for itself: one job, or one file (one-liners
    # like `vnextract extract one.txt` start no worker at all).
    def uses_pool(self, n_sources: int) -> bool:
        return self.jobs > 1 and n_sources > 1

    def start(self, n_sources: int) -> None:
        """Start the workers now, before any other thread exists (forking a process that
        runs threads, e.g. the progress bar's, risks inheriting a held lock)."""
        if self.uses_pool(n_sources) and self._pool is None:
            self._pool = self._new_pool()
            self._pool.submit(_ping).result()

    def map(self, sources: Sequence[Source]) -> Iterator[dict[str, Any]]:
        if not self.uses_pool(len(sources)):
            for s in sources:
                yield process_one(s, self.pipeline, self.max_bytes)
            return
        size = self.chunksize or max(1, min(DEFAULT_CHUNK, -(-len(sources) // (self.jobs * 2))))
        try:
            self.start(len(sources))
            yield from self._pooled(chunks_of(sources, size))
        finally:
            self.close()

    def _new_pool(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _inherited
        _inherited = (self.spec.key(), self.pipeline)
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context(start_method()),
            initializer=_init_worker,
            initargs=(self.spec, self.max_bytes),
        )

    def _submit(self, chunk: list[Source]) -> Any:
        if chunk[0].fs_path is None:
            return None  # standard input: read by the parent when its turn comes
        return self._pool.submit(_work, chunk)

    def _pooled(self, chunks: Iterator[list[Source]]) -> Iterator[dict[str, Any]]:
        from concurrent.futures.process import BrokenProcessPool

        flight: deque[tuple[list[Source], Any]] = deque()

        def refill() -> None:
            while len(flight) < self.window:
                chunk = next(chunks, None)
                if chunk is None:
                    return
                flight.append((chunk, self._submit(chunk)))

        refill()
        while flight:
            chunk, fut = flight.popleft()
            if fut is None:
                yield process_one(chunk[0], self.pipeline, self.max_bytes)
                refill()
                continue
            try:
                records = fut.result()
            except BrokenProcessPool:
                # Everything in flight is lost with the pool; redo it file by file so the
                # file that kills a worker is the only one that gets a crash record.
                redo = chunk + [s for c, _ in flight for s in c]
                flight.clear()
                yield from self._isolated(redo)
                refill()
                continue
            yield from records
            refill()

    def _isolated(self, sources: list[Source]) -> Iterator[dict[str, Any]]:
        from concurrent.futures.process import BrokenProcessPool

        for s in sources:
            if self._pool is None or getattr(self._pool, "_broken", False):
                self._restart()
            if s.fs_path is None:
                yield process_one(s, self.pipeline, self.max_bytes)
                continue
            try:
                yield from self._pool.submit(_work, [s]).result()
            except BrokenProcessPool:
                yield crash_record(s)
                self._restart()

    def _restart(self) -> None:
        self.close()
        self._pool = self._new_pool()

    def close(self) -> None:
        """Stop the workers now; queued work is dropped (it was never reported as done)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor has no terminate() before Python 3.14; its worker table is the
        # only handle on the processes.  Workers hold nothing that needs a clean exit.
        for p in list(getattr(pool, "_processes", {}).values()):
            if p.is_alive():
                p.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
