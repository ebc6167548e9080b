"""kg export: RDF re-serialisation and the network formats (GraphML, GEXF, DOT, CSV), read back
with networkx, pydot and the csv module; deterministic across processes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.analysis.netx import to_networkx
from kg.cli import cli
from kg.errors import OutputError, UsageError
from kg.export import convert
from kg.export import network as netexport
from kg.export.exporters import rdf_bytes
from kg.graph.graphio import load
from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence
from kg.graph.rdf import DEFAULT_BASE, to_dataset, to_graph
from kg.io import atomic

TESTS = Path(__file__).resolve().parent
#: kg format -> (file extension, rdflib parser)
RDF = {
    "ttl": ("ttl", "turtle"),
    "nt": ("nt", "nt"),
    "nq": ("nq", "nquads"),
    "trig": ("trig", "trig"),
    "jsonld": ("jsonld", "json-ld"),
    "xml": ("rdf", "xml"),
}
QUADS = ("nq", "trig")
E = DEFAULT_BASE + "entity/"

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's quad parsers


def _sentences(doc_id: str, text: str) -> list[Sentence]:
    out, start = [], 0
    for part in text.split("\n"):
        out.append(Sentence(doc_id, start, start + len(part), part))
        start += len(part) + 1
    return out


def _m(s: Sentence, text: str, type_: str, entity: str) -> Mention:
    begin = s.start + s.text.index(text)
    return Mention(s.doc_id, begin, begin + len(text), text, type_, entity=entity)


def make_kg() -> KnowledgeGraph:
    """Two documents; names with quotes, a backslash and non-ASCII letters; inventory, open,
    negated and parallel relations (two predicates between one pair); a quotation."""
    t1 = (
        'Acme "Rockets" Corp hired Zoë Müller in Paris.\n'
        'Zoë Müller leads Acme "Rockets" Corp and visited Paris.\n'
        "Bob O'Neil did not meet Zoë Müller.\n"
        'Back\\Slash Ltd quietly merged with Acme "Rockets" Corp.'
    )
    t2 = 'Zoë Müller said "rockets are safe" and praised Back\\Slash Ltd.'
    d1, d2 = Document("a1", t1, title="Acme hires"), Document("feeds/b2.txt", t2)
    s1, s2 = _sentences("a1", t1), _sentences("feeds/b2.txt", t2)
    per, org, place = "Person", "Organization", "Place"
    acme, zoe, bob, back, paris = (
        "acme-rockets-corp",
        "zoë-müller",
        "bob-o-neil",
        "backslash",
        "paris",
    )
    relations = (
        Relation(
            _m(s1[0], "Zoë Müller", per, zoe),
            "worksFor",
            _m(s1[0], 'Acme "Rockets" Corp', org, acme),
            s1[0],
            "dependency.v1",
            0.8,
        ),
        Relation(
            _m(s1[1], "Zoë Müller", per, zoe),
            "leaderOf",
            _m(s1[1], 'Acme "Rockets" Corp', org, acme),
            s1[1],
            "dependency.v1",
            0.9,
        ),
        Relation(
            _m(s1[1], "Zoë Müller", per, zoe),
            "visited",
            _m(s1[1], "Paris", place, paris),
            s1[1],
            "dependency.v1",
            0.7,
            hedged=True,
        ),
        Relation(
            _m(s1[2], "Bob O'Neil", per, bob),
            "metWith",
            _m(s1[2], "Zoë Müller", per, zoe),
            s1[2],
            "dependency.v1",
            0.6,
            negated=True,
        ),
        Relation(
            _m(s1[3], "Back\\Slash Ltd", org, back),
            "merge",
            _m(s1[3], 'Acme "Rockets" Corp', org, acme),
            s1[3],
            "dependency.v1",
            0.45,
            open=True,
        ),
        Relation(
            _m(s2[0], "Zoë Müller", per, zoe),
            "praised",
            _m(s2[0], "Back\\Slash Ltd", org, back),
            s2[0],
            "dependency.v1",
            0.75,
        ),
    )
    q_start = t2.index("rockets are")
    quotation = Quotation(
        d2.id,
        q_start,
        q_start + len("rockets are safe"),
        "rockets are safe",
        s2[0],
        _m(s2[0], "Zoë Müller", per, zoe),
    )
    entities = (
        Entity(acme, 'Acme "Rockets" Corp', org, aliases=("Acme",), documents=("a1",)),
        Entity(zoe, "Zoë Müller", per, aliases=("Müller",), documents=("a1", "feeds/b2.txt")),
        Entity(bob, "Bob O'Neil", per, documents=("a1",)),
        Entity(back, "Back\\Slash Ltd", org, documents=("a1", "feeds/b2.txt")),
        Entity(
            paris,
            "Paris",
            place,
            documents=("a1",),
            same_as=("http://www.wikidata.org/entity/Q90",),
        ),
    )
    return KnowledgeGraph(
        documents=(d1, d2), entities=entities, relations=relations, quotations=(quotation,)
    )


def write_exports(directory: Path, kg: KnowledgeGraph | None = None) -> dict[str, Path]:
    """The graph written by kg's own exporters, one file per RDF format."""
    kg = kg or make_kg()
    paths = {}
    for fmt, (ext, _) in RDF.items():
        source = to_dataset(kg) if fmt in QUADS else to_graph(kg)
        path = directory / f"g.{ext}"
        path.write_bytes(rdf_bytes(source, fmt))
        paths[fmt] = path
    return paths


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_exports(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return to_networkx(to_graph(make_kg()))


# --------------------------------------------------------------------------------------------
# RDF


@pytest.mark.parametrize("source", sorted(RDF))
@pytest.mark.parametrize("target", sorted(RDF))
def test_rdf_reexport_is_isomorphic(exports: dict[str, Path], source: str, target: str) -> None:
    data = convert.rdf_export(load(exports[source]), target)
    parsed = Dataset()
    parsed.parse(data=data, format=RDF[target][1])
    union = Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, to_graph(make_kg()))
    if source in QUADS and target in QUADS:  # named graphs survive, graph by graph
        for context in to_dataset(make_kg()).graphs():
            assert isomorphic(parsed.graph(context.identifier), context), context.identifier


