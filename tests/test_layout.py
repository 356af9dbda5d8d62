"""Headline, section, byline, dateline, body span and page furniture, as tables of examples.

Every document here is made up for the test; ``BODY`` is a stock paragraph of article text.
"""

from __future__ import annotations

import time

import pytest

from extractors import Pipeline
from extractors.base import Doc
from extractors.layout import LayoutExtractor, Line, dateline, furniture_kind, parse_byline

BODY = ("Sáng nay, đoàn công tác của tỉnh đã đến thăm và làm việc tại xã vùng cao, kiểm tra "
        "tiến độ xây dựng trường học và trạm y tế. Người dân phấn khởi đón đoàn.")
BODY2 = ("Theo báo cáo, trong năm qua xã đã hoàn thành nhiều chỉ tiêu quan trọng, thu nhập "
         "bình quân tăng so với cùng kỳ, tỷ lệ hộ nghèo giảm mạnh.")


def layout(text: str) -> Doc:
    doc = Doc(text)
    doc.mentions = LayoutExtractor().extract(doc)
    return doc


# ------------------------------------------------------------------ title
TITLES = [
    ("Xã vùng cao đổi thay nhờ nông thôn mới", f"Xã vùng cao đổi thay nhờ nông thôn mới\n{BODY}"),
    ("KIỂM TRA TIẾN ĐỘ XÂY DỰNG TRƯỜNG HỌC VÙNG CAO",
     f"KIỂM TRA TIẾN ĐỘ XÂY DỰNG TRƯỜNG HỌC VÙNG CAO \n\n      {BODY}"),
    ("Vì sao giá rau tăng mạnh?", f"Vì sao giá rau tăng mạnh?\n{BODY}"),
    ("Đoàn công tác thăm xã vùng cao",
     f"Thời sự\nĐoàn công tác thăm xã vùng cao\n{BODY}\n{BODY2}"),
    ("Đoàn công tác thăm xã vùng cao",
     f"Trang chủ\nĐăng nhập\nKinh tế\nĐoàn công tác thăm xã vùng cao\n{BODY}"),
    ("Đoàn công tác thăm xã vùng cao",
     f"Thứ Hai, ngày 6 tháng 1 năm 2025\n\nĐoàn công tác thăm xã vùng cao\n\n{BODY}"),
    ("Đoàn công tác thăm xã vùng cao",
     f"Đoàn công tác thăm xã vùng cao\nLượt xem: 25\n{BODY}"),
    ("Đoàn công tác thăm xã vùng cao",
     f"Trang chủ | Giới thiệu | Tin tức | Liên hệ\nĐoàn công tác thăm xã vùng cao\n{BODY}"),
    # a caption under the headline is not the headline
    ("Ngành giáo dục sẵn sàng cho năm học mới",
     f"Ngành giáo dục sẵn sàng cho năm học mới\n\nHọc sinh trong giờ học\n\n{BODY}"),
    # a two-word headline above body text with no section label above it
    ("Mưa lớn", f"Mưa lớn\n{BODY}"),
]

NO_TITLE = [
    # the article starts straight with body text
    f"{BODY}\n{BODY2}",
    # a short first paragraph that ends like a sentence
    f"Sáng nay, UBND tỉnh đã họp.\n{BODY}",
    # a first line that is two sentences
    f"Trời mưa to. Đường ngập sâu\n{BODY}",
    # a speaker label ending with a colon
    f"Ông Trần Văn Ba, Chủ tịch xã:\n{BODY}",
    # only a section label above the body
    f"Thời sự\n{BODY}",
]


@pytest.mark.parametrize(("title", "text"), TITLES)
def test_title(title: str, text: str) -> None:
    assert layout(text).meta["title"] == title


@pytest.mark.parametrize("text", NO_TITLE)
def test_no_title(text: str) -> None:
    assert layout(text).meta["title"] is None


