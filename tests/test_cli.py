"""The extract/eval commands end to end, through the installed console script's code path.

Each input mode, each format, the exit codes, atomic -o, byte-identical reruns, and the
offset invariant over every mention of the seed report.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_GOLD = ROOT.parent / "shared" / "gold"


def vnx(*args: str, stdin: bytes | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin, capture_output=True, cwd=cwd or ROOT, timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


def records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_report() -> bytes:
    res = vnx("extract", str(SEEDS), "-q")
    assert res.returncode == 0, res.stderr.decode()
    return res.stdout


def test_folder_gives_one_record_per_file_in_sorted_order(seed_report: bytes) -> None:
    recs = records(seed_report)
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert [r["path"] for r in recs] == names
    for r in recs:
        assert r["schema"] == "vnextract/1"
        assert len(r["sha256"]) == 64
        assert isinstance(r["chars"], int) and r["chars"] > 0
        assert set(r) >= {"meta", "entities", "roles", "quotes"}


def test_offset_invariant_holds_for_every_seed_mention(seed_report: bytes) -> None:
    for r in records(seed_report):
        data = (SEEDS / r["path"]).read_bytes()
        text = data.decode("utf-8-sig")
        assert r["chars"] == len(text)
        last = -1
        for m in r["entities"]:
            assert text[m["start"]:m["end"]] == m["text"], m
            assert m["start"] >= last, "entities sorted and not overlapping"
            last = m["end"]
            assert m["text"] == m["text"].strip()


def test_reruns_are_byte_identical(seed_report: bytes) -> None:
    assert vnx("extract", str(SEEDS), "-q").stdout == seed_report


def test_stdin_is_one_article() -> None:
    text = "Ngày 5/3/2024, tỷ lệ đạt 67,46%.\n".encode()
    res = vnx("extract", "-", "-q", stdin=text)
    assert res.returncode == 0
    (rec,) = records(res.stdout)
    assert rec["path"] == "-"
    assert any(m["type"] == "PERCENT" and m["value"] == 67.46 for m in rec["entities"])


@pytest.mark.parametrize("nul", [False, True])
def test_files_from(tmp_path: Path, nul: bool) -> None:
    files = sorted(SEEDS.glob("*.txt"))[:3]
    sep = b"\0" if nul else b"\n"
    listing = sep.join(os.fsencode(f) for f in files) + sep
    args = ["extract", "--files-from", "-", "-q"] + (["-0"] if nul else [])
    res = vnx(*args, stdin=listing)
    assert res.returncode == 0, res.stderr
    assert [r["path"] for r in records(res.stdout)] == [str(f) for f in files]


def test_glob_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Năm 2020 đạt 5%.", encoding="utf-8")
    (tmp_path / "b.md").write_text("không đọc", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.txt").write_text("Tăng 10%.", encoding="utf-8")
    (sub / "skip.txt").write_text("bỏ qua", encoding="utf-8")
    res = vnx("extract", str(tmp_path), "-q", "--exclude", "skip*")
    assert [r["path"] for r in records(res.stdout)] == ["a.txt", "sub/c.txt"]
    res = vnx("extract", str(tmp_path), "-q", "--glob", "*.md")
    assert [r["path"] for r in records(res.stdout)] == ["b.md"]


def test_article_csv_has_one_row_per_article(seed_report: bytes) -> None:
    res = vnx("extract", str(SEEDS), "-q", "--format", "csv")
    assert res.returncode == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout.decode("utf-8"))))
    assert [r["path"] for r in rows] == [r["path"] for r in records(seed_report)]
    assert {"path", "title", "published", "authors", "PERCENT", "roles"} <= set(rows[0])
    by_path = {r["path"]: r for r in records(seed_report)}
    for row in rows:
        pct = {m["text"] for m in by_path[row["path"]]["entities"] if m["type"] == "PERCENT"}
        assert set(filter(None, row["PERCENT"].split("; "))) == pct


def test_mentions_csv_has_one_row_per_mention(seed_report: bytes) -> None:
    res = vnx("extract", str(SEEDS), "-q", "--format", "mentions")
    rows = list(csv.DictReader(io.StringIO(res.stdout.decode("utf-8"))))
    assert list(rows[0]) == ["path", "type", "text", "start", "end", "value", "source"]
    entity_rows = [r for r in rows if r["type"] not in ("ROLE", "QUOTE")]
    assert len(entity_rows) == sum(len(r["entities"]) for r in records(seed_report))


def test_output_file_is_atomic_and_complete(tmp_path: Path, seed_report: bytes) -> None:
    out = tmp_path / "report.jsonl"
    out.write_text("old report\n")
    res = vnx("extract", str(SEEDS), "-q", "-o", str(out))
    assert res.returncode == 0 and res.stdout == b""
    assert out.read_bytes() == seed_report
    assert [p.name for p in tmp_path.iterdir()] == ["report.jsonl"], "no temp file left"


def test_failed_run_leaves_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "report.jsonl"
    out.write_text("old report\n")
    res = vnx("extract", str(SEEDS), "-q", "-o", str(out), "--extractors", "nosuch")
    assert res.returncode == 2
    assert out.read_text() == "old report\n"


def test_summary_line_on_stderr_and_quiet() -> None:
    res = vnx("extract", str(SEEDS))
    assert res.stderr.decode().startswith("vnextract: 5 files, 0 errors")
    one = vnx("extract", str(next(SEEDS.glob("*.txt"))))
    assert one.stderr.decode().startswith("vnextract: 1 file, 0 errors")
    assert vnx("extract", str(SEEDS), "-q").stderr == b""


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "no/such/path"], "no such file or directory: no/such/path"),
        (["extract"], "no input given"),
        (["extract", str(SEEDS), "--extractors", "nosuch"], "unknown extractor 'nosuch'"),
        (["extract", str(SEEDS), "-0"], "-0 goes with --files-from"),
        (["extract", "-", "--files-from", "-"], "stdin cannot be both"),
        (["eval", "no/gold.jsonl", "no/report.jsonl"], "cannot read no/gold.jsonl"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    res = vnx(*args, stdin=b"")
    assert res.returncode == 2
    err = res.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_unreadable_file_gives_error_record_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Đạt 5%.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary\x00\xff")
    res = vnx("extract", str(tmp_path), "-q", "--glob", "*.txt")
    recs = records(res.stdout)
    assert res.returncode == 1
    assert [r["path"] for r in recs] == ["bad.txt", "good.txt"]
    assert "error" in recs[0] and "error" not in recs[1]


def test_extractor_choice(seed_report: bytes) -> None:
    listed = vnx("extractors").stdout.decode().splitlines()
    names = [line.split("\t")[0] for line in listed]
    assert "percent" in names or "numbers" in names
    only = next(n for n in names if n in ("percent", "numbers"))
    res = vnx("extract", str(SEEDS), "-q", "--extractors", only)
    types = {m["type"] for r in records(res.stdout) for m in r["entities"]}
    assert "PERCENT" in types and "PER" not in types
    res = vnx("extract", str(SEEDS), "-q", "--skip", only)
    assert "PERCENT" not in {m["type"] for r in records(res.stdout) for m in r["entities"]}


def test_help_is_clear() -> None:
    res = vnx("extract", "--help")
    assert res.returncode == 0
    out = res.stdout.decode()
    for opt in ("--format", "--output", "--files-from", "--glob", "--exclude", "--quiet"):
        assert opt in out
