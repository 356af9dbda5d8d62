"""The ``vnextract`` command line: extract, extractors, eval, summary.

stdout carries data only (the report); progress, the summary and errors go to stderr.
Exit codes: 0 every input processed, 1 some inputs have an error record, 2 a usage error,
130/143 interrupted by SIGINT/SIGTERM.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .inputs import DEFAULT_MAX_BYTES, STDIN, UsageError, is_url

app = typer.Typer(
    name="vnextract",
    help="Batch extractor for Vietnamese news archives: people, offices, places, dates, "
    "figures and document references, one JSON Lines record (or CSV row) per article.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Executor(StrEnum):
    local = "local"
    dask = "dask"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    mentions = "mentions"


def fail_usage(message: str) -> None:
    """One line on stderr and exit 2: a user's mistake never shows a traceback."""
    typer.echo(f"vnextract: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


@app.command()
def extract(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="PATH", show_default=False,
                       help="Files and folders to read; '-' reads one article from stdin."),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", metavar="PATTERN", help="File-name pattern for folders.")
    ] = "*.txt",
    exclude: Annotated[
        Optional[list[str]],
        typer.Option("--exclude", metavar="PATTERN",
                     help="Skip names or relative paths matching this pattern (repeatable)."),
    ] = None,
    files_from: Annotated[
        Optional[str],
        typer.Option("--files-from", metavar="FILE",
                     help="Read input paths from FILE, one a line ('-' for stdin)."),
    ] = None,
    null: Annotated[
        bool, typer.Option("-0", "--null", help="--files-from paths are NUL-separated "
                           "(find -print0).")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.jsonl,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write the report to FILE atomically instead of stdout."),
    ] = None,
    extractors: Annotated[
        Optional[list[str]],
        typer.Option("--extractors", "-e", metavar="NAMES",
                     help="Run only these extractors (comma-separated).")
    ] = None,
    skip: Annotated[
        Optional[list[str]],
        typer.Option("--skip", metavar="NAMES", help="Leave these extractors out."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Larger files get an error record.", min=1)
    ] = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first file that gets an error "
                           "record (it is still written); exit 1.")
    ] = False,
    no_csv_protect: Annotated[
        bool, typer.Option("--no-csv-protect", help="CSV formats: do not prefix cells that "
                           "start with = + - @ tab or CR with a ' (formula-injection guard).")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, show_default="number of cores",
                          help="Worker processes (1: run in this process).")
    ] = os.cpu_count() or 1,
    state: Annotated[
        Optional[str],
        typer.Option("--state", metavar="FILE",
                     help="SQLite state file: skip files unchanged since the last run.")
    ] = None,
    append: Annotated[
        bool, typer.Option("--append", help="Append to the -o report instead of replacing it "
                           "(with --state: exactly one record per file, even after kill -9).")
    ] = False,
    gazetteer: Annotated[
        Optional[list[str]],
        typer.Option("--gazetteer", metavar="FILE",
                     help="TSV of your own names: TYPE<TAB>name[<TAB>canonical], TYPE one of "
                     "PER, ORG, LOC; they win over the built-in rules (repeatable).")
    ] = None,
    executor: Annotated[
        Executor, typer.Option("--executor", help="Where the pipeline runs: local worker "
                               "processes, or a Dask cluster (pip install 'vnextract\\[dask]').")
    ] = Executor.local,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
    ] = None,
) -> None:
    """Extract mentions from articles and write one record per article.

    Records come out in input order, so two runs over the same inputs give byte-identical
    reports.  Every input yields exactly one record: a file that cannot be read or decoded
    gets a record with an "error" field, and the exit code is 1.
    """
    from extractors.registry import UnknownExtractor

    from . import inputs, session
    from .parallel import PipelineSpec

    paths = list(paths or [])
    listed: list[str] = []
    if files_from is not None:
        if files_from == STDIN and STDIN in paths:
            fail_usage("stdin cannot be both an input ('-') and --files-from -")
        try:
            if files_from == STDIN:
                raw = sys.stdin.buffer.read()
            else:
                with open(files_from, "rb") as f:
                    raw = f.read()
        except OSError as e:
            fail_usage(f"cannot read --files-from {files_from}: {e.strerror}")
        listed = inputs.read_list(raw, null)
    elif null:
        fail_usage("-0 goes with --files-from")
    if not paths and files_from is None:
        fail_usage("no input given (name files or folders, '-' for stdin, or --files-from)")
    if paths.count(STDIN) > 1:
        fail_usage("'-' (stdin) given more than once")
    try:
        if executor == Executor.dask and any(map(is_url, paths)):
            from .dask_executor import expand_url

            sources = []
            for p in paths:  # URLs walked with fsspec, the rest as usual, in argument order
                sources.extend(expand_url(p, glob, exclude or ()) if is_url(p)
                               else inputs.collect([p], glob, exclude or ()))
            sources.extend(inputs.collect([], glob, exclude or (), listed))
        else:
            sources = inputs.collect(paths, glob, exclude or (), listed)
    except UsageError as e:
        fail_usage(str(e))
    # Plain construction arguments: worker processes and Dask workers rebuild the same
    # pipeline from them (add new Pipeline keyword arguments to PipelineSpec.of).
    gaz_entries: tuple[Any, ...] = ()
    if gazetteer:
        from extractors.gazetteer import GazetteerError, load_files

        try:
            gaz_entries = tuple(load_files(gazetteer))
        except GazetteerError as e:
            fail_usage(str(e))
    spec = PipelineSpec.of(_split(extractors) or None, _split(skip),
                           options=(("gazetteers", gaz_entries),) if gaz_entries else None)
    try:
        pipeline = spec.build()
    except UnknownExtractor as e:
        fail_usage(str(e))

    opts = session.Options(
        fmt=fmt.value, output=output, append=append, state=state, jobs=jobs,
        executor=executor.value, scheduler=scheduler, max_bytes=max_bytes, quiet=quiet,
        fail_fast=fail_fast, csv_protect=not no_csv_protect)
    try:
        code = session.run(sources, spec, pipeline, opts)
    except UsageError as e:
        fail_usage(str(e))
    raise typer.Exit(code)


