"""A deterministic synthetic archive made from the seed articles' own sentences.

Real archives cannot be shipped, and a benchmark on five files measures start-up, not
throughput.  So the seeds are cut into headline-sized lines and body sentences, and a fixed
``random.Random(seed)`` recombines them into as many articles as asked: each has a section
line, a headline, a dateline, paragraphs of 2-5 sentences and a byline, like the seeds, so
every extractor (layout, dates, numbers, names, roles) finds work in them.  Same seed and
count, same bytes: runs and machines compare.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# A sentence end: ".", "!" or "?" (optionally closing quotes) before white space and a
# capital or an opening quote.  No nested quantifiers: linear on any input.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-ZĐÀ-Ỹ])")

DATELINE_DAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
SHORT_LINE = 90  # a line shorter than this (characters) is a headline/section/byline


def pieces(seeds: Path = SEEDS) -> tuple[list[str], list[str]]:
    """(short lines, body sentences) of the seed articles, in a stable order."""
    short: list[str] = []
    sentences: list[str] = []
    for f in sorted(seeds.glob("*.txt")):
        for line in f.read_text("utf-8-sig").splitlines():
            line = line.strip()
            if not line:
                continue
            if len(line) < SHORT_LINE:
                short.append(line)
            else:
                sentences.extend(s for s in SENTENCE_END_RE.split(line) if len(s) > 20)
    return short, sentences


def article(rng: random.Random, short: list[str], sentences: list[str]) -> str:
    """One article of about 1.5-5 KB: section, headline, dateline, paragraphs, byline."""
    target = rng.randint(1800, 5200)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2025)
    parts = [rng.choice(short), rng.choice(sentences)[:120].rstrip(" ,.;:"),
             f"{rng.choice(DATELINE_DAYS)}, {day:02d}/{month:02d}/{year}", ""]
    size = sum(len(p) for p in parts)
    while size < target:
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        parts.append(para)
        size += len(para.encode()) + 1
    parts += ["", rng.choice(short)]
    return "\n".join(parts) + "\n"


def build(out: Path, n: int, seed: int = 20240101, per_folder: int = 100) -> list[Path]:
    """Write ``n`` articles under ``out`` (``000/00000.txt`` …) unless the same archive is
    already there (a stamp file names the seed, count and seed-corpus hash); the paths."""
    short, sentences = pieces()
    digest = hashlib.sha256("\n".join(short + sentences).encode()).hexdigest()[:12]
    stamp = out / ".stamp"
    want = f"{seed} {n} {per_folder} {digest}\n"
    paths = [out / f"{i // per_folder:03d}" / f"{i:05d}.txt" for i in range(n)]
    if stamp.is_file() and stamp.read_text() == want:
        return paths
    rng = random.Random(seed)
    for i, p in enumerate(paths):
        if i % per_folder == 0:
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(article(rng, short, sentences), encoding="utf-8")
    stamp.write_text(want)
    return paths
