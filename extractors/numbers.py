"""Percentages written the Vietnamese way: ``67,46%``, ``100 %``, ``5 phần trăm``."""

from __future__ import annotations

import re
from typing import ClassVar

from .base import ENTITIES, Doc, Mention

# 67,46%  |  100 %  |  12.5 phần trăm   (Vietnamese: "," decimal mark, "." thousands)
PERCENT_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:[.,]\d+)?)\s?(%|phần trăm\b)"
)


def parse_number(s: str) -> float:
    """Read a Vietnamese-style number: ``2.946`` is 2946 and ``67,46`` is 67.46."""
    if "," in s:
        whole, _, frac = s.partition(",")
        return float(whole.replace(".", "") + "." + frac)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s)


def _num(v: float) -> int | float:
    return int(v) if v == int(v) else v


class PercentExtractor:
    name: ClassVar[str] = "percent"
    types: ClassVar[tuple[str, ...]] = ("PERCENT",)
    stage: ClassVar[int] = ENTITIES
    priority: ClassVar[int] = 0

    def extract(self, doc: Doc) -> list[Mention]:
        return [
            doc.span("PERCENT", m.start(), m.end(), _num(parse_number(m.group(1))))
            for m in PERCENT_RE.finditer(doc.text)
        ]
