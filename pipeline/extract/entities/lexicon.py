"""The words entity extraction relies on, each defined once: the tagger's labels kept, title and role words,
head words that type a name (`Foundation`, `Summit`, `United`), and the layout of results tables."""

from __future__ import annotations

import re

from pipeline.vocabulary import MONTH_NAMES, WEEKDAY_NAMES

#: spaCy labels kept, mapped to the warehouse's entity types (nationalities such as NORP are not entities).
LABEL_TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "WORK",
}
#: Head words of titles and roles written before a name (`Foreign Minister`, `General`, `Mr`).
TITLE_WORDS = frozenset(
    """president minister secretary general admiral envoy ambassador chancellor senator governor mayor
    chairman chairwoman chair chief director commander spokesman spokeswoman spokesperson leader king queen
    prince princess pope judge justice prosecutor officer colonel major captain lieutenant sergeant
    professor prof dr mr mrs ms miss sir lord lady dame rep sen gov coach manager boss founder candidate
    representative congressman congresswoman speaker premier executive ceo chairperson commissioner
    inspector detective constable superintendent archbishop bishop cardinal rabbi imam sheikh emir sultan
    sheriff attorney counsel adviser advisor aide economist analyst editor correspondent author actor
    actress singer star striker midfielder defender goalkeeper captain skipper player champion""".split()
)
#: Words that qualify a title (`Deputy Prime Minister`, `Special Envoy`, `Foreign Secretary`).
TITLE_MODIFIERS = frozenset(
    """deputy vice prime foreign home interior defence defense finance trade health special former acting
    first supreme senior junior assistant associate executive general state federal national shadow
    education justice energy culture environment transport economy chief lord""".split()
)
#: Articles that are part of a place's name rather than a determiner.
NAMES_WITH_THE = frozenset({"hague", "gambia", "bahamas", "netherlands"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "around", "towards"})
#: Head nouns that make the proper nouns modifying them places (`Sumy and Odesa regions`).
PLACE_HEAD_NOUNS = frozenset(
    """region regions province provinces city cities town towns village villages district districts county
    counties state states oblast oblasts area areas island islands capital port""".split()
)


#: Last words that make a name an organisation whatever the tagger said (`Clinton Foundation`).
ORG_HEAD_WORDS = frozenset(
    """inc inc. corp corp. corporation co co. ltd ltd. plc llc group holdings bank party council association
    federation union committee commission ministry department university college institute agency authority
    foundation trust airlines airways motors fund society league board bureau office service services court
    company companies network news times post journal telegraph guardian club books press magazine records
    studios pictures analytics partners ventures capital labs media entertainment publishing""".split()
)
#: A team name: capitalised words, maybe joined by `-`, `.`, `&` or `'` (`St. Johnstone`, `Queens Park Rangers`).
_TEAM = r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3}"
#: `Leeds 0 Chelsea 2`, `Japan 2 Syria 1`: one result per line.
RESULT_LINE = re.compile(rf"^(?P<home>{_TEAM}) \d{{1,3}} (?P<away>{_TEAM}) \d{{1,3}}(?: \(.*\))?\s*$")
#: `Arsenal 17 10 5 2 31 14 35`: a team and at least four numbers.
STANDINGS_LINE = re.compile(rf"^(?P<home>{_TEAM})(?: \d{{1,4}}){{4,}}\s*$")
#: Capitalised words that name a time, never an entity, whatever the tagger did once.
CALENDAR_WORDS: frozenset[str] = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)
#: Last words that make a name an event (`Paris Normandy Summit`, `Asian Cup`, `Iraq War`).
EVENT_HEAD_WORDS = frozenset(
    """summit cup championship championships olympics games festival war tournament prix marathon parade
    fair conference convention expo awards election elections""".split()
)
#: Last words that make a name a place: buildings, facilities and features of the land
#: (`Sydney Opera House`, `Mummy Mountain`, `LaGuardia Airport`).
PLACE_HEAD_WORDS = frozenset(
    """house palace hall centre center airport station stadium arena park bridge street avenue road square
    mountain mountains hill hills river lake valley beach bay island islands coast canyon forest desert
    cathedral church mosque temple museum gallery theatre theater tower building castle""".split()
)
#: Holidays and observances, events whatever the tagger said (`Kwanzaa`, `Diwali`).
HOLIDAYS = frozenset(
    """christmas easter thanksgiving halloween hanukkah chanukah kwanzaa diwali ramadan eid passover
    yom kippur rosh hashanah lent advent pentecost""".split()
)
#: Last words of football and other club names (`Leeds United`, `Man City`, `Aston Villa`).
CLUB_WORDS = frozenset(
    "united city rovers athletic albion wanderers hotspur villa county town fc afc rangers celtic".split()
)
#: A hyphenated suffix that is not part of a name (`Trump-led`, `Texas-based`).
NAME_SUFFIX_WORDS = frozenset({"led", "based", "born", "backed", "owned", "run", "style", "like", "era"})
#: Head words of a name that holds a possessive (`Women's Tennis Association`, `Macy's Thanksgiving Day
#: Parade`, `St Stephen's Green Shopping Centre`).
NAME_HEAD_WORDS = ORG_HEAD_WORDS | EVENT_HEAD_WORDS | PLACE_HEAD_WORDS
#: Words a work's title leaves in lower case (`Night of the Living Dead`).
WORK_TITLE_FUNCTION_WORDS = frozenset(
    "a an the of and or but nor in on at by for from to with as vs via into over under is are".split()
)
#: Quoted title-case strings shorter than this are more often names and nicknames than works.
MIN_WORK_TITLE_WORDS = 2
#: Verbs whose subject or object is a team when it is a place's name (`Cleveland beat Pittsburgh`).
TEAM_VERBS = frozenset("beat defeat thrash edge overcome rout outplay".split())
#: Nouns a team's name modifies (`Liverpool manager Rafael Benitez`, `Chelsea's striker`).
TEAM_NOUNS = frozenset(
    """manager coach boss striker midfielder defender goalkeeper keeper winger captain fans supporters squad
    side team player players""".split()
)
