"""The command line: a thin click layer over the library.

Only this module knows click. Library errors (:mod:`kg.errors`) become one-line messages on
stderr and an exit code: 0 success, 1 input or data error, 2 usage error, 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM).
Heavy libraries are imported inside the commands, so ``kg --help`` is instant.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import KgError, OutputError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


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
        except KeyboardInterrupt as exc:
            click.echo("kg: interrupted", err=True)
            sys.exit(143 if isinstance(exc, Terminated) else 130)
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


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same path as Ctrl-C (temporary files removed; exit code 143)."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


class _Group(click.Group):
    """The ``kg`` group: click's own usage errors are one ``kg: error:`` line too (exit 2)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            where = f"; see '{exc.ctx.command_path} --help'" if exc.ctx is not None else ""
            _fail(exc.format_message().rstrip(".") + where, exc.exit_code)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


class _WarningHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        from kg.io.progress import echo

        echo(f"kg: warning: {record.getMessage()}")  # above the progress bar, if one is drawn


def _setup_logging(quiet: bool) -> None:
    logger = logging.getLogger("kg")
    logger.handlers[:] = [_WarningHandler()]
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger.propagate = False


class _Registered(click.Choice[str]):
    """A choice among names the registries give, read when first needed (not at import: ``kg
    --help`` stays instant), so that a plug-in's reader or exporter is a choice too."""

    def __init__(self, names: Callable[[], Sequence[str]]) -> None:
        super().__init__(())
        self._names = names

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._names())

    @choices.setter
    def choices(self, _value: Any) -> None:
        pass  # click's __init__ sets it; the names come from the registry


def _stdin_formats() -> tuple[str, ...]:
    from kg.io.readers import stdin_formats

    return stdin_formats()


def _export_formats() -> list[str]:
    from kg.export.convert import graph_exporters

    return list(graph_exporters())


