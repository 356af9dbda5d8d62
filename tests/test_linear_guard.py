"""The backtracking guard itself must catch a backtracking regex (else it proves nothing)."""

from __future__ import annotations

import re

import pytest
from _linear import assert_finishes

# (a+)+$ on "aaaa…b" is the textbook catastrophic pattern: 2^n paths before failing.
CATASTROPHIC = re.compile(r"(a+)+$")


def test_guard_fails_on_a_backtracking_scan() -> None:
    with pytest.raises(AssertionError, match="still scanning"):
        assert_finishes(CATASTROPHIC.match, "a" * 60 + "b", "textbook", limit=1)


def test_guard_passes_a_linear_scan() -> None:
    assert_finishes(re.compile(r"a+$").match, "a" * 200_000 + "b", "linear", limit=30)
