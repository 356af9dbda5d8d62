"""People, organizations and places (PER, ORG, LOC) from Vietnamese writing conventions.

Why rules and word lists rather than a model: Vietnamese capitalises proper names syllable by
syllable, organization names start with a small closed set of capitalised heads (``Sở``,
``Trung tâm``, ``Đảng ủy`` …) and places follow admin words (``huyện``, ``TP``).  Those cues,
read as one joint left-to-right parse, beat underthesea's CRF by a wide margin on news text
and run ~50 times faster.  The CRF is kept as an optional extra signal (``crf.py``).

One pass over the tokens of the article body, at each word:
1. a user gazetteer name (``--gazetteer``) is claimed as is (``gazetteer.py`` emits it);
2. a fixed person alias (``Bác Hồ``, ``Hồ Chí Minh`` without an admin word) is PER;
3. a known place without admin word (province, country, region, ``TPHCM``) is LOC;
4. a capitalised organization head starts an ORG, extended over its name: capitalised
   syllables, the lower-case syllables of compounds (``Y tế``, ``Truyền máu huyết học``),
   nested heads (``Ban Thường vụ Đảng ủy Sở``), numbers (``Nhân dân 115``), hyphenated and
   ``và``-joined parts, and a final admin word with its place (``quận Liên Chiểu``); it stops
   at function words and verbs (``ner_stop.tsv``), term suffixes (``khóa XII``), and before a
   person's name when a title precedes the organization (``Quận ủy Liên Chiểu Đặng Ngọc Nhân``);
5. a title or honorific (never part of a name) lets an ORG and then a PER follow, and makes
   even a single capitalised word a name (``bác sĩ Liêm``);
6. an admin word and a capitalised name is LOC (``huyện Cát Tiên``); ``TP`` alone is the city;
7. otherwise a run of 2-4 capitalised syllables that starts with a family name is PER; a
   district from the admin data wins over that (``Krông Pắc``, two-syllable ``Lâm Hà``).
Inside an organization: a listed lower-case compound (``xã hội``, ``giao thông``) is one word,
not an admin word or a verb; after a place the name still takes a lower-case admin word, with
or without its own place (``Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh``), and a foreign body or a
representation takes ``tại`` + the host country; a number continues a name only after a
capital or the one lower-case syllable of a compound (``Quân y 175``), never after a longer
lower-case run, which is then a predicate and cut (``Ngân hàng Thế giới | trị giá 45 …``).
Short names: an acronym in parentheses after a full name, well-known acronyms (``WHO``), and
a company's own name repeated alone are ORG.  Names listed after a plural admin word (``các xã
A, B và C``) are LOC each; names that fill a ``;`` list item are PER; a hyphen written tight
continues a romanised given name (``Park Ji-hoon``).
Sentence-case names capitalise only the first syllable of each part, so a name's lower-case
field may be long when it is anchored: it runs (verbs used as nouns included, function words
not) to the name's own admin word or a nested head ("Ban Quản lý dự án đầu tư xây dựng công
trình giao thông tỉnh …", "Cơ quan Cảnh sát điều tra Công an tỉnh …"); a first part that is a
verb takes its field object ("Quỹ Hỗ trợ phát triển hợp tác xã"); official lists of fields
keep their comma up to "và" ("Bộ Văn hóa, Thể thao và Du lịch").  A head that needs a name,
alone mid-sentence, is the body the document named in full with it ("…, Sở đã …").  A
given name alone repeats a full name given earlier ("Khôi thừa nhận"); a family name that
is also a head or an honorific still opens a name after a title ("Luật sư Đoàn Minh Triết",
"thầy Ông Văn Tùng").
Then all-caps lines (headlines), where case says nothing, are matched against the names the
same document gave in mixed case (a company's brand too: ``CÔNG TY PHÚ THỊNH LAND``) and
against the heads that stand alone (``HUYỆN ỦY``).

LOC values link to the administrative units of ``places.py``.

Speed (~2x the plain token loop, same output): the text is tokenized by one C-level findall
whose items carry the gap before each token, so offsets are a running sum and the per-token
lists (folded key, case, kind) are ``map``s over a process-wide table keyed by the raw token;
the main loop visits only words that can start something (``_Starters``: capitals and the
lower-case first words of lexicon phrases), lexicon lookups go through per-kind views keyed
by the first and second word, and the caps-line scan skips lines with a lower-case letter.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import accumulate, compress
from typing import Any, ClassVar

from . import places
from .base import ENTITIES, Doc, Mention
from .places import fold
from .wordlists import lines, rows

# A word (a letter, then letters, digits and combining marks, inner apostrophes as in
# "M'Đrắk"), a run of digits, a newline, or any other single non-space character.  Each
# alternative is a simple character class loop; the apostrophe group must start with a
# letter, so the loops cannot overlap: linear time.
TOKEN_RE = re.compile(
    r"([^\W\d_][\w\u0300-\u036f]*(?:['’][^\W\d_][\w\u0300-\u036f]*)*)|(\d+)|(\n)|([^\w\s])"
)
# The same tokens, each with the gap before it (spaces but not a newline, and "_", the only
# characters TOKEN_RE skips): " Sở", "\u00a0Y", ",".  The gap lengths give every offset by
# one running sum, so the tokenizer is a single C-level findall with no group tuples, about
# three times faster than TOKEN_RE.finditer with a Python loop over its matches.  The gap is
# a class loop and "_" + a class loop (which must start with "_"): no ambiguity.  The token
# is optional so that a run of spaces with no token after it (only at the end of the span:
# any other character starts a token) is consumed once, not rescanned from each of its
# positions: linear.  Such a gap-only match, and the empty match at the end, are dropped.
# The word's loops are possessive (they never give back: nothing after them could use it).
GAP_TOKEN_RE = re.compile(
    r"[^\S\n]*(?:_[^\S\n]*)*"
    r"(?:[^\W\d_][\w\u0300-\u036f]*+(?:['’][^\W\d_][\w\u0300-\u036f]*+)*+|\d+|\n|[^\w\s])?"
)
# The gap characters GAP_TOKEN_RE may put before a token (Python's str.isspace() set minus
# the newline, and "_"), stripped to get the token itself.
_GAP_CHARS = ("\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
              "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000_")
# An ASCII lower-case letter (searched for within one line).
_ASCII_LOWER_RE = re.compile(r"[a-z]")
# A roman numeral (term and congress numbers: "khóa XII", "lần thứ IX") never continues a name.
ROMAN_RE = re.compile(r"[IVXLCDM]+")

WORD, NUM, NL, PUNCT = 0, 1, 2, 3
# Characters after which a capital starts a sentence rather than marking a name.
SENTENCE_OPENERS = frozenset('.!?:;…"“”\'(*•-–|')
DASHES = frozenset("-–")


# --------------------------------------------------------------------------- lexicon


_KIND_ORDER = {"gaz": 0, "alias": 1, "title": 2, "honor": 3, "head": 4, "place": 5, "admin": 6,
               "block": 7, "surname": 8}


def _tokenize_entry(s: str) -> list[str]:
    return [m.group() for m in TOKEN_RE.finditer(s)]


class Entry:
    """One lexicon phrase: folded keys, the case each written token demands, and payload."""

    __slots__ = ("caps", "keys", "kind", "lower", "payload", "rest")

    def __init__(self, text: str, kind: str, payload: Any = None) -> None:
        toks = _tokenize_entry(text)
        self.keys = tuple(fold(t) for t in toks)
        self.rest = list(self.keys[1:])  # compared with a slice of a document's key list
        # lower[i]: the token is written in lower case here, so must be lower case in the text
        self.lower = tuple(t[:1].islower() for t in toks)
        self.caps = tuple(t[:1].isupper() for t in toks)
        self.kind = kind
        self.payload = payload

    @classmethod
    def from_keys(cls, keys: tuple[str, ...], kind: str, payload: Any = None) -> Entry:
        """An entry from folded keys alone, for lookups that ignore case."""
        e = cls.__new__(cls)
        e.keys, e.rest, e.kind, e.payload = keys, list(keys[1:]), kind, payload
        e.lower = e.caps = (False,) * len(keys)
        return e


class Lexicon:
    """Phrase lookup keyed by the first folded token, longest entries first."""

    def __init__(self) -> None:
        self.first: dict[str, list[Entry]] = {}
        self._views: dict[frozenset[str] | None, dict[str, _Cands]] = {}

    def add(self, e: Entry) -> None:
        if e.keys:
            self.first.setdefault(e.keys[0], []).append(e)
            self._views = {}

    def freeze(self) -> None:
        # longest first; at equal length a title beats a head or a blocker ("Bộ trưởng"), an
        # honorific beats a country ("Anh Nguyễn Văn Nam"), a head beats a place
        for v in self.first.values():
            v.sort(key=lambda e: (-len(e.keys), _KIND_ORDER.get(e.kind, 9)))
        self._views = {}

    def view(self, kinds: frozenset[str] | None) -> dict[str, _Cands]:
        """The entries of ``kinds`` (None: all) by first key, then by second key.

        ``view[k1] = (by_second, singles)``: ``by_second[k2]`` lists, in ``first`` order, the
        entries whose second key is ``k2`` together with the one-word entries; ``singles``
        the one-word entries alone.  A lookup then tries only entries that can match the
        next word, never skips entries of the wrong kind, and keeps the precedence order.
        Built once per set of kinds.
        """
        v = self._views.get(kinds)
        if v is None:
            v = {}
            for k, es in self.first.items():
                keep = [e for e in es if kinds is None or e.kind in kinds]
                if not keep:
                    continue
                seconds = {e.keys[1] for e in keep if len(e.keys) > 1}
                by_second = {s: [e for e in keep if len(e.keys) == 1 or e.keys[1] == s]
                             for s in seconds}
                v[k] = (by_second, [e for e in keep if len(e.keys) == 1])
            self._views[kinds] = v
        return v


_Cands = tuple[dict[str, list[Entry]], list[Entry]]


def _load_lexicon() -> tuple[Lexicon, dict[str, set[str]]]:
    lex = Lexicon()
    for row in rows("ner_org_heads.tsv"):
        lex.add(Entry(row[0], "head", row[1] if len(row) > 1 else ""))
    for item in lines("ner_not_org.txt"):
        lex.add(Entry(item, "block"))
    for row in rows("ner_titles.txt"):
        lex.add(Entry(row[0], "honor" if len(row) > 1 and row[1] == "honorific" else "title"))
    for row in rows("ner_admin_words.tsv"):
        lex.add(Entry(row[0], "admin", row[1]))
    aliases = set()
    for row in rows("ner_person_aliases.txt"):
        lex.add(Entry(row[0], "alias"))
        aliases.add(fold(row[0]))
    for row in rows("ner_places.tsv"):
        lex.add(Entry(row[0], "place", row[0]))
    for name in places.province_names():
        if fold(name) not in aliases:
            lex.add(Entry(name, "place", name))
    for item in lines("ner_surnames.txt"):
        lex.add(Entry(item, "surname"))
    lex.freeze()
    stops: dict[str, set[str]] = {"function": set(), "verb": set()}
    for row in rows("ner_stop.tsv"):
        cls = row[1] if len(row) > 1 and row[1] else "verb"
        stops.setdefault(cls, set()).add(fold(row[0]))
    stops["quant"] = {fold(x) for x in lines("ner_quantifiers.txt")}
    # keys of the tokens joined by one space: "xã hội", "hợp tác xã", "phòng , chống"
    stops["field"] = {fold(x) for x in lines("ner_field_verbs.txt")}
    stops["credit"] = {fold(x) for x in lines("ner_credit_labels.txt")}
    stops["facility"] = {fold(x) for x in lines("ner_facility_words.txt")}
    stops["compound"] = {" ".join(fold(t) for t in _tokenize_entry(x))
                         for x in lines("ner_compounds.txt")}
    stops["acronym"] = set(lines("ner_org_acronyms.txt"))  # exact case: "WHO", not "who"
    stops["legal"] = {x for item in lines("ner_legal_forms.txt") for x in item.split()}
    return lex, stops


_LEXICON: tuple[Lexicon, dict[str, set[str]]] | None = None
_UNIT_NAMES: set[str] | None = None


def lexicon() -> tuple[Lexicon, dict[str, set[str]]]:
    """Built once per process (~10 ms); every tagger shares it."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = _load_lexicon()
    return _LEXICON


