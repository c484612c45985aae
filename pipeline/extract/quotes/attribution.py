"""Pass 2: each quoted string to an attribution, or refused as not speech, by the rule tables of
`rules.py`, phase by phase (the phases are explained there). Candidates come from the rules; this module
only decides between them, in table order, so that a scorer can later replace the order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.grammar import cue_text, source_cue_text
from pipeline.extract.quotes.records import Attribution, QuotedString, RefusedQuote
from pipeline.extract.quotes.rules import (
    CONTINUATION_RULES,
    FALLBACK_RULES,
    LAYOUT_RULES,
    NOT_SPEECH_RULES,
    SENTENCE_CUE_RULES,
    VERB_CUE_RULES,
)
from pipeline.extract.quotes.site import Choice, QuoteSite
from pipeline.extract.quotes.source_choice import choose_source
from pipeline.extract.quotes.speech import quote_kind
from pipeline.extract.rules import Rule, first_decision

T = TypeVar("T")


def attribute(
    art: QuoteArticle, quoted: QuotedString, previous: Attribution | None
) -> Attribution | RefusedQuote:
    """The attribution of one quoted string, or its refusal (a name, a title, a term, a fragment).

    Every candidate is found first (a cue in the sentence, a source from the layout, the quote it
    continues); then NOT_SPEECH_RULES decide, knowing them, whether the string is speech at all."""
    site = QuoteSite(art, quoted, previous)
    site.choice = _first(VERB_CUE_RULES, site)
    cue = site.cue
    # Direct when the quote is a whole utterance, partial when it sits inside the reporter's sentence.
    cue_before = cue is not None and cue.idx < quoted.open_char
    site.kind = "direct" if len(quoted.segments) > 1 else quote_kind(site.preceding, site.text, cue_before)
    site.choice = site.choice or _first(SENTENCE_CUE_RULES, site)
    layout = _first(LAYOUT_RULES, site) if site.choice is None else None
    continued = _first(CONTINUATION_RULES, site) if site.choice is None and layout is None else None
    site.found_by = next(
        (found[0] for found in (site.choice, layout, continued) if found is not None), "none"
    )
    refusal = _first(NOT_SPEECH_RULES, site)
    if refusal is not None:
        return _refused(site, refusal[0])
    attribution = _attribution(site)
    if site.choice is not None:
        return attribution
    if layout is not None:
        rule, choice = site.choice = layout
        attribution.rule = rule
        if choice.cue is not None:
            attribution.cue, attribution.cue_text = choice.cue, cue_text(choice.cue)
            attribution.subject = choose_source(art, choice.cue)
        else:
            attribution.subject = choice.source
        return attribution
    if continued is not None:
        attribution.rule, attribution.inherit_from = continued
        # `“We will,” Merkel said, “do …”`: a part after a comma takes the kind of the part it continues.
        attribution.kind = attribution.inherit_from.kind if site.preceding.endswith(",") else site.kind
        return attribution
    fallback = _first(FALLBACK_RULES, site)
    attribution.rule = fallback[0] if fallback is not None else ""
    attribution.floating = attribution.rule == "floating"
    return attribution


def _attribution(site: QuoteSite) -> Attribution:
    """The attribution as the cue or source chosen in the sentence gives it (none chosen: no speaker yet).
    Words inside quotes never speak them: a source found inside a quote gives no speaker."""
    art, quoted = site.art, site.quoted
    rule, choice = site.choice if site.choice is not None else ("", Choice())
    cue, source = choice.cue, choice.source
    attribution = Attribution(
        start_char=quoted.segments[0][0],
        end_char=quoted.segments[-1][1],
        text=site.text,
        kind=site.kind or "direct",
        cue=cue,
        cue_text=cue_text(cue) if cue else source_cue_text(art, source),
        subject=choose_source(art, cue) if cue else source,
        block_kind=quoted.block.kind,
        rule=rule,
    )
    if attribution.subject is not None and art.quoted[attribution.subject.i] and cue is None:
        attribution.subject = None
    return attribution


def _refused(site: QuoteSite, rule: str) -> RefusedQuote:
    quoted = site.quoted
    return RefusedQuote(
        quoted.segments[0][0] if quoted.segments else quoted.open_char, quoted.close_char, site.text, rule
    )


def _first(rules: Sequence[Rule[QuoteSite, T]], site: QuoteSite) -> tuple[str, T] | None:
    """The name of the first rule that decides, with what it found."""
    found = first_decision(rules, site)
    return (found[0].name, found[1]) if found is not None else None
