"""``make bench``: one table of vnextract's speed, memory and cold start on this machine.

What is measured, and how:

- **archive**: ``bench/out/archive``, 10,000 synthetic articles (> 30 MB) recombined from the
  seeds with a fixed random seed (``corpus.py``), built once and reused.
- **--jobs 1 / --jobs 2**: ``vnextract extract`` as a subprocess, as a user runs it; files/s
  and characters/s from its own summary line over wall time; peak RSS of the whole process
  tree (parent + workers, summed, polled from /proc every 20 ms) and the largest single
  process (``ru_maxrss`` of the waited children).  ``--jobs 2`` at 1,000 and at 10,000 files
  shows whether memory stays flat as the archive grows; ``--jobs 1`` runs on 2,000 files to
  keep the bench short (its rate does not depend on the count).
- **cold start**: wall time of ``vnextract extract one.txt`` in a fresh process, median of 7.
- **underthesea**: its ``ner()`` called sentence by sentence on a sample, for the ratio.
- **per extractor, one core**: each extractor alone, in this process, on >= 10 MB of the
  archive (capped at ``CAP_SECONDS`` each; the characters actually done are shown).
- **NER ablation**: rules alone, the hybrid (rules + CRF where the rules leave a capitalised
  run unexplained) and underthesea alone: NER micro-F1 on the seed gold set (when
  ``../shared/gold/seeds.jsonl`` is there) and characters/s.

Targets (issue 6; 2 cores): >= 1,000,000 chars/s with --jobs 2, peak RSS <= 400 MB and flat
from 1k to 10k files, cold start <= 1.0 s; values extractors >= 5 MB/s, NER >= 350,000
chars/s.  When a target is missed, a cProfile of the default pipeline shows where time goes.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
ARCHIVE = OUT / "archive"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"
N_FILES = 10_000
VALUE_TYPES = {"DATE", "DATE_REL", "PERCENT", "MONEY", "QUANTITY", "DOCREF", "EMAIL", "PHONE",
               "URL"}
NER_TYPES = {"PER", "ORG", "LOC"}
CAP_SECONDS = 25.0  # per in-process measurement: the bench must finish in a few minutes
TEN_MB = 10 * 1024 * 1024

# The summary line vnextract prints on stderr (session.py), counts with thousands separators
# and the noun in the singular for 1: "vnextract: 10,000 files, 1 error, 1,234 characters …"
SUMMARY_RE = re.compile(r"([\d,]+) files?, ([\d,]+) errors?, ([\d,]+) characters")


def vnextract_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("vnextract")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cli"]


def _proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, rss bytes) for every process, from /proc."""
    page = os.sysconf("SC_PAGE_SIZE")
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            out[int(d)] = (int(fields[1]), int(fields[21]) * page)
        except (OSError, IndexError, ValueError):
            continue
    return out


def tree_rss(root: int) -> int:
    table = _proc_table()
    total, stack, seen = 0, [root], set()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    while stack:
        pid = stack.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        total += table[pid][1]
        stack.extend(kids.get(pid, []))
    return total


