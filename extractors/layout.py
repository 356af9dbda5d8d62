"""The article's own metadata and the page furniture around it.

A saved news page is more than the article: a menu and a section label above the headline,
a dateline, counters and share buttons, and after the byline the comments box, related news
and visit statistics.  This extractor reads the page's line structure (it runs first, stage
LAYOUT) and sets:

- ``doc.meta``: ``title`` (the headline as written), ``section`` (a one- or two-word label
  above the headline), ``authors`` (the byline names) and ``published`` (the dateline as an
  ISO date).  A generic staff byline (``PV``, ``Nhóm phóng viên``) or an agency or outlet
  (``Theo TTXVN``, ``Theo Báo X``) still ends the article like a byline but names no one, so
  it gives no author (``data/byline.tsv``: group, agency, notname); after ``Theo`` only a
  person's name is an author.  ``published`` is set before the entity extractors run, so
  the dates extractor can give a year to ``ngày 11/3``.
- ``doc.body``: from the dateline or headline (whichever comes first) to the end of the last
  line of article text (normally the byline).  Menus before it and the furniture block after
  it are outside, so no mention is reported there.
- ``doc.excluded``: furniture lines *inside* the body span (``Lượt xem: 100`` under the
  headline, a share bar, the section label when a dateline precedes it) and photographers'
  initials in credits (``Ảnh: T.H``); the pipeline drops every mention that touches them.

It returns a PER mention for each byline name that is a person's name and a DATE mention for
the dateline; the dates extractor may find the same DATE, and the overlap rule keeps one.

Only the line structure is used (no seed-specific strings): headline = the first short line
of the header that is not furniture, a dateline or a section label and does not read as a
sentence; byline = the last line of article text when it has a byline shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from . import wordlists
from .base import LAYOUT, Doc, Mention

# ---------------------------------------------------------------- furniture markers (data)
_FURNITURE: dict[str, str] = {}
_COUNTER_LABELS: list[str] = []
_PREFIX_MARKERS: list[str] = []
for _kind, _marker in wordlists.rows("furniture.tsv"):
    if _kind == "counter":
        _COUNTER_LABELS.append(_marker)
    elif _kind == "prefix":
        _PREFIX_MARKERS.append(_marker)
    else:
        _FURNITURE.setdefault(_marker.casefold(), _kind)

# "• Đang truy cập: 1", "Lượt xem: 1.234", "Hôm nay : 25"  (label, optional colon, a number)
COUNTER_RE = re.compile(
    r"(?:" + wordlists.phrase_pattern(_COUNTER_LABELS) + r")[^\S\n]*[:：]?[^\S\n]*\d[\d.,]*",
    re.IGNORECASE,
)
# A block marker followed by a few words: "Xem thêm tin Pháp luật", "Tin khác về Giáo dục"
# (at most six more words, no sentence punctuation).
PREFIX_FURNITURE_RE = re.compile(
    r"(?:" + wordlists.phrase_pattern(_PREFIX_MARKERS) + r")(?:[^\S\n]+[^\s.!?;:]+){0,6}"
    r"[^\S\n]*[:»›>]?[^\S\n]*$",
    re.IGNORECASE,
)
# Font-size and reading buttons printed as a line: "A- A+", "Cỡ chữ: A A A", "Aa", "A-  A  A+"
FONT_BUTTONS_RE = re.compile(r"(?:Cỡ[^\S\n]+chữ[^\S\n]*:?[^\S\n]*)?(?:[AaＡ][+\-−]?[^\S\n]*){1,4}")
# A timestamp line with no date: "10:42 (GMT+7)", "08:15 SA", "(GMT+7)", "2 giờ trước",
# "15 phút trước" (a date-less clock time, time zone or relative time is page furniture).
TIMESTAMP_RE = re.compile(
    r"(?:\d{1,2}[:hg]\d{2}(?::\d{2})?(?:[^\S\n]*(?:AM|PM|SA|CH))?[^\S\n]*)?"
    r"(?:[(\[]?(?:GMT|UTC)[^\S\n]*[+\-−][^\S\n]*\d{1,2}(?::?\d{2})?[)\]]?)?"
    r"|\d{1,3}[^\S\n]+(?:giây|phút|giờ|ngày|tuần|tháng)[^\S\n]+trước",
    re.IGNORECASE,
)
# Bullets and list marks in front of a furniture line: "• ", "- ", "* ", "» ", "| "
BULLET_RE = re.compile(r"^[\s•·●▪◦*»›>|\-–—]+")
# What follows a furniture marker without changing it: ":", "(12)", "[3]", "»", "›"
MARKER_TAIL_RE = re.compile(r"[\s:：»›>|]*(?:[(\[]\d*[)\]])?[\s:：»›>|]*$")

_SECTIONS = {s.casefold() for s in wordlists.lines("sections.txt")}

# ---------------------------------------------------------------- datelines
_DATELINE_LABELS = wordlists.lines("dateline_labels.txt")
_WEEKDAY = (r"(?:thứ[^\S\n]+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ[^\S\n]+nhật|CN|T[2-7])"
            r"(?![\w])")
# A full date: 28/5/2020, 28-05-2020, 28.5.2020 | ngày 28 tháng 5 năm 2020 | 2024-03-15.
# Each branch is a fixed sequence of bounded digit runs, so matching stays linear.
FULL_DATE_RE = re.compile(
    r"(?<![\w/.\-])(?P<d>\d{1,2})[^\S\n]*(?P<s>[/.\-])[^\S\n]*(?P<m>\d{1,2})[^\S\n]*(?P=s)"
    r"[^\S\n]*(?P<y>\d{4})(?![\w/]|\.\d)"
    r"|(?<!\w)ngày[^\S\n]+(?P<d2>\d{1,2})[^\S\n]+tháng[^\S\n]+(?P<m2>\d{1,2})[^\S\n]+"
    r"năm[^\S\n]+(?P<y2>\d{4})(?!\d)"
    r"|(?<![\w/.\-])(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?![\w/]|\.\d)",
    re.IGNORECASE,
)
# Just before a date: a weekday and/or the word "ngày" ("Thứ Năm, ngày ", "Thứ Hai, ",
# "Ngày "), which the DATE span includes.  Anchored at the end of the text before the date.
DATE_LEAD_RE = re.compile(
    r"(?:(?<!\w)" + _WEEKDAY + r"[^\S\n]*[,\-–][^\S\n]*(?:ngày[^\S\n]+)?|(?<!\w)" + _WEEKDAY
    + r"[^\S\n]+(?:ngày[^\S\n]+)?|(?<!\w)ngày[^\S\n]+)$",
    re.IGNORECASE,
)
# Everything else a dateline line may hold: labels, a weekday, clock times (10:30, 14h30,
# 10:30:15 SA), a time zone (GMT+7, (UTC+07:00)) and separators.  Removing these and the date
# must leave nothing, or the line is a sentence that merely contains a date.
DATELINE_RESIDUE_RE = re.compile(
    r"(?<!\w)(?:" + wordlists.phrase_pattern(_DATELINE_LABELS) + r")(?!\w)"
    r"|(?<!\w)" + _WEEKDAY
    + r"|(?<!\w)\d{1,2}[^\S\n]*[:hg][^\S\n]*\d{2}(?:[^\S\n]*:[^\S\n]*\d{2})?"
    r"(?:[^\S\n]*(?:AM|PM|SA|CH))?(?!\w)"
    r"|(?<!\w)(?:GMT|UTC)[^\S\n]*[+\-−]?[^\S\n]*\d{1,2}(?::?\d{2})?"
    r"|[\s,.:;|/()\[\]\-–—]+",
    re.IGNORECASE,
)
# A dateline that opens the first paragraph: "HÀ NỘI, 28/5/2020 - ", "Cao Bằng, ngày 5/3/2024: "
# (a place of one to four capitalised words, a comma, the date, then a dash or colon).
LEAD_DATELINE_RE = re.compile(
    r"(?:[A-ZĐÀ-Ỹ][\w'’]*[^\S\n]+){0,3}[A-ZĐÀ-Ỹ][\w'’]*[^\S\n]*,[^\S\n]*"
    r"(?=(?:ngày[^\S\n]+)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}[^\S\n]*[-–—:(])"
)

# ---------------------------------------------------------------- bylines
_BYLINE: dict[str, list[str]] = {"prefix": [], "role": [], "group": [], "agency": [],
                                  "notname": []}
for _kind, _words in wordlists.rows("byline.tsv"):
    _BYLINE.setdefault(_kind, []).append(_words)
# "Bài và ảnh: X", "Bài, ảnh: X", "Tác giả: X", "Theo X" (a colon is needed except after Theo)
BYLINE_PREFIX_RE = re.compile(
    r"(?:(?:" + wordlists.phrase_pattern([p for p in _BYLINE["prefix"] if p != "Theo"])
    + r")[^\S\n]*[:：]|Theo(?:[^\S\n]*[:：])?)[^\S\n]*(?=\S)",
    re.IGNORECASE,
)
# The photo credit part of a byline: "Bài: X - Ảnh: Y" -> the tail from "- Ảnh:"
PHOTO_TAIL_RE = re.compile(r"[^\S\n]*[-–|;,/]?[^\S\n]*(?:Ảnh|Video|Đồ họa|Đồ hoạ|Clip)[^\S\n]*:.*$",
                           re.IGNORECASE)
# A bracketed note at the end of a byline: "(thực hiện)", "(TTXVN)", "(Theo VOV)"
BYLINE_NOTE_RE = re.compile(r"[^\S\n]*\([^()\n]{1,40}\)[^\S\n]*$")
# Separators between several authors: "A, B", "A - B", "A và B", "A & B", "A; B"
AUTHOR_SEP_RE = re.compile(r"[^\S\n]*(?:[,;&]|[^\S\n][-–][^\S\n]|[^\S\n]và[^\S\n])[^\S\n]*")
# An agency after a slash: "Thu Hà/VOV" -> "Thu Hà"
AGENCY_SLASH_RE = re.compile(r"[^\S\n]*/[^\S\n]*[A-ZĐ0-9.]{2,12}$")
_GROUPS = {g.casefold() for g in _BYLINE["group"]}
# Credited sources that are not authors: generic staff bylines and agencies / outlets
_NOT_AUTHOR = _GROUPS | {a.casefold() for a in _BYLINE["agency"]}
_HONORIFICS = wordlists.phrases("honorifics.txt")
_NOTNAME = {w.casefold() for w in _BYLINE["notname"]}

# Photo credit whose value is initials, not a name: "Ảnh: T.H", "Ảnh: NV", "(Ảnh: H.Q)"
CREDIT_RE = re.compile(r"(?<!\w)(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ)[^\S\n]*:[^\S\n]*([^\s|()]{1,10})",
                       re.IGNORECASE)

# A closing line that is not text: a bracketed note "(Còn nữa)", "(HẾT)", or "***", "---"
NOTE_LINE_RE = re.compile(r"\([^()\n]{1,40}\)|[*\-–—_=~.•]{1,20}")
# A line that reads as a sentence (ends with . ; : or an ellipsis, quotes and brackets aside)
SENTENCE_END_RE = re.compile(r"(?:[.;:…]|\.\.\.)[\"”’')\]]*$")
# Two sentences on one line: ". X" / "! X" / "? X" inside it
INNER_SENTENCE_RE = re.compile(r"[.!?][\"”’')\]]*[^\S\n]+[\"“(]?[A-ZĐÀ-Ỹ]")
# Between two labels of one section: "Kinh tế - Xã hội", "Văn hóa & Thể thao"
LABEL_JOIN_RE = re.compile(r"[^\S\n]*[-–&/][^\S\n]*")
# Separators between the items of a menu bar printed on one line
MENU_SEP_RE = re.compile(r"[^\S\n]*[|•·][^\S\n]*|[^\S\n]{3,}")
# Breadcrumb separators in a section line: "Trang chủ > Tin tức > Chính trị"
CRUMB_RE = re.compile(r"[^\S\n]*[>»›/][^\S\n]*")

MAX_TITLE = 250          # characters; longer lines are paragraphs
MAX_TITLE_WORDS = 45
HEADER_LINES = 16        # the header is searched in this many non-blank lines at most
MAX_BYLINE = 80


class Line(NamedTuple):
    """A non-blank line: ``start``/``end`` of its text without surrounding white space."""

    idx: int
    start: int
    end: int
    text: str


def iter_lines(text: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped text."""
    out: list[Line] = []
    pos = 0
    n = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            out.append(Line(n, s, s + len(stripped), stripped))
            n += 1
        pos += len(raw) + 1
    return out


