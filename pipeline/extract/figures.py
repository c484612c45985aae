"""Numeric facts in an article: counts, money, percentages, dates, durations, scores.

The number itself is read lexically (spaCy's CARDINAL/MONEY entities miss `£600m`'s scale and often mislabel
`76 per cent`), while what is counted comes from the parse: the noun the number modifies (`32 defence chiefs`)
or the noun after `of` (`30 of the countries`). Entities are only hints, to tell `Channel 4` or
`10 Downing Street` (names) from figures.

Conventions an analyst needs to know:

- A range is not a kind: `between 10 and 15 people` is a count with `value=10, value_max=15`.
- A score is one figure: `value` is the first-named side's score, `value_max` the other side's (`2-1`).
- A calendar year is `kind="year", unit="year"`. A date that states its year (`March 2023`, `6 December 2004`)
  is `kind="date"` with `value` = that year, `unit="year"` and `date` the ISO date (`2023-03`, `2004-12-06`).
  Dates without a stated year (`Wednesday`, `last week`, `in March`) have `value=None` and a `date` resolved
  against the published date when one is given (`None` otherwise): weekdays mean the latest such day on or
  before publication unless the verb is future (`will meet on Friday`); weeks resolve to their Monday,
  months to `YYYY-MM`, years to `YYYY`.
- A duration's unit is always the plural time word (`three-year deal` -> 3 `years`), so that `year`
  singular means only a calendar year.
- Ordinals are kept only where they carry data: a period or a ranking (`third quarter`, `second round`,
  `third-largest`, `finished second`). `the first time` and other discourse ordinals are dropped.
- Changes: `rose 2% to $11.1bn from $10.9bn` gives three figures with `role` `change`, `new` and `old`
  and one shared `group` number.
- Small spelled-out numbers after a definite determiner (`the two leaders`) refer back to things already
  counted and are not figures; nor is a lone `one` (`one of the`, `no one`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from pipeline.article.blocks import Block, BlockIndex

#: Every figure kind, with its meaning.
FIGURE_KIND_MEANINGS: dict[str, str] = {
    "count": "how many of something: `unit` is the counted noun phrase (`defence chiefs`), or None if unstated",
    "money": "an amount of money: `unit` is the ISO 4217 code (`USD`, `GBP`, `EUR`)",
    "percent": "a percentage or a change in one: `unit` is `percent` or `percentage points`",
    "fraction": "a share given as a fraction word (`half of the staff`): `value` in 0..1, `unit` the whole",
    "year": "a calendar year (`in 2019`); a decade (`1990s`) or a season (`2004-05`) also has value_max",
    "date": "a calendar date or period; `date` holds the ISO form, `value` the stated year if any",
    "duration": "a length of time: `unit` is the plural time word (`years`, `months`, `days`)",
    "age": "a person's age (`25-year-old`, `aged 32`): `unit` is `years`",
    "quantity": "a measurement: `unit` is the measure as written (`km`, `barrels`, `metres`)",
    "ordinal": "a rank or period that carries data (`third quarter`): `unit` is the ranked noun, `position` for "
    "places in a ranking (`second place`, `number one`) and `positions` for a cut-off (`top 10`)",
    "score": "a sports score: `value` for the first-named side, `value_max` for the other; `unit` is `score`",
}
FIGURE_KINDS: frozenset[str] = frozenset(FIGURE_KIND_MEANINGS)

#: Roles of the figures linked by one change (`rose 2% to $11.1bn from $10.9bn`).
CHANGE_ROLES: frozenset[str] = frozenset({"change", "new", "old"})


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric fact; offsets index the article text the Doc was built from."""

    start_char: int
    end_char: int
    surface: str
    value: float | None
    unit: str | None
    kind: str
    qualifier: str | None
    block_kind: str
    value_max: float | None = None
    date: str | None = None
    #: `change`, `new` or `old` when the figure is part of a change; `group` links the parts.
    role: str | None = None
    group: int | None = None


# --- Lexicon ------------------------------------------------------------------------------------------

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
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "USD": "USD",
    "GBP": "GBP",
    "EUR": "EUR",
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
    "gigawatt gigawatts watt watts volt volts calorie calories pixel pixels megapixel megapixels".split()
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

MONTHS: dict[str, int] = {
    **{
        m: n
        for n, m in enumerate(
            "January February March April May June July August September October November December".split(),
            start=1,
        )
    },
    **{"Jan": 1, "Feb": 2, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10},
    **{"Nov": 11, "Dec": 12},
}
#: Month names that are also ordinary words: a date only next to a day or year number.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"May", "March", "Jan"})
WEEKDAYS: dict[str, int] = {
    d: n for n, d in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
}
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
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "i", "we", "you"})
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


# --- Numbers --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Number:
    """A number read from tokens `start:end` (currency symbol included, qualifier not)."""

    start: int
    end: int
    value: float
    currency: str | None = None
    percent: str | None = None
    spelled: bool = False
    plain: str | None = None  # the digits when written as one bare integer token (`2019`, `0800`)
    suffix: str | None = None  # a unit written onto the digits (`10km`) or `s` of a decade
    scale_abbreviation: str | None = None
    ordinal: bool = False


def _digit_token(token: Token, text: str | None = None) -> tuple[float, str | None] | None:
    match = NUMBER_TOKEN.match(token.text if text is None else text)
    if match is None:
        return None
    try:
        return float(match["num"].replace(",", "")), match["suffix"]
    except ValueError:
        return None


def _read_words(doc: Doc, i: int, end_limit: int) -> tuple[float, int] | None:
    """Read a spelled-out number (`forty-two`, `a dozen`, `two and a half`, `half a million`)."""
    total = current = 0.0
    seen = False
    j = i
    lower = doc[j].lower_
    if lower in ("a", "an") and j + 1 < end_limit and doc[j + 1].lower_ in MULTIPLIER_WORDS:
        current, seen, j = 1.0, True, j + 1
    elif lower == "half" and j + 2 < end_limit and doc[j + 1].lower_ == "a":
        multiplier = MULTIPLIER_WORDS.get(doc[j + 2].lower_)
        return (0.5 * multiplier, j + 3) if multiplier else None
    previous_tens = False
    while j < end_limit:
        word = doc[j].lower_
        if word in UNIT_WORDS or word in TENS_WORDS:
            current += UNIT_WORDS.get(word, TENS_WORDS.get(word, 0))
            previous_tens, seen = word in TENS_WORDS, True
        elif word in HYPHENS and previous_tens and j + 1 < end_limit and doc[j + 1].lower_ in UNIT_WORDS:
            previous_tens = False
        elif word == "dozen" and seen:
            current = (current or 1) * 12
        elif word in SCALE_WORDS and seen:
            scale = SCALE_WORDS[word]
            if scale < 1e3:
                current = (current or 1) * scale
            else:
                total, current = total + (current or 1) * scale, 0.0
        elif word == "and" and seen and j + 1 < end_limit:
            following = doc[j + 1].lower_
            if following in UNIT_WORDS or following in TENS_WORDS:
                pass
            elif following == "a" and j + 2 < end_limit and doc[j + 2].lower_ == "half":
                current += 0.5
                j += 3
                break
            else:
                break
        else:
            break
        j += 1
    if not seen:
        return None
    return total + current, j


