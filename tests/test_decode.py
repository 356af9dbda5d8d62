"""Bytes to text (cli/decode.py): each accepted encoding, each refusal, and near-misses."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from legacy_fonts import to_cp1258, to_tcvn3, to_vni, vni_text

from cli.decode import (
    BINARY,
    ENCODING,
    LEGACY,
    MOJIBAKE,
    DecodeError,
    decode,
    plausible_cp1258,
    sniff_legacy,
)

# Our own sentences (not from any site or seed).
SENTENCES = [
    "Sáng nay, đồng chí bí thư huyện ủy về thăm trường học ở xã Phước Lộc và nói chuyện với "
    "các thầy cô giáo về kết quả năm học vừa qua.",
    "Tỷ lệ học sinh lên lớp của trường đạt 97,5%, cao hơn năm trước; nhà trường được tặng "
    "giấy khen vì thành tích dạy và học.",
    "Người dân trong thôn góp tiền, góp công làm đường bê tông dài hơn hai cây số để các em "
    "đến trường an toàn hơn trong mùa mưa lũ.",
]
TEXT = "\n".join(SENTENCES) + "\n"

# (expected encoding, expected warnings, the file's bytes)
ACCEPTED = [
    ("utf-8", [], TEXT.encode("utf-8")),
    ("utf-8-sig", [], codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16-le", [], codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16-be", [], codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf-32-le", [], codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
    ("utf-32-be", [], codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be")),
    ("utf-16-le", ["utf-16-no-bom"], TEXT.encode("utf-16-le")),
    ("utf-16-be", ["utf-16-no-bom"], TEXT.encode("utf-16-be")),
    ("windows-1258", [], to_cp1258(TEXT)),
]


@pytest.mark.parametrize(("encoding", "warnings", "data"), ACCEPTED,
                         ids=[f"{r[0]}{'-nobom' if r[1] else ''}" for r in ACCEPTED])
def test_accepted_encodings_give_the_same_text(encoding: str, warnings: list[str],
                                                data: bytes) -> None:
    d = decode(data)
    assert (d.encoding, d.warnings) == (encoding, warnings)
    assert d.text == TEXT  # BOM not part of the text; cp1258 tone marks composed (NFC)


def test_cp1258_really_uses_combining_tone_marks() -> None:
    # The fixture is realistic: ệ is ê (0xEA) + combining dot below (0xF2), not one byte.
    assert to_cp1258("Việt") == b"Vi\xea\xf2t"
    assert decode(b"Vi\xea\xf2t Nam \xf0\xe3ng").text == "Việt Nam đăng"


def test_empty_is_text() -> None:
    assert decode(b"").text == ""


# (expected kind, a fragment of the message, the file's bytes)
REFUSED = [
    (BINARY, "contains NUL bytes (first at byte 3)", b"abc\0\x01\x02\x03"),
    # NULs on one parity only, but too few and decoding to control characters: not UTF-16
    (BINARY, "contains NUL bytes (first at byte 0)", b"\x00\x01binary\x00\xff"),
    (BINARY, "first at byte 0", b"\x00\x01\x00\x02\x00a\x00b"),
    (BINARY, "first at byte 0", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[8:] + b"\xff\xfe\x00"),
    (ENCODING, "not valid UTF-8 (at byte 6) and not Vietnamese in Windows-1258",
     "Le garçon a mangé à la fenêtre".encode("latin-1")),
    (ENCODING, "not valid utf-8-sig after its byte-order mark (at byte 4)",
     codecs.BOM_UTF8 + b"a\xff"),
    (ENCODING, "not valid utf-16-le after its byte-order mark",
     codecs.BOM_UTF16_LE + b"\x00\xd8"),  # a lone surrogate
    (LEGACY, "TCVN3 (ABC)", to_tcvn3(TEXT)),
    (LEGACY, "TCVN3 (ABC)", to_tcvn3(TEXT).decode("latin-1").encode("utf-8")),
    (LEGACY, "VNI", to_vni(TEXT)),
    (LEGACY, "VNI", vni_text(TEXT).encode("utf-8")),
    (MOJIBAKE, "decoded as Windows-1252", TEXT.encode("utf-8").decode("cp1252", "replace")
     .encode("utf-8")),
]


@pytest.mark.parametrize(("kind", "fragment", "data"), REFUSED,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(REFUSED)])
def test_refused_with_a_named_reason(kind: str, fragment: str, data: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == kind
    assert fragment in info.value.message


def test_legacy_message_quotes_the_first_garbled_word() -> None:
    with pytest.raises(DecodeError) as info:
        decode(to_tcvn3("Hôm nay trời đẹp, chúng tôi đi thăm đồng.\n"))
    assert info.value.message == (
        "text is typed in the TCVN3 (ABC) legacy font encoding (e.g. 'H«m'); convert it to "
        "Unicode first; not extracted")
    with pytest.raises(DecodeError) as info:
        decode(vni_text("Hôm nay trời đẹp, chúng tôi đi thăm đồng.\n").encode())
    assert info.value.message == (
        "text is typed in the VNI legacy font encoding (e.g. 'trôøi'); convert it to "
        "Unicode first; not extracted")


# Unicode text that must NOT be called legacy: it contains some of the signature characters,
# but far fewer than a legacy-font article would.
NOT_LEGACY = [
    TEXT,
    unicodedata.normalize("NFD", TEXT),
    TEXT + "Ông Müller nói: „Wir sind für die Zusammenarbeit“, rồi cảm ơn chủ nhà.\n",
    TEXT + "© 2024 Báo điện tử, giữ bản quyền. Windows® 11 được cài sẵn.\n",
    TEXT + "Bài hát « Hà Nội mùa thu » được trình diễn; niño, España, Søren, Åsa.\n",
    "NGÃ BA ĐỒNG LỘC, NGÃ TƯ HÀNG XANH\n",
    "Plain ASCII text with no Vietnamese at all.\n",
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_unicode_vietnamese_is_not_legacy(text: str) -> None:
    assert sniff_legacy(text) is None
    assert decode(text.encode("utf-8")).text == text


# cp1258 decodes almost any byte string: the plausibility check is what refuses garbage.
NOT_CP1258 = [
    "Le garçon a mangé à la fenêtre".encode("latin-1"),  # no Vietnamese-only letter
    "Straße und Größe".encode("latin-1"),
    bytes(range(0xA0, 0x100)),
    b"abc \xcc\xcc\xcc def \xec\xec",  # tone marks on consonants / stacked
]


@pytest.mark.parametrize("data", NOT_CP1258)
def test_implausible_cp1258_is_refused(data: bytes) -> None:
    assert not plausible_cp1258(data.decode("cp1258", "replace"))
    with pytest.raises(DecodeError):
        decode(data)


def test_nul_bytes_with_mixed_parity_are_binary_not_utf16() -> None:
    data = TEXT.encode("utf-16-le") + b"\x00\x00\x01"  # odd length
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.kind == BINARY
