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
    "FAC": "",
    "NORP": "Group",
    "PRODUCT": "Product",
    "WORK_OF_ART": "Product",
    "EVENT": "Event",
}

# A relation name, or a mapping from the object's coarse type to a relation name ("*" = other).
Target = str | dict[str, str]


def _agents_only(relation: str) -> dict[str, str]:
    """A target that applies only to people, organisations and places (not "a policy")."""
    return {"Person": relation, "Organization": relation, "Place": relation}


#: A contest's loser: a person, a team (often named by its town) or a name of unknown type.
CONTEST: dict[str, str] = {
    "Person": "defeated",
    "Organization": "defeated",
    "Place": "defeated",
    "": "defeated",
}

#: Whom criticism is aimed at: people, organisations, places, or names of unknown type.
CRITICISM: dict[str, str] = {
    "Person": "criticized",
    "Organization": "criticized",
    "Place": "criticized",
    "": "criticized",
}

#: (verb lemma, particle or "") -> relation when the verb has a direct object.
VERBS: dict[tuple[str, str], Target] = {
    ("join", ""): {
        "Organization": "memberOf",
        "Group": "memberOf",
        "Place": "memberOf",
        "": "memberOf",
    },
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
    ("buy", "back"): "acquired",
    ("buy", "out"): "acquired",
    ("snap", "up"): "acquired",
    ("put", "together"): {"Organization": "founded", "Group": "founded", "Event": "founded"},
    ("recruit", ""): {"Person": "appointed"},
    ("purchase", ""): "acquired",
    ("take", "over"): {"Place": "controls", "*": "acquired"},
    ("rival", ""): "rivalOf",
    ("back", ""): _agents_only("allyOf"),
    ("support", ""): _agents_only("allyOf"),
    ("kill", ""): "killed",
    ("assassinate", ""): "killed",
    ("murder", ""): "killed",
    ("slay", ""): "killed",
    ("execute", ""): {"Person": "killed"},
    ("gun", "down"): {"Person": "killed"},
    ("cut", "down"): {"Person": "killed"},
    ("strangle", ""): {"Person": "killed"},
    ("behead", ""): {"Person": "killed"},
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
    # contests: the winner is the subject ("Leeds beat Ripon 2-0")
    ("beat", ""): CONTEST,
    ("defeat", ""): CONTEST,
    ("overcome", ""): CONTEST,
    ("thrash", ""): CONTEST,
    ("trounce", ""): CONTEST,
    ("outclass", ""): CONTEST,
    ("oust", ""): {"Person": "defeated", "Organization": "defeated"},
    ("unseat", ""): {"Person": "defeated", "Organization": "defeated"},
    ("win", ""): {"Event": "won", "Product": "won"},
    ("clinch", ""): {"Event": "won", "Product": "won"},
    ("scoop", ""): {"Event": "won", "Product": "won"},
    ("retain", ""): {"Event": "won"},
    # taking part in an event
    ("enter", ""): {"Event": "participatedIn"},
    ("contest", ""): {"Event": "participatedIn"},
    ("host", ""): {"Event": "participatedIn"},
    # creative works
    ("direct", ""): {"Product": "creatorOf"},
    ("write", ""): {"Product": "creatorOf"},
    ("compose", ""): {"Product": "creatorOf"},
    ("record", ""): {"Product": "creatorOf"},
    ("produce", ""): {"Product": "creatorOf"},
    ("pen", ""): {"Product": "creatorOf"},
    ("author", ""): {"Product": "creatorOf"},
    ("co-write", ""): {"Product": "creatorOf"},
    # criticism
    ("attack", ""): CRITICISM,
    ("slam", ""): CRITICISM,
    ("blast", ""): CRITICISM,
    ("lambast", ""): CRITICISM,
    ("lambaste", ""): CRITICISM,
    ("castigate", ""): CRITICISM,
    ("rebuke", ""): CRITICISM,
    ("deride", ""): CRITICISM,
    ("ridicule", ""): CRITICISM,
    ("berate", ""): CRITICISM,
    ("chastise", ""): CRITICISM,
    ("vilify", ""): CRITICISM,
    ("fault", ""): CRITICISM,
    ("mock", ""): CRITICISM,
    # more of plain English censure and praise (synonyms of criticise, condemn, praise)
    **dict.fromkeys(
        [
            (verb, "")
            for verb in (
                "censure decry deplore disparage denigrate belittle assail excoriate pillory "
                "savage rubbish slate pan scold reprimand admonish chide upbraid reproach "
                "lampoon bash badmouth vilify lambast rap"
            ).split()
        ],
        CRITICISM,
    ),
    **dict.fromkeys(
        [(verb, "") for verb in "laud acclaim extol salute compliment congratulate".split()],
        _agents_only("praised"),
    ),
    # using a product or a service
    **dict.fromkeys(
        [(verb, "") for verb in "adopt deploy utilise utilize license licence".split()],
        {"Product": "uses"},
    ),
    # taking part in an event: "fought the election", "X lost the election"
    ("fight", ""): {"Event": "participatedIn"},
    ("lose", ""): {"Event": "participatedIn"},
    ("boycott", ""): {"Event": "participatedIn"},
    ("skip", ""): {"Event": "participatedIn"},
    # wins of a contest or a prize
    ("lift", ""): {"Event": "won"},
    ("bag", ""): {"Event": "won", "Product": "won"},
    ("secure", ""): {"Event": "won"},
    # results: "X edged Y 2-1", "X knocked Y out", "X saw off Y"
    ("edge", ""): CONTEST,
    ("rout", ""): CONTEST,
    ("outplay", ""): CONTEST,
    ("outscore", ""): CONTEST,
    ("overpower", ""): CONTEST,
    ("whitewash", ""): CONTEST,
    ("knock", "out"): CONTEST,
    ("see", "off"): CONTEST,
    # takeovers and hirings
    ("buy", "up"): "acquired",
    ("take", "on"): {"Organization": "rivalOf"},
    ("bring", "in"): {"Person": "appointed"},
    ("poach", ""): {"Person": "appointed"},
    ("promote", ""): {"Person": "appointed"},
    # lawsuits
    ("countersue", ""): "sued",
}

