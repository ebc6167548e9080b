"""Test-wide settings: builds never touch the user's cache directory."""

from __future__ import annotations

import os
import tempfile

# Set before any test imports kg: the parse/extraction cache of every CLI build in the suite
# goes to a throw-away folder, not ~/.cache/kg (tests that test the cache pass --cache).
os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")
