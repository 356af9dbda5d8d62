"""Quotations and their speakers, as tables of examples.

Sentences use the markup of test_roles: ``{PER:…}``/``{ORG:…}`` are the mentions the entity
stage would have found.
"""

from __future__ import annotations

import re
import time

import pytest

from extractors.base import Doc, Mention
from extractors.quotes import QuoteExtractor, find_quotes, quote_pairs

MARK_RE = re.compile(r"\{(PER|ORG|LOC):([^{}]+)\}")


def marked(src: str) -> tuple[str, list[Mention]]:
    out: list[str] = []
    mentions: list[Mention] = []
    pos = n = 0
    for m in MARK_RE.finditer(src):
        out.append(src[pos:m.start()])
        n += m.start() - pos
        mentions.append(Mention(m.group(1), n, n + len(m.group(2)), m.group(2), None, "test"))
        out.append(m.group(2))
        n += len(m.group(2))
        pos = m.end()
    out.append(src[pos:])
    return "".join(out), mentions


def quotes_of(src: str) -> list[tuple[str, str | None]]:
    text, mentions = marked(src)
    return [(q["text"], q["speaker"]) for q in find_quotes(text, mentions)]


QUOTES = [
    # verb then colon before the quote
    ([("Chúng tôi sẽ hoàn thành kế hoạch trong năm nay", "Nguyễn Văn An")],
     "Ông {PER:Nguyễn Văn An} cho biết: “Chúng tôi sẽ hoàn thành kế hoạch trong năm nay”."),
    ([("Mọi người cần tiêm đủ liều", "Lê Thu Trang")],
     "Bác sĩ {PER:Lê Thu Trang} cho rằng: “Mọi người cần tiêm đủ liều”."),
    # a title between the name and the verb
    ([("Đơn vị đã sẵn sàng", "Phạm Đức Long")],
     "Ông {PER:Phạm Đức Long}, Giám đốc {ORG:Sở Xây dựng}, khẳng định: “Đơn vị đã sẵn sàng”."),
    # verb and "rằng", no colon
    ([("đơn vị sẽ không để ai bị bỏ lại phía sau", "Võ Minh Trí")],
     "Ông {PER:Võ Minh Trí} khẳng định rằng “đơn vị sẽ không để ai bị bỏ lại phía sau”."),
    # straight quotes
    ([("Tôi rất vui khi được trở lại quê hương", "Lê Quang Huy")],
     'Ông {PER:Lê Quang Huy} nói: "Tôi rất vui khi được trở lại quê hương".'),
    # the verb after the quote; the short name linked to the full one
    ([("Bệnh viện đã sẵn sàng tiếp nhận bệnh nhân", "Trần Thanh Hòa")],
     "Bác sĩ {PER:Trần Thanh Hòa} trực cấp cứu. “Bệnh viện đã sẵn sàng tiếp nhận bệnh nhân”, "
     "bác sĩ {PER:Hòa} cho hay."),
    ([("Năm nay mùa màng bội thu", "Hà Văn Sáu")],
     "“Năm nay mùa màng bội thu” - ông {PER:Hà Văn Sáu} chia sẻ."),
    # attributed, but nobody named
    ([("Mọi việc đã ổn", None)], "“Mọi việc đã ổn”, ông nói."),
    # the subject is a title whose holder the document names
    ([("Các sở, ngành phải vào cuộc quyết liệt", "Hồ Văn Mười")],
     "Phó Chủ tịch {ORG:UBND tỉnh} {PER:Hồ Văn Mười} dự họp. Phó Chủ tịch {ORG:UBND tỉnh} "
     "nhấn mạnh: “Các sở, ngành phải vào cuộc quyết liệt”."),
    # interview style: name and colon
    ([("Tôi mong các em chăm học", "Trần Thị Na")],
     "Bà {PER:Trần Thị Na}: “Tôi mong các em chăm học”."),
    # "according to"
    ([("Dự án sẽ về đích đúng hẹn", "Kiều Văn Lâm")],
     "Theo ông {PER:Kiều Văn Lâm}, Giám đốc {ORG:Ban Quản lý dự án}, “Dự án sẽ về đích đúng "
     "hẹn”."),
    # nested quote marks: one quotation, the inner marks are part of it
    ([("Phải chống “lợi ích nhóm” đến cùng", "Đặng Văn Hiếu")],
     "Ông {PER:Đặng Văn Hiếu} phát biểu: “Phải chống “lợi ích nhóm” đến cùng”."),
    # the subject is a title alone whose holder the document named (a village head)
    ([("Cả thôn đã có điện lưới", "Sùng Thị Mai")],
     "Bà {PER:Sùng Thị Mai}, Trưởng thôn Nà Hin, đã vận động bà con. Trưởng thôn Nà Hin cho "
     "biết: “Cả thôn đã có điện lưới”."),
    # a bracketed birth year and title, or a country and host, between speaker and verb
    ([("Tôi xin được hưởng khoan hồng", "Hồ Thị Nga")],
     "Bị cáo {PER:Hồ Thị Nga} (SN 1979, nguyên Kế toán trưởng) nói: “Tôi xin được hưởng "
     "khoan hồng”."),
    ([("Chúng tôi sẽ mở thêm đường bay", "Kim Min-su")],
     "Ông {PER:Kim Min-su}, Đại sứ {LOC:Hàn Quốc} tại {LOC:Việt Nam}, cho biết: “Chúng tôi sẽ "
     "mở thêm đường bay”."),
]