def _read_number(doc: Doc, i: int, end_limit: int) -> _Number | None:
    """Read a number starting at token i with its currency, scale and percent sign."""
    start = j = i
    currency = CURRENCY_SYMBOLS.get(doc[j].text)
    glued = None
    if currency is not None:
        j += 1
        if j >= end_limit:
            return None
    elif doc[j].text[:1] in CURRENCY_SYMBOLS:  # `£54.6` left whole by an infix split (`$106m:£54.6m`)
        currency, glued = CURRENCY_SYMBOLS[doc[j].text[:1]], doc[j].text[1:]
    digits = _digit_token(doc[j], glued)
    number: _Number
    if digits is not None:
        value, suffix = digits
        number = _Number(start, j + 1, value, currency)
        if suffix is None and "," not in doc[j].text and "." not in doc[j].text:
            number.plain = doc[j].text
        if suffix is not None and not _apply_suffix(number, suffix.lower()):
            return None
        j += 1
        if number.scale_abbreviation is None and j < end_limit and not doc[j - 1].whitespace_:
            abbreviation = doc[j].lower_.rstrip(".")
            if abbreviation in SCALE_ABBREVIATIONS:
                number.value *= SCALE_ABBREVIATIONS[abbreviation]
                number.scale_abbreviation, number.plain = abbreviation, None
                j += 1
            elif abbreviation in SUBUNIT_WORDS and currency is None:
                number.value /= 100
                number.currency, number.plain = SUBUNIT_WORDS[abbreviation], None
                j += 1
            elif doc[j].is_alpha and abbreviation not in MEASURE_UNITS and abbreviation not in TIME_UNITS:
                return None  # letters glued on make a name: `3G`, `4x4`
    else:
        words = _read_words(doc, j, end_limit)
        if words is None:
            return None
        value, j = words
        number = _Number(start, j, value, currency, spelled=True)
    while j < end_limit and doc[j].lower_ in SCALE_WORDS and number.scale_abbreviation is None:
        number.value *= SCALE_WORDS[doc[j].lower_]
        number.plain = None
        j += 1
    number.end = j
    if not number.ordinal:
        _read_unit_after(doc, number, end_limit)
    return number


def _apply_suffix(number: _Number, suffix: str) -> bool:
    """Interpret letters glued to digits; False when they make the token something else (`3G`)."""
    if suffix in SCALE_ABBREVIATIONS:
        number.value *= SCALE_ABBREVIATIONS[suffix]
        number.scale_abbreviation = suffix
    elif suffix in SUBUNIT_WORDS and number.currency is None:
        number.value /= 100
        number.currency = SUBUNIT_WORDS[suffix]
    elif suffix == "pc":
        number.percent = "percent"
    elif suffix in ORDINAL_SUFFIXES:
        number.ordinal = True
    elif suffix == "s" and number.value.is_integer() and MIN_YEAR <= number.value < MAX_YEAR:
        number.suffix = "s"
    elif suffix in MEASURE_UNITS or suffix in TIME_UNITS:
        number.suffix = suffix
    else:
        return False
    return True


def _read_unit_after(doc: Doc, number: _Number, end_limit: int) -> None:
    """Extend the number over a percent sign or a currency name that follows it."""
    j = number.end
    if j >= end_limit:
        return
    lower = doc[j].lower_
    if number.percent is None and number.currency is None:
        if lower in ("%", "percent", "pc"):
            number.percent, j = "percent", j + 1
        elif lower == "per" and j + 1 < end_limit and doc[j + 1].lower_ == "cent":
            number.percent, j = "percent", j + 2
        elif lower == "percentage" and j + 1 < end_limit and doc[j + 1].lower_ in ("point", "points"):
            number.percent, j = "percentage points", j + 2
        if number.percent == "percent" and j + 1 < end_limit and doc[j].lower_ == "points":
            number.percent, j = "percentage points", j + 1
    if number.currency is None and number.percent is None:
        if lower in CURRENCY_ADJECTIVES and j + 1 < end_limit and doc[j + 1].lower_ in ("dollar", "dollars"):
            number.currency, j = CURRENCY_ADJECTIVES[lower], j + 2
        elif lower == "new" and j + 2 < end_limit and doc[j + 1].lower_ == "zealand":
            if doc[j + 2].lower_ in ("dollar", "dollars"):
                number.currency, j = "NZD", j + 3
        elif lower in CURRENCY_WORDS:
            number.currency, j = CURRENCY_WORDS[lower], j + 1
            if j < end_limit and doc[j].lower_ == "sterling":
                j += 1
        elif lower in SUBUNIT_WORDS and lower != "p":
            number.currency, number.value, j = SUBUNIT_WORDS[lower], number.value / 100, j + 1
        elif lower in ("usd", "gbp", "eur") and doc[j].text.isupper():
            number.currency, j = lower.upper(), j + 1
    number.end = j


# --- Skips ------------------------------------------------------------------------------------------


def _is_phone_or_id(doc: Doc, number: _Number, sentence: Span) -> bool:
    """Phone numbers, ids and names containing numbers are not figures."""
    first = doc[number.start]
    digits = doc[number.start + 1] if first.text in CURRENCY_SYMBOLS else first
    if number.plain is not None and len(number.plain) >= 3 and number.plain.startswith("0"):
        return True
    if number.plain is not None:
        before, after = digits.i - 1, digits.i + 1
        set_scores = (
            _hyphen_pair(doc, number) and before - 1 >= sentence.start and doc[before - 1].text in HYPHENS
        )
        if (
            before >= sentence.start
            and doc[before].text.isdigit()
            and doc[before].whitespace_
            and not set_scores
        ):
            return True  # `0141 300 3000`, but not the sets of `4-6 7-6 6-4`
        if after < sentence.end and doc[after].text.isdigit() and digits.whitespace_:
            return True
        if before >= sentence.start and doc[before].text.startswith("+"):
            return True
    if first.i > sentence.start:
        previous = doc[first.i - 1]
        if previous.lower_ in ID_PREFIXES and not (previous.lower_ == "no" and previous.text == "no"):
            return True
        if previous.text in ("#", "/", ":", "+") and number.currency is None:
            return True
        if (
            number.currency is None
            and not number.spelled
            and previous.pos_ == "PROPN"
            and previous.text not in MONTHS
            and not previous.is_sent_start
            and not _year_before_noun(doc, digits)
            and not _hyphen_pair(doc, number)  # `England beat Fiji 26-21`: a score after a team name
        ):
            return True
    if number.end < len(doc) and doc[number.end].lower_ in TIME_OF_DAY_WORDS:
        return True
    if (  # `from 1130 to 1215 GMT`
        number.end + 2 < len(doc)
        and doc[number.end + 2].lower_ in TIME_OF_DAY_WORDS
        and doc[number.end].lower_ in ("to", "and", *HYPHENS)
        and doc[number.end + 1].text.isdigit()
    ):
        return True
    if (
        number.end + 1 < len(doc)
        and doc[number.end].text in (":", "/")
        and not doc[number.end - 1].whitespace_
        and doc[number.end + 1].text[:1] not in CURRENCY_SYMBOLS  # `$106m:£54.6m` gives two amounts
    ):
        return True
    # NER often runs a name over the score after it (`Greg Rusedski 4-6`): a score pair is not a name.
    return (
        digits.ent_type_ in NAME_ENTITY_TYPES
        and number.currency is None
        and number.percent is None
        and not _hyphen_pair(doc, number)
    )


