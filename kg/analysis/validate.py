"""``kg validate``: SHACL validation of a graph kg wrote, with pySHACL.

The shapes are ``ontology/shapes.ttl`` unless others are given: one core class and one label
per entity, provenance statements with their sentence and a confidence in [0, 1], quotations
with their text (violations), and the domain and range of the inventory relations (warnings:
a small model types some entities differently from what a relation expects). One rule is
checked here in Python rather than in SHACL-SPARQL, which pySHACL runs as one query per entity
(minutes on a large graph): every triple between two entities has a provenance statement
(:func:`provenance_findings`). A graph conforms when no result is a violation; warnings are
reported but allowed.

>>> r = Report(findings=(Finding("Warning", "<http://x/a>", "", "", "typed oddly", ""),),
...            triples=3, shapes="shapes.ttl")
>>> r.conforms, r.count("Warning")
(True, 1)
>>> print(format_report(r).splitlines()[-1])
conforms: 0 violations, 1 warning (3 triples, shapes.ttl)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GraphError, InputError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

#: Severities in report order (worst first).
SEVERITIES = ("Violation", "Warning", "Info")
#: The ``shape`` of the findings of :func:`provenance_findings`.
PROVENANCE_CHECK = "kg:relation-provenance"
PROVENANCE_MESSAGE = (
    "a relation between entities without provenance: no rdf:Statement of this triple "
    "with prov:wasDerivedFrom its sentence"
)


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result, its terms written as N3 (prefixed where a prefix fits)."""

    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str


@dataclass(frozen=True)
class Report:
    """The results of validating one graph."""

    findings: tuple[Finding, ...]
    triples: int
    shapes: str

    @property
    def conforms(self) -> bool:
        """True when no finding is a violation (warnings and infos are allowed)."""
        return self.count("Violation") == 0

    def count(self, severity: str) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)


def load_shapes(path: str | Path | None = None) -> Graph:
    """The shapes graph: ``path`` (Turtle or any RDF file) or the packaged ``shapes.ttl``."""
    from rdflib import Graph

    from kg.graph.graphio import check_input, rdf_format
    from kg.graph.ontology import shapes_path

    p = Path(path) if path is not None else shapes_path()
    if not p.is_file():
        raise InputError(f"no such shapes file: {p}; give a SHACL file with --shapes")
    try:
        check_input(p, rdf_format(p))
        return Graph().parse(p, format=rdf_format(p))
    except GraphError:
        raise
    except Exception as exc:  # rdflib raises many kinds; all mean "not valid RDF"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphError(f"cannot parse the shapes file {p}: {first}") from None


def validate(
    data: Graph, shapes: Graph | None = None, shapes_name: str = "", provenance: bool = True
) -> Report:
    """Validate ``data`` (the union graph of a file) against ``shapes`` (default: kg's), and
    unless ``provenance`` is False check the provenance of every relation."""
    import pyshacl
    from rdflib import Graph

    from kg.graph.ontology import shapes_path

    if shapes is None:
        shapes = load_shapes()
        shapes_name = shapes_name or shapes_path().name
    try:
        _, results, _ = pyshacl.validate(
            _indexed(data),
            shacl_graph=shapes,
            inference="none",
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            meta_shacl=False,
            advanced=False,
            js=False,
        )
    except Exception as exc:  # pySHACL reports malformed shapes with its own exceptions
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphError(f"the shapes cannot be applied: {first}; check the SHACL file") from None
    if not isinstance(results, Graph):
        raise GraphError("pySHACL returned no results graph; check the pyshacl installation")
    names = _names(data)
    found = _findings(results, names, shapes)
    if provenance:
        found |= provenance_findings(data, names)
    return Report(findings=_ordered(found), triples=len(data), shapes=shapes_name)


def _names(data: Graph) -> Graph:
    """An empty graph holding the prefixes to write terms with: kg's, then the data's own."""
    from rdflib import Graph

    from kg.graph.vocab import bind_prefixes

    names = Graph(bind_namespaces="core")
    bind_prefixes(names)
    prefixes = {p for p, _ in names.namespaces()}
    spaces = {str(ns) for _, ns in names.namespaces()}
    for prefix, ns in sorted(data.namespaces()):
        if prefix not in prefixes and str(ns) not in spaces:
            names.bind(prefix, ns, override=False)
    return names


def _indexed(g: Graph) -> Graph:
    """``g`` in rdflib's default (indexed, context-aware) store, which pySHACL requires; graphs
    built for serialisation use an insertion-ordered store (see :func:`kg.graph.rdf.to_graph`)."""
    from rdflib import Graph

    if g.store.context_aware:
        return g
    out = Graph(bind_namespaces="none")
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for triple in g:
        out.add(triple)
    return out


def _ordered(found: set[Finding]) -> tuple[Finding, ...]:
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(
        sorted(
            found,
            key=lambda f: (rank.get(f.severity, len(rank)), f.focus, f.path, f.value, f.message),
        )
    )