def unit_names() -> set[str]:
    """Folded names of every administrative unit (to cut a place name before a person's)."""
    global _UNIT_NAMES
    if _UNIT_NAMES is None:
        _UNIT_NAMES = set(places.admin_index()["units"])
    return _UNIT_NAMES


_DISTRICT_NAMES: set[str] | None = None


def district_names() -> set[str]:
    """Folded names of districts and provinces with 2+ syllables ("krông pắc", "đức trọng").

    A bare capitalised run equal to one of them is a place even without an admin word (a
    headline "Nông dân Krông Pắc …").  Ward names are left out: thousands of them are also
    given names or common phrases ("Tân Lập", "Thống Nhất").
    """
    global _DISTRICT_NAMES
    if _DISTRICT_NAMES is None:
        _DISTRICT_NAMES = {k for k, us in places.admin_index()["units"].items()
                           if " " in k and any(u[0] in ("district", "province") for u in us)}
    return _DISTRICT_NAMES


@cache
def district_first() -> frozenset[str]:
    """First syllables of ``district_names()``: most capitals start none, a quick no."""
    return frozenset(k.split(" ", 1)[0] for k in district_names())


# --------------------------------------------------------------------------- tagger


class _TokenTable(dict):
    """Raw token (gap + token, as GAP_TOKEN_RE finds it) -> token; filling in, on a miss, the
    folded key, the case flag and the kind as well (``keys``, ``cap``, ``kinds``).

    A news archive has a small vocabulary, so after the first documents every token is a hit
    and ``_Doc`` builds its per-token lists with ``map`` over dict lookups, in C, instead of a
    Python loop that folds and classifies each token again.
    """

    LIMIT = 400_000  # distinct raw tokens kept; cleared past this (hostile or huge inputs)

    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[str, str] = {}
        self.cap: dict[str, bool] = {}
        self.kinds: dict[str, int] = {}

    def __missing__(self, raw: str) -> str:
        tok = raw.lstrip(_GAP_CHARS) or raw
        self[raw] = tok
        self.keys[raw] = fold(tok)
        self.cap[raw] = tok[0].isupper()
        # the alternative that matched, from the first character alone (the alternatives
        # start with disjoint classes): 0 word, 1 number, 2 newline, 3 other
        self.kinds[raw] = TOKEN_RE.match(tok).lastindex - 1  # type: ignore[union-attr,operator]
        return tok

    def trim(self) -> None:
        if len(self) > self.LIMIT:
            self.clear()
            self.keys.clear()
            self.cap.clear()
            self.kinds.clear()


_TOKENS = _TokenTable()