NO_QUOTES = [
    # contest, campaign and slogan titles
    'Hội thi "Tuổi trẻ sáng tạo vì cộng đồng" thu hút 200 thí sinh.',
    "Tỉnh thực hiện mục tiêu kép “Vừa phát triển kinh tế, vừa bảo vệ môi trường”.",
    "Phong trào “Ngày thứ Bảy tình nguyện” lan rộng khắp các trường.",
    # a verb of saying, but the quoted words are not what follows it
    "Ông {PER:Lý Văn Toàn} cho biết phong trào “Ngày thứ Bảy tình nguyện” đã lan rộng.",
    # "theo" (following, in line with) a plan, not a person
    "Theo kế hoạch “Xanh hóa đô thị”, thành phố trồng thêm cây.",
    # words that are verbs of saying and nouns too, with nobody named
    "Đơn vị làm theo yêu cầu: “Không để dịch lây lan trong trường học”.",
    "Công việc đòi hỏi “sự kiên trì và lòng yêu nghề rất lớn”.",
    # scare quotes
    "Cần ngăn chặn hiện tượng “chạy chức”, “chạy quyền” trong cán bộ.",
    # a stray closing mark with no opening one
    'Ông {PER:Lê Văn Hòa} cho biết: nhiệm vụ đã hoàn thành".',
    # marks do not pair across paragraphs
    "Ông {PER:Lê Văn Hòa} nói: “Dòng thứ nhất\nDòng thứ hai”.",
]


@pytest.mark.parametrize(("expected", "src"), QUOTES)
def test_quotes(expected: list[tuple[str, str | None]], src: str) -> None:
    assert quotes_of(src) == expected


@pytest.mark.parametrize("src", NO_QUOTES)
def test_no_quotes(src: str) -> None:
    assert quotes_of(src) == []


def test_quote_span_is_inside_the_marks() -> None:
    text, mentions = marked("Ông {PER:Nguyễn Văn An} nói: “ Sẽ xong trước Tết ”.")
    doc = Doc(text, mentions=mentions)
    QuoteExtractor().extract(doc)
    [q] = doc.fields["quotes"]
    assert text[q["start"]:q["end"]] == q["text"] == "Sẽ xong trước Tết"
    assert text[q["start"] - 2] == "“" and text[q["end"] + 1] == "”"


def test_quote_marks_stay_linear() -> None:
    hostile = "\n".join([
        "“a " * 200_000,                       # marks that never close
        '"x" nói ' * 20_000,                   # very many short quotations with a verb
        "”" * 50_000,                          # closers with no opener
        "Ông A cho biết: “" + "b " * 200_000 + "”",  # one huge quotation
    ])
    t0 = time.perf_counter()
    quote_pairs(hostile)
    find_quotes(hostile, [])
    assert time.perf_counter() - t0 < 20  # generous: catches quadratic behaviour only
