"""Vietnamese administrative units, before and after the 1 July 2025 merger, for LOC values.

The units come from the data underthesea ships (``underthesea/address/data/mapping.json``:
63 old provinces, 34 new ones, and 10,602 rows mapping every old ward with its old district
to its new province and ward), never typed by hand.  The file is found with
``importlib.util.find_spec`` so that underthesea itself is not imported (its import loads
models and costs about a second).

Reading the 4.8 MB JSON costs ~100 ms, too much for every cold start of ``vnextract extract
one.txt``; the compact index built from it is pickled once under ``~/.cache/vnextract``
(keyed by the file's size and mtime) and loaded lazily, in ~15 ms, only when a document has a
place to link.  Without a writable cache directory the index is built in memory each process.

``link(word, name, context)`` gives a LOC its value: ``{"level", "name", "province"
(old), "province_2025"}`` (and ``district`` for a ward), when the name resolves to one unit;
a name that several provinces share is resolved by the provinces the same document names.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import tempfile
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from .normalize import new_tones
from .wordlists import rows

INDEX_VERSION = 3

# One unit: (level, admin word, name, district, old province, province after 2025).
Unit = tuple[str, str, str, str | None, str | None, str | None]

def fold(s: str) -> str:
    """The matching key of a word or name: NFC, lower case, new tone placement, one space.

    ``Hoà``/``hòa``, an NFD ``hòa`` and ``HÒA`` all give ``hòa`` (the tone table is
    ``normalize``'s, the one the pipeline canonicalises the text with).
    """
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
    s = s.lower().replace("\u00a0", " ")
    if "o" in s or "u" in s:
        s = new_tones(s)
    return " ".join(s.split())


def mapping_path() -> Path | None:
    """underthesea's mapping.json, located without importing underthesea."""
    try:
        spec = importlib.util.find_spec("underthesea")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        p = Path(base) / "address" / "data" / "mapping.json"
        if p.is_file():
            return p
    return None


# "Thành phố Hà Nội" -> ("thành phố", "Hà Nội"); the admin word is the longest prefix listed.
_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "quận", "huyện", "xã", "phường")


def _split_word(full: str) -> tuple[str, str]:
    low = full.lower()
    for w in _WORDS:
        if low.startswith(w + " "):
            return w, full[len(w) + 1:].strip()
    return "", full.strip()


