"""Figures written the Vietnamese way: PERCENT, MONEY and QUANTITY in one pass.

Vietnamese groups thousands with ``.`` and marks decimals with ``,`` (``24.700`` is 24700,
``67,46%`` is 67.46), puts the scale and the currency after the number (``1,5 tỷ đồng``), and
counts with the number before the noun (``14 đảng viên``) but names and ranks with the number
after it (``lớp 1``, ``lần thứ 3``, ``Điều 5``).  One compiled pattern finds each number with
what follows it (``%``, a scale and a currency, ``/39``); Python then reads the word before it
(a label makes it a rank, a qualifier such as ``hơn`` goes into ``approx``) and the words after
it (the counted ``unit``).

A range shares the unit of its second member, as the guidelines' ``80-120%`` (PERCENT ``80``
and PERCENT ``120%``) shows: in ``từ 50 đến 100 triệu đồng``, ``28 - 32 triệu đồng/ha`` and
``từ 10 đến 15 phần trăm`` the first member's span is the number alone and its value takes
the second member's scale and currency (MONEY 50000000 VND); in ``3 – 4 xe`` both count
``xe``.  An amount's per-unit (``đồng/ha/năm``) stays outside the span, in ``per``.

A number after a noun names or ranks (``lớp 1``, ``vòng 2``, ``phòng 305``, ``nguyện vọng 1``):
the guidelines exclude grades, rounds and ordinals.  Label words (``label_words.tsv``) make
it a label whatever follows, or only when no counted noun follows when they are also counters
or verbs (``nhóm 3`` / ``nhóm 5 học sinh``, ``cấp 2 xe``); a distributive before them counts
(``mỗi lớp 35 học sinh``).  Any other word before a bare number with nothing counted after it
is taken for a noun and makes a label too (``giai đoạn 2 của dự án``), unless it is a function
word or a verb that introduces a count (``là 120``, ``tăng 15 so với``: ``count_cues.txt``).
``trong vòng 48 giờ`` is "within 48 hours", a count; so is a part out of a set whose noun
came before (``giới thiệu 2 trong số đó``, ``5 trên tổng số 12``: ``count_partitive.txt``).
A small bare amount of ``đồng`` with a content word after it is a count of a compound
(``3 đồng phạm``): see ``dong_compound``.

Numbers that belong to a DATE, a DOCREF or a phone number, URL or e-mail are left to those
extractors: their finders are asked here (each caches its last text, so nothing is scanned
twice).  Numbers glued to letters (``COVID-19``, ``H5N1``, ``12A``), clock times (``20h``,
``11:15``), versions (``4.0``) and list marks at the start of a line are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from typing import Any, ClassVar

from .base import ENTITIES, Doc, Mention
from .contacts import find_contacts
from .dates import (
    DISTRIBUTIVE,
    FOLLOWERS,
    find_dates,
    is_label,
    next_word,
    prev_words,
)
from .docrefs import find_docrefs
from .wordlists import lines, phrase_pattern, rows

SCALES: dict[str, Decimal] = {r[0]: Decimal(r[1]) for r in rows("money_scales.tsv")}
CURRENCIES: dict[str, str] = {r[0]: r[1] for r in rows("money_currencies.tsv")}
APPROX: tuple[str, ...] = lines("approx.txt")
APPROX_SET: frozenset[str] = frozenset(APPROX)
UNITS_GLUED: frozenset[str] = frozenset(lines("units_attached.txt"))
UNIT_STOP: frozenset[str] = frozenset(lines("unit_stop.txt"))
UNIT_WORDS: dict[str, str] = {r[0]: r[1] for r in rows("unit_words.tsv")}
# words before a number with no counted noun after it that still make it a count ("tăng 15
# so với", "là 120"): the function words that end a unit, qualifiers and verbs of counting
COUNT_CUES: frozenset[str] = UNIT_STOP | APPROX_SET | frozenset(lines("count_cues.txt"))
_CLOCK = rows("clock_words.tsv")
CLOCK_BEFORE: frozenset[str] = frozenset(r[0] for r in _CLOCK if r[1] == "before")
CLOCK_AFTER: frozenset[str] = frozenset(r[0] for r in _CLOCK if r[1] == "after")
CLOCK_DURATION: frozenset[str] = frozenset(r[0] for r in _CLOCK if r[1] == "duration")
DONG_COMPOUNDS: tuple[str, ...] = lines("dong_compounds.txt")
PARTITIVE: tuple[str, ...] = lines("count_partitive.txt")

_H = r"[^\S\n]"
# 24.700 | 67,46 | 1,5 | 120 | 67.46 only before % (an English decimal point)
# Bounded everywhere: a 1 MB run of digits is not a number, and must not be read as one.
_NUM = (
    r"\d{1,3}(?:\.\d{3}){1,5}(?:,\d{1,6})?(?![.,]?\d)|\d{1,15}\.\d{1,2}(?=[^\S\n]?%)"
    r"|\d{1,15}(?:,\d{1,6})?(?!\d)"
)
# the same after its first digit (NUM_RE consumes that digit first, then checks behind it)
_NUM_REST = (
    r"(?:\d{0,2}(?:\.\d{3}){1,5}(?:,\d{1,6})?(?![.,]?\d)|\d{0,14}\.\d{1,2}(?=[^\S\n]?%)"
    r"|\d{0,14}(?:,\d{1,6})?(?!\d))"
)
_SCALE = rf"(?:{phrase_pattern(list(SCALES))})(?!\w)"
# "đồng" but not "đồng chí", "đồng bào" (dong_compounds.txt); "đ" only when no letter follows
_CUR_WORDS = [c for c in CURRENCIES if c != "đ"]
_CUR = (
    rf"(?:(?:{phrase_pattern(_CUR_WORDS)})(?!\w)(?<!đồng)|đồng(?!{_H}+(?:{'|'.join(DONG_COMPOUNDS)})(?!\w))"
    rf"(?!\w)|đ(?!\w))"
)
# scale words, "2 tỷ 500 triệu" (at most three more groups: bounded, so linear), currency
_MONEY_TAIL = rf"(?:{_H}*{_SCALE}(?:{_H}+(?:{_NUM}){_H}*{_SCALE}){{0,3}})?{_H}*{_CUR}"
_PCT = rf"{_H}?%|{_H}+(?i:phần{_H}+trăm)(?!\w)"
# what joins the two members of a range: "80-120%", "28 - 32 triệu", "từ 50 đến 100 triệu"
_JOIN = rf"(?:{_H}?[-–]{_H}?|{_H}+(?:đến|tới){_H}+)"

NUM_RE = re.compile(
    rf"""
    (?P<n>\d                                 # digit-led: the engine skips to digits quickly
      (?<![\w.,:/+#]\d)(?<![^\W\d]-\d)(?<![^\W\d]{_H}-\d)(?<![^\W\d]–\d)  # not H5N1, COVID-19
      {_NUM_REST})
    (?:
        (?P<pct>{_PCT})                                          # 67,46%  100 %  5 phần trăm
      | (?P<money>{_MONEY_TAIL})                     # 80 triệu đồng, 2 tỷ 500 triệu đồng
      | (?P<scale>{_H}+{_SCALE})                                 # 3,5 triệu (lượt khách)
        (?:(?={_JOIN}(?:{_NUM})(?P<smoney>{_MONEY_TAIL}))|)  # 500 nghìn đến 1 triệu đồng
      | (?P<frac>/(?P<den>\d{{1,6}})(?![\d/.,]|-\w))             # 32/39
      | (?={_JOIN}(?:{_NUM})
           (?:(?P<rpct>{_PCT})|(?P<rmoney>{_MONEY_TAIL})|(?P<rscale>{_H}+{_SCALE})))
                                  # 80-120%, từ 50 đến 100 triệu đồng, 3 - 4 triệu lượt:
                                  # the first member takes the second's unit and scale
    )?
    """,
    re.VERBOSE,
)
# what may follow a number: letters glued to it (unit or code), a clock, a version
# letters glued to a number: "m" of "60m", "km2" of "5km2", "A" of "12A"
GLUED_RE = re.compile(r"[^\W\d_]{1,4}[²³0-9]?(?!\w)|[^\W\d_]")
# a clock written on the number: "20h", "20h30", "8g30", "9giờ"
CLOCK_GLUED_RE = re.compile(r"[hg](?:\d{2})?(?!\w)|giờ\b", re.IGNORECASE)
# the noun phrase after a count: up to three words, and a "/vạn dân" rate after them
# ("m2" of "12.000 m2 và": a square or cubic unit keeps its digit)
UNIT_RE = re.compile(
    r"[^\S\n]+([^\W\d_]+(?:[23](?!\w))?(?:[^\S\n]+[^\W\d_]+){0,2})"
    r"(/[^\W\d_]+(?:[^\S\n]+[^\W\d_]+)?)?"
)
# the second member of a range after a bare number: " - 4", " đến 50", " đến 5 triệu"
# (group 1: the number; a scale word after it is skipped, the unit follows it)
RANGE_NEXT_RE = re.compile(rf"{_JOIN}({_NUM})(?:{_H}+{_SCALE})?")
# what an amount is counted per, right after its currency: "đồng/ha/năm" -> "ha/năm"
PER_RE = re.compile(r"/([^\W\d_]+(?:/[^\W\d_]+)?)(?!\w)")
# "9 giờ", "9 giờ 30", "9 giờ sáng": group 1 is the word or number after "giờ"
HOUR_RE = re.compile(r"[^\S\n]+giờ(?!\w)(?:[^\S\n]+(\w+))?")
# the groups of an amount: "2 tỷ 500 triệu" -> ("", "tỷ"), ("500", "triệu")
SCALE_SPLIT_RE = re.compile(rf"({_NUM})?{_H}*({_SCALE})")
# the currency that ends an amount's tail: "triệu đồng", "nghìn đô la Mỹ"
CURRENCY_AT_END_RE = re.compile(rf"({_CUR})$")
# the word right after an amount's currency: " phạm" of "3 đồng phạm"
WORD_AFTER_RE = re.compile(rf"{_H}+([^\W\d_]+)")
# a part out of a set after a bare number: " trong số đó", " trên tổng số", " trong 5"
PARTITIVE_RE = re.compile(rf"{_H}+(?:(?:{phrase_pattern(PARTITIVE)})(?!\w)|trong{_H}+\d)")
# whole numbers of đồng below this, with a content word after, read as a compound of "đồng"
SMALL_DONG = 1000


def parse_number(s: str) -> Decimal:
    """Read a Vietnamese-style number: ``2.946`` is 2946, ``67,46`` is 67.46."""
    if "," in s:
        whole, _, frac = s.partition(",")
        return Decimal(whole.replace(".", "") + "." + frac)
    if "." in s and len(s.rsplit(".", 1)[1]) == 3:
        return Decimal(s.replace(".", ""))
    return Decimal(s)


def as_number(d: Decimal) -> int | float:
    """JSON-friendly: an int when whole, else a float."""
    return int(d) if d == d.to_integral_value() else float(d)


def money_value(number: str, tail: str) -> dict[str, Any]:
    """Amount and ISO currency of ``number`` + ``tail`` (``triệu đồng``, ``tỷ 500 triệu đồng``)."""
    cur = CURRENCY_AT_END_RE.search(tail.rstrip())
    code = "VND"
    if cur:
        key = " ".join(cur.group(1).split())
        code = CURRENCIES.get(key, CURRENCIES.get(key.split()[0], "VND"))
    total = Decimal(0)
    current = parse_number(number)
    scaled = False
    for m in SCALE_SPLIT_RE.finditer(tail):
        if m.group(1):
            current = parse_number(m.group(1))
        total += current * SCALES[" ".join(m.group(2).split())]
        current = Decimal(0)
        scaled = True
    if not scaled:
        total = current
    return {"amount": as_number(total), "currency": code}


def dong_compound(raw: str, tail: str, text: str, end: int) -> bool:
    """``N đồng X`` is a count of ``đồng X`` (a compound), not an amount of money.

    Since the 1990s no price is a few đồng: a small whole number with a bare ``đồng`` (no
    scale word) and a content word right after it is a count of a word that begins with
    ``đồng`` (``3 đồng phạm``, ``2 đồng tiền cổ``, ``4 đồng thời``), whether the compound is
    listed or not.  A function word, a mark or ``/`` after ``đồng`` keeps the money reading
    (``tăng 50 đồng so với``, ``200 đồng/kWh``, ``giảm 300 đồng, còn``).
    """
    if tail.strip() != "đồng" or not raw.isdigit() or int(raw) >= SMALL_DONG:
        return False
    w = WORD_AFTER_RE.match(text, end)
    return bool(w) and w.group(1)[0].islower() and w.group(1).lower() not in UNIT_STOP


def approx_before(one: str, two: str) -> str | None:
    """The qualifier right before a number (``hơn``, ``gần như``), given the words before it."""
    if two in APPROX_SET:
        return two
    if one in APPROX_SET:
        return one
    return None


def unit_after(text: str, end: int, mask: _Mask | None = None) -> str | None:
    """The counted noun phrase: words after the number up to a function word or a mark.

    Without word segmentation a unit is a guess: two syllables (``đảng viên``), one when the
    word is a unit by itself (``người``, ``năm``), three after a measure word (``lượt bệnh
    nhân``).  A rate keeps its ``/vạn dân`` and the words before it (``tấn nhân/ha``).
    """
    m = UNIT_RE.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    if mask is not None and mask.covers(m.start(1), m.start(1) + len(words[0])):
        return None  # a date right after ("đợt 1 năm 2024"): not a counted noun
    if m.group(2) and not any(w.lower() in UNIT_STOP for w in words):
        per = m.group(2)[1:].split()  # a rate: "tấn nhân/ha", "bác sĩ/vạn dân"
        if len(per) > 1 and per[1].lower() in UNIT_STOP:
            per = per[:1]  # "tấn/ha mỗi vụ"
        return " ".join(words) + "/" + " ".join(per)
    kind = UNIT_WORDS.get(words[0].lower())
    limit = 1 if kind == "self" else 3 if kind == "measure" else 2
    kept: list[str] = []
    for w in words[:limit]:
        if w.lower() in UNIT_STOP and kept:
            break
        if w.lower() in UNIT_STOP:
            return None
        kept.append(w)
    return " ".join(kept) or None


def range_unit(text: str, r: re.Match[str] | None, mask: _Mask) -> str | None:
    """The unit of a range's second member (``r``, a RANGE_NEXT_RE match): "3 - 4 xe",
    "25 đến 50 thành viên", "3-4m".  The first member of a range counts what the second counts.
    """
    if r is None or mask.covers(r.start(1), r.end(1)):
        return None
    if text[r.end():r.end() + 1].isalpha():
        g = GLUED_RE.match(text, r.end())
        return g.group() if g and g.group() in UNITS_GLUED else None
    return unit_after(text, r.end(), mask)


def is_clock(text: str, end: int, before: str) -> bool:
    """A number ending at ``end`` is a clock time: "lúc 9 giờ", "9 giờ 30", "9 giờ sáng", "9h"."""
    if CLOCK_GLUED_RE.match(text, end):
        return True
    if not text.startswith("giờ", end + 1):
        return False
    h = HOUR_RE.match(text, end)
    after = (h.group(1) or "").lower() if h else ""
    if not h or after in CLOCK_DURATION:
        return False  # "4 giờ đồng hồ" is a span of time
    return before in CLOCK_BEFORE or after.isdigit() or after in CLOCK_AFTER


def range_clock(text: str, r: re.Match[str] | None, before: str) -> bool:
    """The first member of a range whose second member (``r``) is a clock time is one too."""
    return r is not None and r.end() == r.end(1) and is_clock(text, r.end(), before)


class _Mask:
    """Spans other value extractors own; a number inside one is not a figure."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        if i >= 0 and self.ends[i] > s:
            return True
        j = i + 1
        return j < len(self.starts) and self.starts[j] < e


def find_figures(text: str) -> list[tuple[str, int, int, Any, dict[str, Any]]]:
    """(type, start, end, value, extra) for every PERCENT, MONEY and QUANTITY."""
    spans = [(f.start, f.end) for f in find_dates(text)]
    spans += [(r.start, r.end) for r in find_docrefs(text)]
    spans += [(c.start, c.end) for c in find_contacts(text)]
    mask = _Mask(spans)
    out: list[tuple[str, int, int, Any, dict[str, Any]]] = []
    n = len(text)
    for m in NUM_RE.finditer(text):
        s, e = m.span("n")
        if mask.covers(s, m.end()):
            continue
        raw = m.group("n")
        end = m.end()
        nxt = text[end:end + 1]
        kind = m.lastgroup if m.lastgroup != "n" else None  # None: a bare number
        unit_glued: str | None = None
        if nxt.isalpha():  # letters glued on: a unit ("60m") or a code or clock ("12A", "20h")
            g = GLUED_RE.match(text, end)
            word = g.group() if g else ""
            if kind is not None or word not in UNITS_GLUED or CLOCK_GLUED_RE.match(text, end):
                continue
            unit_glued = word
        elif nxt and end + 1 < n and kind in (None, "frac") and (
            (nxt in ".,:" and text[end + 1].isdigit())  # 4.0, 11:15, 1.2.3
            or (nxt in "-/" and text[end + 1].isalpha())  # 13-NQ, 5/QĐ
        ):
            continue
        if nxt in ".)" and kind is None and text[text.rfind("\n", 0, s) + 1:s].strip() == "":
            continue  # "1. " / "2) " list marks
        extra: dict[str, Any] = {}
        one, two = prev_words(text, s)
        approx = approx_before(one, two)
        if approx:
            extra["approx"] = approx
        if kind == "pct" or (kind == "rpct" and m.group("rpct")):
            out.append(("PERCENT", s, end if kind == "pct" else e,
                        as_number(parse_number(raw)), extra))
            continue
        if kind == "money" and dong_compound(raw, m.group("money"), text, end):
            kind, end = None, e  # "3 đồng phạm": a count of a word, not 3 VND
        if kind == "money":
            per = PER_RE.match(text, end)
            if per:
                extra["per"] = per.group(1)
            out.append(("MONEY", s, end, money_value(raw, m.group("money")), extra))
            continue
        if kind == "rmoney" and m.group("rmoney"):
            out.append(("MONEY", s, e, money_value(raw, m.group("rmoney")), extra))
            continue
        if kind == "smoney" and m.group("smoney"):  # "500 nghìn đến 1 triệu đồng"
            cur = CURRENCY_AT_END_RE.search(m.group("smoney").rstrip())
            tail = m.group("scale") + " " + (cur.group(1) if cur else "đồng")
            out.append(("MONEY", s, end, money_value(raw, tail), extra))
            continue
        rng: re.Match[str] | None = None  # the second member of a range, if any
        if kind == "frac":
            unit = unit_after(text, end, mask)
        elif kind in (None, "rscale"):
            rng = RANGE_NEXT_RE.match(text, e)
            unit = unit_glued or range_unit(text, rng, mask) or unit_after(text, e, mask)
        else:
            unit = unit_after(text, end, mask)
        if is_label(one, two, bool(unit) and unit[0].islower()):
            continue  # lớp 1, vòng 2, lần thứ 3, Điều 5 (a capital after: "lần 2 Ban …")
        if kind is None and range_clock(text, rng, one):
            continue  # "từ 8 đến 10 giờ sáng", "8-10h": both ends are clock times
        if (kind is None and unit is None and one.isalpha() and one not in COUNT_CUES
                and two not in COUNT_CUES and two.split(" ", 1)[0] not in DISTRIBUTIVE
                and not PARTITIVE_RE.match(text, e)):
            continue  # a noun before, nothing counted after: "nguyện vọng 1 đạt", "giai đoạn 2,"
            # (but "giới thiệu 2 trong số đó" counts a part of a set named before)
        if unit:
            extra["unit"] = unit
        if kind == "frac":
            num, den = parse_number(raw), int(m.group("den"))
            if den == 0 or num > den:
                continue
            out.append(("QUANTITY", s, end, as_number(num), {**extra, "of": den}))
            continue
        value = parse_number(raw)
        if kind == "scale" or kind == "smoney":
            value *= SCALES[" ".join(m.group("scale").split())]
            e = end
        elif kind == "rscale":
            value *= SCALES[" ".join(m.group("rscale").split())]
        if (kind is None and raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2099):
            w = next_word(text, e)
            if not (w and w[0].islower() and w not in FOLLOWERS):
                continue  # an undotted year-like number with no noun after it
        if kind is None and text.startswith("giờ", e + 1) and is_clock(text, e, one):
            continue  # a clock time: "lúc 9 giờ", "9 giờ 30", "9 giờ sáng"
        out.append(("QUANTITY", s, e, as_number(value), extra))
    return out


class NumberExtractor:
    """PERCENT, MONEY and QUANTITY (one pass; see the module docstring)."""

    name: ClassVar[str] = "numbers"
    types: ClassVar[tuple[str, ...]] = ("PERCENT", "MONEY", "QUANTITY")
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        return [doc.span(t, s, e, v, **x) for t, s, e, v, x in find_figures(doc.text)]


class PercentExtractor(NumberExtractor):
    """Percentages only: the skeleton's ``percent`` extractor, kept as an optional alias."""

    name: ClassVar[str] = "percent"
    types: ClassVar[tuple[str, ...]] = ("PERCENT",)

    def extract(self, doc: Doc) -> list[Mention]:
        return [m for m in super().extract(doc) if m.type == "PERCENT"]
