"""``vnextract summary``: an archive at a glance, aggregated from a JSON Lines report.

The report is read one line at a time and each record is dropped as soon as it is counted,
so memory grows with the number of *distinct* names, places, codes and months, never with
the number of records: a summary of a million-article report fits where one of ten does.

Records are read defensively.  Reports from every earlier version of the schema are accepted
(no ``schema`` key, ``vnextract/1``, fields missing or null); ``error`` records are skipped
and counted; lines that are not JSON, or JSON that is not a report record, are counted as
malformed or unknown and skipped, never fatal.

Rules a user may want to know (also in the README):

- **Names** are merged on a key: NFC, zero-width characters removed, white space (NBSP too)
  collapsed, case folded, and the old/new tone placement of syllable-final ``oa``/``oe``/``uy``
  unified (``Thuỷ`` = ``Thủy``, ``hoà`` = ``hòa``).  So ``NGUYỄN KHẮC BÌNH`` in a headline and
  ``Nguyễn Khắc Bình`` in the body are one person.  A PER mention whose ``person`` field gives
  the full name counts for that full name (and a name from a user gazetteer for its
  ``canonical`` form, PER or ORG).  In older reports without that field (on no PER
  mention of the article), a short form (``Liêm``, ``Khắc Bình``) that is the ending of
  exactly one longer name in the same article is linked to it.  The name shown is the most
  frequent spelling that has lower-case letters (the headline capitals only when nothing
  else was seen).
- **Places** are grouped by province: a LOC mention whose ``value`` resolves it
  (``{level, name, province, province_2025}``) counts for its province, with the province it
  belongs to since the 1 July 2025 merger beside it.  A province, country or region counts
  under the ``name`` its value gives (``Mỹ`` -> ``Hoa Kỳ`` if the linker says so); a unit known
  only after 2025 under its new province.  A LOC with no value, or a district or ward the
  linker could not place (a name several provinces share), counts under its own text with a
  leading ``tỉnh``/``thành phố``/``TP`` dropped, so ``tỉnh Cao Bằng`` and a resolved ``huyện
  Bảo Lạc`` land in the same ``Cao Bằng`` row while ``huyện Châu Thành`` keeps its own.
- **Documents** are keyed by their code with white space removed and case folded
  (``13-NQ/HU``); the kind shown is the most frequent one given.
- **Article date**: ``meta.published`` when the record has one; otherwise the month that the
  article's DATE mentions with a full day (``YYYY-MM-DD``, or a day-month whose year the
  extractor ``resolved``; a range counts by its start) name most often, ties going to the
  latest month.  An article with neither is undated: it is left out of the month chart, and
  out of the tables when ``--since``/``--until`` is given.  An article dated only by month is
  kept by ``--since``/``--until`` when that month overlaps the range.
- **Counts**: ``articles`` is the number of articles that mention a thing (each article once),
  ``mentions`` the number of mentions; tables are ranked by articles, then mentions, then name.
"""

from __future__ import annotations

import calendar
import heapq
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import IO, Any

import orjson

# The tables a summary can show, in display order, and the names --type accepts for them.
TABLES: tuple[str, ...] = ("PER", "ORG", "LOC", "DOCREF", "MONTH")
TABLE_ALIASES: dict[str, str] = {
    "PER": "PER", "PERSON": "PER", "PEOPLE": "PER",
    "ORG": "ORG", "ORGS": "ORG",
    "LOC": "LOC", "PLACE": "LOC", "PLACES": "LOC",
    "DOCREF": "DOCREF", "DOC": "DOCREF", "DOCS": "DOCREF",
    "MONTH": "MONTH", "MONTHS": "MONTH", "DATE": "MONTH",
}

# Schemas this summary knows how to read.  Records without a "schema" key come from the
# earliest reports and are read the same way; a future "vnextract/N" is read best-effort.
SCHEMA_RE = re.compile(r"vnextract/\d+")  # "vnextract/1", "vnextract/2" …

# The start of an ISO date or month: "2024-03-15", "2024-03", "2024-03-15T10:00".
ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")

