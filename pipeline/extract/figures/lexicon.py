"""The words and thresholds figure reading relies on, each defined once: number words, currencies,
qualifiers, units, and the windows and limits the rules use.

Kept in one place so that tuning the rules on a corpus changes data, not code.
"""

from __future__ import annotations

import re

import pycountry

from pipeline.vocabulary import MONTH_ABBREVIATIONS
from pipeline.vocabulary import MONTHS as MONTH_NUMBERS

# --- Number words ------------------------------------------------------------------------------------------

UNIT_WORDS: dict[str, int] = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
TENS_WORDS: dict[str, int] = {
    w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    # South Asian scales (`Rs 25 lakh` is 2,500,000 rupees, `3 crore` 30,000,000).
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
#: Words that multiply what precedes them, and may follow `a` or `half a` (`half a dozen`).
MULTIPLIER_WORDS: dict[str, float] = {**SCALE_WORDS, "dozen": 12}
#: Scale abbreviations written straight after the digits (`1.13bn`, `£600m`, `5k`).
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
FRACTION_WORDS: dict[str, float] = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
}
ORDINAL_WORDS: dict[str, int] = {
    w: n
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=1,
    )
}
#: Nouns after which an ordinal is data (a period or a ranking), not discourse (`the first time`).
ORDINAL_DATA_NOUNS: frozenset[str] = frozenset(
    "quarter half term round place position spot season year month week day leg set test seed century "
    "anniversary innings stage tier division largest biggest highest lowest weekend game match win victory "
    "defeat goal title race edition".split()
)
#: `19th consecutive expansion`, `third straight win`: a run counted, whatever the noun.
RUN_WORDS: frozenset[str] = frozenset({"consecutive", "straight", "successive"})
#: Verbs after which a bare ordinal is a finishing place (`finished second`).
PLACING_VERBS: frozenset[str] = frozenset({"finish", "come", "place", "rank", "end"})
POSITION_NOUNS: frozenset[str] = frozenset({"place", "position", "spot", "placing"})
ORDINAL_SUFFIXES: frozenset[str] = frozenset({"st", "nd", "rd", "th"})

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    # Every ISO 4217 code, written in capitals before the number (`USD 34.6 million`, `GBP 27m`), but the
    # codes that are English words in capitals (`ALL`, `TOP`, `CUP`).
    **{
        code: code
        for code in (c.alpha_3 for c in pycountry.currencies)
        if code
        not in {"ALL", "CUP", "TOP", "MOP", "BOB", "SOS", "GEL", "TRY", "PEN", "DOP", "LAK", "BAM", "MAD"}
    },
}
#: Currency names after the number; a preceding adjective may refine them (`Australian dollars`).
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "CHF",
    "kroner": "DKK",
    "krona": "SEK",
    "bitcoin": "BTC",  # not ISO 4217, the code exchanges use
    "bitcoins": "BTC",
}
CURRENCY_ADJECTIVES: dict[str, str] = {
    "us": "USD",
    "american": "USD",
    "australian": "AUD",
    "canadian": "CAD",
    "hong": "HKD",
    "zealand": "NZD",
    "singapore": "SGD",
}
#: Currency names of several words after the number (`176 Hong Kong dollars`, `1bn CFA francs`).
CURRENCY_PHRASES: dict[tuple[str, ...], str] = {
    ("hong", "kong", "dollar"): "HKD",
    ("hong", "kong", "dollars"): "HKD",
    ("new", "zealand", "dollar"): "NZD",
    ("new", "zealand", "dollars"): "NZD",
    ("cfa", "franc"): "XAF",
    ("cfa", "francs"): "XAF",
    ("swiss", "francs"): "CHF",
    ("indian", "rupees"): "INR",
    ("pakistani", "rupees"): "PKR",
    ("south", "african", "rand"): "ZAR",
    ("chinese", "yuan"): "CNY",
    ("japanese", "yen"): "JPY",
}
#: `pounds` without a sign of sterling in the article are a weight (`5,200 pounds of steel`).
POUND_WORDS: frozenset[str] = frozenset({"pound", "pounds"})
STERLING_SIGNS: tuple[str, ...] = ("£", "sterling", "GBP")
POUND_MASS = "pound (mass)"
#: Video resolutions written with a `p` (`1080p`): lines, not pence.
VIDEO_LINES: frozenset[float] = frozenset({240, 360, 480, 576, 720, 1080, 1440, 2160, 4320})
#: Display resolutions written with a capital `K` (`4K output`): a class of resolution, not thousands.
RESOLUTION_KS: frozenset[float] = frozenset({2, 4, 5, 8})
#: Marks of a clock time after the digits, and which half of the day each means.
CLOCK_MARKS: dict[str, str] = {"am": "am", "a.m.": "am", "a.m": "am", "pm": "pm", "p.m.": "pm", "p.m": "pm"}
#: Units whose case tells them apart (`4K` a resolution, `4k` four thousand).
CASED_UNITS: frozenset[str] = frozenset({"K"})
#: Marks glued after digits that mean inches (`a 22" monitor`).
INCH_MARKS: frozenset[str] = frozenset({'"', "”", "″"})
#: Hundredths of a currency: the value is divided by 100.
SUBUNIT_WORDS: dict[str, str] = {"pence": "GBP", "p": "GBP", "cents": "USD", "cent": "USD"}

