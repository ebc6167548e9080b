"""SPARQL results, engine-independent, and their serialisations.

Both query engines (Oxigraph, rdflib) turn their answers into the plain values of this module, so
one set of writers serves ``kg query`` and ``kg serve`` and the two engines print the same bytes:
SPARQL 1.1 Query Results JSON, XML, CSV and TSV, an aligned text table for the terminal, and
Turtle / N-Triples for graph results (written by pyoxigraph).

>>> r = SelectResult(("s", "n"), [(iri("http://example.org/a"), literal("2", XSD + "integer"))])
>>> to_csv(r)
's,n\\r\\nhttp://example.org/a,2\\r\\n'
>>> to_tsv(r).splitlines()
['?s\\t?n', '<http://example.org/a>\\t2']
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Prefixes every query may use without declaring them (a declaration in the query wins).
PREFIXES: dict[str, str] = {
    "kgo": "https://w3id.org/kg/ontology#",
    "kgx": "https://w3id.org/kg/open#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": XSD,
    "schema": "https://schema.org/",
}


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term: ``kind`` is ``uri``, ``bnode`` or ``literal``; a literal has a ``datatype``
    (``xsd:string`` when plain) or a lowercase ``lang`` (then no datatype)."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def n3(self) -> str:
        """The term in N-Triples syntax.

        >>> literal('say "hi"\\n').n3()
        '"say \\\\"hi\\\\"\\\\n"'
        >>> literal("hi", lang="en").n3()
        '"hi"@en'
        """
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        text = '"' + _escape_string(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype and self.datatype != XSD_STRING:
            return f"{text}^^<{self.datatype}>"
        return text


def iri(value: str) -> Term:
    """An IRI term."""
    return Term("uri", value)


def bnode(value: str) -> Term:
    """A blank node term."""
    return Term("bnode", value)


def literal(value: str, datatype: str | None = None, lang: str | None = None) -> Term:
    """A literal term (``xsd:string`` unless a datatype or a language is given)."""
    if lang:
        return Term("literal", value, None, lang.lower())
    return Term("literal", value, datatype or XSD_STRING, None)


Row = tuple[Term | None, ...]
Triple = tuple[Term, Term, Term]


@dataclass
class SelectResult:
    """Variables (without ``?``) and rows of bindings (``None`` where unbound)."""

    variables: tuple[str, ...]
    rows: list[Row]
    truncated: bool = False


@dataclass
class AskResult:
    """The answer of an ASK query."""

    value: bool


@dataclass
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE query."""

    triples: list[Triple]
    truncated: bool = False
    prefixes: dict[str, str] = field(default_factory=dict)


Result = SelectResult | AskResult | GraphResult

_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_string(text: str) -> str:
    return "".join(_STRING_ESCAPES.get(ch, ch) for ch in text)


# ---- SPARQL 1.1 Query Results formats --------------------------------------------------------


def to_json(result: SelectResult | AskResult) -> str:
    """SPARQL 1.1 Query Results JSON.

    >>> to_json(AskResult(True))
    '{"head":{},"boolean":true}'
    """
    if isinstance(result, AskResult):
        return json.dumps({"head": {}, "boolean": result.value}, separators=(",", ":"))
    bindings = []
    for row in result.rows:
        binding: dict[str, Any] = {}
        for name, term in zip(result.variables, row, strict=True):
            if term is not None:
                binding[name] = _json_term(term)
        bindings.append(binding)
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _json_term(term: Term) -> dict[str, str]:
    out = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.kind == "literal" and term.datatype and term.datatype != XSD_STRING:
        out["datatype"] = term.datatype
    return out


def to_xml(result: SelectResult | AskResult) -> str:
    """SPARQL Query Results XML.

    >>> to_xml(AskResult(False))[-46:]
    '<head></head><boolean>false</boolean></sparql>'
    """
    out = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if isinstance(result, AskResult):
        out.append(f"<head></head><boolean>{'true' if result.value else 'false'}</boolean>")
        return "".join(out) + "</sparql>"
    out.append("<head>")
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    out.append("</head><results>")
    for row in result.rows:
        out.append("<result>")
        for name, term in zip(result.variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out)


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    attr = ""
    if term.lang:
        attr = f" xml:lang={quoteattr(term.lang)}"
    elif term.datatype and term.datatype != XSD_STRING:
        attr = f" datatype={quoteattr(term.datatype)}"
    return f"<literal{attr}>{escape(term.value)}</literal>"


def to_csv(result: SelectResult | AskResult) -> str:
    """SPARQL 1.1 CSV results: plain values, CRLF line ends (an ASK answer as one word)."""
    if isinstance(result, AskResult):
        return "true\r\n" if result.value else "false\r\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buf.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term.value}" if term.kind == "bnode" else term.value


