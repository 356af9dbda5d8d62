"""Roles (who holds which office) and person linking, as tables of examples.

Each example is a sentence in a small markup: ``{PER:Lê Văn Hải}`` or ``{ORG:Sở Y tế}`` marks
a mention the entity stage would have found (the braces are removed from the text), so the
rules are tested on their own, independent of the NER extractor's accuracy.
"""

from __future__ import annotations

import re

import pytest

from extractors.base import Doc, Mention
from extractors.coref import link_persons
from extractors.roles import RoleExtractor, find_roles

MARK_RE = re.compile(r"\{(PER|ORG|LOC|BYLINE):([^{}]+)\}")


def marked(src: str) -> tuple[str, list[Mention]]:
    """Text and mentions from ``{TYPE:text}`` markup (``BYLINE`` = a PER from layout)."""
    out: list[str] = []
    mentions: list[Mention] = []
    pos = 0
    n = 0
    for m in MARK_RE.finditer(src):
        out.append(src[pos:m.start()])
        n += m.start() - pos
        typ, name = m.group(1), m.group(2)
        source = "layout" if typ == "BYLINE" else "test"
        mentions.append(Mention("PER" if typ == "BYLINE" else typ, n, n + len(name), name,
                                None, source))
        out.append(name)
        n += len(name)
        pos = m.end()
    out.append(src[pos:])
    return "".join(out), mentions


def roles_of(src: str) -> set[tuple[str, str]]:
    text, mentions = marked(src)
    return {(r["person"], r["title"]) for r in find_roles(text, mentions)}


