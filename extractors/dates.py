"""Calendar dates (DATE) and relative dates (DATE_REL) written the Vietnamese way.

Vietnamese news writes day before month (``9/11/2019`` is 9 November), joins the calendar
words into the date (``ngày 28 tháng 5 năm 2020``), and uses the same ``d/m`` shape for
fractions (``6/6 chi bộ``, ``32/39``).  Two compiled alternations find every candidate: one
led by a word (``ngày``, ``tháng``, ``năm``, ``quý`` and the first words of relative
expressions), one led by a digit (bare ``d/m/y``, ``d/m``, year ranges, ISO dates).  Python
then validates the calendar and, for the bare ``d/m`` and ``d-m`` shapes, reads the
neighbouring words to tell a date from a fraction or a range of counts.

Values are ISO 8601 strings as the guidelines define them: ``2023``, ``2024-01``,
``2019-12-02``, ``--03-11`` (day and month, no year), ``--06`` (month), ``2024-Q3``, and
ranges ``2022/2023``.  When the layout stage found the article's own date
(``doc.meta["published"]``), a date without a year gets ``resolved`` (the nearest such date
to the article's) and ``inferred: true``; relative expressions (``hôm qua``, ``tuần trước``)
are resolved against it as DATE_REL.

Ranges follow the guidelines' two examples: ``năm 2022 - 2023`` is one DATE ``2022/2023``
and ``từ tháng 3/2021 đến tháng 10/2022`` is two.  The rule read from them: a dash between two
complete dates of the same grain makes one range (``(26/3/1931 - 26/3/2024)`` is
``1931-03-26/2024-03-26``, ``3/2021 - 10/2022`` is ``2021-03/2022-10``); words between two
complete dates (``từ ngày 1/3/2024 đến ngày 5/3/2024``) leave two DATEs; a first member that
borrows its month or year from the second (``ngày 1 đến 5/3/2024``, ``ngày 14 và 15/8``,
``tháng 3-4/2024``) is one DATE with it, as in the guidelines' ``ngày 14 và 15/8``.

``find_dates(text)`` is shared with the number and document extractors (a year or a day/month
must never also be a QUANTITY); it caches the last text it scanned, so the scans run once per
document.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any, ClassVar, NamedTuple

from .base import ENTITIES, Doc, Mention
from .wordlists import lines, phrase_pattern, rows

# --- word lists -------------------------------------------------------------------------

MONTH_WORDS: dict[str, int] = {r[0]: int(r[1]) for r in rows("date_months.tsv")}
# lower-case month words that are also everyday words ("tháng năm" = months and years)
MONTH_NEEDS_CAP: frozenset[str] = frozenset(
    r[0] for r in rows("date_months.tsv") if len(r) > 2 and r[2] == "cap"
)
WEEKDAYS: dict[str, int] = {r[0]: int(r[1]) for r in rows("date_weekdays.tsv")}
TIME_OF_DAY: frozenset[str] = frozenset(lines("date_timeofday_words.txt"))
DATE_CUES: frozenset[str] = frozenset(lines("date_cues.txt")) | TIME_OF_DAY
FOLLOWERS: frozenset[str] = frozenset(lines("date_followers.txt"))
FRACTION_CUES: frozenset[str] = frozenset(lines("fraction_cues.txt"))
_labels = rows("label_words.tsv")
# a number after these names or ranks, whatever follows ("phòng 305", "lớp 1")
LABEL_ALWAYS: frozenset[str] = frozenset(r[0] for r in _labels if r[1] == "always")
# a number after these names only when no counted noun follows ("nhóm 3" / "nhóm 5 học sinh")
LABEL_BARE: frozenset[str] = frozenset(r[0] for r in _labels if r[1] == "bare")
LABEL_WORDS: frozenset[str] = LABEL_ALWAYS | LABEL_BARE
# "mỗi lớp 35 học sinh": a distributive before the noun makes the number a count per item
DISTRIBUTIVE: frozenset[str] = frozenset(r[0] for r in _labels if r[1] == "each")
NOT_LABEL: frozenset[str] = frozenset(r[0] for r in _labels if r[1] == "not")
REL_EXPR: dict[str, tuple[str, int]] = {
    r[0]: (r[1], int(r[2])) for r in rows("date_rel.tsv")
}
TOD_SUFFIX: dict[str, int] = {r[0]: int(r[1]) for r in rows("date_timeofday.tsv")}
REL_BLOCKERS: frozenset[str] = frozenset(lines("date_rel_blockers.txt"))

_MONTH_ALT = phrase_pattern(list(MONTH_WORDS))
_WEEKDAY_ALT = phrase_pattern(list(WEEKDAYS))


def heads(words: list[str] | tuple[str, ...]) -> str:
    """Words in three spellings (``ngày|Ngày|NGÀY``) as a character trie.

    Python's regex engine skips quickly to the next possible match only when a pattern
    starts with plain literals; a leading ``(?i:...)``, look-behind or named group makes it
    try the whole pattern at every position, five to ten times slower.  As a trie
    (``N(?:GÀY|gày|ĂM|ăm)|n(?:gày|ăm)``) only the words sharing a first letter are tried, about
    twice as fast again as a flat list (both measured on news text).  So each scanning
    pattern starts with such a head, and Python checks afterwards that the head suits the
    branch that matched.
    """
    variants: set[str] = set()
    for w in words:
        variants |= {w, w[:1].upper() + w[1:], w.upper()}
    trie: dict[str, Any] = {}
    for v in variants:
        node = trie
        for ch in v:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(trie)


# calendar words that lead a date; "ngày mồng 3" is read as "ngày" + "mồng 3"
DAY_LEADS = frozenset({"ngày", "mồng", "mùng"})

# --- the date patterns -----------------------------------------------------------------------
# Two scans: forms that start with a calendar word (ngày, mồng, tháng, quý, năm) and forms that
# start with a digit.  The outer named group of each branch tells Python which form matched
# (``m.lastgroup``).  A weekday before a date ("Thứ Năm, ngày 28 ...") is picked up by looking
# back from the date.  Every quantifier is bounded or runs over a class its neighbour cannot
# match, so a failed attempt costs a few steps and the scans stay linear.
_H = r"[^\S\n]"  # horizontal white space, NBSP included
_END = r"(?![\w]|[/.,-]\d|[/-][A-ZĐ])"  # not glued to a longer number, word or code
_REL_FIRST = [w.split()[0] for w in REL_EXPR] + [w.split()[-1] for w in TIME_OF_DAY]
_REL_SECOND = [w.split()[1] for w in REL_EXPR] + list(TOD_SUFFIX)
# One scan for every form led by a word: the calendar words of dates and the first words of
# relative expressions (hôm qua, tuần trước, năm ngoái, sáng nay); "rạng sáng nay" and
# "thứ Hai tuần tới" are completed by looking back from the match.
# The branches of the word-led scan, by the head word they need.
_DAY_BRANCHES = rf"""
      (?P<rng>(?P<rd1>\d{{1,2}}){_H}*(?:và|đến|tới|-|–|,){_H}*(?P<rd2>\d{{1,2}})
         (?P<rs>[/.-])(?P<rm>\d{{1,2}})(?:(?P=rs)(?P<ry>\d{{4}}))?{_END})
                                                          # ngày 14 và 15/8, ngày 1 đến 5/3/2024
    | (?P<ndmy>(?P<d1>\d{{1,2}})(?P<s1>[/.-])(?P<m1>\d{{1,2}})(?P=s1)(?P<y1>\d{{4}}){_END})
                                                          # ngày 02/12/2019
    | (?P<ndmw>(?P<d2>\d{{1,2}}){_H}+(?i:tháng){_H}+(?P<m2>\d{{1,2}}|(?i:{_MONTH_ALT}))
         (?:,?{_H}+(?i:năm){_H}+(?P<y2>\d{{4}}))?{_END})    # ngày 28 tháng 5 năm 2020
    | (?P<ndm>(?P<d3>\d{{1,2}})(?P<s3>[/.-])(?P<m3>\d{{1,2}}){_END})   # ngày 11/3
