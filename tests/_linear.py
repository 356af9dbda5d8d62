"""Catastrophic-backtracking guard shared by the extractor tests.

A scan that backtracks takes hours on 200 KB of repeated pieces; a linear one takes well
under a second.  The scan runs in a forked child so that a stuck regex (which holds the GIL
and ignores signals) can be killed, and the limit is generous so that a loaded CI machine
never fails a linear scan: this is a hang detector, not a timing assertion.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

LIMIT_SECONDS = 60
SIZE = 200_000


def hostile(unit: str, size: int = SIZE) -> str:
    """``unit`` repeated to about ``size`` characters."""
    return unit * (size // len(unit))


def assert_finishes(scan: Callable[[str], Any], text: str, label: str = "",
                    limit: float = LIMIT_SECONDS) -> None:
    proc = multiprocessing.get_context("fork").Process(target=scan, args=(text,))
    t0 = time.monotonic()
    proc.start()
    proc.join(limit)
    alive = proc.is_alive()
    if alive:
        proc.kill()
        proc.join()
    assert not alive, f"{label}: still scanning after {time.monotonic() - t0:.0f}s"
    assert proc.exitcode == 0, f"{label}: the scan raised (exit code {proc.exitcode})"
