"""The country gazetteer: data integrity and lookups."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from kg.extract.gazetteer import Country, _fold, countries, is_demonym, lookup, lookup_all

#: Forms that genuinely name two countries; the data lists them under both on purpose and
#: lookup() answers None for them (lookup_all() gives both).
AMBIGUOUS = {
    "congo": {"CG", "CD"},  # AP/Reuters "Congo" is often the DRC; ISO "Congo" is the Republic
    "congolese": {"CG", "CD"},
    "korea": {"KP", "KR"},
    "korean": {"KP", "KR"},
    "koreans": {"KP", "KR"},
    "dominican": {"DM", "DO"},  # Dominica and the Dominican Republic share the demonym
    "dominicans": {"DM", "DO"},
}

#: The four nations of the UK have no ISO 3166-1 code: they carry ISO 3166-2 subdivision codes.
UK_NATIONS = {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"}


def test_every_row_has_a_code_and_a_name() -> None:
    rows = countries()
    assert len(rows) >= 200
    for country in rows:
        assert isinstance(country, Country)
        assert re.fullmatch(r"[A-Z]{2}", country.iso2) or country.iso2 in UK_NATIONS, country
        assert country.name and country.name == country.name.strip()
    codes = [c.iso2 for c in rows]
    assert len(codes) == len(set(codes))


def test_the_sovereign_states_and_common_others_are_there() -> None:
    codes = {c.iso2 for c in countries()}
    for code in ("US", "GB", "CN", "RU", "IN", "AF", "BR", "NG", "TV", "VA", "SS", "ZW", "FM"):
        assert code in codes
    for code in ("TW", "PS", "XK", "HK", "PR", "GL", "EU", *UK_NATIONS):
        assert code in codes
    # 193 UN members + Holy See + Palestine + Kosovo and more: every two-letter code is unique.
    assert sum(1 for c in countries() if re.fullmatch(r"[A-Z]{2}", c.iso2)) >= 215


def test_no_form_names_two_countries_except_the_documented_ones() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for country in countries():
        for form in (country.name, *country.aliases, *country.demonyms):
            owners[form if re.fullmatch(r"(?:[A-Z]\.?){2,6}", form) else _fold(form)].add(
                country.iso2
            )
    shared = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert shared == AMBIGUOUS


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Australian", "Australia"),
        ("Australians", "Australia"),
        ("the US", "United States"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("American", "United States"),
        ("United States of America", "United States"),
        ("UK", "United Kingdom"),
        ("Britain's", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("British", "United Kingdom"),
        ("Britons", "United Kingdom"),
        ("Afghan", "Afghanistan"),
        ("Afghani", "Afghanistan"),
        ("afghanistan", "Afghanistan"),
        ("AFGHANISTAN", "Afghanistan"),
        ("The Netherlands", "Netherlands"),
        ("Dutch", "Netherlands"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Cote d\u2019Ivoire", "Ivory Coast"),
        ("St. Kitts and Nevis", "Saint Kitts and Nevis"),
        ("Trinidad & Tobago", "Trinidad and Tobago"),
        ("Guinea Bissau", "Guinea-Bissau"),
        ("Timor Leste", "East Timor"),
        ("Türkiye", "Turkey"),
        ("Turkiye", "Turkey"),
        ("Burma", "Myanmar"),
        ("DRC", "Democratic Republic of the Congo"),
        ("DPRK", "North Korea"),
        ("North Korean", "North Korea"),
        ("South Korea's", "South Korea"),
        ("Taiwanese", "Taiwan"),
        ("Palestinians", "Palestine"),
        ("Kosovar", "Kosovo"),
        ("Hong Kong", "Hong Kong"),
        ("Puerto Rican", "Puerto Rico"),
        ("Greenlandic", "Greenland"),
        ("Scottish", "Scotland"),
        ("Scots", "Scotland"),
        ("English", "England"),
        ("Welsh", "Wales"),
        ("Northern Irish", "Northern Ireland"),
        ("Irish", "Ireland"),
        ("EU", "European Union"),
        ("the European Union", "European Union"),
        ("Emirati", "United Arab Emirates"),
        ("Filipino", "Philippines"),
        ("Nigerien", "Niger"),
        ("Nigerian", "Nigeria"),
        ("Bissau-Guinean", "Guinea-Bissau"),
        ("Guinean", "Guinea"),
        ("South Sudanese", "South Sudan"),
        ("Sudanese", "Sudan"),
        ("  Chinese  ", "China"),
    ],
)
def test_lookup(text: str, name: str) -> None:
    found = lookup(text)
    assert found is not None, text
    assert found.name == name


@pytest.mark.parametrize(
    "text",
    ["us", "Us", "usa", "uk", "eu", "car", "the", "", "   ", "Europe", "European", "Paris", "'s"],
)
def test_lookup_misses(text: str) -> None:
    assert lookup(text) is None


def test_pronoun_us_is_not_a_country_but_acronym_is() -> None:
    assert lookup("us") is None
    found = lookup("US")
    assert found is not None and found.iso2 == "US"


def test_lowercase_common_words_need_a_capital() -> None:
    for word, code in (("turkey", "TR"), ("china", "CN"), ("poles", "PL"), ("chad", "TD")):
        assert lookup(word) is None
        capitalised = lookup(word.capitalize())
        assert capitalised is not None and capitalised.iso2 == code
        assert lookup(word.upper()) is not None


def test_ambiguous_forms() -> None:
    for form, codes in AMBIGUOUS.items():
        assert lookup(form.title()) is None
        assert {c.iso2 for c in lookup_all(form.title())} == codes


def test_is_demonym() -> None:
    for word in ("Afghan", "Americans", "British", "Briton", "Korean", "Congolese", "Swiss"):
        assert is_demonym(word), word
    for word in ("Afghanistan", "US", "America", "Britain", "Congo", "France", "us", "the"):
        assert not is_demonym(word), word


def test_countries_is_cached() -> None:
    assert countries() is countries()
