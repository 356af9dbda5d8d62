"""Progress on stderr: a rich bar when stderr is a terminal, nothing otherwise."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class Progress:
    """Files done, characters/s and errors; silent when disabled or stderr is not a tty."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self.errors = 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TextColumn("[red]{task.fields[errors]} errors"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("extract", total=self.total, errors=0, rate="")
            self._chars = 0
        return self

    def advance(self, chars: int, failed: bool) -> None:
        self.errors += failed
        if self._bar is None:
            return
        self._chars += chars
        elapsed = self._bar.tasks[0].elapsed or 1e-9
        rate = f"{self._chars / elapsed / 1000:,.0f}k chars/s"
        self._bar.update(self._task, advance=1, errors=self.errors, rate=rate)

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(et, ev, tb)
