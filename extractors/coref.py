"""Which full name a short person reference means (``bác sĩ Liêm`` -> ``Nguyễn Văn Liêm``).

Vietnamese news names a person in full once (``Nguyễn Văn Liêm``) and then by the given name
(``Liêm``), sometimes by surname and given name (``Nguyễn Liêm``), and a headline may repeat
the name in capitals.  Every PER mention gets ``extra["person"]``: the full name it refers to,
written as the text first writes it in mixed case.  A short form is linked only when exactly
one full name in the document ends with its syllables (or, for two syllables, starts and ends
with them); when two people share a given name the short form is left unlinked rather than
guessed.  Byline names (source ``layout``) are their own people and never antecedents, so a
reporter's name cannot swallow a quoted official's given name.

Relation extractors (roles, quotes) run after this one and read ``person``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from .base import RELATIONS, Doc, Mention
from .wordlists import fold

Key = tuple[str, ...]


def name_key(name: str) -> Key:
    """Syllables, case-folded and NFC: ``NGUYỄN KHẮC BÌNH`` and ``Nguyễn Khắc Bình`` agree."""
    return tuple(fold(name).split())


def refers(short: Key, full: Key) -> bool:
    """Whether ``short`` can be a shortened form of ``full``: its last syllables, or its
    surname and given name (two syllables, first and last)."""
    if len(short) >= len(full):
        return False
    if full[len(full) - len(short):] == short:
        return True
    return len(short) == 2 and len(full) > 2 and short[0] == full[0] and short[1] == full[-1]


def _display(names: Iterable[str]) -> dict[Key, str]:
    """For each key, the first spelling in mixed case (else the first spelling)."""
    out: dict[Key, str] = {}
    for n in names:
        k = name_key(n)
        if k not in out or (out[k].isupper() and not n.isupper()):
            out[k] = " ".join(n.split())
    return out


def link_persons(mentions: list[Mention]) -> None:
    """Set ``extra["person"]`` on every PER mention whose full name the document makes clear."""
    pers = [m for m in mentions if m.type == "PER"]
    if not pers:
        return
    shown = _display(m.text for m in pers)
    antecedents = {name_key(m.text) for m in pers if m.source != "layout"}
    full = {k for k in antecedents if not any(refers(k, o) for o in antecedents)}
    for m in pers:
        k = name_key(m.text)
        if not k:
            continue
        if m.source == "layout" or k in full:
            target: Key | None = k
        else:
            hits = [f for f in full if refers(k, f)]
            target = hits[0] if len(hits) == 1 else None
        if target is None:
            continue
        if m.extra is None:
            m.extra = {}
        m.extra["person"] = shown.get(target, m.text)


def person_of(m: Mention) -> str:
    """The full name a PER mention refers to (its own text when unlinked)."""
    return (m.extra or {}).get("person") or " ".join(m.text.split())


class PersonLinker:
    """Stage RELATIONS, first: annotates PER mentions with ``person``."""

    name: ClassVar[str] = "persons"
    types: ClassVar[tuple[str, ...]] = ("person",)
    stage: ClassVar[int] = RELATIONS
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        link_persons(doc.mentions)
        return []
