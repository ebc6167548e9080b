"""Resolution: mentions to entities within a document (:mod:`kg.resolve.document`), the
entities of one real thing across documents (:mod:`kg.resolve.crossdoc`), linking to GeoNames
and Wikidata (:mod:`kg.resolve.link`), the analyst's curation file (:mod:`kg.resolve.curation`)
and likely mistakes left for the analyst (:mod:`kg.analysis.suspects`).
"""