class _Doc:
    """Tokens of one text span with their folded keys and case flags."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text = text
        table = _TOKENS
        table.trim()
        raw = GAP_TOKEN_RE.findall(text, lo, hi)
        while raw and not raw[-1].lstrip(_GAP_CHARS):
            raw.pop()  # trailing gap, empty match at the end
        # every list below is built by map() over dict lookups: no per-token Python code
        self.toks = toks = list(map(table.__getitem__, raw))  # fills the other tables
        self.keys = list(map(table.keys.__getitem__, raw))
        self.cap = list(map(table.cap.__getitem__, raw))
        self.kinds = list(map(table.kinds.__getitem__, raw))
        ends = list(accumulate(map(len, raw), initial=lo))
        del ends[0]
        self.ends = ends
        self.n = len(toks)
        self.capsline = self._capslines(lo, hi)

    def start(self, i: int) -> int:
        """Offset of token ``i`` (only ends are stored: few starts are ever needed)."""
        return self.ends[i] - len(self.toks[i])

    def _capslines(self, lo: int, hi: int) -> list[bool]:
        """Per token: is it on a line written all in capitals (2+ capitalised words)?"""
        flags = [False] * self.n
        text = self.text
        pos = lo
        spans = []
        while pos < hi:
            nl = text.find("\n", pos, hi)
            end = hi if nl < 0 else nl
            # a line with an ASCII lower-case letter (most: found in the first few
            # characters) is not all capitals; only the others are copied and compared
            if _ASCII_LOWER_RE.search(text, pos, end) is None:
                line = text[pos:end]
                if line.upper() == line and line.lower() != line:
                    words = [w for w in line.split() if w[:1].isalpha()]
                    if len(words) >= 2:
                        spans.append((pos, end))
            pos = end + 1
        ends = self.ends
        for s, e in spans:
            # the first token ending after the line start is the first on the line (a line
            # starts after a newline token or at ``lo``, so no token straddles it)
            i = bisect_right(ends, s)
            j = bisect_left(ends, e + 1)  # tokens ending at or before the line end
            flags[i:j] = [True] * (j - i)
        return flags


class _Starters(dict):
    """Token -> may the parse start anything at it?  A capitalised word; a lower-case word
    whose folded key opens a phrase written in lower case in the lexicon or a user gazetteer
    ("ông", "huyện", "bác sĩ"); a listed acronym.

    Elsewhere (most of a text: lower-case words, numbers, punctuation) ``_at`` returns the
    next index with no effect: a lower-case word cannot open a head or a place, and phrases
    whose first word is written capitalised ("Bộ", "TP") fail the case check there.  So the
    main loop visits only these.  Filled lazily, per tagger because the gazetteer is.
    """

    LIMIT = 400_000

    def __init__(self, first: set[str], lower_first: set[str], acronyms: set[str]) -> None:
        super().__init__()
        self.first = first  # first keys of every phrase
        self.lower_first = lower_first  # ... of the phrases written lower-case at the start
        self.acronyms = acronyms

    def __missing__(self, tok: str) -> bool:
        if len(self) > self.LIMIT:
            self.clear()
        m = TOKEN_RE.match(tok)
        c = tok[0]
        v = self[tok] = m is not None and m.lastindex == 1 and (
            c.isupper() or tok in self.acronyms
            or fold(tok) in (self.lower_first if c.isalpha() else self.first))
        return v


Found = tuple[str, int, int, Any]  # (type, first token, end token exclusive, value/extra)


class NerTagger:
    """The joint PER/ORG/LOC parse of one text; reusable across documents."""

    def __init__(self, gazetteers: Sequence[Any] = ()) -> None:
        self.lex, stops = lexicon()
        self.function_stop = stops["function"]
        self.verb_stop = stops["verb"]
        self.quant = stops["quant"]
        self.compound = stops["compound"]
        self.field_verb = stops["field"]
        self.credit = stops["credit"]
        self.facility = stops["facility"]
        self.acronym = stops["acronym"]
        self.legal = stops["legal"]
        self.gaz = Lexicon()
        for g in gazetteers:
            self.gaz.add(Entry(g.name, "gaz", g))
        self.gaz.freeze()
        # family names that are also one-word heads or honorifics ("Đoàn", "Ông")
        self._surname_heads = {k for k, es in self.lex.first.items()
                               if any(e.kind == "surname" and len(e.keys) == 1 for e in es)
                               and any(e.kind in ("head", "honor", "title") and len(e.keys) == 1
                                       for e in es)}
        # the lexicon by first key for the hottest lookups: a key not there needs no call
        self._top = self.lex.view(_TOP)
        self._headlike_place = self.lex.view(_HEADLIKE_PLACE)
        first = [e for es in self.lex.first.values() for e in es if e.kind in _TOP]
        first += [e for es in self.gaz.first.values() for e in es]
        self._starters = _Starters({e.keys[0] for e in first},
                                   {e.keys[0] for e in first if not e.caps[0]}, self.acronym)

    # ------------------------------------------------------------------ matching helpers

    def _match(self, d: _Doc, i: int, lex: Lexicon, kinds: frozenset[str] | None,
               ignore_case: bool = False) -> Entry | None:
        view = lex._views.get(kinds)
        if view is None:
            view = lex.view(kinds)
        keys = d.keys
        hit = view.get(keys[i])
        if hit is None:
            return None
        n = d.n
        cands = hit[0].get(keys[i + 1], hit[1]) if i + 1 < n else hit[1]
        check_case = not ignore_case and not d.capsline[i]
        for e in cands:
            k = len(e.keys)
            if k > 2 and (i + k > n or keys[i + 1:i + k] != e.rest):
                continue
            if check_case and not self._case_ok(d, i, e):
                continue
            return e
        return None

    @staticmethod
    def _case_ok(d: _Doc, i: int, e: Entry) -> bool:
        kind = e.kind
        toks, cap = d.toks, d.cap  # cap[x] is toks[x][0].isupper()
        exact = kind in _EXACT_CASE
        for off in range(len(e.keys)):
            t = toks[i + off]
            if not t[0].isalpha():
                continue
            up = cap[i + off]
            if off == 0:
                if kind in _CASE_FREE_START:
                    # "Ông"/"ông", "Huyện"/"huyện"; but "TP", "BS" must be written so
                    if e.caps[0] and (not up or (len(e.keys[0]) > 1 and not t.isupper()
                                                 and t[1:2].isupper())):
                        return False
                    continue
                if not up and kind in _CAPITAL_START:
                    return False
            elif up and e.lower[off]:
                return False
            if exact and up != e.caps[off]:
                return False
        return True

    def _is_word(self, d: _Doc, i: int) -> bool:
        return i < d.n and d.kinds[i] == WORD and not d.capsline[i]

    def _sentence_initial(self, d: _Doc, i: int) -> bool:
        if i == 0:
            return True
        k = d.kinds[i - 1]
        return k == NL or (k == PUNCT and d.toks[i - 1] in SENTENCE_OPENERS)

    def _cap_run(self, d: _Doc, i: int, limit: int = 8) -> int:
        """End (exclusive) of the run of capitalised words starting at ``i``."""
        j = i
        while j < d.n and j - i < limit and d.kinds[j] == WORD and d.cap[j] \
                and not d.capsline[j]:
            j += 1
        return j

    def _surname_at(self, d: _Doc, i: int) -> int:
        """Length of a family name at ``i`` (0 if none)."""
        if not d.cap[i] or d.kinds[i] != WORD:
            return 0
        e = self._match(d, i, self.lex, _SURNAME)
        return len(e.keys) if e else 0

    def _person_run(self, d: _Doc, i: int, end: int) -> bool:
        """Is tokens[i:end] shaped like a full name: family name + 1-3 syllables?"""
        n = end - i
        if not 2 <= n <= 4:
            return False
        if self._surname_at(d, i) == 0:
            return False
        for j in range(i, end):
            t = d.toks[j]
            if len(t) > 1 and t.isupper():  # an abbreviation, not a name syllable
                return False
        return True

    # ------------------------------------------------------------------ the parse

    def tag(self, text: str, lo: int = 0, hi: int | None = None) -> list[Found]:
        """Mentions of text[lo:hi] as (type, start, end, value) in character offsets."""
        d = _Doc(text, lo, len(text) if hi is None else hi)
        out: list[Found] = []
        self._persons: set[tuple[str, ...]] = set()
        self._unexplained: list[tuple[int, int]] = []
        self._initials: list[int] = []
        self._org_heads: set[tuple[str, ...]] = set()
        self._companies: set[tuple[str, ...]] = set()
        # Only a word that can start something is visited (see _Starters); at any other word
        # the parse would just step on, so skipping it changes nothing.
        capsline, keys, toks = d.capsline, d.keys, d.toks
        top, acronym = self._top, self.acronym
        plain = not self.gaz.first
        nxt = 0
        for i in compress(range(d.n), map(self._starters.__getitem__, toks)):
            if i < nxt or capsline[i]:
                continue
            if plain and keys[i] not in top and toks[i] not in acronym:
                # a starter that opens no phrase is a capital (see _Starters): what _at
                # would come to, without its lookups
                nxt = self._cap_fallback(d, i, out)
            else:
                nxt = self._at(d, i, out)
        self._second_pass(d, out)
        self._capslines(d, out)
        self._values(d, out)
        res: list[Found] = []
        for typ, a, b, val in sorted(out, key=lambda f: f[1]):
            if typ == "PER":
                b = self._hyphenated(d, b)
            res.append((typ, d.start(a), d.ends[b - 1], val))
        self.unexplained = [(d.start(a), d.ends[b - 1]) for a, b in self._unexplained]
        return res

    def _at(self, d: _Doc, i: int, out: list[Found]) -> int:
        if self.gaz.first:
            g = self._match(d, i, self.gaz, None)
            if g is not None:
                return i + len(g.keys)  # claimed: the gazetteer extractor emits it
        if d.toks[i] in self.acronym:
            out.append(("ORG", i, i + 1, None))  # "WHO", "UNICEF": a body by its acronym
            return i + 1
        e = self._match(d, i, self.lex, _TOP) if d.keys[i] in self._top else None
        if e is not None:
            kind = e.kind
            if kind == "alias":
                out.append(("PER", i, i + len(e.keys), None))
                return i + len(e.keys)
            if kind == "place":
                j = i + len(e.keys)
                # "Anh", "Ý" opening a sentence are a pronoun and a noun, not countries
                if len(e.keys) == 1 and self._sentence_initial(d, i) \
                        and not self._in_parens(d, i, j):
                    return self._cap_fallback(d, i, out)
                if j < d.n and d.kinds[j] == WORD and d.cap[j] and not d.capsline[j] \
                        and self._match(d, j, self.lex, _HEADLIKE) is None:
                    return self._cap_fallback(d, i, out)  # part of a longer name
                if not self._facility_before(d, i):
                    out.append(("LOC", i, j, ("place", None, e.payload)))
                return j
            if kind == "head":
                if self._generic(d, i):
                    return i + len(e.keys)
                tmp: list[Found] = []
                j = self._org(d, i, e, False, tmp)
                if j is None:
                    return self._bare_head(d, i, e, out)
                if j == i + len(e.keys) and len(tmp) == 1 and self._sentence_initial(d, i) \
                        and self._lower_elsewhere(d, i, j):
                    return j
                if e.keys == ("chi", "nhánh") and tmp and self._brand_before(d, i):
                    # "Agribank Chi nhánh Đắk Lắk": the bank's brand and its branch, one ORG
                    if out and out[-1][:3] == ("ORG", i - 1, i):
                        out.pop()
                    tmp[0] = ("ORG", i - 1, tmp[0][2], None)
                out.extend(tmp)
                return self._paren_acronym(d, j, out)
            if kind in ("title", "honor"):
                j = i + len(e.keys)
                if not (self._is_word(d, j) and d.cap[j]):
                    pl = self._match(d, i, self.lex, _PLACE)
                    if pl is not None and not self._sentence_initial(d, i):
                        out.append(("LOC", i, i + len(pl.keys), ("place", None, pl.payload)))
                        return i + len(pl.keys)  # "ở Anh và Pháp"
                return self._title(d, i, e, out)
            if kind == "admin":
                j = self._loc(d, i, e, False, out)
                if j is None:
                    return i + len(e.keys)
                if self._plural(d, i):
                    return self._place_list(d, i, e, j, out)
                return j
            if kind == "block":
                return i + len(e.keys)
        if d.cap[i]:
            return self._cap_fallback(d, i, out)
        return i + 1

    @staticmethod
    def _hyphenated(d: _Doc, b: int) -> int:
        """A person's name goes on over a hyphen written tight ("Park Ji-hoon", "Moon Jae-in"):
        Korean and Chinese given names are hyphenated in romanisation.  A Western given name
        so joined, both parts capitalised, is followed by the family name: "Hans-Peter | Müller"
        (one capitalised word, not on an all-caps line)."""
        b0 = b
        while b + 1 < d.n and d.toks[b] == "-" and d.kinds[b + 1] == WORD \
                and d.ends[b - 1] == d.start(b) and d.ends[b] == d.start(b + 1):
            b += 2
        if b > b0 and d.cap[b - 1] and b < d.n and d.kinds[b] == WORD and d.cap[b] \
                and not d.capsline[b] \
                and not d.toks[b].isupper() and (b + 1 >= d.n or not d.cap[b + 1]
                                                 or d.kinds[b + 1] != WORD):
            b += 1
        return b

    @staticmethod
    def _in_parens(d: _Doc, i: int, j: int) -> bool:
        """Is tokens[i:j] the whole content of a pair of parentheses?"""
        return i > 0 and j < d.n and d.toks[i - 1] == "(" and d.toks[j] == ")"

    def _plural(self, d: _Doc, i: int) -> bool:
        """Does a plural marker precede the admin word at ``i`` ("các xã", "3 phường")?"""
        p = i - 1
        return p >= 0 and (d.kinds[p] == NUM or (d.kinds[p] == WORD and d.keys[p] in self.quant))

    def _place_list(self, d: _Doc, i: int, a: Entry, j: int, out: list[Found]) -> int:
        """Names listed after a plural admin word are places of that kind, each one a LOC
        without the admin word: "các xã Ea Kly, Ea Phê và Hòa An" -> "Ea Phê", "Hòa An"."""
        word = " ".join(d.toks[i:i + len(a.keys)])
        while j + 1 < d.n and (d.toks[j] == "," or d.keys[j] == "và"):
            k = j + 1
            if d.toks[j] == "," and d.keys[k] == "và":
                k += 1
            if not self._is_word(d, k) or not d.cap[k] \
                    or self._match(d, k, self.lex, _HEADLIKE) is not None:
                break
            end = self._place_name(d, k, a, False, False)
            if end is None:
                break
            out.append(("LOC", k, end, ("admin", word, " ".join(d.toks[k:end]))))
            j = end
        return j

    def _paren_acronym(self, d: _Doc, j: int, out: list[Found]) -> int:
        """One capitalised word in parentheses right after an organization's name is its
        short name, an ORG too: "Ngân hàng Nông nghiệp … (Agribank)"; a place there is LOC.
        So is an acronym with the body's place: "Trung tâm Kiểm soát bệnh tật tỉnh Đắk Lắk
        (CDC Đắk Lắk)", one ORG, the place inside it not a LOC of its own."""
        if j + 3 < d.n and d.toks[j] == "(" and d.kinds[j + 1] == WORD \
                and len(d.toks[j + 1]) >= 2 and d.toks[j + 1].isupper() \
                and not d.capsline[j + 1] and self._is_word(d, j + 2) and d.cap[j + 2] \
                and self._match(d, j + 1, self.lex, _TOP) is None:  # "(TP Đà Nẵng)": LOC
            p = self._match(d, j + 2, self.lex, _PLACE)
            k = j + 2 + len(p.keys) if p is not None else self._unit_len(d, j + 2) + j + 2
            if k > j + 2 and k < d.n and d.toks[k] == ")":
                out.append(("ORG", j + 1, k, None))
                return k + 1
        if j + 2 < d.n and d.toks[j] == "(" and d.toks[j + 2] == ")" \
                and d.kinds[j + 1] == WORD and d.cap[j + 1] and not d.capsline[j + 1]:
            p = self._match(d, j + 1, self.lex, _PLACE)
            t = d.toks[j + 1]
            if p is not None:
                out.append(("LOC", j + 1, j + 2, ("place", None, p.payload)))
                return j + 3
            # an acronym ("IRRI") or a brand ("Agribank"), not a Vietnamese syllable ("Ảnh")
            if ((len(t) >= 2 and t.isupper()) or (len(t) >= 6 and t.isascii())) \
                    and self._match(d, j + 1, self.lex, _TOP) is None:
                out.append(("ORG", j + 1, j + 2, None))
                return j + 3
        return j

    def _generic(self, d: _Doc, i: int) -> bool:
        """A head after "các", "mỗi", a number …: a common noun, not a name."""
        p = i - 1
        if p < 0:
            return False
        if d.kinds[p] == NUM:
            return True
        if d.kinds[p] != WORD:
            return False
        if d.keys[p] in self.quant:
            return not (p >= 1 and d.keys[p - 1] == "thứ")  # "lần thứ tám Ban …" is ordinal
        return p >= 1 and d.kinds[p - 1] == WORD and f"{d.keys[p - 1]} {d.keys[p]}" in self.quant

    def _lower_elsewhere(self, d: _Doc, i: int, j: int) -> bool:
        """A bare head opening a sentence ("Đảng bộ đã …") whose capital says nothing: it is a
        common noun if the document writes it in lower case elsewhere ("đảng bộ kết nạp")."""
        low = " ".join(d.toks[i:j]).lower()
        return low in d.text

    def _cap_fallback(self, d: _Doc, i: int, out: list[Found]) -> int:
        """A capitalised run nothing else explains: a full name if it starts with a surname."""
        j = self._cap_run(d, i)
        # stop the run at a head or admin word that starts something else
        k = i + 1
        while k < j:
            e = self._match(d, k, self.lex, _HEADLIKE_PLACE) \
                if d.keys[k] in self._headlike_place else None
            if e is not None and not self._name_syllable(d, i, k, e, j):
                j = k
                break
            k += 1
        if j - i == 1:
            # one capital (a sentence's first word, most often): no place, full name or list
            # item has one syllable, so only the company check and the bookkeeping below
            if self._companies and (d.keys[i],) in self._companies:
                out.append(("ORG", i, j, None))
            elif not self._sentence_initial(d, i):
                self._unexplained.append((i, j))
            elif j < d.n and d.kinds[j] == WORD and not d.cap[j]:
                self._initials.append(i)  # "Hằng trực tiếp lập …": maybe a given name
            return j
        if j - i >= 2 and self._unit_len(d, i) == j - i and (
                j - i == 2 or not self._person_run(d, i, j)):
            # a district named without its admin word: "Nông dân Krông Pắc đổi đời".  The
            # admin data wins over a family name when the run has two syllables ("Lâm Hà"):
            # a full name of two syllables is rare, a district of two is the rule.  Linked
            # as a district (any district word: huyện, quận, thị xã, thành phố).
            if not self._facility_before(d, i):
                out.append(("LOC", i, j, ("admin", "huyện", " ".join(d.toks[i:j]))))
            return j
        if self._person_run(d, i, j):
            out.append(("PER", i, j, None))
            self._persons.add(tuple(d.keys[i:j]))
            return j
        if self._companies and tuple(d.keys[i:j]) in self._companies:
            out.append(("ORG", i, j, None))  # a company by the short name it was given
            return j
        if 2 <= j - i <= 4 and self._list_item(d, i, j):
            # "Ủy viên Ban Thường vụ: Ka Lim; Phan Quốc Việt": items of a ';' list of names
            out.append(("PER", i, j, None))
            self._persons.add(tuple(d.keys[i:j]))
            return j
        if 2 <= j - i <= 4 and self._credit(d, i, j):
            out.append(("PER", i, j, None))  # "Ảnh: Diệu Linh"
            self._persons.add(tuple(d.keys[i:j]))
            return j
        if j - i >= 2 and self._sentence_initial(d, i):
            # "Tại Hà Nội", "Theo Nguyễn Văn A": the first capital is the sentence's own
            return i + 1
        if j - i >= 1 and not (j - i == 1 and self._sentence_initial(d, i)):
            self._unexplained.append((i, j))
        return j

    @staticmethod
    def _brand_before(d: _Doc, i: int) -> bool:
        """Is the word before ``i`` a brand: a capitalised ASCII word of 3+ letters that is
        no Vietnamese syllable shape alone ("Agribank", "BIDV", "Vietcombank")?"""
        p = i - 1
        if p < 0 or d.kinds[p] != WORD or not d.cap[p] or d.capsline[p]:
            return False
        t = d.toks[p]
        return t.isascii() and (len(t) >= 6 or (len(t) >= 3 and t.isupper()))

    def _facility_before(self, d: _Doc, i: int) -> bool:
        """Does a facility noun (``ner_facility_words``), maybe with "quốc tế", stand right
        before ``i``?  Then the name there is the facility's, not a place."""
        p = i
        if p >= 2 and d.keys[p - 2] == "quốc" and d.keys[p - 1] == "tế":
            p -= 2
        for m in (3, 2, 1):
            a = p - m
            if a >= 0 and all(d.kinds[x] == WORD and not d.cap[x] for x in range(a, p)) \
                    and " ".join(d.keys[a:p]) in self.facility:
                return True
        return False

    def _credit(self, d: _Doc, i: int, j: int) -> bool:
        """Is tokens[i:j] a whole credit name: "<label>:" before it (``ner_credit_labels``),
        the end of the line after it, and no abbreviation in it?"""
        if i < 2 or d.toks[i - 1] != ":" or (j < d.n and d.kinds[j] != NL):
            return False
        if any(len(t) > 1 and t.isupper() for t in d.toks[i:j]):
            return False
        for m in (3, 2, 1):  # the label: the words right before the colon
            a = i - 1 - m
            if a >= 0 and " ".join(d.keys[a:i - 1]) in self.credit and (
                    a == 0 or d.kinds[a - 1] in (NL, PUNCT)):
                return True
        return False

    @staticmethod
    def _list_item(d: _Doc, i: int, j: int) -> bool:
        """Is tokens[i:j] a whole item of a list written with ';' (after ':' or ';', before
        ';', or after ';' before the end of the sentence)?  News lists people that way."""
        before = d.toks[i - 1] if i > 0 else ""
        after = d.toks[j] if j < d.n else "\n"
        return (before in (":", ";") and after == ";") or (before == ";" and after in ".\n")

    def _name_syllable(self, d: _Doc, i: int, k: int, e: Entry, run_end: int) -> bool:
        """Is the lexicon match ``e`` at ``k`` the last syllable of a name that starts at ``i``?

        A given name may be a one-syllable country ("Vũ Thị Thanh Nga", "Trần Văn Pháp") or
        a head that needs a name after it ("Cao Xuân Trường", "Lê Văn Hội"): at the end of
        the capitalised run, with nothing for it to name, it is the person's name.
        """
        if len(e.keys) != 1 or k + 1 != run_end or not 2 <= run_end - i <= 4:
            return False
        if e.kind == "place":
            return self._person_run(d, i, run_end)
        if e.kind == "head":
            flags = e.payload or ""
            return "S" not in flags and "L" not in flags
        return False

    def _title(self, d: _Doc, i: int, e: Entry, out: list[Found]) -> int:
        """Titles and honorifics, then an optional ORG, then the person's name."""
        j = i + len(e.keys)
        honor_only = e.kind == "honor"
        # chained titles: "Phó Bí thư Thường trực", "đồng chí Bí thư", "Giám đốc, bác sĩ"
        while j < d.n and self._is_word(d, j):
            t = self._match(d, j, self.lex, _TITLES)
            if t is None:
                break
            if d.cap[j] and self._surname_name(d, j):
                break  # "thầy Ông Văn Tùng": a rare family name, not a second honorific
            honor_only = honor_only and t.kind == "honor"
            j += len(t.keys)
        if not self._is_word(d, j) or not d.cap[j]:
            return j
        named = self._surname_name(d, j)
        if named:
            # "Luật sư Đoàn Minh Triết": a family name that is also a head ("Đoàn")
            out.append(("PER", j, named, None))
            self._persons.add(tuple(d.keys[j:named]))
            return named
        if not honor_only:
            h = self._match(d, j, self.lex, _HEADS)
            if h is not None and h.kind == "head":
                k = self._org(d, j, h, True, out)
                if k is None:
                    return self._bare_head(d, j, h, out)
                j = self._paren_acronym(d, k, out)
                if not self._is_word(d, j) or not d.cap[j]:
                    return j
        # the name: capitalised words up to a head, admin word or title
        end = self._cap_run(d, j, 5)
        k = j + 1
        while k < end:
            h = self._match(d, k, self.lex, _HEADLIKE)
            if h is not None and not self._name_syllable(d, j, k, h, end):
                end = k
                break
            k += 1
        if self._match(d, j, self.lex, _HEADLIKE) is not None:
            return j
        if end - j > 4:
            # "Trưởng thôn Pạc Bo Vàng Thị Dín": the unit's name, then the person's
            k = self._split_person(d, j, True, True)
            if k <= j or self._cap_run(d, k) - k > 4:
                return j
            j, end = k, self._cap_run(d, k)
        pl = self._match(d, j, self.lex, _PLACE)
        if pl is not None and j + len(pl.keys) == end:
            # "Đại sứ Nhật Bản": a title of a country, not a person; the person may follow
            # the host country: "Đại sứ Hàn Quốc tại Việt Nam Park Ji-hoon"
            out.append(("LOC", j, end, ("place", None, pl.payload)))
            host = self._match(d, end + 1, self.lex, _PLACE) \
                if end + 1 < d.n and d.keys[end] == "tại" and self._is_word(d, end + 1) else None
            if host is not None:
                k = end + 1 + len(host.keys)
                out.append(("LOC", end + 1, k, ("place", None, host.payload)))
                if self._is_word(d, k) and d.cap[k]:
                    run = self._cap_run(d, k, 5)
                    if self._person_run(d, k, run) or (
                            2 <= run - k <= 4 and self._match(d, k, self.lex, _TOP) is None):
                        out.append(("PER", k, run, None))
                        self._persons.add(tuple(d.keys[k:run]))
                        return run
                return k
            return end
        if end - j == 1 and self._is_word(d, end) and d.cap[end] and (
                h := self._match(d, end, self.lex, _HEADS)) is not None and h.kind == "head":
            # "Trưởng khoa Nhiễm Bệnh viện …": a department's name before its parent body,
            # not a person (a person's name follows the body, not the reverse)
            return end
        out.append(("PER", j, end, None))
        if end - j >= 2:
            self._persons.add(tuple(d.keys[j:end]))
        return end

    def _field_list(self, d: _Doc, j: int) -> bool:
        """Do the tokens at ``j`` (after a comma inside a name) close a list of fields with
        "và": a capitalised field of 1-3 syllables that is no head, title, place or full
        name, then "và" and a capital ("Sở Lao động, | Thương binh và Xã hội")?"""
        if not self._is_word(d, j) or not d.cap[j] \
                or self._match(d, j, self.lex, _HEADLIKE_PLACE) is not None \
                or self._match(d, j, self.lex, _TITLES) is not None:
            return False
        k = j + 1
        while k < d.n and k - j < 3 and self._is_word(d, k) and not d.cap[k] \
                and d.keys[k] != "và" and d.keys[k] not in self.function_stop \
                and d.keys[k] not in self.verb_stop:
            k += 1
        if not (k + 1 < d.n and d.keys[k] == "và" and self._is_word(d, k + 1)
                and d.cap[k + 1]):
            return False
        if self._match(d, k + 1, self.lex, _HEADLIKE_PLACE) is not None \
                and not self._compound(d, k + 1):  # "Xã hội" is a field, not a commune
            return False
        return not self._person_run(d, j, self._cap_run(d, j))

    def _bare_head(self, d: _Doc, i: int, h: Entry, out: list[Found]) -> int:
        """A head that needs a name, standing alone mid-sentence ("…, Sở đã ban hành"): the
        body the document already named in full with that head ("Sở Y tế"), so an ORG
        (guidelines: capitalised is the test).  At a sentence's start the capital says
        nothing, and a head never named in full may be a common noun."""
        j = i + len(h.keys)
        if h.keys in self._org_heads and not self._sentence_initial(d, i) \
                and not (j < d.n and d.kinds[j] == WORD and d.cap[j]):
            out.append(("ORG", i, j, None))
        return j

    def _surname_name(self, d: _Doc, j: int) -> int:
        """End of a full name at ``j`` whose family name is also a head or an honorific
        ("Đoàn Minh Triết", "Ông Văn Tùng"), 0 if none: after a title or honorific, a family
        name, then one or two capitalised syllables that are neither heads nor places, then
        no capital."""
        if d.keys[j] not in self._surname_heads:
            return 0
        run = self._cap_run(d, j, 5)
        if not 3 <= run - j <= 4 or not self._person_run(d, j, run):
            return 0
        for k in range(j + 1, run):
            if self._match(d, k, self.lex, _HEADLIKE_PLACE) is not None:
                return 0
        return run

    def _org(self, d: _Doc, i: int, head: Entry, title_ctx: bool,
             out: list[Found]) -> int | None:
        """Extend an organization from its head at ``i``; emit it; return the end token."""
        n = d.n
        j = i + len(head.keys)
        end = j
        flags = head.payload or ""
        standalone = "S" in flags
        state = "head"  # head | cap1 (one capital) | capn (a proper name) | tail | ltail | num
        tail_left = 6 if "L" in flags else 0
        has_name = False
        first_key: str | None = None
        first_tail_end = -1
        budget_out = False
        committed = end
        split_at = -1
        low_run = 0  # lower-case syllables since the last capital, head or number
        solid_end = end  # end of the last capital, head or number
        # a body of a foreign country or a representation ("Văn phòng đại diện") may end with
        # "tại" + the host country: "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam"
        foreign = "A" in flags
        while j < n and d.kinds[j] != NL and not d.capsline[j]:
            k = d.kinds[j]
            if k == WORD and d.cap[j]:
                low_run = 0
                h = self._match(d, j, self.lex, _HEADS)
                if h is not None and h.kind == "head":
                    j += len(h.keys)
                    end = solid_end = j
                    state = "head"
                    tail_left = 6 if "L" in (h.payload or "") else 0
                    has_name = True
                    foreign = foreign or "A" in (h.payload or "")
                    continue
                if h is not None and h.kind == "honor" and state == "head":
                    # a profession right after the head is the body's field, not a title:
                    # "Đoàn Luật sư tỉnh …", "Hội Nhà báo …"
                    j += len(h.keys)
                    end = solid_end = j
                    state = "tail"
                    first_tail_end = j
                    tail_left = 2
                    has_name = True
                    continue
                if h is not None and h.kind != "block":  # a title ends the name
                    break
                a = self._match(d, j, self.lex, _ADMIN)
                k2 = self._loc(d, j, a, title_ctx, None) if a is not None else None
                if a is not None and (k2 is not None or a.keys[0] == "tp"
                                      or d.keys[j] == "thành"):
                    # without a name: "Sở Y tế TP", "Đảng bộ Thành phố"
                    bare = j + len(a.keys) if a.keys[-1] != "." else j + 1
                    end = k2 if k2 is not None else bare
                    has_name = True
                    state = "done"
                    break
                p = self._match(d, j, self.lex, _PLACE)
                plen = len(p.keys) if p is not None else 0
                ulen = self._unit_len(d, j)
                if ulen > plen or (p is not None and (state != "head" or has_name)):
                    # "Sở Y tế Cao Bằng", "Thành ủy TPHCM"; a district from the admin data
                    # wins over a shorter country or a surname: "Huyện ủy Đức Trọng"
                    end = j + max(plen, ulen)
                    if ulen <= plen and self._is_country(p):
                        foreign = foreign or d.keys[j] != "việt"
                    end = self._after_place(d, end, title_ctx, foreign)
                    has_name = True
                    state = "done"
                    break
                if ROMAN_RE.fullmatch(d.toks[j]) and state != "head":
                    break
                if j == split_at:
                    break  # "Quận ủy Liên Chiểu | Đặng Ngọc Nhân"
                if d.kinds[j - 1] != WORD or not d.cap[j - 1]:
                    split_at = self._split_person(d, j, title_ctx, has_name or standalone)
                    if j == split_at:
                        break
                if p is not None and state == "head" and not has_name:
                    end = self._after_place(d, j + len(p.keys), title_ctx, foreign)
                    has_name = True
                    state = "done"
                    break
                prev_cap = state in ("cap1", "capn") and d.kinds[j - 1] == WORD
                state = "capn" if prev_cap else "cap1"
                tail_left = 3 if state == "cap1" else 0
                if first_key is None:
                    first_key = d.keys[j]
                j += 1
                end = solid_end = j
                has_name = True
                first_tail_end = -1
                continue
            if k == WORD:
                key = d.keys[j]
                if key == "và" and state in ("cap1", "capn", "tail", "num") \
                        and self._is_word(d, j + 1) and d.cap[j + 1]:
                    nxt = self._match(d, j + 1, self.lex, _HEADLIKE)
                    if nxt is not None and (nxt.kind != "admin" or self._loc(
                            d, j + 1, nxt, title_ctx, None) is not None):
                        break  # "Sở Y tế và Công an tỉnh": two organizations
                    if d.keys[j + 1] == first_key or state == "num":
                        # shared head: "Bệnh viện Nhi đồng 1 và Nhi đồng TP" -> two ORGs
                        out.append(("ORG", i, end, None))
                        sub = self._org(d, j + 1, _HEADLESS, title_ctx, out)
                        return sub if sub is not None else j + 1
                    j += 1  # "Sở Giáo dục và Đào tạo": one name
                    continue
                # a listed compound ("xã hội", "giao thông") is one lower-case word, never
                # an admin word or a verb: "Ngân hàng Chính sách xã hội tỉnh …"
                step = self._compound(d, j) or 1
                a = self._match(d, j, self.lex, _ADMIN) if step == 1 else None
                if a is not None:  # "UBND tỉnh", "Công an huyện", "… quận Liên Chiểu"
                    k2 = self._loc(d, j, a, title_ctx, None)
                    end = k2 if k2 is not None else j + len(a.keys)
                    has_name = True
                    state = "done"
                    break
                if key == "tại" and foreign and has_name:
                    k2 = self._host_place(d, j)
                    if k2 > 0:  # "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam"
                        end = k2
                        state = "done"
                        break
                if step == 1 and (key in self.function_stop
                                  or self._stop2(d, j, self.function_stop)):
                    break
                verb = step == 1 and (key in self.verb_stop or self._stop2(d, j, self.verb_stop))
                if not verb and state in ("head", "tail", "ltail") \
                        and (state != "head" or standalone or "L" in flags):
                    k2 = self._anchored_run(d, j)
                    if k2 > 0:
                        # "Ban Quản lý dự án đầu tư xây dựng công trình giao thông | tỉnh …"
                        low_run += k2 - j
                        j = end = k2
                        state = "ltail"
                        has_name = True
                        continue
                if verb and state == "tail" and low_run == 1 and j == i + len(head.keys) + 2 \
                        and (f"{d.keys[j - 2]} {d.keys[j - 1]}" in self.verb_stop
                             or f"{d.keys[j - 2]} {d.keys[j - 1]}" in self.field_verb) \
                        and (key in self.field_verb or self._stop2(d, j, self.field_verb)):
                    # the name's first part is a verb and takes its object: "Quỹ Hỗ trợ |
                    # phát triển hợp tác xã", "Trung tâm Xúc tiến | đầu tư thương mại"
                    step = 2 if self._stop2(d, j, self.field_verb) else 1
                    j = end = j + step
                    low_run += step
                    tail_left = 3
                    continue
                if (state == "cap1" and not verb) or (state == "cap1" and d.kinds[j - 1] == WORD \
                        and d.cap[j - 1] and not self._stop2(d, j, self.verb_stop)):
                    # second syllable of a capitalised compound: "Y tế", "Đào tạo"
                    state = "tail"
                    j += step
                    end = j
                    low_run += step
                    first_tail_end = j
                    tail_left -= 1
                    continue
                if verb:
                    break
                if state == "capn" or (state == "ptail" and tail_left > 0):
                    # after a proper name a lower-case word belongs to the name
                    # only if a capital or number follows ("Bệnh Nhiệt đới Trung ương");
                    # "Bệnh viện Tây Nam | mổ …" ends at the name
                    if state == "capn":
                        committed = end
                        tail_left = 2
                    state = "ptail"
                    j += step
                    end = j
                    low_run += step
                    tail_left -= 1
                    continue
                if state in ("tail", "ltail", "head") and tail_left > 0 \
                        and (state != "head" or "L" in flags or "L" in (head.payload or "")):
                    if state == "head":
                        state = "ltail"
                    j += step
                    end = j
                    low_run += step
                    tail_left -= 1
                    has_name = True
                    continue
                budget_out = state == "tail"
                break
            if k == NUM:
                # a number is part of a name right after a capital or the one lower-case
                # syllable of a capitalised compound ("Nhân dân 115", "Quân y 175"); after a
                # longer lower-case run it is the object of a verb ("Ngân hàng Thế giới |
                # trị giá 45 triệu USD"), so that run is not the name's either
                if (state in ("cap1", "capn") or (state == "tail" and low_run == 1)) \
                        and len(d.toks[j]) <= 3 and self._num_ok(d, j + 1):
                    j += 1
                    end = solid_end = j
                    low_run = 0
                    state = "num"
                    continue
                if state == "tail" and low_run >= 2:
                    end = first_tail_end if 0 < first_tail_end <= end else solid_end
                    state = "cut"
                break
            if k == PUNCT and d.toks[j] == "&" and state in ("cap1", "capn") and j + 1 < n \
                    and d.kinds[j + 1] == WORD and d.cap[j + 1] and not d.capsline[j + 1] \
                    and d.ends[j - 1] == d.start(j) and d.ends[j] == d.start(j + 1):
                j += 1  # abbreviations joined by "&": "Sở GD&ĐT", "Sở KH&CN"
                continue
            if k == PUNCT and d.toks[j] == "," and state in ("cap1", "capn", "tail") \
                    and self._field_list(d, j + 1):
                j += 1  # "Bộ Văn hóa, Thể thao và Du lịch": one name
                continue
            if k == PUNCT and d.toks[j] in DASHES and state != "head" and j + 1 < n \
                    and d.kinds[j + 1] == WORD and not d.capsline[j + 1]:
                if d.cap[j + 1] and self._match(d, j + 1, self.lex, _HEADLIKE) is None:
                    j += 1  # "Mắt - Tai mũi họng": continue at the capital
                    state = "dash"
                    continue
                if state == "ltail" and not d.cap[j + 1] \
                        and d.keys[j + 1] not in self.function_stop \
                        and d.keys[j + 1] not in self.verb_stop:
                    j += 1  # "Câu lạc bộ y - bác sĩ trẻ"
                    continue
            break
        if budget_out and first_tail_end > 0 and state != "cut":
            end = first_tail_end  # an over-long lower-case run: keep the compound only
        if state == "ptail":
            end = committed
        if not has_name and not standalone:
            return None
        out.append(("ORG", i, end, None))
        self._org_heads.add(head.keys)
        if "B" in flags:
            self._company_name(d, i + len(head.keys), end)
        return end

    def _company_name(self, d: _Doc, j: int, end: int) -> None:
        """Remember the proper name of a business ("Công ty TNHH | Hanvina Wood"): the
        article names the company by it alone later.  Only an all-capitalised name of
        1-3 words with no place in it ("Sữa Việt Nam" is not one)."""
        while j < end and d.toks[j] in self.legal:
            j += 1
        if end - j > 3:
            # a sentence-case trade ("Đầu tư Địa ốc") then the brand in title case: the
            # brand alone, 2-3 words after a lower-case syllable ("… Địa ốc | Phú Thịnh Land")
            k = end
            while k > j and end - k < 4 and d.kinds[k - 1] == WORD and d.cap[k - 1]:
                k -= 1
            if not (2 <= end - k <= 3 and d.kinds[k - 1] == WORD and not d.cap[k - 1]):
                return
            j = k
        if not 1 <= end - j <= 3:
            return
        for k in range(j, end):
            if d.kinds[k] != WORD or not d.cap[k] or d.toks[k] in self.legal \
                    or self._match(d, k, self.lex, _HEADLIKE_PLACE) is not None:
                return
        if end - j == 1 and len(d.toks[j]) < 4:
            return  # "Công ty A": too short to recognise alone
        self._companies.add(tuple(d.keys[j:end]))

    def _split_person(self, d: _Doc, j: int, title_ctx: bool, named: bool) -> int:
        """Where a person's name starts inside the capitalised run at ``j`` (-1: nowhere).

        Only after a title ("Phó Bí thư Huyện ủy X Y Z") or for a name the document already
        gave as a person.  Among the places a family name could start, prefer the one that
        leaves a known administrative unit before it ("Mường Khương | Giàng Seo Phử"), then
        a three-syllable name, the commonest Vietnamese shape.
        """
        run = self._cap_run(d, j)
        cands = [k for k in range(j, run - 1) if self._person_run(d, k, run)
                 and (k > j or named)]
        if not cands:
            return -1
        if not title_ctx:
            cands = [k for k in cands if tuple(d.keys[k:run]) in self._persons]
            if not cands:
                return -1
        names = unit_names()
        for k in cands:
            if k > j and " ".join(d.keys[j:k]) in names:
                return k
        for k in cands:
            if run - k == 3:
                return k
        return cands[0]

    def _compound(self, d: _Doc, j: int) -> int:
        """Tokens of a listed lower-case compound at ``j`` ("xã hội", "hợp tác xã", "phòng,
        chống"), 0 if none: a three-token entry is tried first."""
        n, kinds, keys = d.n, d.kinds, d.keys
        if j + 1 >= n or kinds[j + 1] == NL or d.cap[j + 1]:
            return 0
        comp = self.compound
        if j + 2 < n and kinds[j + 2] == WORD and not d.cap[j + 2] \
                and f"{keys[j]} {keys[j + 1]} {keys[j + 2]}" in comp:
            return 3
        return 2 if kinds[j + 1] == WORD and f"{keys[j]} {keys[j + 1]}" in comp else 0

    def _anchored_run(self, d: _Doc, j: int) -> int:
        """The admin word or nested head that ends a long lower-case run inside a name at
        ``j`` (-1: none).

        Sentence-case names capitalise only the first syllable of each part, so a name's
        field can run over several lower-case words, verbs among them used as nouns: "Ban
        Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh Đồng Nai".  The run belongs
        to the name when it reaches the name's own admin word within 10 syllables with no
        function word, punctuation, number or capital on the way; or a nested head ("Cơ quan
        Cảnh sát điều tra Công an tỉnh") with no listed verb on the way ("Sở Y tế | phối hợp
        Công an …").  The caller checks that the run does not open with a verb ("Sở Y tế |
        hướng dẫn xã …" is a predicate).
        """
        n, kinds, cap = d.n, d.kinds, d.cap
        k = j
        verbs = False
        while k < n and k - j <= 10 and kinds[k] == WORD and not cap[k]:
            step = self._compound(d, k)
            if step:
                k += step
                continue
            key = d.keys[k]
            if key in self.function_stop or self._stop2(d, k, self.function_stop):
                return -1
            if k > j and self._match(d, k, self.lex, _ADMIN) is not None:
                return k
            verbs = verbs or key in self.verb_stop or self._stop2(d, k, self.verb_stop)
            k += 1
        if k - j >= 2 and not verbs and self._is_word(d, k) and cap[k]:
            h = self._match(d, k, self.lex, _HEADS)
            if h is not None and h.kind == "head":
                return k  # "Phòng Cảnh sát phòng, chống tội phạm môi trường | Công an tỉnh"
        return -1

    def _unit_len(self, d: _Doc, j: int) -> int:
        """Syllables of a district or province name (2-4, from the admin data) at ``j``."""
        if d.keys[j] not in district_first():
            return 0
        names = district_names()
        for m in (4, 3, 2):
            if j + m <= d.n and all(d.kinds[x] == WORD and d.cap[x]
                                    for x in range(j, j + m)) \
                    and " ".join(d.keys[j:j + m]) in names:
                return m
        return 0

    @staticmethod
    def _is_country(p: Entry | None) -> bool:
        if p is None:
            return False
        kp = places.known_place(p.payload or "")
        return kp is not None and kp[0] == "country"

    def _host_place(self, d: _Doc, j: int) -> int:
        """End of "tại" + a country or province at ``j`` (-1 if none there)."""
        if j + 1 >= d.n or not self._is_word(d, j + 1) or not d.cap[j + 1]:
            return -1
        p = self._match(d, j + 1, self.lex, _PLACE)
        if p is None:
            return -1
        kp = places.known_place(p.payload or "")
        if kp is not None and kp[0] not in ("country", "province"):
            return -1
        end = j + 1 + len(p.keys)
        if end < d.n and d.kinds[end] == WORD and d.cap[end] and not d.capsline[end]:
            return -1  # part of a longer name
        return end

    def _after_place(self, d: _Doc, j: int, title_ctx: bool, foreign: bool) -> int:
        """Where an organization ends after a place inside its name at ``j``.

        A lower-case admin word still belongs to it, with its own place or, standing for the
        article's province, without ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Liên hiệp
        Thanh niên Việt Nam tỉnh Nghệ An"); so does "tại" + the host country of a foreign body.
        """
        if j >= d.n or not self._is_word(d, j) or d.cap[j]:
            return j
        if d.keys[j] == "tại":
            k = self._host_place(d, j) if foreign else -1
            return k if k > 0 else j
        if self._compound(d, j):
            return j
        a = self._match(d, j, self.lex, _ADMIN)
        if a is None:
            return j
        k2 = self._loc(d, j, a, title_ctx, None)
        if k2 is not None:
            return k2
        nxt = j + len(a.keys)
        if nxt < d.n and d.kinds[nxt] == WORD and not d.cap[nxt] \
                and d.keys[nxt] not in self.function_stop and d.keys[nxt] not in self.verb_stop:
            return j  # "Việt Nam | xã hội hóa …": not an admin word here
        return nxt

    def _stop2(self, d: _Doc, j: int, stops: set[str]) -> bool:
        """A two-syllable stop phrase at ``j`` ("tổ chức", "nhiệm kỳ")."""
        return j + 1 < d.n and d.kinds[j + 1] == WORD and f"{d.keys[j]} {d.keys[j + 1]}" in stops

    def _num_ok(self, d: _Doc, j: int) -> bool:
        """May a number before token ``j`` belong to a name ("Nhân dân 115", "Nhi đồng 1")?"""
        if j >= d.n:
            return True
        k = d.kinds[j]
        if k == PUNCT:
            return not (d.toks[j] in "/.,:-" and j + 1 < d.n and d.kinds[j + 1] == NUM)
        if k == WORD and not d.cap[j]:
            # "Nhân dân 115 triển khai" but not "Sở Y tế 5 năm", "… 20 người"
            return d.keys[j] == "và" or not (d.keys[j] in self.function_stop
                                            or self._stop2(d, j, self.function_stop))
        return k != NUM

    def _loc(self, d: _Doc, i: int, a: Entry, title_ctx: bool,
             out: list[Found] | None) -> int | None:
        """Admin word at ``i`` and the place name after it; emit LOC when ``out`` is given."""
        j = i + len(a.keys)
        dotted = a.keys[-1] == "."
        is_tp = a.keys[0] == "tp"
        name_end = self._place_name(d, j, a, title_ctx, dotted)
        if name_end is None:
            if is_tp:
                if out is not None:
                    out.append(("LOC", i, i + 1, ("city", None, None)))
                return i + 1
            return None
        if out is not None:
            word = " ".join(d.toks[i:j])
            name = " ".join(d.toks[j:name_end])
            out.append(("LOC", i, name_end, ("admin", word, name)))
        return name_end

    def _place_name(self, d: _Doc, j: int, a: Entry, title_ctx: bool,
                    dotted: bool) -> int | None:
        if not self._is_word(d, j) and not (j < d.n and d.kinds[j] == NUM):
            return None
        if d.kinds[j] == NUM:
            # "Quận 1", "phường 12"
            if a.payload in ("district", "ward") and len(d.toks[j]) <= 2 and self._num_ok(d, j + 1):
                return j + 1
            return None
        if not d.cap[j]:
            return None
        p = self._match(d, j, self.lex, _PLACE, ignore_case=False)
        if p is not None and (j + len(p.keys) >= d.n or not d.cap[j + len(p.keys)]
                              or d.kinds[j + len(p.keys)] != WORD):
            return j + len(p.keys)
        if self._match(d, j, self.lex, _HEADLIKE) is not None:
            return None
        # the name: capitalised words and " - " joins ("Bà Rịa - Vũng Tàu"), at most 5
        end = j
        k = j
        cut = -1  # a head inside the run ends the name, unless a known unit goes on over it
        while k < d.n and k - j < 7:
            if d.kinds[k] == WORD and d.cap[k] and not d.capsline[k]:
                if k > j and cut < 0 and self._match(d, k, self.lex, _HEADLIKE) is not None:
                    cut = k
                k += 1
                end = k
                continue
            if d.kinds[k] == PUNCT and d.toks[k] in DASHES and k + 1 < d.n \
                    and d.kinds[k + 1] == WORD and d.cap[k + 1] and k > j:
                k += 1
                continue
            break
        names = unit_names()
        if cut > 0:
            # "xã Tân Hội", "phường Tân Phòng": a unit of the admin data, head and all
            for stop in range(end, cut, -1):
                if " ".join(d.keys[j:stop]) in names:
                    return stop
            end = cut
        if end == j:
            return None
        # the longest known unit that starts the run ("Liên Chiểu | Đặng Ngọc Nhân")
        best = None
        for stop in range(end, j, -1):
            if " ".join(d.keys[j:stop]) in names:
                best = stop
                break
        if best is not None:
            return best
        if dotted:
            return None  # "TP." then an unknown capital: a sentence may start there
        if (title_ctx or a.keys[0] == "tp") and self._surname_at(d, j):
            return None
        for k in range(j + 1, end):
            if self._surname_at(d, k) and self._person_run(d, k, end):
                return k
        return end

    # ------------------------------------------------------------------ later passes

    def _second_pass(self, d: _Doc, out: list[Found]) -> None:
        """Runs left unexplained that repeat a full name the document gave as PER, or its
        given name alone (guidelines: a given name used alone as a reference is PER).

        A single capitalised syllable is the given name (the last syllable) of a full name
        given earlier in the document: "Âu Dương Minh Khôi … Khôi vẫn chỉ đạo".  Mid-sentence
        a capital says that much; at a sentence's start only if the word is never written in
        lower case in the document and the next word is a function word or a listed verb
        ("Hằng trực tiếp lập …", but not "Hòa bình lập lại …").
        """
        if not self._persons or not (self._unexplained or self._initials):
            return
        given: dict[str, int] = {}  # given name -> first token of its earliest full name
        for typ, a, b, _ in out:
            if typ == "PER" and b - a >= 2:
                g = d.keys[b - 1]
                if g not in given or a < given[g]:
                    given[g] = a
        keep = []
        for a, b in self._unexplained:
            if tuple(d.keys[a:b]) in self._persons or (
                    b - a == 1 and given.get(d.keys[a], a) < a):
                out.append(("PER", a, b, None))
            else:
                keep.append((a, b))
        self._unexplained = keep
        lower: set[str] | None = None
        stops = (self.function_stop, self.verb_stop)
        for a in self._initials:
            # at a sentence's start the next word must be a function word or a listed verb
            # ("Toàn thừa nhận"), not the second syllable of a word ("Hòa bình")
            if given.get(d.keys[a], a) < a and any(
                    d.keys[a + 1] in st or self._stop2(d, a + 1, st) for st in stops):
                if lower is None:
                    lower = {t for t in d.toks if t[:1].islower()}
                if d.toks[a].lower() not in lower:
                    out.append(("PER", a, a + 1, None))

    def _capslines(self, d: _Doc, out: list[Found]) -> None:
        """All-caps lines: names the body gave in mixed case, heads that stand alone, places."""
        if not any(d.capsline):
            return
        kinds, keys = d.kinds, d.keys
        on_caps = [i for i in compress(range(d.n), d.capsline) if kinds[i] == WORD]
        present = {keys[i] for i in on_caps}
        given = Lexicon()
        for typ, a, b, _ in out:
            # the keys the mention's own tokens already have (the same as re-tokenising its
            # text): matched ignoring case, so the written case is not needed.  A name whose
            # first word is on no caps line cannot match there: not added.
            if keys[a] in present:
                given.add(Entry.from_keys(tuple(keys[a:b]), typ, typ))
        given.freeze()
        companies = Lexicon()  # short names of the businesses the body named in full
        for name in self._companies:
            if name[0] in present:
                companies.add(Entry.from_keys(name, "ORG", "ORG"))
        companies.freeze()
        nxt = 0
        for i in on_caps:
            if i < nxt:
                continue
            e = self._match(d, i, given, None, ignore_case=True)
            if e is not None:
                out.append((e.payload, i, i + len(e.keys), None))
                nxt = i + len(e.keys)
                continue
            e = self._match(d, i, self.lex, _CAPS_KINDS, ignore_case=True)
            if e is not None:
                j = i + len(e.keys)
                c = self._match(d, j, companies, None, ignore_case=True) \
                    if e.kind == "head" and j < d.n and d.capsline[j] else None
                if c is not None:  # "CÔNG TY PHÚ THỊNH LAND": the head and a known brand
                    out.append(("ORG", i, j + len(c.keys), None))
                    nxt = j + len(c.keys)
                elif e.kind == "head" and "S" in (e.payload or ""):
                    out.append(("ORG", i, j, None))
                    nxt = j
                elif e.kind == "place" and len(e.keys) > 1:
                    out.append(("LOC", i, j, ("place", None, e.payload)))
                    nxt = j
                elif e.kind == "block":
                    nxt = j

    def _values(self, d: _Doc, out: list[Found]) -> None:
        """Link every LOC to its administrative unit; ``TP`` alone is the article's city."""
        context: set[str] = set()
        cities: Counter[str] = Counter()
        pending = []
        for idx, (typ, _a, _b, val) in enumerate(out):
            if typ != "LOC":
                continue
            pending.append(idx)
            if isinstance(val, tuple):
                how, word, name = val
                if name:
                    context.add(fold(name))
        ctx = frozenset(context)
        linked: dict[int, Any] = {}
        for idx in pending:
            typ, a, b, val = out[idx]
            how, word, name = val if isinstance(val, tuple) else ("place", None, None)
            if how == "city":
                continue
            if name is None:
                name = " ".join(d.toks[a:b])
            v = _link_cached(word, name, ctx)
            linked[idx] = v
            if v.get("level") in ("province", "city") and v.get("name") and (
                    word is None or fold(word) in ("tp", "tp.", "thành phố")):
                cities[v["name"]] += 1
            elif v.get("level") == "province" and v.get("name"):
                cities[v["name"]] += 0
        city = cities.most_common(1)[0][0] if cities else None
        for idx in pending:
            typ, a, b, val = out[idx]
            if idx in linked:
                out[idx] = (typ, a, b, linked[idx])
            else:
                v = dict(_link_cached(None, city, ctx)) if city else {"level": "city"}
                v["resolved_from"] = "article"
                out[idx] = (typ, a, b, v)
        for idx, (typ, a, b, val) in enumerate(out):
            if typ != "LOC" and val is not None:
                out[idx] = (typ, a, b, None)


