"""Reads each source, runs the pipeline, and yields one record per source, in input order.

Every source yields exactly one record: a result, or an ``error`` record saying what went
wrong.  Nothing here raises for a bad file; only the caller decides to stop (--fail-fast).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from extractors import Pipeline

from .decode import DecodeError, decode
from .inputs import Source

SCHEMA = "vnextract/1"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class ReadError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def error_record(path: str, kind: str, message: str, sha256: str | None = None) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "path": path,
        "sha256": sha256,
        "chars": None,
        "error": {"kind": kind, "message": message},
    }


def read_bytes(src: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The source's bytes, or a ReadError that names the problem in plain words."""
    if src.fs_path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with open(src.fs_path, "rb") as f:
                data = f.read(max_bytes + 1)
        except FileNotFoundError:
            if os.path.islink(src.fs_path):
                raise ReadError("broken-link", "symbolic link points to nothing") from None
            raise ReadError("missing", "no such file (vanished or never existed)") from None
        except IsADirectoryError:
            raise ReadError("is-directory", "is a directory, expected a file") from None
        except PermissionError:
            raise ReadError("permission", "permission denied") from None
        except OSError as e:
            raise ReadError("os-error", e.strerror or str(e)) from None
    if len(data) > max_bytes:
        raise ReadError("too-large", f"larger than --max-bytes ({max_bytes} bytes)")
    return data


def process_bytes(path: str, data: bytes, pipeline: Pipeline) -> dict[str, Any]:
    digest = hashlib.sha256(data).hexdigest()
    try:
        decoded = decode(data)
    except DecodeError as e:
        return error_record(path, e.kind, e.message, digest)
    text = decoded.text
    record: dict[str, Any] = {"schema": SCHEMA, "path": path, "sha256": digest, "chars": len(text)}
    record.update(pipeline.process(text))
    if decoded.warnings:
        record.setdefault("warnings", []).extend(decoded.warnings)
    return record


def process_source(
    src: Source, pipeline: Pipeline, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, Any]:
    try:
        data = read_bytes(src, max_bytes)
    except ReadError as e:
        return error_record(src.path, e.kind, e.message)
    try:
        return process_bytes(src.path, data, pipeline)
    except Exception as e:  # an extractor bug must cost one record, not the run
        return error_record(src.path, "internal", f"{type(e).__name__}: {e}",
                            hashlib.sha256(data).hexdigest())


def run(sources: Iterable[Source], pipeline: Pipeline,
        max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[dict[str, Any]]:
    for src in sources:
        yield process_source(src, pipeline, max_bytes)