def _hyphen_pair(doc: Doc, number: _Number) -> bool:
    return (
        number.end + 1 < len(doc) and doc[number.end].text in HYPHENS and doc[number.end + 1].text.isdigit()
    )


def _year_before_noun(doc: Doc, digits: Token) -> bool:
    """`ICC 2023 arrest warrant` dates the warrant; `Euro 2004` and `Windows 98` are names."""
    following = digits.i + 1
    return _year_number(digits) is not None and following < len(doc) and doc[following].pos_ == "NOUN"


# --- Counted nouns ------------------------------------------------------------------------------------


def _anchor(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it: the span's link to the rest of the sentence."""
    for token in reversed(doc[start:end]):
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def _noun_chain_end(doc: Doc, token: Token, limit: int) -> Token:
    """Follow `compound` heads rightwards: `defence` -> `chiefs`."""
    while token.dep_ == "compound" and token.i < token.head.i < limit and token.head.pos_ in COUNT_POS:
        token = token.head
    return token


def _counted_noun(doc: Doc, start: int, end: int, sentence: Span) -> Token | None:
    """The noun a number counts: its nummod head, the noun right after it, or the noun after `of`."""
    anchor = _anchor(doc, start, end)
    head = anchor.head
    if (
        anchor.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod")
        and end <= head.i < min(end + NUMBER_NOUN_WINDOW, sentence.end)
        and head.pos_ in COUNT_POS
    ):
        return head
    noun = _noun_after(doc, end, sentence)
    if noun is not None:
        return noun
    if end < sentence.end and doc[end].lower_ == "of":
        for child in doc[end].children:
            if child.dep_ == "pobj" and child.pos_ in COUNT_POS and child.tag_ in ("NNS", "NNPS"):
                return child
    return _noun_after(doc, _past_coordinated_number(doc, end, sentence), sentence)


def _noun_after(doc: Doc, k: int, sentence: Span) -> Token | None:
    """The noun right after a number, past adjectives and participles (`87 appointed members`)."""
    limit = min(k + NUMBER_NOUN_WINDOW, sentence.end)
    while k < limit and (doc[k].pos_ in ("ADJ", "ADV") or doc[k].tag_ == "VBN" or doc[k].text in HYPHENS):
        k += 1
    if k < sentence.end and doc[k].pos_ == "NOUN" and doc[k].tag_ != "VBG":
        if doc[k].lower_ in TIME_UNITS and doc[k - 1].lower_ in TIME_DEICTICS:
            return None  # `rose to 58.6 last month`: when, not what
        return _noun_chain_end(doc, doc[k], sentence.end)
    return None


def _past_coordinated_number(doc: Doc, end: int, sentence: Span) -> int:
    """Skip `or three`, `out of 20` so `two or three cameras` and `six out of 20 women` share a noun."""
    k = end
    if k + 1 < sentence.end and doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
        k += 2
    elif k < sentence.end and doc[k].lower_ in ("or", "and", "to", ","):
        k += 1
    else:
        return end
    if k >= sentence.end or not (doc[k].like_num or doc[k].text in CURRENCY_SYMBOLS):
        return end
    while k < sentence.end and (
        doc[k].like_num or doc[k].lower_ in SCALE_WORDS or doc[k].text in CURRENCY_SYMBOLS
    ):
        k += 1
    return k


def _unit_phrase(doc: Doc, noun: Token, number_end: int) -> str:
    """The counted noun with its noun compounds and classifying adjectives, lowercased (`civil servants`,
    `mobile phone sales`); adjectives of size, age or judgement are dropped (`small children`)."""
    first = noun.i
    while first - 1 >= number_end:
        previous = doc[first - 1]
        noun_modifier = previous.dep_ == "compound" and previous.pos_ in COUNT_POS
        if noun_modifier or (previous.dep_ == "amod" and _is_classifying(previous)):
            first -= 1
        elif previous.text in HYPHENS and not previous.whitespace_ and first - 2 >= number_end:
            first -= 1  # `e-mail messages`: keep the hyphenated word whole
        else:
            break
    while first < noun.i and doc[first].text in HYPHENS:
        first += 1
    return doc[first : noun.i + 1].text.lower()


def _is_classifying(adjective: Token) -> bool:
    """A relational adjective sorts things into kinds (`civil`, `industrial`, `mobile`) rather than
    describing them (`small`, `new`, `more`): told apart by its derivational ending, with the common
    describing words that share those endings listed."""
    word = adjective.lower_
    return (
        adjective.tag_ == "JJ"
        and word not in DESCRIBING_ADJECTIVES
        and adjective.ent_type_ != "NORP"
        and (word.endswith(CLASSIFYING_ENDINGS) or word in CLASSIFYING_ADJECTIVES)
    )


def _is_name_noun(noun: Token) -> bool:
    """`10 Downing Street`: a singular proper noun after a number is a name, not what is counted."""
    return noun.pos_ == "PROPN" and noun.tag_ != "NNPS"


# --- Qualifiers -----------------------------------------------------------------------------------------


def _qualifier_before(doc: Doc, start: int, sentence: Span) -> tuple[str | None, int]:
    """The qualifier phrase ending right before token `start`, and where it begins."""
    for phrase in QUALIFIERS:
        first = start - len(phrase)
        if first < sentence.start:
            continue
        if all(doc[first + k].lower_ == word for k, word in enumerate(phrase)):
            written = " ".join(phrase)
            return CANONICAL_QUALIFIERS.get(written, written), first
    return None, start


# --- Dates --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    """A figure before it is placed in its block: token span plus the fields."""

    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None = None
    qualifier: str | None = None
    value_max: float | None = None
    date: str | None = None
    anchor: int | None = None  # the token that links the figure into the parse, for changes
    bare: bool = False  # a count with no counted noun: kept only when large or part of a change


def _day_number(token: Token) -> int | None:
    text = token.text
    if len(text) > 2 and text[-2:].lower() in ORDINAL_SUFFIXES:
        text = text[:-2]
    if text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 31:
        return int(text)
    return None


def _year_number(token: Token) -> int | None:
    text = token.text
    if text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) < MAX_YEAR:
        return int(text)
    return None


