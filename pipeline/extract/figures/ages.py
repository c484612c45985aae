"""Ages: `25-year-old`, `aged 32`, `Mars, 53, has`, `the voting age to 16`, and age groups written as one
word (`under-18s`). An age's unit is `years`. Ages given as the level of a clause (`the voting age is 18`,
`candidates must be 21`) are read in `readings.py`."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.figures.lexicon import (
    AGE_GROUP,
    AGE_PHRASE_WINDOW,
    AGE_WINDOW,
    AGE_WORDS,
    HYPHENS,
    MAX_AGE,
)
from pipeline.extract.figures.records import Candidate, Number, NumberSite, Outcome, Site
from pipeline.extract.rules import Example, reads


def age_group(site: Site) -> Outcome | None:
    """`under-18s`, `over-65s`: the people below or above an age, written as one word."""
    candidate = _age_group(site.doc, site.i)
    return (candidate, site.i + 1) if candidate is not None else None


def age_phrase(site: NumberSite) -> Outcome | None:
    """`25-year-old`, `aged 32`."""
    candidate = _age(site.doc, site.number, site.sentence)
    return site.classified(candidate) if candidate is not None else None


def age_apposition(site: NumberSite) -> Outcome | None:
    """`Mars, 53, has ...`, `Smith (53)`: a bare whole number set off right after a person's name."""
    if not _is_age_apposition(site.doc, site.number, site.sentence):
        return None
    return site.classified(_years_old(site.number))


def after_age_word(site: NumberSite) -> Outcome | None:
    """`the voting age to 16`, `the age of 24`: a bare number just after an age word."""
    if not _after_age_word(site.doc, site.number.start, site.sentence):
        return None
    return site.classified(_years_old(site.number))


def _years_old(number: Number) -> Candidate:
    return Candidate(number.start, number.end, "age", number.value, "years")


def _age_group(doc: Doc, i: int) -> Candidate | None:
    """`under-18s`, `over-65s`: the people below or above an age, written as one word."""
    match = AGE_GROUP.match(doc[i].text)
    if match is None:
        return None
    qualifier = match["side"].lower()
    return Candidate(i, i + 1, "age", float(match["age"]), "years", qualifier=qualifier)


def _age(doc: Doc, number: Number, sentence: Span) -> Candidate | None:
    """`25-year-old`, `aged 32`."""
    end = number.end
    words = [t.lower_ for t in doc[end : min(end + AGE_PHRASE_WINDOW, sentence.end)]]
    offset = 1 if words and words[0] in HYPHENS else 0  # `25-year-old`, `eleven year-old`
    if words[offset : offset + 3][:1] in (["year"], ["years"]) and words[offset + 1 : offset + 3] in (
        ["-", "old"],
        ["–", "old"],
    ):
        return Candidate(number.start, end + offset + 3, "age", number.value, "years")
    if number.start > sentence.start and doc[number.start - 1].lower_ == "aged":
        return Candidate(number.start, end, "age", number.value, "years")
    return None


def _is_age_apposition(doc: Doc, number: Number, sentence: Span) -> bool:
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


def _after_age_word(doc: Doc, start: int, sentence: Span) -> bool:
    """`the voting age to 16`, `the age of 24`, `aged 21`: a bare number right after an age word."""
    window = doc[max(sentence.start, start - AGE_WINDOW) : start]
    return any(t.lower_ in AGE_WORDS for t in window)


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "age_group": (
        reads(
            "It is likely that millions of under-18s also have MP3 players.",
            "under-18s",
            kind="age",
            value=18,
            unit="years",
            qualifier="under",
        ),
    ),
    "age_phrase": (
        reads(
            "The 25-year-old has already smashed the British record over 60m hurdles twice this season.",
            "25-year-old",
            kind="age",
            value=25,
            unit="years",
        ),
        reads("The company is seeking people aged 18 to 99.", "18 to 99", kind="age", value=18, value_max=99),
    ),
    "age_apposition": (
        reads("Lord Scarman, 93, dies peacefully", "93", kind="age", value=93, unit="years"),
        reads(
            "Mr Sullivan, 42, has already pleaded guilty to fraud and will be sentenced following Mr Ebbers' trial.",
            "42",
            kind="age",
            value=42,
        ),
    ),
    "after_age_word": (
        reads(
            "The announcement from Mr Leslie - who was elected in 1997 in a formerly safe Tory seat - prompted calls for a lowering of the voting age to 16.",
            "16",
            kind="age",
            value=16,
            unit="years",
        ),
        reads("The voting age is 18.", "18", kind="age", unit="years"),
    ),
}
