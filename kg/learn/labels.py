"""Labels of a candidate pair: an inventory relation with its direction, or :data:`NONE`.

A pair is always taken in text order (``first``, ``second``). ``"memberOf>"`` means the first
mention is the subject; ``"memberOf<"`` that the second is. Symmetric relations have only
``">"``.

>>> label("memberOf", forward=True), label("memberOf", forward=False)
('memberOf>', 'memberOf<')
>>> label("spouseOf", forward=False)
'spouseOf>'
>>> split_label("memberOf<")
('memberOf', False)
"""

from __future__ import annotations

NONE = "NONE"

#: Symmetric relations of the inventory (``shared/ontology/relations.tsv``, symmetric=yes).
SYMMETRIC = frozenset({"rivalOf", "allyOf", "spouseOf", "metWith", "agreementWith"})


def label(relation: str, forward: bool) -> str:
    """The label of ``relation`` between a pair in text order; ``forward`` when the first
    mention is the subject."""
    if relation in SYMMETRIC or forward:
        return relation + ">"
    return relation + "<"


def split_label(value: str) -> tuple[str, bool]:
    """``(relation, forward)`` of a label other than :data:`NONE`."""
    return value[:-1], value.endswith(">")