def _nearest_year(published: datetime.date, month: int) -> int:
    """The year that puts `month` closest to publication (`in December`, read in January, is last year)."""
    offset = month - published.month
    if offset > 6:
        return published.year - 1
    if offset < -6:
        return published.year + 1
    return published.year


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_date(doc: Doc, m: int, published: datetime.date | None, sentence: Span) -> _Candidate | None:
    """`6 December 2004`, `December 6, 2004`, `March 2023`, `in March`."""
    token = doc[m]
    month = MONTHS.get(token.text)
    if month is None or token.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART"):
        return None
    start, end = m, m + 1
    day = _day_number(doc[m - 1]) if m - 1 >= sentence.start else None
    if day is not None:
        start = m - 1
        if (
            start - 2 >= sentence.start
            and (doc[start - 1].text in HYPHENS or doc[start - 1].lower_ in ("to", "and"))
            and _day_number(doc[start - 2])
        ):
            start -= 2  # `5-6 March`: the span covers both days, the date is the first
            day = _day_number(doc[start])
    elif m - 2 >= sentence.start and doc[m - 1].lower_ == "of" and _day_number(doc[m - 2]) is not None:
        day, start = _day_number(doc[m - 2]), m - 2
    if (
        day is None
        and end < sentence.end
        and _day_number(doc[end]) is not None
        and _year_number(doc[end]) is None
    ):
        day, end = _day_number(doc[end]), end + 1
    year_at = end + 1 if end + 1 < sentence.end and doc[end].text == "," and day is not None else end
    year = _year_number(doc[year_at]) if year_at < sentence.end else None
    if year is not None:
        end = year_at + 1
    if day is None and year is None:
        if token.text in AMBIGUOUS_MONTHS or (token.pos_ != "PROPN" and token.ent_type_ != "DATE"):
            return None
        if m > sentence.start and doc[m - 1].pos_ == "PROPN" and not doc[m - 1].is_sent_start:
            return None
    if start - 1 >= sentence.start and doc[start - 1].text in WEEKDAYS:
        start -= 1
    elif start - 2 >= sentence.start and doc[start - 1].text == "," and doc[start - 2].text in WEEKDAYS:
        start -= 2
    resolved_year = year if year is not None else (_nearest_year(published, month) if published else None)
    return _Candidate(
        start,
        end,
        "date",
        float(year) if year is not None else None,
        "year" if year is not None else None,
        date=_iso(resolved_year, month, day),
    )


def _is_future(token: Token) -> bool:
    """Whether the verb governing a date word is in the future tense (`will meet on Friday`)."""
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return any(child.dep_ == "aux" and child.lower_ in FUTURE_AUXILIARIES for child in verb.children)


def _weekday_date(doc: Doc, i: int, published: datetime.date | None, sentence: Span) -> _Candidate | None:
    """`Wednesday`, `last Friday`, `next Monday`: resolved to the nearest such day around publication."""
    token = doc[i]
    weekday = WEEKDAYS.get(token.text)
    if weekday is None:
        return None
    start = i
    previous = doc[i - 1] if i > sentence.start else None
    modifier = previous.lower_ if previous is not None and previous.lower_ in RELATIVE_MODIFIERS else None
    if modifier is not None:
        start = i - 1
    elif (
        previous is not None
        and previous.is_title
        and previous.lower_ not in WEEKDAY_LEADS
        and not previous.is_sent_start
        and previous.text not in WEEKDAYS
    ):
        return None  # a name: `Black Friday`, `Super Tuesday`
    resolved = None
    if published is not None:
        back = (published.weekday() - weekday) % 7
        forward = (weekday - published.weekday()) % 7
        if modifier == "next" or (modifier is None and _is_future(token)):
            resolved = published + datetime.timedelta(days=forward or (7 if modifier == "next" else 0))
        elif modifier == "last":
            resolved = published - datetime.timedelta(days=back or 7)
        else:
            resolved = published - datetime.timedelta(days=back)
    return _Candidate(start, i + 1, "date", None, date=resolved.isoformat() if resolved else None)


def _relative_date(doc: Doc, i: int, published: datetime.date | None, sentence: Span) -> _Candidate | None:
    """`yesterday`, `last week`, `this year`: resolved against the published date."""
    token = doc[i]
    if token.lower_ in RELATIVE_DAYS and token.pos_ != "PROPN":
        resolved = published + datetime.timedelta(days=RELATIVE_DAYS[token.lower_]) if published else None
        return _Candidate(i, i + 1, "date", None, date=resolved.isoformat() if resolved else None)
    if token.lower_ not in RELATIVE_MODIFIERS or i + 1 >= sentence.end:
        return None
    period = doc[i + 1].lower_
    if period not in RELATIVE_PERIODS:
        return None
    if i > sentence.start and doc[i - 1].lower_ in ANAPHORIC_DETERMINERS:
        return None  # `the last year` is a duration, not a calendar period
    return _Candidate(
        i, i + 2, "date", None, date=_resolve_period(published, period, RELATIVE_MODIFIERS[token.lower_])
    )


def _resolve_period(published: datetime.date | None, period: str, step: int) -> str | None:
    if published is None:
        return None
    if period in ("week", "weekend"):
        monday = published - datetime.timedelta(days=published.weekday()) + datetime.timedelta(weeks=step)
        return (monday + datetime.timedelta(days=5 if period == "weekend" else 0)).isoformat()
    if period == "month":
        months = published.year * 12 + published.month - 1 + step
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{published.year + step:04d}"


# --- Numbers to candidates ----------------------------------------------------------------------------


def _second_number(doc: Doc, number: _Number, sentence: Span) -> tuple[_Number, str] | None:
    """The other end of `10-15`, `between 10 and 15`, `10 to 15`, and which connector joined them."""
    j = number.end
    if j + 1 >= sentence.end:
        return None
    connector = doc[j].lower_
    before = doc[number.start - 1].lower_ if number.start > sentence.start else ""
    joined = (
        (connector in HYPHENS and not doc[j - 1].whitespace_)
        or (connector == "and" and before == "between")
        or (connector == "to" and before not in ("from", "by", "to"))
    )
    if not joined:
        return None
    second = _read_number(doc, j + 1, sentence.end)
    if second is None or second.ordinal or second.spelled != number.spelled:
        return None
    if _is_year_like(doc, number) != _is_year_like(doc, second):
        return None  # `during 2004 to 136,000` is a year and a count, not a range
    if connector == "to" and second.value <= number.value:
        return None
    if connector == "to" and (
        (second.currency or number.currency) != (number.currency or second.currency)
        or bool(second.percent) != bool(number.percent)
    ):
        return None
    return second, connector


def _is_year_like(doc: Doc, number: _Number) -> bool:
    return number.plain is not None and _year_number(doc[number.start]) is not None


def _merge_range(number: _Number, second: _Number) -> None:
    """Carry scale, currency and percent across a range written once (`£3-4bn`, `5-10%`)."""
    if second.scale_abbreviation and number.scale_abbreviation is None and number.value < second.value:
        number.value *= SCALE_ABBREVIATIONS[second.scale_abbreviation]
    number.currency = number.currency or second.currency
    number.percent = number.percent or second.percent


def _is_score(doc: Doc, number: _Number, second: _Number, sentence: Span) -> bool:
    """`2-1`: two small whole numbers joined by a hyphen, a score when sport words or the order say so."""
    if number.currency or number.percent or number.spelled or second.currency or second.percent:
        return False
    if not (number.value.is_integer() and second.value.is_integer()):
        return False
    if max(number.value, second.value) >= MAX_SPORT_SCORE:
        return False
    if number.value >= second.value and second.value <= MAX_SCORE:
        return True
    if second.end < sentence.end and doc[second.end].tag_ == "NNS":
        return False  # `10-15 years`
    between_teams = (number.start > sentence.start and doc[number.start - 1].pos_ == "PROPN") or (
        second.end < sentence.end and doc[second.end].pos_ == "PROPN"
    )
    nearby = doc[max(number.start - SCORE_CONTEXT_WINDOW, sentence.start) : second.end + SCORE_CONTEXT_WINDOW]
    return between_teams or any(t.lemma_.lower() in SCORE_CONTEXT for t in nearby)


def _hyphen_run_length(doc: Doc, i: int, sentence: Span) -> int:
    """How many hyphen-joined digit groups start at token i (`4-4-2` is a formation, not a score)."""
    count, j = 1, i
    while j + 2 < sentence.end and doc[j + 1].text in HYPHENS and doc[j + 2].text.isdigit():
        count, j = count + 1, j + 2
    return count