"""
_THANG_BRANCH = rf"""
      (?P<thang>
        (?P<mr1>\d{{1,2}}){_H}*[-–]{_H}*(?P<mr2>\d{{1,2}})(?:(?P<mrs>[/.-])(?P<mry>\d{{4}}))?{_END}
                                                          # tháng 3-4/2024, tháng 3-4
      | (?P<m7>\d{{1,2}}){_H}?(?P<s7>[/.-]){_H}?(?P<y7>\d{{4}}){_END}
                                                          # tháng 1-2024, tháng 01/2020
      | (?P<m8>\d{{1,2}}|(?i:{_MONTH_ALT}))(?:,?{_H}+(?i:năm){_H}+(?P<y8>\d{{4}}))?{_END}
                                                          # tháng 3 năm 2024, tháng 6, tháng Giêng
      )
"""
_QUY_BRANCH = rf"""
      (?P<quy>(?P<q>IV|I{{1,3}}|[1-4])
         (?:{_H}?[/.-]{_H}?(?P<qy>\d{{4}})|,?{_H}+(?i:năm){_H}+(?P<qy2>\d{{4}})){_END})
                                                          # quý III/2024, quý 1 năm 2024
"""
_NAM_BRANCH = rf"""
      (?P<nam>(?P<y9>\d{{4}})(?:{_H}*[-–]{_H}*(?P<y10>\d{{4}}))?{_END})
                                                          # năm 2023, Năm 2022 - 2023