class _RegistryCommand(click.Command):
    """A command whose help names what the registries hold: ``@READERS@`` (the input kinds and
    their suffixes) and ``@EXPORTERS@`` (the output formats), filled in when help is shown."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        fill = {"@READERS@": _reader_help, "@EXPORTERS@": _exporter_help}
        items: list[Any] = [self, *self.params]
        templates = [item.help for item in items]
        try:  # filled anew each time: a plug-in installed since is listed too
            for item in items:
                for token, text in fill.items():
                    if item.help and token in item.help:
                        item.help = item.help.replace(token, text())
            super().format_help(ctx, formatter)
        finally:
            for item, template in zip(items, templates, strict=True):
                item.help = template


def _reader_help() -> str:
    from kg.io.readers import readers

    kinds = (f"{r.name} ({' '.join(r.suffixes)})" for r in readers().values())
    return ", ".join(kinds)


def _exporter_help() -> str:
    from kg import registry

    return " ".join(registry.names(registry.EXPORTERS))


def write_atomic(path: Path, write: Callable[[Any], None]) -> None:
    """Write ``path`` through ``write(stream)`` (:func:`kg.io.atomic.write_output`): a regular file
    is replaced whole or not at all; standard output, devices and pipes are written directly."""
    from kg.io.atomic import write_output

    write_output(path, write)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kg")
def cli() -> None:
    """Knowledge graphs from news: entities, facts and quotes, with their sources, as RDF.

    \b
    Example:
        kg build article.txt -o article.ttl
        kg eval gold/seed.json
    """


@cli.command(cls=_RegistryCommand)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: stdout)."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    metavar="FORMAT",
    help="Output format, a registered exporter: @EXPORTERS@ (default: from the -o extension, "
    "else ttl; csv is a table of facts, html the explorer).",
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
@click.option(
    "--open-relations/--no-open-relations",
    default=True,
    show_default=True,
    help="Keep verbs outside the relation inventory as open relations (kgx:) between names.",
)
@click.option("--skip-errors", is_flag=True, help="Skip unreadable documents instead of stopping.")
@click.option(
    "--stdin-format",
    type=_Registered(_stdin_formats),
    default="auto",
    show_default=True,
    help="What - (standard input) is; auto: recognised from its first bytes.",
)
@click.option(
    "--link",
    "link_mode",
    type=click.Choice(("none", "offline", "wikidata")),
    default="offline",
    show_default=True,
    help="Link entities (owl:sameAs): offline to GeoNames/Wikidata from shipped gazetteers; "
    "wikidata also asks Wikidata's search API (endpoint: $KG_WIKIDATA_API).",
)
@click.option(
    "--link-cache",
    type=click.Path(file_okay=False),
    help="Cache of Wikidata answers for --link wikidata (default: ~/.cache/kg/wikidata).",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False),
    help="Also add the documents to this on-disk store (re-built documents are replaced).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that parse and extract (the output does not depend on it).",
)
@click.option(
    "--scheduler",
    help="Run extraction on Dask: a scheduler address (tcp://host:8786) or local:N for a "
    "local cluster of N processes (needs pip install 'kg-builder[distributed]').",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False),
    help="Per-document results cache: unchanged documents are not parsed again "
    "(default: $KG_CACHE_DIR, else ~/.cache/kg).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--cross-doc/--no-cross-doc",
    default=True,
    show_default=True,
    help="Join the forms of one entity across documents (plurals, clipped names, surnames).",
)
@click.option(
    "--curation",
    "curation_file",
    type=click.Path(dir_okay=False),
    help="Apply this curation file (YAML: merge, not-entity, type, alias, drop) to the graph; "
    "'kg suspects' prints lines for it.",
)
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
    open_relations: bool,
    skip_errors: bool,
    stdin_format: str,
    link_mode: str,
    link_cache: str | None,
    store_dir: str | None,
    jobs: int,
    scheduler: str | None,
    cache_dir: str | None,
    no_cache: bool,
    cross_doc: bool,
    curation_file: str | None,
    quiet: bool,
) -> None:
    """Build a knowledge graph from articles.

    INPUT is a file of a kind kg reads, by its suffix: @READERS@; an http(s) URL, a
    directory (its files of those kinds, read recursively) or - for stdin. JSONL lines are
    {"id", "text", "title"?, "url"?, "date"?}.

    \b
    Examples:
        kg build article.txt -o article.ttl
        kg build news/ -o news.trig
        kg build https://news.example.org/2024/03/story.html -o story.ttl
        kg build news/ -o news.html
        cat article.txt | kg build - --format jsonl
        cat records.jsonl | kg build - --stdin-format jsonl -o news.ttl
        kg build news/ --store kgdb
        kg build news/ --jobs 2 --cache .kgcache -o news.ttl
        kg build news/ --link wikidata --link-cache .wdcache -o news.ttl
        kg build news/ --curation curation.yaml -o news.ttl
    """
    _setup_logging(quiet)
    from kg import registry
    from kg.graph.rdf import DEFAULT_BASE, check_base, within_limits
    from kg.io.atomic import refuse_input
    from kg.io.readers import read_documents
    from kg.pipeline import DEFAULT_EXTRACTORS, BuildOptions, build_graph
    from kg.resolve.link import LinkOptions

    if output and not fmt:  # the extensions are those of the registered exporters
        extensions = registry.extensions(registry.EXPORTERS)
        fmt = extensions.get(Path(output).suffix.lower())
        if fmt is None:
            known = " ".join(sorted(extensions))
            raise UsageError(f"cannot tell the format of {output}: use --format, or one of {known}")
    fmt = fmt or "ttl"
    exporter = registry.load(registry.EXPORTERS, fmt)()
    if hasattr(exporter, "title"):  # a page or a picture: titled like kg export's
        exporter.title = Path(output).stem if output else "kg"
    if output:  # checked now: a bad -o is not found after all the parsing
        from kg.io.atomic import check_output

        check_output(output)
    base = check_base(base) if base else DEFAULT_BASE
    curation = None
    if curation_file:  # checked now: a bad file is not found after all the parsing
        from kg.resolve.curation import load as load_curation

        curation = load_curation(curation_file)
    store = None
    if store_dir:  # opened first: a locked store fails before the (slow) build
        from kg.query.store import open_store

        store = open_store(store_dir, create=True)
    options = BuildOptions(
        model=model,
        extractors=extractors or DEFAULT_EXTRACTORS,
        min_confidence=min_confidence,
        open_relations=open_relations,
        linking=LinkOptions(mode=link_mode, cache_dir=link_cache),
        cross_doc=cross_doc,
    )
    skipped: list[KgError] = []
    started = time.perf_counter()
    if output:
        refuse_input(output, list(inputs))
    on_error = skipped.append if skip_errors else None
    documents = within_limits(
        read_documents(list(inputs), on_error=on_error, stdin_format=stdin_format), on_error
    )
    from kg.cache import default_cache_dir
    from kg.parallel import Execution

    if no_cache and cache_dir:
        raise UsageError("--cache and --no-cache contradict each other: give one of them")
    execution = Execution(
        jobs=jobs,
        scheduler=scheduler,
        cache_dir=None if no_cache else str(cache_dir or default_cache_dir()),
    )
    from kg.io.progress import Progress, count_documents

    # A file output built before from the same documents, options and kg is written again
    # from the cache, unparsed (inputs read twice: not for stdin or URLs, nor with --store or
    # Wikidata linking, whose answers live outside the build)
    outputs = output_key = None
    if (
        output
        and store is None
        and execution.cache_dir is not None
        and link_mode == "offline"
        and all(i != "-" and "://" not in i for i in inputs)
    ):
        from kg.cache import OutputCache, module_fingerprint
        from kg.parallel import settings_key

        outputs = OutputCache(execution.cache_dir)
        parts = (
            fmt,
            base,
            Path(output).stem if hasattr(exporter, "title") else "",
            repr(cross_doc),
            module_fingerprint([type(exporter)]),
            Path(curation_file).read_text(encoding="utf-8", errors="replace")
            if curation_file
            else "",
        )
        first: list[KgError] = []
        output_key = outputs.key(
            within_limits(
                read_documents(
                    list(inputs),
                    on_error=first.append if skip_errors else None,
                    stdin_format=stdin_format,
                ),
                first.append if skip_errors else None,
            ),
            settings_key(options),
            parts,
        )
        hit = outputs.get(output_key)
        if hit is not None and _figures(hit[1]):
            data, summary = hit
            write_atomic(Path(output), lambda out: out.write(data))
            if not quiet:
                _summary(summary, time.perf_counter() - started, f" -> {output}", first)
            return
    with Progress(None if quiet else count_documents(inputs), enabled=not quiet) as progress:
        kg = build_graph(documents, options, progress.advance, execution, curation)
    if not kg.documents:
        raise (
            UsageError("no document was read: check the INPUT paths")
            if not skipped
            else KgError(f"all {len(skipped)} documents were skipped: {skipped[0]}")
        )
    figures = {
        "documents": len(kg.documents),
        "entities": len(kg.entities),
        "relations": len(kg.relations),
        "quotations": len(kg.quotations),
    }
    if output:
        write_atomic(Path(output), lambda out: exporter.export(kg, out, base))
        if outputs is not None and output_key is not None:
            outputs.put(output_key, Path(output).read_bytes(), figures)
    elif store is None:
        exporter.export(kg, sys.stdout.buffer, base)
        sys.stdout.flush()
    if store is not None:
        from kg.query.store import add_graph

        held = add_graph(store, kg, base)
        stored = f" -> store {store_dir} ({_n(held.documents, 'document')}, {held.quads} quads)"
    if not quiet:
        where = (f" -> {output}" if output else "") + (stored if store is not None else "")
        _summary(figures, time.perf_counter() - started, where, skipped)


def _figures(summary: dict[str, Any]) -> bool:
    """Whether a cached build's ``summary`` holds the counts :func:`_summary` prints."""
    names = ("documents", "entities", "relations", "quotations")
    return all(type(summary.get(n)) is int for n in names) and summary["documents"] > 0


