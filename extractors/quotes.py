"""Who said what: ``quotes = [{text, start, end, speaker}]``.

A quotation is text in “…” or "…" that the sentence attributes to someone with a verb of
saying (``data/speech_verbs.txt``), before it (``X cho rằng: “…”``, ``X nói “…”``) or after it
(``“…”, bác sĩ Liêm cho hay.``, ``“…” - ông A nói.``), an interview line ``X: “…”``, or
``Theo X, “…”``.
Quoted text with no such verb next to it is a slogan, a campaign or contest title or a term
(``Hội thi kể chuyện "Học tập và làm theo …"``, ``mục tiêu kép “Vừa phòng …”``) and is not a
quote.

- ``start``/``end`` are the offsets of the text *inside* the quote marks (white space inside
  the marks trimmed); ``text`` is that text.
- ``speaker`` is the full name (``person`` from the person linker) of the named person nearest
  the verb in the same clause: the last one before a verb that precedes the quote, the first
  one after the quote.  When the subject is a title alone (``Phó Bí thư Thường trực Huyện ủy
  nhấn mạnh: “…”``) and exactly one role of the document has that title, its holder is the
  speaker.  Otherwise (``ông nói``, no one named) ``speaker`` is null.
- ``Theo ông A, “…”`` (according to) attributes the quote to the first person named.
- Quote marks pair within a paragraph (a line); curly quotes nest and only the outermost
  pair counts; a straight quote opens after a space or bracket and closes before one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, ClassVar

from . import wordlists
from .base import RELATIONS, Doc, Mention
from .coref import link_persons, person_of
from .roles import TITLES, find_roles
from .wordlists import fold

VERBS = wordlists.phrases("speech_verbs.txt")  # the one PhraseSet roles uses too

# Quote marks and line ends, the only characters the pairing looks at
QUOTE_CHAR_RE = re.compile(r"[“”\"\n]")
# Sentence ends inside the look-around windows: ". " "! " "? " "; " or a line end
SENTENCE_BREAK_RE = re.compile(r"[.!?;][\"”’')\]]*[^\S\n]+(?=\S)|\n")
# What may stand between a verb and the opening mark: a colon or a comma ...
VERB_TAIL_RE = re.compile(r"[^\S\n]*[:,]?[^\S\n]*$")
# ... after "rằng"/"là" ("cho biết rằng: “"), unless that word belongs to the verb ("cho rằng")
THAT_END_RE = re.compile(r"[^\S\n]+(?:rằng|là)$", re.IGNORECASE)
# After the closing mark, the attribution clause starts with a comma or a dash
POST_START_RE = re.compile(r"[.!?…]?[^\S\n]*(?:,|[-–—])[^\S\n]*")
# The end of the attribution clause after a quote
CLAUSE_END_RE = re.compile(r"[.!?;:\n“\"]")
# "Theo ông A, “…”" / "Theo bà B, Giám đốc Sở X, “…”": attribution without a verb
ACCORDING_RE = re.compile(r"Theo[^\S\n][^\n]{1,150},[^\S\n]*$", re.IGNORECASE)
# A name and a colon right before a quote (interview style "Ông A: “…”")
COLON_END_RE = re.compile(r":[^\S\n]*$")

PRE_WINDOW = 200
POST_WINDOW = 120
MIN_WORDS_NO_COLON = 3   # "X nói “…”" without a colon: a real quote has a few words


class QuoteExtractor:
    """Stage RELATIONS (after roles): fills ``doc.fields["quotes"]``."""

    name: ClassVar[str] = "quotes"
    types: ClassVar[tuple[str, ...]] = ("quotes",)
    stage: ClassVar[int] = RELATIONS
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        roles = doc.fields.get("roles")
        doc.fields["quotes"] = find_quotes(doc.text, doc.mentions, roles, doc.body)
        return []


def quote_pairs(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Positions (open mark, close mark) of the outermost quotations in ``text[lo:hi]``."""
    hi = len(text) if hi is None else hi
    out: list[tuple[int, int]] = []
    depth = 0
    curly_open = -1
    straight_open = -1
    for m in QUOTE_CHAR_RE.finditer(text, lo, hi):
        ch, i = m.group(), m.start()
        if ch == "\n":
            depth, curly_open, straight_open = 0, -1, -1
        elif ch == "“":
            if depth == 0 and straight_open < 0:
                curly_open = i
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
                if depth == 0 and curly_open >= 0:
                    out.append((curly_open, i))
                    curly_open = -1
        elif depth == 0:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            can_open = (before.isspace() or before in "([{:,;-–—") and not after.isspace()
            can_close = not before.isspace()
            if straight_open >= 0 and can_close:
                out.append((straight_open, i))
                straight_open = -1
            elif can_open:
                straight_open = i
    return out


