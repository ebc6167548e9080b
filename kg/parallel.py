"""Running the per-document work: in this process, on a process pool, or on Dask; with a cache.

Extraction is a map over documents; :func:`kg.resolve.document.merge` is the reduce. Documents are
cut,
in input order, into chunks of ``chunk_size`` (the spaCy batch); the documents of a chunk that
the cache does not know are parsed and extracted together by one worker, and the results come
back in input order whatever finishes first. The parser gives the same analysis to a text
whatever batch it is in, so the graph does not depend on ``--jobs``, the scheduler or the cache.
At most a few chunks per worker are in flight: documents are streamed, never all held.

>>> from kg.graph.model import Document
>>> from kg.pipeline import BuildOptions
>>> docs = [Document(id="d", text="Acme Corp banned Bob Smith.")]
>>> [r.extraction.document.id for r in run(docs, BuildOptions(), Execution())]
['d']
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import UsageError
from kg.graph.model import Document

if TYPE_CHECKING:
    from kg.cache import ResultCache
    from kg.pipeline import BuildOptions
    from kg.resolve.document import DocumentEntities

#: How many chunks per worker may be queued or running at once.
IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True)
class Execution:
    """How to run a build (never what it computes): workers, scheduler, cache.

    ``jobs`` worker processes on this machine (1: in this process); ``scheduler`` a Dask
    scheduler address (``tcp://host:8786``) or ``local:N`` for a local cluster of N worker
    processes; ``cache_dir`` where per-document results are kept (None: no cache).
    """

    jobs: int = 1
    scheduler: str | None = None
    cache_dir: str | None = None
    chunk_size: int | None = None  # default: the spaCy batch size

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {self.jobs}")


class _Future(Protocol):
    def result(self) -> Any: ...


class _Submitter(Protocol):
    workers: int

    def submit(self, documents: list[Document]) -> _Future: ...

    def close(self) -> None: ...


def process_chunk(documents: Sequence[Document], options: BuildOptions) -> list[DocumentEntities]:
    """Parse, extract and resolve ``documents`` (one spaCy batch), in order.

    The unit of work sent to a worker; the worker loads the model once and keeps it.
    """
    from kg.pipeline import extract

    return list(extract(documents, replace(options, batch_size=max(len(documents), 1))))


def _warm(model: str | None) -> None:
    """Load the model when a worker starts (workers start together: model loads overlap).

    A worker ignores Ctrl-C: at a terminal it reaches the whole process group, and the parent
    is the one that stops the build and shuts the pool down (a worker interrupted while
    loading its model would print a traceback of its own).
    """
    from kg.extract import nlp
    from kg.io.signals import ignore_held_interrupts

    ignore_held_interrupts()
    nlp.load(model)


@dataclass
class _Done:
    value: Any

    def result(self) -> Any:
        return self.value


@dataclass
class _InProcess:
    options: BuildOptions
    workers: int = 1

    def submit(self, documents: list[Document]) -> _Future:
        return _Done(process_chunk(documents, self.options))

    def close(self) -> None:
        pass


@dataclass
class _Pool:
    options: BuildOptions
    workers: int
    pool: Any = field(init=False)

    def __post_init__(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: workers start clean (no copied locks or threads) on every platform.
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(self.options.model,),
        )

    def submit(self, documents: list[Document]) -> _Future:
        # a submit may start a worker or one of the pool's threads: Ctrl-C and SIGTERM are
        # held back meanwhile, so that they cannot cut the pool's set-up half-way; the parent
        # gets them as the submit returns. What starts here inherits the hold: the pool's
        # threads keep it, so the signals always reach the main thread (and the main
        # thread's holds, as around a cache write, work); a worker lets go (see _warm)
        import signal

        from kg.io.signals import held

        with held(signal.SIGINT, signal.SIGTERM):
            return self.pool.submit(process_chunk, documents, self.options)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _dask_client(scheduler: str) -> tuple[Any, Any]:
    """A Dask client for ``tcp://...`` or a new local cluster for ``local:N``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'kg-builder[distributed]'") from None
    if scheduler.startswith("local:"):
        try:
            n = int(scheduler.split(":", 1)[1])
        except ValueError:
            n = 0
        if n < 1:
            raise UsageError(
                f"bad scheduler {scheduler!r}: write local:N with N >= 1, e.g. local:2"
            )
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=30), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler {scheduler!r} ({exc}): "
            "check the address, e.g. tcp://host:8786"
        ) from None


