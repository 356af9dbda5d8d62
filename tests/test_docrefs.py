"""DOCREF: tables of (expected value, phrasing, expected span), near-misses, offsets and
linearity on hostile text.  Sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from _linear import assert_finishes, hostile

from extractors.base import Doc
from extractors.docrefs import DocrefExtractor, find_docrefs, parse_code

EXTRACTOR = DocrefExtractor()


def refs(text: str) -> list[tuple[str, dict[str, Any]]]:
    return [(m.text, m.value) for m in EXTRACTOR.extract(Doc(text))]


# (expected kind and code, phrasing, expected span)
DOCREFS: list[tuple[tuple[str | None, str], str, str]] = [
    (("Nghị quyết", "13-NQ/HU"), "Quán triệt Nghị quyết số 13-NQ/HU của huyện.",
     "Nghị quyết số 13-NQ/HU"),
    (("Chỉ thị", "05-CT/TW"), "Thực hiện Chỉ thị 05-CT/TW, ngày 15/5/2016.", "Chỉ thị 05-CT/TW"),
    (("Hướng dẫn", "12-HD/BTCTW"), "Làm theo Hướng dẫn 12-HD/BTCTW về sinh hoạt chi bộ.",
     "Hướng dẫn 12-HD/BTCTW"),
    (("Kế hoạch", "100-KH/ĐU"), "Đảng ủy ban hành Kế hoạch số 100-KH/ĐU ngay.",
     "Kế hoạch số 100-KH/ĐU"),
    (("Kế hoạch", "70/KH-SYT"), "Sở triển khai Kế hoạch 70/KH-SYT trong toàn ngành.",
     "Kế hoạch 70/KH-SYT"),
    (("Quyết định", "1234/QĐ-UBND"), "Theo Quyết định số 1234/QĐ-UBND của tỉnh.",
     "Quyết định số 1234/QĐ-UBND"),
    (("Thông tư", "01/2024/TT-BYT"), "Thông tư 01/2024/TT-BYT có hiệu lực.",
     "Thông tư 01/2024/TT-BYT"),
    (("Nghị định", "100/2019/NĐ-CP"), "Xử phạt theo Nghị định 100/2019/NĐ-CP.",
     "Nghị định 100/2019/NĐ-CP"),
    (("Luật", "59/2020/QH14"), "Luật số 59/2020/QH14 quy định rõ.", "Luật số 59/2020/QH14"),
    (("Kết luận", "01-KL/TW"), "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị.",
     "Kết luận số 01-KL/TW"),
    ((None, "21-KL/TW"), "Gắn với thực hiện luận số 21-KL/TW của Trung ương.", "số 21-KL/TW"),
    (("Công văn", "123/UBND-VX"), "Theo công văn số 123/UBND-VX gửi các xã.",
     "công văn số 123/UBND-VX"),
    (("Quy định", "08-QĐi/TW"), "Thực hiện Quy định số 08-QĐi/TW về nêu gương.",
     "Quy định số 08-QĐi/TW"),
    (("Chỉ thị", "12/CT-TTg"), "Chỉ thị 12/CT-TTg của Thủ tướng.", "Chỉ thị 12/CT-TTg"),
    (("Quyết định", "1234"), "Căn cứ Quyết định số 1234 ngày 3/4/2024.", "Quyết định số 1234"),
    (("Nghị quyết", "13-NQ/HU"), "NGHỊ QUYẾT SỐ 13-NQ/HU", "NGHỊ QUYẾT SỐ 13-NQ/HU"),
    (("Nghị quyết", "13-NQ/HU"), "Nghị quyết số 13 - NQ/HU được ban hành.",
     "Nghị quyết số 13 - NQ/HU"),
    # court and procedural documents, and other numbered kinds of news
    (("Cáo trạng", "52/CT-VKSND"), "Theo Cáo trạng số 52/CT-VKSND, hai bị can đã khai nhận.",
     "Cáo trạng số 52/CT-VKSND"),
    (("Bản án", "88/2023/HS-PT"), "Tòa giữ nguyên Bản án số 88/2023/HS-PT đối với bị cáo.",
     "Bản án số 88/2023/HS-PT"),
    (("Công điện", "07/CĐ-TTg"), "Thủ tướng ra Công điện số 07/CĐ-TTg về ứng phó bão.",
     "Công điện số 07/CĐ-TTg"),
    (("Tờ trình", "215/TTr-UBND"), "UBND trình Tờ trình số 215/TTr-UBND lên HĐND.",
     "Tờ trình số 215/TTr-UBND"),
    (("Báo cáo", "40/BC-SNN"), "Sở gửi Báo cáo 40/BC-SNN cho tỉnh.", "Báo cáo 40/BC-SNN"),
    (("Chương trình", "09-CTr/TU"), "Tỉnh ủy ban hành Chương trình số 09-CTr/TU.",
     "Chương trình số 09-CTr/TU"),
    (("Thông tư liên tịch", "15/2015/TTLT-BYT-BNV"),
     "Thông tư liên tịch 15/2015/TTLT-BYT-BNV vẫn còn hiệu lực.",
     "Thông tư liên tịch 15/2015/TTLT-BYT-BNV"),
    # a kind that names its subject before "số": the span starts at the kind word
    (("Quyết định", "31/QĐ-CSĐT"), "Cơ quan điều tra ra Quyết định khởi tố vụ án số 31/QĐ-CSĐT.",
     "Quyết định khởi tố vụ án số 31/QĐ-CSĐT"),
    (("Kết luận", "17/KLĐT-PC03"), "Theo Kết luận điều tra số 17/KLĐT-PC03, bị can khai nhận.",
     "Kết luận điều tra số 17/KLĐT-PC03"),
    (("Thông báo", "92-TB/TU"), "Thực hiện Thông báo kết luận số 92-TB/TU của Thường trực.",
     "Thông báo kết luận số 92-TB/TU"),
    # a function word between: the kind word is in another clause
    (("Văn bản", "88/BC-UBND"), "Xã đã báo cáo tại văn bản số 88/BC-UBND.",
     "văn bản số 88/BC-UBND"),
    ((None, "61/KH-UBND"), "Huyện làm kế hoạch của xã theo số 61/KH-UBND.", "số 61/KH-UBND"),
]


@pytest.mark.parametrize(("kind_code", "text", "span"), DOCREFS)
def test_docref_forms(kind_code: tuple[str | None, str], text: str, span: str) -> None:
    found = refs(text)
    assert [(s, (v["kind"], v["code"])) for s, v in found] == [(span, kind_code)]


# (expected fields of the value, phrasing)
VALUES: list[tuple[dict[str, Any], str]] = [
    ({"number": 13, "issuer_abbr": "HU", "date": "2019-12-02", "issuer": "Huyện ủy Cát Tiên"},
     "Nghị quyết số 13-NQ/HU ngày 02/12/2019 của Huyện ủy Cát Tiên về phát triển kinh tế."),
    ({"number": 1, "year": 2024, "issuer_abbr": "BYT"}, "Thông tư 01/2024/TT-BYT mới ban hành."),
    ({"number": 59, "year": 2020, "issuer_abbr": "QH14"}, "Luật số 59/2020/QH14."),
    ({"date": "2019-11-09", "issuer": "Ban Thường vụ Thành ủy"},
     "Kế hoạch số 324-KH/TU ngày 9/11/2019 của Ban Thường vụ Thành ủy."),
    ({"date": "2016-05-15", "issuer": "Bộ Chính trị"},
     "Chỉ thị 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị; và nhiều văn bản khác."),
    ({"issuer": "Bộ Y tế"}, "Công văn số 5/BYT-KCB của Bộ Y tế hướng dẫn các tỉnh."),
    ({"subject": "khởi tố bị can", "date": "2024-06-10"},
     "Quyết định khởi tố bị can số 45/QĐ-CSĐT ngày 10/6/2024 được tống đạt."),
]


@pytest.mark.parametrize(("fields", "text"), VALUES)
def test_docref_value_fields(fields: dict[str, Any], text: str) -> None:
    ((_, value),) = refs(text)
    assert {k: value.get(k) for k in fields} == fields


def test_list_of_codes_keeps_the_kind() -> None:
    found = refs("Các Nghị quyết số 13-NQ/HU và 14-NQ/HU đã được tổng kết.")
    assert [(s, v["kind"]) for s, v in found] == [
        ("Nghị quyết số 13-NQ/HU", "Nghị quyết"), ("14-NQ/HU", "Nghị quyết")]


def test_parse_code_party_and_state_styles() -> None:
    assert parse_code("12-HD/BTCTW") == {"number": 12, "kind_abbr": "HD", "issuer_abbr": "BTCTW"}
    assert parse_code("100/2019/NĐ-CP") == {
        "number": 100, "year": 2019, "kind_abbr": "NĐ", "issuer_abbr": "CP"}


NOT_DOCREFS: list[str] = [
    "Có 32/39 chi bộ đã tổ chức đại hội.",
    "Thành phố đạt 20 bác sĩ/vạn dân.",
    "Ngày 02/12/2019, đoàn đến làm việc.",
    "Dịch COVID-19 được kiểm soát.",
    "Nhà số 5 ở cuối ngõ.",
    "Quyết định cuối cùng thuộc về tập thể.",
    "Kế hoạch 5 năm được thông qua.",
    "Nghị quyết số đông được biểu quyết.",
    # a kind and a subject before "số" with a bare number: no code, no document
    "Đây là chương trình giải trí số 1 của đài.",
    "Bản án số phận của làng được kể lại.",
]


@pytest.mark.parametrize("text", NOT_DOCREFS)
def test_not_docrefs(text: str) -> None:
    assert refs(text) == []


def test_offsets_slice_the_text() -> None:
    text = "Theo Chỉ thị số 35-CT/TW, ngày 30/5/2019 và Thông tư 01/2024/TT-BYT; số 21-KL/TW."
    found = EXTRACTOR.extract(Doc(text))
    assert len(found) == 3
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip()


# Pieces that, repeated to 200 KB, would make a backtracking regex take hours.
HOSTILE = {"codes": "13-NQ/", "so": "số ", "kinds": "Nghị quyết số ", "slashes": "1/A-",
           "subjects": "báo cáo tại văn bản số 1/BC-X ", "kind_words": "quyết định báo cáo "}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_linear_on_hostile_text(kind: str) -> None:
    """200 KB of repeated code-like pieces finish quickly."""
    assert_finishes(find_docrefs, hostile(HOSTILE[kind]), kind)