def build_index(path: Path) -> dict[str, Any]:
    """Read mapping.json into {"units": {fold(name): [Unit, …]}, "provinces": [...]}."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    old_names = data["old_province_names"]
    new_names = data["province_names"]
    pmap = data["province_mapping"]
    units: dict[str, set[Unit]] = {}

    def add(u: Unit) -> None:
        units.setdefault(fold(u[2]), set()).add(u)

    provinces: set[str] = set()
    for key, info in old_names.items():
        short = info["short"]
        new = new_names.get(pmap.get(key, ""), {}).get("short")
        word, _ = _split_word(info["name"])
        add(("province", word, short, None, short, new))
        provinces.add(short)
    for key, info in new_names.items():
        short = info["short"]
        word, _ = _split_word(info["name"])
        old = old_names.get(key, {}).get("short")
        add(("province", word, short, None, old, short))
        provinces.add(short)
    for row in data["ward_mapping"]:
        old_p = old_names.get(row["old_province_key"], {}).get("short") or row["old_province"]
        new_p = new_names.get(row["new_province_key"], {}).get("short") or row["new_province"]
        dword, dname = _split_word(row["old_district"])
        if dname:
            add(("district", dword, dname, None, old_p, new_p))
        wword, wname = _split_word(row["old_ward"])
        if wname:
            add(("ward", wword, wname, row["old_district"] or None, old_p, new_p))
        nword, nname = _split_word(row["new_ward"])
        if nname:
            add(("ward", nword, nname, None, None, new_p))
    return {
        "version": INDEX_VERSION,
        "units": {k: sorted(v, key=lambda u: tuple(x or "" for x in u)) for k, v in units.items()},
        "provinces": sorted(provinces),
    }


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnextract"


@cache
def admin_index() -> dict[str, Any]:
    """The index, from the pickle cache when it is fresh, else built (and cached if we can)."""
    path = mapping_path()
    if path is None:
        return {"version": INDEX_VERSION, "units": {}, "provinces": []}
    st = path.stat()
    pick = _cache_dir() / f"admin-index-v{INDEX_VERSION}-{st.st_size}-{st.st_mtime_ns}.pickle"
    try:
        with open(pick, "rb") as f:
            idx = pickle.load(f)
        if isinstance(idx, dict) and idx.get("version") == INDEX_VERSION:
            return idx
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    idx = build_index(path)
    try:
        pick.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=pick.parent, prefix=".admin-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(idx, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, pick)  # atomic: parallel workers never read half a file
    except OSError:
        pass
    return idx


@cache
def province_names() -> tuple[str, ...]:
    """Short names of every province before and after the merger ("Cao Bằng", "Huế")."""
    return tuple(admin_index()["provinces"])


# Admin word in the text -> the levels a unit it names can have.
_LEVELS: dict[str, tuple[str, ...]] = {
    "tỉnh": ("province",),
    "thành phố": ("province", "district"),
    "tp": ("province", "district"),
    "tp.": ("province", "district"),
    "quận": ("district",),
    "huyện": ("district",),
    "thị xã": ("district",),
    "xã": ("ward",),
    "phường": ("ward",),
    "thị trấn": ("ward",),
}


def _load_places() -> dict[str, tuple[str, str]]:
    """ner_places.tsv: fold(name) -> (level, canonical)."""
    out: dict[str, tuple[str, str]] = {}
    for row in rows("ner_places.tsv"):
        name, level = row[0], row[1]
        canon = row[2] if len(row) > 2 and row[2] else name
        out[fold(name)] = (level, canon)
    return out


_places: dict[str, tuple[str, str]] | None = None


def known_place(name: str) -> tuple[str, str] | None:
    """(level, canonical) for a country, region, world city or short form in ner_places.tsv."""
    global _places
    if _places is None:
        _places = _load_places()
    return _places.get(fold(name))


def _value(u: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {"level": u[0], "name": u[2]}
    if u[3]:
        out["district"] = u[3]
    out["province"] = u[4]
    out["province_2025"] = u[5]
    return out


def link(word: str | None, name: str, context: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The LOC value for ``name`` after the admin ``word`` (None for a bare name).

    ``context`` holds the folded province names the document mentions; they settle a name
    several provinces share ("huyện Châu Thành").  Unresolved: level and name only.
    """
    place = known_place(name)
    if place is not None and word is None:
        level, canon = place
        if level == "province":
            return link(None, canon, context)
        return {"level": level, "name": canon}
    wkey = fold(word) if word else None
    levels = _LEVELS.get(wkey or "", ("province",) if word is None else ())
    cands = [u for u in admin_index()["units"].get(fold(name), ()) if u[0] in levels]
    if wkey in ("xã", "phường", "thị trấn", "quận", "huyện", "thị xã"):
        same = [u for u in cands if fold(u[1]) == wkey]
        cands = same or cands
    if not cands:
        level = {"tỉnh": "province", "khu vực": "region", "thôn": "hamlet", "ấp": "hamlet",
                 "khóm": "hamlet"}.get(wkey or "", levels[0] if levels and word else "place")
        return {"level": level, "name": name}
    # a province reads as itself; among lower units prefer those in a province the text names
    provs = [u for u in cands if u[0] == "province"]
    if provs:
        best = provs[0]
        for u in provs:
            if u[4] and u[5]:
                best = u
        return _value(best)
    if len(cands) > 1 and context:
        # the old province first: a text naming "An Giang" means An Giang's Châu Thành, not
        # the one of Kiên Giang that joined An Giang in 2025
        old = [u for u in cands if fold(u[4] or "") in context]
        new = [u for u in cands if fold(u[5] or "") in context]
        cands = old or new or cands
    if len({(u[0], u[2], u[4] or u[5]) for u in cands}) == 1:
        merged = dict(_value(cands[0]))
        for u in cands:  # an old ward row and a new ward row of the same unit
            if u[4] and not merged.get("province"):
                merged["province"] = u[4]
            if u[3] and not merged.get("district"):
                merged["district"] = u[3]
        return merged
    return {"level": cands[0][0], "name": name, "candidates": len(cands)}