_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d*\.\d+")


def to_tsv(result: SelectResult | AskResult) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle syntax (numbers and booleans abbreviated)."""
    if isinstance(result, AskResult):
        return "true\n" if result.value else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _tsv_value(t) for t in row))
    return "\n".join(lines) + "\n"


def _tsv_value(term: Term) -> str:
    if term.kind == "literal" and not term.lang:
        dt, value = term.datatype, term.value
        if (
            (dt == XSD + "integer" and _INTEGER.fullmatch(value))
            or (dt == XSD + "decimal" and _DECIMAL.fullmatch(value))
            or (dt == XSD + "boolean" and value in ("true", "false"))
        ):
            return value
    return term.n3()


# ---- for people ------------------------------------------------------------------------------


def compact(term: Term | None, prefixes: dict[str, str]) -> str:
    """A short readable form: ``prefix:local`` for IRIs under a known prefix, the value of a
    literal, ``_:id`` for a blank node.

    >>> compact(iri("https://w3id.org/kg/ontology#memberOf"), PREFIXES)
    'kgo:memberOf'
    >>> compact(literal("Kabul"), PREFIXES)
    'Kabul'
    """
    if term is None:
        return ""
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "literal":
        return term.value
    best = ""
    for prefix, ns in prefixes.items():
        if term.value.startswith(ns) and len(ns) > len(best):
            local = term.value[len(ns) :]
            if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                best = ns
                name = f"{prefix}:{local}"
    return name if best else f"<{term.value}>"


def to_table(result: SelectResult | AskResult, prefixes: dict[str, str], width: int = 70) -> str:
    """An aligned text table, cells cut to ``width`` characters (with ``…``), and a row count.

    >>> r = SelectResult(("p",), [(iri("https://w3id.org/kg/ontology#said"),)])
    >>> print(to_table(r, PREFIXES))
    p
    --------
    kgo:said
    (1 row)
    """
    if isinstance(result, AskResult):
        return "true" if result.value else "false"
    cells = [[_cell(compact(t, prefixes), width) for t in row] for row in result.rows]
    header = list(result.variables)
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    count = len(result.rows)
    lines.append(
        f"({count} row{'' if count == 1 else 's'}{', truncated' if result.truncated else ''})"
    )
    return "\n".join(lines)


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- graphs -----------------------------------------------------------------------------------


def to_rdf(result: GraphResult, fmt: str = "ttl") -> bytes:
    """The triples, sorted, as Turtle (``ttl``, with the prefixes they use) or N-Triples (``nt``).

    >>> t = (iri("http://example.org/a"), iri(PREFIXES["kgo"] + "said"), literal("x"))
    >>> print(to_rdf(GraphResult([t], prefixes=PREFIXES), "nt").decode(), end="")
    <http://example.org/a> <https://w3id.org/kg/ontology#said> "x" .
    """
    import pyoxigraph as ox

    triples = sorted(set(result.triples))
    if fmt == "nt":
        return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples).encode("utf-8")
    used = {
        name: ns
        for name, ns in sorted(result.prefixes.items())
        if any(t.kind == "uri" and t.value.startswith(ns) for triple in triples for t in triple)
    }
    data = ox.serialize(
        [ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in triples],
        format=ox.RdfFormat.TURTLE,
        prefixes=used,
    )
    return data or b""


def to_oxigraph(term: Term) -> Any:
    """The pyoxigraph term for ``term``."""
    import pyoxigraph as ox

    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD_STRING))


def normalised(result: Result) -> Any:
    """A comparable form of a result: rows (or triples) sorted, every blank node the same, for
    checking that two engines agree (blank node labels are arbitrary)."""
    if isinstance(result, AskResult):
        return result.value

    def norm(t: Term | None) -> Term | None:
        return bnode("_") if t is not None and t.kind == "bnode" else t

    if isinstance(result, SelectResult):
        return (
            result.variables,
            sorted((tuple(norm(t) for t in r) for r in result.rows), key=_row_key),
        )
    return sorted({tuple(norm(t) for t in tr) for tr in result.triples}, key=_row_key)


def _term_key(term: Term | None) -> tuple[str, ...]:
    if term is None:
        return ("",)
    return ("0" if term.kind == "bnode" else "1", term.kind, term.value, term.datatype or "")


def _row_key(row: Sequence[Term | None]) -> tuple[tuple[str, ...], ...]:
    return tuple(_term_key(t) for t in row)


def rows_as_text(result: SelectResult) -> Iterable[tuple[str, ...]]:
    """The rows as plain values (IRI, literal value, ``_:id``; ``""`` when unbound)."""
    for row in result.rows:
        yield tuple("" if t is None else _csv_value(t) for t in row)