# A --since/--until bound: "2024", "2024-03" or "2024-03-15", nothing else.
BOUND_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Characters that are invisible in a name but break string equality.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Both tone placements are in use for a syllable-final oa/oe/uy: the mark on the second vowel
# (hoà, Thuỷ, uỷ) is moved to the first (hòa, Thủy, ủy) so both spellings share a key.  Only
# at the end of a syllable: with a final consonant (hoàn, khuyến) there is one spelling.
_TONED = {  # base vowel -> its five toned forms (grave, acute, hook, tilde, dot below)
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
}
_TONE_ON_SECOND = {
    first + toned: _TONED[first][i] + second
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"))
    for i, toned in enumerate(_TONED[second])
}
# Matches "oà", "oé", "uỷ" … when no letter follows (end of the syllable).
TONE_ON_SECOND_RE = re.compile(
    "(?:" + "|".join(sorted(_TONE_ON_SECOND)) + r")(?![^\W\d_])")

# LOC value levels below a province: unresolved, such a unit has no row of its own name.
LOWER_LEVELS = frozenset({"district", "ward", "commune", "hamlet"})

# Province-level admin words dropped from an unresolved LOC's key, so that "tỉnh Cao Bằng",
# "Cao Bằng" and a district resolved to province "Cao Bằng" group together.  Matches a
# leading "tỉnh ", "thành phố ", "tp ", "tp. " (on the folded key).
PROVINCE_WORD_RE = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+(?=\S)")


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """The merge key of a name: spelling variants that a reader would call the same collapse.

    Cached (bounded) because the same few thousand names repeat across an archive.
    """
    s = unicodedata.normalize("NFC", s).translate(_INVISIBLE)
    s = " ".join(s.split()).casefold()  # str.split() also splits on NBSP
    return TONE_ON_SECOND_RE.sub(lambda m: _TONE_ON_SECOND[m.group()], s)


@lru_cache(maxsize=1 << 16)
def _clean(s: str) -> str:
    """A spelling as shown: NFC, invisible characters gone, white space collapsed (cached
    like ``fold``)."""
    return " ".join(unicodedata.normalize("NFC", s).translate(_INVISIBLE).split())


def display_name(spellings: Counter[str]) -> str:
    """The most frequent spelling with a lower-case letter; all-caps only if nothing else.

    Ties keep the spelling seen first (Counter preserves insertion order).
    """
    best = ""
    best_n = 0
    for s, n in spellings.items():
        if n > best_n and s != s.upper():
            best, best_n = s, n
    if best:
        return best
    return spellings.most_common(1)[0][0] if spellings else ""


@dataclass(slots=True)
class Tally:
    """Counts for one merged thing (a person, an organization, a code …)."""

    articles: int = 0
    mentions: int = 0
    spellings: Counter[str] = field(default_factory=Counter)


class Tallies:
    """Merged things of one kind: key -> Tally.  Grows with distinct keys only."""

    def __init__(self) -> None:
        self.items: dict[str, Tally] = {}

    def mention(self, key: str, spelling: str, seen: set[str]) -> Tally:
        """Count one mention of ``key``; its article once (``seen`` is the article's set)."""
        t = self.items.get(key)
        if t is None:
            t = self.items[key] = Tally()
        t.mentions += 1
        t.spellings[spelling] += 1
        if key not in seen:
            seen.add(key)
            t.articles += 1
        return t

    def ranked(self, top: int) -> list[tuple[str, Tally]]:
        """The ``top`` keys (0: all) by articles, then mentions, then name, deterministic."""
        def rank(kv: tuple[str, Tally]) -> tuple[int, int, str]:
            return -kv[1].articles, -kv[1].mentions, kv[0]

        if top:  # a partial sort: an archive may hold hundreds of thousands of names
            return heapq.nsmallest(top, self.items.items(), key=rank)
        return sorted(self.items.items(), key=rank)


@dataclass(slots=True)
class Filter:
    """--since/--until as inclusive ISO days (None: open)."""

    since: str | None = None
    until: str | None = None

    @property
    def active(self) -> bool:
        return self.since is not None or self.until is not None

    def keeps(self, day: str | None, month: str | None) -> bool:
        """Whether an article dated ``day`` (YYYY-MM-DD) or only ``month`` (YYYY-MM) is in range.

        A month-only date is kept when any day of that month is in range.
        """
        if day is not None:
            lo = hi = day
        elif month is not None:
            lo, hi = month + "-01", month + "-31"  # string bounds: "-31" >= every real day
        else:
            return False
        return not ((self.since and hi < self.since) or (self.until and lo > self.until))


