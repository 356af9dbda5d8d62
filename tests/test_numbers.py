"""PERCENT, MONEY and QUANTITY: tables of (expected value, phrasing, expected span),
near-misses, the extra fields (unit, approx, of), offsets and linearity on hostile text.

Sentences are written for these tests; adding a form is adding a row.
"""

from __future__ import annotations

from typing import Any

import pytest
from _linear import assert_finishes, hostile

from extractors.base import Doc
from extractors.numbers import NumberExtractor, PercentExtractor, find_figures, parse_number

EXTRACTOR = NumberExtractor()


def figures(text: str, type_: str | None = None) -> list[tuple[str, str, Any]]:
    """(type, span text, value) of every figure in ``text``."""
    return [(m.type, m.text, m.value) for m in EXTRACTOR.extract(Doc(text))
            if type_ is None or m.type == type_]


@pytest.mark.parametrize(("value", "raw"), [
    (24700, "24.700"), (67.46, "67,46"), (2946, "2.946"), (3000, "3.000"), (1.5, "1,5"),
    (1234567, "1.234.567"), (100.37, "100,37"), (7, "7"),
])
def test_parse_number(value: float, raw: str) -> None:
    assert float(parse_number(raw)) == pytest.approx(value)


PERCENTS: list[tuple[float, str, str]] = [
    (67.46, "Tổng số lượt khám đạt 67,46% kế hoạch.", "67,46%"),
    (100, "Có 100 % trường học đạt chuẩn.", "100 %"),
    (5, "Giá tăng 5 phần trăm so với năm trước.", "5 phần trăm"),
    (97.8, "Chỉ tiêu đạt 97,8% KH.", "97,8%"),
    (2.5, "Lãi suất giảm còn 2.5% mỗi năm.", "2.5%"),
    (120, "Công suất đạt 80-120% tùy khoa.", "120%"),
    (80, "Công suất đạt 80-120% tùy khoa.", "80"),
    (30, "Tỷ lệ từ 30 - 40% là phổ biến.", "30"),
    # a range written with words: the first member takes the second's percent sign
    (10, "Mỗi năm chỉ thay từ 10 đến 15 phần trăm số cây.", "10"),
    (15, "Mỗi năm chỉ thay từ 10 đến 15 phần trăm số cây.", "15 phần trăm"),
    (20, "Lợi nhuận tăng 20 tới 25% so với quý trước.", "20"),
]


@pytest.mark.parametrize(("value", "text", "span"), PERCENTS)
def test_percent(value: float, text: str, span: str) -> None:
    assert ("PERCENT", span, pytest.approx(value)) in figures(text, "PERCENT")