def _summary(figures: dict[str, Any], seconds: float, where: str, skipped: list[KgError]) -> None:
    """kg build's closing lines on standard error: what the graph holds, and what was skipped."""
    counts = ", ".join(
        (
            _n(figures["documents"], "document"),
            _n(figures["entities"], "entity", "entities"),
            _n(figures["relations"], "relation"),
            _n(figures["quotations"], "quotation"),
        )
    )
    click.echo(f"kg: {counts} in {seconds:.1f} s{where}", err=True)
    for err in skipped:
        click.echo(f"kg: skipped: {err}", err=True)
    if skipped:
        click.echo(f"kg: {_n(len(skipped), 'document')} skipped", err=True)


def _n(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


@cli.command(name="eval")
@click.argument("paths", nargs=-1, required=True, metavar="GOLD [INPUT] | GOLD... | FOLDER...")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--model", default=None, help="spaCy pipeline used when building.")
@click.option(
    "--by-rule",
    is_flag=True,
    help="Print, per rule id, the relations that match a gold fact (tp) and those that do not.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that build a corpus's documents (the figures do not depend on it).",
)
@handle_errors
def eval_(
    paths: tuple[str, ...], as_json: bool, model: str | None, by_rule: bool, jobs: int
) -> None:
    """Score extraction against gold annotation files.

    One gold file: without INPUT, builds the gold's own document (its "document" path is
    relative to the folder that holds gold/). INPUT may be a text to build or an RDF graph kg
    wrote (.ttl, .nt, .nq, .trig, .jsonld, .rdf). Figures are those of the reference scorer.

    A corpus (a folder of gold .json files, or several gold files): builds each gold's
    document and prints a row per file, then pooled (micro) and mean (macro) figures over all
    files, then pooled figures per category (the file name up to its first '-').

    --by-rule prints instead, per rule id (kgo:rule, else kgo:extractor of each relation's
    provenance statement), the relations matching a gold fact and those matching none.

    \b
    Examples:
        kg eval ../shared/gold/seed.json
        kg eval gold.json article.ttl --json
        kg eval ../shared/gold/ --jobs 2
        kg eval ../shared/gold/sport-*.json --json
        kg eval ../shared/gold/ --by-rule
    """
    _setup_logging(False)
    from kg.evaluate import format_json, format_report, load_gold, score_counts
    from kg.evaluate_corpus import (
        corpus_json,
        format_corpus,
        format_rules,
        gold_files,
        rule_table,
        rules_json,
        score_corpus,
    )
    from kg.graph.ontology import inventory

    spec = inventory()
    symmetric = [n for n, s in spec.items() if s.symmetric]
    if not _is_corpus(paths):
        gold_data = load_gold(paths[0], spec)
        graph = _eval_graph(paths[0], gold_data, paths[1] if len(paths) > 1 else None, model)
        report, counts = score_counts(gold_data, graph, spec, symmetric)
        if by_rule:
            rows = rule_table([counts])
            click.echo(rules_json(rows, 1) if as_json else format_rules(rows))
        else:
            click.echo(format_json(report) if as_json else format_report(report))
        return
    scores = score_corpus(gold_files(paths), spec, symmetric, model, jobs)
    if by_rule:
        rows = rule_table(s.counts for s in scores)
        click.echo(rules_json(rows, len(scores)) if as_json else format_rules(rows))
    else:
        click.echo(corpus_json(scores) if as_json else format_corpus(scores))


@cli.command(name="rules")
@click.argument("prefixes", nargs=-1, metavar="[ID-PREFIX...]")
@click.option("--json", "as_json", is_flag=True, help="Print the rules, examples too, as JSON.")
@handle_errors
def rules_(prefixes: tuple[str, ...], as_json: bool) -> None:
    """List the extraction rules and their measured precision.

    Each relation kg extracts carries the id of its rule (<construction>.<relation>).
    Rules are registered in kg/extract/rules.toml; their counts of true and false positives on
    the gold files and CoNLL04 come from kg/extract/rule_precision.tsv (written by
    benchmarks/rule_precision.py). CONF is the confidence the rule's facts get ("-": switched
    off, under 0.5); an unmeasured rule gets its construction's mean. ID-PREFIX keeps the
    rules whose id starts with it.

    \b
    Examples:
        kg rules
        kg rules svo. appos.
        kg rules title --json
    """
    from kg.extract.rulebook import as_json as rules_json
    from kg.extract.rulebook import rules, table

    selected = tuple(r for r in rules() if not prefixes or r.id.startswith(prefixes))
    if not selected:
        raise UsageError(f"no rule id starts with {' or '.join(prefixes)}; see 'kg rules'")
    if as_json:
        _echo_json(rules_json(selected))
    else:
        click.echo(table(selected))


def _is_corpus(paths: Sequence[str]) -> bool:
    """Whether ``kg eval`` scores a corpus: a folder among the paths, more than two paths, or
    two gold files (``.json``; kg reads no INPUT of that suffix)."""
    if any(Path(p).is_dir() for p in paths) or len(paths) > 2:
        return True
    return len(paths) == 2 and all(Path(p).suffix.lower() == ".json" for p in paths)


def _eval_graph(gold_path: str, gold: dict[str, Any], input: str | None, model: str | None) -> Any:
    """The graph to score: INPUT parsed if it is RDF, else INPUT (or the gold's document) built."""
    from kg.errors import InputError
    from kg.evaluate import gold_document_path
    from kg.graph import graphio

    path = Path(input) if input else gold_document_path(gold_path, gold)
    if graphio.is_graph_file(path):  # the RDF formats of the registered exporters
        return graphio.load_graph(path)  # refuses what no parser should be given (DTDs, contexts)
    if not path.exists():
        raise InputError(f"no such file: {path} (the gold's document); pass INPUT explicitly")
    from kg.graph.rdf import to_graph
    from kg.io.readers import read_documents
    from kg.pipeline import BuildOptions, build_graph

    kg = build_graph(read_documents([str(path)]), BuildOptions(model=model))
    return to_graph(kg)


def _echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _entity_graph(graph: str, rdf: Any = None) -> Any:
    """The networkx entity graph of the RDF file ``graph`` (or of its parsed ``rdf``);
    :class:`GraphError` when it has no entities."""
    from kg.analysis.netx import to_networkx
    from kg.errors import GraphError

    G = to_networkx(_load_source(graph) if rdf is None else rdf)
    if not len(G):
        raise GraphError(
            f"{graph}: no entities (nodes typed kgo:Person, kgo:Organization, ...); "
            "give a graph written by 'kg build'"
        )
    return G


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.option(
    "--top",
    type=click.IntRange(0),
    default=10,
    show_default=True,
    help="Entities per ranking and communities listed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option(
    "--annotate",
    is_flag=True,
    help="Also write GRAPH with kgo:pagerank and kgo:community on every entity, to -o.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File --annotate writes (RDF format from its extension).",
)
@click.option(
    "--plot",
    "plot_dir",
    type=click.Path(file_okay=False),
    help="Also write degree-distribution.png and community-sizes.png to this directory.",
)
@handle_errors
def analyze(
    graph: str,
    top: int,
    as_json: bool,
    annotate: bool,
    output: str | None,
    plot_dir: str | None = None,
) -> None:
    """Network analysis: size, density, components, rankings, communities, brokers.

    GRAPH is an RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf), a store directory (kg build
    --store) or a SPARQL endpoint URL. Rankings (degree, PageRank,
    betweenness) are sorted by score, then label. Communities are Louvain with a fixed seed,
    numbered by size. Brokers are entities whose removal splits a component. --annotate
    writes the graph back with kgo:pagerank and kgo:community, for SPARQL.

    \b
    Examples:
        kg analyze article.ttl
        kg analyze article.ttl --top 5 --json
        kg analyze article.ttl --annotate -o annotated.ttl
        kg analyze article.ttl --plot charts/
        kg analyze kgdb --top 5
    """
    if annotate != bool(output):
        raise UsageError(
            "--annotate needs -o OUT (e.g. -o annotated.ttl)"
            if annotate
            else "-o is the file --annotate writes; add --annotate"
        )
    from kg.analysis.measures import format_summary, summary
    from kg.export.convert import annotated_rdf
    from kg.graph.graphio import union
    from kg.query.sources import load

    fmt = None
    if output:
        from kg.graph.graphio import graph_suffixes

        rdf = graph_suffixes()  # the registered RDF formats, by extension
        if Path(output).suffix.lower() not in rdf:
            known = " ".join(sorted(rdf))
            raise UsageError(f"-o: unknown RDF file extension of {output}; use one of {known}")
        fmt = rdf[Path(output).suffix.lower()].name
    dataset = load(graph)
    G = _entity_graph(graph, union(dataset))
    report = summary(G, top=top)
    if output and fmt:
        data = annotated_rdf(dataset, G, fmt)
        write_atomic(Path(output), lambda out: out.write(data))
    if plot_dir:
        _write_charts(G, Path(plot_dir))
    if as_json:
        _echo_json(report)
    else:
        click.echo(format_summary(report))
    if output:
        click.echo(f"kg: {_n(len(G), 'entity', 'entities')} annotated -> {output}", err=True)


def _write_bytes(data: bytes, out: Any) -> None:
    out.write(data)


def _write_charts(G: Any, directory: Path) -> None:
    """``kg analyze --plot``: the charts of :data:`kg.analysis.plot.CHARTS` as PNG files in
    ``directory``."""
    from kg.analysis.plot import CHARTS

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create {directory}: {exc.strerror}; choose another --plot"
        ) from None
    for name, chart in CHARTS.items():
        data: bytes = chart(G)
        write_atomic(directory / name, functools.partial(_write_bytes, data))
        click.echo(f"kg: chart -> {directory / name}", err=True)


