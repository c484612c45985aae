"""Ordinals, kept only where they carry data: a period or a ranking (`third quarter`, `second round`,
`third-largest`, `finished second`, `117th captain`), a chart or ranking position (`at number two`, `world
number 46`, `seeded three`) and a cut-off (`top 10`). Discourse ordinals (`the first time`) are refused.
`unit` is the ranked noun, `position` for places in a ranking and `positions` for a cut-off."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.figures.lexicon import (
    HYPHENS,
    MAX_CHART_POSITION,
    NUMBER_NOUN_WINDOW,
    ORDINAL_DATA_NOUNS,
    ORDINAL_WORDS,
    PLACING_VERBS,
    POSITION_NOUNS,
    POSITION_PREPOSITIONS,
    RANK_WORDS,
    RUN_WORDS,
    SEEDING_WORDS,
)
from pipeline.extract.figures.nouns import is_name_noun, noun_chain_end, noun_of
from pipeline.extract.figures.numbers import read_number
from pipeline.extract.figures.records import Candidate, NumberSite, Outcome, Site, through_end
from pipeline.extract.rules import Example, leaves, reads, refuses


def ordinal_word(site: Site) -> Outcome | None:
    """`third quarter`, `finished second`; any other ordinal word is refused (`the first time`)."""
    value = ORDINAL_WORDS.get(site.token.lower_)
    if value is None:
        return None
    return _ordinal(site.doc, site.i, site.i + 1, float(value), site.sentence), site.i + 1


def ordinal_digits(site: NumberSite) -> Outcome | None:
    """`117th captain`, `19th consecutive expansion`: written in digits an ordinal is data whatever it
    ranks (nobody writes `1st time`), but not inside a name (`20th Century Fox`)."""
    number = site.number
    if not number.ordinal:
        return None
    ordinal = _ordinal(site.doc, site.i, number.end, float(number.value), site.sentence, in_digits=True)
    return ordinal, number.end


def chart_position(site: Site) -> Outcome | None:
    """`went straight in at number two`, `World number 46`, `the number one spot`."""
    return through_end(_chart_position(site.doc, site.i, site.sentence))


def seeding(site: NumberSite) -> Outcome | None:
    """`Henman, seeded three`: a bare number after a seeding word is a place in a ranking."""
    doc, number = site.doc, site.number
    start = number.start
    if start > site.sentence.start and noun_of(site) is None and doc[start - 1].lower_ in SEEDING_WORDS:
        return site.classified(Candidate(start, number.end, "ordinal", number.value, "position"))
    return None


def rank_cutoff(site: NumberSite) -> Outcome | None:
    """`a UK top 10 hit`, `the last 16`: a cut-off in a ranking, not ten hits."""
    doc, number = site.doc, site.number
    start = number.start
    if start <= site.sentence.start:
        return None
    before = doc[start - 1].lower_
    if before in RANK_WORDS or (before == "last" and noun_of(site) is None):
        return site.classified(Candidate(start, number.end, "ordinal", number.value, "positions"))
    return None


def _chart_position(doc: Doc, i: int, sentence: Span) -> Candidate | None:
    """`went straight in at number two`, `slipped to number four`: a place in a chart or ranking."""
    if i < sentence.start + 2 or doc[i - 1].lower_ != "number":
        return None
    number = read_number(doc, i, sentence.end)
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
    return Candidate(i - 1, number.end, "ordinal", number.value, "position")


def _ordinal(
    doc: Doc, i: int, end: int, value: float, sentence: Span, in_digits: bool = False
) -> Candidate | None:
    """An ordinal that carries data: `third quarter`, `second round`, `third-largest`, `finished second`.
    Written in digits (`117th captain`) an ordinal is data whatever it ranks: nobody writes `1st time`."""
    token = doc[end - 1]
    k = end
    if k + 1 < sentence.end and doc[k].text in HYPHENS:
        k += 1
        if doc[k].lower_ in ORDINAL_DATA_NOUNS or doc[k].tag_ == "JJS":
            return Candidate(i, k + 1, "ordinal", value, ranked_unit(doc[k].lower_))
        return None
    head = token.head
    if token.dep_ in ("amod", "nummod", "compound") and end <= head.i < end + NUMBER_NOUN_WINDOW:
        chain_end = noun_chain_end(doc, head, min(end + NUMBER_NOUN_WINDOW, sentence.end))
        if is_name_noun(chain_end) and chain_end.lemma_.lower() not in ORDINAL_DATA_NOUNS:
            return None  # `20th Century Fox`
        # `first autumn Test` ranks the Test, `second set tie-break` the set.
        head = next(
            (t for t in doc[end : chain_end.i + 1] if t.lemma_.lower() in ORDINAL_DATA_NOUNS), chain_end
        )
        if any(t.like_num for t in doc[end : head.i]):
            return None  # `the first six months` counts months, it does not rank them
        lemma = head.lemma_.lower()
        if (
            (in_digits and not is_name_noun(head))
            or lemma in ORDINAL_DATA_NOUNS
            or any(t.lower_ in RUN_WORDS for t in doc[end : head.i])
        ):
            return Candidate(i, head.i + 1, "ordinal", value, ranked_unit(lemma))
        return None
    if token.dep_ in ("advmod", "oprd", "acomp", "npadvmod") and head.lemma_.lower() in PLACING_VERBS:
        return Candidate(i, end, "ordinal", value, "position")
    return None


def ranked_unit(lemma: str) -> str:
    """`second place`, `third position` and `top spot` are one thing to an analyst: a position."""
    return "position" if lemma in POSITION_NOUNS else lemma


TENNIS = "World number 46 Rusedski broke in the ninth game. Henman, seeded three, now faces Andreev in the last 16."

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "chart_position": (
        reads(
            "It held off a strong challenge from the new Keanu Reeves sci-fi thriller Constantine which opened at number two with $30.5m.",
            "number two",
            kind="ordinal",
            value=2,
            unit="position",
        ),
        reads("The thriller shot straight to the number one spot.", "number one", value=1, unit="position"),
        reads(
            TENNIS,
            "number 46",
            kind="ordinal",
            value=46,
            unit="position",
        ),
        leaves("The number one priority is jobs.", "number one"),
    ),
    "ordinal_word": (
        reads(
            "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn.",
            "fourth quarter",
            kind="ordinal",
            value=4,
            unit="quarter",
        ),
        reads(
            TENNIS,
            "ninth game",
            kind="ordinal",
            value=9,
            unit="game",
        ),
        reads("The film took $20m in its second weekend of release.", "second weekend", unit="weekend"),
        refuses(
            "A meeting between Putin and Zelenskyy would not be the first time the leaders had spoken directly.",
            "first",
        ),
    ),
    "ordinal_digits": (
        reads(
            "He becomes the 117th captain of England since Fred Stokes held the position in 1871.",
            "117th captain",
            kind="ordinal",
            value=117,
            unit="captain",
        ),
        reads(
            "The result for December was slightly better than analysts' expectations and the 19th consecutive expansion.",
            "19th consecutive expansion",
            kind="ordinal",
            value=19,
            unit="expansion",
        ),
        refuses("Shot by 20th Century Fox.", "20th"),
    ),
    "seeding": (
        reads(
            TENNIS,
            "three",
            kind="ordinal",
            value=3,
            unit="position",
        ),
    ),
    "rank_cutoff": (
        reads("Their debut was a UK top 10 hit.", "10", kind="ordinal", value=10, unit="positions"),
        reads(
            TENNIS,
            "16",
            kind="ordinal",
            value=16,
            unit="positions",
        ),
    ),
}
