"""The analyst's word on a built graph: a curation file applied at build time.

A curation file is a YAML list, one action per item (one per line is the usual form, so that
``kg suspects`` can print lines to paste):

.. code-block:: yaml

    - merge: [Fictional Party, Fictionals, FP]   # these names are one entity (the first's label)
    - not-entity: the committee                  # a name that is no entity: node and facts go
    - type: [Acme, Organization]                 # force the core class
    - alias: [Acme Corp, Acme Corporation]       # add names the entity is also known by
    - drop: [Jo Bloggs, memberOf, Acme Corp]     # drop a fact (subject, predicate, object)

A *name* is an entity's label, any case, else its id (``Acme Corp`` or ``acme-corp``); after a
merge, every merged name names the merged entity. Actions apply in a fixed order whatever
their order in the file: not-entity, merge, type, alias, drop. A name that matches nothing in
this build is a warning (a curation file outlives one build), never an error; a malformed file
is an error that gives its line.

The graph records what was applied: a ``prov:Activity`` node for the file (its name and
SHA-256) and ``prov:wasInfluencedBy`` from every entity the curation changed.

>>> from kg.graph.model import Entity, KnowledgeGraph
>>> c = parse("- merge: [Acme Corp, Acme]\\n- type: [Acme Corp, Organization]\\n", "c.yaml")
>>> kg = KnowledgeGraph(entities=(Entity("acme", "Acme", "Person", mentions=2),
...                               Entity("acme-corp", "Acme Corp", "Organization")))
>>> [(e.id, e.label, e.type, e.aliases) for e in apply(kg, c).entities]
[('acme-corp', 'Acme Corp', 'Organization', ('Acme',))]
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.graph.model import (
    CORE_TYPES,
    CurationRecord,
    Entity,
    KnowledgeGraph,
    Mention,
    Quotation,
    Relation,
)

__all__ = ["ACTIONS", "Action", "Curation", "CurationRecord", "apply", "load", "parse"]

log = logging.getLogger("kg")

#: The actions of a curation file, in the order they are applied.
ACTIONS = ("not-entity", "merge", "type", "alias", "drop")


@dataclass(frozen=True)
class Action:
    """One item of a curation file: its action, its names, and the line it is on."""

    kind: str
    args: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Curation:
    """A parsed curation file."""

    name: str  # the file's name, as recorded in the graph
    sha256: str
    actions: tuple[Action, ...] = ()


def load(path: str | Path) -> Curation:
    """Read and check the curation file ``path``."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the curation file {p}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{p}: the curation file is not UTF-8 text") from None
    return parse(text, p.name, hashlib.sha256(data).hexdigest(), str(p))


def parse(text: str, name: str, sha256: str = "", where: str | None = None) -> Curation:
    """Check a curation file's text; :class:`InputError` ``FILE:LINE: message`` when it is bad.

    >>> parse("- type: [Acme, Company]", "c.yaml")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kg.errors.InputError: c.yaml:1: type: Company is no core class; use one of Person, ...
    """
    import yaml

    where = where or name
    sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "not YAML").strip()
        raise InputError(f"{where}:{line}: not valid YAML ({problem})") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{where}: not valid YAML ({exc})") from None
    if root is None:
        return Curation(name, sha256)
    if not isinstance(root, yaml.SequenceNode):
        raise InputError(
            f"{where}:{root.start_mark.line + 1}: a curation file is a list of actions "
            "('- merge: [A, B]', ...)"
        )
    actions = [_action(item, where) for item in root.value]
    return Curation(name, sha256, tuple(actions))


def _action(node: Any, where: str) -> Action:
    import yaml

    line = node.start_mark.line + 1

    def bad(message: str) -> InputError:
        return InputError(f"{where}:{line}: {message}")

    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        raise bad(f"each item is one action ({', '.join(ACTIONS)}), e.g. '- merge: [A, B]'")
    key, value = node.value[0]
    kind = key.value if isinstance(key, yaml.ScalarNode) else ""
    if kind not in ACTIONS:
        raise bad(f"unknown action {kind!r}; use one of {', '.join(ACTIONS)}")
    if isinstance(value, yaml.ScalarNode):
        items = [value]
    elif isinstance(value, yaml.SequenceNode):
        items = list(value.value)
    else:
        raise bad(f"{kind}: give a name or a list of names, e.g. '- {kind}: [A, B]'")
    args: list[str] = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise bad(f"{kind}: every item is a non-empty name")
        args.append(" ".join(str(item.value).split()))
    wanted = {"not-entity": (1, None), "merge": (2, None), "type": (2, 2), "alias": (2, None)}
    low, high = wanted.get(kind, (3, 3))
    if len(args) < low or (high is not None and len(args) > high):
        shape = {
            "not-entity": "a name",
            "merge": "two names or more",
            "type": "a name and a core class",
            "alias": "a name and one alias or more",
            "drop": "a subject, a predicate and an object",
        }[kind]
        raise bad(f"{kind}: give {shape}, got {len(args)} item{'s' * (len(args) != 1)}")
    if kind == "type" and args[1] not in CORE_TYPES:
        raise bad(f"type: {args[1]} is no core class; use one of {', '.join(CORE_TYPES)}")
    if kind == "drop":
        args[1] = args[1].removeprefix("kgo:").removeprefix("kgx:")
    return Action(kind, tuple(args), line)


