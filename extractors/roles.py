"""Who holds which office: ``roles = [{person, title, start, end}]``.

A role ties a PER to a position the same sentence gives that person (GUIDELINES "Roles").
The title is the whole position as written: words from the position lexicon
(``data/titles.txt``: ``Phó Bí thư Thường trực``, ``Giám đốc`` …) plus the organization that
follows them (the ORG/LOC mentions the entity stage found, chained when adjacent), e.g.
``Giám đốc`` + ``Trung tâm Y tế quận Liên Chiểu``.  Patterns, all read off the resolved
mentions rather than re-parsing names:

- title before the name: ``Phó Bí thư Thường trực Quận ủy Liên Chiểu Đặng Ngọc Nhân``,
  ``Thủ tướng Phạm Minh Chính``, several titles chained by commas or ``kiêm``
  (``Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội X``), an honorific allowed between
  (``Giám đốc Sở Y tế, bác sĩ X``);
- the name then titles after a comma, dash or bracket: ``Bác sĩ X, Bí thư Đảng ủy, Giám đốc
  Trung tâm Y tế …`` (two roles), ``ông X - Phó Bí thư Thường trực Huyện ủy``,
  ``đồng chí X, Phó Bí thư …``;
- a title shared by a listed group: ``các Ủy viên Trung ương Đảng: A; B``;
- a unit's own name between the title and its organization, after a title that ends with a
  unit noun or is followed by one (``data/role_units.txt``): ``Trưởng khoa Nhiễm Bệnh viện
  X``, ``Trưởng thôn Pạc Bo``, ``Tổ trưởng tổ Ngữ văn``; titles with no organization at all
  (``nguyên Kế toán trưởng``);
- the title after a bracketed birth year or age (``A (SN 1984, nguyên Kế toán trưởng)``) or
  after a bracketed aside and a comma (``A (SN 1976, trú …), nguyên Giám đốc …``);
- a country and its host joined by ``tại`` (``Đại sứ Hàn Quốc tại Việt Nam``).

``person`` is the full name (``extra["person"]`` from the person linker, so ``ông Bình`` counts
for ``Nguyễn Khắc Bình``).  A pair is recorded once per person and title (case-folded, white
space collapsed); a title that is a word-prefix of another title of the same person is a
shortened repeat (``Bộ trưởng`` beside ``Bộ trưởng Bộ Y tế``) and is dropped; an all-caps
headline repeat folds into the body's mixed-case one.  ``start``/``end`` are the offsets of
the title in the text.  Honorifics (``bác sĩ``, ``ông``, ranks, degrees) are never titles,
and a title with no named person next to it gives no role.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any, ClassVar

from . import wordlists
from .base import RELATIONS, Doc, Mention
from .coref import link_persons, person_of
from .wordlists import fold

TITLES = wordlists.phrases("titles.txt")
HONORIFICS = wordlists.phrases("honorifics.txt")
# Verbs of saying end a unit's name ("Trưởng khoa Nhiễm| cho biết")
SPEECH_VERBS = wordlists.phrases("speech_verbs.txt")
# "nguyên" (former) and "quyền" (acting) before a title belong to the position as written
MODIFIERS = frozenset({"nguyên", "quyền"})
# Lower-case admin words that may sit inside an organization name the entity stage missed
ADMIN_WORDS = frozenset({"tỉnh", "huyện", "quận", "thành", "phố", "thị", "xã", "phường",
                         "trấn"})

# Between a name and the title after it: ", " | " - " | " – " | " (" | a bracketed aside and
# then a comma or dash ("A (SN 1976, trú TP X), nguyên Giám đốc …", "A (42 tuổi), Chi hội
# trưởng …") | the opening of a bracket whose birth year or age comes first ("A (SN 1984,
# nguyên Kế toán trưởng)").  Bracket contents hold no brackets, so the match is linear.
# Each is tried in turn until a title follows.
AFTER_NAME_RES = (
    re.compile(r"[^\S\n]*(?:,|[-–—]|\()[^\S\n]*"),
    re.compile(r"[^\S\n]*\([^\S\n]*(?:(?:SN|sinh[^\S\n]+năm|năm[^\S\n]+sinh)[^\S\n]*\d{4}"
               r"|\d{1,3}[^\S\n]+tuổi)[^\S\n]*[,;][^\S\n]*", re.IGNORECASE),
    re.compile(r"[^\S\n]*\([^()\n]{1,80}\)[^\S\n]*(?:,|[-–—])[^\S\n]*"),
)
# Between an organization of one country and the host it is posted in: "Đại sứ {Hàn Quốc}
# tại {Việt Nam}" (LOC, then "tại", then a LOC/ORG) -- part of the title
HOST_RE = re.compile(r"[^\S\n]+tại[^\S\n]+")
# Between two titles of one person: ", " | " kiêm " (concurrently)
BETWEEN_TITLES_RE = re.compile(r"[^\S\n]*(?:,|[^\S\n]kiêm)[^\S\n]*", re.IGNORECASE)
# Before a title, the end of another title of the same person: "…, " | "… kiêm "
CHAIN_LEFT_RE = re.compile(r"(?:,|[^\S\n]kiêm)[^\S\n]*$", re.IGNORECASE)
# The colon after a title shared by a group, and separators between the listed people
GROUP_COLON_RE = re.compile(r"[^\S\n]*:[^\S\n]*")
LIST_SEP_RE = re.compile(r"[^\S\n]*(?:;|,|[^\S\n]và[^\S\n])[^\S\n]*(?:và[^\S\n]+)?")
# A token of an organization name when no ORG mention covers it: capitalised ("UBND", "Sở")
ORG_TOKEN_RE = re.compile(f"[{wordlists.UPPER}][\\w.&'’\\-]*")

MAX_FALLBACK_ORG = 6  # tokens
MAX_UNIT_NAME = 4     # tokens of a unit's own name ("Nhiễm", "Pạc Bo", "Hóa học")
# Nouns of a unit inside an organization whose name follows them ("khoa Nhiễm", "thôn X")
UNITS = wordlists.phrases("role_units.txt")
# Lower-case words that end a unit's name ("Trưởng khoa Nhiễm| cùng …")
NAME_STOP = frozenset(w.casefold() for w in wordlists.lines("role_name_stop.txt"))
# A token that ends a clause (its punctuation closes the unit's name): "học," "Bo)" "X."
CLAUSE_TOKEN_END_RE = re.compile(r"[,;:.!?)\]…]+$")


class _Index:
    """Lookups over the resolved mentions: ORG/LOC by start and end, PER starts."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.org_by_end: dict[int, Mention] = {}
        self.org_by_start: dict[int, Mention] = {}
        self.per_by_start: dict[int, Mention] = {}
        self.per_by_end: dict[int, Mention] = {}
        for m in mentions:
            if m.type in ("ORG", "LOC"):
                self.org_by_end[m.end] = m
                self.org_by_start[m.start] = m
            elif m.type == "PER":
                self.per_by_start[m.start] = m
                self.per_by_end[m.end] = m
        self.per_starts = sorted(self.per_by_start)
        self.orgs = sorted(self.org_by_start.values(), key=lambda m: m.start)
        self.org_starts = [m.start for m in self.orgs]

    def back_ws(self, p: int) -> int:
        t = self.text
        while p > 0 and t[p - 1] in " \t\xa0\u2009\u202f":
            p -= 1
        return p

    def fwd_ws(self, p: int) -> int:
        t = self.text
        n = len(t)
        while p < n and t[p] in " \t\xa0\u2009\u202f":
            p += 1
        return p

    def has_per(self, a: int, b: int) -> bool:
        i = bisect_left(self.per_starts, a)
        return i < len(self.per_starts) and self.per_starts[i] < b

    def org_from(self, a: int, b: int) -> Mention | None:
        """The first ORG/LOC mention starting in [a, b]."""
        i = bisect_left(self.org_starts, a)
        if i < len(self.orgs) and self.orgs[i].start <= b:
            return self.orgs[i]
        return None


