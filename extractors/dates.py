"""Calendar dates (DATE) and relative dates (DATE_REL) written the Vietnamese way.

Vietnamese news writes day before month (``9/11/2019`` is 9 November), joins the calendar
words into the date (``ngày 28 tháng 5 năm 2020``), and uses the same ``d/m`` shape for
fractions (``6/6 chi bộ``, ``32/39``).  One compiled alternation finds every candidate in a
single pass; Python then validates the calendar and, for the bare ``d/m`` and ``d-m`` shapes,
reads the neighbouring words to tell a date from a fraction or a range of counts.

Values are ISO 8601 strings as the guidelines define them: ``2023``, ``2024-01``,
``2019-12-02``, ``--03-11`` (day and month, no year), ``--06`` (month), ``2024-Q3``, and
ranges ``2022/2023``.  When the layout stage found the article's own date
(``doc.meta["published"]``), a date without a year gets ``resolved`` (the nearest such date
to the article's) and ``inferred: true``; relative expressions (``hôm qua``, ``tuần trước``)
are resolved against it as DATE_REL.

``find_dates(text)`` is shared with the number extractor (a year or a day/month must never also
be a QUANTITY); it caches the last text it scanned, so the pass runs once per document.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from .base import ENTITIES, Doc, Mention

DATA = Path(__file__).resolve().parent / "data"


@cache
def read_list(name: str) -> tuple[str, ...]:
    """Lines of a data file, without comments and blank lines (loaded once per process)."""
    out: list[str] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@cache
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a data file (comments and blank lines skipped)."""
    rows: list[tuple[str, ...]] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(c.strip() for c in line.split("\t")))
    return tuple(rows)


def words_alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of phrases, longest first, any white space between words."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"[^\S\n]+".join(re.escape(p) for p in w.split()) for w in uniq)


# --- word lists -------------------------------------------------------------------------

MONTH_WORDS: dict[str, int] = {r[0]: int(r[1]) for r in read_tsv("date_months.tsv")}
# lower-case month words that are also everyday words ("tháng năm" = months and years)
MONTH_NEEDS_CAP: frozenset[str] = frozenset(
    r[0] for r in read_tsv("date_months.tsv") if len(r) > 2 and r[2] == "cap"
)
WEEKDAYS: dict[str, int] = {r[0]: int(r[1]) for r in read_tsv("date_weekdays.tsv")}
TIME_OF_DAY: frozenset[str] = frozenset(read_list("date_timeofday_words.txt"))
DATE_CUES: frozenset[str] = frozenset(read_list("date_cues.txt")) | TIME_OF_DAY
FOLLOWERS: frozenset[str] = frozenset(read_list("date_followers.txt"))
FRACTION_CUES: frozenset[str] = frozenset(read_list("fraction_cues.txt"))
_labels = read_list("label_words.txt")
LABEL_WORDS: frozenset[str] = frozenset(w for w in _labels if not w.startswith("!"))
NOT_LABEL: frozenset[str] = frozenset(w[1:] for w in _labels if w.startswith("!"))
REL_EXPR: dict[str, tuple[str, int]] = {
    r[0]: (r[1], int(r[2])) for r in read_tsv("date_rel.tsv")
}
TOD_SUFFIX: dict[str, int] = {r[0]: int(r[1]) for r in read_tsv("date_timeofday.tsv")}
REL_BLOCKERS: frozenset[str] = frozenset(read_list("date_rel_blockers.txt"))

_MONTH_ALT = words_alt(list(MONTH_WORDS))
_WEEKDAY_ALT = words_alt(list(WEEKDAYS))

