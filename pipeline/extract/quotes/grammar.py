"""What the quote rules read off the parse: the subject of a cue, the clause above a token, a cue as
written (`has confirmed`, `ruled out`), and token spans without edge punctuation."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.lexicon import (
    MAX_GOVERNING_HOPS,
    MAX_SUBJECT_HOPS,
    MAX_TRAILING_ATTRIBUTION_TOKENS,
    PHRASAL_CUES,
)
from pipeline.vocabulary import GROUP_PRONOUNS, PERSON_PRONOUNS


def grammatical_subject(cue: Token) -> Token | None:
    """The grammatical subject of a cue, through coordination and participles (`Speaking …, X said`)."""
    verb: Token = cue
    for _ in range(MAX_SUBJECT_HOPS):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not child.is_punct:
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ == "relcl":
            return verb.head
        # Shared subjects: `Trump doubled down … and said`, `responded by saying`, `telling the crowd`.
        if verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or verb.head.i == verb.i:
            break
        verb = verb.head
    # `said Lavrov` parsed with Lavrov as object.
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr") and child.pos_ == "PROPN":
            return child
    return governing_subject(cue)


def governing_subject(token: Token, max_steps: int = MAX_GOVERNING_HOPS) -> Token | None:
    """The subject of the nearest clause above a token (`shared the news on social media, writing “…”`)."""
    for _ in range(max_steps):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
    return None


def subject_of(art: QuoteArticle, cue: Token) -> Token | None:
    """The subject of a cue in the cue's own paragraph (the parser sometimes runs a headline into it)."""
    subject = grammatical_subject(cue)
    block = art.block_at(cue.idx)
    if subject is not None and block is not None and block.start_char <= subject.idx < block.end_char:
        return subject
    # `Zelenskyy pointed to …` parsed as part of the headline above it: take the word before the cue.
    i = cue.i - 1
    while i >= 0 and cue.doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    before = cue.doc[i] if i >= 0 else None
    in_block = before is not None and block is not None and before.idx >= block.start_char
    if in_block and before is not None and before.pos_ in ("PROPN", "NOUN", "PRON"):
        return before
    return None


def _cue_subject(art: QuoteArticle, cue: Token) -> Token | None:
    """Who speaks through a cue: a verb's subject, or a speech noun's possessor or governing verb's subject."""
    if cue.pos_ != "NOUN":
        return subject_of(art, cue)
    possessor = next((c for c in cue.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    return subject_of(art, cue.head) if cue.head.pos_ in ("VERB", "AUX") and cue.head.i != cue.i else None


def speaker_subject(art: QuoteArticle, cue: Token) -> Token | None:
    """The cue's subject, else the name beside the cue (`“…,” said Robert Reich, who …` parsed with Reich
    as the subject of the relative clause). Words inside quotes never speak them, so a subject the parser
    took from a quoted sentence (`“… Underestimation of Cruz,” Robert Shrum said`) is replaced too."""
    subject = _cue_subject(art, cue)
    if subject is None or art.quoted[subject.i]:
        return _speaker_beside_cue(art, cue)
    return subject


def _speaker_beside_cue(art: QuoteArticle, cue: Token) -> Token | None:
    """The person or organisation named next to a cue, outside quotes, when the parse gave none."""
    doc = art.doc
    for step in range(1, MAX_TRAILING_ATTRIBUTION_TOKENS):
        for i in (cue.i - step, cue.i + step):
            if (
                0 <= i < len(doc)
                and not art.quoted[i]
                and doc[i].pos_ == "PROPN"
                and names_a_speaker(art, doc[i])
            ):
                return doc[i]
    return None


def names_a_speaker(art: QuoteArticle, token: Token) -> bool:
    """A person or organisation mention, or a personal pronoun: fallbacks accept no other subject."""
    mention = art.mention_covering(token)
    if mention is not None:
        return mention.type in ("PERSON", "ORG")
    return token.lower_ in PERSON_PRONOUNS or token.lower_ in GROUP_PRONOUNS


def cue_phrase(cue: Token, with_preposition: bool = False) -> str:
    """The cue as written: contiguous auxiliaries (`has confirmed`) and the particle (`ruled out`)."""
    doc = cue.doc
    start = cue.i
    while start > 0 and doc[start - 1].dep_ in ("aux", "neg") and doc[start - 1].head.i == cue.i:
        start -= 1
    end = cue.i + 1
    for child in cue.children:
        pair = (cue.lemma_.lower(), child.lower_)
        if child.i == end and (child.dep_ == "prt" or (with_preposition and pair in PHRASAL_CUES)):
            end += 1
    return doc[start:end].text


def cue_text(cue: Token) -> str:
    return cue.text if cue.pos_ == "NOUN" else cue_phrase(cue)


def source_cue_text(art: QuoteArticle, source: Token | None) -> str | None:
    if source is None:
        return None
    before = art.doc[source.left_edge.i - 1] if source.left_edge.i > 0 else None
    return "according to" if before is not None and before.lower_ == "to" else None


def trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """Token span without edge punctuation; None if nothing is left."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text != "%") or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def subtree_span(token: Token) -> Span | None:
    return trimmed(token.doc, token.left_edge.i, token.right_edge.i + 1)
