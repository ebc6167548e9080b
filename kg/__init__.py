"""kg: knowledge graphs from news text.

Entities, typed relations and attributed quotations, every fact traceable to the sentence it
came from, written as standard RDF. Nothing heavy is imported here: spaCy, rdflib and networkx
load only when a command needs them.
"""

__version__ = "0.1.0"