#: Words before a number that bound or soften it, longest first so `just over` wins over `over`.
QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(phrase.split())
            for phrase in (
                "more than, over, almost, nearly, about, around, at least, up to, fewer than, less than, under, "
                "roughly, approximately, some, just over, just under, well over, well under, close to, at most, "
                "no more than, as many as, as much as, as few as, as little as, in excess of, upwards of, "
                "an estimated, estimated, an average of, above, below, barely, only, just"
            ).split(", ")
        ),
        key=len,
        reverse=True,
    )
)

#: Synonyms reported under one canonical qualifier, so analysts can group by it (the surface keeps the words).
CANONICAL_QUALIFIERS: dict[str, str] = {
    "as many as": "up to",
    "as much as": "up to",
    "at most": "up to",
    "no more than": "up to",
    "above": "over",
    "in excess of": "more than",
    "upwards of": "more than",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "nearly",
}

#: Bounds written after the figure (`$50 or more`, `10% or greater`), with their canonical qualifier.
TRAILING_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least",
    ("or", "greater"): "at least",
    ("or", "above"): "at least",
    ("or", "higher"): "at least",
    ("or", "over"): "at least",
    ("and", "up"): "at least",
    ("and", "above"): "at least",
    ("or", "less"): "up to",
    ("or", "fewer"): "up to",
    ("or", "below"): "up to",
    ("or", "under"): "up to",
}

#: Time words and the plural every duration is reported in.
TIME_UNITS: dict[str, str] = {
    form: plural
    for plural, forms in {
        "years": "year years yr yrs",
        "months": "month months",
        "weeks": "week weeks",
        "fortnights": "fortnight fortnights",
        "days": "day days",
        "hours": "hour hours hrs",
        "minutes": "minute minutes mins",
        "seconds": "second seconds secs",
        "quarters": "quarter quarters",
        "decades": "decade decades",
        "centuries": "century centuries",
    }.items()
    for form in forms.split()
}
#: Units of measurement (lowercased); a number with one is a quantity, not a count.
MEASURE_UNITS: frozenset[str] = frozenset(
    "km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters m cm mm ft "
    "foot feet inch inches yard yards kg kgs kilo kilos kilogram kilograms gram grams mg tonne tonnes "
    "ton tons lb lbs ounce ounces litre litres liter liters gallon gallons barrel barrels bpd mph kph kmh "
    "acre acres hectare hectares degree degrees celsius fahrenheit gb mb kb tb gigabyte gigabytes "
    "megabyte megabytes terabyte terabytes mbps kbps gbps mhz ghz mw gw kw kwh megawatt megawatts "
    "gigawatt gigawatts watt watts volt volts calorie calories pixel pixels megapixel megapixels fps "
    "tsp tbsp teaspoon teaspoons tablespoon tablespoons cup cups ml oz pint pints quart quarts".split()
)
#: Athletics and swimming distances written like millions (`100m`): metres only in a race context.
RACE_DISTANCES: frozenset[float] = frozenset({50, 60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000})
RACE_WORDS: frozenset[str] = frozenset(
    "hurdles final finals race record title freestyle backstroke breaststroke butterfly relay medley "
    "sprint heat heats champion gold silver bronze indoor indoors world".split()
)
#: Lemmas that mark a hyphenated pair of small numbers as a score rather than a range.
SCORE_CONTEXT: frozenset[str] = frozenset(
    "win beat lose draw victory defeat lead score scoreline goal match game thrash trail triumph loss "
    "hammer rout edge clinch set tie final half-time halftime fixture rally overcome".split()
)
#: Heads that make the figures attached to them parts of one change.
CHANGE_LEMMAS: frozenset[str] = frozenset(
    "rise increase grow climb jump surge soar rocket gain boost raise lift up fall decrease drop decline "
    "slump slide slip plunge tumble dip sink shrink cut reduce lower down fell rose growth double treble "
    "triple halve edge".split()
)
#: How far left of `to`/`from`/`by` the change word may be (`rose by £106m`, `raised this from £6`).
CHANGE_WINDOW = 8
CHANGE_PREPOSITIONS: dict[str, str] = {"to": "new", "from": "old", "by": "change", "of": "change"}
#: The prepositions whose word before a figure says its role without the parse (`raised from £2.50 to £4`).
LEXICAL_CHANGE_PREPOSITIONS: frozenset[str] = frozenset({"to", "from", "by"})