ROLES = [
    # title before the name, organization included
    ({("Trần Minh Quân", "Phó Bí thư Thường trực Tỉnh ủy Lâm Đồng")},
     "Phó Bí thư Thường trực {ORG:Tỉnh ủy Lâm Đồng} {PER:Trần Minh Quân} phát biểu."),
    ({("Lê Văn Hải", "Giám đốc Sở Y tế")},
     "Giám đốc {ORG:Sở Y tế} {PER:Lê Văn Hải} cho biết tỉnh đã đủ vắc xin."),
    ({("Lê Văn Hải", "Phó Bí thư thường trực Đảng ủy Sở Y tế")},
     "Phó Bí thư thường trực {ORG:Đảng ủy Sở Y tế} {PER:Lê Văn Hải}:"),
    ({("Nguyễn Văn Bình", "Thủ tướng")},
     "Thủ tướng {PER:Nguyễn Văn Bình} chủ trì cuộc họp trực tuyến."),
    # two titles chained before the name
    ({("Đỗ Mạnh Cường", "Ủy viên Bộ Chính trị"), ("Đỗ Mạnh Cường", "Bí thư Thành ủy Hải Phòng")},
     "Ủy viên {ORG:Bộ Chính trị}, Bí thư {ORG:Thành ủy Hải Phòng} {PER:Đỗ Mạnh Cường} dự lễ."),
    # the name, then comma-separated titles
    ({("Phạm Thu Hà", "Bí thư Đảng ủy"), ("Phạm Thu Hà", "Giám đốc Bệnh viện Đa khoa tỉnh")},
     "Bác sĩ {PER:Phạm Thu Hà}, Bí thư {ORG:Đảng ủy}, Giám đốc {ORG:Bệnh viện Đa khoa tỉnh} "
     "cho biết số ca bệnh đã giảm."),
    ({("Lò Văn Sơn", "Bí thư Tỉnh ủy"), ("Lò Văn Sơn", "Chủ tịch HĐND tỉnh")},
     "{PER:Lò Văn Sơn}, Bí thư {ORG:Tỉnh ủy} kiêm Chủ tịch {ORG:HĐND tỉnh}, tiếp đoàn."),
    # the name, then a dash
    ({("Hoàng Văn Nam", "Phó Chủ tịch UBND huyện")},
     "Đoàn do ông {PER:Hoàng Văn Nam} - Phó Chủ tịch {ORG:UBND huyện} làm trưởng đoàn."),
    # đồng chí X, title; "Trưởng" + an organization whose name starts with "Ban"
    ({("Vũ Đức Thắng", "Trưởng Ban Tuyên giáo Tỉnh ủy")},
     "Đồng chí {PER:Vũ Đức Thắng}, Trưởng {ORG:Ban Tuyên giáo Tỉnh ủy}, dự hội nghị."),
    # an organization followed by its place
    ({("Lưu Văn Tám", "Chủ tịch UBND xã Tân Lập")},
     "Chủ tịch {ORG:UBND xã} {LOC:Tân Lập} {PER:Lưu Văn Tám} cho hay nước đã rút."),
    # an honorific between the title and the name
    ({("Mai Văn Lực", "Giám đốc Sở Y tế")},
     "Giám đốc {ORG:Sở Y tế}, bác sĩ {PER:Mai Văn Lực} kiểm tra khu cách ly."),
    ({("Đinh Thị Hồng", "Hiệu trưởng Trường THPT Lê Lợi")},
     "Hiệu trưởng {ORG:Trường THPT Lê Lợi}, ThS. {PER:Đinh Thị Hồng} trao thưởng."),
    # former / acting, as written
    ({("Quách Văn Dũng", "nguyên Chủ tịch UBND tỉnh")},
     "Buổi lễ có nguyên Chủ tịch {ORG:UBND tỉnh} {PER:Quách Văn Dũng} tham dự."),
    # a title shared by a listed group
    ({("Lâm Văn Tư", "Ủy viên Trung ương Đảng"), ("Đinh Thị Mai", "Ủy viên Trung ương Đảng")},
     "Dự có các Ủy viên {ORG:Trung ương Đảng}: {PER:Lâm Văn Tư}; {PER:Đinh Thị Mai}."),
    # no ORG mention from the entity stage: capitalised organization words still count
    ({("Phan Văn Lộc", "Chủ tịch UBND TP")},
     "Chủ tịch UBND TP {PER:Phan Văn Lộc} yêu cầu khẩn trương sơ tán dân."),
    # all-caps headline and body: one role, written in mixed case
    ({("Ngô Văn Tâm", "Phó Chủ tịch UBND tỉnh")},
     "PHÓ CHỦ TỊCH {ORG:UBND TỈNH} {PER:NGÔ VĂN TÂM} THĂM NGƯỜI DÂN VÙNG LŨ\n"
     "Sáng nay, Phó Chủ tịch {ORG:UBND tỉnh} {PER:Ngô Văn Tâm} đã đến thăm bà con."),
    # a shortened repeat of a title is not another role; the short name is linked
    ({("Trịnh Quốc Khánh", "Bộ trưởng Bộ Công Thương")},
     "Bộ trưởng {ORG:Bộ Công Thương} {PER:Trịnh Quốc Khánh} dự họp. Sau đó, Bộ trưởng "
     "{PER:Khánh} nhấn mạnh yêu cầu tiết kiệm điện."),
    # a later short form with its title: the role goes to the full name
    ({("Nguyễn Hữu Phước", "Giám đốc Công ty Cổ phần Sông Lam")},
     "Anh {PER:Nguyễn Hữu Phước} về quê năm 2010. Hiện ông {PER:Phước} - Giám đốc "
     "{ORG:Công ty Cổ phần Sông Lam} - có 200 công nhân."),
    # a list of officials, each title before its own name
    ({("Nguyễn Thành Công", "Bí thư Tỉnh ủy"), ("Trần Hữu Lộc", "Chủ tịch UBND tỉnh")},
     "Dự lễ có Bí thư {ORG:Tỉnh ủy} {PER:Nguyễn Thành Công}, Chủ tịch {ORG:UBND tỉnh} "
     "{PER:Trần Hữu Lộc} và nhiều đại biểu."),
    # a name, its title, then another title and name: the second title is not chained to B
    ({("Lê Văn Một", "Chủ tịch UBND huyện"), ("Vương Thị Hai", "Bí thư Huyện ủy")},
     "{PER:Lê Văn Một}, Chủ tịch {ORG:UBND huyện}, Bí thư {ORG:Huyện ủy} {PER:Vương Thị Hai} "
     "cùng dự."),
    # only the person right next to the title gets it
    ({("Cao Văn Lợi", "Giám đốc Sở Tài chính")},
     "Ông {PER:Hà Minh Tuấn} và Giám đốc {ORG:Sở Tài chính} {PER:Cao Văn Lợi} ký biên bản."),
]

