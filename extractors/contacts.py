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
from typing import ClassVar, NamedTuple

from .base import ENTITIES, Doc, Mention
from .dates import read_list

TLDS: tuple[str, ...] = read_list("contact_tlds.txt")

# name.surname+tag@example.com.vn
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,5}[A-Za-z]{2,12}"
    r"(?![\w@-])",
    re.ASCII,
)
# https://thanhuytphcm.vn/tin-tuc/123.html, www.baochinhphu.vn, thanhuytphcm.vn
URL_RE = re.compile(
    r"(?<![\w@./-])(?:"
    r"(?:https?://|www\.)[^\s<>\"“”‘’()\[\]{}]{1,2000}"
    r"|(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,4}(?:" + "|".join(TLDS) + r")(?:\.vn)?"
    r"(?:/[^\s<>\"“”‘’()\[\]{}]{0,2000})?"
    r")(?![\w-])",
    re.IGNORECASE,
)
# 0903 123 456, 0903.123.456, (028) 3822 1234, +84 903 123 456, 0084-28-3822-1234
PHONE_RE = re.compile(
    r"(?<![\w+.,/-])(?:\+[^\S\n]?84|0084|\(\+84\)|\(0\d{1,3}\)|0)"
    r"(?:[^\S\n]?[.-]?[^\S\n]?\(?\d{1,4}\)?){2,5}(?![\w/-]|[.,]\d)"
)
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
    digits = re.sub(r"\D", "", raw)
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


_cache: tuple[str | None, list[Contact]] = (None, [])


def find_contacts(text: str) -> list[Contact]:
    """Every EMAIL, URL and PHONE in ``text``, sorted, without overlaps (cached per text)."""
    global _cache
    if _cache[0] is text:
        return _cache[1]
    found: list[Contact] = []
    taken: list[tuple[int, int]] = []
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            found.append(Contact("EMAIL", m.start(), m.end(), m.group().lower()))
            taken.append(m.span())
    if "." in text:
        for m in URL_RE.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in _TRAILING:
                e -= 1
            if e <= s or any(a < e and s < b for a, b in taken):
                continue
            raw = text[s:e]
            low = raw.lower()
            if not low.startswith(("http://", "https://")):
                host, sep, path = raw.partition("/")
                value = "http://" + host.lower() + sep + path
            else:
                scheme, _, rest = raw.partition("://")
                host, sep, path = rest.partition("/")
                value = scheme.lower() + "://" + host.lower() + sep + path
            found.append(Contact("URL", s, e, value))
    for m in PHONE_RE.finditer(text):
        s, e = m.span()
        while e > s and not text[e - 1].isdigit():
            e -= 1
        value = phone_value(text[s:e])
        if value is None or any(a < e and s < b for a, b in taken):
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
