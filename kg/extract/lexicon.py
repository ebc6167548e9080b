"""General English lexicons that map words to the relation inventory and to entity types.

Every entry is ordinary English: verbs, role nouns, kinship terms, type nouns. No entry names an
entity or a phrase of any particular article.
"""

from __future__ import annotations

#: spaCy NER labels to core classes. Labels not listed (DATE, MONEY, ...) are not entities.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
    "PRODUCT": "Product",
    "WORK_OF_ART": "Product",
    "EVENT": "Event",
}

# A relation name, or a mapping from the object's coarse type to a relation name ("*" = other).
Target = str | dict[str, str]

#: (verb lemma, particle or "") -> relation when the verb has a direct object.
VERBS: dict[tuple[str, str], Target] = {
    ("join", ""): "memberOf",
    ("lead", ""): "leaderOf",
    ("head", ""): "leaderOf",
    ("chair", ""): "leaderOf",
    ("found", ""): "founded",
    ("co-found", ""): "founded",
    ("cofound", ""): "founded",
    ("establish", ""): "founded",
    ("set", "up"): "founded",
    ("create", ""): "founded",
    ("own", ""): "owns",
    ("develop", ""): "developerOf",
    ("launch", ""): {"Product": "developerOf", "*": "founded"},
    ("make", ""): {"Product": "developerOf"},
    ("build", ""): {"Product": "developerOf"},
    ("design", ""): {"Product": "developerOf"},
    ("acquire", ""): "acquired",
    ("buy", ""): "acquired",
    ("purchase", ""): "acquired",
    ("take", "over"): {"Place": "controls", "*": "acquired"},
    ("rival", ""): "rivalOf",
    ("back", ""): "allyOf",
    ("support", ""): "allyOf",
    ("kill", ""): "killed",
    ("assassinate", ""): "killed",
    ("murder", ""): "killed",
    ("capture", ""): {"Place": "controls", "*": "detained"},
    ("detain", ""): "detained",
    ("arrest", ""): "detained",
    ("jail", ""): "detained",
    ("imprison", ""): "detained",
    ("kidnap", ""): "detained",
    ("abduct", ""): "detained",
    ("hold", ""): {"Person": "detained"},
    ("release", ""): {"Person": "released", "Product": "developerOf"},
    ("free", ""): {"Person": "released"},
    ("ban", ""): "banned",
    ("bar", ""): "banned",
    ("block", ""): "banned",
    ("suspend", ""): "banned",
    ("prohibit", ""): "banned",
    ("outlaw", ""): "banned",
    ("allow", ""): "allows",
    ("let", ""): "allows",
    ("permit", ""): "allows",
    ("criticise", ""): "criticized",
    ("criticize", ""): "criticized",
    ("condemn", ""): "criticized",
    ("accuse", ""): "criticized",
    ("blame", ""): "criticized",
    ("denounce", ""): "criticized",
    ("praise", ""): "praised",
    ("endorse", ""): "praised",
    ("hail", ""): "praised",
    ("commend", ""): "praised",
    ("applaud", ""): "praised",
    ("designate", ""): "designated",
    ("classify", ""): "designated",
    ("control", ""): "controls",
    ("seize", ""): "controls",
    ("rule", ""): {"Place": "controls"},
    ("govern", ""): "controls",
    ("occupy", ""): "controls",
    ("visit", ""): "visited",
    ("tour", ""): "visited",
    ("appoint", ""): "appointed",
    ("hire", ""): "appointed",
    ("nominate", ""): "appointed",
    ("sue", ""): "sued",
    ("meet", ""): "metWith",
    ("marry", ""): "spouseOf",
    ("use", ""): "uses",
    ("employ", ""): {"Person": "appointed", "*": "uses"},
    ("attend", ""): {"Event": "participatedIn"},
}

