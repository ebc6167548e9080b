"""The embedded on-disk store: an Oxigraph database that accumulates documents across builds.

Layout (what ``kg query --store``, ``kg serve --store`` and a dump of the store see):

- each document's facts in the named graph of its document IRI, exactly as
  :func:`kg.graph.rdf.to_dataset` writes them;
- the default graph is the RDF merge of the whole dataset: the entity descriptions and
  open-property declarations, plus every triple of every named graph (a set: a fact stated by
  two documents is there once), so that plain SPARQL without ``GRAPH`` sees everything.

Adding a build is one transaction (all of it or nothing, even if the process is killed):

- a re-built document REPLACES its named graph (dropped, then loaded): nothing is duplicated,
  and its old facts leave the default graph unless another document states them too;
- entity descriptions merge, with one rule for the single-valued ones: the latest build that
  describes an entity sets its ``rdf:type`` and ``rdfs:label`` (the previous ones are removed);
  ``skos:altLabel`` and ``owl:sameAs`` accumulate; ``kgo:mentionedIn`` is replaced per re-built
  document; an entity no document mentions any more, and an open property no document uses
  any more, is removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import GraphError, InputError, OutputError
from kg.graph.model import CORE_TYPES, KnowledgeGraph
from kg.query.sparql_results import PREFIXES

KGO = PREFIXES["kgo"]
KGX = PREFIXES["kgx"]
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
MENTIONED_IN = KGO + "mentionedIn"


@dataclass(frozen=True)
class StoreSummary:
    """What a store holds: documents (named graphs) and quads."""

    documents: int
    quads: int


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a directory holding an Oxigraph (RocksDB) database."""
    return (Path(path) / "CURRENT").is_file()


def open_store(path: str | Path, *, create: bool = False) -> Any:
    """Open the on-disk store at ``path`` (created when ``create`` and missing).

    A store another process has open (a running ``kg build --store`` or ``kg serve --store``)
    is locked: that is an :class:`InputError` saying so, not a wait.
    """
    import pyoxigraph as ox

    p = Path(path)
    if create:
        if p.exists() and not p.is_dir():
            raise OutputError(f"--store {p}: exists and is not a directory; choose another path")
        if p.is_dir() and any(p.iterdir()) and not is_store(p):
            raise OutputError(
                f"--store {p}: the directory is not empty and not a kg store; "
                "give a new or empty directory"
            )
    elif not is_store(p):
        raise InputError(f"no store at {p}: create one with 'kg build ARTICLE... --store {p}'")
    try:
        return ox.Store(str(p))
    except OSError as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise InputError(
                f"store {p} is locked by another process (a running 'kg build --store' or "
                "'kg serve --store'?): wait for it to finish or stop it"
            ) from None
        raise InputError(f"cannot open store {p}: {message.splitlines()[0]}") from None


def summary(store: Any) -> StoreSummary:
    """How many documents (named graphs) and quads ``store`` holds."""
    return StoreSummary(sum(1 for _ in store.named_graphs()), len(store))


def add_graph(store: Any, kg: KnowledgeGraph, base: str) -> StoreSummary:
    """Add the documents of ``kg`` to ``store``, replacing those already there (one transaction)."""
    from kg.export.exporters import _quiet_rdflib
    from kg.graph.rdf import to_dataset

    with _quiet_rdflib():
        nquads = to_dataset(kg, base).serialize(format="nquads", encoding="utf-8")
    quads = _parse_nquads(nquads)
    try:
        store.update(replace_update(quads))
    except OSError as exc:
        raise OutputError(f"cannot write to the store: {str(exc).splitlines()[0]}") from None
    return summary(store)


def load_nquads(store: Any, data: bytes) -> StoreSummary:
    """Add an N-Quads dataset to ``store`` under the same rules as :func:`add_graph`."""
    store.update(replace_update(_parse_nquads(data)))
    return summary(store)


def _parse_nquads(data: bytes) -> list[Any]:
    import pyoxigraph as ox

    from kg.graph.graphio import MAX_TERM_BYTES

    try:
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except MemoryError:
        raise GraphError(
            f"a literal or IRI is over {MAX_TERM_BYTES >> 20} MiB: more than the store takes"
        ) from None


def replace_update(quads: list[Any]) -> str:
    """The SPARQL Update that adds ``quads`` (a kg dataset) to a store under the rules above."""
    import pyoxigraph as ox

    docs = sorted({str(q.graph_name) for q in quads if isinstance(q.graph_name, ox.NamedNode)})
    default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    described = sorted(
        {str(q.subject) for q in default if q.predicate.value in (RDF_TYPE, RDFS_LABEL)}
    )
    entity_classes = ", ".join(f"<{KGO}{t}>" for t in CORE_TYPES)
    ops: list[str] = []
    if docs:
        values = " ".join(docs)
        listed = ", ".join(docs)
        # the old facts of the re-built documents leave the merge unless another graph has them
        ops.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?d {{ {values} }} GRAPH ?d {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({listed})) }} }}"
        )
        ops.extend(f"DROP SILENT GRAPH {d}" for d in docs)
        ops.append(
            f"DELETE {{ ?e <{MENTIONED_IN}> ?d }} WHERE {{ VALUES ?d {{ {values} }} "
            f"?e <{MENTIONED_IN}> ?d }}"
        )
    if described:
        values = " ".join(described)
        ops.append(
            f"DELETE {{ ?e <{RDF_TYPE}> ?t }} WHERE {{ VALUES ?e {{ {values} }} "
            f"?e <{RDF_TYPE}> ?t }}"
        )
        ops.append(
            f"DELETE {{ ?e <{RDFS_LABEL}> ?l }} WHERE {{ VALUES ?e {{ {values} }} "
            f"?e <{RDFS_LABEL}> ?l }}"
        )
    if quads:
        body = "\n".join(_quad_data(q) for q in quads)
        ops.append("INSERT DATA {\n" + body + "\n}")
    # entities no document mentions any more (and not described by this build)
    keep = f"FILTER(?e NOT IN ({', '.join(described)}))" if described else ""
    ops.append(
        f"DELETE {{ ?e ?p ?o }} WHERE {{ ?e <{RDF_TYPE}> ?c FILTER(?c IN ({entity_classes})) "
        f"{keep} FILTER NOT EXISTS {{ ?e <{MENTIONED_IN}> ?any }} "
        f"?e ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?e ?p ?o }} }} }}"
    )
    # open properties no document uses any more
    ops.append(
        f"DELETE {{ ?p ?q ?v }} WHERE {{ ?p <{PREFIXES['rdfs']}subPropertyOf> <{KGO}relatedTo> "
        f'FILTER(STRSTARTS(STR(?p), "{KGX}")) '
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?st <{PREFIXES['rdf']}predicate> ?p }} }} "
        f"?p ?q ?v }}"
    )
    return " ;\n".join(ops)


def _quad_data(quad: Any) -> str:
    import pyoxigraph as ox

    triple = f"{quad.subject} {quad.predicate} {quad.object} ."
    if isinstance(quad.graph_name, ox.DefaultGraph):
        return triple
    return f"GRAPH {quad.graph_name} {{ {triple} }}\n{triple}"  # and in the merge
