"""Training data: public annotated texts turned into labelled candidate pairs.

Three sources, all read from ``shared/data`` and ``shared/gold`` at training time (none of
their text is shipped):

- CoNLL04 train (news sentences; Kill, Work_For, Live_In, Located_In, OrgBased_In, mapped to
  killed, worksFor, livesIn, locatedIn, basedIn);
- Re-DocRED (Wikipedia lead sections; Wikidata properties mapped by ``mapping.tsv``); a pair
  counts as a relation only in one of the relation's evidence sentences, and a pair in another
  sentence of a related entity pair is left out (not taught as "no relation");
- the TUNE gold files (news; kg's inventory). Their entities have aliases, not offsets: a
  mention is the entity whose alias it spells.

Each text is parsed by kg's own pipeline and its mentions found by ``entities.v1``, so that the
classifier learns on the mentions it will see at run time. A mention is aligned to the gold
entity it overlaps most (by offsets where the data has them, else by alias), and a candidate
pair (:func:`kg.learn.candidates.candidates`) is labelled with the gold relation between the
two entities, or :data:`kg.learn.labels.NONE`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.learn.labels import NONE, label, split_label

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

#: The gold files never trained on (the held-out part of the gold split).
HELD_OUT = frozenset(
    (
        "business-324 business-376 entertainment-295 entertainment-331 politics-341 "
        "politics-355 sport-354 sport-488 tech-219 tech-229"
    ).split()
)

CONLL_RELATIONS = {
    "Kill": "killed",
    "Work_For": "worksFor",
    "Live_In": "livesIn",
    "Located_In": "locatedIn",
    "OrgBased_In": "basedIn",
}

#: CoNLL04 types are coarser than kg's relations: a pair of such a type takes the rules'
#: finer reading of it when they have one ("born in" is Live_In there, bornIn in kg).
CONLL_FINER = {
    "livesIn": frozenset({"bornIn", "nationality"}),
    "worksFor": frozenset({"memberOf", "leaderOf"}),
}

#: Re-DocRED documents of ``test_revised.json`` kept out of training, for evaluation.
REDOCRED_HELD = 100


@dataclass
class Annotated:
    """One annotated text: entity spans and aliases, and relations between entity ids."""

    id: str
    source: str  # conll04, redocred or gold
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, entity)
    aliases: dict[str, str] = field(default_factory=dict)  # normalised alias -> entity
    relations: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (head, tail) -> character ranges of the evidence sentences; absent: anywhere
    evidence: dict[tuple[str, str], list[tuple[int, int]]] = field(default_factory=dict)


def normalise(text: str) -> str:
    """An alias for matching: lower case, no leading article, no possessive, single spaces.

    >>> normalise("The  Acme Group's")
    'acme group'
    """
    words = text.lower().replace("\u2019", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    out = " ".join(words)
    return out[:-2] if out.endswith("'s") else out


def _joined(tokens: list[str]) -> tuple[str, list[int]]:
    """Tokens joined by single spaces, and each token's start offset."""
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    return " ".join(tokens), starts


def conll04(path: Path) -> Iterator[Annotated]:
    """CoNLL04 records (SpERT JSON) as annotated texts."""
    records = json.loads(path.read_text(encoding="utf-8"))
    for n, rec in enumerate(records):
        text, starts = _joined(rec["tokens"])
        doc = Annotated(id=f"conll04-{n}", source="conll04", text=text)
        for i, ent in enumerate(rec["entities"]):
            end_tok = ent["end"] - 1
            doc.spans.append(
                (starts[ent["start"]], starts[end_tok] + len(rec["tokens"][end_tok]), str(i))
            )
        for r in rec["relations"]:
            doc.relations.setdefault((str(r["head"]), str(r["tail"])), CONLL_RELATIONS[r["type"]])
        yield doc


