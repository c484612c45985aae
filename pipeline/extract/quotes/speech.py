"""Is a quoted string speech? Names and titles (`so-called “coalition of the willing”`, `“Morning Joe”`),
scare quotes (short verbless fragments no reporting verb governs) and stray fragments are refused; and
a quote is direct when it is a whole utterance, partial when it sits inside the reporter's sentence.

A refusal rule returns True when it refuses the quoted string, None when it declines.
"""

from __future__ import annotations

import re

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.cues import governing, is_naming
from pipeline.extract.quotes.lexicon import (
    MAX_SCARE_QUOTE_WORDS,
    MAX_TITLE_WORDS,
    MIN_FLOATING_QUOTE_WORDS,
    TITLE_FUNCTION_WORDS,
)
from pipeline.extract.quotes.site import QuoteSite
from pipeline.extract.rules import Example, refuses

WORD_PATTERN = re.compile(r"\w+")


def naming(site: QuoteSite) -> bool | None:
    """`so-called “…”`, `a group called the “…”`: the quote names something, unless a speaker is the
    naming verb's subject (`what Mr. Hedge called “…”` reports Mr. Hedge's words)."""
    return True if is_naming(site.preceding) and governing(site) is None else None


def title(site: QuoteSite) -> bool | None:
    """`Morning Joe,` or `The Lead with Jake Tapper`: a show, book or slogan in title case that no reporting
    verb governs, and that does not exclaim or ask."""
    if _is_title(site.text) and governing(site) is None and not site.text.rstrip(" ,").endswith(("!", "?")):
        return True
    return None


def scare_quote(site: QuoteSite) -> bool | None:
    """A short verbless fragment inside the reporter's sentence that no reporting verb governs or attributes
    (`the “peace plan”`)."""
    if site.kind == "partial" and governing(site) is None and site.cue is None:
        return True if _is_verbless_fragment(site.art, site.ranges) else None
    return None


def fragment(site: QuoteSite) -> bool | None:
    """A short verbless string with no cue, no source and no quote before it to continue."""
    if len(WORD_PATTERN.findall(site.text)) < MIN_FLOATING_QUOTE_WORDS and _is_verbless_fragment(
        site.art, site.ranges
    ):
        return True
    return None


def _is_title(text: str) -> bool:
    """`Morning Joe,` or `The Lead with Jake Tapper`: a show, book or slogan named, not speech."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)]
    if len(words) < 2 or len(words) > MAX_TITLE_WORDS:
        return False
    return all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words)


def _is_verbless_fragment(art: QuoteArticle, ranges: list[range]) -> bool:
    """Short quoted phrases without a verb are speech only when a reporting verb governs them."""
    tokens = [art.doc[i] for span in ranges for i in span if not art.doc[i].is_punct]
    return len(tokens) <= MAX_SCARE_QUOTE_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in tokens)


def quote_kind(preceding: str, text: str, has_cue_before: bool) -> str:
    """Direct when the quote is a whole utterance, partial when it sits inside the reporter's sentence."""
    starts_upper = text[:1].isupper() or (text[:1] in "‘'" and text[1:2].isupper())
    if not preceding:
        return "direct"
    if preceding.endswith(":") or (preceding.endswith(",") and has_cue_before):
        return "direct" if starts_upper or preceding.endswith(":") else "partial"
    return "partial"


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "naming": (
        refuses(
            "Trump reaffirmed this commitment by the European so-called “coalition of the willing” on Tuesday.",
            "coalition of the willing",
        ),
        refuses(
            "The message read “anybodybuttrump.us,” a website linked to a group called the “We The People Foundation.”",
            "We The People Foundation.",
        ),
    ),
    "title": (
        refuses("Rubio appeared on “Morning Joe,” the MSNBC show, on Friday.", "Morning Joe,"),
        refuses("Critics dubbed the operation “Midnight Hammer” within hours.", "Midnight Hammer"),
    ),
    "scare_quote": (refuses("The “peace plan” was discussed at length in Paris on Monday.", "peace plan"),),
    "fragment": (refuses("''The economy, stupid.''", "The economy, stupid."),),
}
