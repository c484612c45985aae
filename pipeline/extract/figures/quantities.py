"""Quantities: a measurement with its unit, glued to the digits (`10km`, `1.8GB`) or an athletics or
swimming distance written like millions (`the 60m hurdles`). A number counting a unit of measurement
(`5,000 barrels`) is a quantity too: see `counts.py`."""

from __future__ import annotations

from pipeline.extract.figures.lexicon import CASED_UNITS, RACE_DISTANCES, RACE_WORDS
from pipeline.extract.figures.records import Candidate, NumberSite, Outcome
from pipeline.extract.rules import Example, reads


def measure_suffix(site: NumberSite) -> Outcome | None:
    """`10km`, `1.8GB`: a unit written onto the digits (time units are durations, read before)."""
    number = site.number
    if number.suffix is None:
        return None
    unit = number.suffix if number.suffix in CASED_UNITS else number.suffix.lower()
    return site.classified(Candidate(number.start, number.end, "quantity", number.value, unit))


def race_distance(site: NumberSite) -> Outcome | None:
    """`60m hurdles`: metres, not millions, for a race distance with a race word or nothing after it."""
    doc, number, sentence = site.doc, site.number, site.sentence
    if number.scale_abbreviation != "m" or number.value / 1e6 not in RACE_DISTANCES:
        return None
    following = doc[number.end].lower_ if number.end < sentence.end else ""
    if following not in RACE_WORDS and following.isalpha():
        return None
    return site.classified(Candidate(number.start, number.end, "quantity", number.value / 1e6, "metres"))


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "measure_suffix": (
        reads(
            "The standard speed is 512kbps, though faster connections are available.",
            "512kbps",
            kind="quantity",
            value=512,
            unit="kbps",
        ),
        reads("The console plays games at 1080p and 60fps.", "1080p", kind="quantity", value=1080, unit="p"),
        reads("The console plays games at 1080p and 60fps.", "60fps", kind="quantity", value=60, unit="fps"),
        reads("The new model adds 4K output and a faster chip.", "4K", kind="quantity", value=4, unit="K"),
        reads(
            'The laptop has a 15" screen and 512GB of storage.', '15"', kind="quantity", value=15, unit="inch"
        ),
        reads(
            "The crane lifted 5,200 pounds of steel onto the deck.",
            "5,200 pounds",
            kind="quantity",
            value=5200,
            unit="pound (mass)",
        ),
    ),
    "race_distance": (
        reads(
            "The 25-year-old has already smashed the British record over 60m hurdles twice this season.",
            "over 60m",
            kind="quantity",
            value=60,
            unit="metres",
        ),
    ),
}
