"""Contacts printed in articles: EMAIL, PHONE and URL (extra types, not in the gold sets).

Values are normalized so that a report can be joined or deduplicated: e-mail addresses and
host names lower-cased, phone numbers in international form (``0903 123 456`` and
``(028) 3822 1234`` become ``+84903123456`` and ``+842838221234``).  Each pattern starts
only at the beginning of a run of the characters it consumes (a look-behind), and every
repetition is bounded, so a megabyte of digits or letters is scanned in linear time.
``find_contacts`` is cached per text; the number extractor uses it so that the digits of a
phone number are not also counted as quantities.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import ClassVar, NamedTuple

from .base import ENTITIES, Doc, Mention
from .wordlists import lines

TLDS: tuple[str, ...] = lines("contact_tlds.txt")

# name.surname+tag@example.com.vn  (searched only around an "@")
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,5}[A-Za-z]{2,12}"
    r"(?![\w@-])",
    re.ASCII,
)
_URL_CHARS = r"[^\s<>\"“”‘’()\[\]{}]"
# https://thanhuytphcm.vn/tin-tuc/123.html, www.baochinhphu.vn (literal-led: a fast scan)
URL_RE = re.compile(rf"(?:https?://|HTTPS?://|www\.|WWW\.){_URL_CHARS}{{1,2000}}")
# a bare domain is found from its top-level domain: ".vn", ".com" ...
_TLD_SPELLINGS = sorted({v for t in TLDS for v in (t, t.upper(), t.title())})
TLD_RE = re.compile(r"\.(?:" + "|".join(_TLD_SPELLINGS) + r")(?![\w-])")
# the host name and path around a top-level domain, searched in a small window
DOMAIN_RE = re.compile(
    rf"(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9-]{{0,62}}\.){{1,4}}(?:{'|'.join(TLDS)})(?:\.vn)?"
    rf"(?:/{_URL_CHARS}{{0,2000}})?(?![\w-])",
    re.IGNORECASE,
)
# 0903 123 456, 0903.123.456, (028) 3822 1234, +84 903 123 456, 0084-28-3822-1234
PHONE_RE = re.compile(
    r"[0+(](?<![\w+.,/-][0+(])"
    r"(?:(?<=\+)[^\S\n]?84|(?<=\()(?:\+84\)|0\d{1,3}\))|(?<=0)(?:084)?)"
    r"(?:[^\S\n]?[.-]?[^\S\n]?\(?\d{1,4}\)?){2,5}(?![\w/-]|[.,]\d)"
)
# everything but digits, dropped to read a phone number
NON_DIGIT_RE = re.compile(r"\D+")
_TRAILING = ".,;:!?…'\"”’)»"


class Contact(NamedTuple):
    type: str
    start: int
    end: int
    value: str


def phone_value(raw: str) -> str | None:
    """``+84`` and the national number, or None when the digits are not a Vietnamese number.

    Mobile numbers are 9 digits after the trunk ``0`` and start with 3, 5, 7, 8 or 9;
    landlines are 10 digits starting with 2 (area code, then subscriber).
    """
    digits = NON_DIGIT_RE.sub("", raw)
    if raw.lstrip().startswith(("+84", "(+84")):
        national = digits[2:]
    elif digits.startswith("0084"):
        national = digits[4:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    national = national.removeprefix("0")  # "+84 (0) 903 ..."
    if len(national) == 9 and national[0] in "35789":
        return "+84" + national
    if len(national) == 10 and national[0] == "2":
        return "+84" + national
    return None


# an "@" between two characters an address can have
AT_RE = re.compile(r"(?<=[\w.+-])@(?=[A-Za-z0-9])")


def windows(points: list[int], before: int, after: int, n: int) -> list[tuple[int, int]]:
    """Merged ranges around ``points``, so each character is scanned at most once.

    The contact patterns are searched only near an "@" or a top-level domain; merging
    the ranges keeps a text made of thousands of them linear.
    """
    out: list[tuple[int, int]] = []
    for p in points:
        a, b = max(0, p - before), min(n, p + after)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class _Taken:
    """Kept spans, sorted, for an O(log n) "is this range free?" (hostile texts hold many)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add_if_free(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, s)
        if (i > 0 and self.ends[i - 1] > s) or (i < len(self.starts) and self.starts[i] < e):
            return False
        self.starts.insert(i, s)
        self.ends.insert(i, e)
        return True


_cache: tuple[str | None, list[Contact]] = (None, [])


def find_contacts(text: str) -> list[Contact]:
    """Every EMAIL, URL and PHONE in ``text``, sorted, without overlaps (cached per text)."""
    global _cache
    if _cache[0] is text:
        return _cache[1]
    found: list[Contact] = []
    taken = _Taken()
    if "@" in text:
        ats = [m.start() for m in AT_RE.finditer(text)]
        for a, b in windows(ats, 64, 256, len(text)):
            for m in EMAIL_RE.finditer(text, a, b):
                if taken.add_if_free(m.start(), m.end()):
                    found.append(Contact("EMAIL", m.start(), m.end(), m.group().lower()))
    urls: list[tuple[int, int]] = []
    if "://" in text or "www." in text or "WWW." in text:
        urls = [m.span() for m in URL_RE.finditer(text)
                if not (m.start() and text[m.start() - 1].isalnum())]
    if "." in text:
        tlds = [m.start() for m in TLD_RE.finditer(text)]
        for a, b in windows(tlds, 255, 2100, len(text)):
            urls += [m.span() for m in DOMAIN_RE.finditer(text, a, b)]
    for s, e in sorted(urls):
        while e > s and text[e - 1] in _TRAILING:
            e -= 1
        if e <= s or not taken.add_if_free(s, e):
            continue
        raw = text[s:e]
        if raw.lower().startswith(("http://", "https://")):
            scheme, _, rest = raw.partition("://")
            host, sep, path = rest.partition("/")
            value = scheme.lower() + "://" + host.lower() + sep + path
        else:
            host, sep, path = raw.partition("/")
            value = "http://" + host.lower() + sep + path
        found.append(Contact("URL", s, e, value))
    for m in PHONE_RE.finditer(text):
        s, e = m.span()
        while e > s and not text[e - 1].isdigit():
            e -= 1
        value = phone_value(text[s:e])
        if value is None or not taken.add_if_free(s, e):
            continue
        found.append(Contact("PHONE", s, e, value))
    found.sort(key=lambda c: c.start)
    _cache = (text, found)
    return found


class ContactExtractor:
    name: ClassVar[str] = "contacts"
    types: ClassVar[tuple[str, ...]] = ("EMAIL", "PHONE", "URL")
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        return [doc.span(c.type, c.start, c.end, c.value) for c in find_contacts(doc.text)]
