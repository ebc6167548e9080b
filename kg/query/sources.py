"""Where the analysis commands read a graph from: an RDF file, an Oxigraph store directory
(``kg build --store``) or a SPARQL endpoint URL.

A store is read whole (its quads, term by term; its default graph without the copies of the
named graphs' triples it holds for SPARQL); an endpoint is asked for every triple of its
default graph and named graphs with one CONSTRUCT query (N-Triples over HTTP, with a timeout).
Either way the commands get the same rdflib Dataset as from a file of the same graph.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GraphError, InputError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

#: Everything an endpoint holds, whatever its graph.
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def load(source: str | Path, timeout: float = 60.0) -> Dataset:
    """The graph of ``source``: a file (:func:`kg.graph.graphio.load`), a store directory or an
    endpoint URL."""
    text = str(source)
    if is_url(text):
        return _from_endpoint(text, timeout)
    path = Path(source)
    if path.is_dir():
        from kg.graph.graphio import oxigraph_to_rdflib
        from kg.query.store import open_store

        store = open_store(path)
        try:
            return oxigraph_to_rdflib(_as_built(store))
        finally:
            del store
    from kg.graph.graphio import load as load_file

    return load_file(path)


def _as_built(store: Any) -> list[Any]:
    """The quads of a store as ``kg build`` wrote them: the store's default graph also holds
    every triple of the named graphs (for SPARQL without GRAPH, see :mod:`kg.query.store`), which
    are left out of it here, so that an export of the store is the export of the graph."""
    import pyoxigraph as ox

    quads = list(store)
    named = {
        (q.subject, q.predicate, q.object)
        for q in quads
        if not isinstance(q.graph_name, ox.DefaultGraph)
    }
    return [
        q
        for q in quads
        if not isinstance(q.graph_name, ox.DefaultGraph)
        or (q.subject, q.predicate, q.object) not in named
    ]


def load_graph(source: str | Path) -> Graph:
    """The union graph of ``source`` (see :func:`load`)."""
    from kg.graph.graphio import union

    return union(load(source))


def _from_endpoint(url: str, timeout: float) -> Dataset:
    import urllib3
    from rdflib import Dataset

    http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=10.0, read=timeout), retries=False)
    try:
        response = http.request(
            "POST",
            url,
            body=ALL_TRIPLES.encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/n-triples",
            },
            preload_content=True,
        )
    except urllib3.exceptions.HTTPError as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(f"cannot query {url}: {reason}; check the endpoint's address") from None
    if response.status != 200:
        raise InputError(f"cannot query {url}: HTTP {response.status}; is it a SPARQL endpoint?")
    ds = Dataset()
    try:
        ds.parse(data=response.data.decode("utf-8"), format="nt")
    except Exception as exc:  # rdflib raises many kinds; all mean "not N-Triples"
        raise GraphError(f"{url} answered something that is not N-Triples: {exc}") from None
    return ds
