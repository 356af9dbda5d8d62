"""Test helpers: write Vietnamese the way pre-Unicode fonts stored it, to build fixtures.

Tables written for these tests from the published code charts (TCVN 5712:1993 "VN3", the
ABC font set, and VNI-Windows); only what the test sentences need, plus the full lowercase.
"""

from __future__ import annotations

import unicodedata

# TCVN3 (ABC): one byte per letter; the tone-marked capitals live in separate "caps" fonts,
# so only the seven plain capitals are here.
TCVN3 = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}


def to_tcvn3(text: str) -> bytes:
    """``text`` as a TCVN3 file's bytes (KeyError for a letter the font cannot write)."""
    return bytes(ord(c) if c.isascii() else TCVN3[c] for c in text)


# VNI-Windows: a base letter, then one "mark" byte for the vowel shape and tone together.
# Keys are (shape, tone); shape "" plain, "^" circumflex, "(" breve.  Tones: "" none,
# "\\" huyền, "/" sắc, "?" hỏi, "~" ngã, "." nặng.
VNI_MARKS = {
    ("", "/"): "ù", ("", "\\"): "ø", ("", "?"): "û", ("", "~"): "õ", ("", "."): "ï",
    ("^", ""): "â", ("^", "/"): "á", ("^", "\\"): "à", ("^", "?"): "å", ("^", "~"): "ã",
    ("^", "."): "ä",
    ("(", ""): "ê", ("(", "/"): "é", ("(", "\\"): "è", ("(", "?"): "ú", ("(", "~"): "ü",
    ("(", "."): "ë",
}
VNI_I = {"/": "í", "\\": "ì", "?": "æ", "~": "ó", ".": "ò"}  # i has its own bytes
VNI_LETTERS = {"ơ": "ô", "ư": "ö", "đ": "ñ"}  # the horned vowels and đ are single bytes
TONE_OF = {"\u0300": "\\", "\u0301": "/", "\u0309": "?", "\u0303": "~", "\u0323": "."}
SHAPE_OF = {"\u0302": "^", "\u0306": "("}


def _vni_char(c: str) -> str:
    if c.isascii():
        return c
    d = unicodedata.normalize("NFD", c.lower())
    base, marks = d[0], d[1:]
    tone = "".join(TONE_OF.get(m, "") for m in marks)
    shape = "".join(SHAPE_OF.get(m, "") for m in marks)
    if "\u031b" in marks:  # horn: ơ, ư
        base = VNI_LETTERS[unicodedata.normalize("NFC", base + "\u031b")]
    elif base == "đ":
        base = VNI_LETTERS[base]
    if base == "i" and tone:
        out = VNI_I[tone]
    elif shape or tone:
        out = base + VNI_MARKS[(shape, tone)]
    else:
        out = base
    return out.upper() if c.isupper() else out


def vni_text(text: str) -> str:
    """``text`` as it looks when VNI bytes are read as Windows-1252 ("Vieät Nam")."""
    return "".join(_vni_char(c) for c in text)


def to_vni(text: str) -> bytes:
    """``text`` as a VNI-Windows file's bytes."""
    return vni_text(text).encode("cp1252")


def to_cp1258(text: str) -> bytes:
    """``text`` in Windows-1258: vowel shapes precomposed (â ê ô ơ ư ă), tones combining."""
    out = []
    for c in text:
        d = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in d if m in TONE_OF)
        rest = "".join(m for m in d if m not in TONE_OF)
        out.append(unicodedata.normalize("NFC", rest) + tones)
    return "".join(out).encode("cp1258")
