"""Times of day: `8am`, `2.15pm`, `9 a.m.`, `10:30 p.m.` are a figure of kind `time` whose value is the
hour on a 24-hour clock, minutes as its fraction (`2.15pm` is 14.25), `unit` `time`."""

from __future__ import annotations

import re

from pipeline.extract.figures.lexicon import CLOCK_MARKS
from pipeline.extract.figures.records import Candidate, NumberSite, Outcome
from pipeline.extract.rules import Example, reads

_CLOCK = re.compile(r"^(?P<hour>\d{1,2})(?:[.:](?P<minute>\d\d))?$")


def time_of_day(site: NumberSite) -> Outcome | None:
    """A clock time: digits with `am` or `pm` glued on or after them."""
    doc, number, sentence = site.doc, site.number, site.sentence
    mark, end = number.suffix, number.end
    if mark is None and end < sentence.end and doc[end].lower_ in CLOCK_MARKS:
        mark, end = doc[end].lower_, end + 1
    if mark is None or CLOCK_MARKS.get(mark.lower()) is None or number.currency or number.percent:
        return None
    digits = _CLOCK.match(doc[number.start].text.lower().removesuffix(mark.lower().rstrip(".")))
    if digits is None:
        return None
    hour, minute = int(digits["hour"]), int(digits["minute"] or 0)
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour = hour % 12 + (12 if CLOCK_MARKS[mark.lower()] == "pm" else 0)
    return site.classified(Candidate(number.start, end, "time", hour + minute / 60, "time"))


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "time_of_day": (
        reads(
            "Bob Dylan will play the stage at 8pm on Saturday, the festival said.",
            "8pm",
            kind="time",
            value=20,
            unit="time",
        ),
        reads(
            "The first flight left at 9 a.m., two hours late, the airline said.",
            "9 a.m.",
            kind="time",
            value=9,
        ),
        reads("The polls close at 2.15pm in the capital.", "2.15pm", kind="time", value=14.25),
    ),
}