# --- the date pattern ----------------------------------------------------------------------
# One alternation; the outer named group of each branch tells Python which form matched
# (``m.lastgroup``).  Every quantifier is bounded or over a class that cannot overlap its
# neighbour, so a failed attempt costs a few steps and the scan stays linear.
_H = r"[^\S\n]"  # horizontal white space, NBSP included
_END = r"(?![\w]|[/.,-]\d|[/-][A-ZĐ])"  # not glued to a longer number, word or code
DATE_RE = re.compile(
    rf"""
    (?<![\w.,/-])
    (?P<wd>(?i:{_WEEKDAY_ALT}){_H}*[,-]?{_H}*)?          # Thứ Năm,
    (?:
      (?P<ngay>(?i:ngày){_H}+(?:(?i:mồng|mùng){_H}+)?|(?i:mồng|mùng){_H}+)
      (?:
        (?P<rng>(?P<rd1>\d{{1,2}}){_H}*(?:và|đến|tới|-|–|,){_H}*(?P<rd2>\d{{1,2}})
           (?P<rs>[/.-])(?P<rm>\d{{1,2}})(?:(?P=rs)(?P<ry>\d{{4}}))?{_END})
                                                          # ngày 14 và 15/8, ngày 1 đến 5/3/2024
      | (?P<ndmy>(?P<d1>\d{{1,2}})(?P<s1>[/.-])(?P<m1>\d{{1,2}})(?P=s1)(?P<y1>\d{{4}}){_END})
                                                          # ngày 02/12/2019
      | (?P<ndmw>(?P<d2>\d{{1,2}}){_H}+(?i:tháng){_H}+(?P<m2>\d{{1,2}}|{_MONTH_ALT})
           (?:,?{_H}+(?i:năm){_H}+(?P<y2>\d{{4}}))?{_END})  # ngày 28 tháng 5 năm 2020
      | (?P<ndm>(?P<d3>\d{{1,2}})(?P<s3>[/.-])(?P<m3>\d{{1,2}}){_END})      # ngày 11/3
      )
    | (?P<dmy>(?P<d4>\d{{1,2}})(?P<s4>[/.-])(?P<m4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}){_END})
                                                          # 17-4-2017, 17.4.2017, 28/07/2017
    | (?P<dmw>(?P<d5>\d{{1,2}}){_H}+(?i:tháng){_H}+(?P<m5>\d{{1,2}}|{_MONTH_ALT})
         ,?{_H}+(?i:năm){_H}+(?P<y5>\d{{4}}){_END})      # 28 tháng 5 năm 2020
    | (?P<dm>(?P<d6>\d{{1,2}})(?P<s6>[/-])(?P<m6>\d{{1,2}}){_END})   # 19/5, Sáng 3-9 (checked)
    | (?P<thang>(?i:tháng){_H}+(?:
          (?P<mr1>\d{{1,2}}){_H}*[-–]{_H}*(?P<mr2>\d{{1,2}})(?P<mrs>[/.-])(?P<mry>\d{{4}}){_END}
                                                          # tháng 3-4/2024
        | (?P<m7>\d{{1,2}}){_H}?(?P<s7>[/.-]){_H}?(?P<y7>\d{{4}}){_END}
                                                          # tháng 1-2024, tháng 01/2020
        | (?P<m8>\d{{1,2}}|{_MONTH_ALT})(?:,?{_H}+(?i:năm){_H}+(?P<y8>\d{{4}}))?{_END}
                                                          # tháng 3 năm 2024, tháng 6, tháng Giêng
      ))
    | (?P<quy>(?i:quý){_H}+(?P<q>IV|I{{1,3}}|[1-4])
         (?:{_H}?[/.-]{_H}?(?P<qy>\d{{4}})|,?{_H}+(?i:năm){_H}+(?P<qy2>\d{{4}})){_END})
                                                          # quý III/2024, quý 1 năm 2024
    | (?P<nam>(?i:năm){_H}+(?P<y9>\d{{4}})(?:{_H}*[-–]{_H}*(?P<y10>\d{{4}}))?{_END})
                                                          # năm 2023, Năm 2022 - 2023
    | (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})(?:-(?P<id>\d{{2}}))?{_END})   # 2024-03-15, 2022-11
    | (?P<yr>(?P<y11>\d{{4}}){_H}*[-–]{_H}*(?P<y12>\d{{4}}){_END})          # 2020 - 2025
    | (?P<my>(?P<m13>\d{{1,2}})/(?P<y13>\d{{4}}){_END})                   # 3/2024
    | (?P<by>(?:19|20)\d{{2}}{_END})                                       # 2030 (cue checked)
    )
    """,
    re.VERBOSE,
)

# the word (or two) before a position: "Sáng" in "Sáng 3-9", "tất cả" in "tất cả 6/6"
PREV_WORDS_RE = re.compile(r"(?:(\w+)[^\S\n]+)?(\w+)[^\w\n]{0,3}$")
# the word after a position: "chi" in "6/6 chi bộ"
NEXT_WORD_RE = re.compile(r"[^\S\n]*(\w+)")

