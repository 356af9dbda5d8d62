"""User gazetteers (--gazetteer FILE): parsing, precedence over the rules, CLI errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractors import Pipeline
from extractors.gazetteer import GazEntry, GazetteerError, parse

GOOD = "# my beat\nORG\tBệnh viện Hoàn Mỹ\nPER\tY Ngông Niê\tY Ngông\nLOC\tphố Hàng Bạc\n"


def test_parse() -> None:
    assert parse(GOOD) == [GazEntry("ORG", "Bệnh viện Hoàn Mỹ"),
                           GazEntry("PER", "Y Ngông Niê", "Y Ngông"),
                           GazEntry("LOC", "phố Hàng Bạc")]


@pytest.mark.parametrize(("bad", "msg"), [
    ("XYZ\tAbc\n", "unknown type"),
    ("ORG\n", "column"),
    ("ORG\ta\tb\tc\n", "column"),
    ("PER\t\n", "empty name"),
])
def test_parse_errors(bad: str, msg: str) -> None:
    with pytest.raises(GazetteerError, match=msg):
        parse(bad, "g.tsv")


def _ents(text: str, entries: list[GazEntry]) -> list[tuple[str, str, str]]:
    rec = Pipeline(["gazetteer", "ner"], options={"gazetteers": tuple(entries)}).process(text)
    return [(e["type"], e["text"], e["source"]) for e in rec["entities"]]


# (expected mentions) <- sentence; gazetteer names win over the rules and stay whole
ROWS = [
    ([("PER", "Y Ngông Niê", "gazetteer"), ("ORG", "Bệnh viện Hoàn Mỹ", "gazetteer")],
     "Ông Y Ngông Niê đến Bệnh viện Hoàn Mỹ khám bệnh."),
    ([("LOC", "phố Hàng Bạc", "gazetteer")], "Du khách dạo phố Hàng Bạc."),
    ([("ORG", "BỆNH VIỆN HOÀN MỸ", "gazetteer")], "BỆNH VIỆN HOÀN MỸ KHAI TRƯƠNG CƠ SỞ MỚI\n"),
]


@pytest.mark.parametrize(("expected", "text"), ROWS)
def test_precedence(expected: list[tuple[str, str, str]], text: str) -> None:
    assert _ents(text, parse(GOOD)) == expected


def test_case_must_match_outside_caps_lines() -> None:
    assert _ents("những bệnh viện hoàn mỹ nhất", parse(GOOD)) == []


def test_cli_bad_file_exits_2(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Sở Y tế họp.", encoding="utf-8")
    bad = tmp_path / "g.tsv"
    bad.write_text("NOPE\tx\n", encoding="utf-8")
    for g in (str(bad), str(tmp_path / "missing.tsv")):
        r = subprocess.run([sys.executable, "-m", "cli", "extract", str(art), "--gazetteer", g,
                            "-q"], capture_output=True, text=True)
        assert r.returncode == 2
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
