"""An on-disk cache of per-document results, so a rebuild only parses what changed.

An entry is the resolved result of one document (:class:`kg.resolve.DocumentEntities`), stored
under a key that hashes everything the result depends on: the document (id, text, title, url,
date), the spaCy model (name, version, spaCy version), the extractors and their options, and a
fingerprint of kg's own source code and data (so editing an extractor or upgrading kg
invalidates every entry). The document's ``source`` path is not part of the key: moving a
corpus keeps its cache, and the current document is put back into a result read from the cache.

Entries are written to a temporary file and renamed, so a killed build never leaves a partial
entry; an entry that does not check out (truncated, corrupt, from another kg) is a miss and is
rewritten.

>>> import tempfile
>>> from kg.model import Document
>>> with tempfile.TemporaryDirectory() as folder:
...     cache = ResultCache(folder)
...     key = cache.key(Document(id="d", text="Hi."), "settings")
...     missed = cache.get(key)
...     cache.put(key, {"any": "picklable value"})
...     found = cache.get(key)
>>> missed is None, found
(True, {'any': 'picklable value'})
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import signal
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from kg.atomic import rename_over
from kg.errors import UsageError
from kg.model import Document
from kg.signals import held

#: Bumped when the layout or the pickled types change incompatibly.
CACHE_FORMAT = "kg-cache-1"
_MAGIC = b"KGC1"
_DIGEST = 32  # sha256


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    env = os.environ.get("KG_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "kg"


#: Where the per-document work starts; everything in kg these import (statically) counts.
ROOT_MODULES = ("kg.pipeline", "kg.resolve", "kg.parallel")


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

    def key(self, document: Document, settings: str) -> str:
        """The key of ``document`` built with ``settings`` (a string naming everything else)."""
        digest = hashlib.sha256(settings.encode("utf-8") + b"\0")
        digest.update(_document_bytes(document))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None if absent or unreadable (a miss)."""
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
            self.misses += 1
            return None
        try:
            value = pickle.loads(payload)
        except Exception:  # written by another version of a class: rebuild it
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` atomically; a cache that cannot be written is skipped."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        path = self._path(key)
        # Ctrl-C or SIGTERM land after the entry is whole, or before it
        with held(signal.SIGINT, signal.SIGTERM):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            except OSError:
                return  # read-only or full disk: the build goes on without caching
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                rename_over(tmp, path)
            except OSError:
                Path(tmp).unlink(missing_ok=True)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
