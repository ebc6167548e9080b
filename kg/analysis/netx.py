"""A kg RDF graph as a networkx MultiDiGraph: entities as nodes, facts as edges.

Nodes are entity IRIs (anything typed with a core class) with ``label``, ``type``, ``aliases``
and ``same_as``. Edges are direct relation triples whose predicate is an inventory relation or
an open relation (``rdfs:subPropertyOf kgo:relatedTo``), keyed by the predicate's local name,
with ``predicate``, ``open``, ``confidence`` (the highest of its statements), ``sentences``
and ``documents`` (its evidence). Insertion order is sorted, so output built from it is
deterministic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph
    from rdflib.term import Node

#: Core classes of the ontology, by local name.
CORE = ("Person", "Organization", "Place", "Product", "Event", "Group")


def local_name(iri: object) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/kg/ontology#memberOf")
    'memberOf'
    """
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def relation_properties(g: Graph) -> dict[Node, bool]:
    """Properties that are relations: IRI -> True for open relations, False for inventory ones."""
    from rdflib import RDFS

    from kg.graph.ontology import relation_names
    from kg.graph.vocab import KGO

    names = relation_names() - {"relatedTo"}
    props: dict[Node, bool] = {KGO[n]: False for n in names}
    frontier: set[Node] = {KGO.relatedTo}
    seen: set[Node] = set(frontier)
    while frontier:
        nxt: set[Node] = set()
        for sup in frontier:
            for sub in g.subjects(RDFS.subPropertyOf, sup):
                if sub not in seen:
                    seen.add(sub)
                    nxt.add(sub)
                    props.setdefault(sub, True)
        frontier = nxt
    return props


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """The entity graph of ``g`` (see module docstring)."""
    import networkx as nx
    from rdflib import RDF, RDFS, URIRef
    from rdflib.namespace import OWL, PROV, SKOS

    from kg.graph.vocab import KGO, NIF

    G = nx.MultiDiGraph()
    core: dict[Node, str] = {KGO[c]: c for c in CORE}
    entities: dict[Node, dict[str, Any]] = {}
    for node, cls in g.subject_objects(RDF.type):
        if cls in core and isinstance(node, URIRef):
            entities.setdefault(node, {"types": set()})["types"].add(core[cls])
    for node in sorted(entities, key=str):
        label = g.value(node, RDFS.label)
        types = sorted(entities[node]["types"], key=CORE.index)
        G.add_node(
            str(node),
            label=str(label) if label is not None else local_name(node),
            type=types[0],
            aliases="|".join(sorted(str(a) for a in g.objects(node, SKOS.altLabel))),
            same_as="|".join(sorted(str(s) for s in g.objects(node, OWL.sameAs))),
        )

    evidence: dict[tuple[Node, Node, Node], dict[str, Any]] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        if any(k is None for k in key):
            continue
        ev = evidence.setdefault(key, {"confidence": 0.0, "sentences": set(), "documents": set()})  # type: ignore[arg-type]
        conf = g.value(st, KGO.confidence)
        if conf is not None:
            ev["confidence"] = max(ev["confidence"], float(str(conf)))
        for sent in g.objects(st, PROV.wasDerivedFrom):
            text = g.value(sent, NIF.anchorOf)
            if text is not None:
                ev["sentences"].add(str(text))
            ctx = g.value(sent, NIF.referenceContext)
            if ctx is not None:
                ev["documents"].add(str(ctx))

    props = relation_properties(g)
    edges = []
    for s, p, o in g:
        if p in props and s in entities and o in entities:
            edges.append((str(s), str(o), str(p), props[p]))
    for subj, obj, pred, is_open in sorted(edges):
        ev = evidence.get((URIRef(subj), URIRef(pred), URIRef(obj)), {})
        G.add_edge(
            subj,
            obj,
            key=local_name(pred),
            predicate=local_name(pred),
            open=is_open,
            confidence=round(float(ev.get("confidence", 0.0)), 3),
            sentences="\n".join(sorted(ev.get("sentences", ()))),
            documents="|".join(sorted(ev.get("documents", ()))),
        )
    return G
