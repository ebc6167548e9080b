"""Writing a graph out: the registered exporters (:mod:`kg.export.exporters`: RDF formats and
JSONL/CSV records; :mod:`kg.export.network`: network formats and drawings) and ``kg export``,
a graph kg wrote re-written in another format (:mod:`kg.export.convert`).
"""