MONEY: list[tuple[dict[str, Any], str, str]] = [
    ({"amount": 80000000, "currency": "VND"}, "Tổng số tiền 80 triệu đồng.", "80 triệu đồng"),
    ({"amount": 1500000000, "currency": "VND"}, "Ngân sách cấp 1,5 tỷ đồng.", "1,5 tỷ đồng"),
    ({"amount": 2000000000000, "currency": "VND"}, "Vốn hơn 2.000 tỷ đồng.", "2.000 tỷ đồng"),
    ({"amount": 2000000, "currency": "USD"}, "Dự án nhận 2 triệu USD tài trợ.", "2 triệu USD"),
    ({"amount": 500000, "currency": "VND"}, "Mỗi suất quà 500.000 đồng.", "500.000 đồng"),
    ({"amount": 50000, "currency": "VND"}, "Vé vào cổng 50.000đ.", "50.000đ"),
    ({"amount": 3000000, "currency": "VND"}, "Lương tăng 3 triệu VNĐ.", "3 triệu VNĐ"),
    ({"amount": 12000, "currency": "USD"}, "Học bổng 12 nghìn đô la Mỹ.", "12 nghìn đô la Mỹ"),
    ({"amount": 5000000000000, "currency": "VND"}, "Thu ngân sách 5 nghìn tỷ đồng.",
     "5 nghìn tỷ đồng"),
    ({"amount": 2500000000, "currency": "VND"}, "Giá căn nhà 2 tỷ 500 triệu đồng.",
     "2 tỷ 500 triệu đồng"),
    ({"amount": 7, "currency": "EUR"}, "Vé tàu giá 7 EUR.", "7 EUR"),
    ({"amount": 10000000, "currency": "VND"}, "Mức hỗ trợ 5-10 triệu đồng.", "10 triệu đồng"),
    ({"amount": 5000000, "currency": "VND"}, "Mức hỗ trợ 5-10 triệu đồng.", "5"),
    ({"amount": 100000, "currency": "VND"}, "Giá vé 100.000 đồng/người.", "100.000 đồng"),
    # ranges: the first member's span is the number alone, its value takes the second's
    # scale and currency
    ({"amount": 30000000, "currency": "VND"}, "Mỗi gia đình được mượn từ 30 đến 70 triệu đồng.",
     "30"),
    ({"amount": 70000000, "currency": "VND"}, "Mỗi gia đình được mượn từ 30 đến 70 triệu đồng.",
     "70 triệu đồng"),
    ({"amount": 18000000, "currency": "VND"}, "Tiền thuê ruộng 18 - 22 triệu đồng/ha.", "18"),
    ({"amount": 2000000000, "currency": "USD"}, "Vốn rót vào từ 2 tới 4 tỷ USD.", "2"),
    ({"amount": 300000, "currency": "VND"}, "Học phí từ 300 nghìn đến 1 triệu đồng.",
     "300 nghìn"),
    # a per-unit after the currency stays outside the span
    ({"amount": 150000000, "currency": "VND"}, "Lãi 150 triệu đồng/ha/năm là phổ biến.",
     "150 triệu đồng"),
    ({"amount": 60000000, "currency": "VND"}, "Hỗ trợ 60 triệu đồng/hộ nghèo.", "60 triệu đồng"),
    ({"amount": 300, "currency": "VND"}, "Giá thu mua tăng 300 đồng/kg.", "300 đồng"),
    # "đồng" + a word that is not a counted compound, after a scale or a large amount, is
    # still the currency; a small amount before a function word or a mark too
    ({"amount": 450000000, "currency": "VND"}, "Gia đình nhận 450 triệu đồng tiền đền bù.",
     "450 triệu đồng"),
    ({"amount": 8000000, "currency": "VND"}, "Anh trả 8 triệu đồng bằng tiền mặt.",
     "8 triệu đồng"),
    ({"amount": 200000, "currency": "VND"}, "Mỗi người đóng 200.000 đồng bằng chuyển khoản.",
     "200.000 đồng"),
    ({"amount": 80, "currency": "VND"}, "Giá xăng giảm 80 đồng so với kỳ trước.", "80 đồng"),
    ({"amount": 500, "currency": "VND"}, "Tờ tiền mệnh giá 500 đồng, màu xanh.", "500 đồng"),
]


@pytest.mark.parametrize(("value", "text", "span"), MONEY)
def test_money(value: dict[str, Any], text: str, span: str) -> None:
    assert ("MONEY", span, value) in figures(text, "MONEY")