DATE_REL_RE = re.compile(
    rf"""(?<!\w)
    (?P<wd>(?i:{_WEEKDAY_ALT}){_H}+)?
    (?:(?P<rel>(?i:{words_alt(list(REL_EXPR))}))
      |(?P<tod>(?i:{words_alt(list(TIME_OF_DAY))})){_H}+(?P<suf>(?i:{words_alt(list(TOD_SUFFIX))})))
    (?!\w)""",
    re.VERBOSE,
)

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


class Found(NamedTuple):
    """A date found in the text, before resolution against the article's date."""

    start: int
    end: int
    value: str
    # what a missing year would complete: ("dm", d, m) / ("m", m) / ("dmr", d1, d2, m)
    partial: tuple[int, ...] | None = None


def prev_words(text: str, pos: int) -> tuple[str, str]:
    """The last one and two words before ``pos`` (lower case), on the same line."""
    m = PREV_WORDS_RE.search(text, max(0, pos - 40), pos)
    if not m:
        return "", ""
    w2 = m.group(2).lower()
    w1 = m.group(1)
    return w2, (w1.lower() + " " + w2) if w1 else w2


def next_word(text: str, pos: int) -> str:
    """The word right after ``pos`` on the same line (case kept), or ''."""
    m = NEXT_WORD_RE.match(text, pos, pos + 40)
    return m.group(1) if m else ""


