"""Input readers: formats, ids, directories, stdin, decoding and refusals."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
from pathlib import Path

import pytest

from kg.errors import InputError, KgError
from kg.graph.model import Document
from kg.io.readers import read_documents, read_text_bytes, supported_suffixes

TEXT = "The mayor opened the new bridge on Monday.\nTraffic resumed an hour later.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(*inputs: str | Path) -> list[Document]:
    return list(read_documents([str(item) for item in inputs]))


def collect(*inputs: str | Path) -> tuple[list[Document], list[KgError]]:
    errors: list[KgError] = []
    docs = list(read_documents([str(item) for item in inputs], on_error=errors.append))
    return docs, errors


# --------------------------------------------------------------------------- formats


def test_txt_is_read_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path / "news" / "article.txt", TEXT)
    [doc] = read(path)
    assert doc.id == "article"
    assert doc.text == TEXT
    assert doc.title is None
    assert doc.source == path.as_posix()


def test_line_endings_are_normalised_and_bom_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", b"\xef\xbb\xbfFirst line.\r\nSecond.\rThird.\r\n")
    [doc] = read(path)
    assert doc.text == "First line.\nSecond.\nThird.\n"


def test_markdown_keeps_text_and_takes_first_h1_as_title(tmp_path: Path) -> None:
    content = "Intro paragraph.\n\n# Council Approves Budget\n\nBody text.\n\n# Later heading\n"
    path = write(tmp_path / "story.md", content)
    [doc] = read(path)
    assert doc.text == content
    assert doc.title == "Council Approves Budget"


def test_markdown_without_heading_has_no_title(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "plain.markdown", "## Only a subheading\ntext\n"))
    assert doc.title is None


HTML = """<!DOCTYPE html>
<html>
<head>
  <title>Storm  closes   schools</title>
  <style>p { color: red }</style>
  <script>var tracking = "SECRET_SCRIPT";</script>
  <meta name="description" content="HEAD_META">
</head>
<body>
  <!-- COMMENT_TEXT -->
  <h1>Storm closes schools</h1>
  <p>Heavy   snow fell
     overnight, the <b>council</b> said.</p>
  <noscript>NOSCRIPT_TEXT</noscript>
  <template><p>TEMPLATE_TEXT</p></template>
  <svg><text>SVG_TEXT</text></svg>
  <ul><li>Roads closed</li><li>Buses delayed</li></ul>
  <p>Schools reopen on Friday.<br>Parents were notified.</p>
  <script>document.write("SECRET_BODY_SCRIPT")</script>
