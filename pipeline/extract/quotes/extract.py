"""The quote extractor: the passes of `rules.py` over one parsed article, each linear in the article."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.article.blocks import Block
from pipeline.extract.entities import Mention
from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.attribution import attribute
from pipeline.extract.quotes.continuation import attach_floating
from pipeline.extract.quotes.indirect import indirect_attributions
from pipeline.extract.quotes.marks import pair_quote_marks
from pipeline.extract.quotes.records import Attribution, Quote, QuotedString, QuoteExtraction, RefusedQuote
from pipeline.extract.quotes.rules import INDIRECT_RULES, SPEAKER_RULES
from pipeline.extract.quotes.speakers import resolve_speakers


def extract_quotes(doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention]) -> QuoteExtraction:
    """Direct, partial and indirect quotes with resolved speakers; anomalies instead of exceptions."""
    art = QuoteArticle(doc, blocks, mentions)
    quoted, anomalies = pair_quote_marks(art.text, blocks)
    attributions, refused = _quote_attributions(art, quoted)
    quote_cues = {a.cue.i for a in attributions if a.cue is not None}
    attributions.extend(indirect_attributions(art, quote_cues, INDIRECT_RULES))
    attributions = attach_floating(art, attributions)
    resolve_speakers(art, attributions, SPEAKER_RULES)
    attributions.sort(key=lambda a: a.start_char)
    # Two cues can report the same words (`he said, adding that …` read from two verbs): one quote per span.
    seen: set[tuple[int, int, str]] = set()
    attributions = [
        a
        for a in attributions
        if (a.start_char, a.end_char, a.kind) not in seen and not seen.add((a.start_char, a.end_char, a.kind))
    ]
    references = sorted(art.references.values(), key=lambda m: m.start_char)
    return QuoteExtraction([_quote(a) for a in attributions], anomalies, refused, art.decisions, references)


def _quote_attributions(
    art: QuoteArticle, quotes: list[QuotedString]
) -> tuple[list[Attribution], list[RefusedQuote]]:
    """Attribute every quoted string in order, each knowing the attribution before it."""
    for quoted in quotes:
        for i in art.tokens_between(quoted.open_char, quoted.close_char + 1):
            art.quoted[i] = 1
    found: list[Attribution] = []
    refused: list[RefusedQuote] = []
    previous: Attribution | None = None
    for quoted in quotes:
        attribution = attribute(art, quoted, previous)
        if isinstance(attribution, RefusedQuote):
            refused.append(attribution)
            continue
        found.append(attribution)
        previous = attribution
        for i in art.tokens_between(quoted.open_char, quoted.close_char + 1):
            art.speech[i] = 1
    return found, refused


def _quote(a: Attribution) -> Quote:
    speaker = a.resolved
    cue = a.cue if a.cue is not None else a.inherit_from.cue if a.inherit_from is not None else None
    return Quote(
        start_char=a.start_char,
        end_char=a.end_char,
        text=a.text,
        kind=a.kind,
        cue=a.cue_text,
        speaker_surface=speaker.surface,
        speaker=speaker.name,
        speaker_mention_start=speaker.mention.start_char if speaker.mention is not None else None,
        speaker_role=speaker.role,
        block_kind=a.block_kind,
        rule=a.rule,
        speaker_rule=speaker.rule,
        cue_start=cue.idx if cue is not None else None,
    )
