"""A gazetteer of countries and country-like places: names, aliases and demonyms.

The data is ``kg/data/countries.tsv`` (ISO 3166 names and the public list of demonyms). Lookups
ignore case, accents, hyphens, a leading "the" and a trailing "'s", except that short all-caps
acronyms match in exact case only, so the pronoun "us" is not the country "US".

>>> lookup("French").name
'France'
>>> lookup("the US").iso2
'US'
>>> lookup("us") is None
True
>>> lookup("Côte d’Ivoire's").iso2
'CI'
>>> is_demonym("Germans"), is_demonym("Germany")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "Country",
    "Place",
    "best_place",
    "countries",
    "country_links",
    "first_name_gender",
    "is_demonym",
    "lookup",
    "lookup_all",
    "match_key",
    "place",
    "region",
]

_COLUMNS = ["iso2", "name", "aliases", "demonyms"]

#: An all-caps acronym ("US", "U.S.", "DPRK"): matched in exact case only.
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")

#: Entries that, written in lower case, are ordinary English words ("turkey", "china", "poles",
#: "guinea pig", "jersey"): they match only when the text has a capital letter.
_COMMON_WORDS = frozenset(
    {
        "bermuda",
        "brit",
        "brits",
        "chad",
        "chile",
        "china",
        "dane",
        "danes",
        "finn",
        "finns",
        "guernsey",
        "guinea",
        "jersey",
        "kiwi",
        "kiwis",
        "panama",
        "pole",
        "poles",
        "scot",
        "scots",
        "swede",
        "swedes",
        "turk",
        "turkey",
        "turks",
    }
)


@dataclass(frozen=True)
class Country:
    """A country (or country-like place): ISO 3166-1 alpha-2 code, common name, other forms.

    ``iso2`` is an ISO 3166-2 subdivision code (``GB-SCT``) for the nations of the United
    Kingdom, which have no alpha-2 code.
    """

    iso2: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


@cache
def countries() -> tuple[Country, ...]:
    """Every row of ``countries.tsv``, in file order (read once)."""
    text = (resources.files("kg") / "data" / "countries.tsv").read_text(encoding="utf-8")
    rows: list[Country] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != _COLUMNS:
                raise ValueError(f"countries.tsv:{number}: header must be {_COLUMNS}")
            header_seen = True
            continue
        if len(fields) != len(_COLUMNS) or not fields[0] or not fields[1]:
            raise ValueError(f"countries.tsv:{number}: expected 4 tab-separated columns")
        iso2, name, aliases, demonyms = (field.strip() for field in fields)
        rows.append(Country(iso2, name, _split(aliases), _split(demonyms)))
    return tuple(rows)


def _clean(text: str) -> str:
    """Trim the text around a name: spaces, curly quotes, "the ", a possessive "'s"."""
    text = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    if text[:4].lower() == "the ":
        text = text[4:].lstrip()
    if text.endswith(("'s", "'S")):
        text = text[:-2].rstrip()
    return text


def _fold(text: str) -> str:
    """The case-, accent- and punctuation-insensitive key of a name.

    >>> _fold("St. Kitts & Nevis"), _fold("Guinea–Bissau"), _fold("D.R. Congo")
    ('saint kitts and nevis', 'guinea bissau', 'dr congo')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[-\u2010\u2011\u2012\u2013\u2014]", " ", text)
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\bst\b\.?", "saint", text)
    text = text.replace(".", "")
    return " ".join(text.split())


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[Country, ...]]  # acronyms, exact case
    folded: dict[str, tuple[Country, ...]]  # everything else, by _fold key
    demonyms: frozenset[str]  # _fold keys of demonyms


def _add(table: dict[str, tuple[Country, ...]], key: str, country: Country) -> None:
    found = table.get(key, ())
    if country not in found:
        table[key] = (*found, country)


@cache
def _index() -> _Index:
    exact: dict[str, tuple[Country, ...]] = {}
    folded: dict[str, tuple[Country, ...]] = {}
    demonyms: set[str] = set()
    for country in countries():
        for form in (country.name, *country.aliases, *country.demonyms):
            if _ACRONYM.fullmatch(form):
                _add(exact, form, country)
            else:
                _add(folded, _fold(form), country)
        demonyms.update(_fold(form) for form in country.demonyms)
    return _Index(exact, folded, frozenset(demonyms))


@lru_cache(maxsize=1 << 16)  # the same words come back in every article
def _candidates(text: str) -> tuple[tuple[Country, ...], str]:
    cleaned = _clean(text)
    if not cleaned:
        return (), ""
    index = _index()
    if cleaned in index.exact:
        return index.exact[cleaned], ""
    key = _fold(cleaned)
    if key in _COMMON_WORDS and cleaned.islower():
        return (), key
    return index.folded.get(key, ()), key


def lookup_all(text: str) -> tuple[Country, ...]:
    """Every country ``text`` may name (more than one for "Korea", "Congolese"...).

    >>> [c.name for c in lookup_all("Korean")]
    ['North Korea', 'South Korea']
    """
    return _candidates(text)[0]


def lookup(text: str) -> Country | None:
    """The country named by ``text`` (a name, alias or demonym), or None if none or ambiguous.

    >>> lookup("Britons").iso2, lookup("U.S.A.").iso2, lookup("Congolese")
    ('GB', 'US', None)
    """
    found = lookup_all(text)
    return found[0] if len(found) == 1 else None


