"""Reads each source, runs the pipeline, and yields one record per source, in input order.

Every source yields exactly one record: a result, or an ``error`` record saying what went
wrong.  Nothing here raises for a bad file; only the caller decides to stop (--fail-fast).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
from collections.abc import Callable
from typing import Any

import orjson

from extractors import Pipeline

from .decode import DecodeError, decode
from .inputs import DEFAULT_MAX_BYTES, Source

SCHEMA = "vnextract/1"


class ReadError(Exception):
    """A source that could not be read; ``kind`` and ``message`` become the error record."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _clean(s: str) -> str:
    """Text orjson can always write: lone surrogates (from undecodable file names or
    exception messages) become visible \\udcxx escapes instead of failing the run."""
    return s if s.isascii() else s.encode("utf-8", "backslashreplace").decode("utf-8")


def error_record(path: str, kind: str, message: str, sha256: str | None = None) -> dict[str, Any]:
    """The record of an input that could not be processed: no meta, no entities.

    ``sha256`` is the digest of the bytes when they could be read (decoding failed after),
    ``None`` when they could not.
    """
    return {
        "schema": SCHEMA,
        "path": _clean(path),
        "sha256": sha256,
        "chars": None,
        "error": {"kind": kind, "message": _clean(message)},
    }


# error.kind for the errno of a failed open/read.  ENOENT is split by read_error.
_ERRNO_KINDS: dict[int, tuple[str, str]] = {
    errno.ELOOP: ("symlink-loop", "too many levels of symbolic links (a symlink loop)"),
    errno.EACCES: ("permission", "permission denied"),
    errno.EPERM: ("permission", "permission denied"),
    errno.EISDIR: ("is-directory", "is a directory, expected a file"),
    errno.ENXIO: ("not-a-file", "not a regular file (socket or device)"),
}


def read_error(path: str, e: OSError) -> ReadError:
    """Name an OSError from opening or reading ``path`` in the record's words.

    Shared by every executor (local, workers, Dask) so a file fails the same way everywhere.
    """
    if isinstance(e, FileNotFoundError) or e.errno == errno.ENOENT:
        if os.path.islink(path):
            return ReadError("broken-link", "symbolic link points to nothing")
        return ReadError("missing", "no such file (vanished or never existed)")
    known = _ERRNO_KINDS.get(e.errno or 0)
    if known:
        return ReadError(*known)
    return ReadError("os-error", e.strerror or str(e) or type(e).__name__)


def too_large(max_bytes: int) -> ReadError:
    return ReadError("too-large", f"larger than --max-bytes ({max_bytes} bytes)")


def read_bytes(src: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The source's bytes, or a ReadError that names the problem in plain words.

    The file is opened non-blocking, so a FIFO met while walking a folder cannot hang the
    run (with no writer it reads as empty; ``<(zcat a.gz)`` still works), and devices and
    other special files are refused.  A size over ``max_bytes`` is refused before reading.
    """
    if src.error is not None:
        raise ReadError(*src.error)
    if src.fs_path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(max_bytes)
        return data
    path = src.fs_path
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        raise read_error(path, e) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(*_ERRNO_KINDS[errno.EISDIR])
        if stat.S_ISFIFO(st.st_mode):
            os.set_blocking(fd, True)
        elif not stat.S_ISREG(st.st_mode):
            raise ReadError(*_ERRNO_KINDS[errno.ENXIO])
        elif st.st_size > max_bytes:
            raise too_large(max_bytes)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as e:
        raise read_error(path, e) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise too_large(max_bytes)  # grew after the stat, or a FIFO
    return data


def process_bytes(path: str, data: bytes, pipeline: Pipeline) -> dict[str, Any]:
    """One record from a file's bytes: decoded, normalised by the pipeline, extracted.

    ``encoding`` is present only when the file was not plain UTF-8 (``utf-8-sig``,
    ``utf-16-le`` …, ``windows-1258``).  An empty or blank file is a normal record with no
    entities and the warning ``empty``: nothing failed, but a cron job may want to know.
    Warnings (``warnings``: a list of short tokens): ``empty``, ``utf-16-no-bom``,
    ``unserializable-value``, then the pipeline's own.
    """
    digest = hashlib.sha256(data).hexdigest()
    try:
        decoded = decode(data)
    except DecodeError as e:
        return error_record(path, e.kind, e.message, digest)
    text = decoded.text
    record: dict[str, Any] = {"schema": SCHEMA, "path": _clean(path), "sha256": digest,
                              "chars": len(text)}
    if decoded.encoding != "utf-8":
        record["encoding"] = decoded.encoding
    record.update(pipeline.process(text))
    warnings = list(decoded.warnings)
    if not text.strip():
        warnings.append("empty")
    if warnings:
        record["warnings"] = [*warnings, *record.get("warnings", [])]
    return writable(record)


# orjson writes integers in this range only; larger ones (a 30-digit "number") would stop the
# writer, and with it the run.
_INT_MIN, _INT_MAX = -(1 << 63), (1 << 64) - 1


def _repair(v: Any) -> Any:
    """``v`` with everything orjson cannot write made into text (or None if too big)."""
    if isinstance(v, dict):
        return {k if isinstance(k, str) else str(k): _repair(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_repair(x) for x in v]
    if isinstance(v, bool) or v is None or isinstance(v, float):
        return v
    if isinstance(v, int):
        if _INT_MIN <= v <= _INT_MAX:
            return v
        return str(v) if v.bit_length() < 13_000 else None  # str() refuses > 4300 digits
    if isinstance(v, str):
        return _clean(v)
    return _clean(str(v))


def writable(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` as the writers can always serialise it.

    An extractor may return a value JSON cannot hold (an integer beyond 64 bits, a Decimal,
    a lone surrogate); rather than stopping the run at the writer, such values are written
    as strings and the record gets the warning ``unserializable-value``.
    """
    try:
        orjson.dumps(record)
        return record
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        fixed = _repair(record)
        fixed.setdefault("warnings", []).append("unserializable-value")
        return fixed


def process_source(
    src: Source, pipeline: Pipeline, max_bytes: int = DEFAULT_MAX_BYTES,
    read: Callable[[Source, int], bytes] = read_bytes,
) -> dict[str, Any]:
    """Exactly one record for ``src``, whatever goes wrong; never raises for a bad file.

    ``read`` fetches the bytes or raises ReadError; the Dask executor passes its URL reader
    so that a file fails the same way whichever executor reads it.
    """
    try:
        data = read(src, max_bytes)
    except ReadError as e:
        return error_record(src.path, e.kind, e.message)
    try:
        return process_bytes(src.path, data, pipeline)
    except Exception as e:  # an extractor bug must cost one record, not the run
        return error_record(src.path, "internal", f"{type(e).__name__}: {e}",
                            hashlib.sha256(data).hexdigest())