</body>
</html>
"""


def test_html_is_converted_to_text(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "page.html", HTML))
    assert doc.id == "page"
    assert doc.title == "Storm closes schools"
    for hidden in (
        "SECRET",
        "COMMENT_TEXT",
        "NOSCRIPT_TEXT",
        "TEMPLATE_TEXT",
        "SVG_TEXT",
        "HEAD_META",
        "color",
        "DOCTYPE",
    ):
        assert hidden not in doc.text
    assert doc.text.startswith("Storm closes schools\n")
    assert "Heavy snow fell overnight, the council said." in doc.text
    assert "Roads closed\nBuses delayed" in doc.text
    assert "Schools reopen on Friday.\nParents were notified." in doc.text
    assert "  " not in doc.text


def test_html_entities_are_standard_only(tmp_path: Path) -> None:
    path = write(tmp_path / "ent.htm", "<p>Fish &amp; chips &eacute; &#8364;5 &#x41;</p>")
    [doc] = read(path)
    assert doc.text == "Fish & chips é €5 A"


def test_html_entity_bomb_in_dtd_is_not_expanded(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n'
        + "\n".join(levels)
        + '\n<!ENTITY ext SYSTEM "http://example.invalid/x">\n]>\n'
        + "<html><body><p>Harmless text &lol9; &ext;</p></body></html>"
    )
    [doc] = read(write(tmp_path / "bomb.html", bomb))
    assert doc.text.startswith("Harmless text")
    assert len(doc.text) < 100
    assert "lollol" not in doc.text
    assert "ENTITY" not in doc.text and "]>" not in doc.text


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "blank.html", "<html><head><title>T</title></head><body> </body>")
    with pytest.raises(InputError, match="is empty"):
        read(path)


def test_other_extension_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "notes.log", TEXT))
    assert doc.id == "notes" and doc.text == TEXT


# --------------------------------------------------------------------------- jsonl


def jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)


def test_jsonl_good_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "a1", "text": "First story.", "title": "One", "url": "https://x.test/1"},
            "",
            {"id": "a2", "text": "Second\r\nstory.", "date": "2024-05-01"},
        ),
    )
    docs = read(path)
    assert [d.id for d in docs] == ["a1", "a2"]
    assert docs[0].title == "One" and docs[0].url == "https://x.test/1"
    assert docs[1].date == "2024-05-01" and docs[1].text == "Second\nstory."
    assert all(d.source == path.as_posix() for d in docs)


def test_jsonl_missing_id_uses_stem_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", jsonl({"text": "One."}, "", {"text": "Three."}))
    assert [d.id for d in read(path)] == ["feed-1", "feed-3"]


def test_jsonl_malformed_line_raises_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", jsonl({"id": "ok", "text": "Fine."}, "{not json"))
    docs: list[Document] = []
    with pytest.raises(InputError, match=r"feed\.jsonl:2"):
        docs.extend(read_documents([str(path)]))
    assert [d.id for d in docs] == ["ok"]  # streamed: the good line came first


@pytest.mark.parametrize(
    "bad",
    ['{"id": "x"}', '{"id": "x", "text": 5}', '["text"]', '{"id": "x", "text": "  "}'],
)
def test_jsonl_line_without_usable_text_is_an_error(tmp_path: Path, bad: str) -> None:
    path = write(tmp_path / "feed.jsonl", bad + "\n")
    with pytest.raises(InputError, match=r"feed\.jsonl:1"):
        read(path)


def test_jsonl_bad_line_is_skipped_with_on_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "a", "text": "A."}, "{broken", {"id": "c"}, {"id": "d", "text": "D."}),
    )
    docs, errors = collect(path)
    assert [d.id for d in docs] == ["a", "d"]
    assert [type(e) for e in errors] == [InputError, InputError]
    assert ":2" in str(errors[0]) and ":3" in str(errors[1])


# --------------------------------------------------------------------------- directories, ids


def test_directory_recursion_sorted_with_relative_ids(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "business" / "002.txt", "Shares rose.")
    write(root / "business" / "001.txt", "Profits fell.")
    write(root / "a.md", "# Title\nBody.")
    write(root / "world" / "asia" / "x.html", "<p>Rain.</p>")
    write(root / "world" / "feed.jsonl", jsonl({"text": "Line one."}))
    write(root / "image.png", b"\x89PNG\r\n\x1a\n....")  # unsupported suffix: ignored
    write(root / "notes.csv", "a,b\n")
    docs = read(root)
    assert [d.id for d in docs] == [
        "a",
        "business/001",
        "business/002",
        "world/asia/x",
        "world/feed-1",
    ]
    assert docs[1].source == (root / "business" / "001.txt").as_posix()
    assert docs[0].title == "Title"


def test_hidden_files_and_directories_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "visible.txt", "Seen.")
    write(tmp_path / ".hidden.txt", "Not seen.")
    write(tmp_path / ".git" / "notes.txt", "Not seen either.")
    assert [d.id for d in read(tmp_path)] == ["visible"]


def test_directory_without_supported_files_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "data.csv", "x\n")
    write(tmp_path / ".secret" / "a.txt", "hidden")
    with pytest.raises(
        InputError, match=r"no files kg reads \(\.atom \.docx .* \.md \.pdf \.rss \.txt\) in"
    ):
        read(tmp_path)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no files kg reads \(.*\.txt\) in .*empty"):
        read(tmp_path / "empty")


def test_duplicate_ids_get_suffixes_in_input_order(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "report.txt", "First.")
    second = write(tmp_path / "two" / "report.md", "Second.")
    third = write(tmp_path / "three" / "report.html", "<p>Third.</p>")
    docs = read(first, second, third)
    assert [(d.id, d.text) for d in docs] == [
        ("report", "First."),
        ("report-2", "Second."),
        ("report-3", "Third."),
    ]


def test_ids_do_not_depend_on_how_the_path_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "sub" / "story.txt", "Text.")
    monkeypatch.chdir(tmp_path)
    assert read("sub/story.txt")[0].id == read(tmp_path / "sub" / "story.txt")[0].id == "story"
    assert read("sub")[0].id == read(tmp_path / "sub")[0].id == "story"


# --------------------------------------------------------------------------- refusals


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory: .*nothere.txt"):
        read(tmp_path / "nothere.txt")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("archive.txt", gzip.compress(b"hello"), "gzip"),
        ("doc.txt", b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        ("blob.txt", b"text then \x00 a NUL byte", "binary"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, name: str, content: bytes, kind: str) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(InputError, match=kind) as info:
        read(path)
    assert name in str(info.value) and "not text" in str(info.value)


def test_binary_jsonl_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="PDF"):
        read(write(tmp_path / "x.jsonl", b"%PDF-1.4\n"))


@pytest.mark.parametrize("content", ["", "   \n\t \r\n"])
def test_empty_and_whitespace_documents_are_refused(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "blank.txt", content)
    with pytest.raises(InputError, match=r"blank\.txt is empty: nothing to build"):
        read(path)


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="permissions are not enforced here",
)
def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", "Secret.")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read(path)
    finally:
        path.chmod(0o644)


def test_permission_error_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "locked.txt", "Secret.")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(InputError, match="cannot read .*locked.txt: permission denied"):
        read(path)


def test_on_error_reports_and_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Fine.")
    empty = write(tmp_path / "empty.txt", "")
    docs, errors = collect(tmp_path / "missing.txt", empty, good)
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 2 and all(isinstance(e, InputError) for e in errors)


def test_on_error_inside_a_directory_skips_one_file(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.txt", b"%PDF-1.5")
    write(tmp_path / "c.txt", "C.")
    docs, errors = collect(tmp_path)
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errors) == 1 and "PDF" in str(errors[0])


def test_reading_is_lazy(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", "First.")
    later = tmp_path / "later.txt"
    docs = read_documents([str(first), str(later)])
    assert next(docs).id == "first"
    write(later, "Written after the first document was read.")  # not yet looked at
    assert next(docs).id == "later"


# --------------------------------------------------------------------------- decoding, stdin


def test_invalid_utf8_is_read_as_cp1252_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "legacy.txt", "\u201cQuoted\u201d caf\u00e9 \u20ac5".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="kg"):
        [doc] = read(path)
    assert doc.text == "\u201cQuoted\u201d caf\u00e9 \u20ac5"
    messages = [r.getMessage() for r in caplog.records if r.name == "kg"]
    assert any("legacy.txt" in m and "not valid UTF-8, read as Windows-1252" in m for m in messages)


def test_valid_utf8_gives_no_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kg"):
        read(write(tmp_path / "ok.txt", "caf\u00e9"))
    assert not caplog.records


def test_read_text_bytes_falls_back_to_latin1_for_cp1252_holes() -> None:
    assert read_text_bytes(b"a\x81b", "x") == "a\x81b"


def test_utf16_with_bom_is_text() -> None:
    assert read_text_bytes("Hello\r\n".encode("utf-16"), "x") == "Hello\n"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Café from stdin.\r\nSecond line.".encode()
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    [doc] = read("-")
    assert doc.id == "stdin"
    assert doc.text == "Café from stdin.\nSecond line."


def test_empty_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n"), encoding="utf-8"))
    with pytest.raises(InputError, match="stdin is empty"):
        read("-")


def test_supported_suffixes() -> None:
    assert set(supported_suffixes()) == {
        *(".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"),
        *(".rss", ".atom", ".pdf", ".docx"),
    }


def test_a_fifo_or_a_device_link_in_a_folder_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_text("Acme Corp banned Bob Smith.")
    os.mkfifo(tmp_path / "b.txt")  # opening it would block for ever
    (tmp_path / "c.txt").symlink_to("/dev/zero")  # reading it would never end
    with caplog.at_level(logging.WARNING, logger="kg"):
        docs = list(read_documents([str(tmp_path)]))
    assert [d.id for d in docs] == ["a"]
    assert "b.txt: not a regular file" in caplog.text and "c.txt" in caplog.text


def test_a_named_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "b.txt")
    with pytest.raises(InputError, match="not a regular file"):
        list(read_documents([str(tmp_path / "b.txt")]))


@pytest.mark.parametrize("bad", ['{"id": "x", "text": "Hi.", "n": 1' + "9" * 5000 + "}"])
def test_a_jsonl_line_json_cannot_hold_is_a_bad_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(bad + "\n" + json.dumps({"id": "ok", "text": "Acme Corp banned Bob."}) + "\n")
    skipped: list[KgError] = []
    docs = list(read_documents([str(path)], on_error=skipped.append))
    assert [d.id for d in docs] == ["ok"]
    assert len(skipped) == 1 and "news.jsonl:1" in str(skipped[0])
    with pytest.raises(InputError, match="news.jsonl:1"):
        list(read_documents([str(path)]))
