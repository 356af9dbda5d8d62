"""`vnextract eval` scores as the gold FORMAT.md says, and agrees with the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli import evaluate

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCORER = ROOT.parent / "shared" / "gold" / "score.py"

GOLD = [
    {"path": "a.txt", "meta": {"title": "Tin A", "section": None, "authors": ["NAM AN"],
                               "published": "2024-03-01"},
     "entities": [
         {"type": "PER", "text": "Lê Văn Tám", "start": 0, "end": 10},
         {"type": "ORG", "text": "Sở Y tế", "start": 20, "end": 27},
         {"type": "DATE", "text": "năm 2020", "start": 30, "end": 38, "value": "2020"},
         {"type": "PERCENT", "text": "5%", "start": 40, "end": 42, "value": 5},
         {"type": "MONEY", "text": "2 tỷ đồng", "start": 50, "end": 59,
          "value": {"amount": 2000000000, "currency": "VND"}},
     ],
     "roles": [{"person": "Lê Văn Tám", "title": "Giám đốc Sở Y tế"}]},
    {"path": "sub/b.txt", "meta": {"title": None},
     "entities": [{"type": "DOCREF", "text": "Chỉ thị 05-CT/TW", "start": 3, "end": 19,
                   "value": {"kind": "Chỉ thị", "code": "05-CT/TW"}}],
     "roles": []},
]

REPORT = [
    {"path": "a.txt", "meta": {"title": "TIN  A", "section": None, "authors": ["Nam An"],
                               "published": None},
     "entities": [
         {"type": "PER", "text": "Lê Văn Tám", "start": 0, "end": 10},
         {"type": "ORG", "text": "Sở Y", "start": 20, "end": 24},
         {"type": "DATE", "text": "năm 2020", "start": 30, "end": 38, "value": "2021"},
         {"type": "PERCENT", "text": "5%", "start": 40, "end": 42, "value": 5.0},
         {"type": "MONEY", "text": "2 tỷ đồng", "start": 50, "end": 59,
          "value": {"amount": 2e9, "currency": "vnd"}},
         {"type": "LOC", "text": "Huế", "start": 70, "end": 73},
     ],
     "roles": [{"person": "lê văn  tám", "title": "Giám đốc Sở Y tế"},
               {"person": "Lê Văn Tám", "title": "Bí thư"}]},
    {"path": "other/dir/b.txt", "meta": {"title": None},
     "entities": [{"type": "DOCREF", "text": "Chỉ thị 05-CT/TW", "start": 3, "end": 19,
                   "value": {"kind": None, "code": "05 - CT/TW"}}]},
]


def write(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    return path


# (type, tp, fp, fn) expected from the rules: strict spans, values compared normalised.
EXPECTED = [
    ("PER", 1, 0, 0),
    ("ORG", 0, 1, 1),
    ("LOC", 0, 1, 0),
    ("DATE", 0, 1, 1),
    ("PERCENT", 1, 0, 0),
    ("MONEY", 1, 0, 0),
    ("DOCREF", 1, 0, 0),
]


@pytest.mark.parametrize("typ, tp, fp, fn", EXPECTED)
def test_counts_per_type(typ: str, tp: int, fp: int, fn: int) -> None:
    res = evaluate.score({g["path"]: g for g in GOLD}, {r["path"]: r for r in REPORT})
    got = res["types"][typ]
    assert (got["tp"], got["fp"], got["fn"]) == (tp, fp, fn)


def test_roles_and_meta() -> None:
    res = evaluate.score({g["path"]: g for g in GOLD}, {r["path"]: r for r in REPORT})
    assert (res["roles"]["tp"], res["roles"]["fp"], res["roles"]["fn"]) == (1, 1, 0)
    assert res["meta"] == {"title": 1.0, "section": 1.0, "authors": 1.0, "published": 0.0}
    assert res["missing_docs"] == 0


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared scorer not beside the repo")
def test_json_agrees_with_shared_scorer(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", GOLD)
    report = write(tmp_path / "report.jsonl", REPORT)
    ours = subprocess.run([sys.executable, "-m", "cli", "eval", str(gold), str(report), "--json"],
                          capture_output=True, check=True, cwd=ROOT)
    theirs = subprocess.run([sys.executable, str(SHARED_SCORER), str(gold), str(report), "--json"],
                            capture_output=True, check=True)
    assert json.loads(ours.stdout) == json.loads(theirs.stdout)


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared gold not beside the repo")
def test_seed_report_scores_agree_with_shared_scorer(tmp_path: Path) -> None:
    report = tmp_path / "seeds.jsonl"
    subprocess.run([sys.executable, "-m", "cli", "extract", str(ROOT / "seeds"), "-q",
                    "-o", str(report)], check=True, cwd=ROOT)
    gold = SHARED_SCORER.parent / "seeds.jsonl"
    ours = subprocess.run([sys.executable, "-m", "cli", "eval", str(gold), str(report), "--json"],
                          capture_output=True, check=True, cwd=ROOT)
    theirs = subprocess.run([sys.executable, str(SHARED_SCORER), str(gold), str(report), "--json"],
                            capture_output=True, check=True)
    assert json.loads(ours.stdout) == json.loads(theirs.stdout)