def _with_modifier(ix: _Index, s: int) -> int:
    """Widen a title start over "nguyên"/"quyền" right before it."""
    q = ix.back_ws(s)
    if q < s:
        w = q
        while w > 0 and ix.text[w - 1].isalpha():
            w -= 1
        if ix.text[w:q].casefold() in MODIFIERS:
            return w
    return s


def skip_honorifics_left(ix: _Index, p: int) -> int:
    """Move left from a name over honorifics ("Giám đốc Sở Y tế, bác sĩ |X" -> after "tế")."""
    for _ in range(3):
        q = ix.back_ws(p)
        hit = HONORIFICS.ending_at(ix.text, q)
        if hit is None:
            break
        p = ix.back_ws(hit[0])
        if p > 0 and ix.text[p - 1] == ",":
            p -= 1
    return p


def title_ending_at(ix: _Index, p: int) -> tuple[int, int] | None:
    """The (start, end) of a title (lexicon words + adjacent ORG/LOC mentions) whose text
    ends at ``p`` (white space before ``p`` allowed), or None."""
    text = ix.text
    q = ix.back_ws(p)
    end = q
    org_start: int | None = None
    while q in ix.org_by_end:
        org_start = ix.org_by_end[q].start
        q = ix.back_ws(org_start)
        host = _host_before(ix, org_start)
        if host is not None:
            q = host
    hit = TITLES.ending_at(text, q)
    if hit and (org_start is not None or hit[1] != "org"):
        return _with_modifier(ix, hit[0]), end
    unit = _unit_title_ending_at(ix, q, lower_tail=org_start is not None)
    if unit is not None:
        return _with_modifier(ix, unit), end
    if org_start is not None:
        return None
    # no ORG mention: capitalised tokens (and admin words) right before the name
    toks = [m.span() for m in wordlists.TOKEN_RE.finditer(text, max(0, q - 80), q)]
    for n, (a, b) in enumerate(reversed(toks[-MAX_FALLBACK_ORG:])):
        word = text[a:b]
        if not (ORG_TOKEN_RE.fullmatch(word) or (n and word in ADMIN_WORDS)):
            break
        hit = TITLES.ending_at(text, ix.back_ws(a))
        if hit and not ix.has_per(a, q):
            return _with_modifier(ix, hit[0]), end
    return None


