"""The build pipeline: documents -> spaCy -> extractors -> resolution -> KnowledgeGraph.

>>> from kg.graph.model import Document
>>> kg = build_graph([Document(id="d", text="Acme Corp banned Bob Smith.")])
>>> [(r.subject.entity, r.predicate, r.object.entity) for r in kg.relations]
[('acme-corp', 'banned', 'bob-smith')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import registry
from kg.extract import nlp as nlp_mod
from kg.extract.base import Extractor
from kg.graph.model import Document, Extraction, KnowledgeGraph
from kg.resolve.document import DocumentEntities, merge, resolve_document
from kg.resolve.link import LinkOptions, link

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.parallel import Execution
    from kg.resolve.curation import Curation

#: The built-in extractors, in the order they run.
DEFAULT_EXTRACTORS = ("entities.v1", "dependency.v1", "quotes.v1")


@dataclass(frozen=True)
class BuildOptions:
    """Options of a build: the spaCy model, extractors, batch size and linking
    (:mod:`kg.resolve.link`)."""

    model: str | None = None
    extractors: Sequence[str] = DEFAULT_EXTRACTORS
    batch_size: int = 16
    min_confidence: float = 0.0
    #: Keep open relations (verbs outside the inventory, between two named entities).
    open_relations: bool = True
    linking: LinkOptions = LinkOptions()
    #: Join the entities of one real thing across documents (:mod:`kg.resolve.crossdoc`).
    cross_doc: bool = True


def load_extractors(names: Sequence[str]) -> list[Extractor]:
    """Instances of the registered extractors ``names``, in order."""
    return [registry.load(registry.EXTRACTORS, n)() for n in names]


def extract(
    documents: Iterable[Document],
    options: BuildOptions = BuildOptions(),
    progress: Callable[[Document], None] | None = None,
) -> Iterator[DocumentEntities]:
    """Parse and extract documents one at a time (streamed; no parse is kept).

    A document longer than :data:`kg.extract.split.MAX_CHARS` is parsed and extracted piece by piece
    (bounded memory), its findings shifted to whole-document offsets, then resolved once.
    """
    from kg.extract import split
    from kg.io.readers import looks_english

    nlp = nlp_mod.load(options.model)
    _break_at_blank_lines(nlp)
    extractors = load_extractors(options.extractors)
    parts: list[Extraction] = []
    for batch in split.batches(split.pieces(documents), options.batch_size):
        parsed = nlp_mod.parse([p.text for p in batch], nlp, len(batch))
        for piece, doc in zip(batch, parsed, strict=True):
            found = Extraction(document=piece.part())
            if looks_english(piece.document):  # another language: no findings
                for extractor in extractors:
                    found = extractor.extract(doc, found)
            parts.append(split.shift(found, piece.start, piece.document))
            if not piece.last:
                continue
            document, found, parts = piece.document, split.join(piece.document, parts), []
            yield _finish(document, found, options, progress)


def _finish(
    document: Document,
    found: Extraction,
    options: BuildOptions,
    progress: Callable[[Document], None] | None,
) -> DocumentEntities:
    """What :func:`extract` yields for one document: its findings filtered and resolved."""
    if options.min_confidence > 0 or not options.open_relations:
        from dataclasses import replace

        kept = tuple(
            r
            for r in found.relations
            if r.confidence >= options.min_confidence and (options.open_relations or not r.open)
        )
        found = replace(found, relations=kept)
    if progress is not None:
        progress(document)
    return resolve_document(found)


def build_graph(
    documents: Iterable[Document],
    options: BuildOptions = BuildOptions(),
    progress: Callable[[Document], None] | None = None,
    execution: Execution | None = None,
    curation: Curation | None = None,
) -> KnowledgeGraph:
    """The knowledge graph of ``documents``: extracted, resolved, merged, linked, dated (facts'
    dates normalised, :mod:`kg.analysis.timeline`), then curated.

    ``execution`` (:class:`kg.parallel.Execution`) runs extraction on worker processes or
    Dask and through a cache; the graph is the same either way. ``curation`` (a file read by
    :func:`kg.resolve.curation.load`) is applied last, to the names the analyst saw in the graph.
    """
    if execution is None:
        results: Iterable[DocumentEntities] = extract(documents, options, progress)
    else:
        from kg.parallel import run

        results = run(documents, options, execution, progress)
    if not options.cross_doc:
        kg = link(merge(results), options.linking)
    else:
        from kg.resolve.crossdoc import Collector

        collector = Collector()
        kg = link(collector.resolve(merge(collector.watch(results))), options.linking)
    from kg.analysis.timeline import date_facts

    kg = date_facts(kg)  # dates read in clauses, as ISO 8601 (the year from publication)
    if curation is not None:
        from kg.resolve.curation import apply

        kg = apply(kg, curation)
    return kg


def _break_at_blank_lines(nlp: Language) -> None:
    """Make every line break a sentence break (a headline is not part of the first sentence).

    Adds, once, a component before the parser that marks the token after a line break as a
    sentence start; the parser keeps such preset boundaries.
    """
    from spacy.language import Language

    name = "kg_line_breaks"
    if name in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    if not Language.has_factory(name):

        @Language.component(name)
        def line_breaks(doc: Doc) -> Doc:
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                    tok.is_sent_start = True
            return doc

    nlp.add_pipe(name, before="parser")
