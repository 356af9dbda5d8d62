"""DATE and DATE_REL: tables of (expected value, phrasing, expected span), near-misses,
resolution against the article's date, offsets and linearity on hostile text.

Sentences are written for these tests; adding a form is adding a row.
"""

from __future__ import annotations

import pytest
from _linear import assert_finishes, hostile

from extractors.base import Doc
from extractors.dates import DateExtractor, find_dates

EXTRACTOR = DateExtractor()


def dates_in(text: str, published: str | None = None) -> list[tuple[str, str]]:
    """(span text, value) of every DATE in ``text``."""
    doc = Doc(text, meta={"published": published} if published else {})
    return [(m.text, m.value) for m in EXTRACTOR.extract(doc) if m.type == "DATE"]


# (expected value, phrasing, expected span)
DATES: list[tuple[str, str, str]] = [
    # years
    ("2023", "Trong năm 2023 xã đã xây thêm hai trường học.", "năm 2023"),
    ("2018", "Ông về công tác tại bệnh viện từ năm 2018.", "năm 2018"),
    ("2020", "Trong 3 tháng đầu năm 2020, đơn vị khám cho nhiều người.", "năm 2020"),
    ("2030", "Thành phố phấn đấu đến 2030, mỗi phường có một trạm y tế.", "2030"),
    ("2021", "NĂM 2021 LÀ NĂM BẢN LỀ", "NĂM 2021"),
    # year ranges
    ("2022/2023", "Năm 2022 - 2023, câu lạc bộ khám miễn phí cho người nghèo.", "Năm 2022 - 2023"),
    ("2020/2025", "Đại hội Đảng bộ phường nhiệm kỳ 2020 - 2025 thành công.", "2020 - 2025"),
    ("2020/2023", "Giai đoạn 2020 – 2023, ngành giáo dục đổi mới mạnh.", "2020 – 2023"),
    ("2020/2023", "Giai đoạn từ năm 2020 - 2023, xã đạt chuẩn nông thôn mới.", "năm 2020 - 2023"),
    ("2021/2030", "Chiến lược 2021-2030 được thông qua.", "2021-2030"),
    # month and year
    ("2024-01", "Trong tháng 1-2024, chi bộ kết nạp hai đảng viên.", "tháng 1-2024"),
    ("2020-01", "Trong tháng 01/2020, các chi bộ tổ chức đại hội.", "tháng 01/2020"),
    ("2024-03", "Từ tháng 3/2024, giá điện tăng.", "tháng 3/2024"),
    ("2024-03", "Hội nghị diễn ra vào tháng 3 năm 2024 tại Huế.", "tháng 3 năm 2024"),
    ("2023-12", "Công trình khánh thành tháng mười hai năm 2023.", "tháng mười hai năm 2023"),
    ("2024-05", "Số liệu được cập nhật (5/2024).", "5/2024"),
    ("2024-03/2024-04", "Đợt cao điểm diễn ra trong tháng 3-4/2024.", "tháng 3-4/2024"),
    # month without year
    ("--06", "Đến tháng 6, công trình sẽ hoàn thành.", "tháng 6"),
    ("--01", "Lễ hội làng mở vào tháng Giêng.", "tháng Giêng"),
    ("--12", "Người dân tất bật chuẩn bị Tết từ tháng Chạp.", "tháng Chạp"),
    ("--05", "Hoa phượng nở đỏ vào tháng Năm.", "tháng Năm"),
    # full dates
    ("2019-12-02", "Nghị quyết được ban hành ngày 02/12/2019.", "ngày 02/12/2019"),
    ("2019-11-09", "Văn bản ký 9/11/2019 có hiệu lực ngay.", "9/11/2019"),
    ("2017-04-17", "Buổi lễ tổ chức ngày 17-4-2017 tại hội trường.", "ngày 17-4-2017"),
    ("2017-04-17", "Cập nhật 17.4.2017", "17.4.2017"),
    ("2020-05-28", "Hôm đó là ngày 28 tháng 5 năm 2020.", "ngày 28 tháng 5 năm 2020"),
    ("2020-05-28", "Thứ Năm, ngày 28 tháng 5 năm 2020\n\nTin", "Thứ Năm, ngày 28 tháng 5 năm 2020"),
    ("2024-01-02", "Thứ Hai, 02/01/2024 - Tin mới", "Thứ Hai, 02/01/2024"),
    ("2017-07-28", "11:15, 28/07/2017\nBài viết", "28/07/2017"),
    ("2024-03-15", "date 2024-03-15\nTiêu đề", "2024-03-15"),
    ("2022-11", "Bản tin 2022-11 đã phát hành.", "2022-11"),
    # day and month without a year
    ("--03-11", "Sáng ngày 11/3, đoàn công tác đến làm việc.", "ngày 11/3"),
    ("--05-19", "Vào dịp sinh nhật Bác 19/5 hằng năm, trường tổ chức thi.", "19/5"),
    ("--09-03", "Sáng 3-9, hội nghị khai mạc.", "3-9"),
    ("--05-28", "Chiều 28.5, mưa lớn gây ngập nhiều tuyến đường.", "28.5"),
    ("--05-28", "Hội thảo tổ chức ngày 28.5 tại Đà Nẵng.", "ngày 28.5"),
    ("--03-05", "Chiều ngày 5 tháng 3, trời mưa to.", "ngày 5 tháng 3"),
    ("--03-03", "Lễ hội diễn ra vào mồng 3 tháng Ba âm lịch.", "mồng 3 tháng Ba"),
    ("--08-14/--08-15", "Giải đấu diễn ra ngày 14 và 15/8 tại sân vận động.", "ngày 14 và 15/8"),
    ("--08-14/--08-15", "Hội chợ mở cửa ngày 14-15/8.", "ngày 14-15/8"),
    ("2024-03-01/2024-03-05", "Tiêm chủng từ ngày 1 đến 5/3/2024.", "ngày 1 đến 5/3/2024"),
    # two complete dates joined by a dash are one range
    ("1945-09-02/2025-09-02", "Kỷ niệm 80 năm Quốc khánh (2/9/1945 - 2/9/2025).",
     "2/9/1945 - 2/9/2025"),
    ("1959-05-19/2024-05-19", "Tuyến đường lịch sử (19/5/1959–19/5/2024) được tôn vinh.",
     "19/5/1959–19/5/2024"),
    ("2021-03/2022-10", "Dự án kéo dài 3/2021 - 10/2022.", "3/2021 - 10/2022"),
    # quarters
    ("2024-Q3", "Doanh thu quý III/2024 tăng mạnh.", "quý III/2024"),
    ("2024-Q1", "Trong quý I/2024, tỉnh thu hút vốn đầu tư.", "quý I/2024"),
    ("2023-Q2", "Kết quả quý 2 năm 2023 khả quan.", "quý 2 năm 2023"),
    # birth years in a person's description are calendar years
    ("1981", "Người bị bắt là Trần Văn Tư (SN 1981, ngụ xã Tân Lập).", "1981"),
    ("1995", "Chị Lò Thị Mai (sinh 1995) nhận giấy khen.", "1995"),
    ("1962", "Ông Hà, sinh năm 1962, làm nghề đan lát.", "năm 1962"),
    ("1970", "Hồ sơ ghi năm sinh 1970 của bệnh nhân.", "1970"),
    ("1999", "Đối tượng Vũ Minh K. (SN 1999) bị tạm giữ.", "1999"),
]