def redocred_mapping(path: Path) -> dict[str, tuple[str, bool]]:
    """Wikidata property -> (kg relation, same direction)."""
    out: dict[str, tuple[str, bool]] = {}
    with path.open(encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        out[row["pid"]] = (row["kg_relation"], row["direction"] == "same")
    return out


def redocred(path: Path, mapping: dict[str, tuple[str, bool]], prefix: str) -> Iterator[Annotated]:
    """Re-DocRED documents as annotated texts (relations mapped to kg's inventory)."""
    for n, rec in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        sent_texts = [_joined(s) for s in rec["sents"]]
        offsets, pos = [], 0
        for text, _ in sent_texts:
            offsets.append(pos)
            pos += len(text) + 1
        doc = Annotated(
            id=f"{prefix}-{n}", source="redocred", text=" ".join(t for t, _ in sent_texts)
        )
        ranges = [(offsets[i], offsets[i] + len(t)) for i, (t, _) in enumerate(sent_texts)]
        for e, mentions in enumerate(rec["vertexSet"]):
            for m in mentions:
                sid, (a, b) = m["sent_id"], m["pos"]
                tokens, starts = rec["sents"][sid], sent_texts[sid][1]
                start = offsets[sid] + starts[a]
                end = offsets[sid] + starts[b - 1] + len(tokens[b - 1])
                doc.spans.append((start, end, str(e)))
        for lab in sorted(rec["labels"], key=lambda x: (x["h"], x["t"], x["r"])):
            head, tail = str(lab["h"]), str(lab["t"])
            evidence = [ranges[i] for i in lab.get("evidence", [])]
            if lab["r"] not in mapping:
                # related, but not by an inventory relation: still not a "no relation" example
                doc.evidence.setdefault((head, tail), [])
                continue
            relation, same = mapping[lab["r"]]
            key = (head, tail) if same else (tail, head)
            doc.relations.setdefault(key, relation)
            doc.evidence.setdefault(key, []).extend(evidence)
        yield doc


def gold_file(path: Path) -> Annotated:
    """A gold annotation file and its article as an annotated text."""
    from kg.evaluate import gold_document_path
    from kg.io.readers import read_documents

    gold = json.loads(path.read_text(encoding="utf-8"))
    article = next(iter(read_documents([str(gold_document_path(path, gold))])))
    doc = Annotated(id=path.stem, source="gold", text=article.text)
    for ent in gold["entities"]:
        for alias in [ent["label"], *ent.get("aliases", [])]:
            doc.aliases.setdefault(normalise(alias), ent["id"])
    for rel in gold["relations"]:
        preds = rel["predicate"] if isinstance(rel["predicate"], list) else [rel["predicate"]]
        doc.relations.setdefault((rel["subject"], rel["object"]), preds[0])
    return doc


def gold_files(folder: Path, names: Iterable[str] | None = None) -> list[Annotated]:
    """The TUNE gold files (never the held-out ones), or those ``names``."""
    wanted = set(names) if names is not None else None
    out = []
    for path in sorted(folder.glob("*.json")):
        if path.stem in HELD_OUT and wanted is None:
            continue
        if wanted is not None and path.stem not in wanted:
            continue
        out.append(gold_file(path))
    return out


@dataclass(frozen=True)
class Example:
    """One labelled candidate pair: its hashed features, label and document."""

    doc: str
    source: str
    features: tuple[int, ...]
    label: str


def _entity_of(doc: Annotated, start: int, end: int, text: str) -> str | None:
    best, overlap = None, 0
    for s, e, ent in doc.spans:
        o = min(end, e) - max(start, s)
        if o > overlap:
            best, overlap = ent, o
    if best is not None:
        return best
    return doc.aliases.get(normalise(text))


def _label(
    doc: Annotated, first: str | None, second: str | None, span: tuple[int, int]
) -> str | None:
    """The label of a pair of aligned entities in the sentence ``span``; None: leave it out."""
    if first is None or second is None or first == second:
        return NONE
    for (head, tail), forward in (((first, second), True), ((second, first), False)):
        if (head, tail) in doc.evidence:
            ranges = doc.evidence[(head, tail)]
            here = any(s < span[1] and span[0] < e for s, e in ranges)
            if (head, tail) in doc.relations and here:
                return _labelled(doc.relations[(head, tail)], forward)
            return None  # related elsewhere or by a relation kg lacks: not a negative
        if (head, tail) in doc.relations:
            return _labelled(doc.relations[(head, tail)], forward)
    return NONE


def _labelled(relation: str, forward: bool) -> str | None:
    """The label of a gold relation; None for ``relatedTo`` (related, but by no inventory
    relation kg could name: neither a class to learn nor a negative)."""
    return None if relation == "relatedTo" else label(relation, forward)


def _finer(value: str, readings: list[str]) -> str:
    """A coarse CoNLL04 label made finer by the rules' reading of the same pair, if any."""
    relation, forward = split_label(value)
    for reading in sorted(readings):
        if reading in {label(r, forward) for r in CONLL_FINER.get(relation, ())}:
            return reading
    return value


def examples(docs: list[Annotated], batch_size: int = 32) -> Iterator[Example]:
    """The labelled candidate pairs of ``docs``, parsed by kg's pipeline."""
    from kg.extract import nlp as nlp_mod
    from kg.extract.base import quote_spans
    from kg.extract.entities import EntityExtractor
    from kg.extract.relations import DependencyExtractor
    from kg.graph.model import Document, Extraction
    from kg.learn.candidates import candidate_features, candidates, rule_readings, spans
    from kg.learn.features import hashed
    from kg.pipeline import _break_at_blank_lines

    nlp = nlp_mod.load(None)
    _break_at_blank_lines(nlp)
    entities = EntityExtractor()
    rules = DependencyExtractor()
    for start in range(0, len(docs), batch_size):
        batch = docs[start : start + batch_size]
        parsed = nlp_mod.parse([d.text for d in batch], nlp, len(batch))
        for ann, parse in zip(batch, parsed, strict=True):
            found = entities.extract(parse, Extraction(document=Document(ann.id, ann.text)))
            readings = rule_readings(rules.extract(parse, found).relations, rules.name)
            quotes = quote_spans(ann.text)
            for c in candidates(parse, found.mentions):
                sent = parse[c.first_span[0]].sent
                lab = _label(
                    ann,
                    _entity_of(ann, c.first.start, c.first.end, c.first.text),
                    _entity_of(ann, c.second.start, c.second.end, c.second.text),
                    (sent.start_char, sent.end_char),
                )
                if lab is None:
                    continue
                rules_say = readings.get(spans(c), [])
                if ann.source == "conll04" and lab != NONE:
                    lab = _finer(lab, rules_say)
                feats = candidate_features(parse, c, quotes, readings)
                yield Example(ann.id, ann.source, tuple(hashed(feats)), lab)