def _number_candidate(doc: Doc, i: int, sentence: Span) -> tuple[_Candidate | None, int]:
    """Read the number at token i into a candidate; also returns the first token after it."""
    fraction = _fraction(doc, i, sentence)
    if fraction is not None:
        return fraction, fraction.end
    position = _chart_position(doc, i, sentence)
    if position is not None:
        return position, position.end
    age_group = _age_group(doc, i)
    if age_group is not None:
        return age_group, i + 1
    word = doc[i].lower_
    if word in ORDINAL_WORDS:
        return _ordinal(doc, i, i + 1, float(ORDINAL_WORDS[word]), sentence), i + 1
    season = _season_token(doc[i])
    if season is not None:
        return season, i + 1
    number = _read_number(doc, i, sentence.end)
    if number is None:
        return None, i + 1
    if number.ordinal:
        return _ordinal(doc, i, number.end, float(number.value), sentence, in_digits=True), number.end
    if _is_phone_or_id(doc, number, sentence):
        return None, _skip_digits(doc, number.end, sentence)
    if not number.spelled and _hyphen_run_length(doc, number.end - 1, sentence) > 2:
        return None, _skip_digits(doc, number.end, sentence)
    season = _season(doc, number, sentence)
    if season is not None:
        return season, season.end
    ranged = _second_number(doc, number, sentence)
    value_max = None
    if ranged is not None:
        second, connector = ranged
        if second.end < sentence.end and doc[second.end].lower_ in TIME_OF_DAY_WORDS:
            return None, second.end  # `from 1130 to 1215 GMT`
        if connector in HYPHENS and _is_score(doc, number, second, sentence):
            surface_end = second.end
            return _Candidate(
                number.start, surface_end, "score", number.value, "score", value_max=second.value
            ), surface_end
        _merge_range(number, second)
        value_max = second.value
        number.end = second.end
        if not _is_year_like(doc, number):
            number.plain = None
    candidate = _classify(doc, number, sentence)
    if candidate is not None and value_max is not None:
        candidate.value_max = value_max
    return candidate, max(number.end, candidate.end if candidate else 0)


def _skip_digits(doc: Doc, j: int, sentence: Span) -> int:
    """Past the rest of a phone number or id, so its later groups are not read as figures."""
    while j < sentence.end and (
        doc[j].text.isdigit() or (doc[j].text in HYPHENS and not doc[j - 1].whitespace_)
    ):
        j += 1
    return j


def _season(doc: Doc, number: _Number, sentence: Span) -> _Candidate | None:
    """`2004-05`: a season or financial year, kept as one year figure with `value_max`."""
    if number.plain is None or _year_number(doc[number.start]) is None or number.end + 1 >= sentence.end:
        return None
    if doc[number.end].text not in HYPHENS | {"/"} or doc[number.end - 1].whitespace_:
        return None
    tail = doc[number.end + 1].text
    if not (tail.isdigit() and len(tail) == 2):
        return None
    century = int(number.value) // 100 * 100
    end_year = century + int(tail)
    if end_year != number.value + 1:
        return None
    return _Candidate(number.start, number.end + 2, "year", number.value, "year", value_max=float(end_year))


def _season_token(token: Token) -> _Candidate | None:
    """`2004/05` written as one token."""
    match = YEAR_SPAN.match(token.text)
    if match is None:
        return None
    start_year = int(match["year"])
    end_year = start_year // 100 * 100 + int(match["end"])
    if end_year != start_year + 1:
        return None
    return _Candidate(token.i, token.i + 1, "year", float(start_year), "year", value_max=float(end_year))


def _chart_position(doc: Doc, i: int, sentence: Span) -> _Candidate | None:
    """`went straight in at number two`, `slipped to number four`: a place in a chart or ranking."""
    if i < sentence.start + 2 or doc[i - 1].lower_ != "number":
        return None
    number = _read_number(doc, i, sentence.end)
    if number is None or number.currency or number.percent or number.value >= MAX_CHART_POSITION:
        return None
    # `to the number one spot` names the position; `the number one priority` is only emphasis.
    named_spot = (
        doc[i - 2].lower_ == "the"
        and number.end < sentence.end
        and doc[number.end].lemma_.lower() in POSITION_NOUNS
    )
    # `World number 46`, `the British number one`: a ranking named by its scope.
    scoped = doc[i - 2].lower_ == "world" or doc[i - 2].ent_type_ == "NORP"
    if doc[i - 2].lower_ not in POSITION_PREPOSITIONS and not named_spot and not scoped:
        return None
    return _Candidate(i - 1, number.end, "ordinal", number.value, "position")


def _one_in(doc: Doc, i: int, sentence: Span) -> _Candidate | None:
    """`one in 10 adult Americans`, `one in five US citizens`: a share, value 1/N, of what follows."""
    if doc[i].lower_ != "one" or i + 2 >= sentence.end or doc[i + 1].lower_ != "in":
        return None
    denominator = _read_number(doc, i + 2, sentence.end)
    if denominator is None or denominator.currency or denominator.percent or denominator.value <= 1:
        return None
    end, head = denominator.end, None
    while end < sentence.end and doc[end].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[end].is_punct:
        if doc[end].pos_ in COUNT_POS:
            head = doc[end]
        end += 1
    unit = _unit_phrase(doc, head, denominator.end) if head is not None else None
    return _Candidate(
        i, head.i + 1 if head is not None else denominator.end, "fraction", 1 / denominator.value, unit
    )


def _fraction(doc: Doc, i: int, sentence: Span) -> _Candidate | None:
    """`half of the staff`, `a third of voters`, `two-thirds of MPs`: a share of a counted whole."""
    one_in = _one_in(doc, i, sentence)
    if one_in is not None:
        return one_in
    j, numerator = i, 1.0
    word = doc[j].lower_
    if word in ("a", "one") and j + 1 < sentence.end:
        j += 1
    elif word in UNIT_WORDS and j + 1 < sentence.end:
        numerator = float(UNIT_WORDS[word])
        j += 2 if doc[j + 1].text in HYPHENS else 1
    fraction_word = doc[j].lower_
    if fraction_word not in FRACTION_WORDS or (fraction_word != "half" and j == i):
        return None
    if j + 1 >= sentence.end or doc[j + 1].lower_ != "of":
        return None
    whole = next((c for c in doc[j + 1].children if c.dep_ == "pobj"), None)
    countable = whole is not None and (whole.pos_ == "NOUN" or whole.tag_ == "NNPS")
    unit = _unit_phrase(doc, whole, j + 2) if whole is not None and countable else None
    end = whole.i + 1 if whole is not None else j + 1
    return _Candidate(i, end, "fraction", numerator * FRACTION_WORDS[fraction_word], unit, anchor=j)