def title_starting_at(ix: _Index, p: int) -> tuple[int, int] | None:
    """The (start, end) of a title beginning at ``p`` (lexicon words, then the ORG/LOC
    mentions that follow, chained when only white space separates them), or None."""
    text = ix.text
    start = p
    w = p
    while w < len(text) and text[w].isalpha():
        w += 1
    if text[p:w].casefold() in MODIFIERS:
        p = ix.fwd_ws(w)
    hit = TITLES.starting_at(text, p)
    if hit is None:
        return None
    end, tag, key = hit
    org = ix.org_from(p + 1, end)                  # "Trưởng Ban …": ORG inside the words
    if org is None:
        org = ix.org_by_start.get(ix.fwd_ws(end))
    if org is None and tag != "org":
        # a unit's own name: "Trưởng khoa Nhiễm …", "Tổ trưởng tổ Hóa học"
        unit_end = _unit_name_end(ix, end, key)
        if unit_end is not None:
            end = unit_end
            org = ix.org_by_start.get(ix.fwd_ws(end))
    found = org is not None
    while org is not None and org.end > end:
        end = org.end
        org = ix.org_by_start.get(ix.fwd_ws(end))
        if org is None and text[end - 1:end].isalpha():
            host = HOST_RE.match(text, end)
            nxt = ix.org_by_start.get(host.end()) if host else None
            if nxt is not None and ix.org_by_end.get(end, nxt).type == "LOC":
                org = nxt                          # "Đại sứ Hàn Quốc tại Việt Nam"
    if not found and tag == "org":
        return None
    return start, end


def _host_before(ix: _Index, org_start: int) -> int | None:
    """Going left from an ORG/LOC at ``org_start``: the end of the LOC before "tại" ("Hàn
    Quốc| tại Việt Nam"), so the chain goes on over the host, else None."""
    text = ix.text
    lo = max(0, org_start - 8)
    k = text.rfind("tại", lo, org_start)
    if k <= 0:
        return None
    host = HOST_RE.match(text, ix.back_ws(k))
    if host is None or host.end() != org_start:
        return None
    prev = ix.org_by_end.get(ix.back_ws(k))
    return prev.end if prev is not None and prev.type == "LOC" else None


