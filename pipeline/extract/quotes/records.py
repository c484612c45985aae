"""The records quote extraction produces: quotes with their speakers, anomalies, refused quoted strings;
and the working records of its passes: a quoted string, its attribution, a speaker."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from pipeline.article.blocks import Block
from pipeline.extract.entities import Mention
from pipeline.vocabulary import AnomalyKind, BlockKind, QuoteKind


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed utterance.

    Offsets index the article text and exclude the outer quote marks (direct, partial) or cover the
    reported content (indirect). For a quote running over several paragraphs, `start_char`..`end_char`
    spans all of them and `text` joins the quoted paragraphs with a space, without the marks that reopen
    each paragraph, so `text` then differs from the article slice.
    """

    start_char: int
    end_char: int
    text: str
    kind: QuoteKind
    cue: str | None
    speaker_surface: str | None
    speaker: str | None
    speaker_mention_start: int | None
    speaker_role: str | None
    block_kind: BlockKind
    #: The rule that attributed the quote, and the one that resolved its speaker (`rules.py`).
    rule: str = ""
    speaker_rule: str | None = None
    #: Where the cue is (a quote continuing another has that one's): quotes with one cue are one attribution.
    cue_start: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteAnomaly:
    start_char: int
    kind: AnomalyKind
    detail: str


@dataclass(frozen=True, slots=True)
class RefusedQuote:
    """A quoted string that is not speech (a name, a title, a scare quote), and the rule that said so."""

    start_char: int
    end_char: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class QuoteDecision:
    """One decision a learned model took (`pipeline/extract/learned.py`), with the features it saw: what
    training (`training/quote_models.py`) reads back and labels from annotated data."""

    model: str
    start_char: int
    end_char: int
    features: dict[str, float]
    probability: float
    #: Decisions between candidates share a group (the cue's offset); -1 for a yes-or-no decision.
    group: int = -1


@dataclass(frozen=True, slots=True)
class QuoteExtraction:
    quotes: list[Quote]
    anomalies: list[QuoteAnomaly]
    refused: list[RefusedQuote] = field(default_factory=list)
    decisions: list[QuoteDecision] = field(default_factory=list)
    #: Pronouns and descriptions the speaker rules resolved to a named referent, as mentions of it.
    references: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class QuotedString:
    """Character extent of one quotation: one segment per paragraph, inner offsets (no marks)."""

    open_char: int
    close_char: int
    segments: list[tuple[int, int]]
    block: Block


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks: as written (`he`, `Lavrov`, `a spokesman`), resolved within the article (the named
    mention and its fullest name), with the role the text gives and the rule that resolved it."""

    surface: str | None = None
    name: str | None = None
    mention: Mention | None = None
    role: str | None = None
    rule: str | None = None


NO_SPEAKER = Speaker()


@dataclass(slots=True)
class Attribution:
    """An attribution before its speaker is resolved."""

    start_char: int
    end_char: int
    text: str
    kind: QuoteKind
    cue: Token | None
    cue_text: str | None
    subject: Token | None
    block_kind: BlockKind
    #: The rule that attributed it.
    rule: str
    inherit_from: Attribution | None = None
    #: A cue-less quote paragraph whose speaker is the attribution just before it (set after pass 3).
    floating: bool = False
    resolved: Speaker = NO_SPEAKER