QUANTITIES: list[tuple[float, str, str]] = [
    (14, "Năm nay chi bộ kết nạp 14 đảng viên mới.", "14"),
    (24700, "Bệnh viện đã khám cho hơn 24.700 lượt bệnh nhân.", "24.700"),
    (950, "Có gần 950 lượt bệnh nhân điều trị nội trú.", "950"),
    (3000, "Ngành có gần 3.000 CCVC, NLĐ.", "3.000"),
    (32, "Đã có 32/39 chi, đảng bộ tổ chức đại hội.", "32/39"),
    (6, "Tất cả 6/6 chi bộ hoàn thành nhiệm vụ.", "6/6"),
    (20, "Thành phố đạt 20 bác sĩ/vạn dân.", "20"),
    (15, "Tỉnh có 15 bác sỹ trên một vạn dân.", "15"),
    (3, "Trong 3 tháng đầu năm, xã trồng nhiều cây.", "3"),
    (7, "Kết quả vượt chỉ tiêu gấp 7 lần.", "7"),
    (5, "Sau hơn 5 năm phấn đấu, anh được kết nạp.", "5"),
    (45, "Ông năm nay 45 tuổi.", "45"),
    (7, "Bị cáo lĩnh 7 năm tù.", "7"),
    (60, "Cây cầu dài 60m bắc qua sông.", "60"),
    (12, "Thực hiện tốt 12 điều y đức.", "12"),
    (3, "Mỗi ngày có 3 – 4 xe chở rác.", "3"),
    (4, "Mỗi ngày có 3 – 4 xe chở rác.", "4"),
    (12, "Trẻ từ 12 - 24 tháng tuổi được tiêm.", "12"),
    (24, "Trẻ từ 12 - 24 tháng tuổi được tiêm.", "24"),
    (14, "Đơn vị tổ chức 14 lớp tập huấn.", "14"),
    (2.5, "Quãng đường dài 2,5 km.", "2,5"),
    (3500000, "Thành phố đón 3,5 triệu lượt khách.", "3,5 triệu"),
    (506, "Tổng số 506 bệnh nhân được mổ.", "506"),
    (2, "Trường có 45 lớp; 2 phòng thí nghiệm.", "2"),
    (48, "Kết quả có trong 48 giờ.", "48"),
    # "trong vòng" is "within", not a round
    (72, "Đội phản ứng phải có mặt trong vòng 72 giờ.", "72"),
    # ranges of counts written with words
    (20, "Mỗi nhóm có từ 20 đến 30 hội viên.", "20"),
    (30, "Mỗi nhóm có từ 20 đến 30 hội viên.", "30"),
    (2000000, "Lễ hội đón từ 2 đến 3 triệu lượt khách.", "2"),
    (2, "Ca phẫu thuật kéo dài từ 2 đến 4 giờ đồng hồ.", "2"),
    # a counter or verb before the number still counts when a noun follows
    (35, "Mỗi lớp 35 học sinh là quá đông.", "35"),
    (5, "Cô chia thành nhóm 5 học sinh để thảo luận.", "5"),
    (3, "Tỉnh cấp 3 xe cứu thương cho huyện.", "3"),
    (15, "Số ca mắc tăng 15 so với tuần trước.", "15"),
    (120, "Số ca mắc trong tuần là 120.", "120"),
    (12, "Kế hoạch đề ra 10, xã thực hiện 12.", "12"),
    (12000, "Nhà kho rộng 12.000 m2 và có mái che.", "12.000"),
    # a word beginning with "đồng" after a count: people or things, not money
    (5, "Tòa xét xử bị cáo cùng 5 đồng phạm.", "5"),
    (3000000, "Cả nước có hơn 3 triệu đồng bào dân tộc.", "3 triệu"),
    (1500, "Hội nghị có 1.500 đồng chí tham dự.", "1.500"),
    (2, "Ông sưu tầm được 2 đồng tiền cổ thời Nguyễn.", "2"),
    (4, "Vùng này có 4 đồng cỏ rộng.", "4"),
    # a part out of a set named before the number
    (3, "Trường cử 12 giáo viên, tôi hướng dẫn 3 trong số đó.", "3"),
    (2, "Đoàn khảo sát chọn 2 trong 6 mô hình để nhân rộng.", "2"),
    (4, "Chỉ đạt 4 trên tổng số 9 chỉ tiêu.", "4"),
    # "dứt điểm" (for good) is an adverb, not the label noun "điểm"
    (27, "Huyện giải quyết dứt điểm 27 vụ khiếu nại.", "27"),
]


@pytest.mark.parametrize(("value", "text", "span"), QUANTITIES)
def test_quantity(value: float, text: str, span: str) -> None:
    assert ("QUANTITY", span, pytest.approx(value)) in figures(text, "QUANTITY")


# (expected extra fields, phrasing, span of the QUANTITY they belong to)
EXTRAS: list[tuple[dict[str, Any], str, str]] = [
    ({"approx": "hơn", "unit": "lượt bệnh nhân"}, "Đã khám cho hơn 24.700 lượt bệnh nhân.",
     "24.700"),
    ({"unit": "đảng viên"}, "Chi bộ kết nạp 14 đảng viên mới.", "14"),
    ({"of": 39}, "Có 32/39 chi, đảng bộ hoàn thành.", "32/39"),
    ({"approx": "gần như"}, "Tỷ lệ gần như 100 người đồng ý.", "100"),
    ({"approx": "khoảng", "unit": "người"}, "Khoảng 200 người dự lễ.", "200"),
    ({"unit": "bác sĩ/vạn dân"}, "Thành phố đạt 20 bác sĩ/vạn dân.", "20"),
    ({"unit": "m"}, "Cây cầu dài 60m bắc qua sông.", "60"),
    # the first member of a range counts what the second counts
    ({"unit": "hội viên"}, "Mỗi nhóm có từ 20 đến 30 hội viên.", "20"),
    ({"unit": "xe"}, "Mỗi ngày có 5 – 6 xe chở hàng.", "5"),
    ({"unit": "m"}, "Con mương sâu 2-3m.", "2"),
    # a fraction counts the noun after it
    ({"of": 12, "unit": "xã"}, "Đã có 10/12 xã về đích.", "10/12"),
    # a square unit keeps its digit; a rate keeps the words before it
    ({"unit": "m2"}, "Nhà kho rộng 12.000 m2 và có mái che.", "12.000"),
    ({"unit": "tấn thóc/ha"}, "Ruộng cho 7 tấn thóc/ha mỗi vụ.", "7"),
    # function words end the unit
    ({"unit": "tiết"}, "Môn học có 3 tiết mỗi tuần.", "3"),
]