def _ordinal(
    doc: Doc, i: int, end: int, value: float, sentence: Span, in_digits: bool = False
) -> _Candidate | None:
    """An ordinal that carries data: `third quarter`, `second round`, `third-largest`, `finished second`.
    Written in digits (`117th captain`) an ordinal is data whatever it ranks: nobody writes `1st time`."""
    token = doc[end - 1]
    k = end
    if k + 1 < sentence.end and doc[k].text in HYPHENS:
        k += 1
        if doc[k].lower_ in ORDINAL_DATA_NOUNS or doc[k].tag_ == "JJS":
            return _Candidate(i, k + 1, "ordinal", value, _ranked_unit(doc[k].lower_))
        return None
    head = token.head
    if token.dep_ in ("amod", "nummod", "compound") and end <= head.i < end + NUMBER_NOUN_WINDOW:
        chain_end = _noun_chain_end(doc, head, min(end + NUMBER_NOUN_WINDOW, sentence.end))
        if _is_name_noun(chain_end) and chain_end.lemma_.lower() not in ORDINAL_DATA_NOUNS:
            return None  # `20th Century Fox`
        # `first autumn Test` ranks the Test, `second set tie-break` the set.
        head = next(
            (t for t in doc[end : chain_end.i + 1] if t.lemma_.lower() in ORDINAL_DATA_NOUNS), chain_end
        )
        if any(t.like_num for t in doc[end : head.i]):
            return None  # `the first six months` counts months, it does not rank them
        lemma = head.lemma_.lower()
        if (
            (in_digits and not _is_name_noun(head))
            or lemma in ORDINAL_DATA_NOUNS
            or any(t.lower_ in RUN_WORDS for t in doc[end : head.i])
        ):
            return _Candidate(i, head.i + 1, "ordinal", value, _ranked_unit(lemma))
        return None
    if token.dep_ in ("advmod", "oprd", "acomp", "npadvmod") and head.lemma_.lower() in PLACING_VERBS:
        return _Candidate(i, end, "ordinal", value, "position")
    return None


def _is_early_year(doc: Doc, number: _Number, sentence: Span) -> bool:
    """`laws dating from 1695`: a year before MIN_YEAR only where a time preposition says so."""
    return (
        number.plain is not None
        and len(number.plain) == 4
        and EARLY_YEAR_MIN <= number.value < MIN_YEAR
        and number.start > sentence.start
        and doc[number.start - 1].lower_ in YEAR_PREPOSITIONS
        and not any(
            t.lower_ in TIME_OF_DAY_WORDS for t in doc[number.end : number.end + 3]
        )  # `from 1130 to 1215 GMT`
    )


def _age_group(doc: Doc, i: int) -> _Candidate | None:
    """`under-18s`, `over-65s`: the people below or above an age, written as one word."""
    match = AGE_GROUP.match(doc[i].text)
    if match is None:
        return None
    qualifier = match["side"].lower()
    return _Candidate(i, i + 1, "age", float(match["age"]), "years", qualifier=qualifier)


def _ranked_unit(lemma: str) -> str:
    """`second place`, `third position` and `top spot` are one thing to an analyst: a position."""
    return "position" if lemma in POSITION_NOUNS else lemma


def _classify(doc: Doc, number: _Number, sentence: Span) -> _Candidate | None:
    """Decide the kind and unit of a number from what surrounds it."""
    start, end = number.start, number.end
    if number.currency is not None:
        return _Candidate(start, end, "money", number.value, number.currency)
    if number.percent is not None:
        return _Candidate(start, end, "percent", number.value, number.percent)
    if number.suffix == "s":
        return _Candidate(start, end, "year", number.value, "year", value_max=number.value + 9)
    if number.suffix is not None:
        time_unit = TIME_UNITS.get(number.suffix.lower())
        if time_unit is not None:
            return _Candidate(start, end, "duration", number.value, time_unit)
        return _Candidate(start, end, "quantity", number.value, number.suffix.lower())
    if end < sentence.end and doc[end].text in MONTHS and _day_number(doc[start]) is not None:
        return None  # `to 31 December`: the day of a date, read at the month
    age = _age(doc, number, sentence)
    if age is not None:
        return age
    if number.scale_abbreviation == "m" and number.value / 1e6 in RACE_DISTANCES:
        following = doc[end].lower_ if end < sentence.end else ""
        if following in RACE_WORDS or not following.isalpha():
            return _Candidate(start, end, "quantity", number.value / 1e6, "metres")
    noun = _counted_noun(doc, start, end, sentence)
    year = _year_number(doc[start]) if number.plain is not None else None
    if year is None and noun is None and _is_early_year(doc, number, sentence):
        year = int(number.value)
    if year is not None and not _counts_plural(noun, doc[start]):
        return _Candidate(start, end, "year", float(year), "year")
    if (
        noun is not None
        and noun.lower_ not in MEASURE_UNITS  # `1.8 GB` is tagged a proper noun
        and (_is_name_noun(noun) or _is_spelled_in_name(doc, number, noun))
    ):
        return None
    if start > sentence.start and noun is None and doc[start - 1].lower_ in SEEDING_WORDS:
        return _Candidate(start, end, "ordinal", number.value, "position")  # `Henman, seeded three`
    if start > sentence.start and (
        doc[start - 1].lower_ in RANK_WORDS or (doc[start - 1].lower_ == "last" and noun is None)
    ):
        return _Candidate(
            start, end, "ordinal", number.value, "positions"
        )  # `top 10 hit`: a cut-off, not 10 hits
    if noun is not None:
        time_unit = TIME_UNITS.get(noun.lower_)
        if time_unit is not None:
            return _Candidate(start, noun.i + 1, "duration", number.value, time_unit)
        if noun.lower_ in MONTHS or noun.text in WEEKDAYS:
            return None
        unit = _unit_phrase(doc, noun, end)
        kind = "quantity" if noun.lower_ in MEASURE_UNITS else "count"
        if _is_anaphoric(doc, number, sentence) or (number.spelled and number.value == 1):
            return None
        return _Candidate(start, max(end, noun.i + 1), kind, number.value, unit)
    if number.spelled and number.value <= 1:
        return None
    if _is_anaphoric(doc, number, sentence):
        return None
    if _is_age_apposition(doc, number, sentence) or _after_age_word(doc, start, sentence):
        return _Candidate(start, end, "age", number.value, "years")
    reading = _reading(doc, number, sentence)
    if reading is not None:
        kind, unit = reading
        return _Candidate(start, end, kind, number.value, unit)
    return _Candidate(start, end, "count", number.value, None, bare=True)


