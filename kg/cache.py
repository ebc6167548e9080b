"""An on-disk cache of per-document results, so a rebuild only parses what changed.

An entry is the resolved result of one document (:class:`kg.resolve.document.DocumentEntities`),
stored
under a key that hashes everything the result depends on: the document (id, text, title, url,
date), the spaCy model (name, version, spaCy version), the extractors and their options, and a
fingerprint of kg's own source code and data (so editing an extractor or upgrading kg
invalidates every entry). The document's ``source`` path is not part of the key: moving a
corpus keeps its cache, and the current document is put back into a result read from the cache.

An entry is data, never code: JSON (:func:`encode` / :func:`decode`), each field checked
against the type the data model declares as it is read back. A cache directory may be shared
(``--cache``, ``$KG_CACHE_DIR``), so an entry is not trusted: one that does not check out
(truncated, corrupt, from another kg, or planted, a pickle say) is a miss, reported once as a
warning, and rewritten. Nothing in an entry is ever executed or imported.

Entries are written to a temporary file and renamed, so a killed build never leaves a partial
entry.

>>> import tempfile
>>> from kg.pipeline import extract
>>> doc = Document(id="d", text="Acme Corp banned Bob Smith.")
>>> (result,) = extract([doc])
>>> with tempfile.TemporaryDirectory() as folder:
...     cache = ResultCache(folder)
...     key = cache.key(doc, "settings")
...     missed = cache.get(key)
...     cache.put(key, result)
...     found = cache.get(key)
>>> missed is None, found == result
(True, True)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import signal
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError
from kg.graph.model import Document, Mention, Sentence
from kg.io.atomic import replace_file
from kg.io.signals import held

if TYPE_CHECKING:
    from kg.resolve.document import DocumentEntities

#: Bumped when the layout or the stored types change incompatibly. (``kg-cache-1`` held
#: pickles: it is never read again.)
CACHE_FORMAT = "kg-cache-2"
_MAGIC = b"KGC2"
_DIGEST = 32  # sha256
_SUFFIX = ".json"

log = logging.getLogger("kg.cache")


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    env = os.environ.get("KG_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "kg"


#: Where the per-document work starts; everything in kg these import (statically) counts.
ROOT_MODULES = ("kg.pipeline", "kg.resolve.document", "kg.parallel")


_FROM_IMPORT = re.compile(r"^\s*from\s+(kg(?:\.\w+)*)\s+import\s+(\([^)]*\)|[^\n]*)", re.M)
_IMPORT = re.compile(r"^\s*import\s+(kg(?:\.\w+)*)", re.M)


def _kg_imports(path: Path) -> set[str]:
    """The ``kg`` modules ``path`` imports anywhere (top level or inside functions).

    A textual scan (faster than parsing): an import in a docstring counts too, which only
    makes the fingerprint cover one file more.
    """
    text = path.read_text(encoding="utf-8")
    found = set(_IMPORT.findall(text))
    for module, names in _FROM_IMPORT.findall(text):
        found.add(module)
        for name in names.strip("()").replace("\n", ",").split(","):
            name = name.split("#")[0].split(" as ")[0].strip()
            if name.isidentifier():
                found.add(f"{module}.{name}")
    return found


def _module_file(root: Path, name: str) -> Path | None:
    parts = name.split(".")[1:]
    for candidate in (
        root.joinpath(*parts).with_suffix(".py"),
        root.joinpath(*parts, "__init__.py"),
    ):
        if parts and candidate.is_file():
            return candidate
    return root / "__init__.py" if not parts else None


@cache
def code_fingerprint(roots: tuple[str, ...] = ROOT_MODULES) -> str:
    """A hash of the kg source files the per-document work depends on, and of kg's data.

    The files are those ``roots`` (by default :data:`ROOT_MODULES`) import, directly or not,
    found by reading the sources (so the answer does not depend on what happens to be
    imported): editing an extractor or resolution, or upgrading kg, invalidates the cache;
    editing an exporter does not.
    """
    root = Path(__file__).resolve().parent
    files: set[Path] = set()
    todo = list(roots)
    while todo:
        path = _module_file(root, todo.pop())
        if path is None or path in files:
            continue
        files.add(path)
        todo.extend(_kg_imports(path))
    files.update(
        p for p in (root / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def module_fingerprint(objects: Iterable[object]) -> str:
    """A hash of the source files that define ``objects`` outside kg (third-party extractors)."""
    import inspect

    digest = hashlib.sha256()
    for obj in objects:
        module = inspect.getmodule(obj)
        name = getattr(module, "__name__", "")
        digest.update(name.encode("utf-8") + b"\0")
        if name == "kg" or name.startswith("kg."):
            continue  # covered by code_fingerprint()
        try:
            digest.update(Path(inspect.getfile(obj)).read_bytes())  # type: ignore[arg-type]
        except (TypeError, OSError):
            digest.update(repr(obj).encode("utf-8"))
    return digest.hexdigest()


def _document_bytes(document: Document) -> bytes:
    fields = (document.id, document.text, document.title, document.url, document.date)
    return "\x1f".join("\x00" if f is None else f for f in fields).encode("utf-8", "surrogatepass")


class ResultCache:
    """Per-document results on disk under ``directory`` (created when first written)."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.root = Path(directory).expanduser() / CACHE_FORMAT
        if self.root.exists() and not self.root.is_dir():
            raise UsageError(
                f"cache directory {self.root} is not a directory: pass another --cache"
            )
        self.hits = 0
        self.misses = 0
        self.rejected = 0  # entries there but invalid

    def key(self, document: Document, settings: str) -> str:
        """The key of ``document`` built with ``settings`` (a string naming everything else)."""
        digest = hashlib.sha256(settings.encode("utf-8") + b"\0")
        digest.update(_document_bytes(document))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}{_SUFFIX}"

    def _reject(self, path: Path, why: str) -> None:
        self.misses += 1
        self.rejected += 1
        if self.rejected == 1:
            log.warning("ignored cache entry %s (%s): it will be rebuilt", path, why)

    def get(self, key: str) -> DocumentEntities | None:
        """The result stored under ``key``, or None if absent or invalid (a miss)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        payload = data[len(_MAGIC) + _DIGEST :]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : len(_MAGIC) + _DIGEST] != (
            hashlib.sha256(payload).digest()
        ):
            self._reject(path, "not a kg cache entry, or damaged")
            return None
        try:
            value = decode(payload)
        except ValueError as exc:
            self._reject(path, str(exc))
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: DocumentEntities) -> None:
        """Store ``value`` under ``key`` atomically; a cache that cannot be written is skipped."""
        payload = encode(value)
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        path = self._path(key)
        # Ctrl-C or SIGTERM land after the entry is whole, or before it
        with held(signal.SIGINT, signal.SIGTERM):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                replace_file(path, lambda out: out.write(data))
            except OSError:
                return  # read-only or full disk: the build goes on without caching


# The entry format. A dataclass is the list of its fields' values, in declaration order; the
# sentences and mentions (met again and again in relations and quotations) are written once,
# in tables, and referred to by their index. Reading checks every value against the field's
# declared type: a wrong type, a bad index or a missing field is a ValueError.

_FORMAT_TAG = "kg-document-entities"
_TABLED = (Sentence, Mention)  # in this order: a mention refers to no sentence


class _Tables:
    def __init__(self) -> None:
        self.index: dict[type, dict[Any, int]] = {t: {} for t in _TABLED}

    def ref(self, cls: type, value: Any) -> int:
        table = self.index[cls]
        found = table.get(value)
        if found is None:
            found = table[value] = len(table)
        return found


def _hints(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in fields(cls)]


@cache
def _encoder(tp: Any) -> Callable[[Any, _Tables], Any]:
    origin = typing.get_origin(tp)
    if tp in _TABLED:
        return lambda v, t: t.ref(tp, v)
    if is_dataclass(tp):
        return _record_encoder(tp)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        enc = _encoder(inner)
        return lambda v, t: None if v is None else enc(v, t)
    if origin is tuple:
        item = _encoder(typing.get_args(tp)[0])
        return lambda v, t: [item(x, t) for x in v]
    if origin in (dict, Counter):
        value = _encoder(int if origin is Counter else typing.get_args(tp)[-1])
        return lambda v, t: {k: value(x, t) for k, x in v.items()}
    if tp in (str, int, float, bool) or origin is typing.Literal:
        return lambda v, t: v
    raise TypeError(f"the cache cannot store {tp!r}")


@cache
def _record_encoder(cls: type) -> Callable[[Any, _Tables], Any]:
    parts = [(name, _encoder(tp)) for name, tp in _hints(cls)]
    return lambda v, t: [enc(getattr(v, name), t) for name, enc in parts]


def _fail(what: str, value: Any) -> ValueError:
    return ValueError(f"bad {what}: {type(value).__name__}")


def _check_str(v: Any, tables: dict[type, list[Any]]) -> str:
    if type(v) is not str:
        raise _fail("text", v)
    return v


def _check_int(v: Any, tables: dict[type, list[Any]]) -> int:
    if type(v) is not int:
        raise _fail("integer", v)
    return v


def _check_float(v: Any, tables: dict[type, list[Any]]) -> float:
    if type(v) not in (float, int):
        raise _fail("number", v)
    return float(v)


def _check_bool(v: Any, tables: dict[type, list[Any]]) -> bool:
    if type(v) is not bool:
        raise _fail("flag", v)
    return v


_PRIMITIVES = {str: _check_str, int: _check_int, float: _check_float, bool: _check_bool}


@cache
def _decoder(tp: Any) -> Callable[[Any, dict[type, list[Any]]], Any]:
    origin = typing.get_origin(tp)
    if tp in _PRIMITIVES:
        return _PRIMITIVES[tp]
    if origin is typing.Literal:  # a closed set of strings: one of them, or the entry is bad
        allowed = frozenset(typing.get_args(tp))

        def one_of(v: Any, tables: dict[type, list[Any]]) -> Any:
            if type(v) is not str or v not in allowed:
                raise _fail("value", v)
            return v

        return one_of
    if tp in _TABLED:

        def ref(v: Any, tables: dict[type, list[Any]]) -> Any:
            table = tables[tp]
            if type(v) is not int or not 0 <= v < len(table):
                raise _fail(f"{tp.__name__} reference", v)
            return table[v]

        return ref
    if is_dataclass(tp):
        return _record_decoder(tp)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        dec = _decoder(inner)
        return lambda v, tables: None if v is None else dec(v, tables)
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])

        def sequence(v: Any, tables: dict[type, list[Any]]) -> tuple[Any, ...]:
            if type(v) is not list:
                raise _fail("list", v)
            return tuple(item(x, tables) for x in v)

        return sequence
    if origin in (dict, Counter):  # keys are text (JSON's); a Counter counts
        value = _decoder(int if origin is Counter else typing.get_args(tp)[-1])
        make = Counter if origin is Counter else dict

        def mapping(v: Any, tables: dict[type, list[Any]]) -> Any:
            if type(v) is not dict:
                raise _fail("mapping", v)
            return make({k: value(x, tables) for k, x in v.items()})

        return mapping
    raise TypeError(f"the cache cannot read {tp!r}")


@cache
def _record_decoder(cls: type) -> Callable[[Any, dict[type, list[Any]]], Any]:
    parts = [_decoder(tp) for _, tp in _hints(cls)]
    n = len(parts)
    name = cls.__name__

    def record(v: Any, tables: dict[type, list[Any]]) -> Any:
        if type(v) is not list or len(v) != n:
            raise _fail(name, v)
        return cls(*(dec(x, tables) for dec, x in zip(parts, v, strict=True)))

    return record


def encode(value: DocumentEntities) -> bytes:
    """``value`` as the bytes of a cache entry (JSON, UTF-8; the same value, the same bytes)."""
    from kg.resolve.document import DocumentEntities

    tables = _Tables()
    body = _encoder(DocumentEntities)(value, tables)
    data = {
        "format": _FORMAT_TAG,
        "tables": [[_record_encoder(c)(x, tables) for x in tables.index[c]] for c in _TABLED],
        "value": body,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def decode(payload: bytes) -> DocumentEntities:
    """The result stored in a cache entry; ValueError if it is not a valid one."""
    from kg.resolve.document import DocumentEntities

    try:
        data = json.loads(payload.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, RecursionError, ValueError):
        raise ValueError("not JSON") from None
    if type(data) is not dict or data.get("format") != _FORMAT_TAG:
        raise ValueError("not a kg cache entry")
    raw_tables = data.get("tables")
    if type(raw_tables) is not list or len(raw_tables) != len(_TABLED):
        raise ValueError("bad tables")
    tables: dict[type, list[Any]] = {}
    for cls, rows in zip(_TABLED, raw_tables, strict=True):
        if type(rows) is not list:
            raise _fail("table", rows)
        read = _record_decoder(cls)
        tables[cls] = [read(row, tables) for row in rows]
    try:
        return _decoder(DocumentEntities)(data.get("value"), tables)
    except RecursionError:
        raise ValueError("nested too deep") from None


# ------------------------------------------------------------------------ whole-build outputs

#: The most whole-build outputs kept in a cache directory (the oldest are removed first).
KEPT_OUTPUTS = 8
_OUT_MAGIC = b"KGO1"


@cache
def package_fingerprint() -> str:
    """A hash of every file of the installed kg package (code, data, assets, ontology) and of
    the versions of the libraries that write its outputs: what a whole build's bytes depend
    on besides its documents and options."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for dist in ("rdflib", "networkx", "pyoxigraph", "matplotlib", "spacy"):
        try:
            digest.update(f"{dist}={version(dist)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{dist}=none\0".encode())
    return digest.hexdigest()


