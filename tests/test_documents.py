"""PDF and Word inputs, and the warning for text that is not English."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.io.readers import read_documents

LINES = [
    "The council of Ashby Cross approved a new library on Tuesday.",
    "Its architect, Ren Talvi, said work would begin in the spring.",
]


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF with ``lines`` as text (Helvetica), built by hand with a correct xref."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines)
    content += " ET"
    info = f"<< /Title ({title}) /Author (Lena Marsh) >>" if title else "<< >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
    out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "library.pdf"
    path.write_bytes(make_pdf(LINES, title="New library approved"))
    [doc] = read_documents([str(path)])
    assert doc.id == "library"
    assert all(line in " ".join(doc.text.split()) for line in LINES)
    assert doc.title == "New library approved" and doc.authors == ("Lena Marsh",)


def test_a_scanned_pdf_says_it_has_no_text(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    result = CliRunner().invoke(cli, ["build", str(path), "--no-cache"])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert "scan.pdf has no text layer (a scanned PDF?): run OCR on it first" in line


def test_a_broken_pdf_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(InputError, match="broken.pdf is not a readable PDF"):
        list(read_documents([str(path)]))


def test_a_pdf_named_txt_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "library.txt"
    path.write_bytes(make_pdf(LINES))
    with pytest.raises(InputError, match=r"is a PDF file, not text: name it \.pdf"):
        list(read_documents([str(path)]))


def test_docx_paragraphs_and_properties(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "New library approved"
    document.core_properties.author = "Lena Marsh"
    for line in LINES:
        document.add_paragraph(line)
    path = tmp_path / "library.docx"
    document.save(str(path))
    [doc] = read_documents([str(path)])
    assert doc.text == "\n\n".join(LINES)
    assert doc.title == "New library approved" and doc.authors == ("Lena Marsh",)
    code = CliRunner().invoke(cli, ["build", str(path), "-q", "--no-cache", "-f", "nt"])
    assert code.exit_code == 0, code.output
    assert '"Ren Talvi"' in code.stdout


def test_a_broken_docx_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken.docx is not a readable \.docx file"):
        list(read_documents([str(path)]))


def test_text_that_is_not_english_gets_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    foreign = "Der Rat der Stadt hat am Dienstag eine neue Bibliothek beschlossen, sagte sie. " * 5
    (tmp_path / "rat.txt").write_text(foreign, encoding="utf-8")
    (tmp_path / "council.txt").write_text(" ".join(LINES) * 3, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kg"):
        docs = list(read_documents([str(tmp_path)]))
    assert len(docs) == 2
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["rat: does not look like English text: kg reads English; nothing extracted"]


def test_declared_language_other_than_english_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": "a", "text": "Hola.", "language": "es"}\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kg"):
        list(read_documents([str(path)]))
    assert [r.getMessage() for r in caplog.records] == [
        "a: declared language 'es', not English: kg reads English; nothing extracted"
    ]


def test_nothing_is_extracted_from_a_text_in_another_language() -> None:
    from kg.graph.model import Document
    from kg.pipeline import build_graph

    foreign = Document(
        id="rat", text="Der Rat der Stadt hat am Dienstag in Bonn eine neue Bibliothek beschlossen."
    )
    english = Document(id="council", text="The council of Eastmere approved a new library.")
    kg = build_graph([foreign, english])
    assert {d.id for d in kg.documents} == {"rat", "council"}
    assert {d for e in kg.entities for d in e.documents} == {"council"}
