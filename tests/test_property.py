"""Property test: any Unicode text through the whole default pipeline keeps the invariants.

It never raises; every mention satisfies ``text[start:end] == mention.text``; mentions are
sorted by start, do not overlap, and lie inside the body, which lies inside the text.  The
text strategies mix arbitrary Unicode with Vietnamese-looking material (syllables, NFD marks,
old tone placement, digits and the punctuation number rules react to), because purely random
code points rarely reach the extractors' interesting paths.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import Pipeline

# Syllables and tokens an article is made of: names, titles, admin words, figures, dates.
PIECES = [
    "Nguyễn", "Văn", "Hòa", "Hoà", "thuỷ", "Thủy", "ông", "bà", "Chủ tịch", "UBND", "tỉnh",
    "huyện", "Khánh Hòa", "TP.HCM", "Sở Y tế", "Bệnh viện", "ngày", "tháng", "năm", "2024",
    "12/3/2024", "67,46%", "1.500", "tỷ đồng", "Nghị quyết số 13-NQ/TW", "“", "”", "\"", ":",
    ",", ".", "-", "–", "/", "%", "(", ")", "\n", "\n\n", " ", "\u00a0", "\u0301", "\u0323",
    "Ð", "ĐẢNG BỘ", "cho biết", "a@b.vn", "0912 345 678", "https://x.vn/a",
]

vietnamese_like = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60,
).map(" ".join)

any_text = st.one_of(
    st.text(max_size=300),
    vietnamese_like,
    vietnamese_like.map(lambda s: unicodedata.normalize("NFD", s)),
)

_PIPELINE: Pipeline | None = None


def pipeline() -> Pipeline:
    """One pipeline for all examples (a function-scoped fixture would trip hypothesis)."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_pipeline_invariants_on_any_text(text: str) -> None:
    pipe = pipeline()
    doc = pipe.run(text)
    lo, hi = doc.body
    assert 0 <= lo <= hi <= len(text)
    assert doc.text == text
    last_end = lo
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
        assert lo <= m.start < m.end <= hi
        assert m.start >= last_end  # sorted and non-overlapping
        last_end = m.end
    record = pipe.process(text)
    assert [(e["start"], e["end"], e["text"]) for e in record["entities"]] == [
        (m.start, m.end, m.text) for m in doc.mentions]
    for key in ("roles", "quotes"):
        for item in record[key]:
            s, e = item.get("start"), item.get("end")
            if isinstance(s, int) and isinstance(e, int):
                assert 0 <= s <= e <= len(text)