# ----------------------------------------------------------------------------------- applying


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class _Names:
    """Entity ids by name (label or id, any case), followed through merges."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.ids: dict[str, set[str]] = defaultdict(set)
        for e in entities.values():
            self.labels[_key(e.label)].add(e.id)
            self.ids[_key(e.id)].add(e.id)

    def find(self, name: str, entities: dict[str, Entity]) -> list[str]:
        """The entities labelled ``name``, else the one of that id ("Kilroy-Bloggs" is the
        label of one node and the id of "Kilroy Bloggs": the label wins)."""
        for table in (self.labels, self.ids):
            found = sorted(i for i in table.get(_key(name), ()) if i in entities)
            if found:
                return found
        return []

    def moved(self, old: str, new: str) -> None:
        for table in (self.labels, self.ids):
            for ids in table.values():
                if old in ids:
                    ids.discard(old)
                    ids.add(new)


def apply(kg: KnowledgeGraph, curation: Curation) -> KnowledgeGraph:
    """``kg`` with the actions of ``curation`` applied (see the module's docstring)."""
    entities = {e.id: e for e in kg.entities}
    names = _Names(entities)
    target: dict[str, str] = {}  # entity id -> the id it merged into
    removed: set[str] = set()
    changed: set[str] = set()
    drops: dict[tuple[str, str, str], Action] = {}
    by_kind = sorted(curation.actions, key=lambda a: (ACTIONS.index(a.kind), a.line))

    def found(action: Action, name: str) -> list[str]:
        ids = names.find(name, entities)
        if not ids:
            log.warning(
                "%s:%d: %s: no entity is named %r in this build",
                curation.name,
                action.line,
                action.kind,
                name,
            )
        return ids

    for action in by_kind:
        if action.kind == "not-entity":
            for eid in found(action, action.args[0]):
                removed.add(eid)
                del entities[eid]
        elif action.kind == "merge":
            ids = [i for name in action.args for i in found(action, name)]
            ids = list(dict.fromkeys(ids))
            if len(ids) < 2:
                continue
            keep = ids[0]
            for other in ids[1:]:
                entities[keep] = _merged(entities[keep], entities.pop(other))
                target[other] = keep
                names.moved(other, keep)
            for old, new in list(target.items()):
                if new in target:
                    target[old] = target[new]
            changed.add(keep)
        elif action.kind == "type":
            for eid in found(action, action.args[0]):
                entities[eid] = replace(entities[eid], type=action.args[1])
                changed.add(eid)
        elif action.kind == "alias":
            for eid in found(action, action.args[0]):
                e = entities[eid]
                aliases = (set(e.aliases) | set(action.args[1:])) - {e.label}
                entities[eid] = replace(e, aliases=tuple(sorted(aliases)))
                changed.add(eid)
        else:
            subjects = found(action, action.args[0])
            objects = found(action, action.args[2])
            for s in subjects:
                for o in objects:
                    drops.setdefault((s, action.args[1], o), action)
    changed &= set(entities)
    record = CurationRecord(
        curation.name, curation.sha256, len(curation.actions), tuple(sorted(changed))
    )
    out, used = _moved(kg, target, removed, set(drops))
    for action in dict.fromkeys(a for k, a in drops.items() if k not in used):
        if not any(drops[k] is action for k in used):
            log.warning(
                "%s:%d: drop: no fact %s in this build",
                curation.name,
                action.line,
                " ".join(action.args),
            )
    return replace(
        out,
        entities=tuple(entities[k] for k in sorted(entities)),
        curation=(*kg.curation, record),
    )


def _merged(keep: Entity, other: Entity) -> Entity:
    aliases = (set(keep.aliases) | set(other.aliases) | {other.label}) - {keep.label}
    return replace(
        keep,
        aliases=tuple(sorted(aliases)),
        documents=tuple(sorted(set(keep.documents) | set(other.documents))),
        mentions=keep.mentions + other.mentions,
        same_as=tuple(sorted(set(keep.same_as) | set(other.same_as))),
        joined=tuple(sorted((set(keep.joined) | set(other.joined) | {other.label}) - {keep.label})),
    )


def _moved(
    kg: KnowledgeGraph,
    target: dict[str, str],
    removed: set[str],
    drops: set[tuple[str, str, str]],
) -> tuple[KnowledgeGraph, set[tuple[str, str, str]]]:
    """Facts and quotations with merged ids moved, removed entities' facts and dropped facts
    left out, facts that became reflexive left out."""

    def moved(m: Mention) -> Mention:
        new = target.get(m.entity, m.entity)
        return m if new == m.entity else replace(m, entity=new)

    relations: list[Relation] = []
    seen: set[Relation] = set()
    used: set[tuple[str, str, str]] = set()
    for r in kg.relations:
        s, o = moved(r.subject), moved(r.object)
        if s.entity in removed or o.entity in removed or (s.entity and s.entity == o.entity):
            continue
        if (s.entity, r.predicate, o.entity) in drops:
            used.add((s.entity, r.predicate, o.entity))
            continue
        speaker = r.attributed_to and moved(r.attributed_to)
        if speaker is not None and speaker.entity in removed:
            speaker = None
        r2 = replace(r, subject=s, object=o, attributed_to=speaker)
        if r2 not in seen:
            seen.add(r2)
            relations.append(r2)
    quotations: list[Quotation] = []
    for q in kg.quotations:
        speaker = q.speaker and moved(q.speaker)
        if speaker is not None and speaker.entity in removed:
            speaker = None
        quotations.append(replace(q, speaker=speaker))
    mentions = tuple(m2 for m in kg.mentions if (m2 := moved(m)).entity not in removed)
    out = replace(kg, relations=tuple(relations), quotations=tuple(quotations), mentions=mentions)
    return out, used