# ------------------------------------------------------------------ section
SECTIONS = [
    ("Chính trị", f"Chính trị\nBí thư tỉnh thăm hộ nghèo\n{BODY}"),
    ("Y tế", f"Y tế\n\nBệnh viện huyện có máy chụp cắt lớp\n\n{BODY}"),
    ("Kinh tế", f"Trang chủ > Kinh tế\nGiá lúa tăng, nông dân phấn khởi\n{BODY}"),
    ("Xã hội", f"Xã hội\nThứ Ba, 14/05/2024 08:45\nNgười dân góp đất làm đường\n{BODY}"),
    ("THẾ GIỚI", f"THẾ GIỚI\nHội nghị thượng đỉnh khai mạc tại thủ đô\n{BODY}"),
    ("Thời sự", f"Thời sự\n{BODY}"),
]

NO_SECTION = [
    f"Bí thư tỉnh thăm hộ nghèo\n{BODY}",
    f"{BODY}\n{BODY2}",
    # a long line above the headline is not a label
    f"Chuyên trang tin tức của tỉnh về nông nghiệp và phát triển nông thôn năm 2024\n"
    f"Giá lúa tăng\n{BODY}",
]


@pytest.mark.parametrize(("section", "text"), SECTIONS)
def test_section(section: str, text: str) -> None:
    assert layout(text).meta["section"] == section


@pytest.mark.parametrize("text", NO_SECTION)
def test_no_section(text: str) -> None:
    assert layout(text).meta["section"] is None


# ------------------------------------------------------------------ published
PUBLISHED = [
    ("2025-01-06", f"Thứ Hai, ngày 6 tháng 1 năm 2025\nTiêu đề bài viết\n{BODY}"),
    ("2017-07-28", f"Tiêu đề bài viết\n11:15, 28/07/2017\n{BODY}"),
    ("2018-08-19", f"Tiêu đề bài viết\nCập nhật ngày: 19/08/2018 14:30\n{BODY}"),
    ("2024-03-15", f"date 2024-03-15\nTiêu đề bài viết\n{BODY}"),
    ("2024-05-14", f"Tiêu đề bài viết\nThứ Ba, 14/05/2024 - 08:45 (GMT+7)\n{BODY}"),
    ("2023-02-03", f"Ngày đăng: 03-02-2023\nTiêu đề bài viết\n{BODY}"),
    ("2022-06-12", f"Chủ nhật, 12.6.2022 | 10h20\nTiêu đề bài viết\n{BODY}"),
    ("2022-06-12", f"Tiêu đề bài viết\nCập nhật: 12/06/2022 | Lượt xem: 120\n{BODY}"),
    ("2020-05-28", f"Tiêu đề bài viết\nĐăng lúc: 10:15 - 28/05/2020\n{BODY}"),
    ("2020-05-28", f"Tiêu đề bài viết\nThứ 5, 28/05/2020 10:15 AM\n{BODY}"),
    # a dateline that opens the first paragraph
    ("2022-06-12", f"Tiêu đề bài viết\nHÀ NỘI, 12/6/2022 - {BODY}"),
    # a date line after the byline
    ("2021-09-30", f"Tiêu đề bài viết\n{BODY}\nMINH KHÔI\n30/9/2021"),
]

NO_PUBLISHED = [
    # an event date in the body is not a dateline
    f"Tiêu đề bài viết\nNgày 28/5/2020, đoàn công tác đã đến thăm xã.\n{BODY}",
    f"Hội nghị ngày 12/3/2024 tổng kết công tác\n{BODY}",
    # not a real date
    f"31/02/2020\nTiêu đề bài viết\n{BODY}",
    # no year
    f"Thứ Hai, 6/1\nTiêu đề bài viết\n{BODY}",
]


@pytest.mark.parametrize(("iso", "text"), PUBLISHED)
def test_published(iso: str, text: str) -> None:
    doc = layout(text)
    assert doc.meta["published"] == iso
    dates = [m for m in doc.mentions if m.type == "DATE"]
    assert [m.value for m in dates] == [iso]
    assert all(text[m.start:m.end] == m.text for m in dates)


@pytest.mark.parametrize("text", NO_PUBLISHED)
def test_no_published(text: str) -> None:
    assert layout(text).meta["published"] is None


