"""``vnextract summary``: merged counts, formats, stdin, skipped records, filters, old schemas,
and a 100,000-record report summarised in bounded memory.

Every report here is built in the test from invented names, so the expected numbers follow
from the rows written, not from whatever the extractors find in the seeds today.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import tracemalloc
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from cli import summary as sm
from cli import summary_render as render
from cli.app import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


# -- building reports --------------------------------------------------------------------------

def ent(typ: str, text: str, value: Any = None, **extra: Any) -> dict[str, Any]:
    """An entity as a report writes it (offsets are irrelevant to the summary)."""
    out: dict[str, Any] = {"type": typ, "text": text, "start": 0, "end": len(text)}
    if value is not None:
        out["value"] = value
    out["source"] = "test"
    out.update(extra)
    return out


def rec(path: str, entities: Iterable[dict[str, Any]] = (), roles: Iterable[dict] = (),
        published: str | None = None, schema: str | None = "vnextract/1") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if schema is not None:
        out["schema"] = schema
    out.update({"path": path, "sha256": "0" * 64, "chars": 100,
                "meta": {"title": None, "section": None, "authors": [], "published": published},
                "entities": list(entities), "roles": list(roles), "quotes": []})
    return out


def err(path: str) -> dict[str, Any]:
    return {"schema": "vnextract/1", "path": path, "sha256": None, "chars": None,
            "error": {"kind": "missing", "message": "no such file"}}


def jsonl(records: Iterable[Any]) -> bytes:
    return b"".join(r if isinstance(r, bytes) else orjson.dumps(r) + b"\n" for r in records)


def summarize(records: Iterable[Any], **kw: Any) -> sm.Summary:
    return sm.summarize(io.BytesIO(jsonl(records)), **kw)


def result(records: Iterable[Any], top: int = 10, **kw: Any) -> dict[str, Any]:
    return summarize(records, **kw).result(top, "test")


def loc(text: str, province: str, after: str, level: str = "district") -> dict[str, Any]:
    name = text.split(" ", 1)[-1]
    return ent("LOC", text, {"level": level, "name": name, "province": province,
                             "province_2025": after})


def doc(text: str, code: str, kind: str | None) -> dict[str, Any]:
    return ent("DOCREF", text, {"kind": kind, "code": code})


# -- name keys -----------------------------------------------------------------------------

NFD = unicodedata.normalize("NFD", "Nguyễn Khắc Bình")

# (canonical spelling, a variant that must get the same key)
SAME_NAME = [
    ("Nguyễn Khắc Bình", "NGUYỄN KHẮC BÌNH"),
    ("Nguyễn Khắc Bình", "nguyễn khắc bình"),
    ("Nguyễn Khắc Bình", "Nguyễn  Khắc   Bình"),
    ("Nguyễn Khắc Bình", "Nguyễn\u00a0Khắc\u00a0Bình"),
    ("Nguyễn Khắc Bình", " Nguyễn Khắc Bình\n"),
    ("Nguyễn Khắc Bình", NFD),
    ("Nguyễn Khắc Bình", "Nguyễn\u200b Khắc Bình\ufeff"),
    ("Lê Thị Thủy", "Lê Thị Thuỷ"),
    ("Lê Thị Thủy", "LÊ THỊ THUỶ"),
    ("Phan Thanh Hòa", "Phan Thanh Hoà"),
    ("Ủy ban nhân dân huyện Tân Phú", "Uỷ ban Nhân dân huyện Tân Phú"),
    ("Trần Thị Thúy", "Trần Thị Thuý"),
    ("Võ Văn Khỏe", "Võ Văn Khoẻ"),
]

# pairs that look alike but are different names: must keep different keys
DIFFERENT_NAME = [
    ("Lê Thị Hoa", "Lê Thị Hòa"),
    ("Nguyễn Văn An", "Nguyễn Văn Ân"),
    ("Trần Văn Nam", "Trần Nam"),
    ("Phạm Thị Thủy", "Phạm Thị Thụy"),
    ("Đỗ Văn Hoàn", "Đỗ Văn Hoàng"),
    ("Bùi Quang Huy", "Bùi Quang Huỳnh"),
]


@pytest.mark.parametrize(("canonical", "variant"), SAME_NAME)
def test_fold_merges_variants(canonical: str, variant: str) -> None:
    assert sm.fold(variant) == sm.fold(canonical)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_NAME)
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert sm.fold(a) != sm.fold(b)


# (names in one article, expected links short -> long)
SHORT_FORMS = [
    (["Nguyễn Văn Liêm", "Liêm"], {"liêm": "nguyễn văn liêm"}),
    (["Nguyễn Khắc Bình", "Khắc Bình", "Bình"],
     {"khắc bình": "nguyễn khắc bình", "bình": "nguyễn khắc bình"}),
    (["Đặng Ngọc Nhân", "Nhân", "Trần Thị Mai", "Mai"],
     {"nhân": "đặng ngọc nhân", "mai": "trần thị mai"}),
]

# short forms that must stay unlinked: two owners, or no owner
NOT_SHORT_FORMS = [
    ["Nguyễn Văn Hùng", "Lê Quang Hùng", "Hùng"],
    ["Nguyễn Văn Hùng", "Hưng"],
    ["Hùng"],
    ["Trần Hùng Sơn", "Hùng"],  # a middle name is not an ending
]


@pytest.mark.parametrize(("names", "links"), SHORT_FORMS)
def test_short_forms_link_to_the_one_full_name(names: list[str], links: dict[str, str]) -> None:
    assert sm.short_forms(sm.fold(n) for n in names) == links


@pytest.mark.parametrize("names", NOT_SHORT_FORMS)
def test_short_forms_not_linked(names: list[str]) -> None:
    short = [sm.fold(n) for n in names if " " not in n]
    links = sm.short_forms(sm.fold(n) for n in names)
    assert not any(s in links for s in short)


# -- merged counts ---------------------------------------------------------------------------

def test_people_merged_counted_and_titled() -> None:
    reports = [
        rec("a.txt", [ent("PER", "NGUYỄN KHẮC BÌNH"),  # the headline's capitals
                      ent("PER", "Nguyễn Khắc Bình"),
                      ent("PER", "Bình"),  # short form, no person field (old report)
                      ent("PER", "Trần Thị Mai")],
            roles=[{"person": "Nguyễn Khắc Bình", "title": "Phó Chủ tịch UBND huyện",
                    "start": 0, "end": 1}]),
        rec("b.txt", [ent("PER", "NGUYỄN KHẮC BÌNH"), ent("PER", "NGUYỄN KHẮC BÌNH"),
                      ent("PER", "Bình", person="Nguyễn Khắc Bình")],
            roles=[{"person": "NGUYỄN KHẮC BÌNH", "title": "PHÓ CHỦ TỊCH UBND HUYỆN"},
                   {"person": "Nguyễn Khắc Bình", "title": "Bí thư Chi bộ"}]),
        rec("c.txt", [ent("PER", "Trần  Thị\u00a0Mai"), ent("PER", "Mai")]),
        rec("d.txt", [ent("PER", "Lê Văn Tám")]),
    ]
    people = {p["name"]: p for p in result(reports)["people"]}
    assert set(people) == {"Nguyễn Khắc Bình", "Trần Thị Mai", "Lê Văn Tám"}
    binh = people["Nguyễn Khắc Bình"]
    assert (binh["articles"], binh["mentions"]) == (2, 6)
    assert binh["titles"] == [{"title": "Phó Chủ tịch UBND huyện", "articles": 2},
                              {"title": "Bí thư Chi bộ", "articles": 1}]
    mai = people["Trần Thị Mai"]
    assert (mai["articles"], mai["mentions"], mai["titles"]) == (2, 3, [])
    order = [p["name"] for p in result(reports)["people"]]
    assert order == ["Nguyễn Khắc Bình", "Trần Thị Mai", "Lê Văn Tám"]


def test_a_report_that_links_names_is_not_relinked() -> None:
    # the extractor left "Hùng" unlinked on purpose (the byline's name is not an antecedent)
    linked = [rec("a.txt", [ent("PER", "Lê Quang Hùng", person="Lê Quang Hùng"),
                            ent("PER", "Hùng", person="Hùng"),
                            ent("PER", "Trần Hùng", person="Trần Hùng"),
                            ent("PER", "Phạm Thị Lan", person="Phạm Thị Lan")])]
    assert len(result(linked)["people"]) == 4
    old = [rec("a.txt", [ent("PER", "Phạm Thị Lan"), ent("PER", "Lan")])]
    assert [(p["name"], p["mentions"]) for p in result(old)["people"]] == [("Phạm Thị Lan", 2)]


def test_gazetteer_canonical_form_counts_for_the_canonical_name() -> None:
    reports = [rec("a.txt", [ent("PER", "Bác Hồ", canonical="Hồ Chí Minh", person="Bác Hồ"),
                             ent("ORG", "BV Chợ Rẫy", canonical="Bệnh viện Chợ Rẫy")]),
               rec("b.txt", [ent("PER", "Hồ Chí Minh", person="Hồ Chí Minh"),
                             ent("ORG", "Bệnh viện Chợ Rẫy")])]
    res = result(reports)
    assert [(p["name"], p["articles"]) for p in res["people"]] == [("Hồ Chí Minh", 2)]
    assert [(o["name"], o["articles"]) for o in res["organizations"]] == [
        ("Bệnh viện Chợ Rẫy", 2)]


def test_display_prefers_mixed_case_even_when_capitals_are_more_frequent() -> None:
    reports = [rec("a.txt", [ent("PER", "ĐẶNG NGỌC NHÂN")] * 3 + [ent("PER", "Đặng Ngọc Nhân")])]
    assert result(reports)["people"][0]["name"] == "Đặng Ngọc Nhân"
    only_caps = [rec("a.txt", [ent("PER", "TRỌNG HÙNG")])]
    assert result(only_caps)["people"][0]["name"] == "TRỌNG HÙNG"


def test_most_frequent_mixed_case_spelling_is_shown() -> None:
    reports = [rec("a.txt", [ent("ORG", "Uỷ ban nhân dân tỉnh")]),
               rec("b.txt", [ent("ORG", "Ủy ban nhân dân tỉnh")]),
               rec("c.txt", [ent("ORG", "Ủy ban nhân dân tỉnh")]),
               rec("d.txt", [ent("ORG", "ỦY BAN NHÂN DÂN TỈNH")])]
    orgs = result(reports)["organizations"]
    assert orgs == [{"name": "Ủy ban nhân dân tỉnh", "articles": 4, "mentions": 4}]


def test_organizations_ranked_by_articles_then_mentions() -> None:
    reports = [rec("a.txt", [ent("ORG", "Sở Y tế")] * 5),
               rec("b.txt", [ent("ORG", "Bệnh viện Đa khoa tỉnh"), ent("ORG", "Huyện ủy Tân Phú")]),
               rec("c.txt", [ent("ORG", "Bệnh viện Đa khoa tỉnh"), ent("ORG", "Huyện ủy Tân Phú"),
                             ent("ORG", "Huyện ủy Tân Phú")])]
    got = [(o["name"], o["articles"], o["mentions"]) for o in result(reports)["organizations"]]
    assert got == [("Huyện ủy Tân Phú", 2, 3), ("Bệnh viện Đa khoa tỉnh", 2, 2), ("Sở Y tế", 1, 5)]


def test_places_grouped_by_province_with_2025_province() -> None:
    reports = [
        rec("a.txt", [loc("huyện Bảo Lạc", "Cao Bằng", "Cao Bằng"),
                      ent("LOC", "tỉnh Cao Bằng"),  # unresolved: joins the Cao Bằng row
                      loc("thành phố Hội An", "Quảng Nam", "Đà Nẵng")]),
        rec("b.txt", [ent("LOC", "Cao Bằng"), loc("huyện Bảo Lạc", "Cao Bằng", "Cao Bằng"),
                      loc("tỉnh Quảng Nam", "Quảng Nam", "Đà Nẵng", level="province")]),
        rec("c.txt", [ent("LOC", "Lào"), ent("LOC", "LÀO")]),
    ]
    places = result(reports)["places"]
    assert [(p["province"], p["province_2025"], p["articles"], p["mentions"]) for p in places] == [
        ("Cao Bằng", "Cao Bằng", 2, 4), ("Quảng Nam", "Đà Nẵng", 2, 2), ("Lào", None, 1, 2)]
    named = {p["name"]: p["articles"] for p in places[0]["places"]}
    assert named == {"huyện Bảo Lạc": 2, "tỉnh Cao Bằng": 1, "Cao Bằng": 1}


# (LOC text, its value, expected row: province or place, and the province after 2025)
PLACE_ROWS = [
    ("quận Liên Chiểu", {"level": "district", "name": "Liên Chiểu", "province": "Đà Nẵng",
                         "province_2025": "Đà Nẵng"}, ("Đà Nẵng", "Đà Nẵng")),
    ("TPHCM", {"level": "province", "name": "Hồ Chí Minh", "province": "Hồ Chí Minh",
               "province_2025": "Hồ Chí Minh"}, ("Hồ Chí Minh", "Hồ Chí Minh")),
    ("tỉnh Hà Giang", {"level": "province", "name": "Hà Giang", "province": "Hà Giang",
                       "province_2025": "Tuyên Quang"}, ("Hà Giang", "Tuyên Quang")),
    ("Mỹ", {"level": "country", "name": "Hoa Kỳ"}, ("Hoa Kỳ", None)),
    ("tỉnh Sông Lam", {"level": "province", "name": "Sông Lam"}, ("Sông Lam", None)),
    ("phường Mới", {"level": "ward", "name": "Mới", "province": None,
                    "province_2025": "An Giang"}, ("An Giang", "An Giang")),
    ("huyện Châu Thành", {"level": "district", "name": "Châu Thành", "candidates": 5},
     ("huyện Châu Thành", None)),
    ("thành phố Vinh", None, ("Vinh", None)),
    ("TP. Huế", None, ("Huế", None)),
    ("TP.HCM", None, ("TP.HCM", None)),
    ("Tây Nguyên", None, ("Tây Nguyên", None)),
    ("Tân Phú", "not a dict", ("Tân Phú", None)),
    ("huyện Cát Tiên", {"level": "district", "name": "Cát Tiên", "province": "Lâm Đồng",
                        "province_2025": ["Lâm Đồng"]}, ("Lâm Đồng", "Lâm Đồng")),
]


@pytest.mark.parametrize(("text", "value", "row"), PLACE_ROWS)
def test_place_rows(text: str, value: Any, row: tuple[str, str | None]) -> None:
    places = result([rec("a.txt", [ent("LOC", text, value)])])["places"]
    assert [(p["province"], p["province_2025"]) for p in places] == [row]
    assert places[0]["places"] == [{"name": text, "articles": 1, "mentions": 1}]


def test_documents_by_code_with_kind() -> None:
    reports = [
        rec("a.txt", [doc("Nghị quyết số 13-NQ/HU", "13-NQ/HU", "Nghị quyết"),
                      doc("Nghị quyết 13-NQ/HU", "13-NQ/HU", "Nghị quyết"),
                      doc("Chỉ thị 05-CT/TW", "05-CT/TW", "Chỉ thị")]),
        rec("b.txt", [doc("số 13-nq/hu", "13-nq/hu", None),
                      doc("Quyết định số 1234/QĐ-UBND", "1234/QĐ-UBND", "Quyết định")]),
        rec("c.txt", [doc("Chỉ thị số 05-CT/TW", "05-CT/TW", "Chỉ thị")]),
        rec("d.txt", [ent("DOCREF", "Chỉ thị 05-CT/TW", "05-CT/TW")]),  # old value: code only
        rec("e.txt", [ent("DOCREF", "Chỉ thị số 05-CT/TW")]),  # no value at all
    ]
    docs = [(d["code"], d["kind"], d["articles"], d["mentions"])
            for d in result(reports)["documents"]]
    assert docs == [("05-CT/TW", "Chỉ thị", 4, 4), ("13-NQ/HU", "Nghị quyết", 2, 3),
                    ("1234/QĐ-UBND", "Quyết định", 1, 1)]


# -- article dates and the month chart ---------------------------------------------------------

def date(text: str, value: str, **extra: Any) -> dict[str, Any]:
    return ent("DATE", text, value, **extra)


# (expected month or None, how, record): the dating rule, one row per case
DATING = [
    ("2024-03", "published", rec("a", [date("ngày 1/5/2023", "2023-05-01")],
                                 published="2024-03-15")),
    ("2024-03", "published", rec("a", published="2024-03")),
    ("2024-03", "published", rec("a", published="2024-03-15T10:30:00+07:00")),
    ("2023-05", "mentions", rec("a", [date("1/5/2023", "2023-05-01"),
                                      date("9/5/2023", "2023-05-09"),
                                      date("2/6/2023", "2023-06-02")])),
    # a tie goes to the latest month
    ("2023-06", "mentions", rec("a", [date("1/5/2023", "2023-05-01"),
                                      date("2/6/2023", "2023-06-02")])),
    # month-only and year values are not full dates; a resolved day-month is
    ("2024-03", "mentions", rec("a", [date("tháng 1/2024", "2024-01"), date("năm 2024", "2024"),
                                      date("ngày 11/3", "--03-11", resolved="2024-03-11")])),
    # a range counts by its start
    ("2024-08", "mentions", rec("a", [date("ngày 31/8 - 2/9/2024", "2024-08-31/2024-09-02")])),
    (None, "undated", rec("a", [date("năm 2024", "2024"), date("ngày 11/3", "--03-11")])),
    (None, "undated", rec("a", published="không rõ")),
    (None, "undated", rec("a", published="2024-13-01")),
]


@pytest.mark.parametrize(("month", "how", "record"), DATING)
def test_article_date(month: str | None, how: str, record: dict[str, Any]) -> None:
    _, got_month, got_how = sm.article_date(record, record["entities"])
    assert (got_month, got_how) == (month, how)


def test_month_chart_fills_gaps_and_counts_dating() -> None:
    reports = [rec("a", published="2024-01-05"), rec("b", published="2024-01-20"),
               rec("c", [date("3/4/2024", "2024-04-03")]), rec("d")]
    res = result(reports)
    assert [(m["month"], m["articles"]) for m in res["months"]] == [
        ("2024-01", 2), ("2024-02", 0), ("2024-03", 0), ("2024-04", 1)]
    assert res["dated_by"] == {"published": 2, "mentions": 1, "undated": 1}


def _months(counts: list[int]) -> list[dict[str, Any]]:
    return [{"month": f"2024-{i:02d}", "articles": n} for i, n in enumerate(counts, 1)]


# (articles per month from 2024-01, chart rows shown)
CHART_ROWS = [
    ([1, 0, 0, 0, 2], [("2024-01", 1), ("2024-02 … 2024-04", 0), ("2024-05", 2)]),
    ([1, 0, 0, 2], [("2024-01", 1), ("2024-02", 0), ("2024-03", 0), ("2024-04", 2)]),
    ([3, 4], [("2024-01", 3), ("2024-02", 4)]),
    ([0, 0, 0], [("2024-01 … 2024-03", 0)]),
    ([], []),
]


@pytest.mark.parametrize(("counts", "shown"), CHART_ROWS)
def test_chart_rows_fold_runs_of_empty_months(counts: list[int],
                                              shown: list[tuple[str, int]]) -> None:
    assert render.chart_rows(_months(counts)) == shown


# (count, most, width, bar)
BARS = [(10, 10, 5, "█████"), (5, 10, 5, "██▌"), (1, 80, 10, "▏"), (0, 10, 5, ""),
        (1, 3, 4, "█▍")]


@pytest.mark.parametrize(("n", "most", "width", "shown"), BARS)
def test_bar(n: int, most: int, width: int, shown: str) -> None:
    assert render.bar(n, most, width) == shown


def test_month_chart_does_not_fill_an_absurd_span() -> None:
    res = result([rec("a", published="1010-01-01"), rec("b", published="2024-01-01")])
    assert [m["month"] for m in res["months"]] == ["1010-01", "2024-01"]


# -- --since / --until -------------------------------------------------------------------------

# (bound as typed, as --since, as --until)
BOUNDS = [
    ("2024", "2024-01-01", "2024-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-02", "2023-02-01", "2023-02-28"),
    ("2024-03-15", "2024-03-15", "2024-03-15"),
]
BAD_BOUNDS = ["2024-13", "2024-02-30", "24-01-01", "15/03/2024", "2024-3-5", "", "yesterday"]


@pytest.mark.parametrize(("typed", "since", "until"), BOUNDS)
def test_parse_bound(typed: str, since: str, until: str) -> None:
    assert (sm.parse_bound(typed, end=False), sm.parse_bound(typed, end=True)) == (since, until)


@pytest.mark.parametrize("typed", BAD_BOUNDS)
def test_parse_bound_rejects(typed: str) -> None:
    with pytest.raises(ValueError):
        sm.parse_bound(typed, end=False)


def _dated_report() -> list[dict[str, Any]]:
    return [
        rec("jan", [ent("PER", "Nguyễn Văn Một")], published="2024-01-10"),
        rec("feb", [ent("PER", "Nguyễn Văn Hai")], published="2024-02-20"),
        rec("mar", [ent("PER", "Nguyễn Văn Ba"), date("5/3/2024", "2024-03-05")]),  # by mention
        rec("apr", [ent("PER", "Nguyễn Văn Bốn")], published="2024-04"),  # month only
        rec("none", [ent("PER", "Nguyễn Văn Năm")]),  # undated
    ]


# (since, until, names kept)
FILTERS = [
    (None, None, {"Một", "Hai", "Ba", "Bốn", "Năm"}),
    ("2024-02", None, {"Hai", "Ba", "Bốn"}),
    ("2024-02-21", None, {"Ba", "Bốn"}),
    (None, "2024-02-20", {"Một", "Hai"}),
    ("2024-02-01", "2024-03-31", {"Hai", "Ba"}),
    ("2024-04-30", "2024-04-30", {"Bốn"}),  # a month-only date overlaps the range
    ("2025", None, set()),
]


@pytest.mark.parametrize(("since", "until", "kept"), FILTERS)
def test_since_until(since: str | None, until: str | None, kept: set[str]) -> None:
    flt = sm.Filter(since and sm.parse_bound(since, False), until and sm.parse_bound(until, True))
    res = result(_dated_report(), flt=flt)
    assert {p["name"].rsplit(" ", 1)[-1] for p in res["people"]} == kept
    assert res["records"]["articles"] == len(kept)
    assert res["records"]["filtered_out"] == 5 - len(kept)


# -- skipped and old records -------------------------------------------------------------------

def test_errors_malformed_unknown_and_old_schemas() -> None:
    lines = [
        rec("new.txt", [ent("PER", "Hà Văn Sáu")]),
        rec("noschema.txt", [ent("PER", "Hà Văn Sáu")], schema=None),
        {"path": "bare.txt", "entities": [ent("PER", "HÀ VĂN SÁU")]},  # no meta/roles/schema
        {"path": "nothing.txt"},  # an article with no fields at all
        {"path": "nulls.txt", "meta": None, "entities": None, "roles": None},
        {"path": "junk.txt", "entities": ["x", 3, {"type": "PER"}, {"type": "PER", "text": 5},
                                          ent("PER", "Hà Văn Sáu")],
         "roles": ["x", {"person": None, "title": "Giám đốc"}], "meta": "x"},
        rec("future.txt", [ent("PER", "Hà Văn Sáu")], schema="vnextract/7"),
        err("gone.txt"), err("gone2.txt"),
        rec("other.txt", [ent("PER", "Hà Văn Sáu")], schema="other-tool/1"),  # unknown
        {"hello": "world"},  # unknown: not a report record
        b"not json at all\n", b"[1, 2, 3]\n", b'{"path": "cut.txt", "entit\n',
        b"\xff\xfe bad bytes\n", b"\n", b"   \n",
    ]
    res = result(lines)
    assert res["records"] == {"articles": 7, "read": 7, "errors": 2, "malformed": 4,
                              "unknown": 2, "filtered_out": 0}
    assert res["people"] == [{"name": "Hà Văn Sáu", "articles": 5, "mentions": 5, "titles": []}]


# -- tables, top, formats, CLI -----------------------------------------------------------------

def _report() -> list[Any]:
    return [
        rec("a.txt", [ent("PER", "Nguyễn Đại Vĩnh"), ent("ORG", "Trung tâm Y tế quận Hải Châu"),
                      loc("quận Hải Châu", "Đà Nẵng", "Đà Nẵng"),
                      doc("Kế hoạch số 70/KH-SYT", "70/KH-SYT", "Kế hoạch")],
            roles=[{"person": "Nguyễn Đại Vĩnh", "title": "Giám đốc Trung tâm Y tế"}],
            published="2024-01-05"),
        rec("b.txt", [ent("PER", "NGUYỄN ĐẠI VĨNH"), ent("PER", "Vĩnh"), ent("PER", "Lý Thị Hạnh"),
                      ent("ORG", "Sở Y tế"), doc("Kế hoạch 70/KH-SYT", "70/KH-SYT", "Kế hoạch")],
            published="2024-03-01"),
        err("c.txt"),
        b"garbage | with pipe\n",
        rec("d.txt", [ent("PER", "Tô | Pipe")]),
    ]


def invoke(args: list[str], data: bytes | None = None, path: Path | None = None) -> Any:
    """Run the CLI in-process; with ``path``, the report is written there and named after
    the command.  A wide terminal, so table cells do not wrap mid-name."""
    if path is not None:
        path.write_bytes(data or b"")
        args = [*args[:1], str(path), *args[1:]]
        data = None
    return runner.invoke(app, args, input=data, env={"COLUMNS": "200"})


def test_cli_table(tmp_path: Path) -> None:
    r = invoke(["summary"], jsonl(_report()), tmp_path / "r.jsonl")
    assert r.exit_code == 0, r.output
    out = r.output
    assert "3 articles, 1 error record skipped, 1 malformed line skipped" in out
    for heading in ("Top people", "Top organizations", "Top places, by province",
                    "Most-cited documents", "Articles by month"):
        assert heading in out
    assert "Nguyễn Đại Vĩnh" in out and "NGUYỄN ĐẠI VĨNH" not in out
    assert "Giám đốc Trung tâm Y tế (1)" in out
    assert "70/KH-SYT" in out and "2024-02" in out and "█" in out
    assert "Tô | Pipe" in out  # rich markup characters are printed, not interpreted


def test_cli_markdown(tmp_path: Path) -> None:
    r = invoke(["summary", "--format", "markdown"], jsonl(_report()), tmp_path / "r.jsonl")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert "### Top people" in lines
    assert "| # | Person | Articles | Mentions | Titles (articles) |" in lines
    assert "| 1 | Nguyễn Đại Vĩnh | 2 | 3 | Giám đốc Trung tâm Y tế (1) |" in lines
    assert "| 3 | Tô \\| Pipe | 1 | 1 |  |" in lines
    assert "| 1 | Đà Nẵng | Đà Nẵng | 1 | 1 | quận Hải Châu (1) |" in lines
    assert "| 1 | 70/KH-SYT | Kế hoạch | 2 | 2 |" in lines
    assert any(line.startswith("| 2024-02 | 0 |") for line in lines)
    # every table row has as many cells as its header
    for line in lines:
        if line.startswith("| "):
            assert line.replace("\\|", "").count("|") in (4, 5, 6, 7)


def test_cli_json_keys_are_stable(tmp_path: Path) -> None:
    r = invoke(["summary", "-f", "json"], jsonl(_report()), tmp_path / "r.jsonl")
    assert r.exit_code == 0, r.output
    res = orjson.loads(r.stdout)
    assert list(res) == ["summary", "source", "records", "dated_by", "filter", "top", "people",
                         "organizations", "places", "documents", "months"]
    assert res["records"] == {"articles": 3, "read": 3, "errors": 1, "malformed": 1,
                              "unknown": 0, "filtered_out": 0}
    assert set(res["people"][0]) == {"name", "articles", "mentions", "titles"}
    assert set(res["places"][0]) == {"province", "province_2025", "articles", "mentions", "places"}
    assert set(res["documents"][0]) == {"code", "kind", "articles", "mentions"}
    assert res["months"][0] == {"month": "2024-01", "articles": 1}
    # an empty report has the same keys
    empty = orjson.loads(invoke(["summary", "-f", "json"], b"", tmp_path / "e.jsonl").stdout)
    assert list(empty) == list(res) and empty["people"] == [] and empty["months"] == []


def test_cli_stdin_dash() -> None:
    r = runner.invoke(app, ["summary", "-", "-f", "json"], input=jsonl(_report()))
    assert r.exit_code == 0, r.output
    res = orjson.loads(r.stdout)
    assert res["source"] == "stdin" and res["records"]["articles"] == 3


def test_cli_stdin_pipe_in_a_real_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "cli", "summary", "-", "--type", "DOCREF"],
                          input=jsonl(_report()), capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "Most-cited documents" in out and "Top people" not in out


# (--type value, JSON keys that are not null)
TYPES = [
    ("PER", {"people"}),
    ("PER,ORG", {"people", "organizations"}),
    ("loc", {"places"}),
    ("docref,month", {"documents", "months"}),
    ("DATE", {"months"}),
]


@pytest.mark.parametrize(("types", "shown"), TYPES)
def test_cli_type(tmp_path: Path, types: str, shown: set[str]) -> None:
    r = invoke(["summary", "-f", "json", "--type", types], jsonl(_report()),
               tmp_path / "r.jsonl")
    assert r.exit_code == 0, r.output
    res = orjson.loads(r.stdout)
    tables = {"people", "organizations", "places", "documents", "months"}
    assert {k for k in tables if res[k] is not None} == shown


def test_cli_type_in_table_format(tmp_path: Path) -> None:
    r = invoke(["summary", "--type", "ORG"], jsonl(_report()), tmp_path / "r.jsonl")
    assert "Top organizations" in r.output
    assert "Top people" not in r.output and "Articles by month" not in r.output


def test_cli_top(tmp_path: Path) -> None:
    many = [rec(f"{i}.txt", [ent("ORG", f"Hội Nông dân xã {chr(0x41 + j)}")
                            for j in range(i + 1)]) for i in range(15)]
    res = orjson.loads(invoke(["summary", "-f", "json", "--top", "3"], jsonl(many),
                              tmp_path / "r.jsonl").stdout)
    assert [(o["name"], o["articles"]) for o in res["organizations"]] == [
        ("Hội Nông dân xã A", 15), ("Hội Nông dân xã B", 14), ("Hội Nông dân xã C", 13)]
    res = orjson.loads(invoke(["summary", "-f", "json", "--top", "0"], jsonl(many),
                              tmp_path / "r.jsonl").stdout)
    assert len(res["organizations"]) == 15
    assert len(orjson.loads(invoke(["summary", "-f", "json"], jsonl(many),
                                   tmp_path / "r.jsonl").stdout)["organizations"]) == 10


def test_cli_since_until(tmp_path: Path) -> None:
    r = invoke(["summary", "-f", "json", "--since", "2024-02", "--until", "2024-03-31"],
               jsonl(_dated_report()), tmp_path / "r.jsonl")
    res = orjson.loads(r.stdout)
    assert res["filter"] == {"since": "2024-02-01", "until": "2024-03-31"}
    assert sorted(p["name"] for p in res["people"]) == ["Nguyễn Văn Ba", "Nguyễn Văn Hai"]
    assert res["records"]["filtered_out"] == 3
    r = invoke(["summary", "--since", "2024-02"], jsonl(_dated_report()), tmp_path / "r.jsonl")
    assert "2 outside 2024-02-01 to … (undated included)" in r.output


# (arguments, words the one-line error must contain)
USAGE_ERRORS = [
    (["summary", "/nonexistent/report.jsonl"], "cannot read"),
    (["summary", "."], "cannot read"),
    (["summary", "-", "--type", "PER,FOO"], "unknown --type 'FOO'"),
    (["summary", "-", "--since", "2024-13"], "not a date"),
    (["summary", "-", "--since", "2024-05", "--until", "2024-04"], "is after --until"),
    (["summary", "-", "--top", "-1"], "Invalid value"),
]


@pytest.mark.parametrize(("args", "words"), USAGE_ERRORS)
def test_cli_usage_errors(args: list[str], words: str) -> None:
    r = runner.invoke(app, args, input=jsonl(_report()))
    assert r.exit_code == 2
    assert words in r.output
    assert "Traceback" not in r.output


def test_cli_gzipped_report(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(_report())))
    res = orjson.loads(runner.invoke(app, ["summary", str(path), "-f", "json"]).stdout)
    assert res["records"]["articles"] == 3
    path.write_bytes(gzip.compress(jsonl(_report()))[:-20])  # cut short
    r = runner.invoke(app, ["summary", str(path)])
    assert r.exit_code == 2 and "cannot read" in r.output
    path.write_bytes(b"not gzip at all")
    r = runner.invoke(app, ["summary", str(path)])
    assert r.exit_code == 2 and "cannot read" in r.output


def test_cli_not_a_report(tmp_path: Path) -> None:
    r = invoke(["summary"], b"path,title\r\na.txt,x\r\n", tmp_path / "r.csv")
    assert r.exit_code == 2
    assert "is not a vnextract report" in r.output


def test_cli_only_error_records_is_a_report(tmp_path: Path) -> None:
    r = invoke(["summary", "-f", "json"], jsonl([err("a"), err("b")]), tmp_path / "r.jsonl")
    assert r.exit_code == 0
    assert orjson.loads(r.stdout)["records"]["errors"] == 2


# -- 100,000 records in bounded memory ---------------------------------------------------------

N_BIG = 100_000
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"]
GIVEN = ["An", "Bình", "Châu", "Dung", "Giang", "Hà", "Khánh", "Lan"]
PROVINCES = [("Cà Mau", "Cà Mau"), ("Bạc Liêu", "Cà Mau"), ("Sóc Trăng", "Cần Thơ")]


def _big_record(i: int) -> bytes:
    """Record i of the big report: small (only the fields the summary reads), with names that
    repeat (40 people, 3 provinces, 50 documents, 12 months); every 1000th is an error."""
    if i % 1000 == 999:
        return b'{"path":"%d.txt","error":{"kind":"missing","message":"gone"}}\n' % i
    name = f"{SURNAMES[i % 5]} Văn {GIVEN[i % 8]}"
    if i % 3 == 0:  # headline capitals, for every name now and then
        name = name.upper()
    prov, after = PROVINCES[i % 3]
    r = {"path": f"{i}.txt", "meta": {"published": f"2023-{i % 12 + 1:02d}-{i % 28 + 1:02d}"},
         "entities": [{"type": "PER", "text": name}, {"type": "PER", "text": name.split()[-1]},
                      {"type": "LOC", "text": f"huyện Số {i % 7}",
                       "value": {"province": prov, "province_2025": after}},
                      {"type": "DOCREF", "text": "NQ", "value": {"code": f"{i % 50}-NQ/TU"}}]}
    return orjson.dumps(r) + b"\n"


def _write_big(path: Path, n: int) -> int:
    with path.open("wb") as f:
        for start in range(0, n, 1000):
            f.write(b"".join(_big_record(i) for i in range(start, min(n, start + 1000))))
    return path.stat().st_size


# Run in a fresh process so its peak RSS is this summary's alone: the peak before reading
# (imports done) and after, in KiB (Linux ru_maxrss), then the result.
_CHILD = """
import resource, sys, orjson
from cli import summary as sm
from cli import summary_render as render
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(sys.argv[1], "rb") as f:
    s = sm.summarize(f)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stdout.buffer.write(orjson.dumps({"before": before, "after": after,
                                      "result": s.result(top=0)}))