#: Determiners that make a small spelled-out number refer back (`the two leaders`).
ANAPHORIC_DETERMINERS: frozenset[str] = frozenset(
    "the these those its their his her our my your both all".split()
)
#: Words that turn the next number into a name or an id (`No 10`, `Section 28`, `page 3`).
ID_PREFIXES: frozenset[str] = frozenset(
    "no no. nos number id ref reference flight route room page version section article clause "
    "chapter channel radio level grade bus platform junction gate seat apartment".split()
)
#: Entity types whose numbers are part of a name (`Channel 4`, `Formula 1`).
NAME_ENTITY_TYPES: frozenset[str] = frozenset(
    {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "LAW", "EVENT", "PERSON", "GPE", "LOC", "NORP"}
)
TIME_OF_DAY_WORDS: frozenset[str] = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "bst", "hrs", "est", "cet"})
HYPHENS: frozenset[str] = frozenset({"-", "–", "—"})

#: Month words a date is read from, as written: the names and their abbreviations, but not `Mar` (a verb
#: and a name as often as a month).
MONTHS: dict[str, int] = {**MONTH_NUMBERS, **{a: n for a, n in MONTH_ABBREVIATIONS.items() if a != "Mar"}}
#: Month names that are also ordinary words: a date only next to a day or year number.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"May", "March", "Jan"})
#: Words allowed before a weekday without making it part of a name (`Black Friday` is a name).
WEEKDAY_LEADS: frozenset[str] = frozenset({"on", "last", "next", "this", "by", "since", "until", "from"})
RELATIVE_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
RELATIVE_MODIFIERS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
TIME_DEICTICS: frozenset[str] = frozenset({*RELATIVE_MODIFIERS, "previous", "following", "same"})
RELATIVE_PERIODS: frozenset[str] = frozenset({"week", "weekend", "month", "year"})
FUTURE_AUXILIARIES: frozenset[str] = frozenset({"will", "'ll", "’ll", "shall"})

