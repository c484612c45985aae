"""Changes: `rose 2% to $11.1bn from $10.9bn` gives three figures with `role` `change`, `new` and `old`
and one shared `group` number, one group per change word in text order. A figure's role is read from the
word before it (`to`, `from`, `by`), else from the parse."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from pipeline.extract.figures.lexicon import (
    CHANGE_LEMMAS,
    CHANGE_PARTICLES,
    CHANGE_PREPOSITIONS,
    CHANGE_WINDOW,
    CHANGING_KINDS,
    LEXICAL_CHANGE_PREPOSITIONS,
)
from pipeline.extract.figures.nouns import anchor_token
from pipeline.extract.figures.records import Candidate
from pipeline.extract.rules import Example, reads

#: A change link: the role a figure plays in a change and the token of the change word it hangs from.
ChangeLink = tuple[str, int]


def link_changes(
    doc: Doc,
    candidates: Sequence[Candidate],
    linkers: Sequence[Callable[[Doc, Candidate], ChangeLink | None]],
) -> dict[int, tuple[str, int, int]]:
    """Each figure of a change (by position in `candidates`) with its role, its group number (one per
    change word, in text order) and which of the `linkers`, tried in order, linked it."""
    links: dict[int, tuple[str, int, int]] = {}
    groups: dict[int, int] = {}
    for n, candidate in enumerate(candidates):
        if candidate.kind not in CHANGING_KINDS:
            continue
        for number, linker in enumerate(linkers):
            link = linker(doc, candidate)
            if link is not None:
                role, governor = link
                links[n] = (role, groups.setdefault(governor, len(groups) + 1), number)
                break
    return links


def _is_change_word(token: Token) -> bool:
    return token.lemma_.lower() in CHANGE_LEMMAS or token.lower_ in CHANGE_PARTICLES


def syntactic_change_link(doc: Doc, candidate: Candidate) -> ChangeLink | None:
    """`sales rose 2%`, `a rise of 5%`: the figure hangs from a change word in the parse."""
    anchor = (
        doc[candidate.anchor]
        if candidate.anchor is not None
        else anchor_token(doc, candidate.start, candidate.end)
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


def lexical_change_link(doc: Doc, candidate: Candidate) -> ChangeLink | None:
    """`raised from £2.50 to £4`: the parser often reads such pairs as one quantity, so look leftwards."""
    before = candidate.start - 1
    if before < 0 or doc[before].lower_ not in LEXICAL_CHANGE_PREPOSITIONS:
        return None
    sentence_start = doc[before].sent.start
    for k in range(before - 1, max(before - CHANGE_WINDOW, sentence_start) - 1, -1):
        token = doc[k]
        if _is_change_word(token):
            return CHANGE_PREPOSITIONS[doc[before].lower_], k
        if token.text in (";", ":") or (token.pos_ == "VERB" and k < before - 1):
            return None
    return None


CHINA_RATES = (
    "China raised rates by 0.27 percentage points to 5.8% - its first hike in nine years - in October 2004."
)
SURCHARGE = "The short-haul surcharge was raised from £2.50 to £4 a leg."
TIMEWARNER_SALES = "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn."

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "lexical_change_link": (
        reads(
            CHINA_RATES,
            "0.27 percentage points",
            role="change",
        ),
        reads(SURCHARGE, "£2.50", role="old"),
        reads(SURCHARGE, "£4", role="new"),
        reads(
            TIMEWARNER_SALES,
            "$11.1bn",
            role="new",
            value=1.11e10,
        ),
        reads(
            TIMEWARNER_SALES,
            "$10.9bn",
            role="old",
            value=1.09e10,
        ),
        reads(
            CHINA_RATES,
            "5.8%",
            role="new",
        ),
    ),
    "syntactic_change_link": (reads(TIMEWARNER_SALES, "2%", role="change"),),
}
