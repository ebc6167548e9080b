"""The per-document results cache: keys, atomic writes, corrupt entries, incremental rebuilds."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
from functools import cache
from pathlib import Path

import pytest

import kg.parallel
from kg import cache as cache_mod
from kg.cache import ResultCache, code_fingerprint, default_cache_dir
from kg.export.exporters import TurtleExporter
from kg.graph.model import Document, KnowledgeGraph
from kg.parallel import Execution
from kg.pipeline import BuildOptions, build_graph, extract
from kg.resolve.document import DocumentEntities

DOCS = [
    Document(id="a", text="Acme Corp banned Bob Smith. He said the ban was unfair."),
    Document(id="b", text="Mary Jones founded Blue River Books in Leeds in 1999."),
    Document(id="c", text="The council fined Acme Corp on Monday, officials said."),
]


def ttl(kg: KnowledgeGraph) -> bytes:
    out = io.BytesIO()
    TurtleExporter().export(kg, out)
    return out.getvalue()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents that are really parsed (not taken from the cache)."""
    parsed: list[str] = []
    real = kg.parallel.process_chunk

    def spy(documents: list[Document], options: BuildOptions) -> object:
        parsed.extend(d.id for d in documents)
        return real(documents, options)

    monkeypatch.setattr(kg.parallel, "process_chunk", spy)
    return parsed


@cache
def result(i: int) -> DocumentEntities:
    """The real result of ``DOCS[i]`` (parsed once per test session)."""
    (out,) = extract([DOCS[i]])
    return out


def entry(tmp_path: Path) -> Path:
    (path,) = (p for p in tmp_path.rglob("*") if p.is_file())
    return path


def test_put_get_roundtrip_and_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = cache.key(DOCS[0], "s")
    assert cache.get(key) is None
    cache.put(key, result(0))
    assert cache.get(key) == result(0)
    assert (cache.hits, cache.misses) == (1, 1)
    assert not list(tmp_path.rglob("*.tmp"))


def test_entries_are_json_data_with_the_same_bytes_each_time(tmp_path: Path) -> None:
    payload = cache_mod.encode(result(0))
    assert payload == cache_mod.encode(result(0))
    assert cache_mod.decode(payload) == result(0)
    ResultCache(tmp_path).put("k" * 64, result(0))
    data = entry(tmp_path).read_bytes()
    assert b"pickle" not in data and data[36:37] == b"{"  # magic, sha256, then JSON