def find_quotes(text: str, mentions: list[Mention], roles: list[dict[str, Any]] | None = None,
                body: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """The attributed quotations of a document, in text order."""
    lo, hi = body or (0, len(text))
    pairs = quote_pairs(text, lo, hi)
    if not pairs:
        return []
    if any(m.type == "PER" and not (m.extra or {}).get("person") for m in mentions):
        link_persons(mentions)
    if roles is None:
        roles = find_roles(text, mentions, body)
    pers = [m for m in mentions if m.type == "PER" and m.source != "layout"]
    starts = [m.start for m in pers]
    out: list[dict[str, Any]] = []
    for qo, qc in pairs:
        s, e = qo + 1, qc
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s == e:
            continue
        found = _attribution(text, qo, qc, pers, starts, roles, len(text[s:e].split()))
        if found is None:
            continue
        out.append({"text": text[s:e], "start": s, "end": e, "speaker": found[0]})
    return out


def _clause_start(text: str, a: int, b: int) -> int:
    """Start of the sentence that contains position ``b`` (searching back to ``a``)."""
    start = a
    for m in SENTENCE_BREAK_RE.finditer(text, a, b):
        start = m.end()
    return start


def _attribution(text: str, qo: int, qc: int, pers: list[Mention], starts: list[int],
                 roles: list[dict[str, Any]], words: int) -> tuple[str | None] | None:
    """(speaker,) if the quote at marks ``qo``..``qc`` is attributed speech, else None."""
    # before: "… X cho rằng: “" / "… X nói “" / "X: “"
    line_start = text.rfind("\n", 0, qo) + 1
    a = max(line_start, qo - PRE_WINDOW)
    tail = VERB_TAIL_RE.search(text, a, qo)
    verb_end = tail.start() if tail else qo
    verb = VERBS.ending_at(text, verb_end, a) if verb_end > a else None
    if verb is None and verb_end > a:
        that = THAT_END_RE.search(text, max(a, verb_end - 8), verb_end)
        if that is not None:
            verb = VERBS.ending_at(text, that.start(), a)
    if verb is not None and verb[1] != "not":
        has_mark = ":" in text[verb_end:qo] or "," in text[verb_end:qo]
        if has_mark or words >= MIN_WORDS_NO_COLON:
            clause = _clause_start(text, a, verb[0])
            who = _speaker_before(text, clause, verb[0], pers, starts, roles)
            if who is not None or verb[1] != "noun":
                return (who,)
    clause = _clause_start(text, a, qo)
    according = ACCORDING_RE.match(text, clause, qo)
    if according is not None:
        i = bisect_left(starts, clause)
        if i < len(pers) and pers[i].end <= according.end():
            return (person_of(pers[i]),)
    colon = COLON_END_RE.search(text, a, qo)
    if colon is not None:
        j = bisect_left(starts, qo) - 1
        if j >= 0 and pers[j].end == _back_ws(text, colon.start()):
            return (person_of(pers[j]),)
    # after: "”, bác sĩ Liêm cho hay." / "” - ông A nói."
    post = POST_START_RE.match(text, qc + 1)
    if post is None:
        return None
    b = post.end()
    end_m = CLAUSE_END_RE.search(text, b, min(len(text), b + POST_WINDOW))
    c_end = end_m.start() if end_m else min(len(text), b + POST_WINDOW)
    verb = VERBS.find(text, b, c_end)
    if verb is None or VERBS.tags.get(verb[2]) == "not":
        return None
    i = bisect_left(starts, b)
    if i < len(pers) and pers[i].end <= c_end:
        return (person_of(pers[i]),)
    who = _speaker_by_title(text, b, verb[0], roles)
    if who is None and VERBS.tags.get(verb[2]) == "noun":
        return None
    return (who,)


def _back_ws(text: str, p: int) -> int:
    while p > 0 and text[p - 1] in " \t\xa0":
        p -= 1
    return p


def _speaker_before(text: str, a: int, b: int, pers: list[Mention], starts: list[int],
                    roles: list[dict[str, Any]]) -> str | None:
    """The last named person in ``text[a:b]``, else the holder of a title named there."""
    j = bisect_right(starts, b) - 1
    if j >= 0 and pers[j].start >= a and pers[j].end <= b:
        return person_of(pers[j])
    return _speaker_by_title(text, a, b, roles)


def _speaker_by_title(text: str, a: int, b: int, roles: list[dict[str, Any]]) -> str | None:
    """A subject given by title alone: the one person whose role title starts with it."""
    hit = TITLES.find(text, a, b)
    if hit is None or not roles:
        return None
    said = fold(text[hit[0]:b].rstrip(" ,"))
    holders = {r["person"] for r in roles
               if fold(r["title"]) == said or fold(r["title"]).startswith(said + " ")
               or said.startswith(fold(r["title"]))}
    return holders.pop() if len(holders) == 1 else None
