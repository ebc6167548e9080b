"""Extraction: spaCy loaded once (:mod:`kg.extract.nlp`), long documents in pieces, the
extractors (entities, relations by rule, quotations), the rules as data (``rules.toml``,
``typing.toml``) with their lexicons, and the gazetteers they read.
"""