@app.command("extractors")
def list_extractors() -> None:
    """List the extractors in pipeline order with the types each emits."""
    from extractors import registry

    for name in registry.names():
        ext = registry.load(name)
        flag = "" if name in registry.default_names() else "  (optional)"
        typer.echo(f"{name}\t{','.join(ext.types)}{flag}")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines file.", show_default=False)],
    report: Annotated[Path, typer.Argument(help="Report JSON Lines file to score.",
                                           show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    errors: Annotated[int, typer.Option("--errors", help="Also list N false/missed mentions.",
                                        min=0)] = 0,
) -> None:
    """Score a report against a gold file: P/R/F1 per type, NER, values, roles, metadata."""
    import orjson

    from . import evaluate as ev

    loaded: list[dict[str, Any]] = []
    for p in (gold, report):
        try:
            loaded.append(ev.load(str(p)))
        except OSError as e:
            fail_usage(f"cannot read {p}: {e.strerror}")
        except ValueError as e:
            fail_usage(str(e))
    res = ev.score(loaded[0], loaded[1])
    errs = res.pop("errors")
    if as_json:
        if errors:
            res["errors"] = errs[:errors]
        sys.stdout.buffer.write(orjson.dumps(res) + b"\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{res['docs']} documents ({res['missing_docs']} missing from report)")
    for col in ("type", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "type" else "right")
    rows = [*res["types"].items(), ("NER", res["NER"]), ("values", res["values"]),
            ("roles", res["roles"])]
    for name, v in rows:
        table.add_row(name, f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}",
                      str(v["tp"]), str(v["fp"]), str(v["fn"]),
                      style="bold" if name in ("NER", "values", "roles") else None)
    console = Console()
    console.print(table)
    for k, v in res["meta"].items():
        console.print(f"meta.{k:10} accuracy {v:.3f}")
    for e in errs[:errors]:
        console.print(f"{e['kind']} {e['path']} {e['mention']}", markup=False)


class SummaryFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


@app.command("summary")
def summary(
    report: Annotated[str, typer.Argument(
        help="JSON Lines report ('-' for stdin; .gz is decompressed).", metavar="REPORT",
        show_default=False)],
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Rows per table (0: all).")] = 10,
    types: Annotated[
        Optional[list[str]],
        typer.Option("--type", "-t", metavar="TYPES",
                     help="Tables to show, comma-separated: PER, ORG, LOC, "
                     "DOCREF, MONTH (default: all).")
    ] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="DATE", help="Only articles dated on or after DATE (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", metavar="DATE", help="Only articles dated on or before DATE (YYYY[-MM[-DD]]).")
    ] = None,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = SummaryFormat.table,
) -> None:
    """Summarise a report: top people (with their titles), organizations, places by province,
    most-cited documents, and articles by month.  Streams the report in bounded memory."""
    from .summary import SummaryError, run

    try:
        run(report, top, types or (), since, until, fmt.value)
    except SummaryError as e:
        fail_usage(str(e))
    except BrokenPipeError:
        sys.stderr.close()  # `vnextract summary … | head`: the reader left
        raise typer.Exit(EXIT_OK) from None


def main() -> None:
    """Console-script entry point: maps every way out to a documented exit code."""
    import signal

    def on_sigterm(signum: int, frame: object) -> None:
        raise SystemExit(143)

    try:  # typer >= 0.20 ships its own copy of click; older ones use click itself
        from typer._click import exceptions as cx
    except ImportError:
        from click import exceptions as cx
    no_args = getattr(cx, "NoArgsIsHelpError", ())

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        # Not standalone: click's usage errors come back here and are printed as one line
        # (typer would draw a multi-line box), and Ctrl-C is not turned into "Aborted!" exit 1.
        rv = app(prog_name="vnextract", standalone_mode=False)
    except no_args as e:  # plain `vnextract`: the help, exit 2
        e.show()
        sys.exit(EXIT_USAGE)
    except cx.UsageError as e:
        sys.stderr.write(f"vnextract: error: {e.format_message()} "
                         f"(see 'vnextract {_command(e)}--help')\n")
        sys.exit(EXIT_USAGE)
    except cx.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("vnextract: interrupted\n")
        sys.exit(130)
    sys.exit(rv if isinstance(rv, int) else EXIT_OK)


def _command(e: Exception) -> str:
    """``"extract "`` when the usage error came from a subcommand, for the help hint."""
    ctx = getattr(e, "ctx", None)
    name = ctx.info_name if ctx is not None and ctx.parent is not None else None
    return f"{name} " if name else ""


if __name__ == "__main__":
    main()