#: Verbs whose subject is a work and whose object performs in it: "the film stars X",
#: "Zapp, starring X".
STARRING_VERBS = frozenset({"star", "feature"})

#: (verb lemma, preposition) whose object is the relation's subject: "X lost to Y" (Y defeated X).
INVERSE_PREPS = frozenset({("lose", "to"), ("lose", "against"), ("crash", "to"), ("slump", "to")})

#: (verb lemma, preposition) -> relation when the object is the preposition's object.
VERB_PREPS: dict[tuple[str, str], Target] = {
    ("work", "for"): "worksFor",
    ("work", "at"): "worksFor",
    ("work", "with"): {"Organization": "worksFor"},
    ("teach", "at"): {"Organization": "worksFor"},
    ("lecture", "at"): {"Organization": "worksFor"},
    ("study", "at"): {"Organization": "memberOf"},
    ("serve", "in"): {"Organization": "memberOf"},
    ("serve", "on"): {"Organization": "memberOf"},
    ("sit", "on"): {"Organization": "memberOf"},
    ("report", "for"): {"Organization": "worksFor"},
    ("write", "for"): {"Organization": "worksFor"},
    # playing for a side: a club is an organisation, a national side is written as its country
    **{
        (verb, "for"): {"Organization": "memberOf", "Place": "memberOf"}
        for verb in (
            "play score appear feature start debut sign finish compete race ride bat bowl "
            "excel shine star captain kick"
        ).split()
    },
    ("fly", "to"): "visited",
    # "returned to the side", "came to the club": rejoining, not a visit; places only
    ("return", "to"): {"Place": "visited"},
    ("come", "to"): {"Place": "visited"},
    ("move", "to"): {"Place": "livesIn"},
    ("live", "in"): "livesIn",
    ("reside", "in"): "livesIn",
    # "X grew up in Leeds": a phrasal verb, read with its particle (see relations.clause)
    ("grow up", "in"): {"Place": "livesIn"},
    ("participate", "in"): "participatedIn",
    ("compete", "in"): {"Event": "participatedIn"},
    ("compete", "with"): "rivalOf",
    ("compete", "against"): "rivalOf",
    ("stand", "against"): {"Person": "rivalOf", "Organization": "rivalOf"},
    ("run", "against"): {"Person": "rivalOf", "Organization": "rivalOf"},
    ("contest", "for"): {"Organization": "memberOf"},
    ("stand", "for"): {"Organization": "memberOf"},
    ("meet", "with"): "metWith",
    ("talk", "with"): "metWith",
    ("sign", "with"): "agreementWith",
    ("agree", "with"): "agreementWith",
    ("partner", "with"): "agreementWith",
    ("ally", "with"): "allyOf",
    ("team", "with"): "agreementWith",
    ("collaborate", "with"): "agreementWith",
    ("cooperate", "with"): "agreementWith",
    ("switch", "to"): {"Product": "uses", "Organization": "uses"},
    ("post", "on"): {"Product": "uses", "Organization": "uses"},
    ("join", "in"): {"Event": "participatedIn"},
    ("star", "in"): {"Product": "performedIn", "Event": "performedIn"},
    ("appear", "in"): {"Product": "performedIn"},
    ("perform", "in"): {"Product": "performedIn", "Event": "performedIn"},
    ("perform", "at"): {"Event": "performedIn"},
    ("play", "in"): {"Event": "participatedIn", "Product": "performedIn"},
    ("co-star", "in"): {"Product": "performedIn"},
    ("costar", "in"): {"Product": "performedIn"},
    ("lose", "to"): CONTEST,
    ("lash", "at"): CRITICISM,
    ("hit", "at"): CRITICISM,
    ("rail", "against"): CRITICISM,
    ("speak", "against"): CRITICISM,
    ("turn", "on"): {"Person": "criticized", "Organization": "criticized"},
    ("win", "at"): {"Event": "won"},
    ("finish", "in"): {"Event": "participatedIn"},
    ("finish", "at"): {"Event": "participatedIn"},
    ("compete", "at"): {"Event": "participatedIn"},
    ("race", "in"): {"Event": "participatedIn"},
    ("race", "at"): {"Event": "participatedIn"},
    ("play", "at"): {"Event": "participatedIn"},
    ("qualify", "for"): {"Event": "participatedIn"},
    ("speak", "at"): {"Event": "participatedIn"},
    ("appear", "at"): {"Event": "participatedIn"},
    ("take", "in"): {"Event": "participatedIn"},
    # more phrasal and prepositional verbs of the same events
    ("run", "in"): {"Event": "participatedIn"},
    ("stand", "in"): {"Event": "participatedIn"},
    ("play", "on"): {"Product": "performedIn"},
    ("go", "to"): {"Place": "visited", "Organization": "visited", "Event": "participatedIn"},
    ("travel", "to"): {"Place": "visited", "Event": "participatedIn"},
    ("rely", "on"): {"Product": "uses"},
    ("run", "on"): {"Product": "uses"},
    ("advertise", "on"): {"Product": "uses", "Organization": "uses"},
    ("advertise", "with"): {"Product": "uses", "Organization": "uses"},
    ("lay", "into"): CRITICISM,
    ("tear", "into"): CRITICISM,
    ("round", "on"): CRITICISM,
    ("round", "upon"): CRITICISM,
    ("clash", "with"): {"Person": "rivalOf", "Organization": "rivalOf"},
    ("vie", "with"): {"Person": "rivalOf", "Organization": "rivalOf"},
    ("side", "with"): _agents_only("allyOf"),
    ("merge", "with"): {"Organization": "agreementWith"},
    ("buy", "from"): {"Organization": "agreementWith"},
    ("acquire", "from"): {"Organization": "agreementWith"},
    ("purchase", "from"): {"Organization": "agreementWith"},
    ("lose", "against"): CONTEST,
    ("crash", "to"): CONTEST,
    ("slump", "to"): CONTEST,
}

