"""Querying a graph: SPARQL over files or a store (Oxigraph or rdflib), query parameters,
result formats, the embedded store, the read-only SPARQL server (with its sandboxed
queries), uploads to a SPARQL server, and where the analysis commands read a graph from.
"""