_LINK_CACHE: dict[tuple[str | None, str, frozenset[str]], dict[str, Any]] = {}


def _link_cached(word: str | None, name: str, ctx: frozenset[str]) -> dict[str, Any]:
    k = (word, name, ctx)
    v = _LINK_CACHE.get(k)
    if v is None:
        if len(_LINK_CACHE) > 50_000:
            _LINK_CACHE.clear()
        v = _LINK_CACHE[k] = places.link(word, name, ctx)
    return v


# _case_ok: kinds whose first word may be written either way unless listed capitalised;
# kinds that must start with a capital; kinds whose every word keeps the listed case
_CASE_FREE_START = frozenset({"title", "honor", "admin"})
_CAPITAL_START = frozenset({"head", "block"})
_EXACT_CASE = frozenset({"place", "alias", "surname", "gaz"})
_TOP = frozenset({"alias", "place", "head", "title", "honor", "admin", "block"})
_HEADS = frozenset({"head", "block", "title", "honor"})
_HEADLIKE = frozenset({"head", "block", "title", "admin"})
_HEADLIKE_PLACE = frozenset({"head", "block", "title", "admin", "place"})
_TITLES = frozenset({"title", "honor"})
_ADMIN = frozenset({"admin"})
_PLACE = frozenset({"place"})
_SURNAME = frozenset({"surname"})
_CAPS_KINDS = frozenset({"head", "place", "block"})
_HEADLESS = Entry("", "head", "")