@pytest.mark.parametrize("fmt", sorted(RDF))
def test_rdf_reexport_gives_the_bytes_kg_build_writes(exports: dict[str, Path], fmt: str) -> None:
    original = exports[fmt].read_bytes()
    assert convert.rdf_export(load(exports[fmt]), fmt) == original
    if fmt not in QUADS:  # a union graph gives the same bytes from any input format
        for source in ("nq", "trig", "ttl"):
            assert convert.rdf_export(load(exports[source]), fmt) == original, source
    else:  # and the quad formats give each other's graphs
        other = "trig" if fmt == "nq" else "nq"
        assert convert.rdf_export(load(exports[other]), fmt) == original


def test_triples_input_goes_to_the_default_graph(exports: dict[str, Path]) -> None:
    data = convert.rdf_export(load(exports["ttl"]), "nq")
    parsed = Dataset()
    parsed.parse(data=data, format="nquads")
    (graph,) = parsed.graphs()  # the default graph only, with every triple
    assert len(graph) == len(to_graph(make_kg()))


def test_other_prefixes_of_the_input_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text(
        "@prefix ex: <http://example.com/ns#> .\n"
        "@prefix kgo: <https://w3id.org/kg/ontology#> .\n"
        "ex:a ex:p kgo:Person .\n",
        encoding="utf-8",
    )
    text = convert.rdf_export(load(path), "ttl").decode("utf-8")
    assert "@prefix ex: <http://example.com/ns#> ." in text
    assert "ex:a ex:p kgo:Person ." in text
    assert "@prefix brick:" not in text  # rdflib's own bindings are not carried over


def test_unknown_rdf_format() -> None:
    with pytest.raises(UsageError, match="unknown RDF format"):
        convert.rdf_export(Dataset(), "rdfa")


# --------------------------------------------------------------------------------------------
# Network formats


