"""kg.analysis.plot: static pictures of the graph (SVG, PNG) and the analysis charts,
deterministic."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from rdflib import Graph

from kg.analysis import plot
from kg.analysis.netx import to_networkx
from kg.errors import UsageError
from kg.graph.rdf import to_graph

sys.path.insert(0, str(Path(__file__).parent))
from test_explorer import facts_kg  # noqa: E402


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph(facts_kg())


def test_svg_is_valid_and_deterministic(graph: Graph) -> None:
    svg = plot.draw_graph(graph, "svg", "Acme")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert b"<dc:date>" not in svg  # no timestamp
    assert svg == plot.draw_graph(graph, "svg", "Acme")
    # 5 arrows (facts) drawn as patches, 7 entity markers in one collection
    assert svg.count(b'id="patch_') >= 5 and svg.count(b"<use ") >= 7


def test_png_is_an_image_of_the_graph(graph: Graph) -> None:
    png = plot.draw_graph(graph, "png", "Acme")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width >= 600 and image.height >= 600
    assert png == plot.draw_graph(graph, "png", "Acme")
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    # the type colours of the legend are there: Person, Organization, Place
    for hexcode in ("#4e79a7", "#f28e2b", "#59a14f"):
        rgb = tuple(int(hexcode[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, hexcode


def test_unknown_format_is_a_usage_error(graph: Graph) -> None:
    with pytest.raises(UsageError, match="svg, png"):
        plot.draw_graph(graph, "gif")


def test_empty_graph_draws() -> None:
    assert plot.draw_graph(Graph(), "png").startswith(b"\x89PNG")


def test_charts_are_pngs(graph: Graph) -> None:
    G = to_networkx(graph)
    assert set(plot.CHARTS) == {"degree-distribution.png", "community-sizes.png"}
    for chart in plot.CHARTS.values():
        data = chart(G)
        assert Image.open(io.BytesIO(data)).size == (960, 600)
        assert data == chart(G)


def test_svg_same_bytes_across_processes(tmp_path: Path, graph: Graph) -> None:
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    code = (
        "import sys; from kg.graph.graphio import load_graph; "
        "from kg.analysis.plot import draw_graph; "
        "sys.stdout.buffer.write(draw_graph(load_graph(sys.argv[1]), 'svg', 'Acme'))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] == plot.draw_graph(graph, "svg", "Acme")


def test_analyze_plot_writes_the_charts(tmp_path: Path, graph: Graph) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    out = tmp_path / "charts" / "new"
    result = CliRunner().invoke(cli, ["analyze", str(path), "--json", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(plot.CHARTS)
    for name in plot.CHARTS:
        assert (out / name).read_bytes() == plot.CHARTS[name](to_networkx(graph))
    blocked = tmp_path / "file"
    blocked.write_text("")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--plot", str(blocked / "x")])
    assert result.exit_code == 1 and "choose another --plot" in result.output


@pytest.mark.parametrize("fmt", plot.PICTURE_FORMATS)
def test_kg_export_draws_pictures(tmp_path: Path, graph: Graph, fmt: str) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    source = tmp_path / "acme.ttl"
    graph.serialize(source, format="turtle")
    out = tmp_path / f"acme.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == plot.draw_graph(graph, fmt, "acme")