def is_demonym(text: str) -> bool:
    """True if ``text`` is a demonym or national adjective ("Afghan", "British", "Poles").

    >>> is_demonym("British"), is_demonym("poles"), is_demonym("Poles")
    (True, False, True)
    """
    found, key = _candidates(text)
    return bool(found) and key in _index().demonyms


@cache
def _regions() -> dict[str, str]:
    """Forms of first-level regions (``regions.tsv``) -> the region's name."""
    text = (resources.files("kg") / "data" / "regions.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        name, _country, forms = line.split("\t")
        table[name] = name
        for form in _split(forms):
            table[form] = name
    return table


def region(text: str, stop: bool = False) -> str | None:
    """The first-level region (a state or province, from ``regions.tsv``) ``text`` names, or None.

    An abbreviation written with full stops ("Mass.", "N.Y.") needs its final stop, given in
    ``text`` or, when the tokenizer split it off, by ``stop``: "Miss" alone is a word, not
    Mississippi. Two-letter codes match in capitals only.

    >>> region("Mass."), region("Mass"), region("Mass", stop=True), region("N.Y")
    ('Massachusetts', None, 'Massachusetts', None)
    >>> region("Ohio"), region("CA"), region("ca"), region("Ont.")
    ('Ohio', 'California', None, 'Ontario')
    """
    table = _regions()
    if text in table:
        return table[text]
    return table.get(text + ".") if stop else None


# ------------------------------------------------------------- places (GeoNames), first names

_FOLD = str.maketrans(
    {"-": " ", ",": " ", ".": None, "\u2019": "'", **{chr(c): " " for c in range(0x2010, 0x2016)}}
)
_SAINT = re.compile(r"\bst\b")


def match_key(text: str) -> str:
    """The case-, accent- and punctuation-insensitive key of a place name.

    >>> match_key("Saint-Étienne"), match_key("St. Louis"), match_key("the Hague")
    ('saint etienne', 'saint louis', 'hague')
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_FOLD)
    if "st" in text:
        text = _SAINT.sub("saint", text)
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


def _rows(name: str) -> Iterable[list[str]]:
    text = (resources.files("kg") / "data" / name).read_text(encoding="utf-8")
    header_seen = False
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield line.split("\t")


@cache
def country_links() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-2 code -> (GeoNames id, Wikidata item or ""), from geo-countries.tsv.

    >>> country_links()["AF"]
    ('1149361', 'Q889')
    """
    return {iso2: (geonames, qid) for iso2, geonames, qid, _name in _rows("geo-countries.tsv")}


@dataclass(frozen=True)
class Place:
    """A row of geo-places.tsv: a continent, a US state or a city."""

    geonames: int
    kind: str  # continent | state | city
    country: str  # ISO 3166-1 alpha-2, empty for a continent
    admin1: str
    population: int
    name: str


@cache
def _places() -> tuple[list[list[str]], dict[str, list[int]]]:
    """The rows of geo-places.tsv, and for each matching key the rows it names: ``i + 1`` for
    row ``i``'s main name, ``-(i + 1)`` for one of its alternate names."""
    rows = list(_rows("geo-places.tsv"))
    index: dict[str, list[int]] = {}
    for i, row in enumerate(rows, start=1):
        main, *alternates = row[6].split("|")
        index.setdefault(main, []).append(i)
        for key in alternates:
            index.setdefault(key, []).append(-i)
    return rows, index


def _place(row: list[str]) -> Place:
    gid, kind, country, admin1, population, name, _keys = row
    return Place(int(gid), kind, country, admin1, int(population or 0), name)


@cache
def _by_id() -> dict[int, int]:
    return {int(row[0]): i for i, row in enumerate(_places()[0])}


def place(geonames_id: int) -> Place:
    """The place of GeoNames id ``geonames_id`` (KeyError if not in the table)."""
    return _place(_places()[0][_by_id()[geonames_id]])


def best_place(names: Iterable[str], countries: Iterable[str] = ()) -> Place | None:
    """The place that ``names`` (a label and its aliases) most likely name; see the module rule.

    ``countries`` are the ISO codes of the countries the entity's documents mention.

    >>> best_place(["Paris"]).country, best_place(["Paris"], ["US"]).admin1
    ('FR', 'TX')
    >>> best_place(["Madras"]).name
    'Chennai'
    """
    rows, index = _places()
    wanted = set(countries)
    best: tuple[tuple[bool, bool, int, int], Place] | None = None
    for name in names:
        for ref in index.get(match_key(name), ()):
            p = _place(rows[abs(ref) - 1])
            rank = (p.country in wanted, ref > 0, p.population, -p.geonames)
            if best is None or rank > best[0]:
                best = (rank, p)
    return best[1] if best else None


@cache
def _first_names() -> dict[str, str]:
    text = (resources.files("kg") / "data" / "first-names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {name: gender for name, gender in rows[1:]}


def first_name_gender(name: str) -> str:
    """ "M" or "F" for a first name that one gender usually bears, else "".

    >>> first_name_gender("Margaret"), first_name_gender("Robert"), first_name_gender("Jordan")
    ('F', 'M', '')
    """
    return _first_names().get(name[:1].upper() + name[1:].lower(), "")