@cli.command(name="path")
@click.argument("graph", metavar="GRAPH")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@click.option("--json", "as_json", is_flag=True, help="Print the path as one JSON object.")
@handle_errors
def path_(graph: str, source: str, target: str, as_json: bool) -> None:
    """Shortest connection between entities A and B, with the evidence of each step.

    A and B are labels or aliases (any case) or IRIs. Facts are followed in either direction;
    each step shows the relation, its direction and the sentences it was read from. GRAPH is an
    RDF file, a store directory (kg build --store) or a SPARQL endpoint URL.

    \b
    Examples:
        kg path article.ttl "Ada Lovelace" "Charles Babbage"
        kg path article.ttl haqqani meta --json
        kg path kgdb "Jo Bloggs" "Acme Corp"
    """
    from kg.analysis.paths import find_entity, format_path, path_data, shortest_path

    G = _entity_graph(graph)
    a, b = find_entity(G, source), find_entity(G, target)
    hops = shortest_path(G, a, b)
    if as_json:
        _echo_json(path_data(G, a, b, hops))
    else:
        click.echo(format_path(G, a, b, hops))


@cli.command()
@click.argument("graph", metavar="GRAPH")
@click.argument("entity", metavar="A")
@click.option(
    "--depth",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Steps away from A.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the neighbours as one JSON object.")
@handle_errors
def neighbors(graph: str, entity: str, depth: int, as_json: bool) -> None:
    """Entities within --depth steps of entity A, with the facts that connect them.

    A is a label or alias (any case) or an IRI. Facts are followed in either direction; each
    entity is listed once, nearest first, with the step that reaches it. GRAPH is an RDF file,
    a store directory (kg build --store) or a SPARQL endpoint URL.

    \b
    Examples:
        kg neighbors article.ttl "Ada Lovelace"
        kg neighbors article.ttl "Analytical Society" --depth 2 --json
    """
    from kg.analysis.paths import find_entity, format_neighbors, neighbors_data
    from kg.analysis.paths import neighbors as find_neighbors

    G = _entity_graph(graph)
    a = find_entity(G, entity)
    found = find_neighbors(G, a, depth)
    if as_json:
        _echo_json(neighbors_data(G, a, found, depth))
    else:
        click.echo(format_neighbors(G, a, found, depth))


QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml", "ttl", "nt")


@cli.command()
@click.argument("args", nargs=-1, metavar="[GRAPH...] [QUERY]")
@click.option(
    "--store", "store_dir", type=click.Path(file_okay=False), help="Query this store instead."
)
@click.option("-f", "--file", "query_file", help="Read the query from this .rq file (- for stdin).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    help="table (SELECT default), csv, tsv, json, xml; ttl (CONSTRUCT default), nt.",
)
@click.option(
    "--engine",
    type=click.Choice(("oxigraph", "rdflib")),
    default="oxigraph",
    show_default=True,
    help="SPARQL engine.",
)
@click.option(
    "--var",
    "variables",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set ?NAME to VALUE (a VALUES clause; repeatable): a text, <IRI> or prefix:name.",
)
@handle_errors
def query(
    args: tuple[str, ...],
    store_dir: str | None,
    query_file: str | None,
    fmt: str | None,
    engine: str,
    variables: tuple[str, ...],
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on graph files or a store.

    Without -f the last argument is the query. The default graph is the merge of all graphs
    (GRAPH ?g reaches each document's graph). The prefixes kgo kgx nif prov dcterms skos owl
    rdfs rdf xsd schema are predeclared; a PREFIX in the query wins.

    \b
    Examples:
        kg query article.ttl "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name }"
        kg query news.trig -f queries/who-said-what.rq --format csv
        kg query --store kgdb -f queries/relations-of-type.rq --engine rdflib
        kg query news.trig -f queries/entity-facts.rq --var name="Jo Bloggs"
        kg query news.trig -f queries/relations-of-type.rq --var predicate=kgo:leaderOf
    """
    from kg.query import sparql
    from kg.query.sparql_results import (
        AskResult,
        GraphResult,
        to_csv,
        to_json,
        to_rdf,
        to_table,
        to_tsv,
        to_xml,
    )

    items = list(args)
    if query_file is not None:
        text = sparql.read_query(query_file)
    elif items:
        text = items.pop()
    else:
        raise UsageError("give a QUERY argument or -f QUERY.rq")
    if variables:
        from kg.query.params import bind, parse_var

        text = bind(text, [parse_var(v) for v in variables])
    if store_dir is not None and items:
        raise UsageError("give graph files or --store, not both")
    if store_dir is None and not items:
        raise UsageError("give a GRAPH file (or --store DIR) before the query")
    if store_dir is not None:
        from kg.query.store import open_store

        store = open_store(store_dir)
        source = sparql.store_to_rdflib(store) if engine == "rdflib" else store
    else:
        source = sparql.load_rdflib(items) if engine == "rdflib" else sparql.load_files(items)
    result = sparql.run(source, text, engine=engine)
    if isinstance(result, GraphResult):
        if fmt not in (None, "ttl", "nt"):
            raise UsageError(f"a graph result cannot be written as {fmt}: use --format ttl or nt")
        sys.stdout.buffer.write(to_rdf(result, fmt or "ttl"))
        sys.stdout.flush()
        return
    if fmt in ("ttl", "nt"):
        kind = "an ASK" if isinstance(result, AskResult) else "a SELECT"
        raise UsageError(f"{kind} result cannot be written as {fmt}: use table, csv, tsv or json")
    writers = {"csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
    if fmt in writers:
        text = writers[fmt](result) + ("\n" if fmt in ("json", "xml") else "")
        sys.stdout.buffer.write(text.encode("utf-8"))  # bytes: CSV keeps its CRLF
        sys.stdout.flush()
    else:
        click.echo(to_table(result, sparql.declared_prefixes(text)))


@cli.command()
@click.argument("graphs", nargs=-1, metavar="[GRAPH...]")
@click.option(
    "--store", "store_dir", type=click.Path(file_okay=False), help="Serve this store instead."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(0.01),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before the answer is 503.",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Most rows (or triples) in one answer; beyond, it is cut (X-KG-Truncated: true).",
)
@click.option(
    "--memory",
    "memory_mb",
    type=click.IntRange(16),
    default=1024,
    show_default=True,
    help="Megabytes of memory one query may use; beyond, the answer is 503.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow federated queries (SERVICE <url>): the server then fetches URLs for clients.",
)
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also accept requests for this host name (repeatable; 127.0.0.1, localhost, [::1] "
    "and the --host address always are).",
)
@click.option("-q", "--quiet", is_flag=True, help="No request log.")
@handle_errors
def serve(
    graphs: tuple[str, ...],
    store_dir: str | None,
    host: str,
    port: int,
    timeout: float,
    limit: int,
    memory_mb: int,
    allow_service: bool,
    allowed_hosts: tuple[str, ...],
    quiet: bool,
) -> None:
    """Serve graph files or a store as a read-only SPARQL 1.1 endpoint (/sparql), with a query
    page for the browser (/) and the explorer of the graph (/explorer).

    Any SPARQL client can query it: GET /sparql?query=... or POST application/sparql-query.
    No UPDATE, no Graph Store writes. Listens on 127.0.0.1 unless --host says otherwise.
    Each query runs in its own process, stopped at --timeout or beyond --memory. Federated
    queries (SERVICE) are off unless --allow-service; requests naming another host (DNS
    rebinding) or sent by another site's page are refused.

    \b
    Examples:
        kg serve article.ttl --port 7878
        curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=ASK{?s?p?o}'
        kg serve --store kgdb --timeout 5 --limit 1000
    """
    _setup_logging(quiet)
    from kg.query import server as sparql_server
    from kg.query.sparql import load_files

    if bool(graphs) == bool(store_dir):
        raise UsageError("give GRAPH files or --store DIR (one of the two)")
    if not _is_loopback(host):
        click.echo(
            f"kg: warning: listening on {host}: anyone who can reach this address may query "
            "the graph",
            err=True,
        )
    if store_dir:
        from kg.query.store import open_store

        store = open_store(store_dir)
    else:
        store = load_files(graphs)
    access = logging.getLogger("kg.query.server")
    access.handlers[:] = [logging.StreamHandler(sys.stderr)]
    access.setLevel(logging.WARNING if quiet else logging.INFO)
    access.propagate = False
    srv = sparql_server.create(
        store,
        host,
        port,
        timeout=timeout,
        limit=limit,
        quiet=quiet,
        memory_mb=memory_mb,
        allow_service=allow_service,
        allowed_hosts=allowed_hosts,
    )
    if not store_dir:
        del store  # the query process has its own copy; a --store stays open (and locked)

    def _stop(_signum: int, _frame: object) -> None:
        raise SystemExit(0)  # SIGTERM: close the socket and the store, exit 0

    import signal

    signal.signal(signal.SIGTERM, _stop)
    bound_host, bound_port = srv.server_address[:2]
    where = f"http://{bound_host!s}:{bound_port}"
    click.echo(
        f"kg: SPARQL endpoint {where}/sparql, query page {where}/, explorer {where}/explorer "
        "(Ctrl-C to stop)",
        err=True,
    )
    sparql_server.serve(srv)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cli.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@click.option(
    "--endpoint", required=True, help="Graph Store URL, e.g. http://localhost:7878/store."
)
@click.option("--graph", "graph_iri", help="Put every triple in this named graph.")
@click.option("--user", help="User name for HTTP authentication.")
@click.option(
    "--password",
    envvar="KG_PUSH_PASSWORD",
    help="Password (or set KG_PUSH_PASSWORD, which keeps it out of the process list).",
)
@click.option("--append", is_flag=True, help="Add to the server's graphs (POST), never replace.")
@click.option(
    "--timeout", type=click.FloatRange(0.1), default=60.0, show_default=True, help="Seconds."
)
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
@handle_errors
def push(
    graph: str,
    endpoint: str,
    graph_iri: str | None,
    user: str | None,
    password: str | None,
    append: bool,
    timeout: float,
    quiet: bool,
) -> None:
    """Upload a graph file to a SPARQL server (SPARQL 1.1 Graph Store HTTP Protocol).

    Named graphs (TriG, N-Quads) replace the server's graph of the same name (PUT); the default
    graph is added to the server's default graph (POST); --graph puts everything in one graph.

    \b
    Examples:
        kg push news.trig --endpoint http://localhost:7878/store
        kg push article.ttl --endpoint http://localhost:3030/kg/data --graph http://example.org/g
    """
    from kg.query.push import push as push_graph

    report = push_graph(
        graph,
        endpoint,
        graph=graph_iri,
        user=user,
        password=password,
        append=append,
        timeout=timeout,
    )
    if not quiet:
        for name, method, count in report.sent:
            target = f"graph <{name}>" if name else "the default graph"
            click.echo(f"kg: {method} {_n(count, 'triple')} to {target}", err=True)
        click.echo(
            f"kg: pushed {_n(report.triples, 'triple')} in {_n(len(report.sent), 'request')} "
            f"to {report.endpoint}",
            err=True,
        )


@cli.command(name="export")
@click.argument("graph", metavar="GRAPH")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=_Registered(_export_formats),
    help="Output format, a registered exporter (default: from the -o extension).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file; for csv a folder (default: stdout; csv: GRAPH's name + '-csv').",
)
@click.option(
    "--csv-style",
    type=click.Choice(("plain", "neo4j")),
    default=None,
    help="CSV headers: plain (id, source, target, ...; default) or neo4j (id:ID, :START_ID, ...).",
)
@click.option(
    "--title", default=None, help="Title of an html/svg/png drawing (default: GRAPH's name)."
)
@click.option(
    "--network",
    type=click.Choice(("facts", "cooccurrence")),
    default="facts",
    show_default=True,
    help="Network formats: the facts between entities, or entities linked when one sentence "
    "mentions both (weighted by the number of sentences; graphml, gexf, csv).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
@handle_errors
def export_(
    graph: str,
    fmt: str | None,
    output: str | None,
    csv_style: str | None,
    title: str | None,
    network: str,
    quiet: bool,
) -> None:
    """Write a graph in another format: RDF for SPARQL tools, GraphML, GEXF, DOT or CSV for
    network tools, an interactive HTML page or a picture for people.

    GRAPH is an RDF file kg wrote, a store directory (kg build --store) or a SPARQL endpoint
    URL. RDF formats (ttl nt nq trig jsonld xml) keep every triple,
    and named graphs when both GRAPH and the output have them (trig, nq). Network formats
    hold the entity graph: entities (label, type, aliases, same_as) and relations (predicate,
    open, confidence, sentences, documents). csv writes nodes.csv and edges.csv into a folder.
    html is one self-contained page to explore the graph offline (search, filters, evidence
    sentences); svg and png are static pictures for reports.

    \b
    Examples:
        kg export article.ttl -o article.graphml
        kg export article.trig --format nq > article.nq
        kg export article.ttl --format csv -o tables/
        kg export article.ttl --format csv --csv-style neo4j -o neo4j-import/
        kg export article.ttl -o article.html
        kg export article.ttl -o article.svg --title "Who said what"
        kg export news.ttl --network cooccurrence -o cooccurrence.gexf
        kg export kgdb --network cooccurrence --format csv -o cooccurrence/
    """
    from kg import registry
    from kg.export import convert
    from kg.io.atomic import write_folder

    if output and not fmt:
        fmt = convert.fmt_for(output)  # the registered exporters' extensions
        if fmt is None:
            known = " ".join(sorted(convert.extensions()))
            raise UsageError(f"cannot tell the format of {output}: use --format, or one of {known}")
    if not fmt:
        raise UsageError("give --format (or -o with a known extension), e.g. --format graphml")
    exporter = registry.load(registry.EXPORTERS, fmt)()
    tables = getattr(exporter, "tables", None)
    if csv_style and tables is None:
        raise UsageError("--csv-style applies to --format csv only")
    if network == "cooccurrence":
        _export_cooccurrence(graph, fmt, output, quiet)
        return
    if hasattr(exporter, "title"):  # a page or a picture
        exporter.title = title if title is not None else _stem(graph)
    if tables is not None:  # a folder of tables
        G = _entity_graph(graph)
        directory = Path(output) if output else Path(_stem(graph) + f"-{fmt}")
        files = tables(G, csv_style or "plain")
        write_folder(directory, files)
        what = f"{_n(len(G), 'node')}, {_n(G.number_of_edges(), 'edge')}"
        where = ", ".join(str(directory / name) for name in files)
    elif getattr(exporter, "kind", "") == "network":
        G = _entity_graph(graph)
        data = exporter.network(G)
        what = f"{_n(len(G), 'entity', 'entities')}, {_n(G.number_of_edges(), 'relation')}"
    elif hasattr(exporter, "from_rdf"):
        from kg.query.sources import load

        ds = load(graph)
        data = exporter.from_rdf(ds)
        rdf = getattr(exporter, "rdflib_format", None)
        triples = _n(sum(len(g) for g in ds.graphs()), "triple")
        what = triples if rdf else f"{len(data) / 1e6:.1f} MB"
    else:
        raise UsageError(
            f"{fmt} is written from the articles, not from a graph file: "
            f"kg build INPUT... -o OUT.{getattr(exporter, 'extension', fmt)}"
        )
    if tables is None:
        where = _emit(data, output)
    if not quiet:
        style = f" ({csv_style})" if csv_style else ""
        click.echo(f"kg: {fmt}{style}, {what} -> {where}", err=True)


def _emit(data: bytes, output: str | None) -> str:
    """Write an export's ``data`` to ``output`` atomically, or to stdout; where it went."""
    if not output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return "stdout"
    write_atomic(Path(output), functools.partial(_write_bytes, data))
    return output


def _export_cooccurrence(graph: str, fmt: str, output: str | None, quiet: bool) -> None:
    """``kg export --network cooccurrence``: entities linked by the sentences that mention both."""
    from kg.analysis.cooccurrence import FORMATS, cooccurrence_graph, csv_tables, network_bytes

    if fmt not in FORMATS:
        raise UsageError(f"--network cooccurrence is written as {', '.join(FORMATS)}, not {fmt}")
    G = cooccurrence_graph(_load_source(graph))
    what = f"{_n(len(G), 'entity', 'entities')}, {_n(G.number_of_edges(), 'pair')}"
    if fmt == "csv":
        from kg.io.atomic import write_folder

        directory = Path(output) if output else Path(_stem(graph) + "-cooccurrence-csv")
        write_folder(directory, csv_tables(G))
        where = f"{directory / 'nodes.csv'}, {directory / 'edges.csv'}"
    else:
        where = _emit(network_bytes(G, fmt), output)
    if not quiet:
        click.echo(f"kg: {fmt} (cooccurrence), {what} -> {where}", err=True)


@cli.command(name="validate")
@click.argument("graph", type=click.Path(dir_okay=False))
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False),
    help="SHACL shapes file (default: kg's ontology/shapes.ttl).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@handle_errors
def validate_(graph: str, shapes: str | None, as_json: bool) -> None:
    """Check a graph against the SHACL shapes of the RDF output contract (pySHACL).

    Violations: an entity without exactly one core class or one label, a relation without a
    provenance statement (its sentence, a confidence in [0, 1], its extractor), a quotation
    without text. Warnings: a relation whose subject or object has another type than the
    inventory's domain or range. One line per result (severity, focus node, path, message),
    then a summary. Exit 0 when there is no violation (warnings allowed), 1 otherwise.

    \b
    Examples:
        kg validate article.ttl
        kg validate news.trig --json
        kg validate article.ttl --shapes my-shapes.ttl
    """
    from kg.analysis.validate import format_json, format_report, load_shapes, validate
    from kg.errors import GraphError
    from kg.graph.graphio import load_graph

    data = load_graph(graph)
    shapes_graph = load_shapes(shapes) if shapes else None
    report = validate(data, shapes_graph, shapes_name=Path(shapes).name if shapes else "")
    click.echo(format_json(report) if as_json else format_report(report))
    if not report.conforms:
        raise GraphError(
            f"{graph} does not conform to the shapes: "
            f"{_n(report.count('Violation'), 'violation')} (listed above); fix them and rerun"
        )


@cli.command(name="suspects")
@click.argument("source", metavar="GRAPH")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Leave out suspects scoring less.",
)
@click.option("--top", type=click.IntRange(0), default=0, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the suspects as one JSON list.")
@handle_errors
def suspects_(source: str, min_score: float, top: int, as_json: bool) -> None:
    """List likely duplicates and likely wrong types, as lines of a curation file.

    Duplicates: one name a form of the other's (singular, plural, "Party", clipped words, an
    acronym), a surname alone and the one full name ending with it, a name both carry, labels
    a typo apart; never two genders or two different full names. Wrong types: a "person"
    named like an organisation or a country, an "organisation" with a title and a first name.
    Each line is ranked by score, says why, and can be pasted into the file 'kg build
    --curation' reads (check it first: these are suspects, not facts). GRAPH is an RDF file,
    a store directory (kg build --store) or a SPARQL endpoint URL.

    \b
    Examples:
        kg suspects news.ttl
        kg suspects news.ttl --min-score 0.8 >> curation.yaml
        kg suspects kgdb --json
    """
    from kg.analysis.suspects import find, format_suspects, nodes_of, suspects_json

    found = find(nodes_of(_load_source(source)), min_score)
    if top:
        found = found[:top]
    if as_json:
        _echo_json(suspects_json(found))
    else:
        click.echo(format_suspects(found))


@cli.command(name="timeline")
@click.argument("source", metavar="GRAPH")
@click.argument("entity", metavar="[ENTITY]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as one JSON list.")
@handle_errors
def timeline_(source: str, entity: str | None, as_json: bool) -> None:
    """Facts and quotations in date order: all of them, or those of ENTITY.

    A fact's date is its own (kgo:date: "on 27 January" in its sentence, the year taken from
    the publication date) or else, marked ~, its document's publication date (dcterms:created).
    Undated facts come last. ENTITY is a label, an alias or an IRI. GRAPH is an RDF file, a
    store directory (kg build --store) or a SPARQL endpoint URL.

    \b
    Examples:
        kg timeline news.ttl "Jo Bloggs"
        kg timeline news.ttl --json
        kg timeline kgdb "Acme Corp"
    """
    from kg.analysis.timeline import events, events_json, format_timeline

    g = _load_source(source)
    node = None
    if entity is not None:
        from rdflib import URIRef

        from kg.analysis.paths import find_entity

        node = URIRef(str(find_entity(_entity_graph(source, g), entity)))
    found = events(g, node)
    if as_json:
        _echo_json(events_json(found))
    else:
        click.echo(format_timeline(found))


def _stem(source: str) -> str:
    """The name of a graph file without its extension, of a store directory, or of a URL's
    host (a default title or folder name)."""
    from kg.query.sources import is_url

    if is_url(source):
        from urllib.parse import urlsplit

        return urlsplit(source).hostname or "kg"
    return Path(source.rstrip("/")).stem or "kg"


def _load_source(source: str) -> Any:
    """The union graph (rdflib) of a graph file, a store directory or an endpoint URL."""
    from kg.query.sources import load_graph

    return load_graph(source)


def main() -> None:
    """Console entry point. SIGTERM ends a command like Ctrl-C does (see :class:`Terminated`)."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