#: (verb lemma, preposition) -> relation when the object is the preposition's object.
VERB_PREPS: dict[tuple[str, str], Target] = {
    ("work", "for"): "worksFor",
    ("work", "at"): "worksFor",
    ("go", "to"): "visited",
    ("travel", "to"): "visited",
    ("fly", "to"): "visited",
    ("return", "to"): "visited",
    ("come", "to"): "visited",
    ("move", "to"): {"Place": "livesIn"},
    ("live", "in"): "livesIn",
    ("reside", "in"): "livesIn",
    ("participate", "in"): "participatedIn",
    ("compete", "in"): {"Event": "participatedIn"},
    ("compete", "with"): "rivalOf",
    ("meet", "with"): "metWith",
    ("talk", "with"): "metWith",
    ("sign", "with"): "agreementWith",
    ("agree", "with"): "agreementWith",
    ("partner", "with"): "agreementWith",
    ("ally", "with"): "allyOf",
    ("switch", "to"): "uses",
    ("post", "on"): "uses",
    ("join", "in"): {"Event": "participatedIn"},
}

#: Passive verbs whose location complement gives a relation: "was born in X", "is based in X".
PASSIVE_PLACE: dict[tuple[str, str], str] = {
    ("bear", "in"): "bornIn",
    ("base", "in"): "basedIn",
    ("headquarter", "in"): "basedIn",
    ("locate", "in"): "locatedIn",
}

#: Verbs taking "X as CATEGORY": the relation plus the category as a qualifier.
AS_VERBS: dict[str, str] = {
    "view": "designated",
    "regard": "designated",
    "designate": "designated",
    "classify": "designated",
    "label": "designated",
    "brand": "designated",
    "list": "designated",
    "recognise": "designated",
    "recognize": "designated",
    "name": "appointed",
    "appoint": "appointed",
}

#: Nominalisations: "X's takeover of Y", "X's ban on Y", "X's visit to Y".
NOUNS: dict[str, Target] = {
    "takeover": {"Place": "controls", "*": "acquired"},
    "seizure": "controls",
    "control": "controls",
    "conquest": "controls",
    "occupation": "controls",
    "capture": {"Place": "controls", "*": "detained"},
    "acquisition": "acquired",
    "purchase": "acquired",
    "buyout": "acquired",
    "ban": "banned",
    "arrest": "detained",
    "detention": "detained",
    "release": {"Person": "released", "Product": "developerOf"},
    "criticism": "criticized",
    "founding": "founded",
    "visit": "visited",
    "trip": "visited",
    "killing": "killed",
    "murder": "killed",
    "assassination": "killed",
    "leadership": "leaderOf",
}

#: Role nouns: "X, a senior official of/from ORG", "ORG chief executive X", "X's spokesman".
ROLE_NOUNS: dict[str, str] = {
    "member": "memberOf",
    "official": "memberOf",
    "mp": "memberOf",
    "senator": "memberOf",
    "lawmaker": "memberOf",
    "legislator": "memberOf",
    "politician": "memberOf",
    "activist": "memberOf",
    "militant": "memberOf",
    "fighter": "memberOf",
    "commander": "memberOf",
    "minister": "memberOf",
    "councillor": "memberOf",
    "player": "memberOf",
    "striker": "memberOf",
    "midfielder": "memberOf",
    "defender": "memberOf",
    "goalkeeper": "memberOf",
    "captain": "memberOf",
    "delegate": "memberOf",
    "supporter": "memberOf",
    "spokesman": "worksFor",
    "spokeswoman": "worksFor",
    "spokesperson": "worksFor",
    "employee": "worksFor",
    "analyst": "worksFor",
    "economist": "worksFor",
    "correspondent": "worksFor",
    "reporter": "worksFor",
    "journalist": "worksFor",
    "editor": "worksFor",
    "engineer": "worksFor",
    "adviser": "worksFor",
    "advisor": "worksFor",
    "lawyer": "worksFor",
    "researcher": "worksFor",
    "scientist": "worksFor",
    "professor": "worksFor",
    "coach": "worksFor",
    "manager": "worksFor",
    "executive": "leaderOf",
    "leader": "leaderOf",
    "head": "leaderOf",
    "chief": "leaderOf",
    "chairman": "leaderOf",
    "chairwoman": "leaderOf",
    "chair": "leaderOf",
    "president": "leaderOf",
    "ceo": "leaderOf",
    "boss": "leaderOf",
    "director": "leaderOf",
    "governor": "leaderOf",
    "founder": "founded",
    "co-founder": "founded",
    "owner": "owns",
}

