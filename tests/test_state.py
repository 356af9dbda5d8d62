"""--state: unchanged files are skipped, changed/new ones processed and appended; the report
and the state stay consistent (committed size, one state per report, overlapping runs)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cli.inputs import UsageError
from cli.state import State, open_append, pipeline_version
from tests._runs import SEEDS, archive, ok, paths_of, vnx


@pytest.fixture
def work(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    return tmp_path


def run(work: Path, *extra: str, code: int = 0) -> str:
    res = vnx("extract", str(work / "in"), "--state", str(work / "s.db"), "--append",
              "-o", str(work / "r.jsonl"), "-j", "2", *extra)
    ok(res, code)
    return res.stderr.decode()


def report(work: Path) -> list[dict]:
    return [json.loads(x) for x in (work / "r.jsonl").read_bytes().splitlines()]


def test_rerun_skips_unchanged_files(work: Path) -> None:
    err = run(work)
    assert "5 files" in err and "0 unchanged skipped" in err
    before = (work / "r.jsonl").read_bytes()
    err = run(work)
    assert "0 files" in err and "5 unchanged skipped" in err
    assert (work / "r.jsonl").read_bytes() == before


def test_changed_and_new_files_are_appended_and_supersede(work: Path) -> None:
    run(work)
    first = sorted((work / "in").glob("*.txt"))[0]
    first.write_text(first.read_text("utf-8") + "\nThêm một câu vào cuối bài, ngày 5/3/2024.\n",
                     encoding="utf-8")
    (work / "in" / "zz_new.txt").write_text("Bài mới: tăng 12,5% so với năm 2023.\n",
                                            encoding="utf-8")
    err = run(work)
    assert "2 files" in err and "4 unchanged skipped" in err
    recs = report(work)
    assert [r["path"] for r in recs[5:]] == [first.name, "zz_new.txt"]
    # the last record of a path is the current one (readers take the last record per path)
    last = {r["path"]: r for r in recs}
    assert len(last) == 6
    assert last[first.name]["sha256"] != recs[0]["sha256"]
    assert last[first.name]["chars"] == len(first.read_text("utf-8"))


def test_touched_file_is_rechecked_but_not_reported_twice(work: Path) -> None:
    run(work)
    before = (work / "r.jsonl").read_bytes()
    f = sorted((work / "in").glob("*.txt"))[2]
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    err = run(work)
    assert "1 file," in err and "1 reprocessed with the same record" in err
    assert (work / "r.jsonl").read_bytes() == before
    assert "0 files" in run(work)  # and the new mtime is remembered


def test_error_files_are_retried_but_not_duplicated(work: Path) -> None:
    (work / "in" / "bin.txt").write_bytes(b"\0\1\2 nhi\xc3\xaau byte")
    run(work, code=1)
    run(work, code=1)  # retried: the problem might have been fixed …
    paths = paths_of((work / "r.jsonl").read_bytes())
    assert paths.count("bin.txt") == 1  # … but the same error is not reported again
    (work / "in" / "bin.txt").write_text("Đã sửa: 40% số tệp.\n", encoding="utf-8")
    run(work)
    recs = [r for r in report(work) if r["path"] == "bin.txt"]
    assert "error" in recs[0] and "error" not in recs[-1] and len(recs) == 2


def test_new_pipeline_version_redoes_every_file(work: Path) -> None:
    run(work)
    err = run(work, "--extractors", "percent")
    assert "5 files" in err and "0 unchanged skipped" in err


def test_uncommitted_tail_is_cut_before_appending(work: Path) -> None:
    run(work)
    good = (work / "r.jsonl").read_bytes()
    with open(work / "r.jsonl", "ab") as f:  # what a run killed before its commit leaves
        f.write(b'{"schema":"vnextract/1","path":"000_c88dc2e2599994a7.txt","sha2')
    run(work)
    assert (work / "r.jsonl").read_bytes() == good


@pytest.mark.parametrize("damage", ["truncate", "remove"])
def test_report_shorter_than_the_state_remembers_is_refused(work: Path, damage: str) -> None:
    run(work)
    rep = work / "r.jsonl"
    if damage == "truncate":
        rep.write_bytes(rep.read_bytes()[:100])
    else:
        rep.unlink()
    err = run(work, code=2)
    assert "shorter" in err and err.count("\n") == 1


def test_one_state_per_report(work: Path) -> None:
    run(work)
    res = vnx("extract", str(work / "in"), "--state", str(work / "s.db"), "--append",
              "-o", str(work / "other.jsonl"))
    ok(res, 2)
    assert "one state file per report" in res.stderr.decode()


def test_overlapping_runs_fail_fast(work: Path) -> None:
    import fcntl

    fd = os.open(str(work / "s.db") + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        err = run(work, code=2)
    finally:
        os.close(fd)
    assert "another vnextract run" in err
    assert not (work / "r.jsonl").exists() or (work / "r.jsonl").read_bytes() == b""


def test_state_without_append_writes_only_the_delta(work: Path) -> None:
    args = ["extract", str(work / "in"), "--state", str(work / "d.db"), "-q"]
    assert len(ok(vnx(*args)).stdout.splitlines()) == 5
    assert ok(vnx(*args)).stdout == b""
    (work / "in" / "zz.txt").write_text("Mới: 3%.\n", encoding="utf-8")
    assert paths_of(ok(vnx(*args)).stdout) == ["zz.txt"]


@pytest.mark.parametrize(("args", "message"), [
    (["--append"], "--append needs -o"),
    (["--append", "-o", "x.csv", "-f", "csv"], "--format jsonl only"),
    (["--scheduler", "tcp://127.0.0.1:1"], "--executor dask"),
])
def test_option_misuse_is_a_usage_error(args: list[str], message: str, tmp_path: Path) -> None:
    res = vnx("extract", str(SEEDS), *[a.replace("x.csv", str(tmp_path / "x.csv"))
                                       for a in args])
    ok(res, 2)
    assert message in res.stderr.decode()


def test_append_without_state_repairs_a_torn_line(tmp_path: Path) -> None:
    rep = tmp_path / "r.jsonl"
    rep.write_bytes(b'{"path":"old"}\n{"path":"torn')
    f = open_append(str(rep), None)
    f.write(b'{"path":"new"}\n')
    f.close()
    assert rep.read_bytes() == b'{"path":"old"}\n{"path":"new"}\n'


def test_pipeline_version_follows_option_files(tmp_path: Path) -> None:
    gaz = tmp_path / "g.tsv"
    gaz.write_text("ORG\tCông ty A\n", encoding="utf-8")
    opts = (("gazetteers", (str(gaz),)),)
    v1 = pipeline_version(["percent"], opts, 100)
    assert v1 == pipeline_version(["percent"], opts, 100)
    gaz.write_text("ORG\tCông ty B\n", encoding="utf-8")
    assert pipeline_version(["percent"], opts, 100) != v1
    assert pipeline_version(["percent"], opts, 101) != pipeline_version(["percent"], opts, 100)
    assert pipeline_version([], opts, 100) != pipeline_version(["percent"], opts, 100)


def test_plan_keys_on_size_mtime_version_and_status(tmp_path: Path) -> None:
    gen = archive(tmp_path / "a", 6)
    from cli.inputs import walk_folder

    srcs = list(walk_folder(str(gen), "*.txt", ()))
    with State(str(tmp_path / "s.db"), "v1") as st:
        todo, skipped = st.plan(srcs)
        assert (len(todo), skipped) == (6, 0)
        for i, (s, stat) in enumerate(todo):
            rec = {"path": s.path, "sha256": "x"} | ({"error": {}} if i == 0 else {})
            st.stage(s, stat, rec, f"d{i}")
        st.commit()
        todo, skipped = st.plan(srcs)
        assert [s.path for s, _ in todo] == [srcs[0].path] and skipped == 5  # the error
    with State(str(tmp_path / "s.db"), "v2") as st:
        assert st.plan(srcs)[1] == 0
    with pytest.raises(UsageError):
        State(str(tmp_path), "v1")  # a folder is no state file
