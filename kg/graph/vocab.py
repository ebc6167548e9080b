"""RDF namespaces of kg, as rdflib objects (this module exists to import rdflib).

``KGO`` is closed: it knows exactly the terms that ``ontology/kg.ttl`` defines, so a typo fails
at once instead of writing an undeclared property. It is generated from kg.ttl (``kg/graph/kgo.py``,
by ``python -m kg.graph.make_kgo``; a test keeps the two in step), typed for mypy and editors.

>>> str(KGO.banned)
'https://w3id.org/kg/ontology#banned'
>>> KGO.bannned  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'bannned' not in namespace
>>> str(KGX.wipe)
'https://w3id.org/kg/open#wipe'
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib import namespace as _ns

from kg.graph.kgo import KGO

KGO_IRI = str(KGO)  # "https://w3id.org/kg/ontology#"
KGX_IRI = "https://w3id.org/kg/open#"

#: Every term ``ontology/kg.ttl`` defines (subjects with an ``rdf:type``), by local name: the
#: attributes of the generated :class:`kg.graph.kgo.KGO` (``python -m kg.graph.make_kgo``).
KGO_TERMS: tuple[str, ...] = tuple(KGO.__annotations__)
KGX = Namespace(KGX_IRI)
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

PREFIXES: tuple[tuple[str, str], ...] = (
    ("kgo", KGO_IRI),
    ("kgx", KGX_IRI),
    ("nif", str(NIF)),
    ("prov", str(_ns.PROV)),
    ("dcterms", str(_ns.DCTERMS)),
    ("skos", str(_ns.SKOS)),
    ("owl", str(_ns.OWL)),
    ("schema", str(SCHEMA)),
    ("xsd", str(_ns.XSD)),
    ("rdf", str(_ns.RDF)),
    ("rdfs", str(_ns.RDFS)),
)


def bind_prefixes(g: Graph) -> None:
    """Bind kg's prefixes on ``g`` (a Graph or Dataset), replacing other bindings of the names.

    >>> g = Graph(bind_namespaces="none")
    >>> bind_prefixes(g)
    >>> str(dict(g.namespaces())["kgo"])
    'https://w3id.org/kg/ontology#'
    """
    for prefix, iri in PREFIXES:
        g.bind(prefix, Namespace(iri), override=True, replace=True)
