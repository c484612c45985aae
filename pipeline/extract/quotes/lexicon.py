"""The words and thresholds quote extraction relies on, each defined once: quote marks, reporting verbs,
speaker words, the words that mark a quoted string as a name rather than speech, and every window and
limit the rules use.

Kept in one place so that tuning the extractor on a corpus changes data, not code.
"""

from __future__ import annotations

# --- Quote marks -------------------------------------------------------------------------------------

#: Double quote marks that open a quotation.
OPENING_QUOTES: frozenset[str] = frozenset("“„‟«〝")
#: Double quote marks that close a quotation.
CLOSING_QUOTES: frozenset[str] = frozenset("”»〞")
#: Marks that open or close depending on where they stand.
STRAIGHT_QUOTES: frozenset[str] = frozenset('"＂')
DOUBLE_QUOTES: frozenset[str] = OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES
#: Separator used to join the paragraphs of a multi-paragraph quote in `Quote.text`.
PARAGRAPH_JOINER = " "

# --- Reporting verbs (lemmas) --------------------------------------------------------------------------
# Built from the GenderGapTracker list of speech verbs, extended with verbs seen introducing reported
# speech in news (and PolNeAR train). All are lemmas as spaCy's English lemmatizer produces them.

#: Verbs whose main use is to report what somebody said or wrote; they attribute both quotes and
#: reported speech (`said that …`).
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    accept accuse acknowledge add address admit advise advocate affirm agree allege announce answer
    apologise apologize appeal argue ask assert assure aver beg blame blast boast brag call caution
    charge chide chime cite claim clarify comment complain concede conclude condemn confess confide
    confirm contend continue convince counter criticise criticize cry debate declare decry defend demand
    deny describe detail dismiss dispute echo elaborate emphasise emphasize encourage endorse estimate
    exclaim explain express forecast grumble guarantee highlight hint indicate inform insist instruct
    joke lament laud lie maintain mention mock muse mutter note object observe order outline pledge
    plead point praise predict proclaim promise propose protest question quip rail rant reaffirm reason
    reassure recall recount reiterate reject remark remind reply report respond retort reveal say scoff
    scold shout sigh signal slam speak specify speculate state stress suggest summarise summarize swear
    talk taunt tease testify thank threaten tell tout tweet underline underscore urge vow warn whisper
    wonder write yell
    concur disclose divulge scream holler interject surmise posit opine exhort gush marvel rage fume
    thunder snap bark groan chuckle laugh post read recite decline denounce hail lambast lash mourn pronounce recommend reckon rebut refute
    repeat stipulate submit vouch welcome
    """.split()
)

#: Verbs of thought and belief; PolNeAR counts them as attributions, but they never introduce a
#: direct quote, and only count as reported speech with a clausal complement.
COGNITION_VERBS: frozenset[str] = frozenset(
    """
    believe think feel fear hope expect know worry suspect doubt assume figure guess imagine reckon
    understand acknowledge anticipate consider envision predict realize realise recognize recognise
    want find plan
    """.split()
)


#: Lemmas that report speech through their direct object (`criticised efforts by Europe`,
#: `ruled out sending troops`); others need a clausal complement to count as reported speech.
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset(
    """
    accuse announce blame blast chide condemn confirm criticise criticize decry defend demand deny
    denounce dismiss dispute endorse lambast mock pledge praise promise propose question reaffirm
    reiterate reject rule slam threaten tout welcome hail rebut refute cite discuss
    """.split()
)

#: Phrasal cues as (verb lemma, particle or preposition); the content is the object of the particle's
#: clause or of the preposition (`pointed to the strikes`, `ruled out sending troops`).
PHRASAL_CUES: frozenset[tuple[str, str]] = frozenset(
    {
        ("point", "to"),
        ("point", "out"),
        ("rule", "out"),
        ("call", "for"),
        ("call", "on"),
        ("warn", "of"),
        ("warn", "about"),
        ("warn", "against"),
        ("speak", "about"),
        ("speak", "of"),
        ("talk", "about"),
        ("complain", "about"),
        ("comment", "on"),
        ("insist", "on"),
        ("hint", "at"),
        ("lash", "out"),
        ("argue", "for"),
        ("argue", "against"),
        ("refer", "to"),
    }
)

#: Lemmas that report speech only as part of a phrasal cue (`point to`); alone they say nothing.
PHRASAL_ONLY_VERBS: frozenset[str] = frozenset({"point", "rule", "lash", "refer"})

#: Lemmas too ambiguous to be the cue of an unquoted attribution even with a clausal complement
#: (`call`, `continue`, `order` take complements in non-speech senses).
QUOTE_ONLY_VERBS: frozenset[str] = frozenset(
    {
        "call",
        "continue",
        "address",
        "read",
        "post",
        "laugh",
        "chuckle",
        "snap",
        "bark",
        "rage",
        "marvel",
        "chime",
        "cry",
        "lie",
        "question",
        "talk",
        "speak",
        "order",
    }
)

#: The multi-word cue that attributes without a verb.
ACCORDING_TO = ("according", "to")

# --- Speakers -------------------------------------------------------------------------------------------

# The pronouns a speaker is resolved through (PERSON_PRONOUNS, GROUP_PRONOUNS) are in `pipeline/vocabulary.py`.
#: Pronouns that never name the speaker of a news quote.
NON_SPEAKER_WORDS: frozenset[str] = frozenset(
    {"it", "this", "that", "there", "what", "which", "these", "those"}
)
#: Entity types that can speak.
SPEAKER_ENTITY_TYPES: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "PLACE", "NORP"})

# --- Learned decisions ---------------------------------------------------------------------------------

#: The model that says whether a quoted string is speech (`pipeline/extract/models/quote_speech.json`).
SPEECH_MODEL = "quote_speech"
#: The model that picks a cue's source among the candidates of its sentence (`quote_source.json`).
SOURCE_MODEL = "quote_source"
#: Candidates weighed for a cue's source: the rules' choice and the noun phrase heads nearest the cue.
MAX_SOURCE_CANDIDATES = 8

# --- Non-speech quotation -------------------------------------------------------------------------------

#: Words just before a quoted string that mark it as a name, a title or a scare quote, not speech.
NAMING_WORDS: frozenset[str] = frozenset(
    {
        "so-called",
        "dubbed",
        "called",
        "named",
        "titled",
        "entitled",
        "nicknamed",
        "labelled",
        "labeled",
        "termed",
    }
)
#: Words that may stand between a naming verb and the quote it names (`called it “…”`, `dubbed them “…”`).
NAMING_OBJECT_WORDS: frozenset[str] = frozenset({"the", "a", "an", "it", "him", "her", "them"})
#: Naming verbs that report speech when a speaker is their subject (`what Mr. Hedge called “the prior
#: economy model”`, `who he dubbed “the little senator”`), but name things as participles (`a group called`).
NAMING_VERBS: frozenset[str] = frozenset({"call", "dub", "label", "term", "nickname", "brand", "describe"})
#: Nouns that attribute the words quoted in their sentence (`her remark that “there’s a special place …”`).
SPEECH_NOUNS: frozenset[str] = frozenset(
    """remark remarks statement statements comment comments words quote quotes message messages tweet tweets
    speech interview claim claims slogan promise pledge warning description testimony letter email post""".split()
)
#: How many paragraphs back a cue-less quote paragraph may inherit its speaker from (news convention:
#: a quote paragraph continues the speaker of the attribution just before it).
MAX_FLOATING_DISTANCE = 2
#: Multi-word naming phrases, matched in lower case against the text just before the quote.
NAMING_PHRASES: tuple[str, ...] = (
    "so called",
    "known as",
    "referred to as",
    "the term",
    "the word",
    "the phrase",
)
#: Words left in lower case inside a title.
TITLE_FUNCTION_WORDS: frozenset[str] = frozenset(
    "a an the of and or but nor in on at by for from to with as vs via de la le".split()
)
#: Words inside a quoted string that speak as someone (`we`, `my`): speech, rarely a title or a term.
FIRST_PERSON_WORDS: frozenset[str] = frozenset("i me my mine we us our ours myself ourselves".split())
SECOND_PERSON_WORDS: frozenset[str] = frozenset("you your yours yourself yourselves".split())
#: Auxiliaries that make a cue hypothetical (`what Reddit might call “…”`): what would be said, not what was.
HYPOTHETICAL_AUXILIARIES: frozenset[str] = frozenset("might would could may should".split())
#: Words just before a quoted string that introduce a word or a name rather than words said (`the word “…”`,
#: `a sign reading “…”`).
MENTIONING_WORDS: frozenset[str] = frozenset(
    "word words term terms phrase label slogan title headline hashtag sign signs chant chants chanting chanted "
    "reading read motto banner banners logo nickname caption".split()
)
#: Determiners and possessives that make a quoted string a noun of the reporter's sentence (`the “peace plan”`).
POSSESSIVE_DETERMINERS: frozenset[str] = frozenset(
    "the a an this that these those his her their its our my your".split()
)
#: How many tokens after a closing quote mark an attribution (`, a spokesman for the ministry said`)
#: may take.
MAX_TRAILING_ATTRIBUTION_TOKENS = 12

# --- Windows and limits ------------------------------------------------------------------------------------

#: Heads climbed from a quoted token to the reporting verb that governs it in the parse.
MAX_CUE_HOPS = 8
#: Tokens after a closing quote mark in which `according to` attributes the quote.
ACCORDING_TO_WINDOW = 3
#: Clause links climbed from a cue to its subject (coordination, participles: `Speaking …, X said`).
MAX_SUBJECT_HOPS = 5
#: Clause links climbed from a token to the subject of the nearest clause above it.
MAX_GOVERNING_HOPS = 6
#: Tokens before the comma or colon that opens a quote searched for a verb with a subject (`Clinton cracked, “…”`).
MAX_CLAUSE_VERB_LOOKBACK = 4
#: A signature line is short: a dash, a name, perhaps an age, a place or a role (`— Maria Lopez, 34, Phoenix`).
MAX_SIGNATURE_TOKENS = 16
#: A name header is a short verbless line (`Maria Lopez, 34, Phoenix`) standing alone above a quote.
MAX_NAME_HEADER_WORDS = 10
#: How far back (characters) `he` or `she` may reach the previous attribution's speaker.
MAX_PRONOUN_DISTANCE_CHARS = 1500
#: Paragraphs a quote may be from the quote it continues (split by its attribution, or the next paragraph).
MAX_CONTINUATION_PARAGRAPHS = 1
#: Words a quote needs to continue the previous speaker's quote without a cue of its own.
MIN_CONTINUATION_WORDS = 3
#: Dashes that open a signature after a quote.
SIGNATURE_DASHES: tuple[str, ...] = ("—", "–", "-", "‐", "‑", "‒", "―", "~")
#: Determiners left out of a speaker's role (`the company's chief executive` -> `company's chief executive`).
ROLE_DETERMINERS: frozenset[str] = frozenset({"the", "a", "an", "this", "that"})
