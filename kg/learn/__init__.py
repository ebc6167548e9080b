"""A trained relation classifier (``learned.v1``) beside the rule extractor.

- :mod:`kg.learn.features`: sparse features of a pair of mentions in one parsed sentence;
- :mod:`kg.learn.labels`: the labels (inventory relation and direction, or none);
- :mod:`kg.learn.model`: the shipped weights and prediction with numpy only;
- :mod:`kg.learn.candidates`: which pairs of mentions are scored;
- :mod:`kg.learn.extractor`: the registered extractor;
- :mod:`kg.learn.data`: reading the public training data (CoNLL04, Re-DocRED, gold files);
- :mod:`kg.learn.train`: ``python -m kg.learn.train`` rebuilds the weights (scikit-learn).

Nothing here is imported by ``import kg``; the extractor loads numpy and the weights on first use.
"""