DATELINE_SPANS = [
    ("Thứ Năm, ngày 4 tháng 6 năm 2020", "Thứ Năm, ngày 4 tháng 6 năm 2020"),
    ("Thứ Hai, 02/01/2024", "Thứ Hai, 02/01/2024 10:30"),
    ("28/07/2017", "11:15, 28/07/2017"),
    ("19/08/2018", "Cập nhật ngày: 19/08/2018 14:30"),
    ("2024-03-15", "date 2024-03-15"),
    ("Ngày 5/3/2024", "Ngày 5/3/2024"),
]


@pytest.mark.parametrize(("span", "line"), DATELINE_SPANS)
def test_dateline_span(span: str, line: str) -> None:
    hit = dateline(line)
    assert hit is not None and line[hit.start:hit.end] == span


# ------------------------------------------------------------------ authors
AUTHORS = [
    (["MINH KHÔI"], "MINH KHÔI"),
    (["Thu Trang"], "Thu Trang"),
    (["Lê Hoàng"], "Lê Hoàng (thực hiện)"),
    (["Hải Yến"], "Theo Hải Yến"),
    (["Quốc Việt"], "Bài, ảnh: Quốc Việt"),
    (["Quốc Việt"], "Bài và ảnh: Quốc Việt"),
    (["Minh Anh", "Thu Hà"], "Minh Anh - Thu Hà"),
    (["Minh Anh", "Thu Hà"], "Minh Anh – Thu Hà"),
    (["Minh Anh", "Thu Hà"], "Minh Anh và Thu Hà"),
    (["Khánh Linh", "Đức Tài"], "Theo Khánh Linh - Đức Tài"),
    (["Phương Chi"], "Phương Chi - TTXVN"),
    # generic staff bylines and agencies close the article but name no author
    ([], "PV"),
    ([], "Nhóm PV"),
    ([], "Nhóm phóng viên"),
    ([], "BTV"),
    ([], "Theo TTXVN"),
    ([], "Theo VNA"),
    ([], "(Theo VOV)"),
    ([], "Theo Báo Quảng Ninh"),
    ([], "Theo Tuổi Trẻ"),
    (["HỒNG NHUNG", "ĐỨC TÀI"], "HỒNG NHUNG, ĐỨC TÀI"),
    (["Hồng Nhung"], "Bài: Hồng Nhung - Ảnh: Đức Tài"),
    (["Ngọc Lan"], "Ngọc Lan (TTXVN)"),
    (["ĐỨC ANH"], "ĐỨC ANH\n(Còn nữa)"),
    (["Lê Văn Quý"], "ThS.BS Lê Văn Quý - Khoa Hồi Sức"),
    (["Hà Thị Mơ"], "BS. Hà Thị Mơ"),
    (["Thu Trang"], "Thu Trang\nNguồn: Báo Điện tử Tỉnh"),
    (["Thu Trang"], "Thu Trang\n***"),
]

NOT_BYLINE = [
    "Xin cảm ơn ông!",
    "Các đại biểu dự hội nghị",
    "Hội nghị kết thúc lúc 17 giờ",
    "Trân trọng cảm ơn.",
    "Tin khác",
    "Trung Tâm Y Tế Huyện",
    "Sở Giáo Dục",
]


@pytest.mark.parametrize(("authors", "byline"), AUTHORS)
def test_authors(authors: list[str], byline: str) -> None:
    text = f"Tiêu đề bài viết\n{BODY}\n{BODY2}\n{byline}"
    doc = layout(text)
    assert doc.meta["authors"] == authors
    assert doc.body[1] == len(text)  # the byline is inside the body


@pytest.mark.parametrize("line", NOT_BYLINE)
def test_not_a_byline(line: str) -> None:
    assert layout(f"Tiêu đề bài viết\n{BODY}\n{line}").meta["authors"] == []
    assert parse_byline(Line(0, 0, len(line), line)) is None


BYLINE_PER = [
    (["MINH KHÔI"], "MINH KHÔI"),
    (["Lê Hoàng"], "Lê Hoàng (thực hiện)"),
    (["Minh Anh", "Thu Hà"], "Minh Anh - Thu Hà"),
    ([], "Nhóm PV"),          # a group, not a person
    ([], "Theo TTXVN"),       # an agency
    ([], "Theo Báo Nhân Dân"),
    ([], "T.H"),              # initials
    (["Lê Văn Quý"], "ThS.BS Lê Văn Quý - Khoa Hồi Sức"),   # degree and affiliation left out
]