#: Passive verbs whose complement gives a relation: "was born in X", "was elected to X".
PASSIVE_PLACE: dict[tuple[str, str], str] = {
    ("bear", "in"): "bornIn",
    ("raise", "in"): "livesIn",
    ("base", "in"): "basedIn",
    ("headquarter", "in"): "basedIn",
    ("locate", "in"): "locatedIn",
    ("appoint", "to"): "memberOf",
    ("elect", "to"): "memberOf",
    ("name", "to"): "memberOf",
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
    "condemnation": "criticized",
    "denunciation": "criticized",
    "rebuke": "criticized",
    "endorsement": "praised",
    "praise": "praised",
    "tribute": "praised",
    "use": {"Product": "uses"},
    "adoption": {"Product": "uses"},
    "participation": {"Event": "participatedIn"},
    "lawsuit": "sued",
    "suit": "sued",
    "win": CONTEST,
    "victory": CONTEST,
    "triumph": CONTEST,
    "founding": "founded",
    "visit": "visited",
    "trip": "visited",
    "killing": "killed",
    "murder": "killed",
    "assassination": "killed",
    "slaying": "killed",
    "leadership": "leaderOf",
}

#: Role nouns: "X, a senior official of/from ORG", "ORG chief executive X", "X's spokesman".
ROLE_NOUNS: dict[str, str] = {
    "member": "memberOf",
    "official": "memberOf",
    "mp": "memberOf",
    "mep": "memberOf",
    "msp": "memberOf",
    "mla": "memberOf",
    "congressman": "memberOf",
    "congresswoman": "memberOf",
    "senator": "memberOf",
    "lawmaker": "memberOf",
    "legislator": "memberOf",
    "politician": "memberOf",
    "activist": "memberOf",
    "militant": "memberOf",
    "fighter": "memberOf",
    "commander": "memberOf",
    "minister": "memberOf",
    "secretary": "memberOf",
    "councillor": "memberOf",
    "player": "memberOf",
    "striker": "memberOf",
    "midfielder": "memberOf",
    "defender": "memberOf",
    "goalkeeper": "memberOf",
    # positions in team sports: "the Leeds prop X", "X, the Ripon winger"
    "keeper": "memberOf",
    "winger": "memberOf",
    "forward": "memberOf",
    "centre": "memberOf",
    "center": "memberOf",
    "prop": "memberOf",
    "hooker": "memberOf",
    "flanker": "memberOf",
    "lock": "memberOf",
    "fly-half": "memberOf",
    "scrum-half": "memberOf",
    "full-back": "memberOf",
    "fullback": "memberOf",
    "tight-head": "memberOf",
    "loose-head": "memberOf",
    "half-back": "memberOf",
    "centre-back": "memberOf",
    "centre-half": "memberOf",
    "full-forward": "memberOf",
    "batsman": "memberOf",
    "bowler": "memberOf",
    "all-rounder": "memberOf",
    "wicketkeeper": "memberOf",
    "quarterback": "memberOf",
    "pitcher": "memberOf",
    "skipper": "memberOf",
    "international": "memberOf",
    "team-mate": "memberOf",
    "teammate": "memberOf",
    "challenger": "memberOf",
    "critic": "criticized",
    "winner": "won",
    "champion": "won",
    "captain": "memberOf",
    "delegate": "memberOf",
    "supporter": "memberOf",
    "candidate": "memberOf",
    "spokesman": "worksFor",
    "attorney": "worksFor",
    "counsel": "worksFor",
    "publisher": "worksFor",
    "officer": "worksFor",
    "aide": "worksFor",
    "staffer": "worksFor",
    "agent": "worksFor",
    "representative": "worksFor",
    "physicist": "worksFor",
    "teacher": "worksFor",
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
    "ambassador": "worksFor",
    "envoy": "worksFor",
    "diplomat": "worksFor",
    "columnist": "worksFor",
    "comptroller": "worksFor",
    "treasurer": "worksFor",
    "administrator": "worksFor",
    "commissioner": "worksFor",
    "consultant": "worksFor",
    "strategist": "worksFor",
    "prosecutor": "worksFor",
    "deputy": "worksFor",
    "mayor": "leaderOf",
    "chancellor": "leaderOf",
    "dean": "leaderOf",
    "rector": "leaderOf",
    "superintendent": "leaderOf",
    "secretary-general": "leaderOf",
    "vice-president": "leaderOf",
    "fellow": "worksFor",
    "assistant": "worksFor",
    "pilot": "worksFor",
    "judge": "memberOf",
    "premier": "leaderOf",
    # ranks of the armed forces and the police: "former Army sergeant X"
    **dict.fromkeys(
        (
            "sergeant corporal lieutenant colonel brigadier admiral commodore constable "
            "lance-corporal marine paratrooper airman sailor soldier"
        ).split(),
        "memberOf",
    ),
    # abbreviated titles of news copy ("Coast Guard Lt. X", "Sen. X", "Gov. X"), with and
    # without their stop
    **{
        f"{abbr}{stop}": relation
        for abbr, relation in (
            ("lt", "memberOf"),
            ("capt", "memberOf"),
            ("sgt", "memberOf"),
            ("col", "memberOf"),
            ("maj", "memberOf"),
            ("cmdr", "memberOf"),
            ("adm", "memberOf"),
            ("cpl", "memberOf"),
            ("pvt", "memberOf"),
            ("sen", "memberOf"),
            ("rep", "memberOf"),
            ("gov", "leaderOf"),
            ("det", "worksFor"),
            ("insp", "worksFor"),
            ("supt", "worksFor"),
        )
        for stop in ("", ".")
    },
}

