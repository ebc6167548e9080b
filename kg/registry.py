"""One registry per kind of plug-in, by name, through entry points.

Three kinds, one entry-point group each:

- ``kg.readers``: input kinds (:class:`kg.io.readers.Reader`: a name, file suffixes, media types
  and a ``read`` function);
- ``kg.extractors``: extractors by versioned name (:class:`kg.extract.base.Extractor`);
- ``kg.exporters``: output formats (:class:`kg.export.exporters.Exporter`: a name, a file
  extension, a media type and a kind, ``graph`` or ``network``).

Built-ins are declared in ``setup.cfg`` exactly as a third-party plugin declares its own
(``[options.entry_points] kg.exporters = myformat = mypkg:MyExporter``), so there is one way
in; ARCHITECTURE.md shows a plug-in of each kind. Loading is lazy: an entry point is imported
only when its name is asked for, or when a table of every registered one (suffixes,
extensions) is needed.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from kg.errors import UsageError

READERS = "kg.readers"
EXTRACTORS = "kg.extractors"
EXPORTERS = "kg.exporters"
#: What an entry of each group is called in messages.
KINDS = {READERS: "reader", EXTRACTORS: "extractor", EXPORTERS: "format"}


@cache
def _group(group: str) -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in sorted(entry_points(group=group), key=lambda e: e.name)}


def names(group: str) -> list[str]:
    """The registered names of a group, sorted (``kg.readers``, ``kg.extractors`` or
    ``kg.exporters``). Reads the entry points only: nothing is imported."""
    return sorted(_group(group))


@cache
def load(group: str, name: str) -> Any:
    """The object registered under ``name``; :class:`UsageError` naming the choices if unknown,
    or naming the plug-in if it cannot be imported."""
    eps = _group(group)
    kind = KINDS.get(group, "plug-in")
    if name not in eps:
        choices = ", ".join(sorted(eps)) or "none installed (reinstall kg: pip install -e .)"
        raise UsageError(f"unknown {kind} {name!r}: choose one of {choices}")
    try:
        return eps[name].load()
    except Exception as exc:  # a broken plug-in: one line naming it, never a traceback
        raise UsageError(
            f"cannot load the {kind} {name!r} ({eps[name].value}): {type(exc).__name__}: {exc}; "
            "fix or uninstall the package that registers it"
        ) from None


def loaded(group: str) -> dict[str, Any]:
    """Every registered object of ``group`` by name, in name order (each one imported)."""
    return {name: load(group, name) for name in names(group)}


def refresh() -> None:
    """Forget what was read: the next call reads the entry points again (after a plug-in was
    installed in this process, as the tests do)."""
    _group.cache_clear()
    load.cache_clear()
    claims.cache_clear()


@cache
def claims(group: str, attribute: str, *, prefix: str = "") -> dict[str, str]:
    """Each value the objects of ``group`` list in ``attribute`` (a string or a tuple of them),
    lower-cased, to the name of the object that claims it: the first name (sorted) keeps a
    value two claim. ``prefix`` is put before values that lack it (``"."`` for suffixes)."""
    found: dict[str, str] = {}  # a cached dict: callers copy it before changing it
    for name, obj in loaded(group).items():
        values = getattr(obj, attribute, ())
        for value in (values,) if isinstance(values, str) else values:
            if value:
                found.setdefault(prefix + value.lower().removeprefix(prefix), name)
    return found


def extensions(group: str = EXPORTERS) -> dict[str, str]:
    """File extensions (``".ttl"``) to the exporter names of ``group`` that write them: each
    exporter's ``extension`` and its ``aliases``; loads every exporter of the group. The first
    name (sorted) that claims an extension keeps it."""
    found = dict(claims(group, "extension", prefix="."))
    for ext, name in claims(group, "aliases", prefix=".").items():
        found.setdefault(ext, name)
    return found
