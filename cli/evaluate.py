"""Scores a report against a gold file (the rules of the shared gold FORMAT.md).

The figures must agree with the shared scorer, so the matching rules are the same: mentions
match on type and exact offsets, and for value types on the normalised value too; roles
match on (person, title) after white space is collapsed and case folded; metadata is
exact-match accuracy.  Records are paired by ``path``, or by base name.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import orjson

NER = ("PER", "ORG", "LOC")
VALUES = ("DATE", "DOCREF", "PERCENT", "MONEY", "QUANTITY")
META_KEYS = ("title", "section", "authors", "published")


def load(path: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON ({e})") from None
            if isinstance(rec, dict) and "path" in rec:
                out[rec["path"]] = rec
    return out


def norm_value(typ: str | None, v: Any) -> Any:
    if v is None:
        return None
    if typ == "DOCREF":
        code = (v.get("code") or "") if isinstance(v, dict) else str(v)
        return code.replace(" ", "").upper()
    if typ in ("PERCENT", "QUANTITY"):
        if isinstance(v, dict):
            v = v.get("amount", v.get("value"))
        try:
            return round(float(v), 4)
        except (TypeError, ValueError):
            return None
    if typ == "MONEY":
        if not isinstance(v, dict):
            return None
        try:
            return (round(float(v.get("amount")), 2), (v.get("currency") or "").upper())
        except (TypeError, ValueError):
            return None
    return str(v)


def fold(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split()).casefold()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _scores(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p, r, f = prf(tp, fp, fn)
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _mentions(rec: dict[str, Any], types: Iterable[str]) -> set[tuple[Any, ...]]:
    wanted = set(types)
    out = set()
    for m in rec.get("entities") or []:
        t = m.get("type")
        if t not in wanted:
            continue
        key = (t, m.get("start"), m.get("end"))
        out.add(key if t in NER else (*key, norm_value(t, m.get("value"))))
    return out


def score(gold: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    errors: list[dict[str, Any]] = []
    role = [0, 0, 0]
    meta: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_base = {k.rsplit("/", 1)[-1]: v for k, v in pred.items()}
    missing = 0
    types = NER + VALUES
    for path, g in gold.items():
        p = pred.get(path) or by_base.get(path.rsplit("/", 1)[-1])
        if p is None:
            missing += 1
            p = {}
        gset, pset = _mentions(g, types), _mentions(p, types)
        for t in types:
            gs = {x for x in gset if x[0] == t}
            ps = {x for x in pset if x[0] == t}
            counts[t][0] += len(gs & ps)
            counts[t][1] += len(ps - gs)
            counts[t][2] += len(gs - ps)
            for kind, diff in (("FP", ps - gs), ("FN", gs - ps)):
                errors += [{"path": path, "kind": kind, "mention": list(x)}
                           for x in sorted(diff, key=str)]
        if "roles" in g:
            gr = {(fold(r["person"]), fold(r["title"])) for r in g["roles"]}
            pr = {(fold(r.get("person")), fold(r.get("title"))) for r in p.get("roles") or []}
            role[0] += len(gr & pr)
            role[1] += len(pr - gr)
            role[2] += len(gr - pr)
        gm, pm = g.get("meta") or {}, p.get("meta") or {}
        for k in META_KEYS:
            if k not in gm:
                continue
            gv, pv = gm[k], pm.get(k)
            if k == "authors":
                ok = sorted(fold(a) for a in gv or []) == sorted(fold(a) for a in pv or [])
            else:
                ok = fold(gv) == fold(pv) if gv is not None else pv in (None, "")
            meta[k][0] += ok
            meta[k][1] += 1
    res: dict[str, Any] = {"docs": len(gold), "missing_docs": missing, "types": {}}
    for t in types:
        if t in counts:
            res["types"][t] = _scores(*counts[t])
    for name, group in (("NER", NER), ("values", VALUES)):
        res[name] = _scores(*(sum(counts[t][i] for t in group) for i in range(3)))
    res["roles"] = _scores(*role)
    res["meta"] = {k: v[0] / v[1] for k, v in meta.items() if v[1]}
    res["errors"] = errors
    return res
