"""Shared fixtures: one pipeline per session (word lists load once) and the seed folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