class Payload:
    """What an attacker plants: unpickling it runs code (here: creates a marker file)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_entry_is_never_executed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, counted: list[str]
) -> None:
    cache_dir = tmp_path / "shared-cache"
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Payload(marker))
    cache = ResultCache(cache_dir)
    key = cache.key(DOCS[0], kg.parallel.settings_key(BuildOptions()))
    # the entry where kg reads it, framed as kg frames entries, the checksum recomputed
    path = cache._path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(cache_mod._MAGIC + hashlib.sha256(payload).digest() + payload)
    with caplog.at_level(logging.WARNING, logger="kg"):
        graph = build_graph(DOCS[:1], BuildOptions(), execution=Execution(cache_dir=str(cache_dir)))
    assert not marker.exists()
    assert counted == ["a"]  # parsed again, as if there were no entry
    assert ttl(graph) == ttl(build_graph(DOCS[:1]))
    assert "ignored cache entry" in caplog.text
    assert cache_mod.decode(path.read_bytes()[36:]) is not None  # rewritten as data


@pytest.mark.parametrize(
    "change",
    ["wrong type", "bad index", "missing field", "not the format", "deep", "not utf-8"],
)
def test_an_entry_that_does_not_fit_the_model_is_a_miss(tmp_path: Path, change: str) -> None:
    import json

    data = json.loads(cache_mod.encode(result(0)))
    if change == "wrong type":
        data["tables"][1][0][1] = "0"  # a mention's start as text
    elif change == "bad index":
        data["value"][0][3][0][0] = 10**6  # a relation's subject: no such mention
    elif change == "missing field":
        data["tables"][0][0].pop()
    elif change == "not the format":
        data["format"] = "something else"
    payload = json.dumps(data).encode()
    if change == "deep":
        payload = b"[" * 100_000 + b"]" * 100_000
    elif change == "not utf-8":
        payload = b"\xff\xfe"
    with pytest.raises(ValueError):
        cache_mod.decode(payload)
    cache = ResultCache(tmp_path)
    key = cache.key(DOCS[0], "s")
    path = cache._path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(cache_mod._MAGIC + hashlib.sha256(payload).digest() + payload)
    assert cache.get(key) is None and cache.rejected == 1


def test_key_depends_on_text_id_and_settings_not_on_source(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    doc = DOCS[0]
    key = cache.key(doc, "s")
    assert cache.key(Document(id=doc.id, text=doc.text, source="/elsewhere/a.txt"), "s") == key
    assert cache.key(Document(id="other", text=doc.text), "s") != key
    assert cache.key(Document(id=doc.id, text=doc.text + " "), "s") != key
    assert cache.key(Document(id=doc.id, text=doc.text, title="T"), "s") != key
    assert cache.key(doc, "other settings") != key


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    cache = ResultCache(tmp_path)
    key = cache.key(DOCS[0], "s")
    cache.put(key, result(0))
    path = entry(tmp_path)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        path.write_bytes(data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:])
    elif damage == "garbage":
        path.write_bytes(b"not a cache entry at all")
    else:
        path.write_bytes(b"")
    assert cache.get(key) is None
    cache.put(key, result(1))
    assert cache.get(key) == result(1)


def test_interrupted_write_leaves_no_entry_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ResultCache(tmp_path)
    key = cache.key(DOCS[0], "s")

    def killed(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        cache.put(key, result(0))
    monkeypatch.undo()
    assert cache.get(key) is None
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_unwritable_cache_does_not_stop_a_build(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResultCache(tmp_path)
    cache.root = blocker / "sub"  # cannot be created: writing is skipped
    cache.put(cache.key(DOCS[0], "s"), result(0))
    assert cache.get(cache.key(DOCS[0], "s")) is None


def test_default_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", "/tmp/kg-here")
    assert default_cache_dir() == Path("/tmp/kg-here")
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/xdg")
    assert default_cache_dir() == Path("/tmp/xdg/kg")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "kg"


def test_code_fingerprint_covers_extraction_not_exporters() -> None:
    from kg import cache as cache_mod

    root = Path(cache_mod.__file__).resolve().parent
    files: set[Path] = set()
    todo = [*cache_mod.ROOT_MODULES, "kg.extract.relations"]
    while todo:
        path = cache_mod._module_file(root, todo.pop())
        if path is None or path in files:
            continue
        files.add(path)
        todo.extend(cache_mod._kg_imports(path))
    names = {p.relative_to(root).as_posix() for p in files}
    assert {"resolve/document.py", "pipeline.py", "extract/relations.py", "graph/model.py"} <= names
    assert not names & {"cli.py", "export/exporters.py"}
    assert code_fingerprint() != code_fingerprint(("kg.extract.relations",))


def test_rebuild_parses_nothing_and_adding_one_parses_one(
    tmp_path: Path, counted: list[str]
) -> None:
    execution = Execution(cache_dir=str(tmp_path), chunk_size=2)
    first = ttl(build_graph(DOCS[:2], BuildOptions(), execution=execution))
    assert counted == ["a", "b"]
    again = ttl(build_graph(DOCS[:2], BuildOptions(), execution=execution))
    assert again == first and counted == ["a", "b"]
    grown = ttl(build_graph(DOCS, BuildOptions(), execution=execution))
    assert counted == ["a", "b", "c"]
    assert grown == ttl(build_graph(DOCS))  # same graph as without any cache


def test_cached_result_gets_the_current_document(tmp_path: Path) -> None:
    execution = Execution(cache_dir=str(tmp_path))
    build_graph(DOCS[:1], BuildOptions(), execution=execution)
    moved = Document(id="a", text=DOCS[0].text, source="moved/a.txt")
    kg = build_graph([moved], BuildOptions(), execution=execution)
    assert kg.documents == (moved,)


def test_corrupt_entry_is_rebuilt_in_a_build(tmp_path: Path, counted: list[str]) -> None:
    execution = Execution(cache_dir=str(tmp_path))
    first = ttl(build_graph(DOCS, BuildOptions(), execution=execution))
    victim = sorted(p for p in tmp_path.rglob("*") if p.is_file())[0]
    victim.write_bytes(victim.read_bytes()[:100])
    counted.clear()
    assert ttl(build_graph(DOCS, BuildOptions(), execution=execution)) == first
    assert len(counted) == 1


def test_other_options_do_not_reuse_entries(tmp_path: Path, counted: list[str]) -> None:
    execution = Execution(cache_dir=str(tmp_path))
    build_graph(DOCS[:1], BuildOptions(), execution=execution)
    build_graph(DOCS[:1], BuildOptions(min_confidence=0.9), execution=execution)
    build_graph(DOCS[:1], BuildOptions(extractors=("entities.v1",)), execution=execution)
    assert counted == ["a", "a", "a"]


def test_a_repeated_text_is_parsed_once_with_the_same_graph(
    tmp_path: Path, counted: list[str]
) -> None:
    docs = [*DOCS, Document(id="a-copy", text=DOCS[0].text, source="elsewhere/a.txt")]
    execution = Execution(cache_dir=str(tmp_path), chunk_size=2)
    kg = build_graph(docs, BuildOptions(), execution=execution)
    assert counted == ["a", "b", "c"]
    assert ttl(kg) == ttl(build_graph(docs))  # as if the copy had been parsed
    copy = next(r for r in kg.relations if r.sentence.doc_id == "a-copy")
    assert copy.subject.doc_id == "a-copy"
    assert "a-copy" in next(e for e in kg.entities if e.id == "acme-corp").documents


def test_a_closed_set_is_checked_when_an_entry_is_read() -> None:
    """A mention's kind is one of MentionKind; an entry with another is bad (a miss)."""
    from kg.cache import _decoder
    from kg.graph.model import MentionKind

    check = _decoder(MentionKind)
    assert check("pronoun", {}) == "pronoun"
    with pytest.raises(ValueError):
        check("verb", {})
    with pytest.raises(ValueError):
        check(3, {})


