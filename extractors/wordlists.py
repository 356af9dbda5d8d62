"""Read the word lists in ``extractors/data/`` once per process.

Lists are data, not code, so that a journalist can add a title or a furniture marker without
touching a regex.  Format: one item a line, ``#`` starts a comment line, blank lines ignored;
``.tsv`` files have TAB-separated columns.  Results are cached, so every extractor instance
in a process shares one copy.
"""

from __future__ import annotations

import re
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