class OutputCache:
    """Whole-build outputs on disk: a rebuild of an unchanged corpus with unchanged options
    writes the bytes it wrote before, without decoding, merging or serialising anything.

    The key (:meth:`key`) hashes every document in input order (every field, its source path
    included, since outputs may cite it), the per-document settings (model, extractors, their
    code), everything of the build step (``parts``: format, base IRI, curation, ...) and
    :func:`package_fingerprint`. An entry is the output's bytes and a small JSON summary,
    checked by its SHA-256 before use; a bad one is a miss.

    >>> import tempfile
    >>> docs = [Document(id="d", text="Acme Corp banned Bob Smith.")]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     outputs = OutputCache(folder)
    ...     key = outputs.key(docs, "settings", ("ttl",))
    ...     missed = outputs.get(key)
    ...     outputs.put(key, b"<a> <b> <c> .", {"documents": 1})
    ...     found = outputs.get(key)
    >>> missed, found
    (None, (b'<a> <b> <c> .', {'documents': 1}))
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.root = Path(directory).expanduser() / CACHE_FORMAT / "outputs"

    def key(self, documents: Iterable[Document], settings: str, parts: Iterable[str]) -> str:
        """The key of a build of ``documents`` with per-document ``settings`` and build
        ``parts``."""
        from dataclasses import astuple

        digest = hashlib.sha256(b"kg-output\0" + package_fingerprint().encode() + b"\0")
        digest.update(settings.encode("utf-8") + b"\0")
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for doc in documents:
            fields = json.dumps(astuple(doc), ensure_ascii=False)
            digest.update(hashlib.sha256(fields.encode("utf-8", "surrogatepass")).digest())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / f"{key}.out"

    def get(self, key: str) -> tuple[bytes, dict[str, Any]] | None:
        """The output bytes and summary stored under ``key``, or None."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        payload = data[len(_OUT_MAGIC) + _DIGEST :]
        if (
            data[: len(_OUT_MAGIC)] != _OUT_MAGIC
            or data[len(_OUT_MAGIC) : len(_OUT_MAGIC) + _DIGEST] != hashlib.sha256(payload).digest()
        ):
            log.warning("ignored cache entry %s (damaged): the corpus will be built", path)
            return None
        head, _, body = payload.partition(b"\n")
        try:
            summary = json.loads(head)
        except ValueError:
            return None
        if not isinstance(summary, dict):
            return None
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return body, summary

    def put(self, key: str, output: bytes, summary: dict[str, Any]) -> None:
        """Store ``output`` and ``summary`` under ``key``; keep the :data:`KEPT_OUTPUTS` most
        recent entries. A cache that cannot be written is skipped."""
        payload = json.dumps(summary, sort_keys=True).encode("utf-8") + b"\n" + output
        data = _OUT_MAGIC + hashlib.sha256(payload).digest() + payload
        with held(signal.SIGINT, signal.SIGTERM):
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                replace_file(self._path(key), lambda out: out.write(data))
                entries = sorted(
                    self.root.glob("*.out"), key=lambda p: p.stat().st_mtime, reverse=True
                )
                for old in entries[KEPT_OUTPUTS:]:
                    old.unlink(missing_ok=True)
            except OSError:
                return