#: Kinship nouns: "X's father" -> the father is X's parent.
PARENT_NOUNS = frozenset({"father", "mother", "parent", "dad", "mum", "mom"})
CHILD_NOUNS = frozenset({"son", "daughter", "child", "children", "sons", "daughters"})
SPOUSE_NOUNS = frozenset({"wife", "husband", "spouse", "widow", "widower"})

#: Head nouns that make a type: "the Haqqani network", "the group", "the prisoner swap".
TYPE_NOUNS: dict[str, str] = {
    **{
        w: "Organization"
        for w in (
            "group network party company firm corporation business bank council committee "
            "movement army agency ministry department government authority authorities "
            "organisation organization union association federation club team university "
            "college school institute court parliament regime militia faction alliance "
            "coalition administration commission board brewer retailer carrier insurer "
            "lender broadcaster newspaper publisher studio label charity foundation "
            "police force forces military police"
        ).split()
    },
    **{
        w: "Product"
        for w in (
            "app application platform service website site software phone smartphone device "
            "product game console model car drug vaccine film movie album book show series "
            "network-app browser tool"
        ).split()
    },
    **{
        w: "Event"
        for w in (
            "swap deal war election campaign summit protest strike attack conference "
            "tournament match festival ceremony referendum trial talks meeting crisis "
            "scandal merger takeover bid race championship cup"
        ).split()
    },
    **{
        w: "Place" for w in "country city town village region province state capital island".split()
    },
    **{
        w: "Group"
        for w in (
            "accounts officials members people users journalists soldiers fighters workers "
            "citizens residents voters fans supporters militants staff employees"
        ).split()
    },
}

#: Descriptions that corefer with a named antecedent: "the group", "the company".
DESCRIPTION_NOUNS: dict[str, tuple[str, ...]] = {
    "group": ("Organization", "Group"),
    "organisation": ("Organization",),
    "organization": ("Organization",),
    "movement": ("Organization",),
    "company": ("Organization",),
    "firm": ("Organization",),
    "business": ("Organization",),
    "brewer": ("Organization",),
    "retailer": ("Organization",),
    "bank": ("Organization",),
    "party": ("Organization",),
    "club": ("Organization",),
    "team": ("Organization",),
    "giant": ("Organization",),
    "platform": ("Product", "Organization"),
    "app": ("Product", "Organization"),
    "service": ("Product", "Organization"),
    "site": ("Product", "Organization"),
    "network": ("Product", "Organization"),
    "country": ("Place",),
    "nation": ("Place",),
    "city": ("Place",),
}

#: Personal pronouns that refer back to a person.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})

#: Speech verbs: "X said", "X told reporters", "X tweeted".
SPEECH_VERBS = frozenset(
    (
        "say tell add tweet write state claim insist argue explain warn announce note ask "
        "reply respond comment declare suggest admit acknowledge stress confirm deny "
        "predict urge allege report testify recall"
    ).split()
)

#: Words that make a fact uncertain.
HEDGE_ADVERBS = frozenset(
    "reportedly allegedly apparently possibly probably perhaps supposedly purportedly".split()
)
HEDGE_MODALS = frozenset("may might could would should".split())
HEDGE_GOVERNORS = frozenset(
    "plan want hope intend threaten seek try expect aim consider propose".split()
)

#: Adjectives and determiners that make a noun phrase vague rather than a specific entity.
VAGUE_MODIFIERS = frozenset("other some many several few any each every another such".split())

#: Light verbs with an event noun: "pay a visit to", "hold talks with".
LIGHT_VERBS: dict[tuple[str, str, str], str] = {
    ("pay", "visit", "to"): "visited",
    ("make", "visit", "to"): "visited",
    ("hold", "talk", "with"): "metWith",
    ("sign", "deal", "with"): "agreementWith",
    ("sign", "agreement", "with"): "agreementWith",
    ("reach", "deal", "with"): "agreementWith",
    ("file", "lawsuit", "against"): "sued",
    ("take", "part", "in"): "participatedIn",
    ("impose", "ban", "on"): "banned",
}