"""
_REL_BRANCH = rf"""
      (?P<rel>(?i:{phrase_pattern(_REL_SECOND)})(?!\w))         # hôm qua, tuần tới, sáng nay
"""
_HEAD_GAP = rf"{_H}+(?:(?i:mồng|mùng){_H}+)?"  # "ngày mồng 3"
WORD_DATE_RE = re.compile(
    rf"""
    (?P<lw>{heads(["ngày", "mồng", "mùng", "tháng", "quý", "năm", *_REL_FIRST])}){_HEAD_GAP}
    (?:{_DAY_BRANCHES}|{_THANG_BRANCH}|{_QUY_BRANCH}|{_NAM_BRANCH}|{_REL_BRANCH})
    """,
    re.VERBOSE,
)
# One pattern per head word: when the shared scan took a branch the head does not allow
# ("quý 2 năm 2023" read as "tháng 2 năm 2023"), the head's own pattern reads it again.
HEAD_RES: dict[str, re.Pattern[str]] = {
    head: re.compile(rf"(?P<lw>{heads([head])}){_HEAD_GAP}(?:{branch})", re.VERBOSE)
    for head, branch in (
        ("ngày", _DAY_BRANCHES), ("mồng", _DAY_BRANCHES), ("mùng", _DAY_BRANCHES),
        ("tháng", _THANG_BRANCH), ("quý", _QUY_BRANCH), ("năm", _NAM_BRANCH),
    )
}
# which head word each branch needs
BRANCH_HEAD = {"rng": DAY_LEADS, "ndmy": DAY_LEADS, "ndmw": DAY_LEADS, "ndm": DAY_LEADS,
               "thang": {"tháng"}, "quy": {"quý"}, "nam": {"năm"}}
# Forms led by a digit: 17-4-2017, 28 tháng 5 năm 2020, 19/5, 2024-03-15, 2020 - 2025, 3/2024,
# a bare year (kept only after a cue such as "đến").  The first digit is consumed before the
# branches (so the engine can skip to digits); ``interpret`` reads it back with the branch.
DIGIT_DATE_RE = re.compile(
    rf"""
    \d(?<![\w.,/-]\d)                                     # a digit that starts a number
    (?:
      (?P<dmy>(?P<d4>\d?)(?P<s4>[/.-])(?P<m4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}){_END})
                                                          # 17-4-2017, 17.4.2017, 28/07/2017
    | (?P<dmw>(?P<d5>\d?){_H}+(?i:tháng){_H}+(?P<m5>\d{{1,2}}|(?i:{_MONTH_ALT}))
         ,?{_H}+(?i:năm){_H}+(?P<y5>\d{{4}}){_END})      # 28 tháng 5 năm 2020
    | (?P<dm>(?P<d6>\d?)(?P<s6>[/.-])(?P<m6>\d{{1,2}}){_END})  # 19/5, Sáng 3-9, Sáng 28.5
    | (?P<iso>(?P<iy>\d{{3}})-(?P<im>\d{{2}})(?:-(?P<id>\d{{2}}))?{_END})  # 2024-03-15, 2022-11
    | (?P<yr>(?P<y11>\d{{3}}){_H}*[-–]{_H}*(?P<y12>\d{{4}}){_END})       # 2020 - 2025
    | (?P<my>(?P<m13>\d?)/(?P<y13>\d{{4}}){_END})                       # 3/2024
    | (?P<by>(?P<y14>\d{{3}}){_END})                                    # 2030 (cue checked)
    )
    """,
    re.VERBOSE,
)
# a weekday right before a date: "Thứ Năm, " / "Chủ nhật - "
WEEKDAY_BEFORE_RE = re.compile(rf"(?<!\w)(?i:{_WEEKDAY_ALT}){_H}*[,-]?{_H}*$")

# a day/month and a joining word right before a position: "30/4 và " in "ngày 30/4 và 1/5"
DATE_LIST_RE = re.compile(
    r"(?<![\d/.-])\d{1,2}[/-]\d{1,2}[^\S\n]*(?:và|hoặc|đến|tới|,|-|–)[^\S\n]*$"
)
# what may stand between two dates that make one range: a bare hyphen or dash
# ("26/3/1931 - 26/3/2024", "3/2021–10/2022"); words ("từ ... đến", "và") leave two DATEs
RANGE_GAP_RE = re.compile(r"[^\S\n]{0,3}[-–—][^\S\n]{0,3}")
# a complete date with a year: 2024-03-26 or 2024-03 (the grains a dash range may join)
FULL_VALUE_RE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# stripped from the ends of the words read before a number ("ủy," -> "ủy")
PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’…–—«»·•"
# the word after a position: "chi" in "6/6 chi bộ"
NEXT_WORD_RE = re.compile(r"[^\S\n]*(\w+)")

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


class Found(NamedTuple):
    """A date found in the text, before resolution against the article's date."""

    start: int
    end: int
    value: str
    # what a missing year would complete: ("dm", d, m) / ("m", m) / ("dmr", d1, d2, m)
    partial: tuple[int, ...] | None = None


