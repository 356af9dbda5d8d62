"""``--executor dask``: batches of file paths go to a Dask distributed cluster.

vnextract does not ship a cluster of its own: users who outgrow one machine already run (or
can start in two commands) a Dask scheduler and workers, which handle placement, retries of
lost workers and monitoring.  This module only:

- sends *paths* in batches (``client.submit`` of one task per batch), never file contents:
  workers read the files themselves from a shared filesystem, or from any fsspec URL
  (``s3://bucket/archive/…``) when fsspec and its protocol package are installed there;
- keeps a bounded number of batches in flight (twice the cluster's worker threads) and takes
  the results strictly in input order, so the report is identical to a local run and the
  client's memory stays flat;
- builds the pipeline once per worker process (cached in a module global, keyed by the
  pipeline spec) and checks that the workers' pipeline version equals the client's, so a
  worker with another vnextract installed fails the run instead of mixing records.

Workers need ``pip install 'vnextract[dask]'`` (the same version as the client).  Without
``--scheduler`` a LocalCluster of ``--jobs`` worker processes is started for the run.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .inputs import Source, UsageError, display, is_url, matches
from .parallel import PipelineSpec, chunks_of, process_one
from .runner import process_source

if TYPE_CHECKING:
    from extractors import Pipeline

INSTALL_HINT = "the Dask executor needs the dask extra: pip install 'vnextract[dask]'"
BATCH = 32  # files per task: a Dask task costs about a millisecond of scheduler time


def require() -> None:
    """A one-line usage error (exit 2) when dask.distributed is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None


# ---- worker side ---------------------------------------------------------------------------

# spec key -> (pipeline, version): one pipeline per worker process, built by the first batch.
_PIPELINES: dict[str, tuple[Any, str]] = {}


def _pipeline(spec: PipelineSpec, max_bytes: int) -> tuple[Pipeline, str]:
    key = spec.key() + f"|{max_bytes}"
    got = _PIPELINES.get(key)
    if got is None:
        from .state import pipeline_version

        pipe = spec.build()
        got = _PIPELINES[key] = (pipe, pipeline_version(pipe.names, spec.options, max_bytes))
    return got


def read_url(src: Source, max_bytes: int) -> bytes:
    """A URL's bytes through fsspec, failing with the local reader's ReadErrors."""
    from .runner import ReadError, read_error, too_large

    try:
        import fsspec
    except ImportError:
        raise ReadError("os-error", "reading URLs needs fsspec on the worker") from None
    try:
        with fsspec.open(src.fs_path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise read_error(str(src.fs_path), e) from None
    except ValueError as e:
        raise ReadError("os-error", str(e) or type(e).__name__) from None
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


def process_batch(spec: PipelineSpec, max_bytes: int,
                  batch: list[tuple[str, str]]) -> tuple[str, list[dict[str, Any]]]:
    """The Dask task: (this worker's pipeline version, one record per (path, location))."""
    pipeline, version = _pipeline(spec, max_bytes)
    out = []
    for path, loc in batch:
        src = Source(path, loc)
        if is_url(loc):
            out.append(process_source(src, pipeline, max_bytes, read=read_url))
        else:
            out.append(process_one(src, pipeline, max_bytes))
    return version, out


# ---- client side ---------------------------------------------------------------------------


def expand_url(url: str, glob: str, exclude: Sequence[str]) -> list[Source]:
    """Sources for one URL argument: the files under it (sorted, like a local folder) or
    the file itself.  Needs fsspec (and the protocol's package) on the client too."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: reading URLs needs fsspec: pip install "
                         "'vnextract[dask]'") from None
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            if not fs.exists(root):
                raise UsageError(f"no such file or directory: {url}")
            return [Source(url, url)]
        found = sorted(fs.find(root))
    except (ImportError, ValueError, OSError) as e:
        raise UsageError(f"{url}: {e}") from None
    out = []
    base = root.rstrip("/") + "/"
    for f in found:
        rel = f[len(base):] if f.startswith(base) else f.rsplit("/", 1)[-1]
        if not matches(rel.rsplit("/", 1)[-1], rel, glob, exclude):
            continue
        out.append(Source(display(rel), fs.unstrip_protocol(f)))
    return out


class DaskExecutor:
    """Records for sources, in input order, computed on a Dask cluster."""

    def __init__(self, spec: PipelineSpec, pipeline: Pipeline, max_bytes: int,
                 scheduler: str | None, jobs: int, batch: int = BATCH) -> None:
        self.spec = spec
        self.pipeline = pipeline
        self.max_bytes = max_bytes
        self.scheduler = scheduler
        self.jobs = max(1, jobs)
        self.batch = batch

    def _client(self) -> Any:
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                return Client(self.scheduler)  # connect timeout: dask config (30 s)
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1,
                                   dashboard_address=None)
            return Client(cluster)
        except (OSError, TimeoutError, ValueError) as e:
            raise UsageError(f"cannot reach the Dask scheduler {self.scheduler}: {e}") from None

    def map(self, sources: Sequence[Source]) -> Iterator[dict[str, Any]]:
        from .state import pipeline_version

        local_version = pipeline_version(self.pipeline.names, self.spec.options, self.max_bytes)
        client = self._client()
        cluster = None if self.scheduler else client.cluster
        run = uuid.uuid4().hex[:8]
        flight: deque[tuple[list[Source], Any]] = deque()
        try:
            threads = sum(client.nthreads().values()) or self.jobs
            window = max(2, 2 * threads)
            batches = iter(chunks_of(sources, self.batch))
            n = 0

            def refill() -> None:
                nonlocal n
                while len(flight) < window:
                    b = next(batches, None)
                    if b is None:
                        return
                    if b[0].fs_path is None:  # standard input: read here, in order
                        flight.append((b, None))
                        continue
                    items = [(s.path, s.fs_path) for s in b]
                    n += 1
                    fut = client.submit(process_batch, self.spec, self.max_bytes, items,
                                        key=f"vnextract-{run}-{n}", pure=False)
                    flight.append((b, fut))

            refill()
            while flight:
                b, fut = flight.popleft()
                if fut is None:
                    yield process_one(b[0], self.pipeline, self.max_bytes)
                else:
                    version, records = fut.result()
                    fut.release()
                    if version != local_version:
                        raise UsageError(
                            f"the Dask workers run pipeline {version}, this client "
                            f"{local_version}: install the same vnextract on both")
                    yield from records
                refill()
        finally:
            for _, fut in flight:
                if fut is not None:
                    fut.cancel()
            client.close()
            if cluster is not None:
                cluster.close()
