"""Renders a summary result (``Summary.result()``) as rich tables, Markdown or JSON.

Kept apart from the aggregation so the counting code has no rich import, and so that each
format is a function of the same plain data: what the table shows, the JSON carries.
"""

from __future__ import annotations

from typing import IO, Any

import orjson

# Partial blocks for bar ends: a bar of 3.4 cells is "███▍".
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
MAX_TITLES = 3  # titles shown per person in table and Markdown (JSON has them all)
MAX_PLACES = 3  # places shown inside a province row


def bar(n: int, most: int, width: int) -> str:
    """A horizontal bar ``width`` cells long for ``most``, in eighths of a cell."""
    if most <= 0 or n <= 0:
        return ""
    eighths = max(1, round(n * width * 8 / most))
    full, part = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[part] if part else "")


# A run of at least this many months without articles is shown as one row ("2016-06 … 2019-11"),
# so a sparse archive does not print years of empty bars.
COLLAPSE_EMPTY = 3


def chart_rows(months: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """(label, articles) per chart row: each month, runs of empty months folded into one."""
    out: list[tuple[str, int]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= COLLAPSE_EMPTY:
            out.append((f"{run[0]} … {run[-1]}", 0))
        else:
            out.extend((m, 0) for m in run)
        run.clear()

    for m in months:
        if m["articles"]:
            flush()
            out.append((m["month"], m["articles"]))
        else:
            run.append(m["month"])
    flush()
    return out


def _int(n: int) -> str:
    return f"{n:,}"


def plural(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``: the noun's last word takes the plural.  Also the
    ``extract`` summary line's counts (session.py)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def headline(res: dict[str, Any], source: bool = True) -> str:
    """One line: what was summarised and what was skipped (after the report's name)."""
    r = res["records"]
    parts = [plural(r["articles"], "article")]
    if r["errors"]:
        parts.append(plural(r["errors"], "error record") + " skipped")
    if r["malformed"]:
        parts.append(plural(r["malformed"], "malformed line") + " skipped")
    if r["unknown"]:
        parts.append(plural(r["unknown"], "unknown record") + " skipped")
    flt = res["filter"]
    if flt["since"] or flt["until"]:
        rng = f"{flt['since'] or '…'} to {flt['until'] or '…'}"
        parts.append(f"{_int(r['filtered_out'])} outside {rng} (undated included)")
    return (f"{res['source']}: " if source else "") + ", ".join(parts)


def _titles(titles: list[dict[str, Any]]) -> str:
    shown = [f"{t['title']} ({t['articles']})" for t in titles[:MAX_TITLES]]
    if len(titles) > MAX_TITLES:
        shown.append(f"+{len(titles) - MAX_TITLES} more")
    return "; ".join(shown)


def _places(places: list[dict[str, Any]], province: str) -> str:
    # a province row whose only place is the province itself needs no detail
    if len(places) == 1 and places[0]["name"] == province:
        return ""
    return ", ".join(f"{p['name']} ({p['articles']})" for p in places[:MAX_PLACES])


def rows(res: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each table shown, in display order: one layout that
    the table and Markdown renderers share.  Numeric columns are named in NUMERIC."""
    out: list[tuple[str, list[str], list[list[str]]]] = []
    if res["people"] is not None:
        out.append(("Top people", ["#", "Person", "Articles", "Mentions", "Titles (articles)"],
                    [[str(i), p["name"], _int(p["articles"]), _int(p["mentions"]),
                      _titles(p["titles"])] for i, p in enumerate(res["people"], 1)]))
    if res["organizations"] is not None:
        out.append(("Top organizations", ["#", "Organization", "Articles", "Mentions"],
                    [[str(i), o["name"], _int(o["articles"]), _int(o["mentions"])]
                     for i, o in enumerate(res["organizations"], 1)]))
    if res["places"] is not None:
        out.append(("Top places, by province",
                    ["#", "Province or place", "Since 7/2025", "Articles", "Mentions",
                     "Named as (articles)"],
                    [[str(i), p["province"], p["province_2025"] or "—", _int(p["articles"]),
                      _int(p["mentions"]), _places(p["places"], p["province"])]
                     for i, p in enumerate(res["places"], 1)]))
    if res["documents"] is not None:
        out.append(("Most-cited documents", ["#", "Code", "Kind", "Articles", "Mentions"],
                    [[str(i), d["code"], d["kind"] or "—", _int(d["articles"]),
                      _int(d["mentions"])] for i, d in enumerate(res["documents"], 1)]))
    return out


NUMERIC = frozenset({"#", "Articles", "Mentions"})


def month_note(res: dict[str, Any]) -> str:
    d = res["dated_by"]
    note = (f"dated by meta.published: {_int(d['published'])}; "
            f"by the dates they mention: {_int(d['mentions'])}")
    if d["undated"]:
        note += f"; undated (not charted): {_int(d['undated'])}"
    return note


def render_table(res: dict[str, Any], out: IO[str]) -> None:
    """Rich tables on ``out`` (colour only when it is a terminal)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # `vnextract summary … | head`: the reader left, which is not a failure; rich
            # would exit 1, the command exits 0 as `extract` does.
            self.quiet = True
            raise BrokenPipeError

    console = _Console(file=out, highlight=False, emoji=False)
    console.print(Text(headline(res), style="bold"), soft_wrap=True)
    for title, header, body in rows(res):
        table = Table(title=title, title_justify="left", title_style="bold")
        for col in header:
            numeric = col in NUMERIC
            table.add_column(col, justify="right" if numeric else "left",
                             no_wrap=numeric, overflow="fold")
        for row in body:
            table.add_row(*(Text(c) for c in row))
        if not body:
            table.add_row(*(Text("—" if i == 1 else "") for i in range(len(header))))
        console.print()
        console.print(table)
    if res["months"] is not None:
        months = res["months"]
        most = max((m["articles"] for m in months), default=0)
        chart = chart_rows(months)
        # what is left of the line for the bar: the other two columns, 4 borders, 6 padding
        label_w = max((len(label) for label, _ in chart), default=5)
        width = max(10, min(50, console.width - label_w - max(8, len(_int(most))) - 10))
        table = Table(title="Articles by month", title_justify="left", title_style="bold")
        table.add_column("Month", no_wrap=True)
        table.add_column("Articles", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True, min_width=width)
        for label, n in chart:
            table.add_row(label, _int(n), Text(bar(n, most, width), style="cyan"))
        if not months:
            table.add_row("—", "0", "")
        console.print()
        console.print(table)
        console.print(Text(month_note(res), style="dim"), soft_wrap=True)


def _md(cell: str) -> str:
    """A Markdown table cell: pipes escaped, no line breaks."""
    return " ".join(cell.replace("\\", "\\\\").replace("|", "\\|").split())


def _md_table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if h in NUMERIC else "---" for h in header) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in body]
    return lines


def render_markdown(res: dict[str, Any], out: IO[str]) -> None:
    """GitHub-flavoured Markdown: headings and pipe tables, for pasting into a report."""
    lines = [f"## Archive summary: {_md(res['source'])}", "", _md(headline(res, False)) + ".",
             ""]
    for title, header, body in rows(res):
        lines += [f"### {title}", ""]
        lines += _md_table(header, body) if body else ["(none)"]
        lines.append("")
    if res["months"] is not None:
        months = res["months"]
        most = max((m["articles"] for m in months), default=0)
        lines += ["### Articles by month", ""]
        if months:
            lines += _md_table(["Month", "Articles", ""],
                               [[label, _int(n), bar(n, most, 30)]
                                for label, n in chart_rows(months)])
        else:
            lines.append("(none)")
        lines += ["", month_note(res) + ".", ""]
    out.write("\n".join(lines))


def render_json(res: dict[str, Any], out: IO[bytes]) -> None:
    """One JSON object, indented, keys in a fixed order (see ``Summary.result``)."""
    out.write(orjson.dumps(res, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