"""


def test_100k_records_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    size = _write_big(path, N_BIG)
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          cwd=ROOT, timeout=300, check=True)
    out = orjson.loads(proc.stdout)
    # Loading the report whole would raise the peak by at least its size (and several times
    # that as Python objects); streaming needs counters for 40 names and one line at a time.
    grew = (out["after"] - out["before"]) * 1024
    bound = 8 * 1024 * 1024
    assert size > 3 * bound, "the report must be big enough for the bound to mean something"
    assert grew < bound, f"peak RSS grew by {grew:,} bytes for a {size:,}-byte report"

    res = out["result"]
    articles = N_BIG - N_BIG // 1000
    assert res["records"]["articles"] == articles and res["records"]["errors"] == N_BIG // 1000
    # 40 people (i mod 40), the short form in each article linked to the full name
    expected: dict[str, int] = {}
    for i in range(N_BIG):
        if i % 1000 != 999:
            key = f"{SURNAMES[i % 5]} Văn {GIVEN[i % 8]}"
            expected[key] = expected.get(key, 0) + 1
    got = {p["name"]: (p["articles"], p["mentions"]) for p in res["people"]}
    assert got == {k: (n, 2 * n) for k, n in expected.items()}
    # a tie on articles and mentions is ranked by name
    assert [(p["province"], p["province_2025"]) for p in res["places"]] == [
        ("Bạc Liêu", "Cà Mau"), ("Cà Mau", "Cà Mau"), ("Sóc Trăng", "Cần Thơ")]
    assert sum(p["articles"] for p in res["places"]) == articles
    assert len(res["documents"]) == 50
    assert [m["month"] for m in res["months"]] == [f"2023-{m:02d}" for m in range(1, 13)]
    assert sum(m["articles"] for m in res["months"]) == articles


def test_traced_memory_stays_flat(tmp_path: Path) -> None:
    """The same, measured precisely with tracemalloc on a smaller report (tracing is slow)."""
    path = tmp_path / "mid.jsonl"
    size = _write_big(path, 10_000)
    sm.fold.cache_clear()
    tracemalloc.start()
    try:
        with path.open("rb") as f:
            s = sm.summarize(f)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    bound = 512 * 1024  # streaming peaks near 60 KB; the report itself is ~3 MB
    assert size > 4 * bound
    assert peak < bound, f"peak traced memory {peak:,} bytes for a {size:,}-byte report"
    assert s.stats.articles == 10_000 - 10
