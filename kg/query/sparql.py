"""SPARQL queries over graph files or a store, with Oxigraph (default) or rdflib.

Both engines see the same dataset: each named graph of the input, and as the default graph the
RDF merge of every graph (a set: a triple stated in two documents matches once). The prefixes
of :data:`kg.query.sparql_results.PREFIXES` are predeclared; a ``PREFIX`` in the query wins. Answers
come back as the engine-independent values of :mod:`kg.query.sparql_results`.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> _ = p.write_text('<http://x/a> <https://w3id.org/kg/ontology#said> "hi" .\\n')
>>> store = load_files([p])
>>> run(store, "SELECT ?q WHERE { ?s kgo:said ?q }").rows
[(Term(kind='literal', value='hi', datatype='http://www.w3.org/2001/XMLSchema#string', lang=None),)]
>>> run(load_rdflib([p]), "ASK { ?s kgo:said 'hi' }", engine="rdflib").value
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.errors import GraphError, InputError, UsageError
from kg.graph.graphio import check_input, graph_format, oxigraph_to_rdflib, too_long
from kg.query.sparql_results import (
    PREFIXES,
    AskResult,
    GraphResult,
    Result,
    SelectResult,
    Term,
    bnode,
    iri,
    literal,
)

ENGINES = ("oxigraph", "rdflib")

#: Adds the RDF merge of all named graphs to the default graph.
MERGE_UPDATE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


class QuerySyntaxError(InputError):
    """A SPARQL query that does not parse; ``line`` and ``column`` count from 1."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


#: The deepest bracket nesting (``(``, ``[``, ``{``) a query may have: the parsers recurse once
#: per level, and a few thousand levels overflow the stack (a crash, not an error).
MAX_NESTING = 128
#: The most clauses and chained operators (``{``, UNION, OPTIONAL, MINUS, BIND, VALUES, FILTER,
#: GRAPH, SERVICE, ``||``, ``&&``) a query may have: Oxigraph folds such a chain into a tree as
#: deep as the chain is long, and a few thousand of them overflow the stack too.
MAX_CLAUSES = 1000
_CLAUSE_WORDS = frozenset(
    ("UNION", "OPTIONAL", "MINUS", "BIND", "VALUES", "FILTER", "GRAPH", "SERVICE")
)
_WORD = "\\w\u0080-\U0010ffff"
_TOKEN = re.compile(
    r"(?P<long>'''|\"\"\")|(?P<short>['\"])|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r"|(?P<comment>#[^\n\r]*)|(?P<open>[(\[{])|(?P<close>[)\]}])|(?P<op>\|\||&&)"
    rf"|(?P<word>[?$:{_WORD}][{_WORD}.:%\\-]*)"
    rf"|[^'\"<#()\[\]{{}}|&?$:{_WORD}]+|.",
    re.S,
)
_STRING_END = {
    "'": re.compile(r"[^'\\\n\r]*(?:\\.[^'\\\n\r]*)*'", re.S),
    '"': re.compile(r'[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*"', re.S),
    "'''": re.compile(r"(?:[^'\\]|\\.|'(?!''))*'''", re.S),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.S),
}


def _tokens(query: str) -> Iterable[re.Match[str]]:
    """The brackets, operators and words of ``query`` outside strings, IRIs and comments, in
    one linear pass. It stops at a string that is never closed: no parser gets past one."""
    pos, end = 0, len(query)
    while pos < end:
        m = _TOKEN.match(query, pos)
        if m is None:  # pragma: no cover (the last alternative matches any character)
            return
        kind, pos = m.lastgroup, m.end()
        if kind in ("long", "short"):
            closing = _STRING_END[m.group()].match(query, pos)
            if closing is None:
                return
            pos = closing.end()
        elif kind in ("open", "close", "op", "word"):
            yield m


def check_complexity(query: str) -> None:
    """Refuse, before any parser sees it, a query nested deeper than :data:`MAX_NESTING` or
    with more than :data:`MAX_CLAUSES` clauses (:class:`QuerySyntaxError`).

    >>> check_complexity("ASK { FILTER('((((' != ?x) } # ((((")
    >>> check_complexity("ASK { FILTER(" + "(" * 200)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.query.sparql.QuerySyntaxError: the query is nested too deeply (over 128 levels of ...
    """
    depth = clauses = 0
    for m in _tokens(query):
        kind, text = m.lastgroup, m.group()
        if kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                raise _too_complex(
                    query, m.start(), f"nested too deeply (over {MAX_NESTING} levels of brackets"
                )
            clauses += text == "{"
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "op" or text.upper() in _CLAUSE_WORDS:
            clauses += 1
        if clauses > MAX_CLAUSES:
            raise _too_complex(
                query, m.start(), f"too long (over {MAX_CLAUSES} clauses and chained operators"
            )