#: Endings of English agent nouns that name an occupation ("ecologist", "historian",
#: "placekicker", "auctioneer", "spokeswoman"): such a noun before "at/for/with/of" an
#: organisation, or as a title before a name, says the person works there.
OCCUPATION_ENDINGS = ("ist", "ian", "eer", "er", "or", "man", "woman", "person")

#: Agent nouns with those endings that are no occupation: kin, customers, rivals, followers.
NOT_OCCUPATIONS = frozenset(
    (
        "brother sister mother father daughter grandfather grandmother stepfather stepmother "
        "partner customer user buyer consumer subscriber viewer reader listener voter "
        "taxpayer shareholder stockholder holder investor creditor debtor borrower lender donor "
        "sponsor follower supporter admirer believer fan rival competitor opponent critic "
        "visitor passenger prisoner survivor victim neighbor neighbour counterpart predecessor "
        "successor ancestor descendant winner loser runner finisher challenger contender "
        "newcomer outsider insider foreigner stranger owner founder killer murderer "
        "human german roman norman woman man person chairperson layman layperson "
        "character matter number order letter paper center centre computer tower corner "
        "daughter-in-law son-in-law lover admirer mentor protector patron sufferer "
        "other another either neither whether summer winter september october november "
        "december river border chapter minor error mirror floor interior exterior factor "
        "sector power matter water weather number member leader"
    ).split()
)