@pytest.mark.parametrize(("names", "byline"), BYLINE_PER)
def test_byline_per_mentions(names: list[str], byline: str) -> None:
    text = f"Tiêu đề bài viết\n{BODY}\n{byline}"
    pers = [m for m in layout(text).mentions if m.type == "PER"]
    assert [m.text for m in pers] == names
    assert all(text[m.start:m.end] == m.text and m.source == "layout" for m in pers)


def test_byline_under_headline() -> None:
    doc = layout(f"Tiêu đề bài viết\nBài và ảnh: Thanh Tâm\n{BODY}\n{BODY2}")
    assert doc.meta["authors"] == ["Thanh Tâm"]
    # a generic staff line at the end does not hide the named byline under the headline
    doc = layout(f"Tiêu đề bài viết\nBài và ảnh: Thanh Tâm\n{BODY}\n{BODY2}\nPV")
    assert doc.meta["authors"] == ["Thanh Tâm"]


# ------------------------------------------------------------------ body and furniture
FURNITURE_AFTER = [
    "Ý kiến bạn đọc\nrefresh\nTổng lượt bình luận\nTin khác\nThông báo",
    "Thông tin mới nhất\n  • Đang truy cập: 12\n  • Hôm nay: 305\n  • Tổng lượt truy cập: 99\n"
    "Đăng nhập",
    "Tin liên quan\nTỉnh Lâm Đồng có 5.000 hộ thoát nghèo trong năm 2023",
    "Chia sẻ\nIn bài\nBình luận (3)\nNgày 5/3/2024 ông Nguyễn Văn A viết: bài hay",
    "Chia sẻ bài viết\nBình luận (0)\nTin liên quan\nHà Tĩnh khánh thành cầu mới",
    "Bài viết cùng chủ đề\nHọc sinh vùng cao đến trường\nGiá lúa tăng",
    "Tin cùng chuyên mục\nHuyện vùng cao có trường chuẩn\nLượt xem: 2.310",
    "Gửi bình luận\nTin mới nhất\nNông dân trúng mùa",
    "Xem thêm tin Giáo dục\nHọc sinh đạt giải quốc gia",
]


@pytest.mark.parametrize("tail", FURNITURE_AFTER)
def test_body_ends_before_furniture(tail: str) -> None:
    article = f"Tiêu đề bài viết\n{BODY}\nMINH KHÔI"
    doc = layout(f"{article}\n\n{tail}")
    assert doc.body == (0, len(article))
    assert doc.meta["authors"] == ["MINH KHÔI"]


@pytest.mark.parametrize("tail", FURNITURE_AFTER)
def test_staff_byline_before_furniture_ends_body(tail: str) -> None:
    article = f"Tiêu đề bài viết\n{BODY}\nNhóm PV"
    doc = layout(f"{article}\n{tail}")
    assert doc.body == (0, len(article)) and doc.meta["authors"] == []


# Buttons, players and timestamps printed near the headline: never the title
HEADER_FURNITURE = [
    "Nghe đọc bài", "Nghe bài viết", "Chia sẻ", "In bài", "Cỡ chữ", "A- A+", "Cỡ chữ: A A A",
    "Aa", "10:42 (GMT+7)", "(GMT+7)", "3 giờ trước", "Theo dõi trên Google News",
]


@pytest.mark.parametrize("line", HEADER_FURNITURE)
def test_header_furniture_is_not_title(line: str) -> None:
    assert layout(f"Thứ Ba, 14/05/2024 08:45\n{line}\n{BODY}").meta["title"] is None
    doc = layout(f"{line}\nĐoàn công tác thăm xã vùng cao\n{line}\n{BODY}")
    assert doc.meta["title"] == "Đoàn công tác thăm xã vùng cao"
    assert doc.meta["section"] is None


