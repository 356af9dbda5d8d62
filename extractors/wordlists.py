"""Read the word lists in ``extractors/data/`` once per process.

Lists are data, not code, so that a journalist can add a title or a furniture marker without
touching a regex.  Format: one item a line, ``#`` starts a comment line, blank lines ignored;
``.tsv`` files have TAB-separated columns.  Results are cached, so every extractor instance
in a process shares one copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def lines(name: str) -> tuple[str, ...]:
    """The items of a one-column list, in file order, stripped."""
    out: list[str] = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        item = raw.strip()
        if item and not item.startswith("#"):
            out.append(item)
    return tuple(out)


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a TSV list (comment and blank lines skipped), cells stripped."""
    out: list[tuple[str, ...]] = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        out.append(tuple(c.strip() for c in raw.split("\t")))
    return tuple(out)


# Old-style and new-style tone placement both occur in news text ("Ủy"/"Uỷ", "hòa"/"hoà");
# a word list is written in one of them and matched in both.
_TONE_VARIANTS = (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"), ("hòa", "hoà"), ("Hòa", "Hoà"),
                  ("khóa", "khoá"), ("thủy", "thuỷ"), ("Thủy", "Thuỷ"), ("hóa", "hoá"))


def spelling_variants(item: str) -> set[str]:
    """``item`` and its other tone-placement spellings."""
    out = {item}
    for a, b in _TONE_VARIANTS:
        for s in list(out):
            if a in s:
                out.add(s.replace(a, b))
            if b in s:
                out.add(s.replace(b, a))
    return out


def phrase_pattern(items: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of multi-word phrases, longest first, spaces matching any run of
    horizontal white space (news text has non-breaking spaces inside names and titles)."""
    variants: set[str] = set()
    for it in items:
        variants |= spelling_variants(it)
    ordered = sorted(variants, key=lambda s: (-len(s), s))
    return "|".join(r"[^\S\n]+".join(re.escape(w) for w in v.split()) for v in ordered)


# Upper-case letters of Vietnamese (and the rest of Latin), for character classes: the
# Unicode blocks interleave cases, so a range such as À-Ỹ would let lower case in.
UPPER = "A-Z" + "".join(
    ch for cp in (*range(0xC0, 0x250), *range(0x1EA0, 0x1F00)) if (ch := chr(cp)).isupper()
)

# A white-space-delimited token
TOKEN_RE = re.compile(r"\S+")
# Punctuation that may cling to the outside of a token without being part of a phrase
_LEAD_PUNCT = "([{“\"'‘«<-–—,;:"
_TRAIL_PUNCT = ",;:.)]}”\"'’»>!?…"


def fold(s: str) -> str:
    """Comparison form of a phrase: NFC, white space collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


class PhraseSet:
    """Multi-word phrases looked up by the tokens around a position, not by a regex scan.

    A regex alternation of a few hundred phrases tried at every position of a window is
    slow in Python's engine; here a lookup is at most ``maxw`` dictionary probes.  Matching
    is case-insensitive and ignores the amount of white space (NBSP included); both tone
    placements of each item are known.  ``tag`` is the item's second TSV column (or "").
    """

    def __init__(self, items: Iterable[tuple[str, ...]]) -> None:
        self.tags: dict[str, str] = {}
        maxw = 1
        for row in items:
            tag = row[1] if len(row) > 1 else ""
            for v in spelling_variants(row[0]):
                self.tags.setdefault(fold(v), tag)
                maxw = max(maxw, len(v.split()))
        self.maxw = maxw
        self.chars = 16 * maxw
        # First and last words of the keys: a lookup whose first (last) token is none of
        # them cannot match, so it stops after one or two folds instead of trying every
        # length (a key's first word is the fold of its first token: fold never joins or
        # splits tokens).
        self.firsts = {k.split(" ", 1)[0] for k in self.tags}
        self.lasts = {k.rsplit(" ", 1)[-1] for k in self.tags}

    def ending_at(self, text: str, q: int, lo: int = 0) -> tuple[int, str, str] | None:
        """The longest phrase whose last token ends exactly at ``q``: (start, tag, key)."""
        toks = [m.span() for m in TOKEN_RE.finditer(text, max(lo, q - self.chars), q)]
        if not toks or toks[-1][1] != q:
            return None
        s0 = toks[-1][0]
        if fold(text[s0:q]) not in self.lasts:
            while s0 < q and text[s0] in _LEAD_PUNCT:
                s0 += 1
            if fold(text[s0:q]) not in self.lasts:
                return None
        toks = toks[-self.maxw:]
        for k in range(len(toks), 0, -1):
            s0, e0 = toks[-k]
            while s0 < e0 and text[s0] in _LEAD_PUNCT:
                s0 += 1
            key = fold(text[s0:q])
            tag = self.tags.get(key)
            if tag is not None:
                return s0, tag, key
        return None

    def starting_at(self, text: str, p: int) -> tuple[int, str, str] | None:
        """The longest phrase whose first token starts exactly at ``p``: (end, tag, key)."""
        first = TOKEN_RE.match(text, p, p + self.chars)
        if first is None:
            return None
        e = first.end()
        if fold(text[p:e]) not in self.firsts and fold(
                text[p:_strip_trail(text, p, e)]) not in self.firsts:
            return None
        toks = [m.span() for m in TOKEN_RE.finditer(text, p, p + self.chars)][: self.maxw]
        for k in range(len(toks), 0, -1):
            e = toks[k - 1][1]
            for end in (e, _strip_trail(text, toks[k - 1][0], e)):
                key = fold(text[p:end])
                tag = self.tags.get(key)
                if tag is not None:
                    return end, tag, key
        return None

    def find(self, text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
        """The first phrase inside ``text[lo:hi]``: (start, end, key)."""
        for m in TOKEN_RE.finditer(text, lo, hi):
            s = m.start()
            while s < m.end() and text[s] in _LEAD_PUNCT:
                s += 1
            hit = self.starting_at(text, s)
            if hit and hit[0] <= hi:
                return s, hit[0], hit[2]
        return None


@cache
def phrases(name: str) -> PhraseSet:
    """A list's items (first column; a second column is the tag) as a PhraseSet, built
    once per process however many modules look phrases of that list up."""
    return PhraseSet(rows(name))


def _strip_trail(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in _TRAIL_PUNCT:
        e -= 1
    return e
