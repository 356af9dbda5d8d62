"""Bytes to text.  The text is what every offset in the record refers to.

What is accepted, in the order it is tried:

1. A byte-order mark: UTF-8 (``utf-8-sig``), UTF-32 LE/BE, UTF-16 LE/BE.  The BOM is not part
   of the text, so offset 0 is the first character after it.
2. NUL bytes: UTF-16 without a BOM is recognised when every NUL sits at the same parity (the
   high byte of ASCII letters); otherwise the file is ``binary``.
3. UTF-8 (strict).
4. Windows-1258, the Vietnamese code page, when the bytes are not UTF-8 and decoding them as
   cp1258 gives plausible Vietnamese.  cp1258 decodes almost every byte, so "it decoded" proves
   nothing; the check is that its tone marks (stored as combining characters) all compose onto
   vowels, that Vietnamese-only letters appear, and that letters foreign to Vietnamese are rare.
   The text is then NFC-normalised, so offsets refer to the NFC form of the decoded text.

Text that decodes fine but was typed with a legacy Vietnamese font (TCVN3/ABC, VNI) or was
decoded twice (UTF-8 read as Windows-1252, "mojibake") is refused with an error record rather
than extracted as garbage: ``legacy-encoding`` or ``mojibake``.  Anything else that is not text
is an ``encoding`` or ``binary`` error.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

# Kinds of DecodeError (the record's error.kind).
BINARY = "binary"
ENCODING = "encoding"
LEGACY = "legacy-encoding"
MOJIBAKE = "mojibake"


class DecodeError(Exception):
    """The bytes are not text vnextract can read; becomes the record's ``error``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(slots=True)