def role_relation(lemma: str) -> str | None:
    """The relation a role or occupation noun gives its holder to the organisation it names.

    >>> role_relation("chairman"), role_relation("ecologist"), role_relation("historian")
    ('leaderOf', 'worksFor', 'worksFor')
    >>> role_relation("customer"), role_relation("brother"), role_relation("list")
    (None, None, None)
    """
    found = ROLE_NOUNS.get(lemma)
    if found is not None:
        return found
    if (
        len(lemma) > 5
        and lemma.isalpha()
        and lemma.endswith(OCCUPATION_ENDINGS)
        and lemma not in NOT_OCCUPATIONS
        and lemma not in TYPE_NOUNS
    ):
        return "worksFor"
    return None


#: Last words of the names of buildings and sites ("Ford's Theatre", "Lorraine Motel",
#: "Marshall Space Flight Center"): the name is a place, whatever the NER said.
FACILITY_NOUNS = frozenset(
    (
        "theater theatre motel hotel center centre plant airport airfield stadium arena "
        "station prison penitentiary jail exposition square cathedral mosque synagogue "
        "shipyard refinery reactor terminal harbor harbour"
    ).split()
)  # not "Hall", "Park", "Church" or "Temple" (surnames too), nor "Hospital" or "Museum"
#  (employers: "a nurse at Riverside Hospital" works for it)

#: Kinship nouns: "X's father" -> the father is X's parent.
PARENT_NOUNS = frozenset({"father", "mother", "parent", "dad", "mum", "mom"})
CHILD_NOUNS = frozenset({"son", "daughter", "child", "children", "sons", "daughters"})
SPOUSE_NOUNS = frozenset({"wife", "husband", "spouse", "widow", "widower"})

#: Head nouns that make a type: "the Bolton network", "the group", "the prisoner swap".
#: Posts that a place's name before them makes a post in that place's team or government
#: ("France manager X", "Leeds prop X", "UK finance minister X"); other occupations before a
#: place's name say where the person lives ("a Leeds businessman").
PLACE_POSTS = frozenset(
    "manager coach boss captain skipper player striker midfielder defender goalkeeper keeper "
    "winger forward centre center prop hooker flanker lock fly-half scrum-half full-back "
    "fullback tight-head loose-head half-back centre-back centre-half full-forward batsman "
    "bowler all-rounder wicketkeeper quarterback pitcher international team-mate teammate "
    "minister secretary president premier chancellor ambassador envoy diplomat "
    "prime-minister".split()
)

#: Nouns of creative works: "her album Zapp", "the film Zapp".
WORK_NOUNS = frozenset(
    "film movie documentary biopic album single song track record ep book novel memoir "
    "biography autobiography play musical opera ballet show series sitcom drama soap "
    "programme program game video-game videogame painting sculpture poem ballad".split()
)

#: Nouns of the people who make or perform a work, named before them or with it: "the Zapp
#: director Jo Bloggs" made Zapp, "former Zapp actor Jo Bloggs" performed in it.
WORK_CREDIT_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        (
            "director co-director writer co-writer screenwriter scriptwriter author creator "
            "co-creator producer composer songwriter lyricist showrunner novelist playwright "
            "filmmaker film-maker"
        ).split(),
        "creatorOf",
    ),
    **dict.fromkeys(
        "actor actress star co-star presenter host narrator dancer".split(), "performedIn"
    ),
}

#: Nouns of a part played in a work: "her role in Zapp", "his part in Zapp".
ROLE_IN_WORK_NOUNS = frozenset("role part performance portrayal turn cameo".split())

#: Nouns of a loss: "Leeds's defeat by Ripon", "their 2-0 loss to Ripon" (the object won).
DEFEAT_NOUNS = frozenset("defeat loss thrashing drubbing".split())

#: Adjectives of criticism after a copula: "X was highly critical of Y".
CRITICAL_ADJECTIVES = frozenset("critical scathing dismissive contemptuous scornful".split())

#: Verbs whose "X as Y" is criticism, not a designation: "dismissed the party as a spent force".
CRITICISM_AS_VERBS = frozenset("dismiss deride ridicule".split())

#: Words that name a minister's brief in a title, not an organisation: "Home Secretary X",
#: "Health Minister X".
PORTFOLIO_WORDS = frozenset(
    "home foreign health defence defense education culture transport environment trade "
    "interior justice work pensions energy sport media digital business industry agriculture "
    "housing employment welfare science technology tourism shadow junior deputy".split()
)
#: The posts a brief is written before.
PORTFOLIO_POSTS = frozenset(
    "secretary minister ministers secretaries spokesman spokeswoman".split()
)

