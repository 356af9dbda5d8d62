"""Runs the chosen extractors in stage order and turns their mentions into a record.

Overlap rule (the gold sets want flat spans): among entity mentions, the one from the
extractor with the higher ``priority`` wins; at equal priority the longer span wins; at equal
length the earlier start wins, then the extractor that runs first.  A mention that overlaps
one already kept is dropped whole, never trimmed.  Mentions outside the article body (page
furniture), or overlapping one of the furniture spans inside it (``Doc.excluded``), are
dropped before that.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import normalize, registry
from .base import ENTITIES, LAYOUT, RELATIONS, Doc, Extractor, Mention

STAGES = (LAYOUT, ENTITIES, RELATIONS)


def resolve_overlaps(mentions: Iterable[tuple[int, int, Mention]]) -> list[Mention]:
    """Keep a flat, non-overlapping subset; input items are (priority, order, mention)."""
    ranked = sorted(
        mentions,
        key=lambda t: (-t[0], -(t[2].end - t[2].start), t[2].start, t[1]),
    )
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Mention] = []
    for _, _, m in ranked:
        i = bisect_left(starts, m.start)
        if i > 0 and ends[i - 1] > m.start:
            continue
        if i < len(starts) and starts[i] < m.end:
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.insert(i, m)
    return kept


def _touches(spans: Sequence[tuple[int, int]], m: Mention) -> bool:
    """Whether ``m`` overlaps one of the sorted, non-overlapping ``spans`` (Doc.excluded)."""
    i = bisect_left(spans, (m.end,))
    return i > 0 and spans[i - 1][1] > m.start


def _valid(m: Mention, text: str) -> bool:
    return 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


class Pipeline:
    """A configured sequence of extractors; build once, run on many documents."""

    def __init__(
        self,
        names: Sequence[str] | None = None,
        skip: Sequence[str] = (),
        extractors: Sequence[Extractor] = (),
        options: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
    ) -> None:
        """``options`` go to every extractor whose constructor takes them by name (e.g.
        ``gazetteers``: user names for the NER and gazetteer extractors)."""
        opts = dict(options or {})
        chosen = list(names) if names else registry.default_names()
        for n in list(chosen) + list(skip):
            if n not in registry.REGISTRY:
                raise registry.UnknownExtractor(
                    f"unknown extractor {n!r} (known: {', '.join(registry.names())})"
                )
        chosen = [n for n in registry.names() if n in chosen and n not in skip]
        loaded: list[Extractor] = [registry.load(n, **opts) for n in chosen]
        loaded.extend(extractors)
        self.extractors: list[Extractor] = sorted(loaded, key=lambda e: e.stage)

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.extractors]

    @property
    def entity_types(self) -> list[str]:
        """Mention types the configured pipeline can emit, in a stable order."""
        out: list[str] = []
        for e in self.extractors:
            if e.stage == ENTITIES:
                out.extend(t for t in e.types if t not in out)
        return out

    def run(self, text: str) -> Doc:
        """Run on the canonical spelling of ``text`` (``normalize.py``: NFC, new tone
        placement), with every offset mapped back to ``text`` as given."""
        norm = normalize.prepare(text)
        if norm is None:
            return self._run(text)
        return norm.restore(self._run(norm.text))

    def _run(self, text: str) -> Doc:
        """Layout first (it sets the body), then entities, then relations.

        Mentions returned at the layout stage (a byline's PER, a dateline's DATE) join the
        entity pool; relation extractors read the resolved entities and fill ``doc.fields``
        (they may also annotate the mentions, e.g. with the full name a short form means).
        """
        doc = Doc(text)
        found: list[tuple[int, int, Mention]] = []
        for stage in STAGES:
            for order, ext in enumerate(self.extractors):
                if ext.stage != stage:
                    continue
                for m in ext.extract(doc):
                    if not m.source:
                        m.source = ext.name
                    if stage != RELATIONS and _valid(m, text):
                        found.append((ext.priority, order, m))
            if stage == ENTITIES:
                lo, hi = doc.body
                skip = doc.excluded
                inside = [t for t in found if lo <= t[2].start and t[2].end <= hi
                          and not (skip and _touches(skip, t[2]))]
                doc.mentions = resolve_overlaps(inside)
        return doc

    def process(self, text: str) -> dict[str, Any]:
        """The extraction part of a report record (FORMAT.md): meta, entities, roles, quotes."""
        doc = self.run(text)
        meta = {"title": None, "section": None, "authors": [], "published": None}
        meta.update(doc.meta)
        meta["body"] = list(doc.body)
        record: dict[str, Any] = {
            "meta": meta,
            "entities": [m.to_dict() for m in doc.mentions],
            "roles": doc.fields.get("roles", []),
            "quotes": doc.fields.get("quotes", []),
        }
        warnings = doc.fields.get("warnings")
        if warnings:
            record["warnings"] = warnings
        return record