class Decoded:
    """Decoded text; ``encoding`` is ``utf-8`` for plain UTF-8, otherwise what was recognised."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _vietnamese_letters() -> frozenset[str]:
    """Every precomposed Vietnamese letter (both cases), built from bases and tone marks."""
    bases = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    out = {"đ", "Đ"}
    for b in bases:
        for t in tones:
            c = unicodedata.normalize("NFC", b + t)
            out.update((c, c.upper()))
    return frozenset(c for c in out if len(c) == 1 and not c.isascii())


VIETNAMESE_LETTERS = _vietnamese_letters()

# Letters only Vietnamese uses (with the cp1258 combining tone marks): at least one must occur
# for bytes to count as Windows-1258 Vietnamese rather than, say, Latin-1 French.
VIETNAMESE_ONLY = frozenset("ăĂđĐơƠưƯ\u0300\u0301\u0303\u0309\u0323")

# --- legacy font encodings, as they look once decoded (from UTF-8 text or Latin-1 bytes) ---

# TCVN3 (ABC): tone-marked vowels sit on Latin-1 symbol code points, so words contain symbols:
# "Hµ Néi" (Hà Nội), "th¸ng" (tháng), "n¨m" (năm), "Tr\xadêng" (Trường), "®ång" (đồng),
# "§¶ng" (Đảng).  Matches: an ASCII letter then one of those symbols, or Đ/đ's symbol first.
TCVN3_RE = re.compile(r"[A-Za-z][\xa8-\xac\xad\xb5-\xb9\xbb-\xbe]|[\xa7\xae][A-Za-z\xa8-\xff]")

# VNI: a base letter followed by a separate "mark" byte, and ư/đ as ö/ñ: "Vieät" (Việt),
# "Haø Noäi" (Hà Nội), "Tröôøng" (Trường), "Ñaûng" (Đảng).  Only the marks that are not
# Vietnamese letters themselves count (ø ä ï ë ü å û æ ö ñ), so real Unicode Vietnamese never
# matches.  Matches: a letter then a mark, or ư/đ (ö/ñ) then a letter.
VNI_RE = re.compile(
    r"[A-Za-z\xf4\xd4\xf6\xd6][\xf8\xd8\xe4\xc4\xef\xcf\xeb\xcb\xfc\xdc\xe5\xc5\xfb\xdb\xe6\xc6]"
    r"|[\xf6\xd6\xf1\xd1][A-Za-z\xf4\xd4]"
)

# UTF-8 decoded as Windows-1252 and saved again: "Viá»‡t" (Việt), "Ä‘" (đ), "Æ°" (ư), "Ã¡" (á).
# Matches a UTF-8 lead byte of a Vietnamese letter seen as Latin-1 (Ã Ä Å Æ) followed by a
# continuation byte seen as Latin-1 or as one of cp1252's 0x80-0x9F characters, or "áº"/"á»"
# (the lead bytes E1 BA / E1 BB of the tone-marked letters U+1EA0..U+1EFF).
MOJIBAKE_RE = re.compile(
    r"[\xc3\xc4\xc5\xc6][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    r"\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    r"|\xe1[\xba\xbb]"
)

# Pre-filter: a character without which none of the three patterns can match (the symbols
# and marks above and the mojibake lead bytes).  Ordinary Vietnamese has none, so the common
# case costs one scan that finds nothing.
SIGNATURE_RE = re.compile(
    r"[\xa7-\xae\xb5-\xbe\xf8\xd8\xe4\xc4\xef\xcf\xeb\xcb\xfc\xdc\xe5\xc5\xfb\xdb\xe6\xc6"
    r"\xf6\xd6\xf1\xd1\xc3]"
)

NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")  # one non-ASCII character

LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}

# A text is called legacy-encoded when at least this many signature hits occur and they
# cover this share of its words; real Vietnamese in a legacy font hits in roughly every second
# word, while a German or Spanish quotation in a Unicode article stays far below.
MIN_HITS = 3
MIN_HIT_SHARE = 0.15

WORD_RE = re.compile(r"\S+")  # a whitespace-separated token


def _word_at(text: str, i: int) -> str:
    """The token around index ``i``, cut to 24 characters, for the error message."""
    lo = max(text.rfind(" ", 0, i) + 1, text.rfind("\n", 0, i) + 1, i - 12)
    hi = len(text)
    for sep in (" ", "\n"):
        j = text.find(sep, i)
        if j != -1:
            hi = min(hi, j)
    return text[lo:min(hi, i + 12)]


def sniff_legacy(text: str) -> tuple[str, str] | None:
    """``(kind, message)`` when ``text`` looks like a legacy font encoding or mojibake.

    Cheap on ordinary text: pure ASCII returns at once, and each pattern is one linear scan.
    """
    if text.isascii() or not SIGNATURE_RE.search(text):
        return None
    scores: list[tuple[int, str, int]] = []
    for name, pattern in (("tcvn3", TCVN3_RE), ("vni", VNI_RE), ("mojibake", MOJIBAKE_RE)):
        hits = 0
        first = -1
        for m in pattern.finditer(text):
            if first < 0:
                first = m.start()
            hits += 1
        if hits >= MIN_HITS:
            scores.append((hits, name, first))
    if not scores:
        return None
    words = sum(1 for _ in WORD_RE.finditer(text))
    scores = [s for s in scores if s[0] >= MIN_HIT_SHARE * words]
    if not scores:
        return None
    # TCVN3 first: its symbols never occur in VNI or mojibake, while TCVN3's own letters
    # (ñ for ủ, Ö for ệ …) look like VNI's; otherwise the pattern with more hits.
    hits, name, first = next((s for s in scores if s[1] == "tcvn3"), None) or max(scores)
    sample = _word_at(text, first)
    if name == "mojibake":
        return (MOJIBAKE, f"text is UTF-8 that was decoded as Windows-1252 and saved again "
                          f"(e.g. {sample!r}); not extracted")
    return (LEGACY, f"text is typed in the {LEGACY_NAMES[name]} legacy font encoding "
                    f"(e.g. {sample!r}); convert it to Unicode first; not extracted")


def plausible_cp1258(raw: str) -> bool:
    """Whether a cp1258 decoding (before NFC) reads as Vietnamese; see the module docstring."""
    if not any(c in VIETNAMESE_ONLY for c in set(raw)):
        return False
    text = unicodedata.normalize("NFC", raw)
    viet = bad = 0
    for c in NON_ASCII_RE.findall(text):
        if c in VIETNAMESE_LETTERS:
            viet += 1
        elif c.isalpha() or unicodedata.combining(c):
            bad += 1  # a foreign letter, or a tone mark that found no vowel to sit on
    return viet > 0 and bad * 20 <= viet


# C0 control characters other than white space: never in a text article.
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no BOM, recognised only when it is unmistakable: the NULs (the high
    byte of ASCII characters) all on one parity and in at least half the code units (Vietnamese
    is mostly ASCII letters), and the decoded text free of control characters."""
    units = len(data) // 2
    if len(data) % 2 or units == 0:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for nuls, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if other == 0 and nuls * 2 >= units:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return None if CONTROL_RE.search(text) else (text, enc)
    return None


def _check_text(text: str, encoding: str, warnings: list[str] | None = None) -> Decoded:
    if "\0" in text:
        raise DecodeError(BINARY, f"decoded {encoding} text contains NUL characters")
    legacy = sniff_legacy(text)
    if legacy:
        raise DecodeError(*legacy)
    return Decoded(text, encoding, warnings or [])


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> Decoded:
    """Bytes to text, or a DecodeError naming the problem; never garbage text."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.removesuffix("-sig"))
            except UnicodeDecodeError as e:
                raise DecodeError(ENCODING, f"not valid {enc} after its byte-order mark "
                                            f"(at byte {e.start + len(bom)})") from None
            return _check_text(text, enc)
    nul = data.find(b"\0")
    if nul >= 0:
        found = _utf16_without_bom(data)
        if found is None:
            raise DecodeError(BINARY, f"contains NUL bytes (first at byte {nul}): "
                                      "not a text file")
        return _check_text(found[0], found[1], ["utf-16-no-bom"])
    try:
        return _check_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e.start
    legacy = sniff_legacy(data.decode("latin-1"))
    if legacy:
        raise DecodeError(*legacy)
    try:
        raw = data.decode("cp1258")
    except UnicodeDecodeError:
        raw = None
    if raw is not None and plausible_cp1258(raw):
        return _check_text(unicodedata.normalize("NFC", raw), "windows-1258")
    raise DecodeError(ENCODING, f"not valid UTF-8 (at byte {utf8_error}) and not "
                                "Vietnamese in Windows-1258 either")