#: Last words of the names of events ("the Zenda Championships", "the Leeds Games").
EVENT_NAME_WORDS = frozenset(
    "championships championship games olympics paralympics cup open awards festival "
    "tournament grand-prix prix marathon series finals summit conference congress expo show "
    "fair ceremony election elections".split()
)

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
            "police force forces military police manufacturer carmaker automaker chipmaker "
            "drugmaker steelmaker airline conglomerate supermarket supplier distributor giant"
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
            "scandal merger takeover bid race championship cup prize award awards trophy medal"
        ).split()
    },
    **{
        w: "Place"
        for w in (
            "country city town village region province state capital island nation republic "
            "county district suburb borough municipality port resort parish prefecture canton "
            "ward constituency"
        ).split()
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
    **dict.fromkeys(
        (
            "carmaker automaker chipmaker drugmaker steelmaker manufacturer insurer lender "
            "airline broadcaster publisher conglomerate supermarket operator"
        ).split(),
        ("Organization",),
    ),
    "platform": ("Product", "Organization"),
    "app": ("Product", "Organization"),
    "service": ("Product", "Organization"),
    "site": ("Product", "Organization"),
    "network": ("Product", "Organization"),
    "country": ("Place",),
    "nation": ("Place",),
    "city": ("Place",),
}

#: Words written just before a name that tell a person's gender ("Mrs Bloggs", "actress X",
#: "her husband, X"), for he/she agreement.
MALE_WORDS = frozenset(
    (
        "mr messrs sir lord king prince duke baron earl count emperor actor spokesman "
        "chairman businessman congressman councilman sportsman brother father son husband "
        "widower uncle nephew grandfather grandson boyfriend monk"
    ).split()
)
FEMALE_WORDS = frozenset(
    (
        "mrs ms miss dame lady queen princess duchess baroness countess empress madam mme "
        "mlle actress spokeswoman chairwoman businesswoman congresswoman councilwoman "
        "sportswoman sister mother daughter wife widow aunt niece grandmother granddaughter "
        "girlfriend nun"
    ).split()
)
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

#: Personal pronouns that refer back to a person.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})

#: Pronouns that refer back to an organisation or a product.
THING_PRONOUNS = frozenset({"it", "its", "itself"})

#: Speech verbs: "X said", "X told reporters", "X tweeted".
SPEECH_VERBS = frozenset(
    (
        "say tell add tweet write state claim insist argue explain warn announce note ask "
        "reply respond comment declare suggest admit acknowledge stress confirm deny "
        "predict urge allege report testify recall"
    ).split()
)

#: Nouns for one who speaks for an organisation: "a spokesman for X said" is X speaking.
SPOKESPERSON_NOUNS = frozenset("spokesman spokeswoman spokesperson".split())

#: Words that make a fact uncertain.
HEDGE_ADVERBS = frozenset(
    "reportedly allegedly apparently possibly probably perhaps supposedly purportedly".split()
)
HEDGE_MODALS = frozenset("may might could would should".split())
HEDGE_NOUNS = frozenset("bid plan attempt offer proposal effort intention threat".split())
HEDGE_GOVERNORS = frozenset(
    "plan want hope intend threaten seek try expect aim consider propose agree".split()
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
    ("file", "suit", "against"): "sued",
    ("file", "claim", "against"): "sued",
    ("file", "case", "against"): "sued",
    ("bring", "lawsuit", "against"): "sued",
    ("bring", "case", "against"): "sued",
    ("bring", "action", "against"): "sued",
    ("launch", "action", "against"): "sued",
    ("join", "force", "with"): "agreementWith",
    ("take", "part", "in"): "participatedIn",
    ("impose", "ban", "on"): "banned",
    ("pay", "tribute", "to"): "praised",
    ("heap", "praise", "on"): "praised",
    ("shower", "praise", "on"): "praised",
    ("pour", "scorn", "on"): "criticized",
    ("heap", "scorn", "on"): "criticized",
}

#: Honorifics before a person's name ("Mr", "Dr"): stripped from the name, and they make a person.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady prof rev messrs mme mlle herr".split()
)

#: Legal and generic designators that end organisation names ("Acme Holdings", "Foo Ltd").
ORG_SUFFIXES = frozenset(
    (
        "ltd limited inc incorporated corp corporation plc llc llp lp co company companies "
        "group partners holdings enterprises industries associates gmbh ag sa nv bv pty "
        "bancorp airlines airways motors systems technologies laboratories labs"
    ).split()
)

#: Lower-case words that may stand inside a name ("Bank of England", "Tom and Jerry").
NAME_CONNECTORS = frozenset(
    "of and the for de du da del della di van von der den la le al el bin y on upon".split()
)

#: Nouns that a person is, in apposition or as a description ("X, a confidant of Y").
PERSON_NOUNS = frozenset(
    (
        "man woman boy girl entrepreneur businessman businesswoman tycoon magnate billionaire "
        "millionaire veteran confidant ally friend aide deputy heir brother sister sibling "
        "uncle aunt cousin nephew niece grandson granddaughter grandfather grandmother "
        "star singer actor actress author writer musician artist producer politician judge "
        "candidate chancellor premier composer poet painter photographer novelist playwright "
        "filmmaker pianist historian"
    ).split()
)