@dataclass
class _Dask:
    options: BuildOptions
    scheduler: str
    workers: int = field(init=False)
    client: Any = field(init=False)
    cluster: Any = field(init=False)

    def __post_init__(self) -> None:
        self.client, self.cluster = _dask_client(self.scheduler)
        self.workers = max(len(self.client.scheduler_info().get("workers", {})), 1)

    def submit(self, documents: list[Document]) -> _Future:
        return self.client.submit(process_chunk, documents, self.options, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _submitter(options: BuildOptions, execution: Execution) -> _Submitter:
    if execution.scheduler:
        return _Dask(options, execution.scheduler)
    if execution.jobs > 1:
        return _Pool(options, execution.jobs)
    return _InProcess(options)


def settings_key(options: BuildOptions) -> str:
    """Everything besides the document that a cached result depends on."""
    from kg import registry
    from kg.cache import CACHE_FORMAT, ROOT_MODULES, code_fingerprint, module_fingerprint
    from kg.extract import nlp

    classes = [registry.load(registry.EXTRACTORS, n) for n in options.extractors]
    modules = sorted({c.__module__ for c in classes if c.__module__.split(".")[0] == "kg"})
    parts = (
        CACHE_FORMAT,
        nlp.model_fingerprint(options.model),
        code_fingerprint(ROOT_MODULES + tuple(modules)),
        module_fingerprint(classes),
        ",".join(options.extractors),
        repr(float(options.min_confidence)),
        repr(options.open_relations),
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass
class _Chunk:
    documents: list[Document]
    keys: list[str | None]
    #: per document: its result, None (to compute), or the cache key of an earlier document
    #: with the same text (a copy: parsed once, the result relabelled)
    results: list[DocumentEntities | str | None]
    future: _Future | None = None


def _chunks(documents: Iterable[Document], size: int, workers: int = 1) -> Iterator[list[Document]]:
    """``documents`` in chunks of ``size``, in order.

    For several ``workers``, the last documents (up to ``workers + 1`` chunks' worth, read
    ahead) are cut into smaller chunks: the workers then finish together, instead of one
    parsing a whole last chunk while the others wait. The parse does not depend on the batch.

    >>> docs = [Document(str(i), "x") for i in range(40)]
    >>> [len(c) for c in _chunks(docs, 16)], [len(c) for c in _chunks(docs, 16, workers=2)]
    ([16, 16, 8], [5, 5, 5, 5, 5, 5, 5, 5])
    """
    held: list[Document] = []
    ahead = size * workers if workers > 1 else 0
    for doc in documents:
        held.append(doc)
        if len(held) >= size + ahead:
            yield held[:size]
            del held[:size]
    if not held:
        return
    small = size if workers <= 1 else max(1, -(-len(held) // (4 * workers)))
    for start in range(0, len(held), small):
        yield held[start : start + small]


def _text_hash(document: Document) -> str:
    return hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).hexdigest()


def _relabel(value: Any, old: str, new: str) -> Any:
    """``value`` with the document id ``old`` replaced by ``new`` in every ``doc_id`` and
    ``documents`` field of the dataclasses (and tuples of them) it is made of."""
    if isinstance(value, tuple):
        items = tuple(_relabel(v, old, new) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in fields(value):
        current = getattr(value, f.name)
        if f.name == "doc_id" and current == old:
            changes[f.name] = new
        elif f.name == "documents" and isinstance(current, tuple):
            if old in current:
                changes[f.name] = tuple(sorted({new if d == old else d for d in current}))
        else:
            updated = _relabel(current, old, new)
            if updated is not current:
                changes[f.name] = updated
    return replace(value, **changes) if changes else value


def for_document(result: DocumentEntities, document: Document) -> DocumentEntities:
    """``result`` (of a document with the same text) as the result of ``document``.

    Extraction reads only the text; the document's id is a label on what it finds.
    """
    old = result.extraction.document
    if old.id != document.id:
        result = _relabel(result, old.id, document.id)
    return replace(result, extraction=replace(result.extraction, document=document))


def _expected_workers(execution: Execution) -> int:
    """How many workers ``execution`` will have, as far as known before connecting (1: unknown)."""
    if execution.scheduler:
        name, _, n = execution.scheduler.partition(":")
        return int(n) if name == "local" and n.isdigit() else 1
    return execution.jobs


def run(
    documents: Iterable[Document],
    options: BuildOptions,
    execution: Execution,
    progress: Callable[[Document], None] | None = None,
) -> Iterator[DocumentEntities]:
    """The resolved documents, in input order, computed as ``execution`` says.

    With a cache, a text met again in the run (a duplicate article under another name) is
    parsed once: the copy takes the first one's result from the cache, relabelled.
    """
    cache: ResultCache | None = None
    settings = ""
    if execution.cache_dir is not None:
        from kg.cache import ResultCache

        cache = ResultCache(execution.cache_dir)
        settings = settings_key(options)
    size = execution.chunk_size or options.batch_size
    submitter: _Submitter | None = None
    pending: deque[_Chunk] = deque()
    texts: dict[str, str] = {}  # text hash -> cache key of the first document with that text
    try:
        for docs in _chunks(documents, size, _expected_workers(execution)):
            chunk = _Chunk(docs, [None] * len(docs), [None] * len(docs))
            todo: list[Document] = []
            for i, doc in enumerate(docs):
                if cache is not None:
                    key = chunk.keys[i] = cache.key(doc, settings)
                    hit = cache.get(key)
                    if hit is not None:
                        chunk.results[i] = for_document(hit, doc)
                        continue
                    text = _text_hash(doc)
                    if text in texts:
                        chunk.results[i] = texts[text]
                        continue
                    texts[text] = key
                todo.append(doc)
            if todo:
                if submitter is None:
                    submitter = _submitter(options, execution)
                chunk.future = submitter.submit(todo)
            pending.append(chunk)
            limit = (submitter.workers if submitter else 1) * IN_FLIGHT_PER_WORKER
            while len(pending) > limit or (pending and pending[0].future is None):
                yield from _finish(pending.popleft(), options, cache, progress)
        while pending:
            yield from _finish(pending.popleft(), options, cache, progress)
    finally:
        if submitter is not None:
            submitter.close()


def _finish(
    chunk: _Chunk,
    options: BuildOptions,
    cache: ResultCache | None,
    progress: Callable[[Document], None] | None,
) -> Iterator[DocumentEntities]:
    computed = iter(chunk.future.result() if chunk.future is not None else ())
    for doc, key, known in zip(chunk.documents, chunk.keys, chunk.results, strict=True):
        if isinstance(known, str):  # the same text as an earlier document, finished before
            source = cache.get(known) if cache is not None else None
            result = (
                for_document(source, doc)
                if source is not None
                else process_chunk([doc], options)[0]  # the cache could not be written
            )
        elif known is None:
            result = next(computed)
        else:
            result = known
        if (known is None or isinstance(known, str)) and cache is not None and key is not None:
            cache.put(key, result)
        if progress is not None:
            progress(doc)
        yield result
