"""Inputs of a build: unique document IRIs, standard input in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.graph.rdf import document_iri
from kg.io.readers import read_documents, sniff_kind

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


# --------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Courier</title><language>en-gb</language>
<item><title>Ferry route approved</title><link>https://courier.example/ferry</link>
<author>Edda Pryce</author><pubDate>Tue, 12 Mar 2024 09:30:00 GMT</pubDate>
<description>&lt;p&gt;The harbour board of Lindqvist approved a new &lt;b&gt;ferry&lt;/b&gt;
route on Friday.&lt;/p&gt;</description></item>
<item><title>Lighthouse repainted</title><link>https://courier.example/lighthouse</link>
<description>Painters from Varrow finished the lighthouse on Monday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title>
<entry><title>Mill reopens</title><link href="https://valley.example/mill"/>
<author><name>Ada Quill</name></author><published>2024-02-01T08:00:00Z</published>
<content type="html">&lt;p&gt;The old mill of Brenmoor reopened as a bakery.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_entries_are_documents(tmp_path: Path) -> None:
    path = write(tmp_path / "courier.rss", RSS)
    first, second = read_documents([str(path)])
    assert first.id == "courier-1" and second.id == "courier-2"
    assert first.title == "Ferry route approved"
    assert first.text == (
        "Ferry route approved\n\nThe harbour board of Lindqvist approved a new ferry route on "
        "Friday."
    )
    assert first.url == "https://courier.example/ferry" and first.date == "2024-03-12"
    assert first.authors == ("Edda Pryce",) and first.site == "Harbour Courier"
    assert first.language == "en-gb"
    assert second.text.endswith("Painters from Varrow finished the lighthouse on Monday.")


def test_atom_feed_saved_as_xml_and_on_stdin(tmp_path: Path) -> None:
    [doc] = read_documents([str(write(tmp_path / "valley.xml", ATOM))])
    assert doc.title == "Mill reopens" and doc.authors == ("Ada Quill",)
    assert doc.date == "2024-02-01" and doc.url == "https://valley.example/mill"
    code, out, err = build("-", "-q", "-f", "nt", stdin=ATOM)
    assert code == 0, err
    assert "<https://valley.example/mill>" in out and '"Ada Quill"' in out


def test_a_file_that_is_no_feed(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="has no feed entries"):
        list(read_documents([str(write(tmp_path / "empty.rss", "<rss></rss>"))]))