def provenance_findings(data: Graph, names: Graph | None = None) -> set[Finding]:
    """A violation for each triple from an entity to an entity (a relation; ``owl:sameAs``
    aside) that no ``rdf:Statement`` with ``prov:wasDerivedFrom`` describes. Entities are IRIs
    typed with a core class. Terms are written with the prefixes of ``names`` (or ``data``)."""
    from rdflib import RDF, URIRef
    from rdflib.namespace import OWL, PROV

    from kg.analysis.netx import CORE
    from kg.graph.vocab import KGO

    entities = {
        node
        for cls in CORE
        for node in data.subjects(RDF.type, KGO[cls])
        if isinstance(node, URIRef)
    }
    described = set()
    for st in data.subjects(RDF.type, RDF.Statement):
        if data.value(st, PROV.wasDerivedFrom) is None:
            continue
        for s in data.objects(st, RDF.subject):
            for p in data.objects(st, RDF.predicate):
                for o in data.objects(st, RDF.object):
                    described.add((s, p, o))
    nm = (names if names is not None else data).namespace_manager
    found = set()
    for s in entities:
        for p, o in data.predicate_objects(s):
            if o in entities and p != OWL.sameAs and (s, p, o) not in described:
                found.add(
                    Finding(
                        severity="Violation",
                        focus=s.n3(nm),
                        path=p.n3(nm),
                        value=o.n3(nm),
                        message=PROVENANCE_MESSAGE,
                        shape=PROVENANCE_CHECK,
                    )
                )
    return found


def _findings(results: Graph, names: Graph, shapes: Graph) -> set[Finding]:
    from rdflib import RDF
    from rdflib.namespace import SH

    def n3(node: Node | None) -> str:
        if node is None:
            return ""
        return _short(node.n3(names.namespace_manager))

    def shape_name(node: Node | None) -> str:
        """A named shape, or the named node shape that holds a blank property shape."""
        seen: set[Node] = set()
        while _is_blank(node) and node not in seen:
            seen.add(node)  # type: ignore[arg-type]
            node = shapes.value(None, SH.property, node) or shapes.value(None, SH.node, node)
        return "" if node is None or _is_blank(node) else node.n3(shapes.namespace_manager)

    found = set()
    for result in results.objects(None, SH.result):
        if (result, RDF.type, SH.ValidationResult) not in results:
            continue
        severity = results.value(result, SH.resultSeverity)
        sev = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        message = "; ".join(messages) or _component_name(component)
        found.add(
            Finding(
                severity=sev,
                focus=n3(results.value(result, SH.focusNode)),
                path=_path_text(results, results.value(result, SH.resultPath), names),
                value=n3(results.value(result, SH.value)),
                message=message,
                shape=shape_name(results.value(result, SH.sourceShape)),
            )
        )
    return found


def _is_blank(node: Node | None) -> bool:
    from rdflib import BNode

    return isinstance(node, BNode)


def _component_name(component: Node | None) -> str:
    if component is None:
        return "does not conform"
    name = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return f"fails sh:{name[:1].lower()}{name[1:]}"


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _path_text(results: Graph, path: Node | None, names: Graph) -> str:
    """A SHACL property path in SPARQL-like syntax (``^p`` inverse, ``a/b`` sequence, ...)."""
    from rdflib import RDF, BNode
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    if path is None:
        return ""
    if not isinstance(path, BNode):
        return path.n3(names.namespace_manager)
    if (path, RDF.first, None) in results:
        return "/".join(_path_text(results, p, names) for p in Collection(results, path))
    unary = {
        SH.inversePath: "^{}",
        SH.zeroOrMorePath: "({})*",
        SH.oneOrMorePath: "({})+",
        SH.zeroOrOnePath: "({})?",
    }
    for prop, template in unary.items():
        inner = results.value(path, prop)
        if inner is not None:
            return template.format(_path_text(results, inner, names))
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(results, p, names) for p in Collection(results, alternatives))
    return "(path)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: Report) -> str:
    """The last line of the readable report."""
    verdict = "conforms" if report.conforms else "does not conform"
    counts = f"{_plural(report.count('Violation'), 'violation')}, " + _plural(
        report.count("Warning"), "warning"
    )
    infos = report.count("Info")
    if infos:
        counts += f", {_plural(infos, 'info')}"
    where = f"{report.triples} triples" + (f", {report.shapes}" if report.shapes else "")
    return f"{verdict}: {counts} ({where})"


def format_report(report: Report) -> str:
    """One line per finding (severity, focus node, path, message; the value when it differs
    from the focus node), then the summary line."""
    lines = []
    for f in report.findings:
        parts = [f"{f.severity.lower():<9}", f.focus]
        if f.path:
            parts.append(f.path)
        if f.value and f.value != f.focus:
            parts.append(f"value {f.value}")
        lines.append("  ".join(parts) + f"  {f.message}")
    lines.append(summary(report))
    return "\n".join(lines)


def format_json(report: Report) -> str:
    """The report as one JSON object (``conforms``, counts, ``results``)."""
    data: dict[str, Any] = {
        "conforms": report.conforms,
        "violations": report.count("Violation"),
        "warnings": report.count("Warning"),
        "infos": report.count("Info"),
        "triples": report.triples,
        "shapes": report.shapes,
        "results": [asdict(f) for f in report.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
