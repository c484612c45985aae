"""Source rules: the speaker of a quoted string named without a reporting word: `according to` a source
after or before the quote, a name before the colon that opens it (`… Daron Shaw: “…”`), or, for a partial
quote, the sentence's own subject (`Paul Ryan worried that the safety net was becoming “…”`).

Each rule returns a `Choice` with the source or declines; `rules.py` orders them.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.grammar import grammatical_subject, names_a_speaker
from pipeline.extract.quotes.lexicon import ACCORDING_TO, ACCORDING_TO_WINDOW, SPEECH_NOUNS
from pipeline.extract.quotes.records import QuotedString
from pipeline.extract.quotes.site import Choice, QuoteSite, source_choice
from pipeline.extract.rules import Example, reads


def according_to_after(site: QuoteSite) -> Choice | None:
    """`“…,” according to a senior official`: a source without a verb."""
    return source_choice(_according_to_after(site.art, site.quoted))


def according_to_before(site: QuoteSite) -> Choice | None:
    """`According to the newspaper, “…”`."""
    return source_choice(_according_to_before(site.art, site.quoted))


def name_before_colon(site: QuoteSite) -> Choice | None:
    """`… - Philip Bump: “…”`: a name right before the colon that introduces the quote."""
    return source_choice(_name_before_colon(site.art, site.quoted, site.preceding))


def main_clause_subject(site: QuoteSite) -> Choice | None:
    """For a partial quote, the sentence's own subject when it names a speaker."""
    if site.kind != "partial":
        return None
    return source_choice(_main_clause_subject(site.art, site.ranges, site.own))


def _according_to_after(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """`“…,” according to a senior official` attributes without a verb: returns the source token."""
    doc = art.doc
    i = art.token_at(quoted.close_char) + 1
    for _ in range(ACCORDING_TO_WINDOW):
        if i + 1 >= len(doc):
            return None
        if (doc[i].lower_, doc[i + 1].lower_) == ACCORDING_TO:
            return next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
        i += 1
    return None


def _according_to_before(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """`According to the newspaper, “…”`: the source named before the quote in the same sentence."""
    doc = art.doc
    first = art.token_at(quoted.open_char)
    sentence = doc[first].sent
    for i in range(sentence.start, max(sentence.start, first - 1)):
        if (doc[i].lower_, doc[i + 1].lower_) == ACCORDING_TO:
            return next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
    return None


def _name_before_colon(art: QuoteArticle, quoted: QuotedString, preceding: str) -> Token | None:
    """`… - Philip Bump: “…”`: a name right before the colon that introduces the quote."""
    if not preceding.endswith(":"):
        return None
    i = art.token_at(quoted.open_char) - 1
    doc = art.doc
    while i >= 0 and (doc[i].is_space or doc[i].text == ":"):
        i -= 1
    if i < 0 or art.quoted[i] or doc[i].pos_ != "PROPN":
        return None
    return doc[i] if names_a_speaker(art, doc[i]) else None


def _main_clause_subject(art: QuoteArticle, ranges: list[range], own: set[int]) -> Token | None:
    """`Paul Ryan worried that the safety net was becoming “…”`: the sentence's own subject."""
    if not ranges or not ranges[0]:
        return None
    root = art.doc[ranges[0].start].sent.root
    if root.i in own:
        return None
    subject = grammatical_subject(root)
    if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in SPEECH_NOUNS:
        subject = next((c for c in subject.children if c.dep_ == "poss"), None)
    if subject is None or subject.i in own or not names_a_speaker(art, subject):
        return None
    return subject


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "according_to_after": (
        reads(
            "“The strikes hit six regions overnight,” according to a senior official in Kyiv.",
            "The strikes hit six regions overnight,",
            cue="according to",
            speaker="a senior official",
            speaker_surface="a senior official",
        ),
    ),
    "according_to_before": (
        reads(
            "According to the newspaper, “America’s porous gun laws empower dealers to sell weapons to essentially any adult who passes a background check.”",
            "America’s porous gun laws empower dealers to sell weapons to essentially any adult who passes a background check.",
            cue="according to",
            speaker="the newspaper",
        ),
    ),
    "name_before_colon": (
        reads(
            "The timing of Sanders’ surge doesn’t surprise Republican pollster Daron Shaw: “Historically, lesser-known candidates beating establishment candidates in early contests have seen the biggest boost in their national support.”",
            "Historically, lesser-known candidates beating establishment candidates in early contests have seen the biggest boost in their national support.",
            kind="direct",
            cue=None,
            speaker="Daron Shaw",
            speaker_role="Republican pollster",
        ),
    ),
    "main_clause_subject": (
        reads(
            "Dr. Muhammad Babar pondered who, without Ali, might “testify for our innocence in this season of witch hunting.”",
            "testify for our innocence in this season of witch hunting.",
            kind="partial",
            speaker="Muhammad Babar",
        ),
    ),
}
