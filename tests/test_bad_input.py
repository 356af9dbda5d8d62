"""Nothing lost on bad input (issue 7): every input file ends up as exactly one record.

Each case is built on the fly in ``tmp_path``; each test checks the exact record, the exit
code, and that the number of records equals the number of inputs.  Most run the CLI in
process (typer's CliRunner, ``-j 1``); the usage errors and the FIFO run the real entry point
in a subprocess, because that is where the one-line message and a hang would show.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import orjson
import pytest
from legacy_fonts import to_cp1258, to_tcvn3, to_vni
from typer.testing import CliRunner

from cli import inputs, runner, writers
from cli.app import app
from extractors import Pipeline
from extractors.normalize import prepare

ROOT = Path(__file__).resolve().parent.parent

# Our own article-like text; it has figures so the record is not trivially empty.
TEXT = (
    "Năm nay, tỷ lệ hộ nghèo của huyện giảm còn 3,25%, thấp hơn mức 4,1 % của năm trước.\n"
    "Ông Trần Văn Hòa, Chủ tịch UBND huyện, cho biết huyện sẽ hỗ trợ 120 hộ làm nhà mới.\n"
)


def canon(s: str) -> str:
    norm = prepare(s)
    return norm.text if norm else s


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract(*args: str, stdin: bytes | None = None) -> tuple[int, list[dict[str, Any]], str]:
    """Run ``vnextract extract -q -j 1 ARGS`` in process: (exit code, records, stderr)."""
    res = CliRunner().invoke(app, ["extract", "-q", "-j", "1", *args], input=stdin)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    recs = [orjson.loads(line) for line in res.stdout_bytes.splitlines()]
    return res.exit_code, recs, res.stderr


def good_record(pipeline: Pipeline, path: str, data: bytes, text: str,
                **extra: Any) -> dict[str, Any]:
    """The record a readable file must get: the pipeline's result on ``text``, plus ``extra``
    (``encoding``, ``warnings``) in the documented places."""
    rec: dict[str, Any] = {"schema": "vnextract/1", "path": path, "sha256": sha(data),
                           "chars": len(text)}
    if "encoding" in extra:
        rec["encoding"] = extra.pop("encoding")
    rec.update(pipeline.process(text))
    if "warnings" in extra:
        rec["warnings"] = extra.pop("warnings") + rec.get("warnings", [])
    assert not extra
    return rec


def error_record(path: str, kind: str, message: str, digest: str | None) -> dict[str, Any]:
    return {"schema": "vnextract/1", "path": path, "sha256": digest, "chars": None,
            "error": {"kind": kind, "message": message}}


def one_file(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


# ---- encodings -----------------------------------------------------------------------------

# (record's encoding field or None, warnings, bytes, the text the offsets refer to)
ENCODINGS = [
    (None, [], TEXT.encode(), TEXT),
    ("utf-8-sig", [], codecs.BOM_UTF8 + TEXT.encode(), TEXT),
    ("utf-16-le", [], codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
    ("utf-16-be", [], codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
    ("utf-16-le", ["utf-16-no-bom"], TEXT.encode("utf-16-le"), TEXT),
    ("windows-1258", [], to_cp1258(TEXT), TEXT),
    (None, [], unicodedata.normalize("NFD", TEXT).encode(), unicodedata.normalize("NFD", TEXT)),
    (None, [], TEXT.replace("Hòa", "Hoà").encode(), TEXT.replace("Hòa", "Hoà")),
]


@pytest.mark.parametrize(("encoding", "warnings", "data", "text"), ENCODINGS,
                         ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf16le-nobom",
                              "cp1258", "nfd", "old-tone"])
def test_each_encoding_gives_the_record_of_its_text(
        tmp_path: Path, pipeline: Pipeline, encoding: str | None, warnings: list[str],
        data: bytes, text: str) -> None:
    code, recs, _ = extract(str(one_file(tmp_path, data)))
    extra: dict[str, Any] = {"encoding": encoding} if encoding else {}
    if warnings:
        extra["warnings"] = warnings
    assert (code, recs) == (0, [good_record(pipeline, "a.txt", data, text, **extra)])
    for m in recs[0]["entities"]:
        assert text[m["start"]:m["end"]] == m["text"]


def test_every_spelling_gives_the_same_mentions(tmp_path: Path) -> None:
    """NFD, old tone placement and cp1258 give the NFC file's mentions (texts compared in
    canonical spelling, since each mention's text is the file's own)."""
    seen = []
    for i, (_, _, data, _) in enumerate(ENCODINGS):
        _, recs, _ = extract(str(one_file(tmp_path / str(i), data)))
        seen.append([(m["type"], canon(m["text"]), m.get("value"))
                     for m in recs[0]["entities"]])
    assert seen[0]  # the text has mentions, so the comparison means something
    assert all(s == seen[0] for s in seen)


LEGACY = [
    ("tcvn3-bytes", to_tcvn3(TEXT), "legacy-encoding",
     "TCVN3 (ABC)"),
    ("tcvn3-in-utf8", to_tcvn3(TEXT).decode("latin-1").encode(), "legacy-encoding",
     "TCVN3 (ABC)"),
    ("vni-bytes", to_vni(TEXT), "legacy-encoding", "VNI"),
    ("vni-in-utf8", to_vni(TEXT).decode("cp1252").encode(), "legacy-encoding", "VNI"),
    ("mojibake", TEXT.encode().decode("cp1252", "replace").encode(), "mojibake",
     "Windows-1252"),
    ("latin1-french", "Le garçon a mangé à la fenêtre.".encode("latin-1"), "encoding",
     "not valid UTF-8"),
]


@pytest.mark.parametrize(("name", "data", "kind", "fragment"), LEGACY,
                         ids=[r[0] for r in LEGACY])
def test_legacy_encodings_are_reported_never_extracted(
        tmp_path: Path, name: str, data: bytes, kind: str, fragment: str) -> None:
    code, recs, _ = extract(str(one_file(tmp_path, data)))
    assert code == 1 and len(recs) == 1
    rec = recs[0]
    assert fragment in rec["error"]["message"]
    assert rec == error_record("a.txt", kind, rec["error"]["message"], sha(data))
    assert "entities" not in rec


def test_legacy_record_exactly(tmp_path: Path) -> None:
    data = to_tcvn3("Hôm nay trời đẹp, chúng tôi đi thăm đồng.\n")
    code, recs, _ = extract(str(one_file(tmp_path, data)))
    assert (code, recs) == (1, [error_record(
        "a.txt", "legacy-encoding", "text is typed in the TCVN3 (ABC) legacy font encoding "
        "(e.g. 'H«m'); convert it to Unicode first; not extracted", sha(data))])


# ---- broken files --------------------------------------------------------------------------

def test_empty_and_blank_files_are_records_with_a_warning(tmp_path: Path,
                                                          pipeline: Pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b" \r\n\t\n")
    code, recs, _ = extract(str(folder))
    assert code == 0
    assert recs == [good_record(pipeline, "a.txt", b"", "", warnings=["empty"]),
                    good_record(pipeline, "b.txt", b" \r\n\t\n", " \r\n\t\n",
                                warnings=["empty"])]


def test_empty_stdin(pipeline: Pipeline) -> None:
    code, recs, _ = extract("-", stdin=b"")
    assert (code, recs) == (0, [good_record(pipeline, "-", b"", "", warnings=["empty"])])


def test_binary_file(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    code, recs, _ = extract(str(one_file(tmp_path, data)))
    assert (code, recs) == (1, [error_record(
        "a.txt", "binary", "contains NUL bytes (first at byte 8): not a text file", sha(data))])


def test_file_over_max_bytes(tmp_path: Path) -> None:
    folder = one_file(tmp_path, b"x" * 101)
    (folder / "b.txt").write_bytes(b"x" * 100)  # exactly the limit: fine
    code, recs, _ = extract("--max-bytes", "100", str(folder))
    assert code == 1 and len(recs) == 2
    assert recs[0] == error_record("a.txt", "too-large", "larger than --max-bytes (100 bytes)",
                                   None)
    assert "error" not in recs[1] and recs[1]["chars"] == 100


def test_stdin_over_max_bytes() -> None:
    code, recs, _ = extract("--max-bytes", "10", "-", stdin=b"y" * 11)
    assert (code, recs) == (1, [error_record("-", "too-large",
                                             "larger than --max-bytes (10 bytes)", None)])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    (folder / "a.txt").chmod(0)
    code, recs, _ = extract(str(folder))
    assert (code, recs) == (1, [error_record("a.txt", "permission", "permission denied",
                                             None)])


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod 000 does not stop a read: make open() fail the way it would."""
    folder = one_file(tmp_path, TEXT.encode())
    (folder / "b.txt").write_bytes(TEXT.encode())
    real_open = os.open
    locked = str(folder / "a.txt")

    def fake_open(path: Any, flags: int, *a: Any, **k: Any) -> int:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(runner.os, "open", fake_open)
    code, recs, _ = extract(str(folder))
    assert code == 1 and len(recs) == 2
    assert recs[0] == error_record("a.txt", "permission", "permission denied", None)
    assert "error" not in recs[1]


