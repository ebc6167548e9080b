"""The command line: a thin click layer over the library.

Only this module knows click. Library errors (:mod:`kg.errors`) become one-line messages on
stderr and an exit code: 0 success, 1 input or data error, 2 usage error, 130 interrupted.
Heavy libraries are imported inside the commands, so ``kg --help`` is instant.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import KgError, OutputError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

#: Output formats by file extension, for ``-o`` without ``--format``.
EXTENSIONS = {
    ".ttl": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".jsonl": "jsonl",
}
FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml", "jsonl")


def _fail(message: str, code: int) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn library errors, Ctrl-C and unexpected failures into one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as exc:  # a bug: say so in one line, keep the traceback for KG_DEBUG
            if os.environ.get("KG_DEBUG"):
                raise
            _fail(
                f"internal error ({type(exc).__name__}: {exc}); "
                "please report it, with KG_DEBUG=1 for the traceback",
                1,
            )

    return wrapper  # type: ignore[return-value]


class _WarningHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"kg: warning: {record.getMessage()}", err=True)


def _setup_logging(quiet: bool) -> None:
    logger = logging.getLogger("kg")
    logger.handlers[:] = [_WarningHandler()]
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger.propagate = False


def write_atomic(path: Path, write: Callable[[Any], None]) -> None:
    """Write through ``write(stream)`` to a temporary file beside ``path``, then rename it.

    A failure or interruption leaves any previous ``path`` untouched and no partial file.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: directory {directory} does not exist; create it")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}; choose another -o") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kg")
def cli() -> None:
    """Knowledge graphs from news: entities, facts and quotes, with their sources, as RDF.

    \b
    Example:
        kg build article.txt -o article.ttl
        kg eval gold/seed.json
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout)."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from the -o extension, else ttl).",
)
@click.option("--base", default=None, help="Base IRI of entities and documents.")
@click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm).")
@click.option(
    "--extractor",
    "extractors",
    multiple=True,
    help="Extractor to run, by registered name (repeatable; default: all built-ins).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Drop relations below this confidence.",
)
@click.option("--skip-errors", is_flag=True, help="Skip unreadable documents instead of stopping.")
@click.option("-q", "--quiet", is_flag=True, help="No progress, summary or warnings.")
@handle_errors
def build(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    base: str | None,
    model: str | None,
    extractors: tuple[str, ...],
    min_confidence: float,
    skip_errors: bool,
    quiet: bool,
) -> None:
    """Build a knowledge graph from articles.

    INPUT is a .txt, .md, .html or .jsonl file, a directory (read recursively) or - for
    stdin. JSONL lines are {"id", "text", "title"?, "url"?, "date"?}.

    \b
    Examples:
        kg build article.txt -o article.ttl
        kg build news/ -o news.trig
        cat article.txt | kg build - --format jsonl
    """
    _setup_logging(quiet)
    from kg import registry
    from kg.pipeline import DEFAULT_EXTRACTORS, BuildOptions, build_graph
    from kg.rdf import DEFAULT_BASE, check_base
    from kg.readers import read_documents

    fmt = fmt or (EXTENSIONS.get(Path(output).suffix.lower()) if output else None) or "ttl"
    exporter = registry.load(registry.EXPORTERS, fmt)()
    base = check_base(base) if base else DEFAULT_BASE
    options = BuildOptions(
        model=model,
        extractors=extractors or DEFAULT_EXTRACTORS,
        min_confidence=min_confidence,
    )
    skipped: list[KgError] = []
    started = time.perf_counter()
    count = [0]
    show_progress = not quiet and sys.stderr.isatty()

    def progress(_doc: object) -> None:
        count[0] += 1
        if show_progress and count[0] > 3:
            click.echo(f"\rkg: {count[0]} documents", err=True, nl=False)

    documents = read_documents(list(inputs), on_error=skipped.append if skip_errors else None)
    kg = build_graph(documents, options, progress)
    if show_progress and count[0] > 3:
        click.echo("", err=True)
    if not kg.documents:
        raise (
            UsageError("no document was read: check the INPUT paths")
            if not skipped
            else KgError(f"all {len(skipped)} documents were skipped: {skipped[0]}")
        )
    if output:
        write_atomic(Path(output), lambda out: exporter.export(kg, out, base))
    else:
        exporter.export(kg, sys.stdout.buffer, base)
        sys.stdout.flush()
    if not quiet:
        seconds = time.perf_counter() - started
        counts = ", ".join(
            (
                _n(len(kg.documents), "document"),
                _n(len(kg.entities), "entity", "entities"),
                _n(len(kg.relations), "relation"),
                _n(len(kg.quotations), "quotation"),
            )
        )
        where = f" -> {output}" if output else ""
        click.echo(f"kg: {counts} in {seconds:.1f} s{where}", err=True)
        for err in skipped:
            click.echo(f"kg: skipped: {err}", err=True)
        if skipped:
            click.echo(f"kg: {_n(len(skipped), 'document')} skipped", err=True)


def _n(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


@cli.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("input", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--model", default=None, help="spaCy pipeline used when building.")
@handle_errors
def eval_(gold: str, input: str | None, as_json: bool, model: str | None) -> None:
    """Score extraction against a gold annotation file.

    Without INPUT, builds the gold's own document (its "document" path is relative to the
    folder that holds gold/). INPUT may be a text to build or an RDF graph kg wrote
    (.ttl, .nt, .nq, .trig, .jsonld, .rdf). Figures are those of the reference scorer.

    \b
    Examples:
        kg eval ../shared/gold/seed.json
        kg eval gold.json article.ttl --json
    """
    _setup_logging(False)
    from kg.evaluate import format_json, format_report, load_gold, score
    from kg.ontology import inventory

    spec = inventory()
    gold_data = load_gold(gold, spec)
    graph = _eval_graph(gold, gold_data, input, model)
    report = score(
        gold_data,
        graph,
        relation_names=spec,
        symmetric=[n for n, s in spec.items() if s.symmetric],
    )
    click.echo(format_json(report) if as_json else format_report(report))


#: rdflib parser names of the graph files ``kg eval`` reads.
RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


def _eval_graph(gold_path: str, gold: dict[str, Any], input: str | None, model: str | None) -> Any:
    """The graph to score: INPUT parsed if it is RDF, else INPUT (or the gold's document) built."""
    from kg.errors import GraphError, InputError
    from kg.evaluate import gold_document_path

    path = Path(input) if input else gold_document_path(gold_path, gold)
    suffix = path.suffix.lower()
    if suffix in RDF_SUFFIXES:
        import rdflib

        if not path.is_file():
            raise InputError(f"no such graph file: {path}")
        dataset = rdflib.Dataset()
        try:
            dataset.parse(path, format=RDF_SUFFIXES[suffix])
        except Exception as exc:
            raise GraphError(f"cannot parse {path} as {RDF_SUFFIXES[suffix]}: {exc}") from None
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if not path.exists():
        raise InputError(f"no such file: {path} (the gold's document); pass INPUT explicitly")
    from kg.pipeline import BuildOptions, build_graph
    from kg.rdf import to_graph
    from kg.readers import read_documents

    kg = build_graph(read_documents([str(path)]), BuildOptions(model=model))
    return to_graph(kg)


def main() -> None:
    """Console entry point."""
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
