"""underthesea's CRF NER as a narrow extra signal, and as the "underthesea alone" baseline.

Why narrow: on news text the CRF is weak (F1 ~0.17 on the seed gold: it tags dates and
document codes as LOC, glues titles to names, misses most organizations) and slow (~8,000
characters/s, plus ~1 s to import).  The rules of ``ner.py`` explain nearly every
capitalised run; the CRF is asked only about the sentences holding a run the rules left
unexplained (a foreign name, a name without a known family name), and only its PER/ORG/LOC
spans that fall inside such a run are kept.  Off by default (``OPTIONAL`` in the registry):
on the seeds it adds no correct mention and costs time; see the report in the README.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from .base import ENTITIES, Doc, Mention

# A CRF "entity" with a digit or a slash is a date or a document code ("năm 2023", "/ TW").
CODE_RE = re.compile(r"[\d/]")
# Sentence ends, to send the CRF one sentence rather than the article.
SENT_END_RE = re.compile(r"[.!?…\n]")

_ner: Any = None


def _underthesea_ner() -> Any:
    global _ner
    if _ner is None:
        from underthesea import ner  # slow import: only when the CRF is asked for

        _ner = ner
    return _ner


def _align(text: str, base: int, words: list[str]) -> list[tuple[int, int]]:
    """Character spans of underthesea's words (syllables joined by spaces) in ``text``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in words:
        parts = w.split()
        if not parts:
            spans.append((pos + base, pos + base))
            continue
        start = text.find(parts[0], pos)
        if start < 0:
            spans.append((pos + base, pos + base))
            continue
        end = start + len(parts[0])
        for p in parts[1:]:
            nxt = text.find(p, end)
            if nxt < 0 or text[end:nxt].strip():
                break
            end = nxt + len(p)
        spans.append((start + base, end + base))
        pos = end
    return spans


def tag_sentence(text: str, base: int = 0) -> list[tuple[str, int, int]]:
    """underthesea ``ner()`` on one sentence, as (type, start, end) in ``base`` offsets."""
    if not text.strip():
        return []
    rows = _underthesea_ner()(text)
    words = [r[0] for r in rows]
    spans = _align(text, base, words)
    out: list[tuple[str, int, int]] = []
    cur: list[Any] | None = None
    for (s, e), r in zip(spans, rows, strict=True):
        tag = r[-1]
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[0] != tag[2:])):
            if cur:
                out.append((cur[0], cur[1], cur[2]))
            cur = [tag[2:], s, e]
        elif tag.startswith("I-") and cur is not None:
            cur[2] = e
        else:
            if cur:
                out.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur:
        out.append((cur[0], cur[1], cur[2]))
    return [(t, s, e) for t, s, e in out if t in ("PER", "ORG", "LOC") and e > s]


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in SENT_END_RE.finditer(text):
        if m.end() - pos > 1:
            out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def tag_all(text: str) -> list[tuple[str, int, int]]:
    """The baseline: the CRF over every sentence of the text."""
    out: list[tuple[str, int, int]] = []
    for s, e in _sentences(text):
        out.extend(tag_sentence(text[s:e], s))
    return out


# How many characters of context the CRF sees on each side of an unexplained run: enough
# for its window features (two words each side) and a title or verb that decides the type.
CONTEXT = 40
# A word boundary to widen a window to, so the CRF never sees half a syllable.
SPACE_RE = re.compile(r"\s")


def _window(text: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
    """The run plus CONTEXT characters each side, cut at white space, within [lo, hi)."""
    a = max(lo, s - CONTEXT)
    if a > lo and not text[a - 1].isspace():
        m = SPACE_RE.search(text, a, s)
        a = m.end() if m else s
    b = min(hi, e + CONTEXT)
    if b < hi and not text[b].isspace():
        last = None
        for m in SPACE_RE.finditer(text, e, b):
            last = m
        b = last.start() if last else e
    return a, b


def fill(text: str, unexplained: list[tuple[int, int]],
         found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """CRF mentions inside the runs the rules left unexplained, not overlapping ``found``.

    The CRF is asked about a short window around each run, inside its sentence, not about
    the whole sentence: its cost is linear in what it reads, and what lies further away
    cannot change a tag inside the run by much.
    """
    runs = [(s, e) for s, e in unexplained if " " in text[s:e]]
    if not runs:
        return []
    sents = _sentences(text)
    asked: set[tuple[int, int]] = set()
    out: list[tuple[str, int, int]] = []
    taken = sorted((s, e) for _, s, e in found)
    for rs, re_ in runs:
        for ss, se in sents:
            if not ss <= rs < se:
                continue
            ws, we = _window(text, rs, re_, ss, se)
            if (ws, we) in asked:
                continue
            asked.add((ws, we))
            for t, s, e in tag_sentence(text[ws:we], ws):
                if CODE_RE.search(text[s:e]):
                    continue
                inside = any(a <= s and e <= b for a, b in runs)
                clash = any(s < b and a < e for a, b in taken)
                if inside and not clash:
                    out.append((t, s, e))
                    taken.append((s, e))
    return out


class CrfExtractor:
    """The CRF fallback as a pipeline extractor (optional: ``--extractors …,crf``).

    It reads the runs the ``ner`` extractor left unexplained (``doc.fields``), parsing the
    document itself only when run without ``ner``, and loses every overlap to the rules
    (priority -1).
    """

    name: ClassVar[str] = "crf"
    types: ClassVar[tuple[str, ...]] = ("PER", "ORG", "LOC")
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = -1

    def __init__(self) -> None:
        self._tagger: Any = None

    def extract(self, doc: Doc) -> list[Mention]:
        if "ner.unexplained" in doc.fields:
            tagged = doc.fields["ner.found"]
            unexplained = doc.fields["ner.unexplained"]
        else:
            if self._tagger is None:
                from .ner import NerTagger

                self._tagger = NerTagger()
            lo, hi = doc.body
            tagged = self._tagger.tag(doc.text, lo, hi)
            unexplained = self._tagger.unexplained
        found = [(t, s, e) for t, s, e, _ in tagged]
        return [doc.span(t, s, e) for t, s, e in fill(doc.text, unexplained, found)]
