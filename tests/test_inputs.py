"""Inputs of a build: unique document IRIs, standard input in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.rdf import document_iri
from kg.readers import read_documents, sniff_kind

STORY = "The harbour board of Lindqvist approved a new ferry route on Friday.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def build(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", *args, "--no-cache"], input=stdin)
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- ids


def test_ids_are_unique_by_iri_within_a_build(tmp_path: Path) -> None:
    write(tmp_path / "sub-a.txt", "First story.")
    write(tmp_path / "sub" / "a.txt", "Second story.")
    write(tmp_path / "Sub A.md", "Third story.")
    docs = list(read_documents([str(tmp_path)]))
    iris = [document_iri(d.id) for d in docs]
    assert len(set(iris)) == 3
    assert [d.id for d in docs] == ["Sub A", "sub/a-2", "sub-a-3"]


def test_two_files_of_the_same_iri_keep_their_facts_apart(tmp_path: Path) -> None:
    write(tmp_path / "sub-a.txt", "First story.")
    write(tmp_path / "sub" / "a.txt", "Second story.")
    code, out, err = build(str(tmp_path), "-q", "-f", "trig")
    assert code == 0, err
    ds = rdflib.Dataset()
    ds.parse(data=out, format="trig")
    texts = {str(o) for _s, _p, o, _g in ds.quads((None, rdflib.URIRef(_NIF + "isString"), None))}
    assert texts == {"First story.", "Second story."}


_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


# --------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"id": "x", "text": "Hi."}\n{"text": "Two."}\n', "jsonl"),
        (b"<!doctype html><html><body><p>Hi.</p></body></html>", "html"),
        (b"  <p>Just a paragraph.</p>", "html"),
        (b"# A heading\n\nBody.", "md"),
        (b"Plain words { not json }.", "txt"),
        (b"{not json at all}\n", "txt"),
        (b"\xef\xbb\xbf<html><p>x</p>", "html"),
    ],
)
def test_sniff_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_jsonl_on_stdin_is_read_as_records() -> None:
    lines = [
        {"id": "n1", "text": STORY, "title": "Ferry route approved"},
        {"id": "n2", "text": "The council of Varrow met on Monday.", "author": "Edda Pryce"},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines)
    code, out, err = build("-", "-q", "-f", "nq", stdin=stdin)
    assert code == 0, err
    assert "<http://example.org/kg/doc/n1>" in out and "<http://example.org/kg/doc/n2>" in out
    assert '"Edda Pryce"' in out


def test_stdin_format_overrides_detection() -> None:
    stdin = '{"id": "n1", "text": "Not a record here."}'
    code, out, err = build("-", "-q", "-f", "nt", "--stdin-format", "txt", stdin=stdin)
    assert code == 0, err
    assert "<http://example.org/kg/doc/stdin>" in out
    assert '\\"id\\": \\"n1\\"' in out  # the JSON is the text


def test_html_on_stdin_is_a_web_page() -> None:
    page = "<html><head><title>Ferry route | Lindqvist Post</title></head><body>"
    page += f"<p>{STORY}</p></body></html>"
    code, out, err = build("-", "-q", "-f", "nt", "--stdin-format", "html", stdin=page)
    assert code == 0, err
    assert "<p>" not in out and "harbour board of Lindqvist" in out


def test_unknown_stdin_format_is_a_usage_error() -> None:
    code, _out, err = build("-", "--stdin-format", "pptx", stdin=STORY)
    assert code == 2
    assert err.startswith("kg: error:") and "--stdin-format" in err
    assert "Traceback" not in err
