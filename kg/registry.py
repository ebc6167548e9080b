"""One registry for extractors and exporters, by versioned name, through entry points.

Built-ins are declared in ``setup.cfg`` exactly as a third-party plugin would declare its own
(``[options.entry_points] kg.extractors = myextractor.v1 = mypkg:MyExtractor``), so there is one
way in. Loading is lazy: an entry point is imported only when its name is asked for.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from kg.errors import UsageError

EXTRACTORS = "kg.extractors"
EXPORTERS = "kg.exporters"


@cache
def _group(group: str) -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in sorted(entry_points(group=group), key=lambda e: e.name)}


def names(group: str) -> list[str]:
    """The registered names of a group, sorted (``kg.extractors`` or ``kg.exporters``)."""
    return sorted(_group(group))


def load(group: str, name: str) -> Any:
    """The object registered under ``name``; :class:`UsageError` naming the choices if unknown."""
    eps = _group(group)
    if name not in eps:
        kind = "extractor" if group == EXTRACTORS else "format"
        choices = ", ".join(sorted(eps)) or "none installed (reinstall kg: pip install -e .)"
        raise UsageError(f"unknown {kind} {name!r}: choose one of {choices}")
    return eps[name].load()


def extensions(group: str = EXPORTERS) -> dict[str, str]:
    """File extensions (``".ttl"``) to the exporter names of ``group`` that write them: each
    exporter's ``extension`` and its ``aliases``; loads every exporter of the group. The first
    name (sorted) that claims an extension keeps it."""
    found: dict[str, str] = {}
    for name in names(group):
        cls = load(group, name)
        for ext in (getattr(cls, "extension", ""), *getattr(cls, "aliases", ())):
            if ext:
                found.setdefault("." + ext.lower().lstrip("."), name)
    return found