def parse_bound(text: str, end: bool) -> str:
    """``2024`` / ``2024-03`` / ``2024-03-15`` -> an ISO day: the first day of the period for
    --since, the last for --until.  ValueError with a plain message if it is not a date."""
    m = BOUND_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    try:
        if d is None:
            d = calendar.monthrange(y, mo)[1] if end else 1
        return date(y, mo, int(d)).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        raise ValueError(f"{text!r} is not a date") from None


def _iso_day(v: Any) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD or None, YYYY-MM or None) from an ISO string; (None, None) if not one."""
    if not isinstance(v, str):
        return None, None
    m = ISO_DAY_RE.match(v)
    if not m or not 1 <= int(m[2]) <= 12:
        return None, None
    month = f"{m[1]}-{m[2]}"
    if m[3] and 1 <= int(m[3]) <= 31:
        return f"{month}-{m[3]}", month
    return None, month


def article_date(rec: dict[str, Any], entities: list[Any]) -> tuple[str | None, str | None, str]:
    """(day, month, how) for an article: how is "published", "mentions" or "undated"."""
    meta = rec.get("meta")
    if isinstance(meta, dict):
        day, month = _iso_day(meta.get("published"))
        if month:
            return day, month, "published"
    months: Counter[str] = Counter()
    for m in entities:
        if not isinstance(m, dict) or m.get("type") != "DATE":
            continue
        for v in (m.get("value"), m.get("resolved")):
            if isinstance(v, str):
                day, month = _iso_day(v.split("/", 1)[0])
                if day and month:
                    months[month] += 1
                    break
    if not months:
        return None, None, "undated"
    # most frequent; ties to the latest month
    month = max(months.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None, month, "mentions"


@dataclass(slots=True)
class Stats:
    """Record counts: what was read, skipped and filtered."""

    lines: int = 0
    articles: int = 0  # article records read (errors, malformed, unknown excluded)
    errors: int = 0
    malformed: int = 0
    unknown: int = 0
    filtered_out: int = 0
    dated_by: Counter[str] = field(default_factory=Counter)


class Summary:
    """Aggregates report records one at a time; ``result`` gives plain data for rendering."""

    def __init__(self, tables: Iterable[str] = TABLES, flt: Filter | None = None) -> None:
        self.tables = frozenset(tables)
        self.filter = flt or Filter()
        self.stats = Stats()
        self.people = Tallies()
        self.orgs = Tallies()
        self.places = Tallies()  # key: folded province (or unresolved place name)
        self.docs = Tallies()
        self.months: Counter[str] = Counter()
        # person key -> title key -> articles; title key -> spellings
        self.titles: dict[str, Counter[str]] = {}
        self.title_spellings: dict[str, Counter[str]] = {}
        # province key -> post-2025 province spellings; province key -> place Tallies
        self.province_2025: dict[str, Counter[str]] = {}
        self.subplaces: dict[str, Tallies] = {}
        self.kinds: dict[str, Counter[str]] = {}

    # -- reading ---------------------------------------------------------------------------

    def feed_lines(self, lines: Iterable[bytes]) -> None:
        for line in lines:
            self.feed_line(line)

    def feed_line(self, line: bytes) -> None:
        if not line.strip():
            return
        self.stats.lines += 1
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError:
            self.stats.malformed += 1
            return
        self.feed(rec)

    def feed(self, rec: Any) -> None:
        """Count one decoded record (anything orjson returns)."""
        st = self.stats
        if not isinstance(rec, dict):
            st.malformed += 1
            return
        schema = rec.get("schema")
        if schema is not None and not (isinstance(schema, str) and SCHEMA_RE.fullmatch(schema)):
            st.unknown += 1
            return
        if rec.get("error"):
            st.errors += 1
            return
        if not any(k in rec for k in ("path", "entities", "meta", "roles")):
            st.unknown += 1
            return
        entities = rec.get("entities")
        if not isinstance(entities, list):
            entities = []
        st.articles += 1
        day, month, how = article_date(rec, entities)
        st.dated_by[how] += 1
        if self.filter.active and not self.filter.keeps(day, month):
            st.filtered_out += 1
            return
        if month and "MONTH" in self.tables:
            self.months[month] += 1
        self._entities(entities, rec.get("roles"))

    # -- aggregation -----------------------------------------------------------------------

    def _entities(self, entities: list[Any], roles: Any) -> None:
        want = self.tables
        pers: list[tuple[str, str]] = []  # (key, spelling) of each PER mention
        linked = False  # the report links short forms itself ("person" on PER mentions)
        seen_org: set[str] = set()
        seen_loc: set[str] = set()
        seen_sub: dict[str, set[str]] = {}
        seen_doc: set[str] = set()
        for m in entities:
            if not isinstance(m, dict):
                continue
            typ, text = m.get("type"), m.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            if typ == "PER" and "PER" in want:
                # a user gazetteer's canonical form first, then the linker's full name
                full, canon = m.get("person"), m.get("canonical")
                linked = linked or _nonblank(full)
                name = canon if _nonblank(canon) else full if _nonblank(full) else text
                pers.append((fold(name), _clean(name)))
            elif typ == "ORG" and "ORG" in want:
                canon = m.get("canonical")
                name = canon if isinstance(canon, str) and canon.strip() else text
                self.orgs.mention(fold(name), _clean(name), seen_org)
            elif typ == "LOC" and "LOC" in want:
                self._place(text, m.get("value"), seen_loc, seen_sub)
            elif typ == "DOCREF" and "DOCREF" in want:
                self._docref(text, m.get("value"), seen_doc)
        if "PER" in want:
            self._people(pers, roles, linked)

    def _people(self, pers: list[tuple[str, str]], roles: Any, linked: bool) -> None:
        # (person key, person spelling, title key, title spelling) of each role
        role_pairs: list[tuple[str, str, str, str]] = []
        if isinstance(roles, list):
            for r in roles:
                if not isinstance(r, dict):
                    continue
                p, t = r.get("person"), r.get("title")
                if isinstance(p, str) and p.strip() and isinstance(t, str) and t.strip():
                    role_pairs.append((fold(p), _clean(p), fold(t), _clean(t)))
        spelling_of: dict[str, str] = {}
        for k, s in pers:
            spelling_of.setdefault(k, s)
        for k, s, _, _ in role_pairs:
            spelling_of.setdefault(k, s)
        # A report whose extractor links short forms has decided (a byline's name is never
        # an antecedent, an ambiguous one stays unlinked): only older reports are linked here.
        link = short_forms(spelling_of) if len(spelling_of) > 1 and not linked else {}
        seen: set[str] = set()
        for k, spelling in pers:
            if k in link:
                k = link[k]
                spelling = spelling_of[k]
            self.people.mention(k, spelling, seen)
        for p, pspell, tkey, tspell in role_pairs:
            if p in link:
                p = link[p]
                pspell = spelling_of[p]
            if p not in seen:  # a titled person the entities missed still appears
                self.people.mention(p, pspell, seen)
            _bump(self.titles, p, tkey)
            _bump(self.title_spellings, tkey, tspell)

    def _place(self, text: str, value: Any, seen: set[str], seen_sub: dict[str, set[str]]) -> None:
        province = after = None
        if isinstance(value, dict):
            after = value.get("province_2025")
            if isinstance(after, list):
                after = " / ".join(a for a in after if isinstance(a, str))
            province = value.get("province")
            if not _nonblank(province):
                # a province, country or region names itself; a unit known only after 2025
                # counts under its new province; a district or ward left unresolved (a name
                # several provinces share) counts under its own name, below
                name = value.get("name")
                if value.get("level") not in LOWER_LEVELS and _nonblank(name):
                    province = name
                elif _nonblank(after):
                    province = after
        if _nonblank(province):
            key, label = fold(province), _clean(province)
        else:
            key, label = _unresolved_place(text)
        self.places.mention(key, label, seen)
        if isinstance(after, str) and after.strip():
            _bump(self.province_2025, key, _clean(after))
        sub = self.subplaces.get(key)
        if sub is None:
            sub = self.subplaces[key] = Tallies()
        seen_here = seen_sub.get(key)
        if seen_here is None:
            seen_here = seen_sub[key] = set()
        sub.mention(fold(text), _clean(text), seen_here)

    def _docref(self, text: str, value: Any, seen: set[str]) -> None:
        code: Any = None
        kind: Any = None
        if isinstance(value, dict):
            code, kind = value.get("code"), value.get("kind")
        elif isinstance(value, str):  # earliest reports: the code alone
            code = value
        if not (isinstance(code, str) and code.strip()):
            code = text.split()[-1]  # no value: the code is the last word of the span
        key, code = _code(code)
        self.docs.mention(key, code, seen)
        if isinstance(kind, str) and kind.strip():
            _bump(self.kinds, key, _clean(kind))

    # -- result ----------------------------------------------------------------------------

    def result(self, top: int = 10, source: str = "") -> dict[str, Any]:
        """Plain data (the JSON format's shape); every key always present, tables not asked
        for by --type are null."""
        st = self.stats
        want = self.tables
        out: dict[str, Any] = {
            "summary": "vnextract-summary/1",
            "source": source,
            "records": {
                "articles": st.articles - st.filtered_out,
                "read": st.articles,
                "errors": st.errors,
                "malformed": st.malformed,
                "unknown": st.unknown,
                "filtered_out": st.filtered_out,
            },
            "dated_by": {k: st.dated_by.get(k, 0) for k in ("published", "mentions", "undated")},
            "filter": {"since": self.filter.since, "until": self.filter.until},
            "top": top,
            "people": None,
            "organizations": None,
            "places": None,
            "documents": None,
            "months": None,
        }
        if "PER" in want:
            out["people"] = [
                {"name": display_name(t.spellings), "articles": t.articles,
                 "mentions": t.mentions, "titles": self._titles(k)}
                for k, t in self.people.ranked(top)]
        if "ORG" in want:
            out["organizations"] = [
                {"name": display_name(t.spellings), "articles": t.articles,
                 "mentions": t.mentions} for _, t in self.orgs.ranked(top)]
        if "LOC" in want:
            out["places"] = [
                {"province": display_name(t.spellings),
                 "province_2025": (display_name(self.province_2025[k])
                                   if k in self.province_2025 else None),
                 "articles": t.articles, "mentions": t.mentions,
                 "places": [{"name": display_name(s.spellings), "articles": s.articles,
                             "mentions": s.mentions}
                            for _, s in self.subplaces[k].ranked(5)]}
                for k, t in self.places.ranked(top)]
        if "DOCREF" in want:
            out["documents"] = [
                {"code": t.spellings.most_common(1)[0][0],  # codes: as most often written
                 "kind": display_name(self.kinds[k]) if k in self.kinds else None,
                 "articles": t.articles, "mentions": t.mentions}
                for k, t in self.docs.ranked(top)]
        if "MONTH" in want:
            out["months"] = [{"month": m, "articles": n} for m, n in month_series(self.months)]
        return out

    def _titles(self, person: str) -> list[dict[str, Any]]:
        titles = self.titles.get(person)
        if not titles:
            return []
        ranked = sorted(titles.items(), key=lambda kv: (-kv[1], kv[0]))
        return [{"title": display_name(self.title_spellings[k]), "articles": n}
                for k, n in ranked]


def _nonblank(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _bump(counters: dict[str, Counter[str]], key: str, item: str) -> None:
    """counters[key][item] += 1, creating the Counter only when the key is new."""
    c = counters.get(key)
    if c is None:
        c = counters[key] = Counter()
    c[item] += 1


@lru_cache(maxsize=1 << 16)
def _unresolved_place(text: str) -> tuple[str, str]:
    """(key, label) of a LOC with no resolved province: the key drops a leading province-level
    admin word (so "tỉnh Cao Bằng" meets province "Cao Bằng"), and so does the label."""
    key = PROVINCE_WORD_RE.sub("", fold(text), count=1)
    words = _clean(text).split(" ")
    return key, " ".join(words[len(words) - len(key.split(" ")):])


@lru_cache(maxsize=1 << 16)
def _code(code: str) -> tuple[str, str]:
    """(key, spelling) of a document code: white space removed; the key case-folded."""
    code = "".join(code.split())
    return fold(code), code


@lru_cache(maxsize=1 << 16)
def _endings(name: str) -> tuple[str, ...]:
    """The proper syllable endings of a name key: "a b c" -> ("b c", "c")."""
    words = name.split(" ")
    return tuple(" ".join(words[i:]) for i in range(1, len(words)))


def short_forms(names: Iterable[str]) -> dict[str, str]:
    """Short name key -> the one longer name key of the same article that it ends.

    ``liêm`` -> ``nguyễn văn liêm``; ``khắc bình`` and ``bình`` -> ``nguyễn khắc bình``.  Only
    the longest names own their endings (``khắc bình`` is itself a short form), and an ending
    shared by two longest names (``hùng`` of two people) links to neither.  Linear in the
    number of names: each name registers its few syllable endings in a dict.
    """
    names = set(names)
    owners: dict[str, set[str]] = {}
    for n in names:
        for e in _endings(n):
            o = owners.get(e)
            if o is None:
                owners[e] = {n}
            else:
                o.add(n)
    link: dict[str, str] = {}
    for n in names:
        longest = [o for o in owners.get(n, ()) if o not in owners]
        if len(longest) == 1:
            link[n] = longest[0]
    return link


# Months between the first and last are filled with zeros so the chart shows gaps, unless the
# span is absurd (a stray "năm 1010" in an undated article): then only months with articles.
MAX_FILLED_MONTHS = 240


def month_series(months: Counter[str]) -> list[tuple[str, int]]:
    """Sorted (YYYY-MM, articles), empty months between filled in when the span is sane."""
    if not months:
        return []
    keys = sorted(months)
    y0, m0 = map(int, keys[0].split("-"))
    y1, m1 = map(int, keys[-1].split("-"))
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > MAX_FILLED_MONTHS:
        return [(k, months[k]) for k in keys]
    out = []
    for i in range(span):
        y, m = divmod(m0 - 1 + i, 12)
        k = f"{y0 + y:04d}-{m + 1:02d}"
        out.append((k, months.get(k, 0)))
    return out


def summarize(stream: IO[bytes], tables: Iterable[str] = TABLES, flt: Filter | None = None
              ) -> Summary:
    """Stream a report into a Summary: a binary stream yields one line at a time, never
    the whole report."""
    s = Summary(tables, flt)
    s.feed_lines(stream)
    return s


def parse_tables(values: Iterable[str]) -> list[str]:
    """--type values (comma-separated, any case) -> table names; ValueError if unknown."""
    out: list[str] = []
    for v in values:
        for name in v.split(","):
            name = name.strip().upper()
            if not name:
                continue
            t = TABLE_ALIASES.get(name)
            if t is None:
                raise ValueError(f"unknown --type {name!r} (known: {', '.join(TABLES)})")
            if t not in out:
                out.append(t)
    return [t for t in TABLES if t in out]


def stdin_bytes() -> IO[bytes]:
    return sys.stdin.buffer


class SummaryError(Exception):
    """A problem with how summary was called or with the report file: one line, exit 2."""


def run(report: str, top: int = 10, types: Iterable[str] = (), since: str | None = None,
        until: str | None = None, fmt: str = "table") -> None:
    """The ``summary`` command: read, aggregate, render to stdout.  SummaryError for a usage
    problem (unknown --type, bad date, unreadable file, a file that is not a report)."""
    try:
        tables = parse_tables(types) or list(TABLES)
        flt = Filter(parse_bound(since, end=False) if since else None,
                     parse_bound(until, end=True) if until else None)
    except ValueError as e:
        raise SummaryError(str(e)) from None
    if flt.since and flt.until and flt.since > flt.until:
        raise SummaryError(f"--since {since} is after --until {until}")
    name = "stdin" if report == "-" else report
    try:
        if report == "-":
            s = summarize(stdin_bytes(), tables, flt)
        elif report.endswith(".gz"):  # a report kept compressed, read as it decompresses
            import gzip

            with gzip.open(report, "rb") as f:
                s = summarize(f, tables, flt)
        else:
            with open(report, "rb") as f:
                s = summarize(f, tables, flt)
    except (OSError, EOFError) as e:  # EOFError: a truncated .gz
        raise SummaryError(f"cannot read {name}: {getattr(e, 'strerror', None) or e}") from None
    st = s.stats
    if st.lines and not st.articles and not st.errors:
        raise SummaryError(f"{name} is not a vnextract report: none of its {st.lines:,} "
                           "lines is a report record")
    from . import summary_render as render

    res = s.result(top, name)
    if fmt == "json":
        render.render_json(res, sys.stdout.buffer)
    elif fmt == "markdown":
        render.render_markdown(res, sys.stdout)
    else:
        render.render_table(res, sys.stdout)
    sys.stdout.flush()