def prev_words(text: str, pos: int) -> tuple[str, str]:
    """The last one and two words before ``pos`` (lower case), on the same line.

    Empty when punctuation stands between them and ``pos``: "45 lớp; 2" is not "lớp 2".
    """
    w = text[max(0, pos - 32):pos]
    nl = w.rfind("\n")
    if nl >= 0:
        w = w[nl + 1:]
    parts = w.split()
    if not parts or parts[-1][-1] in PUNCT:
        return "", ""  # a mark in between ("45 lớp; 2 triệu"): the words are not attached
    one = parts[-1].strip(PUNCT).lower()
    if len(parts) < 2 or parts[-2][-1:] in PUNCT:
        return one, one
    return one, parts[-2].lower() + " " + one


def next_word(text: str, pos: int) -> str:
    """The word right after ``pos`` on the same line (case kept), or ''."""
    m = NEXT_WORD_RE.match(text, pos, pos + 40)
    return m.group(1) if m else ""


def is_label(one: str, two: str, counted: bool = False) -> bool:
    """True when the words before a number make it a name or rank ("lớp 1", "số 5").

    ``counted``: a counted noun follows the number ("nhóm 5 học sinh"), which keeps a
    counter word such as ``nhóm`` or a verb such as ``cấp`` from labelling it.  A
    distributive before the noun ("mỗi lớp 35 học sinh") makes it a count per item.
    """
    if two in NOT_LABEL:
        return False
    if one in LABEL_WORDS and two != one and two.split(" ", 1)[0] in DISTRIBUTIVE:
        return False
    if one in LABEL_ALWAYS or two in LABEL_ALWAYS:
        return True
    return not counted and (one in LABEL_BARE or two in LABEL_BARE)


def valid_dm(d: int, m: int, y: int | None = None) -> bool:
    if not 1 <= m <= 12 or d < 1:
        return False
    if y is None:
        return d <= (29 if m == 2 else calendar.monthrange(2001, m)[1])
    return d <= calendar.monthrange(y, m)[1]