def furniture_kind(s: str) -> str | None:
    """``block``, ``line``, ``counter`` or None for one stripped line."""
    if len(s) > 120:
        return None
    core = MARKER_TAIL_RE.sub("", BULLET_RE.sub("", s))
    kind = _FURNITURE.get(core.casefold())
    if kind:
        return kind
    m = COUNTER_RE.match(core)
    if m and m.end() == len(core):
        return "counter"
    if FONT_BUTTONS_RE.fullmatch(core) or (any(ch.isdigit() for ch in core)
                                           and TIMESTAMP_RE.fullmatch(core)):
        return "line"
    if _PREFIX_MARKERS and PREFIX_FURNITURE_RE.match(core):
        return "block"
    items = MENU_SEP_RE.split(s)
    if len(items) >= 3 and all(0 < len(i.split()) <= 4 for i in items):
        return "line"     # a menu bar: "Trang chủ | Tin tức | Liên hệ"
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


class DateHit(NamedTuple):
    start: int      # offsets into the line text
    end: int
    iso: str


def find_full_date(s: str) -> DateHit | None:
    """The first valid full date in ``s``, its span widened over a weekday / ``ngày`` lead."""
    for m in FULL_DATE_RE.finditer(s):
        g = m.groupdict()
        if g["y"]:
            iso = _iso(int(g["y"]), int(g["m"]), int(g["d"]))
        elif g["y2"]:
            iso = _iso(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        else:
            iso = _iso(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if not iso:
            continue
        start = m.start()
        lead = DATE_LEAD_RE.search(s, max(0, start - 30), start)
        if lead:
            start = lead.start()
        return DateHit(start, m.end(), iso)
    return None


def dateline(s: str) -> DateHit | None:
    """A date if the whole line is a dateline (labels, weekday, time and one date only)."""
    if len(s) > 100:
        return None
    hit = find_full_date(s)
    if hit is None:
        return None
    rest = COUNTER_RE.sub("", s[:hit.start] + " " + s[hit.end:])   # "| Lượt xem: 120"
    if DATELINE_RESIDUE_RE.sub("", rest):
        return None
    return hit


def is_paragraph(s: str) -> bool:
    """Body text rather than a headline: long, several sentences, or ends like a sentence."""
    if len(s) > MAX_TITLE or s.count(" ") >= MAX_TITLE_WORDS:
        return True
    return bool(SENTENCE_END_RE.search(s) or INNER_SENTENCE_RE.search(s))


def _section_text(s: str) -> str:
    """A breadcrumb's last crumb ("Trang chủ > Chính trị" -> "Chính trị"), else ``s``."""
    crumbs = [c for c in CRUMB_RE.split(s) if c]
    return crumbs[-1] if len(crumbs) > 1 else s


def is_section_like(s: str) -> bool:
    """A one- or two-word label: a known section name, or at most three syllables (two
    labels of at most two syllables each when joined by a dash), capitalised, no digits."""
    s = _section_text(s)
    if len(s) > 40 or any(ch.isdigit() for ch in s):
        return False
    if s.casefold() in _SECTIONS:
        return True
    parts = [p.split() for p in LABEL_JOIN_RE.split(s)]
    toks = [t for p in parts for t in p]
    if not toks or not toks[0][0].isupper() or not all(t.isalpha() for t in toks):
        return False
    if len(parts) == 1:
        return len(toks) <= 3
    return len(parts) == 2 and all(1 <= len(p) <= 2 for p in parts)


# ---------------------------------------------------------------- byline parsing
class Author(NamedTuple):
    """One name on a byline line.  ``person``: a person's name (reported as PER);
    ``author``: counted in ``meta.authors`` (GUIDELINES: the byline *names*, so a generic
    staff byline such as ``PV`` or an agency such as ``TTXVN`` closes the article like a
    byline but is no author)."""

    name: str
    start: int      # offsets into the document
    end: int
    person: bool
    author: bool = True


def _is_initials(tok: str) -> bool:
    """T.H, H.Q., NV: a credit's initials, not a name."""
    core = tok.replace(".", "")
    return core.isupper() and len(core) <= 3 and ("." in tok or len(core) <= 2)


def _looks_like_name(name: str, strict: bool) -> bool:
    """Capitalised syllables (or initials); ``strict`` (no byline prefix) wants two or more
    syllables, each a word, and no publication word first."""
    toks = name.split()
    if not 1 <= len(toks) <= 6:
        return False
    for t in toks:
        core = t.replace(".", "").replace("-", "").replace("'", "").replace("’", "")
        if not core or not core.isalpha() or not core[0].isupper():
            return False
    if strict:
        if len(toks) < 2 and not _is_initials(toks[0]):
            return False
        if _first_words(name) & _NOTNAME:
            return False
    return True


def _is_person(name: str) -> bool:
    toks = name.split()
    if len(toks) < 2 or _first_words(name) & _NOTNAME:
        return False
    return all(len(t) >= 2 and "." not in t and not (t.isupper() and len(toks) == 1)
               for t in toks)


def parse_byline(line: Line) -> list[Author] | None:
    """Author names of a byline line, or None if the line is not a byline."""
    s = line.text
    if len(s) > MAX_BYLINE or furniture_kind(s):
        return None
    off = line.start
    # "(Theo TTXVN)": a byline wrapped in brackets
    if s.startswith("(") and s.endswith(")"):
        s, off = s[1:-1].strip(), off + 1 + (len(s[1:-1]) - len(s[1:-1].lstrip()))
    pm = BYLINE_PREFIX_RE.match(s)
    strict = pm is None
    # "Theo X" credits a source: X is an author only when it is a person's name
    source = pm is not None and s[:5].casefold().startswith("theo")
    body_start = pm.end() if pm else 0
    names_part = s[body_start:]
    names_part = PHOTO_TAIL_RE.sub("", names_part)
    if not strict:
        names_part = names_part.rstrip(" .")
    elif re.search(r"[.!?:;]$", names_part):
        return None
    names_part = BYLINE_NOTE_RE.sub("", names_part)
    names_part = AGENCY_SLASH_RE.sub("", names_part).strip()
    if not names_part:
        return None
    base = off + body_start
    if names_part.casefold() in _NOT_AUTHOR:
        i = s.find(names_part, body_start)
        return [Author(names_part, off + i, off + i + len(names_part), False, False)]
    names = [n for n in AUTHOR_SEP_RE.split(names_part) if n]
    if not 1 <= len(names) <= 5:
        return None
    out: list[Author] = []
    cursor = 0
    for n in names:
        n = _strip_honorifics(n.strip(" .,;"))
        if n and n.casefold() in _NOT_AUTHOR:      # "Minh Anh - TTXVN", "PV - CTV"
            i = names_part.find(n, cursor)
            cursor = i + len(n)
            out.append(Author(n, base + i, base + i + len(n), False, False))
            continue
        if n and strict and _first_words(n) & _NOTNAME:
            continue      # an affiliation after the name: "BS. Lê Văn A - Khoa Nội"
        if not n or not _looks_like_name(n, strict):
            if strict:
                return None
            continue
        i = names_part.find(n, cursor)
        cursor = i + len(n)
        person = _is_person(n) and n.casefold() not in _NOT_AUTHOR
        author = person or not (source or n.casefold() in _NOT_AUTHOR
                                or _first_words(n) & _NOTNAME)
        out.append(Author(n, base + i, base + i + len(n), person, author))
    return out or None


def _first_words(name: str) -> set[str]:
    toks = name.casefold().split()
    return {" ".join(toks[:1]), " ".join(toks[:2])}


def _strip_honorifics(name: str) -> str:
    """"ThS.BS Nguyễn Văn A" -> "Nguyễn Văn A" (a byline's degree or title of address)."""
    for _ in range(3):
        hit = _HONORIFICS.starting_at(name, 0)
        if hit is None or hit[0] >= len(name):
            break
        name = name[hit[0]:].lstrip()
    return name


def _article_resumes(lines: list[Line], k: int) -> int | None:
    """After a soft marker (``Tin liên quan``) at ``k - 1``: the index of the paragraph where
    the article resumes, when a paragraph and then a closing byline follow before any other
    marker; None when what follows is the page's trailing furniture.  Every scan stops at the
    next marker, so the whole pass stays linear."""
    resume: int | None = None
    for j in range(k, len(lines)):
        s = lines[j].text
        kind = furniture_kind(s)
        if kind in ("block", "soft"):
            return None
        if kind:
            continue
        if resume is None:
            if len(s) > 120 and is_paragraph(s):
                resume = j
        elif parse_byline(lines[j]) and _tail_is_furniture(lines, j + 1):
            return resume
    return None


def _tail_is_furniture(lines: list[Line], k: int) -> bool:
    """Whether only furniture, notes, dates or a source line follow index ``k``."""
    for ln in lines[k:]:
        kind = furniture_kind(ln.text)
        if kind in ("block", "soft"):
            return True
        if not (kind or NOTE_LINE_RE.fullmatch(ln.text) or dateline(ln.text)
                or ln.text.casefold().startswith("nguồn")):
            return False
    return True


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans (the pipeline bisects them)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# ---------------------------------------------------------------- the extractor
class LayoutExtractor:
    """Headline, section, byline, dateline and the body span (stage LAYOUT)."""

    name: ClassVar[str] = "layout"
    types: ClassVar[tuple[str, ...]] = ("PER", "DATE", "meta")
    stage: ClassVar[int] = LAYOUT
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        text = doc.text
        lines = iter_lines(text)
        meta: dict[str, object] = {"title": None, "section": None, "authors": [],
                                   "published": None}
        doc.meta.update(meta)
        if not lines:
            return []
        excluded: list[tuple[int, int]] = []
        mentions: list[Mention] = []

        # ---- header: menus, section, dateline, headline, up to the first paragraph
        cands: list[Line] = []
        datelines: list[tuple[Line, DateHit]] = []
        header_bylines: list[Line] = []
        first_para: int | None = None   # index into ``lines``
        for k, ln in enumerate(lines[:HEADER_LINES]):
            if furniture_kind(ln.text):
                excluded.append((ln.start, ln.end))
                continue
            hit = dateline(ln.text)
            if hit:
                datelines.append((ln, hit))
                continue
            para = is_paragraph(ln.text)
            if not para and BYLINE_PREFIX_RE.match(ln.text) and parse_byline(ln):
                header_bylines.append(ln)
                continue
            if para or len(cands) >= 6:
                first_para = k
                break
            cands.append(ln)
        if first_para is None:
            first_para = len(lines) if len(lines) <= HEADER_LINES else HEADER_LINES

        title_i, section_i = self._headline(cands)
        title = cands[title_i] if title_i is not None else None
        if title is not None:
            meta["title"] = title.text
        if section_i is not None:
            meta["section"] = _section_text(cands[section_i].text)
        # lines above the headline that are not the headline: menus and the section label
        for c in cands[: title_i if title_i is not None else 0]:
            excluded.append((c.start, c.end))
        if title_i is None and section_i is not None:
            excluded.append((cands[section_i].start, cands[section_i].end))

        first_text = (title.start if title is not None
                      else lines[first_para].start if first_para < len(lines) else None)
        starts = [ln.start for ln, _ in datelines]
        if first_text is not None:
            starts.append(first_text)
        body_start = min(starts) if starts else lines[0].start

        # ---- trailing furniture: the first block marker after the header cuts the page
        cut = len(lines)
        k = first_para
        while k < len(lines):
            kind = furniture_kind(lines[k].text)
            if kind == "soft":
                # after a byline the article is over; otherwise it may go on below the box
                ended = k > first_para and parse_byline(lines[k - 1]) is not None
                resume = None if ended else _article_resumes(lines, k + 1)
                if resume is None:
                    cut = k
                    break
                excluded.extend((ln.start, ln.end) for ln in lines[k:resume])
                k = resume
                continue
            if kind == "block":
                cut = k
                break
            if kind:
                excluded.append((lines[k].start, lines[k].end))
            k += 1
        # the loop above excluded every furniture line before the cut: no second test needed
        skipped = set(excluded)
        content = [ln for ln in lines[first_para:cut] if (ln.start, ln.end) not in skipped]
        body_end = content[-1].end if content else (
            title.end if title is not None else lines[-1].end)

        # ---- byline: the last line of text (or the one before a closing date/source line)
        authors: list[Author] = []
        tail_dates: list[tuple[Line, DateHit]] = []
        for ln in reversed(content[-3:]):
            if title is not None and ln.start <= title.start:
                break
            hit = dateline(ln.text)
            if hit:
                tail_dates.append((ln, hit))
                continue
            if ln.text.casefold().startswith("nguồn"):
                continue
            found = parse_byline(ln)
            if found:
                authors = found
                break
            if not NOTE_LINE_RE.fullmatch(ln.text):
                break   # an editor's note such as "(Còn nữa)" may follow the byline
        if not any(a.author for a in authors):
            # an explicit byline under the headline ("Bài và ảnh: X", "Tác giả: X")
            for c in header_bylines:
                found = parse_byline(c)
                if found:
                    authors = found
                    break
        meta["authors"] = [a.name for a in authors if a.author]
        for a in authors:
            if a.person:
                mentions.append(doc.span("PER", a.start, a.end, source=self.name))

        # ---- published: the header's dateline, else a closing date line, else a lead dateline
        date_src = datelines[:1] or tail_dates[-1:]
        if not date_src and first_para < len(lines):
            para = lines[first_para]
            lm = LEAD_DATELINE_RE.match(para.text)
            if lm:
                hit = find_full_date(para.text[lm.end():lm.end() + 40])
                if hit:
                    date_src = [(para, DateHit(hit.start + lm.end(), hit.end + lm.end(),
                                               hit.iso))]
        if date_src:
            ln, hit = date_src[0]
            meta["published"] = hit.iso
            mentions.append(doc.span("DATE", ln.start + hit.start, ln.start + hit.end,
                                     hit.iso, source=self.name))

        # ---- initials in photo credits are not names
        lo, hi = body_start, body_end
        for m in CREDIT_RE.finditer(text, lo, hi):
            tok = m.group(1).rstrip(".,;")
            if tok and _is_initials(tok):
                excluded.append((m.start(1), m.start(1) + len(tok)))

        doc.meta.update(meta)
        doc.body = (body_start, max(body_start, body_end))
        doc.excluded = _merge(e for e in excluded if e[0] < body_end and e[1] > body_start)
        return [m for m in mentions if body_start <= m.start and m.end <= body_end]

    @staticmethod
    def _headline(cands: list[Line]) -> tuple[int | None, int | None]:
        """(title index, section index) among the header's short lines.

        The headline is the first line that is not a section-like label; a section is the
        label right above it.  If every line is label-like, the last one is the headline,
        unless there is only one and it is a known section name (an article without a
        headline that opens under its section label).
        """
        if not cands:
            return None, None
        like = [is_section_like(c.text) for c in cands]
        title_i = next((i for i, v in enumerate(like) if not v), None)
        if title_i is None:
            if len(cands) == 1:
                if _section_text(cands[0].text).casefold() in _SECTIONS:
                    return None, 0
                return 0, None
            title_i = len(cands) - 1
        section_i = title_i - 1 if title_i >= 1 and like[title_i - 1] else None
        return title_i, section_i
