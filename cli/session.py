"""One ``extract`` run: choose what to process, stream records to the report, stop cleanly.

The order of durability matters more than anything else here:

- ``-o FILE``: records go to a temporary file renamed over FILE at the end.  An interrupted
  run (SIGINT, SIGTERM) still renames it: the records done so far are kept, in input order,
  and the summary says how many files were not processed.  ``kill -9`` leaves FILE as it was.
- ``--state``: a file's row is committed only after its record is durable (fsynced, or
  renamed into place), so a killed run can only forget work, never claim work it did not
  keep; the next run redoes what was forgotten.
- ``--append -o FILE --state S``: see ``state.py``; exactly one record per file survives any
  interruption, ``kill -9`` included.

Signals: the first SIGINT/SIGTERM asks the run to stop after the record in hand (the writer
is never interrupted halfway through a record); a second one aborts at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from .inputs import DEFAULT_MAX_BYTES, Source, UsageError
from .parallel import PipelineSpec

if TYPE_CHECKING:
    from extractors import Pipeline

    from .state import State

EXIT_OK, EXIT_FAILED = 0, 1

# Test hook: SIGKILL this process right after the N-th record is written (flushed, not yet
# committed to the state): the worst moment for a crash, made reproducible.
_TEST_KILL_AFTER = int(os.environ.get("VNEXTRACT_TEST_KILL_AFTER") or 0)
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}


@dataclass
class Options:
    fmt: str = "jsonl"
    output: str | None = None
    append: bool = False
    state: str | None = None
    jobs: int = 1
    executor: str = "local"
    scheduler: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    quiet: bool = False
    fail_fast: bool = False
    csv_protect: bool = True  # CSV formats: quote formula-like cells (writers.py)


class StopFlag:
    """Turns the first SIGINT/SIGTERM into a request to stop between records; the second
    one raises (KeyboardInterrupt / SystemExit 143) to abort at once."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._old: dict[int, Any] = {}

    def _handler(self, signum: int, frame: object) -> None:
        if self.signum is not None:
            if signum == signal.SIGINT:
                raise KeyboardInterrupt
            raise SystemExit(SIGNAL_EXIT[signal.SIGTERM])
        self.signum = signum
        name = signal.Signals(signum).name
        sys.stderr.write(f"vnextract: {name}: stopping after the current file "
                         "(again to abort)\n")

    def __enter__(self) -> StopFlag:
        for s in SIGNAL_EXIT:
            with contextlib.suppress(ValueError):  # not the main thread (tests): no handler
                self._old[s] = signal.signal(s, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for s, h in self._old.items():
            signal.signal(s, h)


def make_executor(opts: Options, spec: PipelineSpec, pipeline: Pipeline) -> Any:
    if opts.executor == "dask":
        from . import dask_executor

        dask_executor.require()
        return dask_executor.DaskExecutor(spec, pipeline, opts.max_bytes, opts.scheduler,
                                          opts.jobs)
    from .parallel import LocalExecutor

    return LocalExecutor(spec, pipeline, opts.jobs, opts.max_bytes)


def run(sources: Sequence[Source], spec: PipelineSpec, pipeline: Pipeline,
        opts: Options) -> int:
    """Process ``sources`` and write the report; returns the exit code.

    Raises UsageError for a bad combination of options (before anything is written).
    """
    from . import writers
    from .progress import Progress

    if opts.append and (opts.output is None or opts.output == "-"):
        raise UsageError("--append needs -o FILE (the report to append to)")
    if opts.append and opts.fmt != "jsonl":
        raise UsageError("--append works with --format jsonl only")
    if opts.scheduler and opts.executor != "dask":
        raise UsageError("--scheduler goes with --executor dask")
    executor = make_executor(opts, spec, pipeline)  # fails early if dask is missing

    state: State | None = None
    if opts.state or opts.append:
        from . import state as state_mod  # sqlite3 and hashing: only for runs that use them
    if opts.state:
        version = state_mod.pipeline_version(pipeline.names, spec.options, opts.max_bytes)
        state = state_mod.State(opts.state, version)
    with contextlib.ExitStack() as stack:
        if state is not None:
            stack.callback(state.close)
            planned, skipped = state.plan(sources)
        else:
            planned, skipped = [(s, None) for s in sources], 0

        sink: writers.AtomicFile | None = None
        appended: IO[bytes] | None = None
        report = None
        if opts.append:
            assert opts.output is not None
            report = os.path.abspath(opts.output)
            appended = state_mod.open_append(opts.output, state)
            stack.callback(appended.close)
            out: IO[bytes] = appended
        elif opts.output is not None and opts.output != "-":
            try:
                sink = writers.AtomicFile(opts.output)
            except OSError as e:
                raise UsageError(f"cannot write {opts.output}: {e.strerror}") from None
            out = sink.file
        else:
            out = writers.stdout_bytes()
        writer = writers.make_writer(opts.fmt, out, pipeline.entity_types,
                                     csv_protect=opts.csv_protect)

        def durable() -> None:
            """Make the appended records safe, then let the state count them."""
            assert state is not None and appended is not None
            state.commit(report, state_mod.make_durable(appended))

        todo = [s for s, _ in planned]
        start = getattr(executor, "start", None)
        if start is not None:
            start(len(todo))  # fork workers before any thread exists
        started = time.perf_counter()
        n_done = n_err = n_chars = n_same = 0
        stop = StopFlag()
        try:
            with stop, Progress(total=len(todo), enabled=not opts.quiet) as progress:
                records: Iterator[dict[str, Any]] = executor.map(todo)
                with contextlib.closing(records):  # type: ignore[type-var]
                    for (src, st), rec in zip(planned, records, strict=False):
                        if state is not None:
                            digest = state_mod.record_digest(rec)
                            if state.already_reported(src, digest):
                                n_same += 1
                            else:
                                writer.write(rec)
                            state.stage(src, st, rec, digest)
                        else:
                            writer.write(rec)
                        n_done += 1
                        failed = "error" in rec
                        n_err += failed
                        n_chars += rec.get("chars") or 0
                        progress.advance(rec.get("chars") or 0, failed)
                        if _TEST_KILL_AFTER and n_done == _TEST_KILL_AFTER:
                            out.flush()
                            os.kill(os.getpid(), signal.SIGKILL)
                        if stop.signum is not None or (failed and opts.fail_fast):
                            break
                        if state is not None and appended is not None and state.due():
                            durable()
            writer.close()
            if sink is not None:
                sink.commit()
            if state is not None:
                if appended is not None:
                    durable()
                else:
                    state.commit()
        except BrokenPipeError:
            # `vnextract extract … | head`: the reader left; that is not our failure.
            with contextlib.suppress(OSError):
                sys.stderr.close()
            return EXIT_OK
        except BaseException:
            if sink is not None:
                sink.abort()
            raise

    secs = time.perf_counter() - started
    left = len(todo) - n_done
    if not opts.quiet:
        from .summary_render import plural

        extra = f", {skipped} unchanged skipped" if state is not None else ""
        if n_same:
            extra += f", {n_same} reprocessed with the same record"
        sys.stderr.write(f"vnextract: {plural(n_done, 'file')}, {plural(n_err, 'error')}, "
                         f"{n_chars:,} characters in {secs:.2f}s{extra}\n")
    if stop.signum is not None:
        how = "rerun with the same --state to resume" if state is not None else \
            "use --state to resume where it stopped"
        sys.stderr.write(f"vnextract: interrupted by {signal.Signals(stop.signum).name}: "
                         f"{n_done} files done and kept, {left} not processed ({how})\n")
        return SIGNAL_EXIT[stop.signum]
    if opts.fail_fast and n_err:
        if left:
            sys.stderr.write(f"vnextract: stopped at the first failed file (--fail-fast), "
                             f"{left} not processed\n")
        return EXIT_FAILED
    return EXIT_FAILED if n_err else EXIT_OK
