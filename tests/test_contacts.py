"""EMAIL, PHONE and URL: tables of (normalized value, phrasing, expected span), near-misses,
offsets and linearity on hostile text.  Addresses and numbers are made up for these tests."""

from __future__ import annotations

import pytest
from _linear import assert_finishes, hostile

from extractors.base import Doc
from extractors.contacts import ContactExtractor, find_contacts, phone_value

EXTRACTOR = ContactExtractor()


def contacts(text: str) -> list[tuple[str, str, str]]:
    return [(m.type, m.text, m.value) for m in EXTRACTOR.extract(Doc(text))]


CONTACTS: list[tuple[str, str, str, str]] = [
    ("PHONE", "+84903123456", "Gọi 0903 123 456 để được tư vấn.", "0903 123 456"),
    ("PHONE", "+84903123456", "Hotline: 0903.123.456.", "0903.123.456"),
    ("PHONE", "+84912345678", "Số máy 0912345678 trực 24 giờ.", "0912345678"),
    ("PHONE", "+84903123456", "Liên hệ +84 903 123 456 (Zalo).", "+84 903 123 456"),
    ("PHONE", "+842838221234", "Điện thoại: (028) 3822 1234.", "(028) 3822 1234"),
    ("PHONE", "+842438251234", "Văn phòng: 024-3825-1234.", "024-3825-1234"),
    ("EMAIL", "ban.tuyengiao@example.gov.vn", "Gửi thư về Ban.TuyenGiao@example.gov.vn nhé.",
     "Ban.TuyenGiao@example.gov.vn"),
    ("URL", "https://example.vn/tin-tuc/123.html", "Xem tại https://example.vn/tin-tuc/123.html.",
     "https://example.vn/tin-tuc/123.html"),
    ("URL", "http://www.example.com.vn", "Trang www.example.com.vn có thêm thông tin.",
     "www.example.com.vn"),
    ("URL", "http://tintuchanoi.vn", "(Tintuchanoi.vn) - Chiều qua, mưa lớn", "Tintuchanoi.vn"),
]


@pytest.mark.parametrize(("type_", "value", "text", "span"), CONTACTS)
def test_contact_forms(type_: str, value: str, text: str, span: str) -> None:
    assert contacts(text) == [(type_, span, value)]


@pytest.mark.parametrize(("value", "raw"), [
    ("+84903123456", "0903 123 456"), ("+84903123456", "+84 (0) 903 123 456"),
    (None, "0123 45"), (None, "0903 123 4567 890"), ("+842838221234", "0084 28 3822 1234"),
])
def test_phone_value(value: str | None, raw: str) -> None:
    assert phone_value(raw) == value


NOT_CONTACTS: list[str] = [
    "Ngày 02/12/2019, đoàn đến TP.HCM làm việc.",
    "Có 24.700 lượt bệnh nhân và 3.910 lượt người dân.",
    "Kinh phí 1.500.000.000 đồng.",
    "Các loại rau, củ, quả v.v. đều tăng giá.",
    "Nghị quyết số 13-NQ/HU đã ban hành.",
    "Mã số 0123 không phải số điện thoại.",
    "Gửi @ban_bientap trên mạng xã hội.",
]


@pytest.mark.parametrize("text", NOT_CONTACTS)
def test_not_contacts(text: str) -> None:
    assert contacts(text) == []


def test_offsets_slice_the_text() -> None:
    text = "Liên hệ: 0903 123 456, ab@example.vn, https://example.vn/a; (028) 3822 1234."
    found = EXTRACTOR.extract(Doc(text))
    assert [m.type for m in found] == ["PHONE", "EMAIL", "URL", "PHONE"]
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip()


# Pieces that, repeated to 200 KB, would make a backtracking regex take hours.
HOSTILE = {"at-signs": "a@", "at-dots": "a@b.", "tlds": ".vn", "urls": "http://a",
         "phones": "0912 ", "digits": "0", "dotted": "a."}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_linear_on_hostile_text(kind: str) -> None:
    """200 KB of repeated contact-like pieces finish quickly."""
    assert_finishes(find_contacts, hostile(HOSTILE[kind]), kind)
