"""``learned.v1``: relations from the trained classifier (:mod:`kg.learn.model`).

It scores every candidate pair of named mentions of a sentence (:mod:`kg.learn.candidates`),
seeing among its features what the rules (``dependency.v1``) read of the pair (it runs them for
that when they did not run before it), and keeps the most probable inventory relation whose
domain and range fit the two mentions' types. Its probability is the fact's confidence.

It is not one of kg's default extractors: on held-out gold it adds nothing to the rules
(README, "The learned relation classifier"). Chosen with ``--extractor``, alone or after the
rules, it combines with them as measured best on the TUNE gold by 5-fold cross-validation:

- a pair the rules already related keeps the rules' reading, and the classifier adds nothing;
- the classifier adds a fact for any other pair when its probability is at least
  :data:`ADD_THRESHOLD`;
- a rule fact between two named mentions is dropped when the classifier gives "no relation"
  at least :data:`VETO_THRESHOLD` (1.0, the veto off: every veto tried lowered F1).

A pair with a negation cue on its path ("did not join") gives no learned fact; a hedge cue
("may buy") makes the fact hedged, as the rules do. A home (bornIn, livesIn) in a town written
with its region ("born in Leeds, Yorkshire") is one place, the town with its region, tied to
the town by sameAs, as the rules read it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg.extract.base import ALIAS, add, inside, quote_spans, sentence_of, text_of
from kg.graph.model import Extraction, Mention, Relation, Sentence
from kg.learn.candidates import (
    HOME_RELATIONS,
    Candidate,
    candidate_features,
    candidates,
    rule_readings,
    token_spans,
    town_region,
)
from kg.learn.features import hashed
from kg.learn.labels import NONE, split_label

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

    from kg.learn.model import Model

NAME = "learned.v1"
#: The least probability of a learned fact (chosen on the TUNE gold by 5-fold cross-validation;
#: see README, model card).
ADD_THRESHOLD = 0.7
#: Drop a rule fact when the classifier's "no relation" is at least this (1.0: never).
VETO_THRESHOLD = 1.0
#: The extractor whose facts the veto may drop.
RULES = "dependency.v1"


def _rule_facts(doc: Doc, found: Extraction) -> tuple[Relation, ...]:
    """The rules' facts: those already found, else the rules run now for their evidence only
    (with ``--extractor learned.v1`` alone the classifier still sees what the rules read)."""
    if any(r.extractor == RULES for r in found.relations):
        return found.relations
    from kg.extract.relations import DependencyExtractor

    return DependencyExtractor().extract(doc, found).relations


@cache
def _domains() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    from kg.graph.ontology import inventory

    return {name: (spec.domain, spec.range) for name, spec in inventory().items()}


def fits(relation: str, subject_type: str, object_type: str) -> bool:
    """Whether the inventory lets ``relation`` join these types (an empty side: any)."""
    spec = _domains().get(relation)
    if spec is None:
        return False
    domain, range_ = spec
    return (not domain or subject_type in domain) and (not range_ or object_type in range_)


def quotes_of(doc: Doc, found: Extraction) -> list[tuple[int, int]]:
    """The quoted passages of the text (computed once per document and extraction)."""
    return quote_spans(text_of(doc, found))


def _fact(
    subject: Mention, relation: str, obj: Mention, sentence: Sentence, prob: float, hedged: bool
) -> Relation:
    return Relation(
        subject=subject,
        predicate=relation,
        object=obj,
        sentence=sentence,
        extractor=NAME,
        rule=NAME,
        confidence=round(prob, 2),
        hedged=hedged,
    )


class LearnedExtractor:
    """Relations predicted by the shipped classifier."""

    name = NAME

    def __init__(
        self,
        model: Model | None = None,
        add_threshold: float | None = None,
        veto_threshold: float | None = None,
    ) -> None:
        self._model = model
        self.add_threshold = ADD_THRESHOLD if add_threshold is None else add_threshold
        self.veto_threshold = VETO_THRESHOLD if veto_threshold is None else veto_threshold

    @property
    def model(self) -> Model:
        if self._model is None:
            from kg.learn.model import shipped

            self._model = shipped()
        return self._model

    def score(
        self, doc: Doc, found: Extraction
    ) -> tuple[list[Candidate], np.ndarray, list[tuple[bool, bool]]]:
        """The candidate pairs of ``doc``, their label probabilities (one row each, columns
        in the order of ``model.labels``) and their (negation, hedge) cues."""
        pairs = list(candidates(doc, found.mentions))
        if not pairs:
            return pairs, self.model.scores([]), []
        quotes = quote_spans(text_of(doc, found))
        readings = rule_readings(_rule_facts(doc, found), RULES)
        rows, cues = [], []
        for c in pairs:
            feats = candidate_features(doc, c, quotes, readings)
            rows.append(hashed(feats))
            cues.append(("NEG" in feats, "HEDGE" in feats))
        return pairs, self.model.scores(rows), cues

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        pairs, probs, cues = self.score(doc, found)
        if not pairs:
            return found
        labels = self.model.labels
        none = labels.index(NONE)
        ruled = {
            frozenset(((r.subject.start, r.subject.end), (r.object.start, r.object.end)))
            for r in found.relations
        }
        new: list[Relation] = []
        made: dict[tuple[int, int], Mention] = {(m.start, m.end): m for m in found.mentions}
        new_mentions: list[Mention] = []
        given: set[tuple[tuple[int, int], str, tuple[int, int]]] = {
            ((r.subject.start, r.subject.end), r.predicate, (r.object.start, r.object.end))
            for r in found.relations
        }
        joined = town_region(doc, token_spans(doc, found.mentions))
        veto: set[frozenset[tuple[int, int]]] = set()
        for c, p, (negated, hedged) in zip(pairs, probs, cues, strict=True):
            key = frozenset(((c.first.start, c.first.end), (c.second.start, c.second.end)))
            if key in ruled:
                if p[none] >= self.veto_threshold:
                    veto.add(key)
                continue
            if negated:
                continue
            best = self._best(c, p, labels, none)
            if best is None:
                continue
            relation, forward, prob = best
            subject, obj = (c.first, c.second) if forward else (c.second, c.first)
            sentence = sentence_of(doc, doc[c.first_span[0]], found.document.id)
            whole = joined.get((obj.start, obj.end)) if relation in HOME_RELATIONS else None
            if whole is not None:
                # "born in Leeds, Yorkshire": one place, the town with its region, as the
                # rules read it; the town's entity is the same (sameAs)
                start, end, text, town = whole
                place = made.get((start, end))
                if place is None:
                    place = Mention(
                        obj.doc_id,
                        start,
                        end,
                        text,
                        "Place",
                        "name",
                        in_quote=inside(quotes_of(doc, found), start, end),
                    )
                    made[(start, end)] = place
                    new_mentions.append(place)
                    new.append(_fact(place, ALIAS, town, sentence, 1.0, False))
                obj = place
            key3 = ((subject.start, subject.end), relation, (obj.start, obj.end))
            if key3 in given or frozenset((key3[0], key3[2])) in ruled:
                continue
            given.add(key3)
            new.append(_fact(subject, relation, obj, sentence, prob, hedged))
        if veto:
            kept = tuple(
                r
                for r in found.relations
                if not (
                    r.extractor == RULES
                    and not r.open
                    and frozenset(
                        ((r.subject.start, r.subject.end), (r.object.start, r.object.end))
                    )
                    in veto
                )
            )
            from dataclasses import replace

            found = replace(found, relations=kept)
        return add(found, mentions=new_mentions, relations=new)

    def _best(
        self, c: Candidate, p: object, labels: tuple[str, ...], none: int
    ) -> tuple[str, bool, float] | None:
        """The most probable label that fits the pair's types, if it passes the threshold."""
        import numpy as np

        probs = np.asarray(p)
        for k in np.argsort(-probs, kind="stable"):
            if k == none:
                return None
            prob = float(probs[k])
            if prob < self.add_threshold:
                return None
            relation, forward = split_label(labels[k])
            s, o = (c.first, c.second) if forward else (c.second, c.first)
            if fits(relation, s.type, o.type):
                return relation, forward, prob
        return None