# --------------------------------------------------------------------------- extractor


class NerExtractor:
    """PER, ORG and LOC by the rule and word-list parse above, over the article body."""

    name: ClassVar[str] = "ner"
    types: ClassVar[tuple[str, ...]] = ("PER", "ORG", "LOC")
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 0

    def __init__(self, gazetteers: Sequence[Any] = ()) -> None:
        self.tagger = NerTagger(gazetteers)

    def extract(self, doc: Doc) -> list[Mention]:
        lo, hi = doc.body
        found = self.tagger.tag(doc.text, lo, hi)
        # For the optional CRF fallback, which asks only about what the rules left open:
        # it reads these instead of parsing the document a second time (as they are: the
        # default pipeline, without the CRF, pays for no copy).
        doc.fields["ner.found"] = found
        doc.fields["ner.unexplained"] = self.tagger.unexplained
        return [doc.span(t, s, e, v) for t, s, e, v in found]


# --------------------------------------------------------------------------- ablation


def rules(text: str) -> list[tuple[str, int, int]]:
    """Ablation variant "rules": this module alone."""
    return [(t, s, e) for t, s, e, _ in _shared_tagger().tag(text)]


def hybrid(text: str) -> list[tuple[str, int, int]]:
    """Ablation variant "hybrid": rules, plus the CRF on the runs the rules leave unexplained."""
    from . import crf

    tagger = _shared_tagger()
    found = [(t, s, e) for t, s, e, _ in tagger.tag(text)]
    return found + crf.fill(text, tagger.unexplained, found)


def underthesea_alone(text: str) -> list[tuple[str, int, int]]:
    """Ablation variant "underthesea": its CRF ``ner()`` over the whole text."""
    from . import crf

    return crf.tag_all(text)


VARIANTS: dict[str, Callable[[str], list[tuple[str, int, int]]]] = {
    "rules": rules,
    "hybrid": hybrid,
    "underthesea": underthesea_alone,
}

_TAGGER: NerTagger | None = None


def _shared_tagger() -> NerTagger:
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = NerTagger()
    return _TAGGER


def run_variant(name: str, texts: Iterable[str]) -> list[list[tuple[str, int, int]]]:
    """Run one ablation variant over texts: what ``make bench`` times and scores."""
    fn = VARIANTS[name]
    return [fn(t) for t in texts]
