"""Years: a calendar year (`in 2019`, `an ICC 2023 arrest warrant`), a decade (`the 1990s`), a season or
financial year (`2004-05`, `2004/05`), and an early year where a time preposition says so (`dating from
1695`). A year is `kind="year", unit="year"`; a decade or a season also has `value_max`."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extract.figures.lexicon import (
    EARLY_YEAR_MIN,
    HYPHENS,
    MIN_YEAR,
    TIME_OF_DAY_WORDS,
    YEAR_PREPOSITIONS,
    YEAR_SPAN,
)
from pipeline.extract.figures.nouns import counts_plural, noun_of
from pipeline.extract.figures.numbers import year_number
from pipeline.extract.figures.records import Candidate, Number, NumberSite, Outcome, Site, through_end
from pipeline.extract.rules import Example, reads


def season_token(site: Site) -> Outcome | None:
    """`2004/05` written as one token."""
    candidate = _season_token(site.token)
    return (candidate, site.i + 1) if candidate is not None else None


def season(site: NumberSite) -> Outcome | None:
    """`2004-05`: a season or financial year, one year figure with `value_max`."""
    return through_end(_season(site.doc, site.number, site.sentence))


def decade(site: NumberSite) -> Outcome | None:
    """`the 1990s`: the ten years from the one written; `the 1600s`, before MIN_YEAR, the hundred."""
    number = site.number
    if number.suffix != "s":
        return None
    span = 99 if number.value < MIN_YEAR else 9
    return site.classified(
        Candidate(number.start, number.end, "year", number.value, "year", value_max=number.value + span)
    )


def calendar_year(site: NumberSite) -> Outcome | None:
    """A four-digit number between MIN_YEAR and MAX_YEAR, or an early year after a time preposition, unless
    it counts a plural noun (`1500 people`)."""
    doc, number = site.doc, site.number
    noun = noun_of(site)
    year = year_number(doc[number.start]) if number.plain is not None else None
    if year is None and noun is None and is_early_year(doc, number, site.sentence):
        year = int(number.value)
    if year is None or counts_plural(noun, doc[number.start]):
        return None
    return site.classified(Candidate(number.start, number.end, "year", float(year), "year"))


def _season(doc: Doc, number: Number, sentence: Span) -> Candidate | None:
    """`2004-05`: a season or financial year, kept as one year figure with `value_max`."""
    if number.plain is None or year_number(doc[number.start]) is None or number.end + 1 >= sentence.end:
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
    return Candidate(number.start, number.end + 2, "year", number.value, "year", value_max=float(end_year))


def _season_token(token: Token) -> Candidate | None:
    """`2004/05` written as one token."""
    match = YEAR_SPAN.match(token.text)
    if match is None:
        return None
    start_year = int(match["year"])
    end_year = start_year // 100 * 100 + int(match["end"])
    if end_year != start_year + 1:
        return None
    return Candidate(token.i, token.i + 1, "year", float(start_year), "year", value_max=float(end_year))


def is_early_year(doc: Doc, number: Number, sentence: Span) -> bool:
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


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "season_token": (
        reads(
            "The Treasury said it expected a boost to the current budget in 2004/05 of about £400m.",
            "2004/05",
            kind="year",
            value=2004,
            value_max=2005,
        ),
    ),
    "season": (
        reads(
            "Strachan left St Mary's in February, after earlier announcing his intention to take a break from the game at the end of the 2003-04 season.",
            "2003-04",
            kind="year",
            value=2003,
            value_max=2004,
        ),
    ),
    "decade": (
        reads(
            "The economy had stagnated throughout the 1990s.",
            "1990s",
            kind="year",
            value=1990,
            value_max=1999,
            unit="year",
        ),
        reads(
            "The myth harks back to Haiti during the 1600s and 1700s, when slaves were worked to death.",
            "1600s",
            value=1600,
            value_max=1699,
        ),
    ),
    "calendar_year": (
        reads(
            "The leaders met in 2019 at the Paris Normandy Summit to discuss a ceasefire.",
            "2019",
            kind="year",
            value=2019,
            unit="year",
        ),
        reads(
            "Such an exemption would be necessary due to an ICC 2023 arrest warrant on Putin.",
            "2023",
            kind="year",
            value=2023,
        ),
        reads(
            "The age of majority was reduced to 18 in 1969 but laws dating from 1695 stayed in place.",
            "1695",
            kind="year",
            value=1695,
        ),
        reads(
            "He was spending about $200m between 1996 and 2002 while earning much less.",
            "1996 and 2002",
            kind="year",
            value=1996,
            value_max=2002,
        ),
    ),
}