def _is_unit_word(text: str, p: int) -> int | None:
    """The end of a unit noun starting at ``p`` ("khoa", "tổ dân phố"), else None."""
    hit = UNITS.starting_at(text, p)
    return hit[0] if hit is not None else None


def _unit_name_end(ix: _Index, p: int, key: str) -> int | None:
    """After a title ending at ``p``: the end of the unit's own name when the title ends with
    a unit noun ("Trưởng khoa| Nhiễm") or a unit noun follows it ("Tổ trưởng| tổ Hóa học").

    The name is its capitalised words; a lower-case tail ("Hóa học", "Tiêm chủng") is taken
    only when it reaches a clause mark, an organization or the end of the line within
    ``MAX_UNIT_NAME`` words, and never over a verb of saying or a person's name."""
    text = ix.text
    if UNITS.ending_at(text, p) is None or not key:
        q = ix.fwd_ws(p)
        u = _is_unit_word(text, q) if q > p else None
        if u is None:
            return None
        p = u
    q = ix.fwd_ws(p)
    if q == p or q in ix.per_by_start or q in ix.org_by_start:
        return None
    toks = [m.span() for m in wordlists.TOKEN_RE.finditer(text, q, q + 120)][:MAX_UNIT_NAME]
    caps_end: int | None = None
    for n, (a, b) in enumerate(toks):
        if n and (a in ix.per_by_start or a in ix.org_by_start or text[a - 1] == "\n"):
            return toks[n - 1][1] if caps_end is not None else None
        word = text[a:b]
        stop = CLAUSE_TOKEN_END_RE.search(word)
        core = word[:stop.start()] if stop else word
        if not core:
            break
        if not core[0].isupper():
            if (n == 0 or core.casefold() in NAME_STOP
                    or SPEECH_VERBS.starting_at(text, a) is not None):
                break
        elif n == 0 or (caps_end is not None and caps_end == toks[n - 1][1]):
            caps_end = a + len(core)
        if stop:
            return a + len(core)
    return caps_end


def _unit_title_ending_at(ix: _Index, q: int, lower_tail: bool) -> int | None:
    """Going left from ``q`` over a unit's name (at most ``MAX_UNIT_NAME`` words, the first
    capitalised): the start of a title that ends with a unit noun ("Trưởng nhóm| Tiêm chủng|")
    or is followed by one ("Tổ trưởng tổ| Hóa học|"), else None.  Lower-case words of the
    name are allowed only when an organization bounds it on the right (``lower_tail``): right
    before a person's name they are more likely a verb or a conjunction."""
    text = ix.text
    toks = [m.span() for m in wordlists.TOKEN_RE.finditer(text, max(0, q - 60), q)]
    if not toks or toks[-1][1] != q:
        return None
    for a, b in reversed(toks[-MAX_UNIT_NAME:]):
        if a in ix.per_by_start or not text[a].isalpha() or not text[b - 1].isalpha():
            return None
        if not text[a].isupper():
            if not lower_tail or text[a:b].casefold() in NAME_STOP:
                return None
            continue
        r = ix.back_ws(a)
        hit = TITLES.ending_at(text, r)
        if hit is not None and hit[1] != "org" and UNITS.ending_at(text, r) is not None:
            return hit[0]
        unit = UNITS.ending_at(text, r)
        if unit is not None:
            hit = TITLES.ending_at(text, ix.back_ws(unit[0]))
            if hit is not None and hit[1] != "org":
                return hit[0]
    return None


class RoleExtractor:
    """Stage RELATIONS: fills ``doc.fields["roles"]``."""

    name: ClassVar[str] = "roles"
    types: ClassVar[tuple[str, ...]] = ("roles",)
    stage: ClassVar[int] = RELATIONS
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        doc.fields["roles"] = find_roles(doc.text, doc.mentions, doc.body)
        return []


