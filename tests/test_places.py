"""Administrative units from underthesea's shipped data (extractors/places.py)."""

from __future__ import annotations

import pytest

from extractors import places

# (expected subset of the value) <- (admin word, name, provinces the document names)
LINKS = [
    ({"level": "province", "name": "Cao Bằng", "province_2025": "Cao Bằng"}, None, "Cao Bằng", ()),
    ({"level": "province", "name": "Hà Giang", "province_2025": "Tuyên Quang"},
     "tỉnh", "Hà Giang", ()),
    ({"level": "province", "name": "Hòa Bình"}, "tỉnh", "Hoà Bình", ()),  # old tone placement
    ({"level": "province", "name": "Hồ Chí Minh"}, None, "TPHCM", ()),
    ({"level": "province", "name": "Hồ Chí Minh"}, "TP", "Hồ Chí Minh", ()),
    ({"level": "district", "province": "Đà Nẵng"}, "quận", "Liên Chiểu", ()),
    ({"level": "district", "province": "An Giang"}, "huyện", "Châu Thành", ("an giang",)),
    ({"level": "ward", "district": "Quận 1", "province": "Hồ Chí Minh"}, "phường", "Bến Nghé",
     ()),
    ({"level": "country", "name": "Việt Nam"}, None, "Việt Nam", ()),
    ({"level": "region", "name": "Tây Nguyên"}, None, "Tây Nguyên", ()),
]


@pytest.mark.parametrize(("expected", "word", "name", "ctx"), LINKS)
def test_link(expected: dict, word: str | None, name: str, ctx: tuple[str, ...]) -> None:
    got = places.link(word, name, frozenset(ctx))
    assert {k: got.get(k) for k in expected} == expected


def test_ambiguous_name_is_not_guessed() -> None:
    got = places.link("huyện", "Châu Thành")
    assert got["level"] == "district" and "province" not in got and got["candidates"] > 1


def test_unknown_name_keeps_level_of_its_admin_word() -> None:
    assert places.link("xã", "Không Có Thật") == {"level": "ward", "name": "Không Có Thật"}


def test_index_covers_both_eras() -> None:
    idx = places.admin_index()
    assert len(idx["provinces"]) == 63  # the 34 after 2025 are all old names too
    assert places.mapping_path() is not None


@pytest.mark.parametrize(("raw", "key"), [
    ("Hoà Bình", "hòa bình"), ("THUỶ", "thủy"), ("Quý", "quý"), ("Ho\u0300a", "hòa"),
    ("Đắk\u00a0Lắk", "đắk lắk"),
])
def test_fold(raw: str, key: str) -> None:
    assert places.fold(raw) == key
