"""Input and output plumbing: reading documents (files, folders, URLs, feeds, standard input),
bytes to text, the per-document cache, writing files whole, progress and signals.

Nothing here knows spaCy, extraction or RDF: it depends only on :mod:`kg.graph.model`
(the ``Document`` a reader yields) and :mod:`kg.errors`.
"""