def find_roles(text: str, mentions: list[Mention],
               body: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """All roles of a document, in text order, deduplicated (see the module docstring)."""
    if not any(m.type == "PER" for m in mentions):
        return []
    if any(m.type == "PER" and not (m.extra or {}).get("person") for m in mentions):
        link_persons(mentions)
    ix = _Index(text, mentions)
    found: list[tuple[str, int, int]] = []  # (person, title start, title end)

    for m in mentions:
        if m.type != "PER" or m.source == "layout":
            continue
        person = person_of(m)
        # title(s) before the name
        span = title_ending_at(ix, skip_honorifics_left(ix, m.start))
        for _ in range(4):
            if span is None:
                break
            found.append((person, *span))
            c = CHAIN_LEFT_RE.search(text, max(0, span[0] - 10), span[0])
            span = title_ending_at(ix, c.start()) if c else None
            if span is not None and _after_person(ix, span[0]):
                break   # "A, Chủ tịch X, Bí thư Y B": "Chủ tịch X" is A's, not B's
        # title(s) after the name
        span = None
        for rx in AFTER_NAME_RES:
            sep = rx.match(text, m.end)
            span = title_starting_at(ix, sep.end()) if sep else None
            if span is not None:
                break
        while span is not None and not _before_person(ix, span[1]):
            # (a title followed by a name is that name's: "A, Chủ tịch X B")
            found.append((person, *span))
            sep = BETWEEN_TITLES_RE.match(text, span[1])
            span = title_starting_at(ix, sep.end()) if sep else None

    # a title shared by a listed group: "các Ủy viên Trung ương Đảng: A; B"
    lo, hi = body or (0, len(text))
    pos = text.find(":", lo, hi)
    while pos != -1:
        span = title_ending_at(ix, pos)
        if span is not None:
            for person in _listed_persons(ix, GROUP_COLON_RE.match(text, pos).end()):
                found.append((person, *span))
        pos = text.find(":", pos + 1, hi)

    return _dedupe(text, found)


def _before_person(ix: _Index, p: int) -> bool:
    """Whether a name (after optional honorifics) starts right after position ``p``."""
    q = ix.fwd_ws(p)
    for _ in range(3):
        h = HONORIFICS.starting_at(ix.text, q)
        if h is None:
            break
        q = ix.fwd_ws(h[0])
    return q in ix.per_by_start and q > p


def _after_person(ix: _Index, p: int) -> bool:
    """Whether a title starting at ``p`` follows a name and a separator ("A, |Chủ tịch")."""
    q = ix.back_ws(p)
    if q == 0 or ix.text[q - 1] not in ",-–—(":
        return False
    return ix.back_ws(q - 1) in ix.per_by_end


def _listed_persons(ix: _Index, p: int) -> list[str]:
    """Persons listed from ``p``: "A; B", "đồng chí A, đồng chí B và C" (each item an
    optional honorific and a name, nothing else)."""
    out: list[str] = []
    text = ix.text
    while True:
        h = HONORIFICS.starting_at(text, p)
        if h:
            p = ix.fwd_ws(h[0])
        m = ix.per_by_start.get(p)
        if m is None:
            break
        out.append(person_of(m))
        sep = LIST_SEP_RE.match(text, m.end)
        if not sep or sep.end() == m.end:
            break
        p = sep.end()
    return out


def _dedupe(text: str, found: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """One role per (person, title); mixed case preferred over an all-caps headline repeat;
    a title that is a word-prefix of another title of the same person dropped."""
    kept: dict[tuple[str, str], dict[str, Any]] = {}
    for person, s, e in sorted(found, key=lambda t: t[1]):
        title = text[s:e].strip(" ,;:-–")
        if not title:
            continue
        key = (fold(person), fold(title))
        old = kept.get(key)
        if old is None:
            kept[key] = {"person": person, "title": title, "start": s, "end": s + len(title)}
        elif old["title"].isupper() and not title.isupper():
            old.update(title=title, start=s, end=s + len(title))
    by_person: dict[str, list[str]] = {}
    for p, t in kept:
        by_person.setdefault(p, []).append(t)
    out = [r for (p, t), r in kept.items()
           if not any(o != t and o.startswith(t + " ") for o in by_person[p])]
    return sorted(out, key=lambda r: r["start"])