#: Sibling nouns: "X, the brother of Y" (an open relation: the inventory has no sibling).
SIBLING_NOUNS = frozenset("brother sister sibling".split())

#: Nouns only an organisation has: "X's shares", "X's chief executive" make X an organisation.
ORG_PART_NOUNS = frozenset(
    (
        "shares shareholder shareholders headquarters subsidiary subsidiaries division "
        "workforce customers users profit profits revenue revenues ceo chairman executive "
        "spokesman spokeswoman spokesperson founder owner"
    ).split()
)

#: Nouns of a stake in something: "bought a 30% stake in X" acquires X.
STAKE_NOUNS = frozenset("stake share shares holding holdings interest operation operations".split())

#: Nouns of holding something: "retains possession of X" (owns), "took control of X".
HOLDING_NOUNS: dict[str, str] = {
    "possession": "owns",
    "ownership": "owns",
    "control": "controls",
}

#: Verbs that give up what their object names: "lost control of X" is no control.
LOSING_VERBS = frozenset("lose cede relinquish surrender forfeit sell give seek want".split())

#: Nouns of an agreement: "signed a deal with X", "reached an agreement with X".
AGREEMENT_NOUNS = frozenset(
    "agreement deal pact accord treaty partnership contract alliance settlement merger".split()
)

#: Verbs whose subject acquires the preposition's object: "sold X to Y" (Y acquired X).
TRANSFER_VERBS = frozenset("sell transfer hand cede".split())

#: Verbs whose object held the role the subject takes: "replaced X as chief executive of Y".
SUCCESSION_VERBS = frozenset("replace succeed".split())

#: Nouns for a relation between two people, in apposition: "X, a close ally of Y".
#: The flag says whether the relation is open (the inventory has no sibling relation).
PERSON_RELATION_NOUNS: dict[str, tuple[str, bool]] = {
    **{w: ("allyOf", False) for w in "ally confidant friend supporter backer".split()},
    **{w: ("rivalOf", False) for w in "rival opponent challenger adversary".split()},
    **{w: ("sibling of", True) for w in SIBLING_NOUNS},
}

#: Nouns of an organisation's premises: "the firm's offices in Leeds" (based in Leeds).
SITE_NOUNS = frozenset("headquarters hq office offices base plant factory premises".split())

#: Compass words before a place: "in north Leeds", "in south-western France".
COMPASS_WORDS = frozenset(
    (
        "north south east west northern southern eastern western central north-east "
        "north-west south-east south-west northeast northwest southeast southwest "
        "north-eastern north-western south-eastern south-western inner outer greater"
    ).split()
)

#: Nouns for an organisation's own bodies: "the Acme board" stands for Acme.
ORG_BODY_NOUNS = frozenset("board management leadership workforce".split())

#: Honours and degrees written after a name ("received an OBE"): titles, not entities.
POST_NOMINALS = frozenset("obe mbe cbe kbe dbe gbe frs qc kc phd mba msc bsc".split())

#: Verbs that give a thing a new name: "X, which is to be renamed Y" (one entity, two names).
RENAME_VERBS = frozenset("rename rebrand".split())

#: Agent nouns of killing: "Osric's killer, X", "the assassin of Y", "Y's assassin".
KILLER_NOUNS = frozenset("killer assassin murderer slayer".split())

#: Words that make "shot" a killing: "shot dead", "shot to death", "fatally shot".
DEATH_CUES = frozenset("dead death fatally lethally mortally".split())
#: Words that say a sentence is about a death: a shooting it tells of killed ("X shot Y, the
#: first assassination of ...").
DEATH_WORDS = frozenset(
    (
        "kill killing killed assassinate assassination assassin murder murdered slay slain "
        "slaying death dead die died dies fatal fatally mortally execute executed"
    ).split()
)
#: Verbs of wounding: a killing only with a death cue ("shot dead", "stabbed to death").
WOUNDING_VERBS = frozenset("shoot stab beat poison bludgeon wound".split())
#: Wounding verbs a death elsewhere in the sentence does not make a killing: "X killed Y and
#: wounded Z" (Z lived); only their own cue does ("mortally wounded").
INJURY_VERBS = frozenset("wound".split())

#: The shots or blast a relative clause may say killed someone: "X fired the shots that killed Y".
WEAPON_NOUNS = frozenset("shot shots bullet bullets round rounds bomb bombs blast missile".split())
WEAPON_VERBS = frozenset("fire plant detonate throw launch set".split())

#: Buildings and rooms an event happens in, themselves in a place: "born in a log cabin in X".
BUILDING_NOUNS = frozenset(
    (
        "house home cabin cottage manse farmhouse apartment flat hospital clinic hotel motel "
        "room bedroom village farm ranch hut tent castle palace mansion"
    ).split()
)