def _too_complex(query: str, offset: int, what: str) -> QuerySyntaxError:
    line = query.count("\n", 0, offset) + 1
    col = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return QuerySyntaxError(
        f"the query is {what}, at line {line}, column {col}): simplify it", line, col
    )


def uses_service(query: str) -> bool:
    """Whether ``query`` has a ``SERVICE`` clause (a federated query: the engine fetches a URL).

    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT * { ?service ex:service 'SERVICE' } # SERVICE")
    False
    """
    return any(m.group().upper() == "SERVICE" for m in _tokens(query))


class ServiceRefused(UsageError):
    """A federated query (``SERVICE``) where those are off."""


def declared_prefixes(query: str) -> dict[str, str]:
    """The ``PREFIX`` declarations of a query, with the predeclared ones they do not override.

    >>> declared_prefixes("PREFIX ex: <http://example.org/> SELECT * {}")["ex"]
    'http://example.org/'
    >>> declared_prefixes("SELECT * {}")["kgo"]
    'https://w3id.org/kg/ontology#'
    """
    found = dict(PREFIXES)
    for name, ns in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):\s*<([^>]*)>", query):
        found[name] = ns
    return found


def read_query(path: str) -> str:
    """The text of a query file (``-`` for stdin); :class:`InputError` if unreadable."""
    import sys

    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"no such query file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read query file {path}: {exc}") from None


def _check_file(path: Path) -> str:
    if path.is_dir():
        raise UsageError(
            f"{path} is a directory: for a store built with --store, give --store {path}"
        )
    fmt: str = graph_format(path, UsageError).oxigraph_format  # the registered RDF formats
    if not path.is_file():
        raise InputError(f"no such graph file: {path}; build one with 'kg build ... -o {path}'")
    return fmt


def load_files(paths: Sequence[str | Path], *, merge: bool = True) -> Any:
    """An in-memory pyoxigraph Store of the files, the default graph being their RDF merge
    (only the files' own default graph when not ``merge``)."""
    import pyoxigraph as ox

    store = ox.Store()
    for p in map(Path, paths):
        fmt = getattr(ox.RdfFormat, _check_file(p))
        check_input(p, fmt.name)
        try:
            store.load(path=str(p), format=fmt)
        except SyntaxError as exc:
            raise GraphError(f"cannot parse {p} as {fmt.name}: {_first_line(exc)}") from None
        except MemoryError:
            raise GraphError(too_long(p)) from None
        except OSError as exc:
            raise InputError(f"cannot read {p}: {exc}") from None
    if merge:
        store.update(MERGE_UPDATE)
    return store


def load_rdflib(paths: Sequence[str | Path]) -> Any:
    """An rdflib Dataset of the files whose default graph is the union of all graphs."""
    from rdflib import Dataset

    from kg.graph.graphio import load

    for p in map(Path, paths):
        _check_file(p)
    if len(paths) == 1:
        ds = load(paths[0])
    else:
        ds = Dataset()
        for path in paths:
            for quad in load(path).quads((None, None, None, None)):
                ds.add(quad)  # type: ignore[arg-type]
    ds.default_union = True
    return ds


def store_to_rdflib(store: Any) -> Any:
    """An rdflib Dataset with the quads of a pyoxigraph Store (default graph = union)."""
    ds = oxigraph_to_rdflib(store)
    ds.default_union = True
    return ds


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def oxigraph_syntax_error(exc: SyntaxError) -> QuerySyntaxError:
    """A :class:`QuerySyntaxError` from pyoxigraph's ``error at LINE:COL: message``.

    >>> str(oxigraph_syntax_error(SyntaxError("error at 3:2: expected OPTIONAL")))
    'SPARQL syntax error at line 3, column 2: expected OPTIONAL'
    """
    text = _first_line(exc)
    m = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", text)
    if not m:
        return QuerySyntaxError(f"SPARQL syntax error: {text}")
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
    return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: {what}", line, col)


