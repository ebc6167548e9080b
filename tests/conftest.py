"""Test-wide settings (builds never touch the user's cache directory) and the ``build``
fixture: invented text through the whole pipeline, skipped without the English model."""

from __future__ import annotations

import os
import tempfile

import pytest

# Set before any test imports kg: the parse/extraction cache of every CLI build in the suite
# goes to a throw-away folder, not ~/.cache/kg (tests that test the cache pass --cache).
os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")
# Builds that outlast 5 s print a progress line when stderr is not a terminal; the tests that
# compare a command's whole stderr do not expect one (tests/test_progress.py sets its own).
os.environ["KG_PROGRESS_INTERVAL"] = "3600"


@pytest.fixture(scope="module")
def build():
    """A function that builds one invented text through the whole pipeline (entities,
    relations, resolution) into a KnowledgeGraph."""
    from kg.errors import ModelError
    from kg.extract import nlp
    from kg.graph.model import Document, KnowledgeGraph
    from kg.pipeline import build_graph

    try:
        nlp.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")

    def run(text: str) -> KnowledgeGraph:
        return build_graph([Document(id="t", text=text)])

    return run
