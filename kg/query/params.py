r"""Query parameters: ``kg query ... --var name="Jo Bloggs"`` sets ``?name`` in the query.

A value becomes one RDF term, written so that nothing in it can change the query around it:

- ``<http://...>`` is an IRI (characters that no IRI may hold are refused);
- ``prefix:local``, with a prefix the query declares or kg predeclares (``kgo:memberOf``), is
  that IRI, written out in full;
- anything else is a string literal, with ``\``, quotes and line breaks escaped.

The terms go into the query as a ``VALUES`` clause: an existing one-variable
``VALUES ?name { ... }`` block (the default value a query file shows) has its values replaced;
otherwise a ``VALUES ?name { ... }`` clause is added at the end of the query (the trailing
``VALUES`` of SPARQL 1.1, allowed after every query form). The same name given several times
gives several values (one row each).

>>> bind("SELECT * WHERE { VALUES ?name { \"Old\" } ?e rdfs:label ?name }", [("name", "Jo")])
'SELECT * WHERE { VALUES ?name { "Jo" } ?e rdfs:label ?name }'
>>> print(bind("ASK { ?e ?p ?x }", [("p", "kgo:memberOf")]))
ASK { ?e ?p ?x }
VALUES ?p { <https://w3id.org/kg/ontology#memberOf> }
>>> term('say "hi"\\ \n', {})
'"say \\"hi\\"\\\\ \\n"'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.errors import UsageError

_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PNAME = re.compile(r"([A-Za-z][\w.-]*)?:([A-Za-z0-9_](?:[\w.-]*[\w-])?)\Z")
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def parse_var(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` (the form of ``--var``) as ``(name, value)``; a leading ``?`` or ``$`` on
    the name is allowed.

    >>> parse_var("name=Jo Bloggs"), parse_var("?n=a=b")
    (('name', 'Jo Bloggs'), ('n', 'a=b'))
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARNAME.match(name):
        raise UsageError(
            f'bad --var {text!r}: write NAME=VALUE, e.g. --var name="Jo Bloggs" '
            "(NAME: letters, digits, _)"
        )
    return name, value


def term(value: str, prefixes: dict[str, str]) -> str:
    """``value`` as one SPARQL term (see the module docstring for the three kinds)."""
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        iri = value[1:-1]
        if _IRI_FORBIDDEN.search(iri):
            raise UsageError(
                f"bad IRI {value}: an IRI cannot hold spaces, quotes, braces or <>; "
                "to match a text, give it without the angle brackets"
            )
        return f"<{iri}>"
    pname = _PNAME.match(value)
    if pname and (pname.group(1) or "") in prefixes:
        iri = prefixes[pname.group(1) or ""] + pname.group(2)
        if not _IRI_FORBIDDEN.search(iri):
            return f"<{iri}>"
    return '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'


def _values_blocks(query: str, name: str) -> tuple[list[tuple[int, int]], bool]:
    """Spans of the insides of the ``VALUES ?name { ... }`` blocks of ``query`` (outside
    strings, IRIs and comments), and whether ``?name`` / ``$name`` occurs at all."""
    from kg.query.sparql import _tokens

    tokens = list(_tokens(query))
    spans: list[tuple[int, int]] = []
    used = False
    wanted = {f"?{name}", f"${name}"}
    for i, m in enumerate(tokens):
        text = m.group()
        used = used or text.rstrip(".") in wanted
        if text.upper() != "VALUES" or i + 2 >= len(tokens):
            continue
        var, brace = tokens[i + 1], tokens[i + 2]
        if var.group() == "(":  # VALUES (?a ?b) { ... }: a table of several variables
            j = i + 2
            while j < len(tokens) and tokens[j].group() != ")":
                if tokens[j].group() in wanted:
                    raise UsageError(
                        f"cannot set ?{name}: the query gives it in a VALUES table with other "
                        "variables; edit the query, or give it a VALUES block of its own"
                    )
                j += 1
            continue
        if var.group() not in wanted or brace.group() != "{":
            continue
        depth = 0
        for close in tokens[i + 2 :]:
            depth += {"{": 1, "}": -1}.get(close.group(), 0)
            if depth == 0:
                spans.append((brace.end(), close.start()))
                break
    return spans, used


def bind(query: str, variables: Sequence[tuple[str, str]]) -> str:
    """``query`` with each variable of ``variables`` (``(name, value)`` pairs) set by VALUES."""
    from kg.query.sparql import declared_prefixes

    prefixes = declared_prefixes(query)
    values: dict[str, list[str]] = {}
    for name, value in variables:
        values.setdefault(name, []).append(term(value, prefixes))
    for name, terms in values.items():
        data = " " + " ".join(terms) + " "
        spans, used = _values_blocks(query, name)
        if spans:
            for start, end in reversed(spans):
                query = query[:start] + data + query[end:]
        elif used:
            query = query.rstrip("\n") + f"\nVALUES ?{name} {{{data}}}"
        else:
            raise UsageError(
                f"the query has no variable ?{name}: --var sets a variable the query uses"
            )
    return query