def _edges(graph: nx.MultiDiGraph, drop: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    out = []
    for u, v, data in graph.edges(data=True):
        kept = {k: val for k, val in data.items() if k not in drop}
        out.append((u, v, json.dumps(kept, sort_keys=True)))
    return sorted(out)


def test_entity_graph_has_what_the_formats_carry(G: nx.MultiDiGraph) -> None:
    assert len(G) == 5
    # five direct relations: the negated one has no direct triple
    assert G.number_of_edges() == 5
    assert set(G[E + "zoë-müller"][E + "acme-rockets-corp"]) == {"worksFor", "leaderOf"}
    merge = G.edges[E + "backslash", E + "acme-rockets-corp", "merge"]
    assert merge["open"] is True and merge["confidence"] == 0.45
    assert G.nodes[E + "paris"]["same_as"] == "http://www.wikidata.org/entity/Q90"


def test_graphml_loads_back_in_networkx(G: nx.MultiDiGraph) -> None:
    data = netexport.graphml_bytes(G)
    H = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert _edges(H) == _edges(G)
    assert all(isinstance(d["open"], bool) for _, _, d in H.edges(data=True))
    assert all(isinstance(d["confidence"], float) for _, _, d in H.edges(data=True))
    ids = [key for _, _, key in H.edges(keys=True)]
    assert len(ids) == len(set(ids)) == G.number_of_edges()  # unique edge ids (Gephi merges dups)
    text = data.decode("utf-8")
    assert '<key id="label" for="node" attr.name="label" attr.type="string"' in text


def test_gexf_loads_back_in_networkx(G: nx.MultiDiGraph) -> None:
    data = netexport.gexf_bytes(G)
    H = nx.read_gexf(io.BytesIO(data))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert _edges(H, drop=("id",)) == _edges(G)
    text = data.decode("utf-8")
    assert "lastmodifieddate" not in text  # networkx writes today's date: not reproducible
    assert 'xmlns="http://www.gexf.net/1.2draft"' in text


def test_gexf_keeps_line_breaks_in_attributes() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", type="Person", aliases="", same_as="")
    G.add_node("b", label="B", type="Person", aliases="", same_as="")
    G.add_edge("a", "b", key="p", predicate="p", sentences="one.\ntwo.", open=False)
    H = nx.read_gexf(io.BytesIO(netexport.gexf_bytes(G)))
    assert H.edges["a", "b"]["sentences"] == "one.\ntwo."


TRICKY = ["plain", 'say "hi"', "back\\slash", "ends\\", "two\nlines", "x\r\ny", "Zoë", ""]


def _dot_unquote(token: str) -> str:
    """A DOT quoted string read as Graphviz reads labels (escString: \\\\ \\" \\n)."""
    assert token[0] == token[-1] == '"', token
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append({"\\": "\\", '"': '"', "n": "\n"}.get(body[i + 1], "\\" + body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _nodes(parsed: object) -> list[object]:
    """pydot's node statements, without its ``graph``/``node``/``edge`` default statements."""
    defaults = {"graph", "node", "edge"}
    return [n for n in parsed.get_nodes() if n.get_name() not in defaults]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", TRICKY)
def test_dot_id_round_trips(text: str) -> None:
    quoted = netexport.dot_id(text)
    assert "\n" not in quoted and "\r" not in quoted
    assert _dot_unquote(quoted) == text.replace("\r\n", "\n")


def test_dot_parses_with_pydot_and_keeps_every_attribute(G: nx.MultiDiGraph) -> None:
    import pydot

    text = netexport.dot_bytes(G).decode("utf-8")
    (parsed,) = pydot.graph_from_dot_data(text)
    assert parsed.get_type() == "digraph"
    nodes = {_dot_unquote(n.get_name()): n for n in _nodes(parsed)}
    assert set(nodes) == set(G.nodes)
    for node, data in G.nodes(data=True):
        attrs = nodes[node].get_attributes()
        for name, value in data.items():
            assert _dot_unquote(attrs[name]) == value, (node, name)
    read = [
        (
            _dot_unquote(e.get_source()),
            _dot_unquote(e.get_destination()),
            {k: _dot_unquote(v) for k, v in e.get_attributes().items()},
        )
        for e in parsed.get_edges()
    ]
    edges = sorted(read, key=lambda e: (e[0], e[1], e[2]["key"]))
    expected = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    assert len(edges) == len(expected)
    for (u, v, attrs), (eu, ev, key, data) in zip(edges, expected, strict=True):
        assert (u, v, attrs["key"], attrs["predicate"]) == (eu, ev, key, data["predicate"])
        assert attrs["open"] == ("true" if data["open"] else "false")
        assert float(attrs["confidence"]) == data["confidence"]
        assert attrs["sentences"] == data["sentences"] and attrs["documents"] == data["documents"]
        assert (attrs.get("style") == "dashed") == data["open"]


def test_dot_with_tricky_names_parses(tmp_path: Path) -> None:
    import pydot

    G = nx.MultiDiGraph()
    for i, text in enumerate(TRICKY):
        G.add_node(f"n{i}\\{text}", label=text, type="Person")
    G.add_edge(f"n1\\{TRICKY[1]}", f"n3\\{TRICKY[3]}", key="p", predicate="p", open=False)
    data = netexport.dot_bytes(G)
    (parsed,) = pydot.graph_from_dot_data(data.decode("utf-8"))
    names = {_dot_unquote(n.get_name()) for n in _nodes(parsed)}
    assert names == {n.replace("\r\n", "\n") for n in G.nodes}
    (edge,) = parsed.get_edges()
    assert _dot_unquote(edge.get_destination()) == "n3\\ends\\"
    if shutil.which("dot"):  # Graphviz itself, when installed
        path = tmp_path / "g.dot"
        path.write_bytes(data)
        done = subprocess.run(
            ["dot", "-Tcanon", str(path)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "warning" not in done.stderr.lower()


def _read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_round_trip(G: nx.MultiDiGraph) -> None:
    tables = netexport.csv_tables(G)
    assert set(tables) == {"nodes.csv", "edges.csv"}
    nodes = _read_csv(tables["nodes.csv"])
    assert list(nodes[0]) == list(netexport.NODE_FIELDS)
    assert {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in nodes} == dict(
        G.nodes(data=True)
    )
    edges = _read_csv(tables["edges.csv"])
    assert list(edges[0]) == list(netexport.EDGE_FIELDS)
    back = sorted(
        (
            r["source"],
            r["target"],
            r["predicate"],
            r["open"] == "true",
            float(r["confidence"]),
            r["sentences"],
            r["documents"],
        )
        for r in edges
    )
    expected = sorted(
        (u, v, d["predicate"], d["open"], d["confidence"], d["sentences"], d["documents"])
        for u, v, d in G.edges(data=True)
    )
    assert back == expected
    assert {r["open"] for r in edges} == {"true", "false"}


def test_csv_neo4j_headers(G: nx.MultiDiGraph) -> None:
    tables = netexport.csv_tables(G, "neo4j")
    plain = netexport.csv_tables(G)
    node_lines = tables["nodes.csv"].decode("utf-8").split("\n", 1)
    edge_lines = tables["edges.csv"].decode("utf-8").split("\n", 1)
    assert node_lines[0] == "id:ID,label,:LABEL,aliases:string[],same_as:string[]"
    assert edge_lines[0] == (
        ":START_ID,:END_ID,:TYPE,open:boolean,confidence:float,sentences,documents:string[]"
    )
    # same rows as the plain style, only the headers differ
    assert node_lines[1] == plain["nodes.csv"].decode("utf-8").split("\n", 1)[1]
    assert edge_lines[1] == plain["edges.csv"].decode("utf-8").split("\n", 1)[1]
    with pytest.raises(UsageError, match="unknown CSV style"):
        netexport.csv_tables(G, "excel")


# --------------------------------------------------------------------------------------------
# Writing a folder


def test_write_folder_new_and_existing(tmp_path: Path) -> None:
    target = tmp_path / "tables"
    atomic.write_folder(target, {"nodes.csv": b"a\n", "edges.csv": b"b\n"})
    assert sorted(p.name for p in target.iterdir()) == ["edges.csv", "nodes.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["tables"]  # no temporary folder left
    (target / "README").write_text("mine")
    atomic.write_folder(target, {"nodes.csv": b"c\n", "edges.csv": b"d\n"})
    assert (target / "nodes.csv").read_bytes() == b"c\n"
    assert (target / "README").read_text() == "mine"  # other files are left alone
    assert sorted(p.name for p in target.iterdir()) == ["README", "edges.csv", "nodes.csv"]


def test_write_folder_errors(tmp_path: Path) -> None:
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        atomic.write_folder(afile, {"nodes.csv": b""})
    with pytest.raises(OutputError, match="does not exist"):
        atomic.write_folder(tmp_path / "no" / "such", {"nodes.csv": b""})


# --------------------------------------------------------------------------------------------
# Command line


def test_cli_export_every_format(tmp_path: Path, exports: dict[str, Path]) -> None:
    runner = CliRunner()
    graph = str(exports["trig"])
    for fmt, ext in [("graphml", "graphml"), ("gexf", "gexf"), ("dot", "gv"), ("nt", "nt")]:
        out = tmp_path / f"g.{ext}"
        result = runner.invoke(cli, ["export", graph, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        assert f"kg: {fmt}, " in result.stderr and str(out) in result.stderr
    result = runner.invoke(cli, ["export", graph, "--format", "xml", "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout_bytes == exports["xml"].read_bytes()


def test_cli_export_csv_folder(tmp_path: Path, exports: dict[str, Path]) -> None:
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["export", str(exports["ttl"]), "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in Path("g-csv").iterdir()) == ["edges.csv", "nodes.csv"]
        result = runner.invoke(
            cli,
            ["export", str(exports["ttl"]), "-f", "csv", "--csv-style", "neo4j", "-o", "neo"],
        )
        assert result.exit_code == 0, result.output
        assert Path("neo/nodes.csv").read_text(encoding="utf-8").startswith("id:ID,")
        assert "csv (neo4j), 5 nodes, 5 edges" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.weird"], "cannot tell the format"),
        ([], "give --format"),
        (["--format", "ttl", "--csv-style", "neo4j"], "--csv-style applies to --format csv"),
    ],
)
def test_cli_export_usage_errors(
    tmp_path: Path, exports: dict[str, Path], args: list[str], message: str
) -> None:
    result = CliRunner().invoke(cli, ["export", str(exports["ttl"]), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_cli_export_without_entities_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.nt"
    path.write_text("<http://x/a> <http://x/p> <http://x/b> .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(path), "-f", "graphml"])
    assert result.exit_code == 1 and "no entities" in result.stderr


def test_cli_export_missing_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "nope.ttl"), "-f", "nt"])
    assert result.exit_code == 1 and "no such graph file" in result.stderr


# --------------------------------------------------------------------------------------------
# Determinism across processes

_DIGESTS = """
import hashlib, json, sys, tempfile, warnings
from pathlib import Path
warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])
import test_convert as t
print(json.dumps(t.digests(Path(tempfile.mkdtemp()))))
"""


def digests(directory: Path) -> dict[str, str]:
    """sha256 of every export format, from every RDF input format."""
    from kg.graph.graphio import union

    paths = write_exports(directory)
    out = {}
    for source, path in paths.items():
        ds = load(path)
        for fmt in RDF:
            out[f"{source}->{fmt}"] = hashlib.sha256(convert.rdf_export(ds, fmt)).hexdigest()
        G = to_networkx(union(ds))
        for fmt in convert.network_formats():
            data = convert.network_export(G, fmt)
            out[f"{source}->{fmt}"] = hashlib.sha256(data).hexdigest()
        for style in netexport.CSV_STYLES:
            for name, data in netexport.csv_tables(G, style).items():
                out[f"{source}->{style}/{name}"] = hashlib.sha256(data).hexdigest()
    return out


def _digests_in_process(seed: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    root = str(TESTS.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", _DIGESTS, str(TESTS)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return dict(json.loads(done.stdout))


def test_every_format_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    one, two = _digests_in_process("1"), _digests_in_process("2")
    assert one == two
    assert len(one) == 6 * (6 + 3 + 4)
    assert digests(tmp_path) == one
    # a network format does not depend on the RDF format it was read from
    for fmt in ("graphml", "gexf", "dot", "plain/nodes.csv", "neo4j/edges.csv"):
        assert len({one[f"{source}->{fmt}"] for source in RDF}) == 1, fmt