def run_cli(args: list[str]) -> dict[str, Any]:
    """Run vnextract; wall seconds, CPU seconds, files, chars, peak tree RSS and the largest
    process's RSS (MB).  CPU time and ru_maxrss come from wait4(), which on Linux covers the
    child and the workers it reaped; CPU time makes the rate readable on a shared machine."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([*vnextract_cmd(), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    m = SUMMARY_RE.search(err)
    if proc.returncode not in (0, 1) or not m:
        raise SystemExit(f"bench: vnextract {' '.join(args)} failed ({proc.returncode}):\n{err}")
    files, _, chars = (int(g.replace(",", "")) for g in m.groups())
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "files": files,
            "chars": chars, "tree_mb": peak / 2**20,
            "proc_mb": usage.ru_maxrss / 1024}


def files_list(paths: list[Path], n: int) -> Path:
    f = OUT / f"files-{n}.txt"
    f.write_text("".join(f"{p}\n" for p in paths[:n]))
    return f


def throughput(fn: Callable[[str], Any], texts: list[str]) -> tuple[float, int, int]:
    """(seconds, chars, bytes) of fn over texts, stopping after CAP_SECONDS."""
    chars = nbytes = 0
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
        chars += len(t)
        nbytes += len(t.encode())
        if time.perf_counter() - t0 > CAP_SECONDS:
            break
    return time.perf_counter() - t0, chars, nbytes


def load_texts(paths: list[Path], min_bytes: int) -> list[str]:
    texts, size = [], 0
    for p in paths:
        data = p.read_bytes()
        texts.append(data.decode("utf-8"))
        size += len(data)
        if size >= min_bytes:
            break
    return texts


def ner_f1(spans_per_doc: list[list[tuple[str, int, int]]], docs: list[tuple[str, str]]
           ) -> float | None:
    if not GOLD.is_file():
        return None
    from cli import evaluate as ev

    gold = ev.load(str(GOLD))
    report = {}
    for (path, text), spans in zip(docs, spans_per_doc, strict=True):
        report[path] = {"path": path, "entities": [
            {"type": t, "start": s, "end": e, "text": text[s:e]} for t, s, e in spans]}
    return ev.score(gold, report)["NER"]["f1"]


def seed_docs() -> list[tuple[str, str]]:
    from cli.decode import decode

    return [(p.name, decode(p.read_bytes()).text) for p in sorted(corpus.SEEDS.glob("*.txt"))]


def row(table: list[list[str]], *cells: object) -> None:
    table.append([str(c) for c in cells])


def show(table: list[list[str]], head: list[str]) -> None:
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print(line)
    for r in table:
        print("  ".join((c.rjust(w) if i else c.ljust(w))
                        for i, (c, w) in enumerate(zip(r, widths, strict=True))))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    t_all = time.perf_counter()
    print(f"vnextract bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}",
          flush=True)
    paths = corpus.build(ARCHIVE, N_FILES)
    size = sum(p.stat().st_size for p in paths)
    print(f"archive: {len(paths):,} files, {size / 1e6:.1f} MB in {ARCHIVE}", flush=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before the runs: {load} (other work on the machine slows "
          "wall-clock rates; chars/CPU-s does not move)\n", flush=True)
    table: list[list[str]] = []
    head = ["measure", "files", "files/s", "chars/s", "chars/CPU-s", "peak RSS tree",
            "max process", "wall"]
    report = str(OUT / "report.jsonl")
    runs = {}
    for label, jobs, n in (("--jobs 1 (2,000 files)", 1, 2000),
                           ("--jobs 2 (1,000 files)", 2, 1000),
                           ("--jobs 2 (10,000 files)", 2, N_FILES)):
        print(f"running {label} …", flush=True)
        r = runs[(jobs, n)] = run_cli(["extract", "--files-from", str(files_list(paths, n)),
                                       "-j", str(jobs), "-o", report])
        row(table, label, f"{r['files']:,}", f"{r['files'] / r['wall']:,.0f}",
            f"{r['chars'] / r['wall']:,.0f}", f"{r['chars'] / r['cpu']:,.0f}",
            f"{r['tree_mb']:.0f} MB",
            f"{r['proc_mb']:.0f} MB", f"{r['wall']:.1f} s")

    one = str(sorted(corpus.SEEDS.glob("*.txt"))[0])
    colds = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([*vnextract_cmd(), "extract", one, "-q", "-o", str(OUT / "one.jsonl")],
                       check=True, cwd=ROOT)
        colds.append(time.perf_counter() - t0)
    cold = statistics.median(colds)
    row(table, "cold start: extract one.txt (median of 7)", "1", "", "", "", "", "",
        f"{cold:.2f} s")

    print("running underthesea ner() loop …", flush=True)
    sample = [s for s in corpus.pieces()[1]][:120]
    t0 = time.perf_counter()
    from underthesea import ner

    ner(sample[0])
    load = time.perf_counter() - t0
    secs, chars, _ = throughput(ner, sample)
    u_rate = chars / secs
    row(table, f"underthesea ner() loop ({chars:,} chars; load {load:.1f} s)", "", "",
        f"{u_rate:,.0f}", "", "", "", f"{secs:.1f} s")
    j2 = runs[(2, N_FILES)]
    j2_rate = j2["chars"] / j2["wall"]
    print()
    show(table, head)
    print(f"\n--jobs 2 / underthesea loop: {j2_rate / u_rate:,.0f}x"
          f"   RSS 1k -> 10k files: {runs[(2, 1000)]['tree_mb']:.0f} -> {j2['tree_mb']:.0f} MB"
          f"   total so far {time.perf_counter() - t_all:.0f} s   load average now: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "\n", flush=True)

    # -- per extractor, one core, in this process -------------------------------------------
    from extractors import Pipeline, registry
    from extractors.base import LAYOUT, RELATIONS

    texts = load_texts(paths, TEN_MB)
    ext_rows: list[list[str]] = []
    print(f"per extractor, one core, on {sum(len(t.encode()) for t in texts) / 1e6:.1f} MB "
          f"(capped at {CAP_SECONDS:.0f} s each) …", flush=True)
    rates: dict[str, float] = {}
    for name in registry.names():
        if name == "crf":
            continue  # the CRF is timed in the ablation below, on a sample
        ext = registry.load(name)
        types = set(ext.types)
        family = ("layout" if ext.stage == LAYOUT else "relations" if ext.stage == RELATIONS
                  else "values" if types & VALUE_TYPES else "NER" if types & NER_TYPES
                  else "other")
        pipe = Pipeline([name])
        secs, chars, nbytes = throughput(pipe.process, texts)
        rates[name] = chars / secs
        row(ext_rows, name, family, f"{nbytes / secs / 1e6:.1f} MB/s", f"{chars / secs:,.0f}",
            f"{nbytes / 1e6:.1f} MB")
    # issue 3's target is for the value extractors together, as a run of them would be
    values = [n for n in registry.default_names()
              if set(registry.load(n).types) & VALUE_TYPES and registry.load(n).stage != LAYOUT]
    secs, chars, nbytes = throughput(Pipeline(values).process, texts)
    row(ext_rows, "values together (" + ",".join(values) + ")", "values",
        f"{nbytes / secs / 1e6:.1f} MB/s", f"{chars / secs:,.0f}", f"{nbytes / 1e6:.1f} MB")
    default = Pipeline()
    secs, chars, nbytes = throughput(default.process, texts)
    full_rate = chars / secs
    row(ext_rows, "default pipeline (" + ",".join(default.names) + ")", "",
        f"{nbytes / secs / 1e6:.1f} MB/s", f"{full_rate:,.0f}", f"{nbytes / 1e6:.1f} MB")
    show(ext_rows, ["extractor", "family", "MB/s", "chars/s", "measured on"])

    # -- NER ablation -------------------------------------------------------------------------
    print("\nNER ablation (F1: seed gold, strict spans; chars/s: archive sample) …", flush=True)
    abl: list[list[str]] = []
    docs = seed_docs()
    try:
        from extractors import ner as ner_mod

        variants = list(getattr(ner_mod, "VARIANTS", {}))
    except ImportError:
        variants = []
    for v in variants:
        spans = ner_mod.run_variant(v, [t for _, t in docs])
        f1 = ner_f1(spans, docs)
        part = texts if v != "underthesea" else texts[:8]
        secs, chars, _ = throughput(lambda t, v=v: ner_mod.run_variant(v, [t]), part)
        abl.append([v, "n/a" if f1 is None else f"{f1:.3f}", f"{chars / secs:,.0f}",
                    f"{chars:,}"])
    if abl:
        show(abl, ["variant", "NER F1", "chars/s", "chars timed"])

    missed = []
    if j2_rate < 1_000_000:
        missed.append(f"--jobs 2 at {j2_rate:,.0f} chars/s (< 1,000,000)")
    if j2["tree_mb"] > 400:
        missed.append(f"peak RSS {j2['tree_mb']:.0f} MB (> 400)")
    if cold > 1.0:
        missed.append(f"cold start {cold:.2f} s (> 1.0)")
    print()
    if missed:
        print("targets missed: " + "; ".join(missed))
        print(f"one core, default pipeline: {full_rate:,.0f} chars/s; cProfile on 2 MB:")
        prof = cProfile.Profile()
        sample_texts = load_texts(paths, 2 * 1024 * 1024)
        prof.enable()
        for t in sample_texts:
            default.process(t)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)
    else:
        print("all issue-6 targets met")
    print(f"bench done in {time.perf_counter() - t_all:.0f} s")


if __name__ == "__main__":
    main()
