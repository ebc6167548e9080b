"""Analysis of a built graph: the networkx view (:mod:`kg.analysis.netx`), network measures
(:mod:`kg.analysis.measures`, one measure per function, the graph first), paths and
neighbourhoods, the co-occurrence network, network exports, pictures, the interactive
explorer, and the timeline.
"""
