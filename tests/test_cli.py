"""The command line, through click's CliRunner and, for determinism, real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "taliban-twitter-threads.txt"
GOLD = FIXTURES / "seed.json"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def article_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "article.ttl"
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_help_lists_commands_with_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output and "eval" in result.output
    for command in ("build", "eval"):
        sub = runner.invoke(cli, [command, "--help"])
        assert sub.exit_code == 0
        assert "Example" in sub.output and f"kg {command}" in sub.output


def test_version(runner: CliRunner) -> None:
    from kg import __version__

    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from kg.cli import cli; "
        "print(sorted({'spacy', 'rdflib', 'networkx'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_build_writes_turtle_and_summary(article_ttl: Path) -> None:
    g = rdflib.Graph().parse(article_ttl, format="turtle")
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert "Anas Haqqani" in labels
    statements = set(g.subjects(rdflib.RDF.type, rdflib.RDF.Statement))
    assert statements, "relations carry rdf:Statement provenance"
    prov = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert all(g.value(s, prov) is not None for s in statements)


def test_build_summary_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "a.ttl"
    result = runner.invoke(cli, ["build", str(ARTICLE), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 document," in result.stderr and "relations" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [("nt", "nt"), ("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld"), ("xml", "xml")],
)
def test_build_rdf_formats_parse_to_the_same_triples(
    runner: CliRunner, tmp_path: Path, article_ttl: Path, fmt: str, parser: str
) -> None:
    out = tmp_path / f"a.{fmt}"
    result = runner.invoke(cli, ["build", str(ARTICLE), "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ds = rdflib.Dataset()
    ds.parse(out, format=parser)
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    expected = set(rdflib.Graph().parse(article_ttl, format="turtle"))
    assert triples == expected


def test_build_jsonl_follows_the_contract(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", str(ARTICLE), "-q", "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        assert list(row)[:7] == [
            "doc",
            "predicate",
            "subject",
            "object",
            "sentence",
            "confidence",
            "extractor",
        ]
        for end in ("subject", "object"):
            arg = row[end]
            assert set(arg) >= {"id", "label", "type", "text", "start", "end"}
            text = ARTICLE.read_text(encoding="utf-8")
            assert text[arg["start"] : arg["end"]] == arg["text"]


def test_build_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["build", "-", "-q", "-f", "jsonl"], input="Acme Corp banned Bob Smith.\n"
    )
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout.splitlines()[0])
    assert (row["doc"], row["predicate"]) == ("stdin", "banned")
    assert row["subject"]["label"] == "Acme Corp"


def test_build_is_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", str(ARTICLE), "-q", "-o", str(out)],
            env=env,
            check=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_missing_input_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error:")
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_format_is_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", str(ARTICLE), "--format", "docx"])
    assert result.exit_code == 2
    assert "docx" in result.stderr


def test_failed_build_leaves_previous_output_intact(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "keep.ttl"
    out.write_text("previous graph\n")
    result = runner.invoke(cli, ["build", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text() == "previous graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.ttl"]


def test_unwritable_output_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(ARTICLE), "-o", str(tmp_path / "no" / "x.ttl")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_bad_base_iri_is_rejected(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", str(ARTICLE), "--base", "not an iri"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_eval_on_the_fixture_meets_the_foundation_bar(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["eval", str(GOLD), str(ARTICLE), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["f1_required"] >= 0.5
    assert report["entities_split"] == 0


def test_eval_reads_a_built_graph(runner: CliRunner, article_ttl: Path) -> None:
    built = runner.invoke(cli, ["eval", str(GOLD), str(ARTICLE), "--json"])
    read = runner.invoke(cli, ["eval", str(GOLD), str(article_ttl), "--json"])
    assert read.exit_code == 0
    assert json.loads(read.stdout) == json.loads(built.stdout)


def test_eval_agrees_with_reference_scorer(runner: CliRunner, article_ttl: Path) -> None:
    scorer = SHARED / "tools" / "kgscore.py"
    if not scorer.exists():
        pytest.skip("../shared/tools/kgscore.py is not present")
    gold = SHARED / "gold" / "seed.json"
    ref = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(article_ttl), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    ours = runner.invoke(cli, ["eval", str(gold), str(article_ttl), "--json"])
    assert ours.exit_code == 0
    figures = json.loads(ours.stdout)
    assert figures.pop("junk_entity_nodes") == 0  # kg's own figures, after the reference's
    right, wrong, missing = (
        figures.pop(k) for k in ("quotes_right", "quotes_wrong", "quotes_missing")
    )
    assert f"{right}/{right + wrong + missing}" == figures["quotes_attributed"]
    assert figures == json.loads(ref.stdout)


def test_eval_malformed_gold(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [}')
    result = runner.invoke(cli, ["eval", str(bad), str(ARTICLE)])
    assert result.exit_code == 1
    assert "bad.json" in result.stderr
    assert "Traceback" not in result.output


def test_open_relations_can_be_left_out(runner: CliRunner) -> None:
    text = "Acme Corp sponsored Zenith Motors last year.\n"
    kept = runner.invoke(cli, ["build", "-", "-q", "-f", "jsonl", "--no-cache"], input=text)
    dropped = runner.invoke(
        cli, ["build", "-", "-q", "-f", "jsonl", "--no-cache", "--no-open-relations"], input=text
    )
    assert kept.exit_code == 0 and dropped.exit_code == 0
    rows = [json.loads(line) for line in kept.stdout.splitlines()]
    assert [(r["predicate"], r.get("open")) for r in rows] == [("sponsor", True)]
    assert dropped.stdout == ""
