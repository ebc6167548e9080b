"""Test-wide settings: builds never touch the user's cache directory."""

from __future__ import annotations

import os
import tempfile

# Set before any test imports kg: the parse/extraction cache of every CLI build in the suite
# goes to a throw-away folder, not ~/.cache/kg (tests that test the cache pass --cache).
os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")
# Builds that outlast 5 s print a progress line when stderr is not a terminal; the tests that
# compare a command's whole stderr do not expect one (tests/test_progress.py sets its own).
os.environ["KG_PROGRESS_INTERVAL"] = "3600"