NO_ROLES = [
    # an honorific alone is not a title
    "Bác sĩ {PER:Trần Thị Lan} khám cho bệnh nhân suốt đêm.",
    "Đồng chí {PER:Bế Văn Hùng} được kết nạp Đảng năm 2015.",
    "Thiếu tướng {PER:Lương Văn Quang} thăm đơn vị.",
    # a title with nobody named
    "Thủ tướng {ORG:Chính phủ} tặng Bằng khen cho tập thể bệnh viện.",
    "Phó Bí thư Thường trực {ORG:Huyện ủy} nhấn mạnh yêu cầu này.",
    # words between the title and the name that are not part of a title
    "Giám đốc đã gặp ông {PER:Lý Văn Hùng} tại trụ sở.",
    "{PER:Đào Văn Minh}, chuyên khoa Nội, công tác tại bệnh viện từ năm 2019.",
    # a word that is a title only with an organization after it
    "Ủy viên {PER:Trần Văn Bảy} phát biểu ý kiến.",
    # a byline is not given the title before it
    "Tin do Phó Tổng Biên tập duyệt.\n{BYLINE:Thu Hà}",
]


@pytest.mark.parametrize(("expected", "src"), ROLES)
def test_roles(expected: set[tuple[str, str]], src: str) -> None:
    assert roles_of(src) == expected


@pytest.mark.parametrize("src", NO_ROLES)
def test_no_roles(src: str) -> None:
    assert roles_of(src) == set()


def test_role_offsets_and_extractor() -> None:
    text, mentions = marked("Giám đốc {ORG:Sở Y tế} {PER:Lê Văn Hải} cho biết.")
    doc = Doc(text, mentions=mentions)
    RoleExtractor().extract(doc)
    [role] = doc.fields["roles"]
    assert text[role["start"]:role["end"]] == role["title"] == "Giám đốc Sở Y tế"


PERSONS = [
    # (mention text to look at, the person it must link to, marked text)
    ("Liêm", "Nguyễn Văn Liêm",
     "Bác sĩ {PER:Nguyễn Văn Liêm} trực đêm. Sáng hôm sau, bác sĩ {PER:Liêm} về nhà."),
    ("Nguyễn Bình", "Nguyễn Khắc Bình",
     "Ông {PER:Nguyễn Khắc Bình} đến thăm. Ông {PER:Nguyễn Bình} hỏi chuyện bà con."),
    ("Văn Bình", "Nguyễn Văn Bình",
     "{PER:Nguyễn Văn Bình} thi đấu. Tay vợt {PER:Văn Bình} thắng dễ."),
    ("NGUYỄN KHẮC BÌNH", "Nguyễn Khắc Bình",
     "ÔNG {PER:NGUYỄN KHẮC BÌNH} THĂM TRẠM Y TẾ\nÔng {PER:Nguyễn Khắc Bình} đến trạm."),
    ("Nguyễn Văn Liêm", "Nguyễn Văn Liêm", "Bác sĩ {PER:Nguyễn Văn Liêm} trực đêm."),
    # a byline is its own person and never an antecedent
    ("Hà", "Lê Thị Thu Hà",
     "Bà {PER:Lê Thị Thu Hà} phát biểu. Bà {PER:Hà} cảm ơn.\n{BYLINE:Thu Hà}"),
    ("Thu Hà", "Thu Hà", "Bà {PER:Lê Thị Thu Hà} phát biểu.\n{BYLINE:Thu Hà}"),
]

AMBIGUOUS = [
    # two people share the given name: the short form stays unlinked
    ("Hùng", "Ông {PER:Lê Văn Hùng} và ông {PER:Trần Mạnh Hùng} dự họp. Ông {PER:Hùng} nói."),
]


@pytest.mark.parametrize(("mention", "person", "src"), PERSONS)
def test_person_links(mention: str, person: str, src: str) -> None:
    _, mentions = marked(src)
    link_persons(mentions)
    got = {(m.extra or {}).get("person") for m in mentions if m.text == mention}
    assert got == {person}


@pytest.mark.parametrize(("mention", "src"), AMBIGUOUS)
def test_ambiguous_short_form_unlinked(mention: str, src: str) -> None:
    _, mentions = marked(src)
    link_persons(mentions)
    short = [m for m in mentions if m.text == mention]
    assert short and all(not (m.extra or {}).get("person") for m in short)
    assert all((m.extra or {}).get("person") == m.text for m in mentions if m.text != mention)
