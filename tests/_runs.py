"""Helpers shared by the parallel/state/interrupt/dask tests: run the CLI, make an archive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def cli_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNEXTRACT_TEST_")}
    env.update(extra)
    return env


def vnx(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(cli_cmd(*args), capture_output=True, cwd=ROOT, timeout=timeout,
                          env=cli_env(**env), stdin=subprocess.DEVNULL)


def archive(folder: Path, n: int, seed: int = 7) -> Path:
    """A deterministic folder of ``n`` synthetic articles (bench.corpus) in sub-folders."""
    sys.path.insert(0, str(ROOT))
    try:
        from bench import corpus
    finally:
        sys.path.pop(0)
    corpus.build(folder, n, seed=seed, per_folder=10)
    return folder


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def paths_of(data: bytes) -> list[str]:
    import json

    return [json.loads(line)["path"] for line in data.splitlines() if line.strip()]


def ok(res: subprocess.CompletedProcess[bytes], code: int = 0) -> Any:
    assert res.returncode == code, res.stderr.decode(errors="replace")
    return res