#: Nouns of a person's home: "a native of X", "X native Y", "a resident of X".
HOME_NOUNS = frozenset("native resident citizen inhabitant".split())
#: Nouns for the home place itself: "his Leeds home", "her hometown of Leeds".
HOME_PLACE_NOUNS = frozenset("home hometown birthplace homeland".split())
#: Words that make a place noun or a place name someone's home: "his home state",
#: "her native Yorkshire", "his adopted home".
HOME_MODIFIERS = frozenset("home native adopted".split())

# -- evaluations: criticism, praise, rivalry, joint action ------------------------------------

#: Words that find fault with what they describe, after a copula or "as": "X said the plan was
#: a shambles", "described Y as repressive". Adjectives and nouns of plain English censure.
CENSURE_WORDS = frozenset(
    (
        "hypocritical hypocrite repressive oppressive authoritarian undemocratic arrogant "
        "incompetent inept corrupt disastrous disaster shambles farce fiasco disgrace "
        "disgraceful shameful scandalous outrageous unacceptable irresponsible reckless "
        "dishonest deceitful misleading flawed unfair unjust immoral cynical absurd ridiculous "
        "pathetic useless hopeless complacent negligent divisive brutal racist stooge crass "
        "ignorant liar bully fraud cowardly deplorable appalling shoddy unfit inadequate "
        "wrong-headed misguided contemptible laughable lamentable dreadful stupid evil "
        "vacuous nonsense shameless sleazy chaotic mess muddle "
        # more fault (h-crit): "X said Y was wrong", "described Y's plans as unworkable"
        "wrong mistaken naive unworkable unrealistic incoherent out-of-touch untrustworthy "
        "unaccountable secretive heavy-handed high-handed dictatorial opportunistic "
        "underhand untruthful discredited spineless gutless clueless complicit culpable "
        "guilty unprofessional unethical illegal unlawful blinkered rude offensive "
        "insulting patronising patronizing"
    ).split()
)

#: Words that commend what they describe: "X said Y was irreplaceable", "hailed Y as a genius".
PRAISE_WORDS = frozenset(
    (
        "irreplaceable excellent outstanding brilliant superb fantastic wonderful exceptional "
        "impressive remarkable admirable courageous visionary inspirational inspiring "
        "talented genius hero heroic magnificent tremendous phenomenal terrific world-class "
        "first-class marvellous marvelous splendid invaluable"
    ).split()
)

#: Deeds a speaker charges someone with: "X said Y had misled voters", "X claimed Y lied".
CENSURED_DEEDS = frozenset(
    (
        "mislead lie betray abandon manipulate deceive cheat mismanage mishandle bungle "
        "squander neglect snub flout violate breach renege"
    ).split()
)

#: Verbs that describe something "as" what it is said to be, or call it so: "described Y as
#: repressive", "called Y a disgrace". Neutral alone; the description says the evaluation.
DESCRIBE_VERBS = frozenset(
    "describe call portray characterise characterize depict paint dub brand label".split()
)

#: Speech and belief verbs whose complement clause may evaluate someone: "X said Y was corrupt".
EVALUATING_VERBS = frozenset(
    (
        "say tell add state claim insist argue explain warn declare suggest admit stress "
        "believe think allege complain charge contend maintain"
    ).split()
)

#: Verbs that press someone to act: "X urged Y to resign", "X called on Y to quit" (with "on").
PRESSING_VERBS = frozenset("urge press call".split())

#: Nouns of attack in "Y came under fire from X", "Y is under attack from X".
UNDER_FIRE_NOUNS = frozenset("fire attack criticism pressure".split())

#: Nouns of one who finds fault: "X, a critic of Y", "Y critic X" (any kind of target).
CRITIC_NOUNS = frozenset("critic detractor".split())

#: Words before a name that make it the rival of the clause's subject: "bought it from rival X".
RIVAL_MODIFIERS = frozenset("rival competitor".split())

#: Verb phrases of working together, said of conjoined subjects: "X and Y are joining forces".
#: (verb lemma, object lemma or particle or adverb); "" = the verb alone.
JOINT_ACTIONS = frozenset(
    {
        ("join", "force"),
        ("combine", "force"),
        ("join", "hand"),
        ("team", "up"),
        ("work", "together"),
        ("collaborate", ""),
        ("cooperate", ""),
        ("co-operate", ""),
        ("partner", ""),
        ("ally", ""),
    }
)

#: A person's own side, named in apposition: "his club side, Leeds", "her party, the Fictional
#: Party" (the person belongs to it).
SIDE_NOUNS = frozenset("club side team party squad band outfit".split())

#: Verbs that give someone a post: "X was named chief executive of Acme", "elected leader of Y".
APPOINTING_VERBS = frozenset(
    "name appoint elect re-elect reappoint promote install make confirm choose select".split()
)