def is_label(one: str, two: str) -> bool:
    """True when the words before a number make it a name or rank ("lớp 1", "số 5")."""
    if two in NOT_LABEL:
        return False
    return one in LABEL_WORDS or two in LABEL_WORDS


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
    Without a cue only the slash form counts, since ``3-4`` is more often a range.
    """
    if not valid_dm(d, m):
        return False
    nxt = next_word(text, end)
    if nxt and nxt[0].islower() and nxt not in FOLLOWERS:
        return False
    if wd:
        return True
    one, two = prev_words(text, start)
    if one in DATE_CUES or two in DATE_CUES:
        return True
    if is_label(one, two) or one in FRACTION_CUES or two in FRACTION_CUES:
        return False
    if sep != "/":
        return False
    return not (d == 24 and m == 7)  # "24/7" is round-the-clock, not 24 July


_cache: tuple[str | None, list[Found]] = (None, [])


def find_dates(text: str) -> list[Found]:
    """Every DATE in ``text`` (cached for the last text, shared with the number extractor)."""
    global _cache
    if _cache[0] is text:
        return _cache[1]
    out: list[Found] = []
    for m in DATE_RE.finditer(text):
        f = interpret(text, m)
        if f is not None:
            out.append(f)
    _cache = (text, out)
    return out


def interpret(text: str, m: re.Match[str]) -> Found | None:
    kind = m.lastgroup
    g = m.group
    start = m.start()
    has_wd = m.start("wd") >= 0
    if has_wd:
        one, two = prev_words(text, start)
        if is_label(one, two):  # "lần thứ 3, ngày 5/6": "thứ 3" is an ordinal here
            start = m.end("wd")
            has_wd = False
    if kind in ("ndmy", "dmy"):
        keys = ("d1", "m1", "y1") if kind == "ndmy" else ("d4", "m4", "y4")
        d, mo, y = (int(g(k)) for k in keys)
        if not valid_year(y) or not valid_dm(d, mo, y):
            return None
        return Found(start, m.end(), _full(y, mo, d))
    if kind in ("ndmw", "dmw"):
        dk, mk, yk = ("d2", "m2", "y2") if kind == "ndmw" else ("d5", "m5", "y5")
        d = int(g(dk))
        y = int(g(yk)) if g(yk) else None
        mo = month_of(g(mk), loose=True)
        if mo is None or (y is not None and not valid_year(y)) or not valid_dm(d, mo, y):
            return None
        if y is None:
            return Found(start, m.end(), _dm(mo, d), ("dm", d, mo))
        return Found(start, m.end(), _full(y, mo, d))
    if kind == "ndm":
        d, mo = int(g("d3")), int(g("m3"))
        if g("s3") == "." or not valid_dm(d, mo):
            return None
        return Found(start, m.end(), _dm(mo, d), ("dm", d, mo))
    if kind == "rng":
        d1, d2, mo = int(g("rd1")), int(g("rd2")), int(g("rm"))
        y = int(g("ry")) if g("ry") else None
        if d1 >= d2 or not valid_dm(d1, mo, y) or not valid_dm(d2, mo, y):
            return None
        if y is not None:
            if not valid_year(y):
                return None
            return Found(start, m.end(), f"{_full(y, mo, d1)}/{_full(y, mo, d2)}")
        return Found(start, m.end(), f"{_dm(mo, d1)}/{_dm(mo, d2)}", ("dmr", d1, d2, mo))
    if kind == "dm":
        d, mo = int(g("d6")), int(g("m6"))
        if not _bare_dm_ok(text, m.start("dm"), m.end(), d, mo, g("s6"), has_wd):
            return None
        return Found(start, m.end(), _dm(mo, d), ("dm", d, mo))
    if kind == "thang":
        if g("mr1"):
            m1, m2, y = int(g("mr1")), int(g("mr2")), int(g("mry"))
            if not (1 <= m1 < m2 <= 12 and valid_year(y)):
                return None
            return Found(start, m.end(), f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}")
        if g("m7"):
            mo, y = int(g("m7")), int(g("y7"))
            if not (1 <= mo <= 12 and valid_year(y)):
                return None
            return Found(start, m.end(), f"{y:04d}-{mo:02d}")
        y = int(g("y8")) if g("y8") else None
        mo = month_of(g("m8"), loose=y is not None)
        if mo is None or (y is not None and not valid_year(y)):
            return None
        if y is None:
            return Found(start, m.end(), f"--{mo:02d}", ("m", mo))
        return Found(start, m.end(), f"{y:04d}-{mo:02d}")
    if kind == "quy":
        qs = g("q")
        q = int(qs) if qs.isdigit() else ROMAN[qs]
        y = int(g("qy") or g("qy2"))
        if not (1 <= q <= 4 and valid_year(y)):
            return None
        return Found(start, m.end(), f"{y:04d}-Q{q}")
    if kind == "nam":
        y1 = int(g("y9"))
        if not valid_year(y1):
            return None
        if g("y10"):
            y2 = int(g("y10"))
            if not (y1 < y2 <= y1 + 100):
                return None
            return Found(start, m.end(), f"{y1:04d}/{y2:04d}")
        return Found(start, m.end(), f"{y1:04d}")
    if kind == "iso":
        y, mo = int(g("iy")), int(g("im"))
        if not valid_year(y) or not 1 <= mo <= 12:
            return None
        if g("id"):
            d = int(g("id"))
            if not valid_dm(d, mo, y):
                return None
            return Found(start, m.end(), _full(y, mo, d))
        return Found(start, m.end(), f"{y:04d}-{mo:02d}")
    if kind == "yr":
        y1, y2 = int(g("y11")), int(g("y12"))
        if not (1800 <= y1 < y2 <= min(2200, y1 + 100)):
            return None
        return Found(start, m.end(), f"{y1:04d}/{y2:04d}")
    if kind == "my":
        mo, y = int(g("m13")), int(g("y13"))
        one, two = prev_words(text, start)
        if not (1 <= mo <= 12 and 1900 <= y <= 2100) or is_label(one, two):
            return None
        return Found(start, m.end(), f"{y:04d}-{mo:02d}")
    if kind == "by":
        one, two = prev_words(text, start)
        if not (one in DATE_CUES or two in DATE_CUES):
            return None
        nxt = next_word(text, m.end())
        if nxt and nxt[0].islower() and nxt not in FOLLOWERS:
            return None  # "đến 2020 người" counts people
        return Found(start, m.end(), g("by"))
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


def find_rel(text: str) -> list[tuple[int, int, str, int, int | None]]:
    """Relative expressions as (start, end, grain, offset, weekday)."""
    out: list[tuple[int, int, str, int, int | None]] = []
    for m in DATE_REL_RE.finditer(text):
        start = m.start()
        weekday = None
        if m.group("rel"):
            grain, offset = REL_EXPR[" ".join(m.group("rel").lower().split())]
            if m.group("wd"):
                if grain == "week":
                    weekday = WEEKDAYS.get(" ".join(m.group("wd").lower().split()))
                else:
                    start = m.start("rel")
        else:
            grain, offset = "day", TOD_SUFFIX[m.group("suf").lower()]
            if m.group("wd"):
                start = m.start("tod")
        one, _ = prev_words(text, start)
        if one in REL_BLOCKERS or one.isdigit():
            continue  # "3 tháng trước", "những năm qua": a span of time, not a date
        out.append((start, m.end(), grain, offset, weekday))
    return out


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
