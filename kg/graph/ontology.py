"""The kg ontology as data: where its files are and the relation inventory it declares.

``ontology/kg.ttl`` is the single source of the inventory; this module reads it (with rdflib,
lazily, once) so that code never keeps a second copy of names, domains or ranges.

>>> spec = inventory()["banned"]
>>> spec.label, spec.symmetric
('banned', False)
>>> "Group" in spec.range
True
>>> inventory()["relatedTo"].domain
()
>>> "metWith" in relation_names()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

KGO_IRI = "https://w3id.org/kg/ontology#"

_NOT_RELATIONS = frozenset({"attributedTo", "mentionedIn"})


def ontology_path() -> Path:
    """The path of ``kg.ttl``, the OWL ontology shipped with the package."""
    return Path(__file__).parents[1] / "ontology" / "kg.ttl"


def shapes_path() -> Path:
    """The path of ``shapes.ttl``, the SHACL shapes shipped with the package."""
    return Path(__file__).parents[1] / "ontology" / "shapes.ttl"


@dataclass(frozen=True)
class RelationSpec:
    """One relation of the inventory.

    ``domain`` and ``range`` are local class names (``("Person", "Organization")``); an empty
    tuple means any class.
    """

    name: str
    label: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool


@cache
def ontology_graph() -> Graph:
    """The parsed ontology (cached; callers must not modify it)."""
    from rdflib import Graph

    path = ontology_path()
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphError(f"cannot read the ontology {path}: {exc}; reinstall kg") from exc


def _local(node: Node) -> str:
    text = str(node)
    if not text.startswith(KGO_IRI):
        raise GraphError(f"{text} is not a kgo: term; fix ontology/kg.ttl")
    return text[len(KGO_IRI) :]


def _classes(g: Graph, node: Node | None) -> tuple[str, ...]:
    """Local names of a class expression: a named class or an ``owl:unionOf`` list."""
    from rdflib import OWL, BNode
    from rdflib.collection import Collection

    if node is None:
        return ()
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        if union is None:
            raise GraphError("a domain or range is a blank node without owl:unionOf; fix kg.ttl")
        return tuple(_local(member) for member in Collection(g, union))
    return (_local(node),)


@cache
def inventory() -> dict[str, RelationSpec]:
    """The relation inventory by local name, sorted by name (``relatedTo`` included)."""
    from rdflib import OWL, RDF, RDFS, URIRef

    g = ontology_graph()
    top = URIRef(KGO_IRI + "relatedTo")
    specs: dict[str, RelationSpec] = {}
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        if not isinstance(prop, URIRef) or not str(prop).startswith(KGO_IRI):
            continue
        if prop != top and (prop, RDFS.subPropertyOf, top) not in g:
            continue
        name = _local(prop)
        if name in _NOT_RELATIONS:
            continue
        specs[name] = RelationSpec(
            name=name,
            label=str(g.value(prop, RDFS.label) or name),
            comment=str(g.value(prop, RDFS.comment) or ""),
            domain=_classes(g, g.value(prop, RDFS.domain)),
            range=_classes(g, g.value(prop, RDFS.range)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
        )
    return dict(sorted(specs.items()))


def relation_names() -> frozenset[str]:
    """The local names of the inventory relations."""
    return frozenset(inventory())