@pytest.mark.parametrize(("value", "text", "span"), DATES)
def test_date_forms(value: str, text: str, span: str) -> None:
    assert (span, value) in dates_in(text)


def test_second_date_of_a_list() -> None:
    assert dates_in("Ngày 30/4 và 1/5 được nghỉ.") == [("Ngày 30/4", "--04-30"), ("1/5", "--05-01")]


def test_two_dates_in_a_from_to_sentence() -> None:
    text = "Dự án thực hiện từ tháng 3/2021 đến tháng 10/2022."
    assert dates_in(text) == [("tháng 3/2021", "2021-03"), ("tháng 10/2022", "2022-10")]


# (phrasing, expected DATEs): words between two complete dates, or a dash between dates
# out of order or without their year, leave them apart
NOT_JOINED: list[tuple[str, list[tuple[str, str]]]] = [
    ("Đợt tiêm từ ngày 4/3/2024 đến ngày 9/3/2024.",
     [("ngày 4/3/2024", "2024-03-04"), ("ngày 9/3/2024", "2024-03-09")]),
    ("Dịp 30/4 - 1/5, phố đông người.", [("30/4", "--04-30"), ("1/5", "--05-01")]),
    ("Bảng ghi 9/5/2024 - 3/1/2024 bị đảo.",
     [("9/5/2024", "2024-05-09"), ("3/1/2024", "2024-01-03")]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_JOINED)
def test_dates_not_joined(text: str, expected: list[tuple[str, str]]) -> None:
    assert dates_in(text) == expected


# phrasings with no DATE anywhere in them
NOT_DATES: list[str] = [
    "Tất cả 6/6 chi bộ trực thuộc đã tổ chức đại hội.",
    "Có 32/39 chi, đảng bộ cơ sở đã hoàn thành.",
    "Thành phố đạt chỉ tiêu 20 bác sĩ/vạn dân.",
    "Không có ngày 31/2 trên lịch.",
    "Mã số 13/13/2020 không phải là ngày.",
    "Phòng chống dịch COVID-19 được tăng cường.",
    "Cuộc họp bắt đầu lúc 20h và kết thúc lúc 11:15.",
    "Mỗi ngày có 3 – 4 xe chở hàng ra vào.",
    "Trẻ từ 12 - 24 tháng tuổi được tiêm miễn phí.",
    "Tổng đài phục vụ 24/7 cho người dân.",
    "Nhà số 5 nằm trên đường 3/2 của quận.",
    "Những tháng năm ấy không thể nào quên.",
    "Thông tư 01/2024/TT-BYT hướng dẫn chi tiết.",
    "Hằng năm, vào đầu năm học, trường tổ chức khai giảng.",
    "Hôm nay trời nắng.",
    "Kho chứa đến 2020 người trong đợt cao điểm.",
    "Đội bóng thắng 3-2 trong trận chung kết.",
    "Tỷ lệ tăng 1.234.567 lần là không thể.",
    "Sản lượng tăng 2.5 lần so với cùng kỳ.",
    # "sinh" (birth) before a number that counts: not a year
    "Khối 10 có các học sinh 2008 bạn đạt giải.",
    "Tổng số học sinh 2015 em, tăng so với năm học trước.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert dates_in(text) == []


# (expected value, phrasing, expected span) with the article dated 2020-05-28 (a Thursday)
RELATIVE: list[tuple[str, str, str]] = [
    ("2020-05-27", "Hôm qua, đoàn đã đến thăm xã.", "Hôm qua"),
    ("2020-05-28", "Sáng nay, UBND tỉnh họp báo.", "Sáng nay"),
    ("2020-05-28", "Rạng sáng nay một vụ cháy xảy ra.", "Rạng sáng nay"),
    ("2020-05-27", "Tối qua trời mưa lớn.", "Tối qua"),
    ("2020-05-29", "Ngày mai trường khai giảng.", "Ngày mai"),
    ("2020-W21", "Tuần trước, bệnh viện tiếp nhận nhiều ca bệnh.", "Tuần trước"),
    ("2020-06-01", "Thứ Hai tuần tới, hội nghị sẽ khai mạc.", "Thứ Hai tuần tới"),
    ("2020-04", "Tháng trước, giá xăng giảm.", "Tháng trước"),
    ("2019", "Năm ngoái, xã trồng được nhiều cây xanh.", "Năm ngoái"),
    ("2021", "Dự án sẽ hoàn thành năm tới.", "năm tới"),
]


@pytest.mark.parametrize(("value", "text", "span"), RELATIVE)
def test_relative_dates_resolved(value: str, text: str, span: str) -> None:
    doc = Doc(text, meta={"published": "2020-05-28"})
    rels = [(m.text, m.value) for m in EXTRACTOR.extract(doc) if m.type == "DATE_REL"]
    assert rels == [(span, value)]


def test_relative_date_without_dateline_keeps_its_kind() -> None:
    (m,) = [m for m in EXTRACTOR.extract(Doc("Hôm qua trời mưa.")) if m.type == "DATE_REL"]
    assert m.value is None
    assert m.extra == {"grain": "day", "offset": -1}


NOT_RELATIVE: list[str] = [
    "Trong 3 tháng trước đó, xã không có ca bệnh.",
    "Những năm qua, đảng bộ luôn hoàn thành nhiệm vụ.",
    "Hai tuần tới là thời gian cao điểm.",
    "Ngày nay, người dân đã quen với dịch vụ trực tuyến.",
]


@pytest.mark.parametrize("text", NOT_RELATIVE)
def test_not_relative(text: str) -> None:
    doc = Doc(text, meta={"published": "2020-05-28"})
    assert [m for m in EXTRACTOR.extract(doc) if m.type == "DATE_REL"] == []


# (resolved, published, phrasing): a day and month get the year nearest the article's date
RESOLVED: list[tuple[str, str, str]] = [
    ("2020-03-11", "2020-05-28", "Sáng ngày 11/3, đoàn đến làm việc."),
    ("2019-12-28", "2020-01-05", "Ngày 28/12, hội nghị tổng kết diễn ra."),
    ("2021-01-02", "2020-12-30", "Lễ khai mạc dự kiến vào ngày 2/1."),
    ("2020-08-14/2020-08-15", "2020-08-01", "Giải chạy diễn ra ngày 14 và 15/8."),
    ("2020-06", "2020-05-28", "Đến tháng 6, công trình hoàn thành."),
]


@pytest.mark.parametrize(("resolved", "published", "text"), RESOLVED)
def test_year_inferred_from_dateline(resolved: str, published: str, text: str) -> None:
    doc = Doc(text, meta={"published": published})
    (m,) = [m for m in EXTRACTOR.extract(doc) if m.type == "DATE"]
    assert m.extra == {"resolved": resolved, "inferred": True}


def test_no_resolution_without_dateline() -> None:
    (m,) = [m for m in EXTRACTOR.extract(Doc("Ngày 11/3, đoàn đến.")) if m.type == "DATE"]
    assert m.value == "--03-11"
    assert m.extra is None


def test_offsets_slice_the_text() -> None:
    text = "\ufeffThứ Năm, ngày 28 tháng 5 năm 2020 — họp ngày 11/3, nhiệm kỳ 2020 - 2025; hôm qua."
    doc = Doc(text, meta={"published": "2020-05-28"})
    found = EXTRACTOR.extract(doc)
    assert len(found) == 4
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip()


# Pieces that, repeated to 200 KB, would make a backtracking regex take hours.
HOSTILE = {
    "digits-and-separators": "1/2-3.4,5 ",
    "ngay": "ngày ",
    "thang": "tháng 1 - ",
    "weekday": "Thứ Hai, ",
    "relative": "thứ Hai tuần tới ",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_linear_on_hostile_text(kind: str) -> None:
    """200 KB of repeated date-like pieces finish quickly."""
    assert_finishes(find_dates, hostile(HOSTILE[kind]), kind)
