"""Layout rules: who speaks a quote that no words of its sentence attribute, from how the article is laid
out. A dash signature after it (`“…” — Maria Lopez, 34, Phoenix`), a short paragraph that only names a
person above it (vox pops, interviews), a transcript label (`CLINTON: …`), or a paragraph ending with a
colon that introduces it (`President Clinton released the following statement:`)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.extract.quotes.article import QuoteArticle, is_speech_verb
from pipeline.extract.quotes.lexicon import (
    CLOSING_QUOTES,
    MAX_NAME_HEADER_WORDS,
    MAX_SIGNATURE_TOKENS,
    SIGNATURE_DASHES,
    SPEECH_NOUNS,
)
from pipeline.extract.quotes.records import QuotedString
from pipeline.extract.quotes.site import Choice, QuoteSite, cue_choice, source_choice
from pipeline.extract.rules import Example, reads

#: A transcript label: a name in capitals, then a colon (`CLINTON: I feel …`).
_SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’ -]{1,30}):\s")


def signature(site: QuoteSite) -> Choice | None:
    """A dash signature after the quote, on its line or as the next short paragraph."""
    return source_choice(_signature(site.art, site.quoted))


def name_header(site: QuoteSite) -> Choice | None:
    """A paragraph above the quote paragraph that only names a person."""
    return source_choice(_name_header(site.art, site.quoted))


def speaker_label(site: QuoteSite) -> Choice | None:
    """For a direct quote, a transcript label opening it."""
    if site.kind != "direct":
        return None
    return source_choice(_speaker_label(site.art, site.quoted))


def colon_introduction(site: QuoteSite) -> Choice | None:
    """For a direct quote paragraph, the speech word of the paragraph before it when it ends with a colon."""
    if site.kind != "direct":
        return None
    return cue_choice(_colon_introduction(site.art, site.quoted))


def _signature(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """A dash signature after a quote names its speaker (`“…” — Maria Lopez, 34, Phoenix`), on the same
    line or as the next short paragraph: the pull-quote and vox-pop convention."""
    doc = art.doc
    i = art.token_at(quoted.close_char) + 1
    while i < len(doc) and (
        doc[i].is_space or doc[i].text in CLOSING_QUOTES or doc[i].text in ('"', "''", ".")
    ):
        i += 1
    if i >= len(doc) or not doc[i].text.startswith(SIGNATURE_DASHES):
        return None
    line_end = doc[i].sent.end
    for token in doc[i + 1 : min(line_end, i + 1 + MAX_SIGNATURE_TOKENS)]:
        mention = art.mention_covering(token)
        if token.pos_ == "PROPN" and (mention is None or mention.type in ("PERSON", "ORG")):
            return token
    return None


def _name_header(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """Vox pops and interviews: a paragraph that only names a person, followed by their quote."""
    if art.text[quoted.block.start_char : quoted.open_char].strip():
        return None
    previous = art.previous_block(quoted.block)
    if previous is None or len(previous.text.split()) > MAX_NAME_HEADER_WORDS:
        return None
    tokens = [
        t
        for t in art.doc[art.token_at(previous.start_char) : art.token_at(previous.end_char - 1) + 1]
        if not (t.is_punct or t.like_num)  # list numbering and bullets (`3. Maria Lopez, 34`)
    ]
    if not tokens or tokens[0].pos_ != "PROPN" or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    mention = art.mention_covering(tokens[0])
    return tokens[0] if mention is None or mention.type in ("PERSON", "ORG") else None


def _speaker_label(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """Transcript lines (`“CLINTON: I feel …`): the label names the speaker."""
    start = quoted.segments[0][0]
    if not _SPEAKER_LABEL.match(art.text, start):
        return None
    token = art.doc[art.token_at(start)]
    return token if token.pos_ in ("PROPN", "NOUN") else None


def _colon_introduction(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """A quote paragraph introduced by the paragraph before it ending with a colon
    (`President Clinton released the following statement:`)."""
    if art.text[quoted.block.start_char : quoted.open_char].strip():
        return None
    previous = art.previous_block(quoted.block)
    if previous is None or not previous.text.rstrip().endswith(":"):
        return None
    doc = art.doc
    last = art.token_at(previous.end_char - 1)
    for token in reversed(doc[doc[last].sent.start : last + 1]):
        lemma = token.lemma_.lower()
        if is_speech_verb(token) or (token.pos_ == "NOUN" and lemma in SPEECH_NOUNS):
            return token
    return None


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "signature": (
        reads(
            "3. Maria Lopez, 34, Phoenix\n\n“I want my kids to grow up knowing their vote counts as much as anybody else’s.”\n\n“We are tired of being talked about instead of talked to.” — Jorge Ramirez, 52, Houston",
            "We are tired of being talked about instead of talked to.",
            speaker="Jorge Ramirez",
        ),
    ),
    "name_header": (
        reads(
            "3. Maria Lopez, 34, Phoenix\n\n“I want my kids to grow up knowing their vote counts as much as anybody else’s.”",
            "I want my kids to grow up knowing their vote counts as much as anybody else’s.",
            speaker="Maria Lopez",
        ),
    ),
    "speaker_label": (
        reads(
            'Ramos questioned Hillary Clinton at the debate. Partial transcript as follows:\n\n"CLINTON: I feel a great deal of sympathy for the families of the four brave Americans that we lost."',
            "CLINTON: I feel a great deal of sympathy for the families of the four brave Americans that we lost.",
            kind="direct",
            speaker="Hillary Clinton",
        ),
    ),
    "colon_introduction": (
        reads(
            "When Wallace died in 1998, President Clinton released the following statement:\n\n“Hillary and I offer our condolences to the family and friends of George Wallace.”",
            "Hillary and I offer our condolences to the family and friends of George Wallace.",
            kind="direct",
            cue="statement",
            speaker="Clinton",
        ),
    ),
}
