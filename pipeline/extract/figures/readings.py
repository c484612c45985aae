"""Readings: a bare number that states the level of what its clause is about: `the index rose to 58.6` (a
quantity of `index`), `the number of films rose to 310` (a count of `films`), `the voting age is 18` and
`candidates must be 21` (ages)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extract.figures.lexicon import (
    AGE_WORDS,
    AGGREGATE_NOUNS,
    COUNT_POS,
    MAX_AGE,
    MIN_BARE_COUNT,
    PERSON_NOUNS,
    READING_HOPS,
    READING_PREPOSITIONS,
)
from pipeline.extract.figures.nouns import anchor_token, unit_phrase
from pipeline.extract.figures.records import Candidate, Number, NumberSite, Outcome
from pipeline.extract.rules import Example, reads
from pipeline.vocabulary import PEOPLE_PRONOUNS


def reading(site: NumberSite) -> Outcome | None:
    """A bare number as the level of the clause's subject, or of the noun it measures."""
    number = site.number
    found = _reading(site.doc, number, site.sentence)
    if found is None:
        return None
    kind, unit = found
    return site.classified(Candidate(number.start, number.end, kind, number.value, unit))  # type: ignore[arg-type]


def _reading(doc: Doc, number: Number, sentence: Span) -> tuple[str, str] | None:
    """A bare number that states the level of what the clause is about: `the index rose to 58.6`
    (a quantity of `index`), `the number of films rose to 310` (a count of `films`), `the voting age
    is 18` and `candidates must be 21` (ages)."""
    anchor = anchor_token(doc, number.start, number.end)
    if anchor.dep_ == "pobj" and anchor.head.lower_ in READING_PREPOSITIONS:
        governor = anchor.head.head
    elif anchor.dep_ in ("attr", "acomp", "dobj", "oprd"):
        governor = anchor.head
    else:
        return None
    if governor.pos_ == "NOUN" and governor.i < number.start:
        measured: Token | None = governor  # `a reading above 50`, `children under 18`
    else:
        measured = clause_subject(governor, number.start)
    if measured is None or not sentence.start <= measured.i < sentence.end:
        return None
    lemma = measured.lemma_.lower()
    whole = number.value.is_integer() and 0 < number.value < MAX_AGE
    age_clause = governor.lemma_ == "be" or governor.i == measured.i  # `they are 21`, `children under 18`
    if lemma in AGE_WORDS or (age_clause and whole and is_person(measured)):
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
        return "count", unit_phrase(doc, counted, of.i + 1)
    if measured.tag_ == "NNS":
        return "count", unit_phrase(doc, measured, measured.left_edge.i)
    return "quantity", lemma


def clause_subject(governor: Token, before: int) -> Token | None:
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


def is_person(token: Token) -> bool:
    return (
        token.lower_ in PEOPLE_PRONOUNS
        or token.ent_type_ == "PERSON"
        or token.lemma_.lower() in PERSON_NOUNS
        or token.lower_ in PERSON_NOUNS
    )


JAPANESE_FILMS = "The number of Japanese films released rose to 310 in 2004 from 287 the previous year."
MANUFACTURING_INDEX = (
    "Its index of national manufacturing activity rose to 58.6 last month from 57.8 in November."
)

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "reading": (
        reads(
            MANUFACTURING_INDEX,
            "57.8",
            kind="quantity",
            value=57.8,
            unit="index",
        ),
        reads(
            JAPANESE_FILMS,
            "287",
            kind="count",
            value=287,
            unit="films",
        ),
        reads(
            MANUFACTURING_INDEX,
            "58.6",
            kind="quantity",
            value=58.6,
            unit="index",
        ),
        reads(
            JAPANESE_FILMS,
            "310",
            kind="count",
            value=310,
            unit="films",
        ),
        reads(
            "Currently candidates in both local and national votes must be 21.",
            "21",
            kind="age",
            qualifier=None,
        ),
        reads(
            "Sixteen percent of parents living with children under 18 have digital players.",
            "under 18",
            kind="age",
            qualifier="under",
        ),
    ),
}
