"""The contract every extractor follows: a document in, mentions out.

Mentions are plain objects with Python string offsets into the text as decoded, so that
``doc.text[m.start:m.end] == m.text`` holds for every mention any extractor emits.  The
pipeline (``pipeline.py``) orders extractors and resolves overlaps; extractors know nothing
of each other beyond the mentions an earlier stage left on the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

# Stages run in this order.  LAYOUT finds the headline, byline, dateline and the body span
# (everything later ignores page furniture); ENTITIES find flat spans that the pipeline then
# de-overlaps; RELATIONS read the resolved entities (roles, quotes, who a short name is).
LAYOUT = 0
ENTITIES = 1
RELATIONS = 2


@dataclass(slots=True)
class Mention:
    """One typed span of the document text.

    ``extra`` carries type-specific fields (``unit``, ``approx``, ``of``, ``resolved``,
    ``person`` …) that the record writes beside the standard ones.
    """

    type: str
    start: int
    end: int
    text: str
    value: Any = None
    source: str = ""
    extra: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.value is not None:
            out["value"] = self.value
        out["source"] = self.source
        if self.extra:
            out.update(self.extra)
        return out


@dataclass(slots=True)
class Doc:
    """A document as it moves through the pipeline.

    ``body`` is the (start, end) span of the article proper; extractors may scan the whole
    text, but the pipeline drops every entity outside the body.  ``excluded`` lists spans
    inside the body that are page furniture too (``Lượt xem: 100`` under the headline, a
    photographer's initials): a single body span cannot leave them out, so the pipeline also
    drops every entity that overlaps one.  ``meta`` and ``fields`` are filled by layout and
    relation extractors and become record fields.
    """

    text: str
    body: tuple[int, int] = (0, 0)
    excluded: list[tuple[int, int]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.body == (0, 0):
            self.body = (0, len(self.text))

    def span(self, type_: str, start: int, end: int, value: Any = None, source: str = "",
             **extra: Any) -> Mention:
        """Build a mention whose text is sliced from the document, so offsets cannot drift."""
        return Mention(type_, start, end, self.text[start:end], value, source, extra or None)


@runtime_checkable
class Extractor(Protocol):
    """What the registry holds.

    ``types`` lists the mention types the extractor emits (or, for layout and relation
    extractors, the record fields it fills), so ``vnextract extractors`` can show them and
    ``--extractors``/``--skip`` can choose by name.  ``priority`` breaks overlaps in the
    extractor's favour before span length does (user gazetteers outrank built-in rules).
    """

    name: ClassVar[str]
    types: ClassVar[tuple[str, ...]]
    stage: ClassVar[int]
    priority: ClassVar[int]

    def extract(self, doc: Doc) -> list[Mention]: ...
