"""Turns the command line's inputs into an ordered list of sources to read.

Folders are walked recursively in sorted order, so two runs over the same tree list files in
the same order and give byte-identical reports.  A path named on the command line that does
not exist is a usage error (exit 2); anything that goes wrong later, file by file, becomes an
error record instead, so no input is ever silently dropped.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

STDIN = "-"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # --max-bytes: a larger file gets an error record


class UsageError(Exception):
    """A mistake in how the tool was called: reported in one line, exit code 2."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document.

    ``path`` is what the record shows (relative to the folder given, or as typed);
    ``fs_path`` is what to open, ``None`` for standard input.  ``error`` is a
    ``(kind, message)`` already known when the inputs were listed (a folder that could not
    be listed), so that it too becomes exactly one error record.
    """

    path: str
    fs_path: str | None
    error: tuple[str, str] | None = None


def is_url(path: str | None) -> bool:
    """Whether ``path`` is a URL (``s3://…``, ``file:///…``) for fsspec rather than a local path;
    only the Dask executor reads those."""
    return path is not None and "://" in path


def display(path: str) -> str:
    """A path as text that is always valid UTF-8 (undecodable bytes shown as \\xNN)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def matches(name: str, rel: str, glob: str, exclude: Sequence[str]) -> bool:
    """Whether a file called ``name`` (``rel`` below the folder walked) is taken: it matches
    --glob and no --exclude pattern matches its name or relative path.  Local folders and
    URL folders (dask_executor) filter alike."""
    if not fnmatch.fnmatchcase(name, glob):
        return False
    return not any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in exclude)


def walk_folder(root: str, glob: str, exclude: Sequence[str]) -> Iterator[Source]:
    """Files under ``root`` matching ``glob``, sorted, paths relative to ``root``.

    Symlinked folders inside the tree are not followed (as ``find`` and ``grep -r`` do):
    a link back up the tree cannot loop and no file is listed twice under two names.  A
    folder given on the command line is followed even when it is a link.  Symlinked files
    are listed and read through the link; a broken one, or a link to itself, becomes an
    error record at read time rather than vanishing.  A sub-folder that cannot be listed
    (permissions, removed meanwhile) becomes one error record with its path and a ``/``.
    """
    failed: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failed.append):
        yield from _walk_errors(root, failed)
        dirnames.sort()
        dirnames[:] = [
            d for d in dirnames
            if not any(fnmatch.fnmatchcase(d, p) for p in exclude)
        ]
        rel_dir = os.path.relpath(dirpath, root)
        for name in sorted(filenames):
            rel = name if rel_dir == "." else os.path.join(rel_dir, name)
            if matches(name, rel, glob, exclude):
                yield Source(display(rel), os.path.join(dirpath, name))
    yield from _walk_errors(root, failed)


def _walk_errors(root: str, failed: list[OSError]) -> Iterator[Source]:
    """Turn the folders os.walk could not list into error sources, and forget them."""
    for e in failed:
        where = str(e.filename) if e.filename is not None else root
        rel = os.path.relpath(where, root)
        kind = "permission" if isinstance(e, PermissionError) else "unreadable-folder"
        yield Source(display(where if rel == "." else rel) + "/", where,
                     (kind, f"cannot list folder: {e.strerror or e}"))
    failed.clear()


def read_list(stream: bytes, nul: bool) -> list[str]:
    """Paths from --files-from: one a line, or NUL-separated (``find -print0``)."""
    sep = b"\0" if nul else b"\n"
    items = stream.split(sep)
    out = []
    for raw in items:
        if not nul:
            raw = raw.rstrip(b"\r")
        if raw:
            out.append(os.fsdecode(raw))
    return out


def collect(
    paths: Sequence[str],
    glob: str = "*.txt",
    exclude: Sequence[str] = (),
    listed: Sequence[str] = (),
) -> list[Source]:
    """All sources in command-line order: each path argument, then each --files-from path.

    Paths named in a --files-from list are taken as files even when they do not exist: a
    list is data, and a missing entry is reported as that file's error record.
    """
    out: list[Source] = []
    for p in paths:
        if p == STDIN:
            out.append(Source(STDIN, None))
        elif os.path.isdir(p):
            out.extend(walk_folder(p, glob, exclude))
        elif os.path.lexists(p):
            out.append(Source(display(p), p))
        else:
            raise UsageError(f"no such file or directory: {display(p)}")
    out.extend(Source(display(p), p) for p in listed)
    return out
