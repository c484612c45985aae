"""One quoted string as the attribution rules see it, and what they choose for it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.lexicon import CLOSING_QUOTES, PARAGRAPH_JOINER
from pipeline.extract.quotes.records import Attribution, QuotedString
from pipeline.vocabulary import QuoteKind


@dataclass(frozen=True, slots=True)
class Choice:
    """What a cue rule finds for a quoted string: the reporting word (`cue`), or the speaker named without
    one (`source`: `according to a senior official`, a signature, a transcript label)."""

    cue: Token | None = None
    source: Token | None = None


def cue_choice(cue: Token | None) -> Choice | None:
    """A rule's finding as a cue, or its declining when it found none."""
    return Choice(cue=cue) if cue is not None else None


def source_choice(source: Token | None) -> Choice | None:
    """A rule's finding as a source, or its declining when it found none."""
    return Choice(source=source) if source is not None else None


class QuoteSite:
    """A quoted string with its tokens (`ranges`, one per paragraph; `own`, all of them), its text, the
        reporter's words before it (`preceding`), and the attribution before it in the article. `kind` is set
        once the verb cues are known; `choice` holds the rule chosen so far and what it found; what several
        rules look up (the verb that governs the quote) is found once and kept in `memo`; `found_by` names the
    rule that found a cue, a source or a quote it continues, once all were tried."""

    __slots__ = (
        "art",
        "choice",
        "found_by",
        "kind",
        "memo",
        "own",
        "preceding",
        "previous",
        "quoted",
        "ranges",
        "text",
    )

    def __init__(self, art: QuoteArticle, quoted: QuotedString, previous: Attribution | None) -> None:
        self.art = art
        self.quoted = quoted
        self.previous = previous
        self.ranges = quote_tokens(art, quoted)
        self.own = {i for span in self.ranges for i in span}
        self.text = PARAGRAPH_JOINER.join(art.text[s:e] for s, e in quoted.segments)
        self.preceding = preceding_text(art, quoted)
        self.kind: QuoteKind | None = None
        self.choice: tuple[str, Choice] | None = None
        #: The rule that found the quote's cue, source or the quote it continues (`none` if none did).
        self.found_by = "none"
        self.memo: dict[str, object] = {}

    @property
    def cue(self) -> Token | None:
        """The reporting word chosen so far, if a cue (not a source) was chosen."""
        return self.choice[1].cue if self.choice is not None else None


def quote_tokens(art: QuoteArticle, quoted: QuotedString) -> list[range]:
    return [art.tokens_between(start, end) for start, end in quoted.segments]


def preceding_text(art: QuoteArticle, quoted: QuotedString) -> str:
    """The reporter's words before the opening mark, back to the sentence start."""
    block_text = art.text[quoted.block.start_char : quoted.open_char]
    cut = max(block_text.rfind(". "), block_text.rfind("? "), block_text.rfind("! "))
    for mark in CLOSING_QUOTES | {'"'}:
        cut = max(cut, block_text.rfind(mark))
    return block_text[cut + 1 :].strip()
