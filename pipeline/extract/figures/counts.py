"""Counts: how many of something, with the counted noun phrase as the unit (`32 defence chiefs`,
`30 of the countries`, `two or three cameras`); a number of a unit of measurement is a quantity
(`5,000 barrels`). A count with no counted noun is kept from MIN_BARE_COUNT on (`almost 3.3 million`), or
as part of a change; smaller bare numbers are mostly labels (`lane seven`). A bare count shortly after a
count shares its noun (`1,000 jobs will go, 560 in Wales`)."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.extract.figures.lexicon import ELIDED_NOUN_WINDOW, MEASURE_UNITS
from pipeline.extract.figures.nouns import noun_of, unit_phrase
from pipeline.extract.figures.records import Candidate, NumberSite, Outcome
from pipeline.extract.rules import Example, leaves, reads


def counted(site: NumberSite) -> Outcome | None:
    """The number counts the noun the parse attaches it to."""
    noun = noun_of(site)
    if noun is None:
        return None
    doc, number = site.doc, site.number
    kind = "quantity" if noun.lower_ in MEASURE_UNITS else "count"
    unit = unit_phrase(doc, noun, number.end)
    return site.classified(Candidate(number.start, max(number.end, noun.i + 1), kind, number.value, unit))


def bare_count(site: NumberSite) -> Outcome | None:
    """Whatever no rule before gave a meaning: a count of nothing named (kept only when large)."""
    number = site.number
    return site.classified(Candidate(number.start, number.end, "count", number.value, None, bare=True))


def fill_elided_units(doc: Doc, found: list[Candidate]) -> None:
    """`1,000 jobs will go, 560 in Wales and 400 in Scotland`: a bare count written in digits shares the
    counted noun of a count shortly before it in the same sentence (the noun is left out, not changed)."""
    previous: Candidate | None = None
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


ADVISERS = "The firm has more than 12,000 advisers selling financial advice, funds and insurance to 2.5 million customers."
CIVIL_SERVANTS = (
    "About 4,300 civil servants will move, and 282,000 physical singles were sold to 400 new buyers."
)
SEED_ATTACKS = "Attacks on civilian areas in Sumy and Odesa overnight into Wednesday injured 15 people, including a family with three small children, Ukrainian authorities said."

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "counted": (
        reads(
            "It lost 464,000 subscribers in the fourth quarter profits were lower than in the preceding three quarters.",
            "464,000 subscribers",
            kind="count",
            value=464000,
            unit="subscribers",
        ),
        reads(
            SEED_ATTACKS,
            "15 people",
            value=15,
            unit="people",
        ),
        reads(
            "This has saved over 40 jobs as well as the substantial employment claims.",
            "over 40 jobs",
            value=40,
            unit="jobs",
            qualifier="over",
        ),
        reads(
            "It gives a right of access to information held by about 100,000 public bodies.",
            "about 100,000 public bodies",
            value=100000,
            unit="public bodies",
            qualifier="about",
        ),
        reads(
            ADVISERS,
            "more than 12,000 advisers",
            value=12000,
            unit="advisers",
            qualifier="more than",
        ),
        reads(
            CIVIL_SERVANTS,
            "282,000 physical singles",
            unit="physical singles",
        ),
        reads(
            "One in 10 adult Americans - equivalent to 22 million people - owns an MP3 player, according to a survey.",
            "22 million people",
            value=2.2e7,
            unit="people",
        ),
        reads("It can store up to 1.8GB of data.", "up to 1.8GB", kind="quantity", value=1.8, unit="gb"),
        reads(
            "It is understood 32 defence chiefs were participating in the call.",
            "32 defence chiefs",
            kind="count",
            value=32,
            unit="defence chiefs",
        ),
        reads(
            SEED_ATTACKS,
            "three small children",
            kind="count",
            value=3,
            unit="children",
        ),
        reads(
            "A coalition of 30 countries, including European nations, Japan and Australia, have signed up.",
            "30 countries",
            value=30,
            unit="countries",
        ),
        reads(
            "More than 100 countries are ICC signatories and have a legal obligation to arrest the Russian leader.",
            "More than 100 countries",
            value=100,
            unit="countries",
            qualifier="more than",
        ),
        reads(
            "The Saab factory currently produces fewer than 130,000 cars per year.",
            "fewer than 130,000 cars",
            value=130000,
            unit="cars",
            qualifier="fewer than",
        ),
        reads(
            "There must be more than a dozen songs in the last 25 years that deserve this award more.",
            "more than a dozen songs",
            value=12,
            unit="songs",
            qualifier="more than",
        ),
        reads(
            "Smaller teams of half a dozen people can still create complete games for the devices.",
            "half a dozen people",
            value=6,
            unit="people",
        ),
        reads(
            ADVISERS,
            "2.5 million customers",
            value=2.5e6,
            unit="customers",
        ),
        reads(
            "Wilkinson has been named as captain for the three November Tests.",
            "three November Tests",
            value=3,
            unit="november tests",
        ),
        reads(
            CIVIL_SERVANTS,
            "400 new buyers",
            unit="buyers",
        ),
        reads(
            CIVIL_SERVANTS,
            "About 4,300 civil servants",
            unit="civil servants",
        ),
        reads(
            "Venezuela has also offered to supply 120,000 barrels of fuel oil a month to China.",
            "120,000 barrels",
            kind="quantity",
            value=120000,
            unit="barrels",
        ),
    ),
    "bare_count": (
        reads(
            "Nationally more than 5 million browse the net via broadband.",
            "more than 5 million",
            kind="count",
            value=5e6,
            unit=None,
            qualifier="more than",
        ),
        leaves("I believe that's what put me in lane seven in the final.", "seven"),
    ),
}