@pytest.mark.parametrize(("extra", "text", "span"), EXTRAS)
def test_quantity_extras(extra: dict[str, Any], text: str, span: str) -> None:
    (m,) = [m for m in EXTRACTOR.extract(Doc(text)) if m.text == span]
    assert m.extra is not None
    assert {k: m.extra.get(k) for k in extra} == extra


def test_money_per_unit() -> None:
    (m,) = EXTRACTOR.extract(Doc("Lãi 150 triệu đồng/ha/năm là phổ biến."))
    assert m.extra == {"per": "ha/năm"}


def test_approx_on_money() -> None:
    (m,) = EXTRACTOR.extract(Doc("Vốn đầu tư hơn 2.000 tỷ đồng."))
    assert m.extra == {"approx": "hơn"}


# phrasings with no figure anywhere in them
NOT_FIGURES: list[str] = [
    "Phòng chống dịch COVID-19 và Covid-19 trên địa bàn.",
    "Dịch COVID -19 vẫn diễn biến phức tạp.",
    "Đại hội lần thứ IX thành công tốt đẹp.",
    "Em học lớp 1 tại trường làng.",
    "Đội tuyển vào vòng 2 của giải.",
    "Cuộc họp bắt đầu lúc 20h và kết thúc lúc 11:15.",
    "Virus cúm H5N1 xuất hiện trở lại.",
    "Học sinh lớp 12A đạt giải.",
    "Anh là người thứ 3 đến nơi.",
    "Theo Điều 5 của Luật, việc này bị cấm.",
    "Cách mạng công nghiệp 4.0 đang diễn ra.",
    "1. Nội dung thứ nhất",
    "2) Nội dung thứ hai",
    "Nhà số 5 ở cuối ngõ.",
    "Nghị quyết số 13-NQ/HU ngày 02/12/2019 đã được ban hành.",
    "Năm 2022 - 2023, câu lạc bộ hoạt động tốt.",
    "Liên hệ số điện thoại 0903 123 456 để được hỗ trợ.",
    "Một vạn người tham dự lễ hội.",
    "Trận đấu diễn ra vào năm 2023.",
    "Buổi lễ kéo dài từ 8 giờ đến 17 giờ.",
    "Tàu rời ga lúc 9 giờ, đến nơi 11 giờ 30.",
    "Chợ họp từ 5 giờ sáng.",
    # a number after a noun with nothing counted after it names or ranks: not a count
    "Tỷ lệ trúng tuyển nguyện vọng 2 rất cao.",
    "Dự án giai đoạn 3 của tuyến đường đã khởi công.",
    "Em Lan đứng thứ 2, đội bạn xếp hạng 4.",
    "Ông ở phòng 208, tổ 4, khu 6.",
    "Hồ sơ nộp tại tầng 3 khu hành chính.",
    "Nhà trẻ nhận cháu vào lớp 2 tuổi ngay.",
    "Đội bóng của trường vào vòng 3 của giải.",
    "Hội nghị lần 2 Ban Chấp hành đã bế mạc.",
    "Cuộc họp kéo dài từ 8 đến 11 giờ trưa.",
    "Cửa hàng mở từ 7-9h sáng.",
    # a number after a noun, then "trong" that is not a part of a set
    "Dự án giai đoạn 2 trong năm tới sẽ khởi công.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_dong_chi_is_not_money() -> None:
    assert figures("Có 4 đồng chí được khen thưởng.") == [("QUANTITY", "4", 4)]


def test_percent_alias_only_emits_percent() -> None:
    found = PercentExtractor().extract(Doc("Đạt 67,46% với 14 đảng viên và 80 triệu đồng."))
    assert [(m.type, m.text) for m in found] == [("PERCENT", "67,46%")]


def test_offsets_slice_the_text() -> None:
    text = "Có hơn 24.700 lượt, đạt 67,46%; chi 1,5 tỷ đồng; 32/39 chi bộ; dài 60m."
    found = EXTRACTOR.extract(Doc(text))
    assert [m.type for m in found] == ["QUANTITY", "PERCENT", "MONEY", "QUANTITY", "QUANTITY"]
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip()


# Pieces that, repeated to 200 KB, would make a backtracking regex take hours.
HOSTILE = {
    "digits": "7",
    "digits-and-separators": "1.2,3/4-5 ",
    "money": "1.000 tỷ ",
    "percent-range": "1-2-3-4% ",
    "dashes": "1-",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_linear_on_hostile_text(kind: str) -> None:
    """200 KB of repeated number-like pieces finish quickly."""
    assert_finishes(find_figures, hostile(HOSTILE[kind]), kind)
