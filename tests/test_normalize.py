"""Canonical spelling for the extractors (extractors/normalize.py), offsets back to the input."""

from __future__ import annotations

import unicodedata

import pytest

from extractors import Pipeline
from extractors.base import ENTITIES, Doc, Mention
from extractors.normalize import is_canonical, prepare


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# (canonical form, a spelling that must become it)
CANONICAL = [
    ("hòa", "hoà"),
    ("Khánh Hòa", "Khánh Hoà"),
    ("thủy", "thuỷ"),
    ("Thủy lợi", "Thuỷ lợi"),
    ("khóa", "khoá"),
    ("khỏe", "khoẻ"),
    ("ủy ban", "uỷ ban"),
    ("HÒA BÌNH", "HOÀ BÌNH"),
    ("xóa", "xoá"),
    ("túy", "tuý"),
    ("Việt Nam", nfd("Việt Nam")),
    ("Khánh Hòa", nfd("Khánh Hoà")),  # both at once: decomposed and old placement
    ("Đà Nẵng", "\u00d0à Nẵng"),  # Latin eth for Đ
    ("đường", "\u00f0ường"),
]


@pytest.mark.parametrize(("canonical", "variant"), CANONICAL)
def test_variants_become_canonical(canonical: str, variant: str) -> None:
    assert not is_canonical(variant)
    norm = prepare(variant)
    assert norm is not None
    assert norm.text == canonical


# Spellings that are canonical already (new placement is the same as the old one when the
# syllable has a final consonant; in "quý" the u belongs to "qu").
UNCHANGED = [
    "hoàng", "toán", "thuyền", "Huỳnh", "khuya", "quý", "Quỳnh", "quỷ", "hòa", "thủy",
    "ngoài", "khoét", "loạt", "Hoàng Thủy Tiên", "", "plain ASCII", "oa oe uy",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_canonical_text_is_left_alone(text: str) -> None:
    assert is_canonical(text)
    assert prepare(text) is None


@pytest.mark.parametrize("text", [nfd("Trường Sa và Hoàng Sa"), "x\u0301y\u0323 hoà",
                                  "\u0301hoa\u0300 a\u0301\u0301 b", "Ðà Nẵng thuỷ"])
def test_offset_map_round_trips_every_boundary(text: str) -> None:
    norm = prepare(text)
    assert norm is not None
    n = len(norm.text)
    assert norm.start(0) == 0 and norm.end(n) == len(text)
    starts = [norm.start(p) for p in range(n + 1)]
    ends = [norm.end(p) for p in range(n + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)  # monotone
    # Between any two word boundaries, the input's slice canonicalises to the canonical slice.
    cuts = [0, *(i for i, c in enumerate(norm.text) if c == " "), n]
    for p in cuts:
        for q in cuts:
            if p < q:
                piece = text[norm.start(p):norm.end(q)]
                fixed = prepare(piece)
                assert (fixed.text if fixed else piece) == norm.text[p:q]


class _WordFinder:
    """A stand-in extractor that only knows canonical spellings (as real word lists do)."""

    name = "test-words"
    types = ("LOC",)
    stage = ENTITIES
    priority = 0
    WORDS = ("Khánh Hòa", "Thủy Nguyên", "Việt Nam")

    def extract(self, doc: Doc) -> list[Mention]:
        out = []
        for w in self.WORDS:
            i = doc.text.find(w)
            while i >= 0:
                out.append(doc.span("LOC", i, i + len(w), w))
                i = doc.text.find(w, i + 1)
        return out


BASE = "Bão số 3 đổ bộ vào Khánh Hòa, rồi tới Thủy Nguyên; cả Việt Nam theo dõi, 95% dân đã sơ tán."
SPELLINGS = [
    BASE,
    BASE.replace("Hòa", "Hoà").replace("Thủy", "Thuỷ"),
    nfd(BASE),
    nfd(BASE.replace("Hòa", "Hoà").replace("Thủy", "Thuỷ")),
]


@pytest.mark.parametrize("text", SPELLINGS, ids=["nfc", "old-style", "nfd", "nfd-old-style"])
def test_pipeline_finds_the_same_mentions_with_offsets_into_the_input(text: str) -> None:
    pipe = Pipeline(["percent"], extractors=[_WordFinder()])
    doc = pipe.run(text)
    found = [(m.type, unicodedata.normalize("NFC", m.text).replace("Hoà", "Hòa")
              .replace("Thuỷ", "Thủy"), m.value) for m in doc.mentions]
    assert found == [("LOC", "Khánh Hòa", "Khánh Hòa"), ("LOC", "Thủy Nguyên", "Thủy Nguyên"),
                     ("LOC", "Việt Nam", "Việt Nam"), ("PERCENT", "95%", 95)]
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    assert doc.text == text
    assert doc.body == (0, len(text))
    record = pipe.process(text)
    assert [(e["start"], e["end"]) for e in record["entities"]] == [
        (m.start, m.end) for m in doc.mentions]
    assert record["meta"]["body"] == [0, len(text)]


def test_roles_and_quotes_offsets_are_mapped_back() -> None:
    class Quoter:
        name = "test-quotes"
        types = ("quotes",)
        stage = 2
        priority = 0

        def extract(self, doc: Doc) -> list[Mention]:
            s = doc.text.index("“") + 1
            e = doc.text.index("”")
            doc.fields["quotes"] = [{"text": doc.text[s:e], "start": s, "end": e,
                                     "speaker": None}]
            return []

    text = nfd("Ông nói: “Khánh Hoà sẽ khoẻ mạnh”.")
    rec = Pipeline(["percent"], extractors=[Quoter()]).process(text)
    q = rec["quotes"][0]
    assert text[q["start"]:q["end"]] == q["text"]
    assert unicodedata.normalize("NFC", q["text"]) == "Khánh Hoà sẽ khoẻ mạnh"