def valid_year(y: int) -> bool:
    return 1000 <= y <= 2200


def month_of(word: str, loose: bool) -> int | None:
    """Month number of "5", "Ba", "mười hai"; lower-case ambiguous words need ``loose``."""
    if word.isdigit():
        n = int(word)
        return n if 1 <= n <= 12 else None
    key = " ".join(word.lower().split())
    n = MONTH_WORDS.get(key)
    if n is None:
        return None
    if key in MONTH_NEEDS_CAP and not loose and not word[0].isupper():
        return None
    return n


def _full(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _dm(m: int, d: int) -> str:
    return f"--{m:02d}-{d:02d}"


def _bare_dm_ok(text: str, start: int, end: int, d: int, m: int, sep: str, wd: bool) -> bool:
    """Decide whether a bare ``d/m`` or ``d-m`` (no ``ngày``) is a date.

    A lower-case word after it that is not one of the words dates take ("vừa qua",
    "hằng năm") means it counts something (``6/6 chi bộ``, ``3-4 tháng``).  Before it, a
    time-of-day word or a preposition of time makes it a date (``Sáng 3-9``, ``dịp 2/9``);
    a label (``đường 3/2``) or a part-of-whole cue (``tất cả 6/6``) makes it not one.
    Without a cue only the slash form counts, since ``3-4`` is more often a range; the dot
    form (``Sáng 28.5``) needs a time of day, since ``2.5`` is more often a decimal.
    """
    if not valid_dm(d, m):
        return False
    nxt = next_word(text, end)
    if nxt and nxt[0].islower() and nxt not in FOLLOWERS:
        return False
    if wd:
        return True
    one, two = prev_words(text, start)
    if sep == ".":  # "Sáng 28.5" (but "tăng 2.5 lần" is a decimal)
        return one in TIME_OF_DAY or two in TIME_OF_DAY
    if DATE_LIST_RE.search(text, max(0, start - 16), start):
        return True  # "ngày 30/4 và 1/5": the second of a list of dates
    if one in DATE_CUES or two in DATE_CUES:
        return True
    if is_label(one, two) or one in FRACTION_CUES or two in FRACTION_CUES:
        return False
    if sep != "/":
        return False
    return not (d == 24 and m == 7)  # "24/7" is round-the-clock, not 24 July


Rel = tuple[int, int, str, int, int | None]  # start, end, grain, offset, weekday
_cache: tuple[str | None, list[Found], list[Rel]] = (None, [], [])


def _scan(text: str) -> tuple[list[Found], list[Rel]]:
    """Both scans over ``text``, cached for the last text (the number extractor asks too).

    The word-led and digit-led scans may both find a date ("ngày 02/12/2019" and its
    "02/12/2019"); the earlier start, then the longer span, is kept.
    """
    global _cache
    if _cache[0] is text:
        return _cache[1], _cache[2]
    found: list[Found] = []
    rels: list[Rel] = []
    for m in WORD_DATE_RE.finditer(text):
        s = m.start()
        if s and text[s - 1].isalnum():
            continue  # inside a word
        if m.lastgroup == "rel":
            r = _relative(text, m)
            if r is not None:
                rels.append(r)
            continue
        f = interpret(text, m)
        if f is None:
            head = m.group("lw").lower()
            if head in HEAD_RES and head not in BRANCH_HEAD.get(m.lastgroup or "", ()):
                again = HEAD_RES[head].match(text, s)
                f = interpret(text, again) if again else None
        if f is not None:
            found.append(f)
    for m in DIGIT_DATE_RE.finditer(text):
        f = interpret(text, m)
        if f is not None:
            found.append(f)
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[Found] = []
    last_end = -1
    for f in found:
        if f.start >= last_end:
            out.append(f)
            last_end = f.end
    out = _join_ranges(text, out)
    _cache = (text, out, rels)
    return out, rels


def _join_ranges(text: str, found: list[Found]) -> list[Found]:
    """Two complete dates of the same grain joined by a bare dash are one range DATE.

    The guidelines make ``năm 2022 - 2023`` one range (``2022/2023``) but
    ``từ tháng 3/2021 đến tháng 10/2022`` two DATEs: the dash is the range mark, words are
    not.  So ``(26/3/1931 - 26/3/2024)``, as anniversaries are printed, is one DATE
    ``1931-03-26/2024-03-26``, while ``từ ngày 1/3/2024 đến ngày 5/3/2024`` stays two.  Only
    dates with their year are joined, and only in order, so ``19/5 - 2/9`` (often a list)
    and ``5/2024 - 3/2024`` are left apart.
    """
    out: list[Found] = []
    for f in found:
        if out:
            p = out[-1]
            if (
                p.partial is None and f.partial is None
                and len(p.value) == len(f.value)
                and FULL_VALUE_RE.fullmatch(p.value) and FULL_VALUE_RE.fullmatch(f.value)
                and p.value < f.value
                and RANGE_GAP_RE.fullmatch(text, p.end, f.start)
            ):
                out[-1] = Found(p.start, f.end, f"{p.value}/{f.value}")
                continue
        out.append(f)
    return out


def find_dates(text: str) -> list[Found]:
    """Every DATE in ``text``, sorted, without overlaps."""
    return _scan(text)[0]


def find_rel(text: str) -> list[Rel]:
    """Every DATE_REL in ``text`` as (start, end, grain, offset, weekday)."""
    return _scan(text)[1]


def _with_weekday(text: str, start: int) -> int:
    """Start of the date with a weekday written right before it ("Thứ Năm, ngày ...")."""
    w = WEEKDAY_BEFORE_RE.search(text, max(0, start - 16), start)
    if w is None:
        return start
    one, two = prev_words(text, w.start())
    if is_label(one, two):  # "lần thứ 3, ngày 5/6": "thứ 3" is an ordinal here
        return start
    return w.start()


def interpret(text: str, m: re.Match[str]) -> Found | None:
    """Validate one match of WORD_DATE_RE or DIGIT_DATE_RE and compute its ISO value."""
    kind = m.lastgroup
    g = m.group
    s0 = m.start()
    if m.re is not DIGIT_DATE_RE and g("lw").lower() not in BRANCH_HEAD.get(kind or "", ()):
        return None  # "năm 3/4", "tháng 5/6/2020": the head word does not fit the form
    if kind == "ndm" and g("lw").lower() != "ngày" and g("s3") != "/":
        return None

    def head(name: str) -> int:
        # digit-led forms consume their first digit before the branch's groups
        return int(text[s0:m.end(name)])

    if kind in ("ndmy", "dmy"):
        if kind == "ndmy":
            d, mo, y = int(g("d1")), int(g("m1")), int(g("y1"))
        else:
            d, mo, y = head("d4"), int(g("m4")), int(g("y4"))
        if not valid_year(y) or not valid_dm(d, mo, y):
            return None
        return Found(_with_weekday(text, s0), m.end(), _full(y, mo, d))
    if kind in ("ndmw", "dmw"):
        if kind == "ndmw":
            d, mword, ys = int(g("d2")), g("m2"), g("y2")
        else:
            d, mword, ys = head("d5"), g("m5"), g("y5")
        y = int(ys) if ys else None
        mo = month_of(mword, loose=True)
        if mo is None or (y is not None and not valid_year(y)) or not valid_dm(d, mo, y):
            return None
        start = _with_weekday(text, s0)
        if y is None:
            return Found(start, m.end(), _dm(mo, d), ("dm", d, mo))
        return Found(start, m.end(), _full(y, mo, d))
    if kind == "ndm":
        d, mo = int(g("d3")), int(g("m3"))
        if not valid_dm(d, mo):
            return None
        return Found(_with_weekday(text, s0), m.end(), _dm(mo, d), ("dm", d, mo))
    if kind == "rng":
        d1, d2, mo = int(g("rd1")), int(g("rd2")), int(g("rm"))
        y = int(g("ry")) if g("ry") else None
        if d1 >= d2 or not valid_dm(d1, mo, y) or not valid_dm(d2, mo, y):
            return None
        start = _with_weekday(text, s0)
        if y is not None:
            if not valid_year(y):
                return None
            return Found(start, m.end(), f"{_full(y, mo, d1)}/{_full(y, mo, d2)}")
        return Found(start, m.end(), f"{_dm(mo, d1)}/{_dm(mo, d2)}", ("dmr", d1, d2, mo))
    if kind == "dm":
        d, mo = head("d6"), int(g("m6"))
        start = _with_weekday(text, s0)
        if not _bare_dm_ok(text, s0, m.end(), d, mo, g("s6"), start != s0):
            return None
        return Found(start, m.end(), _dm(mo, d), ("dm", d, mo))
    if kind == "thang":
        if g("mr1"):
            m1, m2 = int(g("mr1")), int(g("mr2"))
            y = int(g("mry")) if g("mry") else None
            if not 1 <= m1 < m2 <= 12 or (y is not None and not valid_year(y)):
                return None
            if y is None:
                return Found(s0, m.end(), f"--{m1:02d}/--{m2:02d}")
            return Found(s0, m.end(), f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}")
        if g("m7"):
            mo, y = int(g("m7")), int(g("y7"))
            if not (1 <= mo <= 12 and valid_year(y)):
                return None
            return Found(s0, m.end(), f"{y:04d}-{mo:02d}")
        y = int(g("y8")) if g("y8") else None
        mo = month_of(g("m8"), loose=y is not None)
        if mo is None or (y is not None and not valid_year(y)):
            return None
        if y is None:
            return Found(s0, m.end(), f"--{mo:02d}", ("m", mo))
        return Found(s0, m.end(), f"{y:04d}-{mo:02d}")
    if kind == "quy":
        qs = g("q")
        q = int(qs) if qs.isdigit() else ROMAN[qs]
        y = int(g("qy") or g("qy2"))
        if not valid_year(y):
            return None
        return Found(s0, m.end(), f"{y:04d}-Q{q}")
    if kind == "nam":
        y1 = int(g("y9"))
        if not valid_year(y1):
            return None
        if g("y10"):
            y2 = int(g("y10"))
            if not (y1 < y2 <= y1 + 100):
                return None
            return Found(s0, m.end(), f"{y1:04d}/{y2:04d}")
        return Found(s0, m.end(), f"{y1:04d}")
    if kind == "iso":
        y, mo = head("iy"), int(g("im"))
        if not valid_year(y) or not 1 <= mo <= 12:
            return None
        if g("id"):
            d = int(g("id"))
            if not valid_dm(d, mo, y):
                return None
            return Found(s0, m.end(), _full(y, mo, d))
        return Found(s0, m.end(), f"{y:04d}-{mo:02d}")
    if kind == "yr":
        y1, y2 = head("y11"), int(g("y12"))
        if not (1800 <= y1 < y2 <= min(2200, y1 + 100)):
            return None
        return Found(s0, m.end(), f"{y1:04d}/{y2:04d}")
    if kind == "my":
        mo, y = head("m13"), int(g("y13"))
        one, two = prev_words(text, s0)
        if not (1 <= mo <= 12 and 1900 <= y <= 2100) or is_label(one, two):
            return None
        return Found(s0, m.end(), f"{y:04d}-{mo:02d}")
    if kind == "by":
        y = head("y14")
        if not 1900 <= y <= 2099:
            return None
        one, two = prev_words(text, s0)
        if not (one in DATE_CUES or two in DATE_CUES):
            return None
        nxt = next_word(text, m.end())
        if nxt and nxt[0].islower() and nxt not in FOLLOWERS:
            return None  # "đến 2020 người" counts people
        return Found(s0, m.end(), f"{y:04d}")
    return None


# --- resolution against the article's date ----------------------------------------------------


def published_date(doc: Doc) -> date | None:
    """The article's own date from the layout stage, if it printed one."""
    p = doc.meta.get("published")
    if not p or not isinstance(p, str):
        return None
    try:
        return date.fromisoformat(p[:10])
    except ValueError:
        return None


def _nearest(ref: date, m: int, d: int) -> date | None:
    """The date with this day and month closest to ``ref`` (news looks back and ahead)."""
    best: date | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if not valid_dm(d, m, y):
            continue
        cand = date(y, m, d)
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def resolve(partial: tuple[Any, ...], ref: date) -> str | None:
    """Complete a date written without its year, using the article's date."""
    if partial[0] == "dm":
        got = _nearest(ref, partial[2], partial[1])
        return got.isoformat() if got else None
    if partial[0] == "dmr":
        a = _nearest(ref, partial[3], partial[1])
        if a is None or not valid_dm(partial[2], partial[3], a.year):
            return None
        return f"{a.isoformat()}/{date(a.year, partial[3], partial[2]).isoformat()}"
    if partial[0] == "m":
        mo = partial[1]
        best = min(
            (ref.year - 1, ref.year, ref.year + 1),
            key=lambda y: abs((y - ref.year) * 12 + mo - ref.month),
        )
        return f"{best:04d}-{mo:02d}"
    return None


def _shift_month(ref: date, n: int) -> tuple[int, int]:
    k = ref.year * 12 + ref.month - 1 + n
    return k // 12, k % 12 + 1


def resolve_rel(grain: str, offset: int, ref: date, weekday: int | None) -> str:
    """ISO value of a relative expression: a day, an ISO week, a month or a year."""
    if grain == "day":
        return (ref + timedelta(days=offset)).isoformat()
    if grain == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
        if weekday is not None:
            return (monday + timedelta(days=weekday - 1)).isoformat()
        y, w, _ = monday.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if grain == "month":
        y, mo = _shift_month(ref, offset)
        return f"{y:04d}-{mo:02d}"
    return f"{ref.year + offset:04d}"


def _relative(text: str, m: re.Match[str]) -> Rel | None:
    """Read a relative expression matched by WORD_DATE_RE ("hôm qua", "thứ Hai tuần tới")."""
    start = m.start()
    first, second = m.group("lw").lower(), " ".join(m.group("rel").lower().split())
    phrase = first + " " + second
    weekday = None
    if phrase in REL_EXPR:
        grain, offset = REL_EXPR[phrase]
        if grain == "week":  # "thứ Hai tuần tới": the weekday joins the span
            w = WEEKDAY_BEFORE_RE.search(text, max(0, start - 10), start)
            if w is not None and not text[w.start():start].rstrip().endswith((",", "-")):
                weekday = WEEKDAYS.get(" ".join(text[w.start():start].lower().split()))
                start = w.start() if weekday else start
    elif first in TIME_OF_DAY and second in TOD_SUFFIX:
        grain, offset = "day", TOD_SUFFIX[second]
        pre = text[max(0, start - 6):start].lower()
        if pre.rstrip().endswith("rạng"):  # rạng sáng nay
            start = start - len(pre) + pre.rindex("rạng")
    else:
        return None  # "ngày nay" (nowadays), "năm qua" after a count ...
    before = text[max(0, start - 12):start].rstrip()
    if before and before[-1].isalnum():  # no punctuation between: "3 tháng trước"
        one, _ = prev_words(text, start)
        if one in REL_BLOCKERS or one.isdigit():
            return None  # "3 tháng trước", "những năm qua": a span of time, not a date
    return start, m.end(), grain, offset, weekday


class DateExtractor:
    """DATE (gold type) and DATE_REL (extra type) in one pass each."""

    name: ClassVar[str] = "dates"
    types: ClassVar[tuple[str, ...]] = ("DATE", "DATE_REL")
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        text = doc.text
        ref = published_date(doc)
        out: list[Mention] = []
        for f in find_dates(text):
            extra: dict[str, Any] = {}
            if f.partial is not None and ref is not None:
                got = resolve(f.partial, ref)
                if got:
                    extra = {"resolved": got, "inferred": True}
            out.append(doc.span("DATE", f.start, f.end, f.value, **extra))
        for start, end, grain, offset, weekday in find_rel(text):
            if ref is not None:
                out.append(doc.span("DATE_REL", start, end,
                                    resolve_rel(grain, offset, ref, weekday),
                                    grain=grain, offset=offset))
            else:
                out.append(doc.span("DATE_REL", start, end, None, grain=grain, offset=offset,
                                    **({"weekday": weekday} if weekday else {})))
        return out
