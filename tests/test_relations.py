"""Relations from syntax (``dependency.v1``), on invented sentences parsed with the real model.

Each case is a general English construction; the names are made up. A case states one fact
that must be found (subject label, predicate, object label), resolved through the whole
pipeline (entities, relations, resolution), so the assertion is on what a user would get.
"""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.graph.model import KnowledgeGraph


def facts(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    label = {e.id: e.label for e in kg.entities}
    return {(label[r.subject.entity], r.predicate, label[r.object.entity]) for r in kg.relations}


CASES = [
    # contests, works and criticism
    (
        "Northfield Rovers beat Eastbury Town 3-1 on Saturday.",
        ("Northfield Rovers", "defeated", "Eastbury Town"),
    ),
    (
        "Eastbury Town lost to Northfield Rovers in the final.",
        ("Northfield Rovers", "defeated", "Eastbury Town"),
    ),
    (
        "Martin Hale lashed out at the Greenfield Bank on Friday.",
        ("Martin Hale", "criticized", "Greenfield Bank"),
    ),
    (
        "Olga Petrova, a fierce critic of the Crimson Front, spoke on Monday.",
        ("Olga Petrova", "criticized", "Crimson Front"),
    ),
    # a post between a place's name and a person: the team or the government of the place
    (
        "France tight-head prop Walter Brennan has been ruled out of the match.",
        ("Walter Brennan", "memberOf", "France"),
    ),
    (
        "Canada finance minister Martin Hale spoke on Monday.",
        ("Martin Hale", "memberOf", "Canada"),
    ),
    (
        "Walter Brennan was highly critical of Acme Holdings.",
        ("Walter Brennan", "criticized", "Acme Holdings"),
    ),
    (
        "Walter Brennan dismissed the Crimson Front as a spent force.",
        ("Walter Brennan", "criticized", "Crimson Front"),
    ),
    (
        "Walter Brennan's new documentary Northern Lights Falling was released on Friday.",
        ("Walter Brennan", "creatorOf", "Northern Lights Falling"),
    ),
    (
        "Walter Brennan met officials from Acme Holdings and Zenith Motors on Tuesday.",
        ("Walter Brennan", "metWith", "Zenith Motors"),
    ),
    (
        "Walter Brennan became chairman of Acme Holdings in 2001.",
        ("Walter Brennan", "leaderOf", "Acme Holdings"),
    ),
    # a leader's noun qualified by a function heads that function, not the organisation
    (
        "Olga Petrova, programme director at the Acme Foundation, said the grant was small.",
        ("Olga Petrova", "worksFor", "Acme Foundation"),
    ),
    (
        "Walter Brennan, the managing director of Acme Holdings, resigned.",
        ("Walter Brennan", "leaderOf", "Acme Holdings"),
    ),
    (
        "Olga Petrova, who finished seventh in the Zenith Games, is injured.",
        ("Olga Petrova", "participatedIn", "Zenith Games"),
    ),
    (
        "Acme Holdings' Walter Brennan said sales had risen.",
        ("Walter Brennan", "memberOf", "Acme Holdings"),
    ),
    # an event is held in a place, not based there
    (
        "She won her first title at the Zenith Indoor Championships in Madrid.",
        ("Zenith Indoor Championships", "locatedIn", "Madrid"),
    ),
    # active and passive voice, with an agent
    (
        "Acme Holdings bought Zenith Motors last year.",
        ("Acme Holdings", "acquired", "Zenith Motors"),
    ),
    ("Zenith Motors was bought by Acme Holdings.", ("Acme Holdings", "acquired", "Zenith Motors")),
    # conjunctions distribute over both arguments
    (
        "Walter Brennan and Olga Petrova were kidnapped by the Crimson Front.",
        ("Crimson Front", "detained", "Olga Petrova"),
    ),
    (
        "Walter Brennan and Olga Petrova were kidnapped by the Crimson Front.",
        ("Crimson Front", "detained", "Walter Brennan"),
    ),
    # appositive role, title premodifier
    (
        "Olga Petrova, a senior Crimson Front commander, denied the claim.",
        ("Olga Petrova", "memberOf", "Crimson Front"),
    ),
    (
        "Greenfield Bank chief executive Martin Hale resigned on Monday.",
        ("Martin Hale", "leaderOf", "Greenfield Bank"),
    ),
    # demonym nationality and "from the X"
    ("French cyclist Pierre Lambert won the race.", ("Pierre Lambert", "nationality", "France")),
    ("Pierre Lambert from France won the race.", ("Pierre Lambert", "nationality", "France")),
    # kin possessive with a name, and without one
    (
        "Martin Hale's daughter Clara Hale joined the board.",
        ("Clara Hale", "childOf", "Martin Hale"),
    ),
    ("Martin Hale's father ran a bakery.", ("Martin Hale", "childOf", "father of Martin Hale")),
    # nominalisation, "by" product, "under"
    (
        "Globex's acquisition of Initech was completed last year.",
        ("Globex", "acquired", "Initech"),
    ),
    ("The Zapp app by Globex launched last week.", ("Globex", "developerOf", "Zapp")),
    ("Poland under the Crimson Front closed its borders.", ("Crimson Front", "controls", "Poland")),
    # copulas: member of, part of
    ("Martin Hale is a member of the Green Party.", ("Martin Hale", "memberOf", "Green Party")),
    (
        "The Blue Brigade was part of the Crimson Front.",
        ("Blue Brigade", "partOf", "Crimson Front"),
    ),
    # relative clauses: subject and prepositional object
    ("Martin Hale, who leads the Green Party, spoke.", ("Martin Hale", "leaderOf", "Green Party")),
    (
        "Zenith Motors, in which Acme Holdings owns a majority stake, reported a loss.",
        ("Acme Holdings", "owns", "Zenith Motors"),
    ),
    # "as" with a role: the subject and, after "replace", the object held it
    (
        "Martin Hale replaced Clara Diaz as chief executive of Greenfield Bank.",
        ("Clara Diaz", "leaderOf", "Greenfield Bank"),
    ),
    # agreements, transfers, participles
    (
        "Acme Holdings signed a deal with Initech Corp on Tuesday.",
        ("Acme Holdings", "agreementWith", "Initech Corp"),
    ),
    (
        "Martin Hale sold Zenith Motors to Acme Holdings.",
        ("Acme Holdings", "acquired", "Zenith Motors"),
    ),
    (
        "The Zenith Motors car company, currently owned by Acme Holdings, reported a loss.",
        ("Acme Holdings", "owns", "Zenith Motors"),
    ),
    # people and places
    (
        "Martin Hale, a close ally of Clara Diaz, denied it.",
        ("Martin Hale", "allyOf", "Clara Diaz"),
    ),
    (
        "Greenfield Bank's headquarters in Leeds were closed.",
        ("Greenfield Bank", "basedIn", "Leeds"),
    ),
    ("Initech Corp is a Leeds-based software firm.", ("Initech Corp", "basedIn", "Leeds")),
    (
        "Gerald Moss of the consultancy Initech Corp said the deal was good.",
        ("Gerald Moss", "worksFor", "Initech Corp"),
    ),
    ("Martin Hale spoke in Harrogate in north Yorkshire.", ("Harrogate", "locatedIn", "Yorkshire")),
    ("The Paris subsidiary Zenith Motors was sold.", ("Zenith Motors", "basedIn", "Paris")),
    # light constructions: "be behind", "retain possession of", stakes, phrasal verbs
    (
        "Walter Brennan was behind the Zapp Quest game.",
        ("Walter Brennan", "developerOf", "Zapp Quest"),
    ),
    (
        "Olga Petrova retains possession of Harwood Manor.",
        ("Olga Petrova", "owns", "Harwood Manor"),
    ),
    (
        "Acme Holdings bought a 30% stake in Zenith Motors.",
        ("Acme Holdings", "acquired", "Zenith Motors"),
    ),
    (
        "Walter Brennan then put together the Crimson Front.",
        ("Walter Brennan", "founded", "Crimson Front"),
    ),
    (
        "Walter Brennan stood against Clara Diaz in the election.",
        ("Walter Brennan", "rivalOf", "Clara Diaz"),
    ),
    # a participle clause shares the subject; a description and a pronoun resolve
    (
        "Walter Brennan has taken over Zenith Motors, buying back Initech Corp.",
        ("Walter Brennan", "acquired", "Initech Corp"),
    ),
    (
        "Clara Diaz joined Zenith Motors. She is the firm's chairman.",
        ("Clara Diaz", "leaderOf", "Zenith Motors"),
    ),
    # news style: an age and a home town; a home in apposition
    (
        "Walter Brennan, 47, of Leeds, said the road was closed.",
        ("Walter Brennan", "livesIn", "Leeds"),
    ),
    ("Walter Brennan, a farmer from Leeds, left early.", ("Walter Brennan", "livesIn", "Leeds")),
    # killings: an agent noun with a possessive victim, a gerund with its governing subject
    (
        "Olga Petrova's killer, Walter Brennan, was jailed in 2001.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    (
        "Walter Brennan was convicted of killing Olga Petrova.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    # killings as nouns: "the murder of X by Y", "Y was convicted of X's murder"
    (
        "Leeds is known as the site of the assassination of Olga Petrova by Walter Brennan.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    (
        "Walter Brennan was convicted of Olga Petrova's murder last year.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    ("Olga Petrova's assassin Walter Brennan died.", ("Walter Brennan", "killed", "Olga Petrova")),
    # roles: a portfolio between the title and the firm; a conjoined description
    (
        "Jo Bloggs, vice president for sales at Zenith Motors, said the plan worked.",
        ("Jo Bloggs", "leaderOf", "Zenith Motors"),
    ),
    (
        "Jo Bloggs, a lawyer and columnist for the Daily Courier, said so.",
        ("Jo Bloggs", "worksFor", "Daily Courier"),
    ),
    # an organisation named with a demonym is based in the country the text names
    (
        "The Icelandic Parliament voted on Tuesday, officials in Iceland said.",
        ("Icelandic Parliament", "basedIn", "Iceland"),
    ),
    # an organisation directly followed by its town, the "in" attached elsewhere
    (
        "She was treated at Riverside General Hospital in Leeds last year.",
        ("Riverside General Hospital", "basedIn", "Leeds"),
    ),
    # a home town with its region is one place, the town
    (
        "In 1901, Walter Brennan was born in Harrogate, Lancashire.",
        ("Walter Brennan", "bornIn", "Harrogate"),
    ),
    # a town with its state, abbreviated as news copy writes it; a home there is in both
    ("Olga Petrova, 41, of Dunmore, Penn., was injured.", ("Olga Petrova", "livesIn", "Dunmore")),
    (
        "Olga Petrova, 41, of Dunmore, Penn., was injured.",
        ("Olga Petrova", "livesIn", "Pennsylvania"),
    ),
    ("Olga Petrova, 41, of Dunmore, Penn., was injured.", ("Dunmore", "locatedIn", "Pennsylvania")),
    (
        "Zenith Motors of Franklin Lakes, N.J., makes the parts.",
        ("Zenith Motors", "basedIn", "New Jersey"),
    ),
    # an occupation noun by its English ending, not only the role lexicon
    (
        "It is a problem, said Walter Brennan, an ecologist at Greenfield University.",
        ("Walter Brennan", "worksFor", "Greenfield University"),
    ),
    (
        "Retired Crimson League placekicker Walter Brennan was in court.",
        ("Walter Brennan", "worksFor", "Crimson League"),
    ),
    # a name before a title is one premodifier, however the parser split it
    (
        "The gun came from there, Board of Regents spokesman Walter Brennan said.",
        ("Walter Brennan", "worksFor", "Board of Regents"),
    ),
    # a relative clause speaks of the name its described antecedent stands for
    (
        "Walter Brennan was the lone gunman who killed Olga Petrova.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    (
        "Walter Brennan fired the shots that killed Olga Petrova.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    # possessive and appositive places
    ("The crowd gathered in Ruritania's Zenda Square.", ("Zenda Square", "locatedIn", "Ruritania")),
    (
        "The quake hit Strelsau, Ruritania's second-largest city, on Monday.",
        ("Strelsau", "locatedIn", "Ruritania"),
    ),
    (
        "He saw Ohio's governor, Walter Brennan, on Monday.",
        ("Walter Brennan", "livesIn", "Ohio"),
    ),
    ("Walter Brennan, a Harrogate native, sang.", ("Walter Brennan", "livesIn", "Harrogate")),
    # someone's home place: a home noun with its owner, or "native" before a place
    (
        "Walter Brennan visited his Harrogate hometown last week.",
        ("Walter Brennan", "livesIn", "Harrogate"),
    ),
    (
        "Olga Petrova campaigned in her native Yorkshire.",
        ("Olga Petrova", "livesIn", "Yorkshire"),
    ),
    (
        "Reporters gathered outside Walter Brennan's Harrogate home.",
        ("Walter Brennan", "livesIn", "Harrogate"),
    ),
    (
        "The tour stopped in Olga Petrova's hometown of Ripon.",
        ("Olga Petrova", "livesIn", "Ripon"),
    ),
    (
        "The rally was held in Yorkshire, the home county of his wife, Olga Petrova.",
        ("Olga Petrova", "livesIn", "Yorkshire"),
    ),
    ("Olga Petrova is a native of Ripon.", ("Olga Petrova", "livesIn", "Ripon")),
    (
        "Walter Brennan is a Harrogate native.",
        ("Walter Brennan", "livesIn", "Harrogate"),
    ),
    (
        "The talks were held in Zenda, home of Acme Motors Inc.",
        ("Acme Motors Inc", "basedIn", "Zenda"),
    ),
    # the subject a described noun stands for; a place hung from a date
    (
        "The aviation pioneer Walter Brennan was born in Fairview, Ore., in 1902.",
        ("Walter Brennan", "bornIn", "Fairview"),
    ),
    (
        "Olga Petrova was born on March 9, 1921, in Ripon, and grew up in Leeds.",
        ("Olga Petrova", "bornIn", "Ripon"),
    ),
    # any post at an organisation; hyphenated titles; judges
    (
        "Walter Brennan, a visiting scholar at Acme University, said it was over.",
        ("Walter Brennan", "worksFor", "Acme University"),
    ),
    (
        "The report was welcomed by U.N. Secretary-General Walter Brennan.",
        ("Walter Brennan", "leaderOf", "U.N."),
    ),
    (
        "Zenda District Court Judge Olga Petrova ordered a retrial.",
        ("Olga Petrova", "memberOf", "Zenda District Court"),
    ),
    # a birthplace before the name; a country's title, role or man; an office of a country
    ("Leeds-born Olga Petrova sang.", ("Olga Petrova", "bornIn", "Leeds")),
    ("The Leeds-born singer Olga Petrova sang.", ("Olga Petrova", "bornIn", "Leeds")),
    (
        "Ohio born Walter Brennan became a pilot.",
        ("Walter Brennan", "bornIn", "Ohio"),
    ),
    # a post in a country's government is a post, as "Moldova premier X" is
    (
        "Moldova's Premier Walter Brennan approved the budget.",
        ("Walter Brennan", "leaderOf", "Moldova"),
    ),
    (
        "Olga Petrova, a Moldova businesswoman, opened a bakery.",
        ("Olga Petrova", "nationality", "Moldova"),
    ),
    (
        "Olga Petrova is the president of Moldova.",
        ("Olga Petrova", "nationality", "Moldova"),
    ),
    # an occupation opening the sentence is no part of the name
    (
        "Painter Ansel Vale is a native of Fairview, Ore.",
        ("Ansel Vale", "livesIn", "Fairview"),
    ),
    # a unit's ordinal is part of its name; a site "in" a town the parser hung elsewhere
    (
        "The frigate, on duty with the 4th Fleet in the Baltic, sailed home.",
        ("4th Fleet", "basedIn", "Baltic"),
    ),
    (
        "Staff at Acme headquarters in nearby Leeds were told on Monday.",
        ("Acme", "basedIn", "Leeds"),
    ),
    # a town with its country after "of", whatever the NER made of the town
    (
        "Those hurt were Olga Petrova, 50, of Leeds; and Walter Brennan, 51, of Morgan Falls, "
        "Canada.",
        ("Walter Brennan", "livesIn", "Morgan Falls"),
    ),
    (
        "Those hurt included Walter Brennan, 51, of Morgan Falls, Canada.\n\nThe line reopened.",
        ("Walter Brennan", "livesIn", "Morgan Falls"),
    ),
    # a site with its town and state, as in a list of addresses; a town in capitals
    (
        "The sites are Pinewood Lake Park, Fairview, Ore.; and Elm Creek Dam, Dover, Del.",
        ("Pinewood Lake Park", "locatedIn", "Fairview"),
    ),
    (
        "The sites are Pinewood Lake Park, Fairview, Ore.; and Elm Creek Dam, Dover, Del.",
        ("Fairview", "locatedIn", "Oregon"),
    ),
    ("FAIRVIEW, Ore.", ("FAIRVIEW", "locatedIn", "Oregon")),
    # a country's name is a place whatever the NER made of it
    (
        "Floods hit Zenda, Moldova's second-largest city, on Monday.",
        ("Zenda", "locatedIn", "Moldova"),
    ),
    # an abbreviated title between an organisation and a name, however it was parsed
    (
        "It is bad, said Coast Guard Lt. Walter Brennan, but he did not say more.",
        ("Walter Brennan", "memberOf", "Coast Guard"),
    ),
    # killings told by nouns, charges and stray agents
    (
        "Surgeons treated Osric Vale's assassin, Walter Brennan, who had been hurt in the arrest.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "Olga Petrova was shot to death on the steps of her office by Walter Brennan.",
        ("Walter Brennan", "killed", "Olga Petrova"),
    ),
    (
        "Judges upheld the sentence of Walter Brennan, convicted of murdering Osric Vale.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "Police found Walter Brennan, assassin of Osric Vale, in a barn.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "Walter Brennan was arrested in the assassination of Mayor Osric Vale last year.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "Walter Brennan pleaded guilty in Leeds to the murder of the union leader Osric Vale.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "Walter Brennan, who is serving a life sentence for the murder of Osric Vale, was moved.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "The smuggler Osric Vale was shot to death in Leeds by Walter Brennan.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    (
        "Mayor Osric Vale was shot and mortally wounded by Walter Brennan outside the town hall.",
        ("Walter Brennan", "killed", "Osric Vale"),
    ),
    # names the small model missed, read as people where a killing joins them
    ("Garnet fatally shot Osric two days after the vote.", ("Garnet", "killed", "Osric")),
    # a monitored source line names where its source is published
    (
        "Leeds NORD RADIO in English 1601 GMT\n\nA fire broke out on Monday.",
        ("NORD RADIO", "basedIn", "Leeds"),
    ),
]


@pytest.mark.parametrize(
    ("text", "fact"), CASES, ids=[f"{c[1][1]}-{i}" for i, c in enumerate(CASES)]
)
def test_pattern_finds_fact(build, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(build(text))


@pytest.mark.parametrize(
    "text",
    [
        "Olga Petrova left her native language behind in Ripon.",
        "The home team from Leeds won in Yorkshire.",
        "Police searched the Brennan home in Leeds on Monday.",
    ],
)
def test_home_needs_a_home_noun_with_an_owner(build, text: str) -> None:
    assert not [r for r in build(text).relations if r.predicate == "livesIn"]


def test_a_wounding_beside_a_killing_is_no_killing(build) -> None:
    kg = build("The gunman Walter Brennan killed Osric Vale and wounded Olga Petrova on Monday.")
    assert ("Walter Brennan", "killed", "Osric Vale") in facts(kg)
    assert ("Walter Brennan", "killed", "Olga Petrova") not in facts(kg)


@pytest.mark.parametrize(
    "text",
    [
        "The storm hit Leeds, Hull, York and Bradford.",
        "The carriers were Maui, Pacific West, American and Midway.",
    ],
)
def test_a_list_of_places_is_no_town_and_region(build, text: str) -> None:
    assert not [r for r in build(text).relations if r.predicate == "locatedIn"]


@pytest.mark.parametrize(
    "text",
    [
        "Ireland will close their bid by playing Switzerland in Dublin on Friday.",
    ],
)
def test_a_country_is_in_no_town(build, text: str) -> None:
    assert not {f for f in facts(build(text)) if f[1] == "locatedIn"}


def test_a_function_head_leads_no_organisation(build) -> None:
    found = facts(build("Walter Brennan, head of strategy at Acme Holdings, resigned."))
    assert ("Walter Brennan", "leaderOf", "Acme Holdings") not in found


def test_a_brief_before_a_post_is_no_organisation() -> None:
    from kg.extract import nlp
    from kg.extract.relations import _portfolio
    from kg.graph.model import Mention

    try:
        doc = nlp.load()("The Home Secretary, Walter Brennan, spoke.")
    except ModelError:
        pytest.skip("no spaCy English model installed")
    home = Mention("t", 4, 8, "Home", "Organization", "name")
    assert _portfolio(doc, home)
    assert not _portfolio(doc, Mention("t", 22, 36, "Walter Brennan", "Person", "name"))


def test_joining_a_person_is_no_membership(build) -> None:
    found = facts(build("Olga Petrova joined Walter Brennan on stage."))
    assert ("Olga Petrova", "memberOf", "Walter Brennan") not in found


def test_an_office_of_a_country_is_no_nationality(build) -> None:
    kg = build("Walter Brennan, the US attorney in Leeds, spoke on Monday.")
    assert not [r for r in kg.relations if r.predicate == "nationality"]


def test_dateline_says_where_a_story_was_filed_not_where_the_source_is(build) -> None:
    text = "LEEDS, Cumbria (NNA) -- A fire broke out on Monday."
    assert not [r for r in build(text).relations if r.predicate == "basedIn"]


def test_as_category_is_a_qualifier(build) -> None:
    kg = build("The Interior Ministry views the Crimson Front as a terrorist organisation.")
    (rel,) = [r for r in kg.relations if r.predicate == "designated"]
    assert rel.qualifier == "terrorist organisation"
    assert rel.object.entity == "crimson-front"


def test_negation_is_flagged(build) -> None:
    kg = build("Globex does not allow Initech to use its patents.")
    (rel,) = [r for r in kg.relations if r.predicate == "allows"]
    assert rel.negated and not rel.hedged


def test_hedging_is_flagged(build) -> None:
    kg = build("Acme Holdings reportedly plans to sue Initech Corp.")
    (rel,) = [r for r in kg.relations if r.predicate == "sued"]
    assert rel.hedged and not rel.negated


def test_plain_fact_is_neither_negated_nor_hedged(build) -> None:
    kg = build("Acme Holdings sued Initech Corp in March 2021.")
    (rel,) = kg.relations
    assert not rel.negated and not rel.hedged


def test_date_from_the_clause_is_normalised(build) -> None:
    kg = build("Acme Holdings sued Initech Corp in March 2021.")
    (rel,) = kg.relations
    assert rel.date == "2021-03"


def test_hyphenated_country_is_not_a_nationality(build) -> None:
    kg = build("Walter Brennan criticised the pro-Spain Reform Party MP Clara Diaz.")
    assert not any(r.predicate == "nationality" for r in kg.relations)
    assert ("Clara Diaz", "memberOf", "Reform Party") in facts(kg)


def test_support_for_a_policy_is_not_an_alliance(build) -> None:
    kg = build("Walter Brennan backed the pro-Spain policy of the Reform Party.")
    assert not any(r.predicate == "allyOf" for r in kg.relations)


def test_unknown_verb_gives_an_open_relation(build) -> None:
    kg = build("Walter Brennan outbid Olga Petrova at the auction.")
    (rel,) = kg.relations
    assert (rel.predicate, rel.open) == ("outbid", True)
    assert 0 < rel.confidence < 1


@pytest.mark.parametrize(
    "text",
    [
        "Walter Brennan did not outbid Olga Petrova at the auction.",  # negated
        "Walter Brennan will outbid Olga Petrova at the auction.",  # a plan, not a fact
        "Walter Brennan Outbids Olga Petrova At Auction",  # a headline in capitals
        "Walter Brennan outbids Olga Petrova at auction\n\nThe sale was held in June.",  # a title
    ],
)
def test_open_relation_needs_a_stated_fact(build, text: str) -> None:
    assert not any(r.open for r in build(text).relations)


def test_list_of_places_is_not_nested(build) -> None:
    kg = build("The band played in Leeds, Manchester and Glasgow last year.")
    assert not any(r.predicate == "locatedIn" for r in kg.relations)


def test_possessor_of_an_infinitive_plan_is_the_hedged_subject(build) -> None:
    kg = build("Mr Hale's bid to buy Zenith Motors failed.")
    (rel,) = kg.relations
    assert (rel.subject.entity, rel.predicate, rel.object.entity) == (
        "hale",
        "acquired",
        "zenith-motors",
    )
    assert rel.hedged


def test_renamed_organisation_is_one_entity(build) -> None:
    kg = build("Acme Holdings, which is to be renamed Acmeco, reported a loss.")
    (entity,) = kg.entities
    assert entity.label == "Acme Holdings" and "Acmeco" in entity.aliases
    assert kg.relations == ()  # the internal alias fact is not a relation


def test_appositive_names_are_one_organisation(build) -> None:
    kg = build("The party launched the Crimson Front, the Freedom Alliance, in May.")
    (entity,) = kg.entities
    assert {entity.label, *entity.aliases} == {"Crimson Front", "Freedom Alliance"}


def test_town_with_region_is_one_place_that_is_the_town(build) -> None:
    kg = build("Walter Brennan was born in Harrogate, Lancashire. He left Harrogate in 1920.")
    places = {e.label: e for e in kg.entities if e.type == "Place"}
    assert "Harrogate" in places
    assert "Harrogate, Lancashire" in places["Harrogate"].aliases
    assert ("Harrogate", "locatedIn", "Lancashire") in facts(kg)
    assert ("Walter Brennan", "bornIn", "Lancashire") not in facts(kg)


def test_no_work_for_a_nationality(build) -> None:
    kg = build("The book was written by dissident Ruritanian historian Walter Brennan.")
    assert not any(r.predicate == "worksFor" for r in kg.relations)


def test_customer_is_no_occupation(build) -> None:
    kg = build("Walter Brennan, a customer of Greenfield Bank, complained.")
    assert not any(r.predicate == "worksFor" for r in kg.relations)


def test_birthplace_with_its_state_is_one_place_a_home_is_in_both(build) -> None:
    born = facts(build("Olga Petrova was born in Dunmore, Penn., in 1950."))
    assert ("Olga Petrova", "bornIn", "Dunmore") in born
    assert ("Olga Petrova", "bornIn", "Pennsylvania") not in born
    lives = facts(build("Olga Petrova lives in Dunmore, Penn., with her sons."))
    assert ("Olga Petrova", "livesIn", "Dunmore") in lives
    assert ("Olga Petrova", "livesIn", "Pennsylvania") in lives


def test_a_shooting_kills_only_where_the_text_says_so(build) -> None:
    assert not any(
        r.predicate == "killed" for r in build("Walter Brennan shot Olga Petrova.").relations
    )
    kg = build("Walter Brennan shot Olga Petrova, and the killing shocked the town.")
    assert ("Walter Brennan", "killed", "Olga Petrova") in facts(kg)