# ------------------------------------------------------------- whole-build outputs (kg build)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for doc in DOCS:
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    return folder


def kg_build(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from kg.cli import cli

    run = CliRunner().invoke(cli, ["build", *args])
    return run.exit_code, run.output


def test_an_unchanged_build_writes_the_same_bytes_without_building(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir, first, again = tmp_path / "cache", tmp_path / "a.ttl", tmp_path / "b.ttl"
    code, said = kg_build(str(corpus), "-o", str(first), "--cache", str(cache_dir))
    assert code == 0, said
    import kg.pipeline

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(kg.pipeline, "build_graph", no_build)
    code, said = kg_build(str(corpus), "-o", str(again), "--cache", str(cache_dir))
    assert code == 0, said
    assert again.read_bytes() == first.read_bytes()
    assert "kg: 3 documents" in said  # the same summary, from the entry


def test_a_changed_document_format_or_option_builds_again(
    tmp_path: Path, corpus: Path, counted: list[str]
) -> None:
    cache_dir = str(tmp_path / "cache")
    assert kg_build(str(corpus), "-o", str(tmp_path / "a.ttl"), "--cache", cache_dir)[0] == 0
    assert kg_build(str(corpus), "-o", str(tmp_path / "a.nt"), "--cache", cache_dir)[0] == 0
    nt = (tmp_path / "a.nt").read_bytes()
    assert nt != (tmp_path / "a.ttl").read_bytes()  # N-Triples, not the Turtle entry
    assert kg_build(str(corpus), "-o", str(tmp_path / "b.nt"), "--cache", cache_dir)[0] == 0
    assert (tmp_path / "b.nt").read_bytes() == nt
    (corpus / "c.txt").write_text("Jo Bloggs joined Acme Corp in Leeds.", encoding="utf-8")
    assert kg_build(str(corpus), "-o", str(tmp_path / "c.nt"), "--cache", cache_dir)[0] == 0
    assert b"Bloggs" in (tmp_path / "c.nt").read_bytes()
    assert counted == ["a", "b", "c", "c"]  # only the changed document parsed again
    code, _ = kg_build(
        str(corpus), "-o", str(tmp_path / "d.nt"), "--cache", cache_dir, "--min-confidence", "0.9"
    )
    assert code == 0 and (tmp_path / "d.nt").read_bytes() != (tmp_path / "c.nt").read_bytes()


def test_a_damaged_output_entry_is_a_miss(tmp_path: Path, corpus: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert kg_build(str(corpus), "-o", str(tmp_path / "a.ttl"), "--cache", str(cache_dir))[0] == 0
    (entry_path,) = (cache_dir / "kg-cache-2" / "outputs").glob("*.out")
    data = entry_path.read_bytes()
    entry_path.write_bytes(data[:-10] + b"<planted> ")
    code, said = kg_build(str(corpus), "-o", str(tmp_path / "b.ttl"), "--cache", str(cache_dir))
    assert code == 0, said
    assert (tmp_path / "b.ttl").read_bytes() == (tmp_path / "a.ttl").read_bytes()
    assert entry_path.read_bytes() == data  # rewritten whole


def test_no_output_entry_without_a_cache_or_for_standard_output(
    tmp_path: Path, corpus: Path
) -> None:
    cache_dir = tmp_path / "cache"
    assert kg_build(str(corpus), "-o", str(tmp_path / "a.ttl"), "--no-cache")[0] == 0
    assert kg_build(str(corpus), "--cache", str(cache_dir))[0] == 0
    assert not (cache_dir / "kg-cache-2" / "outputs").exists()
