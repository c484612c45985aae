"""Fractions: a share of a counted whole given in words (`half of the staff`, `a third of voters`,
`two-thirds of MPs`, `one in 10 adult Americans`): `value` in 0..1, `unit` the whole."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extract.figures.lexicon import COUNT_POS, FRACTION_WORDS, HYPHENS, UNIT_WORDS
from pipeline.extract.figures.nouns import unit_phrase
from pipeline.extract.figures.numbers import read_number
from pipeline.extract.figures.records import Candidate, Outcome, Site, through_end
from pipeline.extract.rules import Example, reads


def fraction(site: Site) -> Outcome | None:
    """A fraction word of a whole, or `one in N`."""
    return through_end(_fraction(site.doc, site.i, site.sentence))


def _one_in(doc: Doc, i: int, sentence: Span) -> Candidate | None:
    """`one in 10 adult Americans`, `one in five US citizens`: a share, value 1/N, of what follows."""
    if doc[i].lower_ != "one" or i + 2 >= sentence.end or doc[i + 1].lower_ != "in":
        return None
    denominator = read_number(doc, i + 2, sentence.end)
    if denominator is None or denominator.currency or denominator.percent or denominator.value <= 1:
        return None
    end, head = denominator.end, None
    while end < sentence.end and doc[end].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[end].is_punct:
        if doc[end].pos_ in COUNT_POS:
            head = doc[end]
        end += 1
    unit = unit_phrase(doc, head, denominator.end) if head is not None else None
    return Candidate(
        i, head.i + 1 if head is not None else denominator.end, "fraction", 1 / denominator.value, unit
    )


def _fraction(doc: Doc, i: int, sentence: Span) -> Candidate | None:
    """`half of the staff`, `a third of voters`, `two-thirds of MPs`: a share of a counted whole."""
    one_in = _one_in(doc, i, sentence)
    if one_in is not None:
        return one_in
    j, numerator = i, 1.0
    word = doc[j].lower_
    if word in ("a", "one") and j + 1 < sentence.end:
        j += 1
    elif word in UNIT_WORDS and j + 1 < sentence.end:
        numerator = float(UNIT_WORDS[word])
        j += 2 if doc[j + 1].text in HYPHENS else 1
    fraction_word = doc[j].lower_
    if fraction_word not in FRACTION_WORDS or (fraction_word != "half" and j == i):
        return None
    if j + 1 >= sentence.end or doc[j + 1].lower_ != "of":
        return None
    whole = next((c for c in doc[j + 1].children if c.dep_ == "pobj"), None)
    countable = whole is not None and (whole.pos_ == "NOUN" or whole.tag_ == "NNPS")
    unit = unit_phrase(doc, whole, j + 2) if whole is not None and countable else None
    end = whole.i + 1 if whole is not None else j + 1
    return Candidate(i, end, "fraction", numerator * FRACTION_WORDS[fraction_word], unit, anchor=j)


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "fraction": (
        reads(
            "Despite this liking for search sites half of those questioned said they could get by without them.",
            "half of those",
            kind="fraction",
            value=0.5,
        ),
        reads(
            "One in 10 adult Americans - equivalent to 22 million people - owns an MP3 player, according to a survey.",
            "One in 10 adult Americans",
            kind="fraction",
            value=0.1,
            unit="adult americans",
        ),
    ),
}
