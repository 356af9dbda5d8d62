"""References to numbered legal and Party documents (DOCREF).

Two code styles cover Vietnamese documents: the Party's ``13-NQ/HU`` (number, kind
abbreviation, issuing committee) and the State's ``1234/QĐ-UBND`` or ``01/2024/TT-BYT``
(number, optional year, kind abbreviation and issuer).  underthesea tags such codes as
places; here they are read by one pattern.  The span is the kind word(s), ``số`` when
present, and the code; a code after a misspelt or missing kind starts at ``số``
(``kind`` null).  A kind may name its subject before ``số`` (``Quyết định khởi tố bị can số
12/QĐ-CSĐT``, ``Kết luận điều tra số …``): the span starts at the kind word, ``kind`` is
the kind and ``subject`` the words between.  The value parses the code and picks up the
issue date and the issuing body when the text gives them right after (``ngày 02/12/2019
của Huyện ủy Cát Tiên``); that date is also its own DATE mention, found by the date
extractor.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, NamedTuple

from .base import ENTITIES, Doc, Mention
from .dates import WORD_DATE_RE, interpret
from .wordlists import lines, phrase_pattern, rows

_KIND_ROWS = rows("doc_kinds.tsv")
KINDS: dict[str, str] = {r[0].lower(): r[0] for r in _KIND_ROWS}
ABBR_KIND: dict[str, str] = {}
for _row in _KIND_ROWS:
    for _a in (_row[1].split(",") if len(_row) > 1 else []):
        ABBR_KIND.setdefault(_a.strip(), _row[0])
_ISSUER = rows("docref_issuer.tsv")
ISSUER_STOP: frozenset[str] = frozenset(r[0] for r in _ISSUER if r[1] == "stop")
ISSUER_TAIL: frozenset[str] = frozenset(r[0] for r in _ISSUER if r[1] == "tail")
QUALIFIER_STOP: frozenset[str] = frozenset(lines("docref_qualifier_stop.txt"))

_H = r"[^\S\n]"
_SEG = r"[A-ZĐ][A-Za-zĐđ0-9]{0,11}"  # an upper-case code segment: NQ, UBND, QĐi, TTg, QH14
# The scan starts at the code's first digit (a digit-led pattern is one the regex engine can
# skip to quickly); the kind word and "số" before it are read by KIND_BEFORE_RE.
CODE_RE = re.compile(
    rf"""
    \d(?<![\w/.-]\d)\d{{0,4}}
    (?:
        {_H}?-{_H}?{_SEG}{_H}?/{_H}?{_SEG}(?:-{_SEG}){{0,3}}      # 13-NQ/HU, 12-HD/BTCTW
      | (?:/\d{{4}})?/{_SEG}(?:-{_SEG}){{0,4}}                    # 1234/QĐ-UBND, 59/2020/QH14
    )
    (?![\w/-])
    """,
    re.VERBOSE,
)
# "Quyết định số 1234": a bare number is a document number only after a kind and "số"
SO_NUMBER_RE = re.compile(rf"(?:số|Số|SỐ){_H}*:?{_H}*(\d{{1,6}})(?![\w/-]|[.,]\d)")
# what precedes a code: "Nghị quyết số ", "Chỉ thị ", "số: ", "QĐ "
KIND_BEFORE_RE = re.compile(
    rf"""(?<![\w])
    (?:(?P<kind>(?i:{phrase_pattern(list(KINDS))})|{phrase_pattern(list(ABBR_KIND))}){_H}+)?
    (?:(?P<so>(?i:số)){_H}*:?{_H}*)?$""",
    re.VERBOSE,
)
# a kind, its subject in lower-case words, then "số": "Quyết định khởi tố bị can số ",
# "Cáo trạng truy tố số " (the words are checked in Python; a code must follow)
QUALIFIED_KIND_RE = re.compile(
    rf"""(?<![\w])(?P<kind>(?i:{phrase_pattern(list(KINDS))}))
    (?P<qual>(?:{_H}+[^\W\d_]+){{1,6}}){_H}+(?P<so>(?i:số)){_H}*:?{_H}*$""",
    re.VERBOSE,
)
# after a code: ", ngày 02/12/2019" / " ban hành ngày ..." (the date itself is DATE_RE's job)
DATE_LEAD_RE = re.compile(rf"{_H}*,?{_H}*(?:(?i:ban{_H}+hành){_H}+)?(?=(?i:ngày))")
# after a code or its date: ", của Huyện ủy Cát Tiên" (up to ten words, read further below)
ISSUER_RE = re.compile(rf"{_H}*,?{_H}*của{_H}+([^\W\d_]\w*(?:{_H}+\w+){{0,9}})")
# the document number at the head of a code: "13" of "13-NQ/HU"
LEADING_DIGITS_RE = re.compile(r"\d+")
# white space inside a code ("13 - NQ/HU" is reported as "13-NQ/HU")
SPACE_RE = re.compile(r"\s+")
# a list continues with the same kind: "Nghị quyết số 13-NQ/HU và 14-NQ/HU"
LIST_GAP_RE = re.compile(rf"{_H}*(?:,|và|;){_H}*$")


class Ref(NamedTuple):
    start: int
    end: int
    value: dict[str, Any]


def parse_code(code: str) -> dict[str, Any]:
    """number, year, kind abbreviation and issuing body of a code (white space removed)."""
    out: dict[str, Any] = {}
    head = LEADING_DIGITS_RE.match(code)
    if head:
        out["number"] = int(head.group())
    rest = code[head.end():] if head else code
    if rest.startswith("-"):  # Party style: 13-NQ/HU
        kind_abbr, _, issuer = rest[1:].partition("/")
        out["kind_abbr"] = kind_abbr
        if issuer:
            out["issuer_abbr"] = issuer
        return out
    parts = rest.lstrip("/").split("/")
    if len(parts) == 2 and parts[0].isdigit():
        out["year"] = int(parts[0])
        parts = parts[1:]
    if parts and parts[0]:
        segs = parts[0].split("-")
        if segs[0] in ABBR_KIND and len(segs) > 1:
            out["kind_abbr"] = segs[0]
            out["issuer_abbr"] = "-".join(segs[1:])
        elif segs[0] in ABBR_KIND:
            out["kind_abbr"] = segs[0]
        else:
            out["issuer_abbr"] = parts[0]
    return out


def _issuer(words: str) -> str | None:
    """The capitalised organization name at the start of ``words``, trimmed at a stop word."""
    kept: list[str] = []
    for w in words.split():
        if w.lower() in ISSUER_STOP and not w[0].isupper():
            break
        kept.append(w)
    while kept and kept[-1][0].islower() and kept[-1].lower() not in ISSUER_TAIL:
        kept.pop()
    if not kept or not kept[0][0].isupper():
        return None
    return " ".join(kept)


_cache: tuple[str | None, list[Ref]] = (None, [])


def find_docrefs(text: str) -> list[Ref]:
    """Every DOCREF in ``text`` (cached for the last text: the number extractor asks too)."""
    global _cache
    if _cache[0] is text:
        return _cache[1]
    hits: list[tuple[int, int, bool]] = []
    if "/" in text:
        hits = [(m.start(), m.end(), False) for m in CODE_RE.finditer(text)]
    if "số" in text or "Số" in text or "SỐ" in text:
        hits += [(m.start(1), m.end(1), True) for m in SO_NUMBER_RE.finditer(text)]
        hits.sort(key=lambda h: (h[0], -h[1]))  # "số 13 - NQ/HU": the code, not its "13"
    out: list[Ref] = []
    for s, e, bare in hits:
        if out and s < out[-1].end:
            continue
        ref = _read(text, s, e, bare, out[-1] if out else None)
        if ref is not None:
            out.append(ref)
    _cache = (text, out)
    return out


def _qualified(text: str, cs: int) -> re.Match[str] | None:
    """``Quyết định khởi tố bị can số`` before a code: a kind word, its subject, ``số``.

    The subject is lower-case words with no function word among them (a function word means
    the kind word belongs to another clause: ``báo cáo tại văn bản số``); the nearest
    kind word that passes is taken.
    """
    lo = max(0, cs - 80)
    pos = lo
    while pos < cs:
        m = QUALIFIED_KIND_RE.search(text, pos, cs)
        if m is None:
            return None
        words = m.group("qual").split()
        if all(w.islower() and w not in QUALIFIER_STOP for w in words):
            return m
        pos = m.start() + 1
    return None


def _read(text: str, cs: int, ce: int, bare: bool, prev: Ref | None) -> Ref | None:
    before = KIND_BEFORE_RE.search(text, max(0, cs - 40), cs)
    kind_word = before.group("kind") if before else None
    so = before.group("so") if before else None
    subject = None
    if not bare and so and (kind_word is None or kind_word.islower()):
        # "Cáo trạng truy tố số 37/CT-VKS-P3"; "Thông báo kết luận số 5-TB/TW": a capitalised
        # kind before a lower-case one that only names the subject
        qual = _qualified(text, cs)
        if qual is not None and (kind_word is None or not qual.group("kind").islower()):
            before, kind_word = qual, qual.group("kind")
            subject = " ".join(qual.group("qual").split())
    if bare and not (kind_word and so):
        return None  # a bare number is a document number only in "Quyết định số 1234"
    start = cs
    if kind_word:
        start = before.start("kind")
    elif so:
        start = before.start("so")
    kind = None
    if kind_word:
        key = " ".join(kind_word.split())
        kind = KINDS.get(key.lower()) or ABBR_KIND.get(key)
    elif prev is not None and prev.value.get("kind") and start - prev.end <= 6 and (
        LIST_GAP_RE.search(text, prev.end, start)
    ):
        kind = prev.value["kind"]
    code = SPACE_RE.sub("", text[cs:ce])
    value: dict[str, Any] = {"kind": kind, "code": code, **parse_code(code)}
    if subject:
        value["subject"] = subject
    pos = ce
    lead = DATE_LEAD_RE.match(text, pos)
    if lead:
        dm = WORD_DATE_RE.match(text, lead.end())
        found = interpret(text, dm) if dm else None
        if found is not None and len(found.value) == 10:
            value["date"] = found.value
            pos = found.end
    iss = ISSUER_RE.match(text, pos)
    if iss:
        name = _issuer(iss.group(1))
        if name:
            value["issuer"] = name
    return Ref(start, ce, value)


class DocrefExtractor:
    name: ClassVar[str] = "docrefs"
    types: ClassVar[tuple[str, ...]] = ("DOCREF",)
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        return [doc.span("DOCREF", r.start, r.end, r.value) for r in find_docrefs(doc.text)]
