"""Large graphs are written by pyoxigraph: the same graph as rdflib writes, same bytes each run."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg.export.exporters as kg_export
from kg.export.exporters import TriGExporter, TurtleExporter, rdf_bytes
from kg.graph.model import KnowledgeGraph
from kg.graph.rdf import to_dataset, to_graph, to_quads
from kg.io.readers import read_documents
from kg.pipeline import build_graph

ARTICLE = Path(__file__).parent / "fixtures" / "taliban-twitter-threads.txt"


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return build_graph(read_documents([str(ARTICLE)]))


def export(
    exporter: type, kg: KnowledgeGraph, threshold: int, monkeypatch: pytest.MonkeyPatch
) -> bytes:
    """``kg`` written by ``exporter``, by pyoxigraph from ``threshold`` statements on."""
    monkeypatch.setattr(kg_export, "OXIGRAPH_MIN_TRIPLES", threshold)
    out = io.BytesIO()
    exporter().export(kg, out)
    return out.getvalue()


def parse_dataset(data: bytes) -> Dataset:
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data, format="trig")
    return ds


def test_to_quads_are_the_dataset_statements(graph: KnowledgeGraph) -> None:
    quads = to_quads(graph)
    expected = set()
    for s, p, o, c in to_dataset(graph).quads((None, None, None, None)):
        gid = getattr(c, "identifier", c)
        expected.add((s, p, o, None if gid == DATASET_DEFAULT_GRAPH_ID else gid))
    assert len(quads) == len(set(quads)) and set(quads) == expected


def test_turtle_by_oxigraph_is_the_same_graph(
    graph: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = export(TurtleExporter, graph, 0, monkeypatch)
    slow = export(TurtleExporter, graph, 10**9, monkeypatch)
    assert fast != slow  # really two writers
    assert fast == export(TurtleExporter, graph, 0, monkeypatch)
    assert fast.startswith(b"@prefix ") and b"@prefix kgo: <https://w3id.org/kg/ontology#>" in fast
    parsed = Graph().parse(data=fast, format="turtle")
    assert isomorphic(parsed, Graph().parse(data=slow, format="turtle"))
    assert isomorphic(parsed, to_graph(graph))


def test_trig_by_oxigraph_keeps_every_named_graph(
    graph: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = parse_dataset(export(TriGExporter, graph, 0, monkeypatch))
    original = to_dataset(graph)
    names = {str(g.identifier) for g in original.graphs()}
    assert {str(g.identifier) for g in fast.graphs()} == names
    for context in original.graphs():
        assert isomorphic(fast.graph(context.identifier), context), context.identifier


def test_rdf_bytes_of_a_loaded_graph_switch_writer_by_size(
    graph: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = to_graph(graph)
    monkeypatch.setattr(kg_export, "OXIGRAPH_MIN_TRIPLES", len(g))
    fast = rdf_bytes(g, "ttl")
    monkeypatch.setattr(kg_export, "OXIGRAPH_MIN_TRIPLES", len(g) + 1)
    slow = rdf_bytes(g, "ttl")
    assert fast != slow
    assert isomorphic(Graph().parse(data=fast, format="turtle"), g)