def rdflib_syntax_error(exc: Exception, query: str) -> QuerySyntaxError:
    """A :class:`QuerySyntaxError` from a pyparsing exception (line and column from its offset)."""
    loc = getattr(exc, "loc", None)
    text = _first_line(exc).split("  (at char")[0]
    if not isinstance(loc, int):
        return QuerySyntaxError(f"SPARQL syntax error: {text}")
    line = query.count("\n", 0, loc) + 1
    col = loc - (query.rfind("\n", 0, loc) + 1) + 1
    return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: {text}", line, col)


def run(
    source: Any,
    query: str,
    *,
    engine: str = "oxigraph",
    limit: int | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    allow_service: bool = True,
) -> Result:
    """Run ``query`` on ``source`` (a pyoxigraph Store for ``oxigraph``, an rdflib Dataset for
    ``rdflib``); at most ``limit`` rows or triples, the result marked ``truncated`` beyond.

    A query too deeply nested or too long is refused before parsing (:func:`check_complexity`);
    without ``allow_service``, so is a federated query (:class:`ServiceRefused`).
    """
    check_complexity(query)
    if not allow_service and uses_service(query):
        raise ServiceRefused(
            "SERVICE (a federated query) is off: this endpoint does not fetch other URLs; "
            "start it with --allow-service to allow them"
        )
    if engine == "oxigraph":
        return _run_oxigraph(source, query, limit, default_graphs, named_graphs)
    if engine == "rdflib":
        if default_graphs or named_graphs:
            raise UsageError("default and named graph selection needs the oxigraph engine")
        return _run_rdflib(source, query, limit)
    raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


def _run_oxigraph(
    store: Any,
    query: str,
    limit: int | None,
    default_graphs: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
) -> Result:
    import pyoxigraph as ox

    options: dict[str, Any] = {"prefixes": dict(PREFIXES)}
    try:
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        answer = store.query(query, **options)
    except SyntaxError as exc:
        raise oxigraph_syntax_error(exc) from None
    except ValueError as exc:  # an invalid IRI in default/named graph selection
        raise UsageError(f"invalid graph IRI: {_first_line(exc)}") from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = tuple(v.value for v in answer.variables)
            rows, truncated = _take(
                (tuple(_from_ox(t) for t in solution) for solution in answer), limit
            )
            return SelectResult(names, rows, truncated)
        triples, truncated = _take(
            ((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in answer),
            limit,
        )
        return GraphResult(triples, truncated, declared_prefixes(query))
    except OSError as exc:
        raise GraphError(f"the query failed: {_first_line(exc)}") from None


def _take(items: Iterable[Any], limit: int | None) -> tuple[list[Any], bool]:
    out: list[Any] = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def _from_ox(term: Any) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return iri(term.value)
    if isinstance(term, ox.BlankNode):
        return bnode(term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.datatype.value, term.language)
    raise GraphError("an RDF-star triple term is in the results: kg does not write those")


_SELECT_STAR = re.compile(r"(?i)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*")


def _run_rdflib(ds: Any, query: str, limit: int | None) -> Result:
    import warnings

    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except ParseBaseException as exc:
        raise rdflib_syntax_error(exc, query) from None
    except Exception as exc:  # rdflib's algebra raises plain exceptions for bad prefixes etc.
        raise QuerySyntaxError(f"SPARQL error: {_first_line(exc)}") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            answer = ds.query(prepared)
            kind = answer.type
            if kind == "ASK":
                return AskResult(bool(answer.askAnswer))
            if kind == "SELECT":
                names = [str(v) for v in answer.vars or ()]
                order = list(range(len(names)))
                if _SELECT_STAR.search(query):  # rdflib's order is arbitrary, Oxigraph's sorted
                    order.sort(key=lambda i: names[i])
                rows, truncated = _take(
                    (tuple(_from_rdflib(row[i]) for i in order) for row in answer), limit
                )
                return SelectResult(tuple(names[i] for i in order), rows, truncated)
            triples, truncated = _take(
                (tuple(_from_rdflib(t) for t in triple) for triple in answer.graph), limit
            )
        except Exception as exc:  # rdflib's evaluation errors have no common base class
            raise GraphError(f"the query failed in rdflib: {_first_line(exc)}") from None
    return GraphResult(triples, truncated, declared_prefixes(query))


def _from_rdflib(term: Any) -> Term | None:
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, BNode):
        return bnode(str(term))
    if isinstance(term, Literal):
        return literal(str(term), str(term.datatype) if term.datatype else None, term.language)
    raise GraphError(f"unsupported term in the results: {term!r}")
