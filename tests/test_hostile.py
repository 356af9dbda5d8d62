"""Hostile text: every extractor must stay linear (no catastrophic regex backtracking).

Each input (1 MB for the issue's own cases, 250 kB for the pattern families) goes through
decoding, normalisation and the whole default pipeline in a forked child process with a
generous time limit: a linear pipeline needs seconds, a backtracking regex needs hours.  The
child records which extractor it is in, so a failure names the culprit.  The limit is not a
speed target (VNEXTRACT_HOSTILE_TIMEOUT overrides it on a slow machine).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Callable

import orjson
import pytest

from cli import runner
from extractors import Pipeline

TIMEOUT = float(os.environ.get("VNEXTRACT_HOSTILE_TIMEOUT") or 120)
MB = 1_000_000
SMALL = 250_000  # enough for a quadratic pattern to blow the limit, cheap when linear


def _repeat(unit: str, size: int = SMALL) -> str:
    return unit * (size // len(unit))


# (name, builder): the cases at 1 MB, the pattern families at 250 kB.
HOSTILE: list[tuple[str, Callable[[], str]]] = [
    ("digits", lambda: "7" * MB),
    ("one-long-line-of-words", lambda: _repeat("người dân xã ta ", MB)),
    ("no-punctuation-capitals", lambda: _repeat("Nguyễn Văn Hòa Trần Thị Lan ", MB)),
    ("nfd-marks", lambda: _repeat("a\u0301", MB)),
    ("all-caps-line", lambda: _repeat("PHÓ BÍ THƯ HUYỆN ỦY ")),
    ("dotted-numbers", lambda: _repeat("1.")),
    ("comma-numbers", lambda: _repeat("1,")),
    ("slashes", lambda: _repeat("1/")),
    ("dashes", lambda: _repeat("1-")),
    ("date-like", lambda: _repeat("12/3/2024 ")),
    ("docref-like", lambda: _repeat("13-NQ/")),
    ("percent-like", lambda: _repeat("1,1 ")),
    ("money-like", lambda: _repeat("1.000 tỷ ")),
    ("org-heads", lambda: _repeat("Sở Ban Trung tâm ")),
    ("titles", lambda: _repeat("Giám đốc Phó ")),
    ("admin-words", lambda: _repeat("huyện xã tỉnh ")),
    ("open-quotes", lambda: _repeat("“a ")),
    ("ascii-quotes", lambda: _repeat('"a ')),
    ("emails", lambda: _repeat("a.")),
    ("at-signs", lambda: _repeat("a@")),
    ("urls", lambda: _repeat("http://a")),
    ("phone-like", lambda: _repeat("0912 ")),
    ("spaces", lambda: " " * SMALL),
    ("newlines", lambda: "\n" * SMALL),
    ("nbsp", lambda: "\u00a0" * SMALL),
    ("old-tone", lambda: _repeat("hoà ")),
    ("parentheses", lambda: _repeat("(")),
    ("capital-dots", lambda: _repeat("A.")),
]


def _child(pipe: Pipeline, text: str, where: multiprocessing.Array) -> None:  # type: ignore
    """In the forked child (a copy of the test's pipeline, already loaded): run it, writing
    the current extractor's name first."""

    def mark(name: str) -> None:
        data = name.encode()[:127]
        where[:len(data)] = data
        where[len(data)] = 0

    for ext in pipe.extractors:
        inner = ext.extract

        def wrapped(doc: object, _inner: Callable = inner, _name: str = ext.name) -> list:
            mark(_name)
            return _inner(doc)

        # A slotted extractor cannot be wrapped: the failure message then says "pipeline".
        with contextlib.suppress(AttributeError, TypeError):
            ext.extract = wrapped  # type: ignore[method-assign]
    mark("decode/normalize/pipeline")
    record = runner.process_bytes("hostile.txt", text.encode(), pipe)
    if "error" in record:  # an extractor raised: say which error, exit non-zero
        mark(f"error {record['error']['message']}")
        raise SystemExit(3)
    orjson.dumps(record)  # and the writer can write it
    mark("done")


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork")
@pytest.mark.parametrize(("name", "build"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_pipeline_stays_linear(pipeline: Pipeline, name: str,
                               build: Callable[[], str]) -> None:
    ctx = multiprocessing.get_context("fork")
    where = ctx.Array("c", 128)
    text = build()
    proc = ctx.Process(target=_child, args=(pipeline, text, where))
    proc.start()
    proc.join(TIMEOUT)
    if proc.is_alive():
        proc.kill()
        proc.join()
        stuck = where.value.decode(errors="replace")
        pytest.fail(f"{stuck!r} did not finish within {TIMEOUT:.0f}s on {name!r} "
                    f"({len(text) // 1000} kB): "
                    "probably a regex that backtracks")
    assert proc.exitcode == 0, f"failed on {name!r}: {where.value.decode(errors='replace')!r}"
    assert where.value == b"done"
