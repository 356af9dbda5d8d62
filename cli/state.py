"""``--state FILE``: what earlier runs did, so a cron rerun processes only new or changed files.

One SQLite file (standard library) with a row per input: its path (as the record shows it),
size, mtime_ns, the sha256 of its bytes, the pipeline version that made its record, its
status, and the sha256 of the record itself.

A file is skipped without being read when its row has the same size, mtime and pipeline
version and its record was a result (``ok``).  Anything else is processed again: a new or
changed file, a new pipeline version, a file whose last record was an ``error`` (the problem
may be fixed).  A reprocessed file whose new record is byte-identical to the one already
reported (a ``touch``, an error that persists) is not reported again.

How ``--append -o REPORT`` stays exact through ``kill -9`` (no record lost, none twice):
the state also remembers how many bytes of REPORT are *committed*.  Records are appended,
then, every few hundred records or seconds, the report is fsynced and the rows of those
records are committed together with the report's new size in one SQLite transaction.  A run
killed at any point leaves the report with, at most, an uncommitted tail (whole or torn
records the state does not know); the next run truncates the report back to the committed
size before it appends, and processes those files again.  A report *shorter* than the state
remembers was edited or replaced outside vnextract: that is refused (exit 2) rather than
guessed at.

A lock file (``STATE.lock``) makes overlapping cron runs fail fast instead of interleaving.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import orjson

from .inputs import Source, UsageError, is_url

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path      TEXT PRIMARY KEY,  -- the record's path
    size      INTEGER,
    mtime_ns  INTEGER,
    sha256    TEXT,              -- of the file's bytes (NULL when it could not be read)
    version   TEXT NOT NULL,     -- pipeline_version() that made the record
    status    TEXT NOT NULL,     -- 'ok' or 'error'
    record    TEXT NOT NULL,     -- sha256 of the record as written (orjson bytes)
    updated   REAL NOT NULL      -- unix time of the run that wrote this row
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Records are committed to the state at least this often (count, seconds).  Tests lower
# the count (VNEXTRACT_TEST_COMMIT_EVERY) to interrupt a run between two commits.
COMMIT_EVERY = int(os.environ.get("VNEXTRACT_TEST_COMMIT_EVERY") or 256)
COMMIT_SECONDS = 2.0

_FINGERPRINTED_CLI = ("decode.py", "runner.py")  # cli code that shapes a record


def _file_digest(h: Any, path: Path, name: str) -> None:
    h.update(name.encode() + b"\0")
    with contextlib.suppress(OSError):
        h.update(path.read_bytes())
    h.update(b"\0")


def pipeline_version(names: Iterable[str], options: Any, max_bytes: int) -> str:
    """``<extractors.__version__>+<16 hex>``: changes whenever a record could change.

    The hash covers the chosen extractors (in order), the pipeline options (and the content
    of any option that names a file, such as a gazetteer), --max-bytes, every file of the
    ``extractors`` package (code and ``data/`` word lists) and the cli modules that decode
    bytes and shape records.  A new version makes the next ``--state`` run redo every file.
    """
    import extractors

    h = hashlib.sha256()
    h.update("\0".join(names).encode() + b"\1")
    h.update(repr(options).encode() + b"\1" + str(max_bytes).encode() + b"\1")
    for value in _flat(options):
        if isinstance(value, (str, os.PathLike)) and os.path.isfile(value):
            _file_digest(h, Path(value), os.fspath(value))
    pkg = Path(extractors.__file__).parent
    for f in sorted(pkg.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            _file_digest(h, f, f.relative_to(pkg).as_posix())
    here = Path(__file__).parent
    for name in _FINGERPRINTED_CLI:
        _file_digest(h, here / name, "cli/" + name)
    return f"{extractors.__version__}+{h.hexdigest()[:16]}"


def _flat(value: Any) -> Iterable[Any]:
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _flat(v)
    else:
        yield value


def record_digest(record: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(record)).hexdigest()


Stat = tuple[int, int]  # (size, mtime_ns)


def stat_of(src: Source) -> Stat | None:
    """Taken *before* the file is read: if it changes meanwhile, the stored stat is the old
    one and the next run looks again (never the reverse)."""
    if src.fs_path is None or is_url(src.fs_path):
        return None
    try:
        st = os.stat(src.fs_path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class State:
    """The state file of one report; use as a context manager (holds the lock)."""

    def __init__(self, path: str, version: str) -> None:
        self.path = path
        self.version = version
        self._lock_fd: int | None = None
        self._pending: list[tuple[Any, ...]] = []
        self._last_commit = time.monotonic()
        self._take_lock()
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(_SCHEMA)
        except sqlite3.Error as e:
            self._release_lock()
            raise UsageError(f"cannot use state file {path}: {e}") from None

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: no protection against overlapping runs
            return
        try:
            fd = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise UsageError(f"cannot use state file {self.path}: {e.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise UsageError(f"another vnextract run is using the state file {self.path}") \
                from None
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self._release_lock()

    # -- what to do --------------------------------------------------------------------------

    def plan(self, sources: Iterable[Source]) -> tuple[list[tuple[Source, Stat | None]], int]:
        """(sources to process with their stat, number skipped as unchanged)."""
        todo: list[tuple[Source, Stat | None]] = []
        skipped = 0
        q = "SELECT size, mtime_ns, version, status FROM files WHERE path = ?"
        for src in sources:
            st = stat_of(src)
            if st is not None:
                row = self.db.execute(q, (src.path,)).fetchone()
                if row == (st[0], st[1], self.version, "ok"):
                    skipped += 1
                    continue
            todo.append((src, st))
        return todo, skipped

    def already_reported(self, src: Source, digest: str) -> bool:
        """Whether this exact record is already in the report (a touched, unchanged file)."""
        row = self.db.execute("SELECT record FROM files WHERE path = ?", (src.path,)).fetchone()
        return row is not None and row[0] == digest

    # -- recording ---------------------------------------------------------------------------

    def stage(self, src: Source, st: Stat | None, record: dict[str, Any], digest: str) -> None:
        """Remember a record; it counts only once ``commit`` has run."""
        if src.fs_path is None:
            return  # standard input has no identity to remember
        size, mtime = st if st is not None else (None, None)
        status = "error" if "error" in record else "ok"
        self._pending.append((src.path, size, mtime, record.get("sha256"), self.version,
                              status, digest, time.time()))

    def due(self) -> bool:
        return len(self._pending) >= COMMIT_EVERY or (
            bool(self._pending) and time.monotonic() - self._last_commit >= COMMIT_SECONDS)

    def commit(self, report: str | None = None, report_size: int | None = None) -> None:
        """One transaction: the staged rows and, with --append, the report's committed size.

        Call it only after the records are durable (fsynced, or renamed into place).
        """
        self._last_commit = time.monotonic()
        if not self._pending and report is None:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._pending)
            if report is not None:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('report', ?)",
                                (orjson.dumps([report, report_size]).decode(),))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._pending.clear()

    def committed_report(self) -> tuple[str, int] | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'report'").fetchone()
        if row is None:
            return None
        path, size = orjson.loads(row[0])
        return path, size

    def has_files(self) -> bool:
        return self.db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is not None


def open_append(report: str, state: State | None) -> IO[bytes]:
    """Open REPORT for appending, first cutting off what no finished run committed.

    With a state: back to the committed size (records whose files the state does not count
    as done; they are processed again).  Without: back to the last complete line, so a torn
    record from a killed run never glues onto the next one.
    """
    target = os.path.abspath(report)
    try:
        f = open(report, "a+b")  # noqa: SIM115 -- returned to the caller, who closes it
    except OSError as e:
        raise UsageError(f"cannot append to {report}: {e.strerror}") from None
    size = f.seek(0, os.SEEK_END)
    keep = size
    known = state.committed_report() if state is not None else None
    if state is not None and known is None and state.has_files():
        f.close()
        raise UsageError(f"the state file {state.path} belongs to a run without --append "
                         "or to another report; use one state file per report")
    if known is not None:
        if known[0] != target:
            f.close()
            raise UsageError(f"the state file {state.path} belongs to the report {known[0]}; "
                             "use one state file per report")
        if size < known[1]:
            f.close()
            raise UsageError(
                f"{report} is shorter ({size} bytes) than the state file remembers "
                f"({known[1]} bytes): was it edited or replaced? Remove {state.path} "
                "to rebuild the report from scratch")
        keep = known[1]
    elif size:
        keep = _last_line_end(f, size)
    if keep != size:
        f.truncate(keep)
        f.flush()
        os.fsync(f.fileno())
    if state is not None and known is None:
        # Claim the report before the first record is appended: a run killed before its
        # first commit must still find out, next time, where the committed part ends.
        state.commit(target, keep)
    f.seek(0, os.SEEK_END)
    return f


def _last_line_end(f: IO[bytes], size: int) -> int:
    """Offset just after the last newline (0 if none): the end of the last whole record."""
    pos = size
    block = 1 << 16
    while pos > 0:
        start = max(0, pos - block)
        f.seek(start)
        chunk = f.read(pos - start)
        i = chunk.rfind(b"\n")
        if i >= 0:
            return start + i + 1
        pos = start
    return 0


def make_durable(f: IO[bytes]) -> int:
    """Flush and fsync an appended report; its size, now safe to commit to the state."""
    f.flush()
    os.fsync(f.fileno())
    return f.tell()