#: A number token: digits with thousands separators and decimals, optionally a suffix (`1.13bn`, `50p`).
NUMBER_TOKEN = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>[a-zA-Z]{1,4})?$")
YEAR_SPAN = re.compile(r"^(?P<year>1[89]\d\d|20\d\d)[-–/](?P<end>\d\d)$")
MIN_YEAR, MAX_YEAR = 1800, 2100
EARLY_YEAR_MIN = 1000
YEAR_PREPOSITIONS: frozenset[str] = frozenset({"in", "since", "from", "until", "till", "before", "after"})
AGE_GROUP = re.compile(r"^(?P<side>[Uu]nder|[Oo]ver)-(?P<age>\d{1,2})s$")
#: Scores up to this are read as scores from the order alone (`2-1`); higher ones need sport words.
MAX_SCORE = 30
MAX_SPORT_SCORE = 100
SCORE_CONTEXT_WINDOW = 3
MAX_ANAPHORIC = 10
MAX_AGE = 120
#: Endings of relational adjectives (`industrial`, `economic`, `military`, `nuclear`, `civil`, `mobile`).
CLASSIFYING_ENDINGS: tuple[str, ...] = ("al", "ic", "ary", "ar", "il", "ile", "ian")
#: Relational adjectives without those endings.
CLASSIFYING_ADJECTIVES: frozenset[str] = frozenset(
    "adult public private foreign domestic digital online junior senior female male civilian".split()
)
#: Describing adjectives that happen to have a relational ending: dropped from the counted noun.
DESCRIBING_ADJECTIVES: frozenset[str] = frozenset(
    "additional several total potential critical vital typical usual actual final initial normal real "
    "special original substantial crucial regular similar popular particular familiar spectacular "
    "individual annual fantastic terrific tragic dramatic basic classic historic major minor "
    "formal informal overall identical equal ideal".split()
)
#: Words before a number that make it a rank (`top 10`), not a count.
RANK_WORDS: frozenset[str] = frozenset({"top", "bottom"})
#: Words after which a bare number is a place in a ranking (`seeded three`, `ranked 46`).
SEEDING_WORDS: frozenset[str] = frozenset({"seeded", "ranked", "seed"})
#: A count with no counted noun is kept from this size on (`almost 3.3 million`); smaller ones are
#: mostly labels (`lane seven`, `the top 10`) or elliptic (`the TGWU has 800`).
MIN_BARE_COUNT = 1000
#: Prepositions before `number two` that make it a chart or ranking position.
POSITION_PREPOSITIONS: frozenset[str] = frozenset({"at", "to", "from", "in", "into"})
MAX_CHART_POSITION = 1000
#: How many tokens after a count a bare number may be to share its counted noun.
ELIDED_NOUN_WINDOW = 20
#: Words that make a bare number after them (within AGE_WINDOW tokens) an age in years.
AGE_WORDS: frozenset[str] = frozenset({"age", "ages", "aged"})
AGE_WINDOW = 3
#: Prepositions that attach a reading to what it measures (`the index rose to 58.6`, `above 50`).
READING_PREPOSITIONS: frozenset[str] = frozenset(
    "to from at above below around near over under past of".split()
)
#: Nouns that stand for a count of what follows `of` (`the number of films rose to 310`).
AGGREGATE_NOUNS: frozenset[str] = frozenset({"number", "total", "tally", "count", "sum", "figure"})
#: Subjects of `be` that make a bare whole number their age (`candidates must be 21`).
PERSON_NOUNS: frozenset[str] = frozenset(
    "person people man woman men women boy girl child children adult teenager candidate voter player "
    "student pupil mp".split()
)
#: How many clause links to climb from a reading to the subject it measures.
READING_HOPS = 4
#: `a month`, `an hour`: the article counts one of the time unit after it.
ONE_WORDS: frozenset[str] = frozenset({"a", "an"})
#: Lower-cased words that can start a relative date or a one-unit duration (`yesterday`, `last week`, `a year`).
RELATIVE_START_WORDS: frozenset[str] = frozenset(RELATIVE_DAYS) | frozenset(RELATIVE_MODIFIERS) | ONE_WORDS
#: Words before `a year` that make it a rate (`£5m a year`, `twice a year`) or an idiom (`many a year`).
RATE_WORDS: frozenset[str] = frozenset({"once", "twice", "times", "per", "many"})
NUMBER_NOUN_WINDOW = 4
COUNT_POS: frozenset[str] = frozenset({"NOUN", "PROPN"})
#: How many heads to climb from a date word to the verb whose tense says past or future.
FUTURE_VERB_HOPS = 4
#: Tokens after a number read for `-year-old` (`25-year-old`, `eleven year-old`).
AGE_PHRASE_WINDOW = 4
#: Kinds of figure that can take part in a change (`rose 2% to $11.1bn`).
CHANGING_KINDS: frozenset[str] = frozenset({"money", "percent", "count", "quantity"})
#: Words that are a change by themselves (`shares were up 2%`).
CHANGE_PARTICLES: frozenset[str] = frozenset({"up", "down"})
