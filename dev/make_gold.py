#!/usr/bin/env python3
"""Build SET/articles/*.txt and SET/gold.jsonl from the annotated sources in SET/src/*.src.

Source format (UTF-8):
    #TITLE: headline as written | null
    #SECTION: label | null
    #AUTHORS: name; name
    #PUBLISHED: ISO date | null
    #ROLE: person | title          (repeatable)
    #BODY_END: first line of page furniture (optional; nothing at or after it is annotated)
    ---
    article text with inline mentions {T|surface} or {T|surface|value}

T is one of P(ER) O(RG) L(OC) D(ATE) R(DOCREF) C(PERCENT) M(ONEY) Q(UANTITY).
DATE values are given explicitly; DOCREF/PERCENT/QUANTITY/MONEY values are parsed from the
surface unless given (MONEY override: "amount CUR", e.g. {M|50|50000000 VND}).
Offsets are computed here, never by hand.  Run:  python3 dev/make_gold.py [SET] [--show]
(SET is a folder such as dev2; by default the folder this script is in.)
"""
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"P": "PER", "O": "ORG", "L": "LOC", "D": "DATE", "R": "DOCREF",
         "C": "PERCENT", "M": "MONEY", "Q": "QUANTITY"}
MARK = re.compile(r"\{([A-Z])\|([^{}|]+)(?:\|([^{}]*))?\}")
SCALE = {"nghìn tỷ": 10**12, "ngàn tỷ": 10**12, "tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}
CUR = {"đồng": "VND", "USD": "USD", "yên": "JPY", "euro": "EUR", "won": "KRW"}


def num(s):
    s = s.strip().replace(".", "").replace(",", ".")
    v = float(s)
    return int(v) if v.is_integer() else v


def value(t, surf, given):
    if t == "DATE":
        assert given, f"DATE needs a value: {surf}"
        return given
    if t == "DOCREF":
        m = re.match(r"^(?:(.*?)\s+)?(?:(số|SỐ)\s+)?(\S+)$", surf)
        kind = (m.group(1) or "").strip() or None
        return {"kind": kind, "code": re.sub(r"\s+", "", m.group(3))}
    if t == "PERCENT":
        return num(given or re.sub(r"\s*(%|phần trăm)$", "", surf))
    if t == "QUANTITY":
        return num(given or surf.split("/")[0])
    if t == "MONEY":
        if given:
            a, c = given.split()
            return {"amount": num(a) if "," not in a else num(a), "currency": c}
        m = re.match(r"^([\d.,]+)\s*(nghìn tỷ|ngàn tỷ|tỷ|triệu|nghìn|ngàn)?\s*(đồng|USD|yên|euro|won)$", surf)
        assert m, f"cannot parse money {surf}"
        amt = num(m.group(1)) * SCALE.get(m.group(2) or "", 1)
        amt = round(amt, 2)
        return {"amount": int(amt) if float(amt).is_integer() else amt, "currency": CUR[m.group(3)]}
    return None


def parse_src(path):
    raw = path.read_text(encoding="utf-8")
    head, body = raw.split("\n---\n", 1)
    meta = {"title": None, "section": None, "authors": [], "published": None}
    roles, body_end = [], None
    for line in head.splitlines():
        k, _, v = line.partition(":")
        k, v = k.strip("# ").upper(), v.strip()
        if k == "TITLE":
            meta["title"] = None if v == "null" else v
        elif k == "SECTION":
            meta["section"] = None if v == "null" else v
        elif k == "AUTHORS":
            meta["authors"] = [a.strip() for a in v.split(";") if a.strip()]
        elif k == "PUBLISHED":
            meta["published"] = None if v == "null" else v
        elif k == "ROLE":
            p, _, t = v.partition("|")
            roles.append({"person": p.strip(), "title": t.strip()})
        elif k == "BODY_END":
            body_end = v
    text, ents, pos = [], [], 0
    n = 0
    for m in MARK.finditer(body):
        text.append(body[pos:m.start()])
        n += len(body[pos:m.start()])
        code, surf, given = m.group(1), m.group(2), m.group(3)
        t = TYPES[code]
        e = {"type": t, "text": surf, "start": n, "end": n + len(surf)}
        v = value(t, surf, given)
        if v is not None:
            e["value"] = v
        ents.append(e)
        text.append(surf)
        n += len(surf)
        pos = m.end()
    text.append(body[pos:])
    return "".join(text), meta, ents, roles, body_end


def check(name, text, meta, ents, roles, body_end):
    errs = []
    assert "{" not in text and "}" not in text, f"{name}: stray brace"
    prev = -1
    for e in ents:
        s = e["text"]
        if text[e["start"]:e["end"]] != s:
            errs.append(f"offset mismatch {e}")
        if e["start"] < prev:
            errs.append(f"overlap/unsorted {e}")
        prev = e["end"]
        if s != s.strip() or unicodedata.category(s[0])[0] == "P" or (
                unicodedata.category(s[-1])[0] == "P" and s[-1] != "%"):
            errs.append(f"bad span edge {e}")
    if body_end:
        cut = text.index("\n" + body_end + "\n")
        for e in ents:
            if e["start"] > cut:
                errs.append(f"mention in furniture {e}")
    if meta["title"] and meta["title"] not in text:
        errs.append("title not in text")
    pers = {e["text"] for e in ents if e["type"] == "PER"}
    for a in meta["authors"]:
        if a not in pers:
            errs.append(f"author not a PER mention: {a}")
    for r in roles:
        if r["person"] not in pers:
            errs.append(f"role person not a PER mention: {r}")
    if meta["published"] and meta["published"] not in {e.get("value") for e in ents if e["type"] == "DATE"}:
        errs.append("published not among DATE values")
    if not 1500 <= len(text) <= 4000:
        errs.append(f"length {len(text)} outside 1500-4000")
    return errs


def uncovered(text, ents, body_end):
    """Print candidate misses for review: digits and entity-like words outside any mention."""
    cut = text.index("\n" + body_end + "\n") if body_end else len(text)
    cov = [False] * len(text)
    for e in ents:
        for i in range(e["start"], e["end"]):
            cov[i] = True
    surf = {e["text"] for e in ents if e["type"] in ("PER", "ORG", "LOC")}
    pats = [r"\d+"] + [r"(?<!\w)" + re.escape(s) + r"(?!\w)" for s in surf] + [
        r"(?<!\w)(Đảng|TP|Bộ|Sở|Ban|Hội|UBND|HĐND|Trường|Bệnh viện|Công ty|Ngân hàng|Trung tâm|Viện|"
        r"tỉnh|huyện|xã|phường|thị xã|thị trấn|quận|thành phố|tháng|ngày|quý|USD|%)(?!\w)"]
    out = set()
    for p in pats:
        for m in re.finditer(p, text[:cut]):
            if not any(cov[m.start():m.end()]):
                out.add((m.start(), text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")))
    return sorted(out)


def main():
    show = "--show" in sys.argv
    sets = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(sets[0]).resolve() if sets else HERE
    SRC, OUT = root / "src", root / "articles"
    OUT.mkdir(exist_ok=True)
    recs, bad = [], 0
    for src in sorted(SRC.glob("*.src")):
        text, meta, ents, roles, body_end = parse_src(src)
        name = src.stem + ".txt"
        data = text.encode("utf-8")
        (OUT / name).write_bytes(data)
        # re-read exactly as a scorer would
        back = (OUT / name).read_bytes().decode("utf-8")
        assert back == text
        errs = check(name, text, meta, ents, roles, body_end)
        for e in errs:
            print(f"ERROR {name}: {e}")
        bad += len(errs)
        ents.sort(key=lambda e: e["start"])
        recs.append({"path": name, "sha256": hashlib.sha256(data).hexdigest(), "meta": meta,
                     "entities": ents, "roles": roles})
        if show:
            print(f"--- {name}: {len(text)} chars, {len(ents)} mentions, {len(roles)} roles")
            for s, ctx in uncovered(text, ents, body_end):
                print(f"   ? {s:5d} …{ctx}…")
    with open(root / "gold.jsonl", "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    for r in recs:
        for e in r["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
    print(f"{len(recs)} documents; mentions: {counts}; roles: {sum(len(r['roles']) for r in recs)}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
