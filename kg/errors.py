"""Typed errors raised by the library. Only :mod:`kg.cli` turns them into messages.

Each error carries a one-line message that says what is wrong and what to do. The CLI adds the
flag or argument it concerns and maps the class to an exit code (see README, "Exit codes").
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = 1


class InputError(KgError):
    """An input document, file or directory cannot be read or is not usable."""


class GoldError(KgError):
    """A gold annotation file is malformed."""


class GraphError(KgError):
    """A graph file cannot be parsed or lacks what the command needs."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class OutputError(KgError):
    """An output file cannot be written."""


class UsageError(KgError):
    """Options that do not fit together, an unknown format or extractor name."""

    exit_code = 2