def _reading(doc: Doc, number: _Number, sentence: Span) -> tuple[str, str] | None:
    """A bare number that states the level of what the clause is about: `the index rose to 58.6`
    (a quantity of `index`), `the number of films rose to 310` (a count of `films`), `the voting age
    is 18` and `candidates must be 21` (ages)."""
    anchor = _anchor(doc, number.start, number.end)
    if anchor.dep_ == "pobj" and anchor.head.lower_ in READING_PREPOSITIONS:
        governor = anchor.head.head
    elif anchor.dep_ in ("attr", "acomp", "dobj", "oprd"):
        governor = anchor.head
    else:
        return None
    if governor.pos_ == "NOUN" and governor.i < number.start:
        measured: Token | None = governor  # `a reading above 50`, `children under 18`
    else:
        measured = _clause_subject(governor, number.start)
    if measured is None or not sentence.start <= measured.i < sentence.end:
        return None
    lemma = measured.lemma_.lower()
    whole = number.value.is_integer() and 0 < number.value < MAX_AGE
    age_clause = governor.lemma_ == "be" or governor.i == measured.i  # `they are 21`, `children under 18`
    if lemma in AGE_WORDS or (age_clause and whole and _is_person(measured)):
        return ("age", "years") if whole else None
    if number.spelled and number.value < MIN_BARE_COUNT:
        return None  # `just ahead of Million Dollar Baby at five`: too elliptic to read
    if measured.pos_ != "NOUN":
        return None
    if lemma in AGGREGATE_NOUNS:
        of = next((c for c in measured.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is None or counted.pos_ not in COUNT_POS:
            return None
        return "count", _unit_phrase(doc, counted, of.i + 1)
    if measured.tag_ == "NNS":
        return "count", _unit_phrase(doc, measured, measured.left_edge.i)
    return "quantity", lemma


def _clause_subject(governor: Token, before: int) -> Token | None:
    """The subject a verb's clause is about, climbing out of complements and coordinations; failing
    that, an object named before the number (`leaving the age for standing at 21`)."""
    token = governor
    for _ in range(READING_HOPS):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            appositions = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            return appositions[0] if appositions else subject
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i < before and c.pos_ == "NOUN"]
        if objects:
            return objects[0]
        if token.head.i == token.i or token.dep_ not in (
            "xcomp",
            "ccomp",
            "conj",
            "pcomp",
            "advcl",
            "dep",
            "prep",
        ):
            return None
        token = token.head
    return None


def _is_person(token: Token) -> bool:
    return (
        token.lower_ in PERSON_PRONOUNS
        or token.ent_type_ == "PERSON"
        or token.lemma_.lower() in PERSON_NOUNS
        or token.lower_ in PERSON_NOUNS
    )


def _after_age_word(doc: Doc, start: int, sentence: Span) -> bool:
    """`the voting age to 16`, `the age of 24`, `aged 21`: a bare number right after an age word."""
    window = doc[max(sentence.start, start - AGE_WINDOW) : start]
    return any(t.lower_ in AGE_WORDS for t in window)


def _is_age_apposition(doc: Doc, number: _Number, sentence: Span) -> bool:
    """`Mars, 53, has ...` and `Smith (53)`: a bare whole number set off right after a name is an age."""
    start, end = number.start, number.end
    if number.spelled or not number.value.is_integer() or not 0 < number.value < MAX_AGE:
        return False
    if start - 2 < sentence.start or end >= sentence.end:
        return False
    opener, name, closer = doc[start - 1].text, doc[start - 2], doc[end].text
    return (
        (opener, closer) in ((",", ","), ("(", ")")) and name.pos_ == "PROPN" and name.ent_type_ == "PERSON"
    )


def _is_spelled_in_name(doc: Doc, number: _Number, noun: Token) -> bool:
    """`Six Nations`, `Big Four`: a capitalised number word before a proper noun mid-sentence."""
    first = doc[number.start]
    return number.spelled and first.is_title and not first.is_sent_start and noun.pos_ == "PROPN"


def _counts_plural(noun: Token | None, number: Token) -> bool:
    """`1500 people` is a count, `the 2004 election` a year: a plural counted noun decides."""
    return (
        noun is not None
        and noun.tag_ in ("NNS", "NNPS")
        and noun.lower_ not in TIME_UNITS
        and number.ent_type_ != "DATE"
    )


def _age(doc: Doc, number: _Number, sentence: Span) -> _Candidate | None:
    """`25-year-old`, `aged 32`."""
    end = number.end
    words = [t.lower_ for t in doc[end : min(end + 4, sentence.end)]]
    offset = 1 if words and words[0] in HYPHENS else 0  # `25-year-old`, `eleven year-old`
    if words[offset : offset + 3][:1] in (["year"], ["years"]) and words[offset + 1 : offset + 3] in (
        ["-", "old"],
        ["–", "old"],
    ):
        return _Candidate(number.start, end + offset + 3, "age", number.value, "years")
    if number.start > sentence.start and doc[number.start - 1].lower_ == "aged":
        return _Candidate(number.start, end, "age", number.value, "years")
    return None


def _is_anaphoric(doc: Doc, number: _Number, sentence: Span) -> bool:
    """`the two leaders` points back at people already named: not a new numeric fact. A noun modifier
    makes it one (`the three November Tests`, `all three Lions Tests`)."""
    if not number.spelled or number.value > MAX_ANAPHORIC or number.start <= sentence.start:
        return False
    if number.end < sentence.end and doc[number.end].dep_ == "compound":
        return False
    return doc[number.start - 1].lower_ in ANAPHORIC_DETERMINERS


# --- Changes ------------------------------------------------------------------------------------------


def _change_link(doc: Doc, candidate: _Candidate) -> tuple[str, int] | None:
    """The role a figure plays in a change and the token of the change word it hangs from."""
    if candidate.kind not in ("money", "percent", "count", "quantity"):
        return None
    # The word before the figure is the surer guide to its role: the parser often reads `from £2.50 to £4`
    # as one quantity hanging from `from`.
    return _lexical_change_link(doc, candidate) or _syntactic_change_link(doc, candidate)


def _is_change_word(token: Token) -> bool:
    return token.lemma_.lower() in CHANGE_LEMMAS or token.lower_ in ("up", "down")


def _syntactic_change_link(doc: Doc, candidate: _Candidate) -> tuple[str, int] | None:
    anchor = (
        doc[candidate.anchor]
        if candidate.anchor is not None
        else _anchor(doc, candidate.start, candidate.end)
    )
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ in CHANGE_PREPOSITIONS:
        governor = head.head
        role = CHANGE_PREPOSITIONS[head.lower_]
        if _is_change_word(governor):
            if head.lower_ == "of" and governor.pos_ != "NOUN":
                return None
            return role, governor.i
        return None
    if anchor.dep_ in (
        "npadvmod",
        "dobj",
        "advmod",
        "compound",
        "amod",
        "nmod",
        "nummod",
    ) and _is_change_word(head):
        return "change", head.i
    return None


def _lexical_change_link(doc: Doc, candidate: _Candidate) -> tuple[str, int] | None:
    """`raised from £2.50 to £4`: the parser often reads such pairs as one quantity, so look leftwards."""
    before = candidate.start - 1
    if before < 0 or doc[before].lower_ not in ("to", "from", "by"):
        return None
    sentence_start = doc[before].sent.start
    for k in range(before - 1, max(before - CHANGE_WINDOW, sentence_start) - 1, -1):
        token = doc[k]
        if _is_change_word(token):
            return CHANGE_PREPOSITIONS[doc[before].lower_], k
        if token.text in (";", ":") or (token.pos_ == "VERB" and k < before - 1):
            return None
    return None


def _link_changes(doc: Doc, candidates: list[_Candidate]) -> dict[int, tuple[str, int]]:
    """Give each figure of a change its role and one group number per change word, in text order."""
    links: dict[int, tuple[str, int]] = {}
    groups: dict[int, int] = {}
    for n, candidate in enumerate(candidates):
        link = _change_link(doc, candidate)
        if link is None:
            continue
        role, governor = link
        group = groups.setdefault(governor, len(groups) + 1)
        links[n] = (role, group)
    return links


# --- Entry point --------------------------------------------------------------------------------------


def extract_figures(
    doc: Doc, blocks: Sequence[Block], published: datetime.date | None = None
) -> list[Figure]:
    """Every numeric fact in the article's editorial blocks and captions, in text order."""
    index = BlockIndex(blocks)
    gates = _start_gates(doc)
    candidates: list[_Candidate] = []
    for sentence in doc.sents:
        if not index.is_extractable(sentence.start_char) and not any(
            index.is_extractable(t.idx) for t in sentence
        ):
            continue
        candidates.extend(_sentence_candidates(doc, sentence, published, gates))
    candidates = [c for c in candidates if index.is_extractable(doc[c.start].idx)]
    links = _link_changes(doc, candidates)
    figures = []
    for n, candidate in enumerate(candidates):
        if candidate.bare and n not in links and (candidate.value or 0) < MIN_BARE_COUNT:
            continue
        figure = _to_figure(doc, candidate, index)
        if n in links:
            figure = replace(figure, role=links[n][0], group=links[n][1])
        figures.append(figure)
    return figures


def _sentence_candidates(
    doc: Doc, sentence: Span, published: datetime.date | None, gates: list[tuple[bool, bool]]
) -> list[_Candidate]:
    """Dates first (so `6 December 2004` is not read as two numbers), then numbers, left to right."""
    found: list[_Candidate] = []
    i = sentence.start
    while i < sentence.end:
        may_start_number, may_start_date_or_duration = gates[i]
        if not may_start_number and not may_start_date_or_duration:
            i += 1
            continue
        candidate = None
        try:
            candidate = (
                _month_date(doc, i, published, sentence)
                or _weekday_date(doc, i, published, sentence)
                or _relative_date(doc, i, published, sentence)
            )
            if candidate is not None and found and candidate.start < found[-1].end:
                candidate = None
            if candidate is not None:
                found.append(candidate)
                i = candidate.end
                continue
            # `£5m a year` is a rate: no duration right after another figure.
            single = None if found and found[-1].end == i else _single_time_unit(doc, i, sentence)
            if single is not None:
                _attach_qualifier(doc, single, sentence, found)
                found.append(single)
                i = single.end
                continue
            if may_start_number:
                number, after = _number_candidate(doc, i, sentence)
                if number is not None:
                    _attach_qualifier(doc, number, sentence, found)
                    found.append(number)
                i = max(after, i + 1)
                continue
        except (ValueError, IndexError, OverflowError):  # odd text: skip this token, keep the article
            pass
        i += 1
    _fill_elided_units(doc, found)
    return found


def _fill_elided_units(doc: Doc, found: list[_Candidate]) -> None:
    """`1,000 jobs will go, 560 in Wales and 400 in Scotland`: a bare count written in digits shares the
    counted noun of a count shortly before it in the same sentence (the noun is left out, not changed)."""
    previous: _Candidate | None = None
    for candidate in found:
        if candidate.kind == "count" and candidate.unit is not None:
            previous = candidate
        elif (
            candidate.kind == "count"
            and candidate.bare
            and previous is not None
            and candidate.start - previous.end <= ELIDED_NOUN_WINDOW
            and doc[candidate.start].text[:1].isdigit()
        ):
            candidate.unit, candidate.bare = previous.unit, False
            previous = candidate


def _single_time_unit(doc: Doc, i: int, sentence: Span) -> _Candidate | None:
    """`just over a year`, `a week later`, `a month after`: a duration of one unit; not a rate."""
    if doc[i].lower_ not in ONE_WORDS or i + 1 >= sentence.end:
        return None
    unit = TIME_UNITS.get(doc[i + 1].lower_)
    # `a second` and `a quarter` are more often ordinals and fractions than durations.
    if unit is None or doc[i + 1].lower_ != doc[i + 1].lemma_.lower() or unit in ("quarters", "seconds"):
        return None
    if doc[i + 1].pos_ != "NOUN":  # `a minute red dot`
        return None
    previous = doc[i - 1] if i > sentence.start else None
    if previous is None:
        return _Candidate(i, i + 2, "duration", 1.0, unit)
    # `£5m a year`, `£20 ($38) a month` (conversion in brackets), `twice a year`: rates, not durations.
    if (
        previous.like_num
        or previous.lower_ in RATE_WORDS
        or previous.text in CURRENCY_SYMBOLS
        or previous.text == ")"
    ):
        return None
    if previous.ent_type_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY"):
        return None
    return _Candidate(i, i + 2, "duration", 1.0, unit)


#: Spelling (ORTH id) -> `_start_gates` of a token written so: (may start a number, a date or duration).
_GATES_BY_SPELLING: dict[int, tuple[bool, bool]] = {}


def _start_gates(doc: Doc) -> list[tuple[bool, bool]]:
    """For each token, whether a number, and whether a date or duration, may start at it: the cheap test
    that lets most tokens skip every reader of `_sentence_candidates` (it took a third off the figure
    extractor's time). Both depend on the spelling alone, so each spelling is tested once per process, and
    no Token object is made for the tokens that fail."""
    strings = doc.vocab.strings
    gates = []
    for orth in doc.to_array(ORTH).tolist():
        gate = _GATES_BY_SPELLING.get(orth)
        if gate is None:
            text = strings[orth]
            gate = _GATES_BY_SPELLING[orth] = (_may_start_number(text), _may_start_date_or_duration(text))
        gates.append(gate)
    return gates


def _may_start_date_or_duration(text: str) -> bool:
    return text in MONTHS or text in WEEKDAYS or text.lower() in RELATIVE_START_WORDS


def _may_start_number(text: str) -> bool:
    first = text[:1]
    lower = text.lower()
    return (
        first.isdigit()
        or AGE_GROUP.match(text) is not None
        or text in CURRENCY_SYMBOLS
        or (first in CURRENCY_SYMBOLS and text[1:2].isdigit())
        or lower in UNIT_WORDS
        or lower in TENS_WORDS
        or lower in ("a", "an", "half")
        or lower in ORDINAL_WORDS
    )


def _attach_qualifier(doc: Doc, candidate: _Candidate, sentence: Span, found: Sequence[_Candidate]) -> None:
    if candidate.kind in ("year", "date", "score", "ordinal") or candidate.value_max is not None:
        return
    qualifier, start = _qualifier_before(doc, candidate.start, sentence)
    # `£960m over 15 years` spreads an amount across a period: `over` is a preposition there.
    spread = (
        candidate.kind == "duration"
        and qualifier in ("over", "under")
        and bool(found)
        and found[-1].end == start
    )
    if qualifier is not None and not spread:
        candidate.qualifier, candidate.start = qualifier, start


def _to_figure(doc: Doc, candidate: _Candidate, index: BlockIndex) -> Figure:
    start_char = doc[candidate.start].idx
    last = doc[candidate.end - 1]
    end_char = (
        last.idx + len(last.text.rstrip("."))
        if last.lower_.rstrip(".") in SCALE_ABBREVIATIONS
        else last.idx + len(last.text)
    )
    return Figure(
        start_char=start_char,
        end_char=end_char,
        # From the span, not `doc.text`: spaCy rebuilds the whole text on every access.
        surface=doc[candidate.start : candidate.end].text[: end_char - start_char],
        value=_tidy(candidate.value),
        unit=candidate.unit,
        kind=candidate.kind,
        qualifier=candidate.qualifier,
        block_kind=index.kind_at(start_char) or "body",
        value_max=_tidy(candidate.value_max),
        date=candidate.date,
    )


def _tidy(value: float | None) -> float | None:
    """Drop float noise from scaling (`8.2bn` is 8200000000.0, not 8199999999.999999)."""
    return None if value is None else float(f"{value:.12g}")
