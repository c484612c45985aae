"""Quotes without a cue of their own, by the news conventions: a quote split by its attribution, or
continued in the next paragraph, is the same speaker's (`“We will,” Merkel said, “do everything …”`); a
cue-less quote paragraph continues the speaker of the nearest attribution before it (`floating`)."""

from __future__ import annotations

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.lexicon import (
    MAX_CONTINUATION_PARAGRAPHS,
    MAX_FLOATING_DISTANCE,
    MIN_CONTINUATION_WORDS,
)
from pipeline.extract.quotes.records import Attribution, QuotedString
from pipeline.extract.quotes.site import QuoteSite
from pipeline.extract.rules import Example, reads


def continues_previous(site: QuoteSite) -> Attribution | None:
    """The attribution a cue-less quote continues: the previous quote's, when it had a speaker and this one
    follows it in the same paragraph after a comma, or opens the next one."""
    return _inherit(site.art, site.previous, site.quoted, site.kind, site.text)  # type: ignore[arg-type]


def _inherit(
    art: QuoteArticle, previous: Attribution | None, quoted: QuotedString, kind: str, text: str
) -> Attribution | None:
    """A cue-less quote continues the previous one: split by its attribution, or the next paragraph."""
    if previous is None or (previous.subject is None and previous.inherit_from is None):
        return None
    if kind != "direct" and not art.text[quoted.block.start_char : quoted.open_char].rstrip().endswith(","):
        return None
    previous_block = art.block_at(previous.start_char)
    if (
        previous_block is None
        or quoted.block.block_no - previous_block.block_no > MAX_CONTINUATION_PARAGRAPHS
    ):
        return None
    if len(text.split()) < MIN_CONTINUATION_WORDS:
        return None
    return previous.inherit_from or previous


def attach_floating(art: QuoteArticle, attributions: list[Attribution]) -> list[Attribution]:
    """Cue-less quote paragraphs continue the speaker of the nearest attribution before them."""
    ordered = sorted(attributions, key=lambda a: a.start_char)
    last: Attribution | None = None
    for attribution in ordered:
        if attribution.floating and last is not None:
            here, there = art.block_at(attribution.start_char), art.block_at(last.start_char)
            if (
                here is not None
                and there is not None
                and here.block_no - there.block_no <= MAX_FLOATING_DISTANCE
            ):
                attribution.inherit_from = last.inherit_from or last
                attribution.cue_text = None
        if attribution.subject is not None or attribution.inherit_from is not None:
            last = attribution
    return ordered


def floating(site: QuoteSite) -> bool | None:
    """A direct quote no cue, source or quote before it attributes: a quote paragraph, whose speaker is the
    nearest attribution before it within MAX_FLOATING_DISTANCE paragraphs (`attach_floating`)."""
    return True if site.kind == "direct" else None


def unattributed(site: QuoteSite) -> bool | None:
    """A partial quote nothing attributes is kept, without a speaker."""
    return True if site.kind == "partial" else None


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "continues_previous": (
        reads(
            "Donald Trump spoke in Iowa on Monday.\n\n“We have to do something and it’s the only way you stop it.”\n\n“We have to be a lot tougher. We are playing with a different set of rules.”",
            "We have to be a lot tougher. We are playing with a different set of rules.",
            kind="direct",
            speaker="Donald Trump",
        ),
    ),
    "floating": (
        reads(
            "“We will win,” Trump said on Monday.\n\nThe crowd cheered as he left the stage.\n\n“Nobody can stop us now.”",
            "Nobody can stop us now.",
            kind="direct",
            speaker="Trump",
        ),
    ),
    "unattributed": (
        reads(
            "The ad targets a “corrupt political system that keeps in place a rigged economy where Wall Street buys off elections.”",
            "corrupt political system that keeps in place a rigged economy where Wall Street buys off elections.",
            kind="partial",
            speaker=None,
        ),
    ),
}
