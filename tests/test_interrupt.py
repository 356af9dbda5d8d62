"""Interruptions: SIGINT/SIGTERM stop cleanly (130/143, records done so far kept), and a run
killed at any point (kill -9 included) then rerun with --state yields exactly one record per
file: the same report as one uninterrupted run."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests._runs import ROOT, archive, cli_cmd, cli_env, ok, paths_of, vnx

N = 40


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return archive(tmp_path_factory.mktemp("gen"), N, seed=11)


@pytest.fixture(scope="module")
def full(gen: Path) -> bytes:
    """The report of one uninterrupted run: what every resumed run must end up with."""
    return ok(vnx("extract", str(gen), "-q", "-j", "1")).stdout


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.02)
    raise AssertionError(f"{path} never reached {n} lines")


def _start(gen: Path, work: Path, jobs: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        cli_cmd("extract", str(gen), "-q", "-j", jobs, "--state", str(work / "s.db"),
                "--append", "-o", str(work / "r.jsonl")),
        cwd=ROOT, env=cli_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL)


def _resume(gen: Path, work: Path) -> None:
    ok(vnx("extract", str(gen), "-q", "--state", str(work / "s.db"), "--append",
           "-o", str(work / "r.jsonl")))


@pytest.mark.parametrize(("kill_after", "commit_every", "jobs"), [
    (7, 1000, "1"),  # nothing committed yet: the whole written tail is cut and redone
    (13, 5, "2"),  # killed 3 records after a commit: only those 3 are redone
    (10, 5, "2"),  # killed right after a commit's records were written, before the commit
])
def test_sigkill_between_write_and_commit_loses_and_duplicates_nothing(
        gen: Path, full: bytes, tmp_path: Path, kill_after: int, commit_every: int,
        jobs: str) -> None:
    proc = _start(gen, tmp_path, jobs, VNEXTRACT_TEST_KILL_AFTER=str(kill_after),
                  VNEXTRACT_TEST_COMMIT_EVERY=str(commit_every))
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert (tmp_path / "r.jsonl").read_bytes().count(b"\n") >= kill_after
    _resume(gen, tmp_path)
    assert (tmp_path / "r.jsonl").read_bytes() == full


def test_sigkill_from_outside_mid_run(gen: Path, full: bytes, tmp_path: Path) -> None:
    proc = _start(gen, tmp_path, "2", VNEXTRACT_TEST_DELAY="0.05",
                  VNEXTRACT_TEST_COMMIT_EVERY="3")
    try:
        _wait_for_lines(tmp_path / "r.jsonl", 10, proc)
        proc.kill()
    finally:
        proc.communicate(timeout=60)
    done = (tmp_path / "r.jsonl").read_bytes().count(b"\n")
    assert 10 <= done < N
    _resume(gen, tmp_path)
    report = (tmp_path / "r.jsonl").read_bytes()
    assert report == full
    assert len(set(paths_of(report))) == N == len(report.splitlines())


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_stops_cleanly_keeps_records_and_resumes(
        gen: Path, full: bytes, tmp_path: Path, sig: int, code: int) -> None:
    proc = _start(gen, tmp_path, "2", VNEXTRACT_TEST_DELAY="0.1",
                  VNEXTRACT_TEST_COMMIT_EVERY="1")
    try:
        _wait_for_lines(tmp_path / "r.jsonl", 4, proc)
        proc.send_signal(sig)
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err.decode()
    kept = (tmp_path / "r.jsonl").read_bytes()
    n = kept.count(b"\n")
    assert 4 <= n < N
    assert kept == b"".join(full.splitlines(keepends=True)[:n])  # the first n, whole
    assert f"{n} files done and kept, {N - n} not processed" in err.decode()
    _resume(gen, tmp_path)
    assert (tmp_path / "r.jsonl").read_bytes() == full


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_with_o_commits_the_partial_report(gen: Path, full: bytes, tmp_path: Path,
                                                  sig: int, code: int) -> None:
    out = tmp_path / "r.jsonl"
    proc = subprocess.Popen(
        cli_cmd("extract", str(gen), "-q", "-j", "2", "-o", str(out)), cwd=ROOT,
        env=cli_env(VNEXTRACT_TEST_DELAY="0.1"), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.stat().st_size for p in tmp_path.glob(".vnextract-*.tmp")):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(sig)
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err.decode()
    kept = out.read_bytes()
    n = kept.count(b"\n")
    assert 1 <= n < N
    assert kept == b"".join(full.splitlines(keepends=True)[:n])
    assert [json.loads(x)["path"] for x in kept.splitlines()] == paths_of(full)[:n]
    assert not list(tmp_path.glob(".vnextract-*.tmp"))
