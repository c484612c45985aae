"""Every word list and limit of the discourse model, in one place."""

from __future__ import annotations

#: Titles before a name that say the person's sex.
MALE_TITLES: frozenset[str] = frozenset("mr mr. sir lord king prince father brother".split())
FEMALE_TITLES: frozenset[str] = frozenset("mrs mrs. ms ms. miss dame lady queen princess sister".split())
#: Role and kinship nouns that say a person's sex (`the actress`, `his wife`).
MALE_NOUNS: frozenset[str] = frozenset(
    """man men boy husband father son brother uncle grandfather king prince spokesman chairman businessman
    congressman councilman sportsman actor waiter widower boyfriend nephew""".split()
)
FEMALE_NOUNS: frozenset[str] = frozenset(
    """woman women girl wife mother daughter sister aunt grandmother queen princess spokeswoman chairwoman
    businesswoman congresswoman councilwoman sportswoman actress waitress widow girlfriend niece""".split()
)
#: Person nouns that introduce someone new rather than refer back (`“…,” the woman said` from the audience).
ANONYMOUS_PERSON_NOUNS: frozenset[str] = frozenset("man men woman women boy boys girl girls".split())
#: Pronouns, with the sex (`None`: either) and the kind of referent they stand for.
PRONOUN_GENDERS: dict[str, str | None] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
}

#: Nouns that describe an organisation, with words of an organisation's name that show it is one (`the
#: airline` for `US Airways`). An organisation whose name holds none of them is a `company` when its name
#: holds a company word, and may be any of GENERAL_ORGANISATION_NOUNS.
ORGANISATION_NOUNS: dict[str, frozenset[str]] = {
    "company": frozenset(
        "company co co. corp corp. corporation inc inc. ltd ltd. plc llc group holdings".split()
    ),
    "firm": frozenset(
        "company co co. corp corp. corporation inc inc. ltd ltd. plc llc group holdings partners".split()
    ),
    "airline": frozenset("airline airlines airways air".split()),
    "bank": frozenset("bank bancorp".split()),
    "committee": frozenset({"committee"}),
    "commission": frozenset({"commission"}),
    "council": frozenset({"council"}),
    "party": frozenset({"party"}),
    "union": frozenset({"union"}),
    "court": frozenset({"court"}),
    "club": frozenset("club fc united city rovers athletic".split()),
    "team": frozenset("fc united city rovers athletic".split()),
    "agency": frozenset({"agency", "administration", "bureau"}),
    "department": frozenset({"department", "ministry", "office"}),
    "ministry": frozenset({"ministry"}),
    "university": frozenset({"university", "college"}),
    "school": frozenset({"school", "academy", "college"}),
    "hospital": frozenset({"hospital"}),
    "network": frozenset("network broadcasting news tv television radio".split()),
    "newspaper": frozenset("times post journal herald tribune telegraph guardian gazette news daily".split()),
    "label": frozenset({"records", "music"}),
    "studio": frozenset({"studios", "pictures", "films"}),
    "band": frozenset(),
    "group": frozenset({"group"}),
    "organisation": frozenset(),
    "organization": frozenset(),
    "charity": frozenset({"trust", "foundation", "fund"}),
    "foundation": frozenset({"foundation"}),
    "association": frozenset({"association", "federation", "league"}),
    "institute": frozenset({"institute"}),
    "government": frozenset({"government"}),
    "campaign": frozenset({"campaign"}),
    "board": frozenset({"board"}),
    "regulator": frozenset(),
    "watchdog": frozenset(),
    "retailer": frozenset(),
    "carrier": frozenset("airline airlines airways air wireless".split()),
    "manufacturer": frozenset(),
    "maker": frozenset(),
    "giant": frozenset(),
    "operator": frozenset(),
    "publisher": frozenset({"press", "publishing", "books"}),
    "broadcaster": frozenset("broadcasting bbc network tv television radio".split()),
}
#: Descriptions that fit any organisation the article names (`the group said`).
GENERAL_ORGANISATION_NOUNS: frozenset[str] = frozenset("organisation organization group firm company".split())
#: Nouns for what someone issued (`the statement said`): their speaker is who issued it.
ISSUED_NOUNS: frozenset[str] = frozenset(
    "statement report release announcement letter memo study survey document filing complaint lawsuit "
    "suit notice post tweet message email website ruling order forecast analysis estimate projection poll "
    "research paper review".split()
)
#: Verbs by which someone issues one of ISSUED_NOUNS (`X released a statement`).
ISSUING_VERBS: frozenset[str] = frozenset(
    "issue release publish put send post write file produce say tweet announce provide email".split()
)
#: Roles through which an organisation speaks (`a spokesman for X`, `X's spokeswoman`): the speaker is X.
ORGANISATION_VOICES: frozenset[str] = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative representatives official officials "
    "source sources statement lawyer lawyers attorney attorneys aide aides staff".split()
)

#: Paragraphs back a description or pronoun may reach its referent.
MAX_REFERENCE_PARAGRAPHS = 6
#: Sentences back (this one included) in which `the statement` may find who issued it.
ISSUER_SENTENCES = 8
#: Words a role phrase may have (`the Tory co-chairman`).
MAX_ROLE_WORDS = 6
