"""Sports scores: `2-1`, `Italy 8-38 Wales`, the sets of `4-6 7-6 6-4`. A score is one figure: `value` is
the first-named side's score, `value_other` the other side's, `unit` is `score` (`value_max` is a range's
upper end everywhere, never a score's side). Two small whole numbers
joined by a hyphen are a score when the order or the words around them say so, a range otherwise."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.figures.lexicon import (
    HYPHENS,
    MAX_SCORE,
    MAX_SPORT_SCORE,
    SCORE_CONTEXT,
    SCORE_CONTEXT_WINDOW,
)
from pipeline.extract.figures.numbers import range_of
from pipeline.extract.figures.records import Candidate, Number, NumberSite, Outcome
from pipeline.extract.rules import Example, reads


def score(site: NumberSite) -> Outcome | None:
    """A hyphen-joined pair of small whole numbers read as a score."""
    ranged = range_of(site)
    if ranged is None:
        return None
    second, connector = ranged
    number = site.number
    if connector not in HYPHENS or not is_score(site.doc, number, second, site.sentence):
        return None
    candidate = Candidate(number.start, second.end, "score", number.value, "score", value_other=second.value)
    return candidate, second.end


def is_score(doc: Doc, number: Number, second: Number, sentence: Span) -> bool:
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


TENNIS_SETS = "Henman fought back to defeat British rival Greg Rusedski 4-6 7-6 (8-6) 6-4 at the Dubai Tennis Championships."

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "score": (
        reads(
            TENNIS_SETS,
            "4-6",
            kind="score",
            value=4,
            value_other=6,
        ),
        reads(
            TENNIS_SETS,
            "8-6",
            kind="score",
            value=8,
            value_other=6,
        ),
        reads(
            "Scotland were beaten 33-15 by Samoa in the plate semi-final and Ireland lost 17-5 to Tunisia in the shield final.",
            "17-5",
            kind="score",
            value=17,
            value_other=5,
            unit="score",
        ),
        reads(
            "Almunia was at fault for Rosenborg's goal in Arsenal's 5-1 Champions League win on Tuesday.",
            "5-1",
            kind="score",
            value=5,
            value_other=1,
            unit="score",
        ),
        reads("Italy 8-38 Wales", "8-38", kind="score", value=8, value_other=38),
        reads(
            "England beat Fiji 26-21 in a dramatic final in Dubai to win the first IRB Sevens event of the season.",
            "26-21",
            kind="score",
            value=26,
            value_other=21,
        ),
    ),
}
