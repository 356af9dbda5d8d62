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
    # "kiêm" joins two titles before the name; a village head's title names the village
    ({("Sùng Thị Mai", "Bí thư Chi bộ"), ("Sùng Thị Mai", "Trưởng thôn Nà Hin")},
     "Bí thư {ORG:Chi bộ} kiêm Trưởng thôn Nà Hin {PER:Sùng Thị Mai} kể lại chuyện cũ."),
    ({("Sùng A Páo", "Trưởng thôn Sà Phìn")},
     "{PER:Sùng A Páo}, Trưởng thôn Sà Phìn, cho hay cả thôn đã có điện."),
    # a department's own name between the title and its organization
    ({("Lê Thị Hoa", "Trưởng khoa Sản Bệnh viện Đa khoa tỉnh")},
     "ThS.BS {PER:Lê Thị Hoa}, Trưởng khoa Sản {ORG:Bệnh viện Đa khoa tỉnh} khuyên sản phụ "
     "khám thai định kỳ."),
    ({("Đặng Văn Sáu", "Trưởng khoa Nội Bệnh viện huyện")},
     "Trưởng khoa Nội {ORG:Bệnh viện huyện} {PER:Đặng Văn Sáu} cho biết số ca bệnh giảm."),
    ({("Peter Hansen", "Trưởng nhóm Dinh dưỡng Văn phòng UNICEF tại Việt Nam")},
     "Ông {PER:Peter Hansen}, Trưởng nhóm Dinh dưỡng {ORG:Văn phòng UNICEF tại Việt Nam}, "
     "cho rằng bữa ăn học đường cần thêm rau."),
    ({("Ngô Thị Lan", "Trưởng khoa Nhi")},
     "Bác sĩ {PER:Ngô Thị Lan}, Trưởng khoa Nhi cho biết trẻ nhập viện tăng."),
    ({("Trần Thu Hiền", "Tổ trưởng tổ Ngữ văn")},
     "Cô {PER:Trần Thu Hiền}, Tổ trưởng tổ Ngữ văn, cho biết học sinh rất chăm."),
    # a title with no organization after it
    ({("Mai Văn Tiến", "Kế toán trưởng")},
     "{PER:Mai Văn Tiến}, Kế toán trưởng, đã ký chứng từ khống."),
    # a birth year or an age in brackets before the title, or an aside then a comma
    ({("Hồ Thị Nga", "nguyên Kế toán trưởng")},
     "Bị cáo {PER:Hồ Thị Nga} (SN 1979, nguyên Kế toán trưởng) bị phạt 8 năm tù."),
    ({("Tạ Văn Kiên", "nguyên Giám đốc Công ty TNHH Kiên Thành")},
     "Bị cáo {PER:Tạ Văn Kiên} (sinh năm 1970, trú quận Hai Bà Trưng), nguyên Giám đốc "
     "{ORG:Công ty TNHH Kiên Thành}, bị truy tố."),
    ({("Lù Văn Pao", "Chi hội trưởng Chi hội Cựu chiến binh bản Mường")},
     "Anh {PER:Lù Văn Pao} (38 tuổi), Chi hội trưởng {ORG:Chi hội Cựu chiến binh bản Mường}, "
     "dẫn chúng tôi lên nương."),
    # an ambassador: the country and the host country belong to the title
    ({("Yamada Taro", "Đại sứ Nhật Bản tại Việt Nam")},
     "Đại sứ {LOC:Nhật Bản} tại {LOC:Việt Nam} {PER:Yamada Taro} phát biểu khai mạc."),
    ({("Kim Min-su", "Đại sứ Hàn Quốc tại Việt Nam")},
     "Ông {PER:Kim Min-su}, Đại sứ {LOC:Hàn Quốc} tại {LOC:Việt Nam}, cho biết sẽ mở thêm "
     "đường bay."),
    # ranks and degrees before the name are not titles; the title after the comma is
    ({("Vũ Đình Hòa", "Trưởng Phòng Cảnh sát hình sự Công an tỉnh")},
     "Thượng tá {PER:Vũ Đình Hòa}, Trưởng {ORG:Phòng Cảnh sát hình sự Công an tỉnh}, cho biết "
     "đã bắt đủ các đối tượng."),
    ({("Hà Văn Bảy", "Phó Giám đốc Bệnh viện Đa khoa huyện")},
     "Bác sĩ CKII {PER:Hà Văn Bảy}, Phó Giám đốc {ORG:Bệnh viện Đa khoa huyện} trực tiếp mổ."),
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
    # ranks, degrees and honours are not titles
    "Bác sĩ CKII {PER:Hà Văn Bảy} khám cho bệnh nhân.",
    "Nhà giáo Nhân dân {PER:Lê Thị Thu} nhận hoa của học trò.",
    "Luật sư {PER:Phan Văn Tài} ({ORG:Đoàn Luật sư thành phố Hà Nội}) bào chữa cho bị cáo.",
    "Thượng tá {PER:Vũ Đình Hòa} chỉ huy lực lượng.",
    # a title word followed by a verb, or a conjunction before the name
    "Giám đốc tổ chức họp với ông {PER:Lê Văn Tâm}.",
    "Trưởng khoa Nội cùng bác sĩ {PER:Ngô Văn Hải} đi kiểm tra.",
    # an aside in brackets with no title after it
    "{PER:Đào Văn Minh} (45 tuổi), trú thôn Đông, bị bắt.",
    "{PER:Lý Thị Hạnh} (SN 1990, trú xã Tân Phú) bị tạm giữ.",
    # a country and a place without "tại" joining them is not an ambassador's posting
    "Đoàn {LOC:Nhật Bản} làm việc tại {LOC:Việt Nam} cùng ông {PER:Yamada Taro}.",
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
