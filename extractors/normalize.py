"""One spelling of each Vietnamese letter and syllable for the extractors, offsets kept honest.

The same word reaches vnextract in several code-point spellings: decomposed Unicode (NFD:
``a`` + U+0300 for ``à``, what macOS file names and some editors produce), and the old tone
placement that puts the mark on the second vowel of an open ``oa``/``oe``/``uy`` syllable
(``hoà``, ``khoẻ``, ``thuỷ``) where the new one puts it on the first (``hòa``, ``khỏe``,
``thủy``).  Word lists and rules are written once, in NFC with the new placement, so the
pipeline runs on a canonical copy of the text and maps every offset back to the text as read.

``prepare(text)`` returns ``None`` when the text is already canonical (the common case, found
by two C-speed scans), otherwise a ``Normalized`` with the canonical text and an offset map.
The map is a short list of the segments that changed (a base letter and its combining marks);
everything between them shifts by a constant, so mapping an offset is one bisection.

Changes made (each keeps the text's meaning):
- NFC composition of a character and the combining marks that follow it;
- old to new tone placement in open ``oa``, ``oe``, ``uy`` syllables (not after ``q``: in
  ``quý`` the ``u`` belongs to the consonant); the length does not change;
- Latin ``Ð``/``ð`` (U+00D0/U+00F0, Icelandic eth, common in converted legacy text) to the
  Vietnamese ``Đ``/``đ``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from .base import Doc

# Combining diacritical marks (the Vietnamese tone and vowel marks are all in U+0300..U+036F;
# the other blocks are the supplements, for text from elsewhere).
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

# A base character (optional: text may start with a mark) and the run of marks after it:
# "a\u0300", "e\u0302\u0301".  One possessive-free character class each, so linear.
CLUSTER_RE = re.compile(f"[^{MARKS}]?[{MARKS}]+")

TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def _old_style_table() -> dict[str, str]:
    """``"oà" -> "òa"``, ``"uỷ" -> "ủy"`` …, for every tone and letter case."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for t in TONES:
                    old = f + unicodedata.normalize("NFC", s + t)
                    new = unicodedata.normalize("NFC", f + t) + s
                    table[old] = new
    return table


OLD_STYLE = _old_style_table()
ETH = {"\u00d0": "\u0110", "\u00f0": "\u0111"}  # Ð -> Đ, ð -> đ

_OLD_O = "".join(sorted({k[1] for k in OLD_STYLE if k[0] in "oO"}))
_OLD_U = "".join(sorted({k[1] for k in OLD_STYLE if k[0] in "uU"}))
# "oà", "OÀ", "oẻ", "uỷ" at the end of a syllable (no letter follows), "uỷ" not after q;
# or an eth.  Fixed-width pieces and one lookaround each: linear.
FIX_RE = re.compile(
    f"[oO][{_OLD_O}](?![^\\W\\d_])|[uU](?<![qQ][uU])[{_OLD_U}](?![^\\W\\d_])|[\u00d0\u00f0]"
)


def _fix(m: re.Match[str]) -> str:
    s = m.group()
    return OLD_STYLE.get(s) or ETH[s]


def new_tones(s: str) -> str:
    """``s`` with the new tone placement (``hoà`` -> ``hòa``) and ``Đ`` for an eth; the
    length does not change.  ``places.fold`` keys names with it too."""
    return FIX_RE.sub(_fix, s)


@dataclass(slots=True)
class Normalized:
    """The canonical text and the changed segments, as parallel sorted lists.

    Segment ``i`` covers ``text[norm_start[i]:norm_end[i]]`` of the canonical text and
    ``original[orig_start[i]:orig_end[i]]`` of the text as read.
    """

    original: str
    text: str
    norm_start: list[int]
    norm_end: list[int]
    orig_start: list[int]
    orig_end: list[int]

    def start(self, p: int) -> int:
        """Original offset for a span starting at canonical offset ``p``."""
        i = bisect_right(self.norm_start, p) - 1
        if i < 0:
            return p
        if p < self.norm_end[i]:
            return self.orig_start[i]  # at or inside a changed segment: its start
        return p - self.norm_end[i] + self.orig_end[i]

    def end(self, p: int) -> int:
        """Original offset for a span ending at canonical offset ``p``."""
        i = bisect_left(self.norm_start, p) - 1
        if i < 0:
            return p
        if p <= self.norm_end[i]:
            return self.orig_end[i]  # inside or at the end of a changed segment: its end
        return p - self.norm_end[i] + self.orig_end[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)

    def restore(self, doc: Doc) -> Doc:
        """The pipeline's result on the canonical text, re-pointed at the text as read.

        Mention offsets and texts, the body and excluded spans, and the ``start``/``end`` (and
        a quote's ``text``) of roles and quotes are mapped; values and ``meta`` strings stay
        canonical (they are data, not spans of the document).
        """
        orig = self.original
        kept = []
        last_end = 0
        for m in doc.mentions:
            m.start, m.end = self.span(m.start, m.end)
            m.text = orig[m.start:m.end]
            # Two spans that met inside a partly composed cluster would now overlap; the
            # later one goes, so the record stays flat.
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
        doc.mentions = kept
        doc.body = self.span(*doc.body)
        doc.excluded = [self.span(s, e) for s, e in doc.excluded]
        for key in ("roles", "quotes"):
            for item in doc.fields.get(key) or ():
                _restore_item(self, item, orig)
        doc.text = orig
        return doc


def _restore_item(norm: Normalized, item: Any, orig: str) -> None:
    if not isinstance(item, dict):
        return
    s, e = item.get("start"), item.get("end")
    if isinstance(s, int) and isinstance(e, int):
        item["start"], item["end"] = norm.span(s, e)
        if isinstance(item.get("text"), str) and item["text"] == norm.text[s:e]:
            item["text"] = orig[item["start"]:item["end"]]


def is_canonical(text: str) -> bool:
    """True when the pipeline can run on ``text`` as it is (NFC, new tone placement)."""
    return unicodedata.is_normalized("NFC", text) and FIX_RE.search(text) is None


def prepare(text: str) -> Normalized | None:
    """``None`` if ``text`` is canonical already, else the canonical text and offset map."""
    if is_canonical(text):
        return None
    norm_start: list[int] = []
    norm_end: list[int] = []
    orig_start: list[int] = []
    orig_end: list[int] = []
    parts: list[str] = []
    pos = 0  # in the original
    npos = 0  # in the canonical text built so far
    for m in CLUSTER_RE.finditer(text):
        a, b = m.span()
        cluster = m.group()
        composed = unicodedata.normalize("NFC", cluster)
        if composed == cluster:
            continue
        parts.append(text[pos:a])
        npos += a - pos
        parts.append(composed)
        norm_start.append(npos)
        npos += len(composed)
        norm_end.append(npos)
        orig_start.append(a)
        orig_end.append(b)
        pos = b
    parts.append(text[pos:])
    canonical = "".join(parts)
    # Tone placement and eth: same length, so the offset map above still holds.
    canonical = new_tones(canonical)
    return Normalized(text, canonical, norm_start, norm_end, orig_start, orig_end)