# Short lines that look like buttons or counters but are headlines or text
NOT_FURNITURE = [
    "Xem thêm tin tức về giá vàng hôm nay. Thị trường sôi động",
    "An Giang", "Ai lo cho trẻ vùng cao", "12 giờ đêm ở bệnh viện", "Nghe dân nói",
]


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


def test_related_box_inside_the_article() -> None:
    box = "Tin liên quan\nTỉnh Lâm Đồng có 5.000 hộ thoát nghèo\nGiá cà phê tăng kỷ lục\n"
    text = f"Tiêu đề bài viết\n{BODY}\n{box}{BODY2}\nMINH KHÔI\nTin khác\nTin cũ"
    doc = layout(text)
    assert doc.body == (0, text.index("\nTin khác"))
    assert doc.meta["authors"] == ["MINH KHÔI"]
    start = text.index("Tin liên quan")
    assert (start, start + len(box) - 1) in doc.excluded or all(
        any(a <= p < b for a, b in doc.excluded) for p in (start, start + len(box) - 2))


def test_related_box_after_the_article_cuts() -> None:
    text = f"Tiêu đề bài viết\n{BODY}\nMINH KHÔI\nTin liên quan\n{BODY2}\nThu Hà"
    doc = layout(text)
    assert doc.body == (0, text.index("\nTin liên quan"))
    assert doc.meta["authors"] == ["MINH KHÔI"]


def test_body_starts_at_headline_or_dateline() -> None:
    menu = "Trang chủ\nTin tức\nLiên hệ\n"
    doc = layout(f"{menu}Tiêu đề bài viết\n{BODY}")
    assert doc.body[0] == len(menu)
    dated = f"{menu}Thứ Hai, 02/01/2024\nTiêu đề bài viết\n{BODY}"
    assert layout(dated).body[0] == len(menu)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_furniture_inside_body_gives_no_mentions(pipeline: Pipeline) -> None:
    text = (f"ĐOÀN CÔNG TÁC THĂM XÃ VÙNG CAO\nLượt xem: 100\n{BODY} Có 25 hộ được hỗ trợ.\n"
            f"Trẻ em vui chơi tại sân trường. Ảnh: T.H\nMINH KHÔI\n\nThông tin mới nhất\n"
            f"• Đang truy cập: 7\n• Tổng lượt truy cập: 12.345\nĐăng nhập")
    rec = pipeline.process(text)
    for m in rec["entities"]:
        assert "Lượt xem" not in text[m["start"] - 12:m["start"]], m
        assert m["text"] not in ("T.H", "100", "7", "12.345"), m
    assert ("PER", "MINH KHÔI") in {(m["type"], m["text"]) for m in rec["entities"]}
    assert any(m["text"] == "25" for m in rec["entities"])  # the body's own number stays
    assert rec["meta"]["title"] == "ĐOÀN CÔNG TÁC THĂM XÃ VÙNG CAO"


def test_empty_and_blank_documents() -> None:
    for text in ("", "\n\n   \n"):
        doc = layout(text)
        assert doc.meta == {"title": None, "section": None, "authors": [], "published": None}


@pytest.mark.parametrize("hostile", [
    "1" * 1_000_000,
    "Thứ Hai, " * 100_000,
    "12/12/2020 " * 80_000,
    ("Tin khác\n" * 20_000) + BODY,
    "A " * 300_000 + "\nMINH KHÔI",
    "ngày 1 tháng 1 năm " * 50_000,
    f"Tiêu đề\n{BODY}\n" + f"Tin liên quan\nMinh Anh\n{BODY}\nThu Hà\n" * 5_000,
    f"Tiêu đề\n{BODY}\n" + "Minh Anh\nĐăng nhập\n" * 50_000,
])
def test_layout_stays_linear(hostile: str) -> None:
    t0 = time.perf_counter()
    layout(hostile)
    assert time.perf_counter() - t0 < 20  # generous: catches catastrophic backtracking only


def test_short_theo_paragraph_is_body_not_byline() -> None:
    text = f"Theo kế hoạch, hội nghị diễn ra sáng nay.\n{BODY}"
    doc = layout(text)
    assert doc.body[0] == 0 and doc.meta["authors"] == [] and doc.meta["title"] is None
