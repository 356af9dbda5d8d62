"""Report writers: JSON Lines, one CSV row per article, or one CSV row per mention.

Writers take records one at a time and never hold the whole report, so memory stays flat
however large the archive.  ``AtomicFile`` makes ``-o FILE`` atomic: the report is written
to a temporary file beside the target and renamed over it only when the run finishes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sys
import tempfile
from collections.abc import Sequence
from typing import IO, Any, ClassVar, Protocol

import orjson


class Writer(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, record: dict[str, Any]) -> None:
        self.out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))

    def close(self) -> None:
        self.out.flush()


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    if isinstance(v, (int, float)):
        return str(v)
    return orjson.dumps(v).decode()


# OWASP's CSV-injection rule: a cell a spreadsheet could read as a formula (it starts with
# = + - @, a tab or a carriage return) gets a leading single quote, which spreadsheets show
# as text.  The rule is blind to meaning: "-5" and "-" get the quote too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(s: str) -> str:
    """``s`` made safe to open in a spreadsheet (see FORMULA_START)."""
    return "'" + s if s.startswith(FORMULA_START) else s


class _CsvBase:
    header: list[str]

    def __init__(self, out: IO[bytes], protect: bool = True) -> None:
        self.out = out
        self.protect = protect
        self.text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        self.csv = csv.writer(self.text, lineterminator="\r\n")
        self.csv.writerow(self.header)

    def row(self, cells: Sequence[Any]) -> None:
        if self.protect:
            self.csv.writerow([protect_cell(_cell(c)) for c in cells])
        else:
            self.csv.writerow([_cell(c) for c in cells])

    def close(self) -> None:
        self.text.flush()
        self.text.detach()


class ArticleCsvWriter(_CsvBase):
    """One row per article; each entity type a column of its distinct values, ``; ``-joined."""

    def __init__(self, out: IO[bytes], entity_types: Sequence[str], protect: bool = True
                 ) -> None:
        self.types = list(entity_types)
        self.header = ["path", "title", "section", "published", "authors", *self.types,
                       "roles", "error"]
        super().__init__(out, protect)

    def write(self, record: dict[str, Any]) -> None:
        meta = record.get("meta") or {}
        # dicts as ordered sets: first-seen order, and no list scan per mention (an article
        # with thousands of distinct dates made that quadratic)
        by_type: dict[str, dict[str, None]] = {t: {} for t in self.types}
        for m in record.get("entities", []):
            seen = by_type.get(m["type"])
            if seen is not None:
                seen[m["text"]] = None
        roles = dict.fromkeys(f"{r['person']}: {r['title']}" for r in record.get("roles", []))
        err = record.get("error")
        self.row([
            record["path"], meta.get("title"), meta.get("section"), meta.get("published"),
            "; ".join(meta.get("authors") or []),
            *("; ".join(by_type[t]) for t in self.types),
            "; ".join(roles),
            f"{err['kind']}: {err['message']}" if err else "",
        ])


class MentionsCsvWriter(_CsvBase):
    """One row per mention, role and quote: the long format for pivot tables."""

    header: ClassVar[list[str]] = ["path", "type", "text", "start", "end", "value", "source"]

    def write(self, record: dict[str, Any]) -> None:
        path = record["path"]
        err = record.get("error")
        if err:
            self.row([path, "ERROR", f"{err['kind']}: {err['message']}", "", "", "", ""])
            return
        for m in record.get("entities", []):
            self.row([path, m["type"], m["text"], m["start"], m["end"], m.get("value"),
                      m.get("source")])
        for r in record.get("roles", []):
            self.row([path, "ROLE", f"{r['person']}: {r['title']}", r.get("start"), r.get("end"),
                      {"person": r["person"], "title": r["title"]}, "roles"])
        for q in record.get("quotes", []):
            self.row([path, "QUOTE", q["text"], q.get("start"), q.get("end"),
                      {"speaker": q.get("speaker")}, "quotes"])


class AtomicFile:
    """A binary file that appears at ``path`` only on ``commit`` (temp file + rename)."""

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        fd, self.tmp = tempfile.mkstemp(prefix=".vnextract-", suffix=".tmp", dir=folder)
        self.file: IO[bytes] = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp)


def make_writer(fmt: str, out: IO[bytes], entity_types: Sequence[str],
                csv_protect: bool = True) -> Writer:
    """``csv_protect`` (both CSV formats): quote formula-like cells (FORMULA_START)."""
    if fmt == "jsonl":
        return JsonlWriter(out)
    if fmt == "csv":
        return ArticleCsvWriter(out, entity_types, csv_protect)
    if fmt == "mentions":
        return MentionsCsvWriter(out, csv_protect)
    raise ValueError(f"unknown format {fmt!r}")


def stdout_bytes() -> IO[bytes]:
    return sys.stdout.buffer
