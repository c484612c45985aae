"""Durations: a number of time units (`three-year deal`, `at least 72 hours`, `10-15 years`), digits with
the unit glued on (`3yrs`), and one unit with `a` (`just over a year`, `a week later`). A duration's unit is
always the plural time word, so that `year` singular means only a calendar year; rates (`£5m a year`,
`twice a year`) are not durations."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.figures.lexicon import CURRENCY_SYMBOLS, ONE_WORDS, RATE_WORDS, TIME_UNITS
from pipeline.extract.figures.nouns import noun_of
from pipeline.extract.figures.records import Candidate, NumberSite, Outcome, Site, through_end
from pipeline.extract.rules import Example, leaves, reads


def one_time_unit(site: Site) -> Outcome | None:
    """`a year`, `an hour`: a duration of one unit, unless right after another figure (`£5m a year`)."""
    if site.previous is not None and site.previous.end == site.i:
        return None
    return through_end(_one_time_unit(site.doc, site.i, site.sentence))


def time_unit_suffix(site: NumberSite) -> Outcome | None:
    """`3yrs`, `48hrs`: a time unit written onto the digits."""
    number = site.number
    time_unit = TIME_UNITS.get(number.suffix.lower()) if number.suffix is not None else None
    if time_unit is None:
        return None
    return site.classified(Candidate(number.start, number.end, "duration", number.value, time_unit))


def time_unit_noun(site: NumberSite) -> Outcome | None:
    """`three months`, `10-15 years`: the number counts a time unit."""
    noun = noun_of(site)
    time_unit = TIME_UNITS.get(noun.lower_) if noun is not None else None
    if noun is None or time_unit is None:
        return None
    number = site.number
    return site.classified(Candidate(number.start, noun.i + 1, "duration", number.value, time_unit))


def _one_time_unit(doc: Doc, i: int, sentence: Span) -> Candidate | None:
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
        return Candidate(i, i + 2, "duration", 1.0, unit)
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
    return Candidate(i, i + 2, "duration", 1.0, unit)


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "one_time_unit": (
        reads(
            "The announcement is the latest blow for the one-time darling of Wall Street, which has lost 80% of its stock value in just over a year.",
            "just over a year",
            kind="duration",
            value=1,
            unit="years",
            qualifier="just over",
        ),
        leaves("The scheme will cost £5m a year and is reviewed twice a year.", "a year"),
    ),
    "time_unit_suffix": (
        reads(
            "Kelly Sotherton also won, improving her season-leading time to 7.51secs.",
            "7.51secs",
            kind="duration",
            value=7.51,
            unit="seconds",
        ),
    ),
    "time_unit_noun": (
        reads(
            "We have already taken it up to 26 weeks.",
            "up to 26 weeks",
            value=26,
            unit="weeks",
            qualifier="up to",
        ),
        reads(
            "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December.",
            "three months",
            kind="duration",
            value=3,
            unit="months",
        ),
        reads(
            "Customers must have been members for at least two years on 31 December 2004.",
            "at least two years",
            value=2,
            unit="years",
            qualifier="at least",
        ),
        reads(
            "Trump is trying to steer Putin and Zelenskiy towards a settlement more than three years after Russia invaded.",
            "more than three years",
            kind="duration",
            value=3,
            unit="years",
            qualifier="more than",
        ),
        reads(
            "The dollar was at its highest level against the euro in almost three months.",
            "almost three months",
            kind="duration",
            value=3,
            unit="months",
            qualifier="almost",
        ),
        reads(
            "The ink stays on the finger for at least 72 hours and for up to a week.",
            "at least 72 hours",
            value=72,
            unit="hours",
            qualifier="at least",
        ),
        reads(
            "Even computer games from 10-15 years ago are getting modern re-workings.",
            "10-15 years",
            kind="duration",
            value=10,
            value_max=15,
            unit="years",
        ),
        reads(
            "As well as pledging £960m over 15 years to the immunisation IFF, Britain urged other donors to contribute.",
            "15 years",
            value=15,
            qualifier=None,
        ),
        reads("He has worked there for over 15 years.", "over 15 years", qualifier="over"),
    ),
}
