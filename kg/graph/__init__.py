"""The graph: the data model (:mod:`kg.graph.model`, frozen dataclasses with character
offsets), kg's vocabulary and ontology, the RDF mapping, reading graph files back, SHACL
validation, and the exporters that write a graph in each format.
"""
