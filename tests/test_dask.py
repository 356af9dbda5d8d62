"""--executor dask against a real distributed.LocalCluster (worker processes on this
machine, scheduler on the loopback): same report as a local run, from paths and from
fsspec URLs; a one-line usage error when dask is not installed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._runs import ROOT, SEEDS, archive, cli_env, ok, vnx

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return archive(tmp_path_factory.mktemp("gen"), 70, seed=3)


@pytest.mark.parametrize("which", ["seeds", "gen"])
def test_dask_report_equals_local(scheduler: str, gen: Path, which: str) -> None:
    folder = SEEDS if which == "seeds" else gen
    local = ok(vnx("extract", str(folder), "-q", "-j", "1")).stdout
    remote = ok(vnx("extract", str(folder), "-q", "--executor", "dask",
                    "--scheduler", scheduler)).stdout
    assert remote == local and local.count(b"\n") == (5 if which == "seeds" else 70)


def test_dask_reads_fsspec_urls(scheduler: str, gen: Path) -> None:
    local = ok(vnx("extract", str(gen), "-q", "-j", "1")).stdout
    url = gen.as_uri()  # file:///…: the same walk and the same relative paths as a folder
    remote = ok(vnx("extract", url, "-q", "--executor", "dask",
                    "--scheduler", scheduler)).stdout
    assert remote == local


def test_dask_with_state_and_append(scheduler: str, gen: Path, tmp_path: Path) -> None:
    args = ["extract", str(gen), "-q", "--executor", "dask", "--scheduler", scheduler,
            "--state", str(tmp_path / "s.db"), "--append", "-o", str(tmp_path / "r.jsonl")]
    ok(vnx(*args))
    ok(vnx(*args))
    local = ok(vnx("extract", str(gen), "-q", "-j", "1")).stdout
    assert (tmp_path / "r.jsonl").read_bytes() == local


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    res = vnx("extract", str(SEEDS), "-q", "--executor", "dask", "--scheduler",
              "tcp://127.0.0.1:9", timeout=120,
              DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    ok(res, 2)
    assert "cannot reach the Dask scheduler" in res.stderr.decode()


def test_missing_dask_is_one_line_and_exit_2() -> None:
    code = ("import sys; sys.modules['distributed'] = None; sys.argv = ['vnextract', "
            f"'extract', {str(SEEDS)!r}, '--executor', 'dask']; "
            "from cli.app import main; main()")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                         env=cli_env(), timeout=120)
    assert res.returncode == 2
    assert res.stdout == b""
    assert res.stderr.decode().strip().splitlines() == [
        "vnextract: error: the Dask executor needs the dask extra: pip install "
        "'vnextract[dask]'"]
