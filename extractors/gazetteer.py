"""User gazetteers: the people, organizations and places of a user's beat, without code.

``vnextract extract --gazetteer FILE`` (repeatable) reads TSV lines ``type<TAB>name`` or
``type<TAB>name<TAB>canonical``; ``#`` starts a comment.  Like spaCy's EntityRuler, these
names take precedence over the built-in rules: the extractor has the highest priority, so
its mention wins any overlap, and the rule tagger (given the same entries) treats the span
as already claimed, so its parse around the name stays consistent.

Matching is by folded keys (NFC, tone placement, non-breaking spaces) with each word's
capitalisation as written in the file, except on all-caps lines where case says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import Any, ClassVar

from .base import ENTITIES, Doc, Mention

TYPES = frozenset({"PER", "ORG", "LOC"})


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message is one line, with file and line."""


@dataclass(frozen=True, slots=True)
class GazEntry:
    type: str
    name: str
    canonical: str | None = None


def parse(text: str, source: str = "<gazetteer>") -> list[GazEntry]:
    """Entries of one gazetteer file's text; raises GazetteerError on the first bad line."""
    out: list[GazEntry] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or len(cells) > 3:
            raise GazetteerError(
                f"{source}:{n}: expected 'TYPE<TAB>name[<TAB>canonical]', got {len(cells)} "
                "column(s)")
        typ = cells[0].upper()
        if typ not in TYPES:
            raise GazetteerError(f"{source}:{n}: unknown type {cells[0]!r} "
                                 f"(use {', '.join(sorted(TYPES))})")
        if not cells[1]:
            raise GazetteerError(f"{source}:{n}: empty name")
        out.append(GazEntry(typ, cells[1], cells[2] if len(cells) == 3 and cells[2] else None))
    return out


def load_files(paths: list[str]) -> list[GazEntry]:
    """Every entry of every file, in order; GazetteerError for an unreadable or bad file."""
    out: list[GazEntry] = []
    for p in paths:
        try:
            raw = Path(p).read_bytes()
        except OSError as e:
            raise GazetteerError(f"cannot read gazetteer {p}: {e.strerror}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise GazetteerError(f"{p}: not UTF-8 text") from None
        out.extend(parse(text, p))
    return out


class GazetteerExtractor:
    """Emits the user's names; priority 100 so they win every overlap with the rules."""

    name: ClassVar[str] = "gazetteer"
    types: ClassVar[tuple[str, ...]] = ("PER", "ORG", "LOC")
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 100

    def __init__(self, gazetteers: list[GazEntry] | tuple[GazEntry, ...] = ()) -> None:
        self.entries = list(gazetteers)
        self._tagger: Any = None
        if self.entries:
            from .ner import NerTagger

            # the rule tagger given the same entries builds their lexicon (``gaz``) and
            # matches with it: the one the ner extractor treats as claimed
            self._tagger = NerTagger(self.entries)

    def extract(self, doc: Doc) -> list[Mention]:
        if self._tagger is None:
            return []
        from .ner import WORD, _Doc

        lex = self._tagger.gaz
        lo, hi = doc.body
        d = _Doc(doc.text, lo, hi)
        out: list[Mention] = []
        nxt = 0
        # only the words that open a name are tried (a dict test per token, in C)
        for i in compress(range(d.n), map(lex.first.__contains__, d.keys)):
            if i < nxt or d.kinds[i] != WORD:
                continue
            e = self._tagger._match(d, i, lex, None)
            if e is None:
                continue
            j = i + len(e.keys)
            g: GazEntry = e.payload
            value = None
            if g.type == "LOC":
                from . import places

                value = places.link(None, g.canonical or g.name)
            extra = {"canonical": g.canonical} if g.canonical else {}
            out.append(doc.span(g.type, d.start(i), d.ends[j - 1], value, **extra))
            nxt = j
        return out
