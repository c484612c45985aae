"""What a number counts, from the parse: the noun it modifies (`32 defence chiefs`), the noun right after it
(`87 appointed members`) or after `of` (`30 of the countries`), with the noun compounds and classifying
adjectives that name the kind (`civil servants`, `mobile phone sales`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extract.figures.lexicon import (
    CLASSIFYING_ADJECTIVES,
    CLASSIFYING_ENDINGS,
    COUNT_POS,
    CURRENCY_SYMBOLS,
    DESCRIBING_ADJECTIVES,
    HYPHENS,
    NUMBER_NOUN_WINDOW,
    SCALE_WORDS,
    TIME_DEICTICS,
    TIME_UNITS,
)
from pipeline.extract.figures.records import NumberSite


def noun_of(site: NumberSite) -> Token | None:
    """The noun the site's number counts, if any (found once per site)."""
    if "noun" not in site.memo:
        number = site.number
        site.memo["noun"] = counted_noun(site.doc, number.start, number.end, site.sentence)
    return site.memo["noun"]  # type: ignore[return-value]


def anchor_token(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it: the span's link to the rest of the sentence."""
    for token in reversed(doc[start:end]):
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def noun_chain_end(doc: Doc, token: Token, limit: int) -> Token:
    """Follow `compound` heads rightwards: `defence` -> `chiefs`."""
    while token.dep_ == "compound" and token.i < token.head.i < limit and token.head.pos_ in COUNT_POS:
        token = token.head
    return token


def counted_noun(doc: Doc, start: int, end: int, sentence: Span) -> Token | None:
    """The noun a number counts: its nummod head, the noun right after it, or the noun after `of`."""
    noun = _counted_noun(doc, start, end, sentence)
    return _past_hyphen(doc, noun, sentence) if noun is not None else None


def _past_hyphen(doc: Doc, noun: Token, sentence: Span) -> Token:
    """`20 e-mail messages`: the parser takes the first part of a hyphenated word for the noun; the noun
    is where the hyphenated word leads. A noun hyphened to its number is read by the rules of its own
    (`21-year-olds`)."""
    i = noun.i
    if doc[i - 1].text in HYPHENS:
        return noun
    while (
        i + 2 < sentence.end
        and not doc[i].whitespace_
        and doc[i + 1].text in HYPHENS
        and not doc[i + 1].whitespace_
        and doc[i + 2].pos_ in COUNT_POS
    ):
        noun = noun_chain_end(doc, doc[i + 2], sentence.end)
        i = noun.i
    return noun


def _counted_noun(doc: Doc, start: int, end: int, sentence: Span) -> Token | None:
    anchor = anchor_token(doc, start, end)
    head = anchor.head
    if (
        anchor.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod")
        and end <= head.i < min(end + NUMBER_NOUN_WINDOW, sentence.end)
        and head.pos_ in COUNT_POS
    ):
        return head
    noun = _noun_after(doc, end, sentence)
    if noun is not None:
        return noun
    if end < sentence.end and doc[end].lower_ == "of":
        for child in doc[end].children:
            if child.dep_ == "pobj" and child.pos_ in COUNT_POS and child.tag_ in ("NNS", "NNPS"):
                return child
    return _noun_after(doc, _past_coordinated_number(doc, end, sentence), sentence)


def _noun_after(doc: Doc, k: int, sentence: Span) -> Token | None:
    """The noun right after a number, past adjectives and participles (`87 appointed members`)."""
    limit = min(k + NUMBER_NOUN_WINDOW, sentence.end)
    while k < limit and (doc[k].pos_ in ("ADJ", "ADV") or doc[k].tag_ == "VBN" or doc[k].text in HYPHENS):
        k += 1
    if k < sentence.end and doc[k].pos_ == "NOUN" and doc[k].tag_ != "VBG":
        if doc[k].lower_ in TIME_UNITS and doc[k - 1].lower_ in TIME_DEICTICS:
            return None  # `rose to 58.6 last month`: when, not what
        return noun_chain_end(doc, doc[k], sentence.end)
    return None


def _past_coordinated_number(doc: Doc, end: int, sentence: Span) -> int:
    """Skip `or three`, `out of 20` so `two or three cameras` and `six out of 20 women` share a noun."""
    k = end
    if k + 1 < sentence.end and doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
        k += 2
    elif k < sentence.end and doc[k].lower_ in ("or", "and", "to", ","):
        k += 1
    else:
        return end
    if k >= sentence.end or not (doc[k].like_num or doc[k].text in CURRENCY_SYMBOLS):
        return end
    while k < sentence.end and (
        doc[k].like_num or doc[k].lower_ in SCALE_WORDS or doc[k].text in CURRENCY_SYMBOLS
    ):
        k += 1
    return k


def unit_phrase(doc: Doc, noun: Token, number_end: int) -> str:
    """The counted noun with its noun compounds and classifying adjectives, lowercased (`civil servants`,
    `mobile phone sales`, `weather-related cancellations`); adjectives of size, age or judgement are dropped (`small children`)."""
    first = noun.i
    while first - 1 >= number_end:
        previous = doc[first - 1]
        noun_modifier = previous.dep_ == "compound" and previous.pos_ in COUNT_POS
        hyphenated = (
            first - 2 >= number_end and doc[first - 2].text in HYPHENS and not doc[first - 2].whitespace_
        )
        if noun_modifier or (previous.dep_ == "amod" and (hyphenated or _is_classifying(previous))):
            first -= 1
        elif previous.text in HYPHENS and not previous.whitespace_ and first - 2 >= number_end:
            first -= 2  # `e-mail messages`, `weather-related cancellations`: the hyphenated word whole
        else:
            break
    while first < noun.i and doc[first].text in HYPHENS:
        first += 1
    return doc[first : noun.i + 1].text.lower()


def _is_classifying(adjective: Token) -> bool:
    """A relational adjective sorts things into kinds (`civil`, `industrial`, `mobile`) rather than
    describing them (`small`, `new`, `more`): told apart by its derivational ending, with the common
    describing words that share those endings listed."""
    word = adjective.lower_
    return (
        adjective.tag_ == "JJ"
        and word not in DESCRIBING_ADJECTIVES
        and adjective.ent_type_ != "NORP"
        and (word.endswith(CLASSIFYING_ENDINGS) or word in CLASSIFYING_ADJECTIVES)
    )


def is_name_noun(noun: Token) -> bool:
    """`10 Downing Street`: a singular proper noun after a number is a name, not what is counted."""
    return noun.pos_ == "PROPN" and noun.tag_ != "NNPS"


def counts_plural(noun: Token | None, number: Token) -> bool:
    """`1500 people` is a count, `the 2004 election` a year: a plural counted noun decides."""
    return (
        noun is not None
        and noun.tag_ in ("NNS", "NNPS")
        and noun.lower_ not in TIME_UNITS
        and number.ent_type_ != "DATE"
    )