def test_file_vanished_between_listing_and_reading(tmp_path: Path,
                                                   pipeline: Pipeline) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    (folder / "b.txt").write_bytes(TEXT.encode())
    sources = inputs.collect([str(folder)])
    (folder / "a.txt").unlink()
    recs = [runner.process_source(s, pipeline) for s in sources]
    assert recs[0] == error_record("a.txt", "missing",
                                   "no such file (vanished or never existed)", None)
    assert recs[1] == good_record(pipeline, "b.txt", TEXT.encode(), TEXT)


def test_symlinks_broken_looping_and_good(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = one_file(tmp_path, TEXT.encode(), "real.txt")
    os.symlink("nowhere.txt", folder / "broken.txt")
    os.symlink("self.txt", folder / "self.txt")  # a link to itself
    os.symlink("real.txt", folder / "via-link.txt")
    code, recs, _ = extract(str(folder))
    assert code == 1
    assert recs == [
        error_record("broken.txt", "broken-link", "symbolic link points to nothing", None),
        good_record(pipeline, "real.txt", TEXT.encode(), TEXT),
        error_record("self.txt", "symlink-loop",
                     "too many levels of symbolic links (a symlink loop)", None),
        good_record(pipeline, "via-link.txt", TEXT.encode(), TEXT),
    ]


def test_directory_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    sub = folder / "sub"
    sub.mkdir()
    (sub / "b.txt").write_bytes(TEXT.encode())
    os.symlink("..", sub / "up")  # sub/up/sub/up/... would never end
    os.symlink(str(sub), folder / "elsewhere")  # the same folder under a second name
    code, recs, _ = extract(str(folder))
    assert code == 0
    assert [r["path"] for r in recs] == ["a.txt", "sub/b.txt"]  # each file once


def test_unlistable_subfolder_is_one_error_record(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    for name in ("locked", "open"):
        (folder / name).mkdir()
        (folder / name / "x.txt").write_bytes(TEXT.encode())
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    code, recs, _ = extract(str(folder))
    assert code == 1
    assert [r["path"] for r in recs] == ["a.txt", "locked/", "open/x.txt"]
    assert recs[1] == error_record("locked/", "permission",
                                   "cannot list folder: Permission denied", None)


def test_files_from_with_folder_missing_file_and_device(tmp_path: Path,
                                                         pipeline: Pipeline) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    good, missing = str(folder / "a.txt"), str(folder / "gone.txt")
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join([str(folder), good, missing, "/dev/null"]) + "\n")
    code, recs, _ = extract("--files-from", str(listing))
    assert code == 1
    assert recs == [
        error_record(str(folder), "is-directory", "is a directory, expected a file", None),
        good_record(pipeline, good, TEXT.encode(), TEXT),
        error_record(missing, "missing", "no such file (vanished or never existed)", None),
        error_record("/dev/null", "not-a-file", "not a regular file (socket or device)", None),
    ]


def test_file_names_that_are_not_utf8(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/tin-\xe9\xff.txt"  # Latin-1 and a stray byte
    with open(raw, "wb") as f:
        f.write(TEXT.encode())
    code, recs, _ = extract(str(folder))
    assert (code, recs) == (0, [good_record(pipeline, "tin-\\xe9\\xff.txt", TEXT.encode(),
                                            TEXT)])
    # The same name through `find -print0 | vnextract extract --files-from - -0`.
    code, recs, _ = extract("--files-from", "-", "-0", stdin=raw + b"\0")
    assert code == 0 and len(recs) == 1
    assert recs[0]["path"] == os.fsdecode(raw).encode("utf-8", "surrogateescape").decode(
        "utf-8", "backslashreplace")
    # and in CSV, which must not fail on the name either
    res = CliRunner().invoke(app, ["extract", "-q", "-j", "1", "-f", "csv", str(folder)])
    assert res.exit_code == 0
    assert "tin-\\xe9\\xff.txt" in res.stdout_bytes.decode()


def test_fifo_in_a_folder_does_not_hang(tmp_path: Path) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    os.mkfifo(folder / "b.txt")  # nobody will ever write to it
    res = subprocess.run([sys.executable, "-m", "cli", "extract", "-q", "-j", "1", str(folder)],
                         capture_output=True, cwd=ROOT, timeout=120)
    recs = [orjson.loads(line) for line in res.stdout.splitlines()]
    assert res.returncode == 0
    assert [r["path"] for r in recs] == ["a.txt", "b.txt"]
    assert recs[1]["warnings"] == ["empty"]


def test_a_mixed_archive_gives_one_record_per_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "01-good.txt": TEXT.encode(),
        "02-empty.txt": b"",
        "03-binary.txt": b"\0\1\2",
        "04-tcvn3.txt": to_tcvn3(TEXT),
        "05-cp1258.txt": to_cp1258(TEXT),
        "06-huge.txt": b"a" * 5000,
        "07-utf16.txt": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    os.symlink("nowhere", folder / "08-broken.txt")
    code, recs, _ = extract("--max-bytes", "4000", str(folder))
    assert code == 1
    assert [r["path"] for r in recs] == [*files, "08-broken.txt"]
    kinds = [r["error"]["kind"] if "error" in r else None for r in recs]
    assert kinds == [None, None, "binary", "legacy-encoding", None, "too-large", None,
                     "broken-link"]


# ---- --fail-fast ---------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fail_fast_stops_at_the_first_bad_file(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "c.txt", "d.txt"):
        (folder / name).write_bytes(TEXT.encode())
    (folder / "b.txt").write_bytes(b"\0")
    res = CliRunner().invoke(app, ["extract", "-j", jobs, "--fail-fast", str(folder)])
    recs = [orjson.loads(line) for line in res.stdout_bytes.splitlines()]
    assert res.exit_code == 1
    assert [r["path"] for r in recs] == ["a.txt", "b.txt"]  # the bad file's record is kept
    assert recs[1]["error"]["kind"] == "binary"
    assert "2 not processed" in res.stderr
    # Without it, the run goes on to the end.
    code, recs, _ = extract(str(folder))
    assert code == 1 and len(recs) == 4


# ---- CSV formula injection -----------------------------------------------------------------

def test_csv_cells_that_look_like_formulas_are_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["+1.txt", "-2.txt", "=SUM(A1).txt", "@cmd.txt", "ok.txt"]
    for n in names:
        (folder / n).write_bytes(TEXT.encode())
    for fmt in ("csv", "mentions"):
        res = CliRunner().invoke(app, ["extract", "-q", "-j", "1", "-f", fmt, str(folder)])
        rows = list(csv.reader(io.StringIO(res.stdout_bytes.decode())))
        paths = sorted({r[0] for r in rows[1:]})
        assert paths == ["'+1.txt", "'-2.txt", "'=SUM(A1).txt", "'@cmd.txt", "ok.txt"], fmt
        res = CliRunner().invoke(app, ["extract", "-q", "-j", "1", "-f", fmt,
                                       "--no-csv-protect", str(folder)])
        rows = list(csv.reader(io.StringIO(res.stdout_bytes.decode())))
        assert sorted({r[0] for r in rows[1:]}) == sorted(names), fmt


# (cell as written, value given)
CELLS = [
    ("'=1+2", "=1+2"),
    ("'+84 912 345 678", "+84 912 345 678"),
    ("'-5", -5),  # OWASP's rule is blind to meaning: a negative number is quoted too
    ("'-", "-"),
    ("'@ten", "@ten"),
    ("'\tTab", "\tTab"),
    ("'\rCR", "\rCR"),
    ("a=1", "a=1"),
    ("5", 5),
    ("", None),
    ("'=HYPERLINK(\"http://x\")", '=HYPERLINK("http://x")'),
]


@pytest.mark.parametrize(("written", "value"), CELLS)
def test_csv_protect_rule(written: str, value: Any) -> None:
    out = io.BytesIO()
    w = writers.make_writer("mentions", out, ["PERCENT"])
    w.write({"path": "p", "entities": [{"type": "PERCENT", "text": value, "start": 0,
                                        "end": 1, "value": None, "source": "s"}]})
    w.close()
    row = list(csv.reader(io.StringIO(out.getvalue().decode(), newline="")))[1]
    assert row[2] == written
    out = io.BytesIO()
    w = writers.make_writer("mentions", out, ["PERCENT"], csv_protect=False)
    w.write({"path": "p", "entities": [{"type": "PERCENT", "text": value, "start": 0,
                                        "end": 1, "value": None, "source": "s"}]})
    w.close()
    row = list(csv.reader(io.StringIO(out.getvalue().decode(), newline="")))[1]
    assert row[2] == ("" if value is None else str(value))


def test_article_csv_protects_meta_and_error_cells() -> None:
    out = io.BytesIO()
    w = writers.make_writer("csv", out, ["PER"])
    w.write({"path": "x.txt", "meta": {"title": "=cmd|' /C calc'!A0", "section": "-",
                                       "authors": ["@bot"], "published": None},
             "entities": [{"type": "PER", "text": "+Ann"}], "roles": []})
    w.close()
    row = list(csv.reader(io.StringIO(out.getvalue().decode(), newline="")))[1]
    assert row == ["x.txt", "'=cmd|' /C calc'!A0", "'-", "", "'@bot", "'+Ann", "", ""]


# ---- exit codes and usage errors -----------------------------------------------------------

USAGE_ERRORS = [
    (["extract", "--format", "xml", "a.txt"], "Invalid value for '--format'"),
    (["extract", "missing.txt"], "no such file or directory: missing.txt"),
    (["extract", "--files-from", "."], "cannot read --files-from .: Is a directory"),
    (["extract", "--files-from", "nolist.txt"], "cannot read --files-from nolist.txt: "
                                                "No such file or directory"),
    (["extract", "-0", "a.txt"], "-0 goes with --files-from"),
    (["extract"], "no input given"),
    (["extract", "--bogus", "a.txt"], "No such option: --bogus"),
    (["extract", "--max-bytes", "0", "a.txt"], "Invalid value for '--max-bytes'"),
    (["nosuch"], "No such command 'nosuch'"),
]


@pytest.mark.parametrize(("args", "fragment"), USAGE_ERRORS,
                         ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: list[str],
                                           fragment: str) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT.encode())
    res = subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True,
                         cwd=tmp_path, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    err = res.stderr.decode()
    assert res.returncode == 2, err
    assert res.stdout == b""
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("vnextract: error: "), err
    assert fragment in err


def test_exit_codes_0_and_1(tmp_path: Path) -> None:
    folder = one_file(tmp_path, TEXT.encode())
    assert extract(str(folder))[0] == 0
    (folder / "b.txt").write_bytes(b"\0")
    code, recs, _ = extract(str(folder))
    assert code == 1 and len(recs) == 2


def test_a_value_json_cannot_hold_does_not_stop_the_run(pipeline: Pipeline) -> None:
    """An extractor bug (a 30-digit int, a Decimal) costs a warning, not the whole run."""
    from decimal import Decimal

    from extractors.base import ENTITIES, Doc, Mention

    class Wild:
        name = "wild"
        types = ("QUANTITY",)
        stage = ENTITIES
        priority = 0

        def extract(self, doc: Doc) -> list[Mention]:
            return [doc.span("QUANTITY", 0, 2, 10**30), doc.span("QUANTITY", 3, 5, Decimal("1.5"))]

    pipe = Pipeline(["percent"], extractors=[Wild()])
    rec = runner.process_bytes("w.txt", b"12 34 5%", pipe)
    assert [e["value"] for e in rec["entities"]] == [str(10**30), "1.5", 5]
    assert rec["warnings"] == ["unserializable-value"]
    orjson.dumps(rec)
