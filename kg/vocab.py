"""RDF namespaces of kg, as rdflib objects (this module exists to import rdflib).

``KGO`` is closed: it knows exactly the terms that ``ontology/kg.ttl`` defines, so a typo fails
at once instead of writing an undeclared property (a test keeps the two in step).

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
from rdflib.namespace import ClosedNamespace

KGO_IRI = "https://w3id.org/kg/ontology#"
KGX_IRI = "https://w3id.org/kg/open#"

#: Every term ``ontology/kg.ttl`` defines (subjects with an ``rdf:type``), by local name.
KGO_TERMS: tuple[str, ...] = (
    # annotation property
    "inverseMatch",
    # classes
    "Entity",
    "Person",
    "Organization",
    "Place",
    "Product",
    "Event",
    "Group",
    "Statement",
    "Document",
    # relation inventory
    "memberOf",
    "worksFor",
    "leaderOf",
    "founded",
    "partOf",
    "owns",
    "developerOf",
    "acquired",
    "rivalOf",
    "allyOf",
    "childOf",
    "spouseOf",
    "nationality",
    "locatedIn",
    "basedIn",
    "livesIn",
    "bornIn",
    "killed",
    "detained",
    "released",
    "banned",
    "allows",
    "criticized",
    "praised",
    "designated",
    "controls",
    "participatedIn",
    "visited",
    "appointed",
    "sued",
    "metWith",
    "agreementWith",
    "reported",
    "said",
    "uses",
    "defeated",
    "won",
    "creatorOf",
    "performedIn",
    "relatedTo",
    # metadata
    "confidence",
    "extractor",
    "rule",
    "negated",
    "hedged",
    "date",
    "category",
    "text",
    "attributedTo",
    "mentionedIn",
    "mentions",
    "joinedForm",
    "pagerank",
    "community",
)

KGO = ClosedNamespace(KGO_IRI, list(KGO_TERMS))
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
