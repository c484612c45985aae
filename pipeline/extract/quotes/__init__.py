"""Quotes and reported speech with their speakers, from one parsed article.

Three passes, each linear in the article: a character scan pairs the quote marks (tolerating unusual and
unbalanced ones), each quoted string is attached to a reporting verb through the parse or the words around
it, and reporting verbs with a clausal complement and no quote marks yield indirect speech. Speakers are
resolved last, in text order, so that `he added` can reach the subject of the previous attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX, LOWER, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from pipeline.article.blocks import Block
from pipeline.extract.entities import Mention
from pipeline.extract.quotes.lexicon import (
    ACCORDING_TO,
    CLOSING_QUOTES,
    COGNITION_VERBS,
    DOUBLE_QUOTES,
    MAX_FLOATING_DISTANCE,
    MAX_SCARE_QUOTE_WORDS,
    MAX_TITLE_WORDS,
    MAX_TRAILING_ATTRIBUTION_TOKENS,
    MIN_FLOATING_QUOTE_WORDS,
    NAMING_PHRASES,
    NAMING_VERBS,
    NAMING_WORDS,
    NON_SPEAKER_WORDS,
    OBJECT_CONTENT_VERBS,
    OPENING_QUOTES,
    PARAGRAPH_JOINER,
    PHRASAL_CUES,
    PHRASAL_ONLY_VERBS,
    QUOTE_ONLY_VERBS,
    SPEAKER_ENTITY_TYPES,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TITLE_FUNCTION_WORDS,
)
from pipeline.vocabulary import GROUP_PRONOUNS, PERSON_PRONOUNS


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
    kind: str
    cue: str | None
    speaker_surface: str | None
    speaker: str | None
    speaker_mention_start: int | None
    speaker_role: str | None
    block_kind: str


@dataclass(frozen=True, slots=True)
class QuoteAnomaly:
    start_char: int
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class QuoteExtraction:
    quotes: list[Quote]
    anomalies: list[QuoteAnomaly]


# --- Pass 1: pairing quote marks -------------------------------------------------------------------------

# Two apostrophes stand for a straight double quote in some archives (`''We have accepted …''`).
_QUOTE_MARK = re.compile("''|[" + re.escape("".join(sorted(DOUBLE_QUOTES))) + "]")
_OPEN_CONTEXT = set(" \t\n([{—–-/") | OPENING_QUOTES
_CLOSE_CONTEXT = set(" \t\n)]}—–-/.,;:!?") | CLOSING_QUOTES


@dataclass(slots=True)
class _QuotedString:
    """Character extent of one quotation: one segment per paragraph, inner offsets (no marks)."""

    open_char: int
    close_char: int
    segments: list[tuple[int, int]]
    block: Block


def _mark_role(text: str, pos: int, width: int, block: Block, is_open: bool) -> tuple[str, str | None]:
    """Decide whether a mark opens or closes; second item names an anomaly when the glyph misleads."""
    mark = text[pos]
    before = text[pos - 1] if pos > block.start_char else " "
    after = text[pos + width] if pos + width < block.end_char else " "
    opens_like = before in _OPEN_CONTEXT and not after.isspace()
    closes_like = not before.isspace() and after in _CLOSE_CONTEXT
    if mark in OPENING_QUOTES:
        if is_open and closes_like and not opens_like:
            return "close", "unusual_quote_mark"
        return "open", ("unbalanced_quote_mark" if is_open else None)
    if mark in CLOSING_QUOTES:
        if is_open:
            return "close", None
        if opens_like and not closes_like:
            return "open", "unusual_quote_mark"
        return "skip", "unbalanced_quote_mark"
    if is_open:
        return "close", None
    if closes_like and not opens_like:
        return "skip", "unbalanced_quote_mark"
    return "open", None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_with_quote(block: Block) -> tuple[int, int] | None:
    """Offset and width of the mark that reopens a quote at the start of a paragraph, if there is one."""
    stripped = block.text.lstrip()
    match = _QUOTE_MARK.match(stripped)
    if match is None or match.group() in CLOSING_QUOTES:
        return None
    return block.start_char + len(block.text) - len(stripped), len(match.group())


def pair_quote_marks(text: str, blocks: Sequence[Block]) -> tuple[list[_QuotedString], list[QuoteAnomaly]]:
    """Pair double quote marks block by block, never raising on unbalanced marks."""
    found: list[_QuotedString] = []
    anomalies: list[QuoteAnomaly] = []
    # A quote left open at the end of a paragraph (news convention for multi-paragraph quotes).
    carried: _QuotedString | None = None
    for block in blocks:
        if block.kind in ("credit", "boilerplate"):
            continue
        if carried is not None and block.kind == "caption" and carried.block.kind != "caption":
            found_caption, caption_anomalies = pair_quote_marks(text, [block])
            found.extend(found_caption)
            anomalies.extend(caption_anomalies)
            continue
        open_at: int | None = None
        open_width = 1
        pending: _QuotedString | None = None
        skip_first: int | None = None
        if carried is not None:
            reopen = _opens_with_quote(block)
            if reopen is None:
                anomalies.append(
                    QuoteAnomaly(carried.open_char, "unbalanced_quote_mark", "quote never closed")
                )
            else:
                pending, (open_at, open_width) = carried, reopen
                skip_first = open_at
            carried = None
        for match in _QUOTE_MARK.finditer(block.text):
            pos = block.start_char + match.start()
            if pos == skip_first:
                continue
            width = match.end() - match.start()
            role, anomaly = _mark_role(text, pos, width, block, open_at is not None)
            if anomaly:
                anomalies.append(QuoteAnomaly(pos, anomaly, f"mark {text[pos]!r} treated as {role}"))
            if role == "open":
                open_at, open_width, pending = pos, width, None
            elif role == "close" and open_at is not None:
                start, end = _strip(text, open_at + open_width, pos)
                if pending is not None:
                    pending.segments.append((start, end))
                    pending.close_char = pos
                    found.append(pending)
                elif end > start:
                    found.append(_QuotedString(open_at, pos, [(start, end)], block))
                open_at, pending = None, None
        if open_at is not None:
            start, end = _strip(text, open_at + open_width, block.end_char)
            carried = pending or _QuotedString(open_at, block.end_char, [], block)
            if end > start:
                carried.segments.append((start, end))
    if carried is not None:
        anomalies.append(QuoteAnomaly(carried.open_char, "unbalanced_quote_mark", "quote never closed"))
    found.sort(key=lambda q: q.open_char)
    return found, anomalies


# --- Pass 2 and 3: cues, speakers and content ------------------------------------------------------------


@dataclass(slots=True)
class _Attribution:
    """An attribution before its speaker is resolved."""

    start_char: int
    end_char: int
    text: str
    kind: str
    cue: Token | None
    cue_text: str | None
    subject: Token | None
    block_kind: str
    inherit_from: _Attribution | None = None
    #: A cue-less quote paragraph whose speaker is the attribution just before it (set after pass 3).
    floating: bool = False
    resolved: tuple[str | None, str | None, Mention | None, str | None] = field(
        default=(None, None, None, None)
    )


def _is_speech_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return (
        token.pos_ == "VERB"
        and lemma in SPEECH_VERBS
        and lemma not in PHRASAL_ONLY_VERBS
        and token.dep_ not in ("amod", "acl")
    )


class _Article:
    """The parsed article with the look-ups every rule needs, built once in linear time."""

    def __init__(self, doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.text = doc.text
        self.blocks = list(blocks)
        self.block_starts = [b.start_char for b in self.blocks]
        self.token_starts = doc.to_array(IDX).tolist()
        self.mentions = sorted(
            (m for m in mentions if m.type in SPEAKER_ENTITY_TYPES), key=lambda m: m.start_char
        )
        self.mention_starts = [m.start_char for m in self.mentions]
        self.person_starts = [m.start_char for m in self.mentions if m.type == "PERSON"]
        self.persons = [m for m in self.mentions if m.type == "PERSON"]
        # Last word of every person's name -> the mention with the fullest name (`Lavrov` -> Sergey Lavrov).
        self.by_surname: dict[str, Mention] = {}
        for m in self.persons:
            key = m.name.split()[-1].lower() if m.name.split() else ""
            best = self.by_surname.get(key)
            if key and (best is None or len(m.name) > len(best.name)):
                self.by_surname[key] = m
        # Tokens inside any quoted string, and inside the ones kept as speech.
        self.quoted = bytearray(len(doc))
        self.speech = bytearray(len(doc))

    def block_at(self, char: int) -> Block | None:
        i = bisect_right(self.block_starts, char) - 1
        if i >= 0 and char < self.blocks[i].end_char:
            return self.blocks[i]
        return None

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.token_starts, char) - 1)

    def tokens_between(self, start: int, end: int) -> range:
        return range(self.token_at(start), bisect_left(self.token_starts, end))

    def mention_covering(self, token: Token) -> Mention | None:
        i = bisect_right(self.mention_starts, token.idx) - 1
        if i >= 0 and self.mentions[i].end_char > token.idx:
            return self.mentions[i]
        return None

    def as_person(self, mention: Mention | None) -> Mention | None:
        """The person a mention names, repairing entity-type errors through the surname index."""
        if mention is None:
            return None
        if mention.type == "PERSON":
            return mention
        words = mention.name.split()
        return self.by_surname.get(words[-1].lower()) if words else None

    def person_before(self, char: int) -> Mention | None:
        i = bisect_left(self.person_starts, char) - 1
        return self.persons[i] if i >= 0 else None


# --- Pass 2: quoted strings to attributions --------------------------------------------------------------


def _quote_tokens(art: _Article, quoted: _QuotedString) -> list[range]:
    return [art.tokens_between(start, end) for start, end in quoted.segments]


def _cue_from_parse(art: _Article, ranges: list[range], own: set[int]) -> Token | None:
    """The reporting verb that governs the quote, or that the quote governs (`… ,” said Lavrov`)."""
    doc = art.doc
    for span in ranges:
        for i in span:
            token = doc[i]
            if token.head.i in own:
                continue
            for child in token.children:
                if (
                    child.i not in own
                    and not art.quoted[child.i]
                    and child.dep_ in ("parataxis", "ccomp", "conj", "advcl")
                    and _is_speech_verb(child)
                ):
                    return child
            head, steps = token.head, 0
            while steps < 8 and not art.quoted[head.i]:
                if _is_speech_verb(head):
                    return head
                if head.head.i == head.i:
                    break
                head, steps = head.head, steps + 1
    return None


def _cue_nearby(art: _Article, quoted: _QuotedString, ranges: list[range]) -> Token | None:
    """A reporting verb next to the quote in the same sentence, for parses that missed the link."""
    doc = art.doc
    block = quoted.block
    last = ranges[-1]
    i, seen = (last.stop if last else art.token_at(quoted.close_char)) + 1, 0
    while i < len(doc) and doc[i].idx < block.end_char and seen < MAX_TRAILING_ATTRIBUTION_TOKENS:
        token = doc[i]
        if art.quoted[i] or token.text in (".", "!", "?", ";"):
            break
        if _is_speech_verb(token):
            return token
        i, seen = i + 1, seen + 1
    first = ranges[0]
    i = (first.start if first else art.token_at(quoted.open_char)) - 2
    while i >= 0 and doc[i].idx >= block.start_char:
        token = doc[i]
        if art.quoted[i] or token.text in (".", "!", "?", ";"):
            break
        if _is_speech_verb(token):
            return token
        i -= 1
    return None


def _according_to_after(art: _Article, quoted: _QuotedString) -> Token | None:
    """`“…,” according to a senior official` attributes without a verb: returns the source token."""
    doc = art.doc
    i = art.token_at(quoted.close_char) + 1
    for _ in range(3):
        if i + 1 >= len(doc):
            return None
        if (doc[i].lower_, doc[i + 1].lower_) == ACCORDING_TO:
            return next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
        i += 1
    return None


def _preceding_text(art: _Article, quoted: _QuotedString) -> str:
    """The reporter's words before the opening mark, back to the sentence start."""
    block_text = art.text[quoted.block.start_char : quoted.open_char]
    cut = max(block_text.rfind(". "), block_text.rfind("? "), block_text.rfind("! "))
    for mark in CLOSING_QUOTES | {'"'}:
        cut = max(cut, block_text.rfind(mark))
    return block_text[cut + 1 :].strip()


def _is_naming(preceding: str) -> bool:
    words = preceding.lower().split()
    while words and words[-1] in ("the", "a", "an"):  # `a group called the “…”`
        words.pop()
    lowered = " ".join(words)
    last_word = words[-1] if words else ""
    return last_word in NAMING_WORDS or lowered.endswith(NAMING_PHRASES)


def _is_title(text: str) -> bool:
    """`Morning Joe,` or `The Lead with Jake Tapper`: a show, book or slogan named, not speech."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)]
    if len(words) < 2 or len(words) > MAX_TITLE_WORDS:
        return False
    return all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words)


def _is_verbless_fragment(art: _Article, ranges: list[range]) -> bool:
    """Short quoted phrases without a verb are speech only when a reporting verb governs them."""
    tokens = [art.doc[i] for span in ranges for i in span if not art.doc[i].is_punct]
    return len(tokens) <= MAX_SCARE_QUOTE_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _quote_kind(preceding: str, text: str, has_cue_before: bool) -> str:
    """Direct when the quote is a whole utterance, partial when it sits inside the reporter's sentence."""
    starts_upper = text[:1].isupper() or (text[:1] in "‘'" and text[1:2].isupper())
    if not preceding:
        return "direct"
    if preceding.endswith(":") or (preceding.endswith(",") and has_cue_before):
        return "direct" if starts_upper or preceding.endswith(":") else "partial"
    return "partial"


def _cue_phrase(cue: Token, with_preposition: bool = False) -> str:
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


def _subject_of(art: _Article, cue: Token) -> Token | None:
    """The subject of a cue in the cue's own paragraph (the parser sometimes runs a headline into it)."""
    subject = _grammatical_subject(cue)
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


def _grammatical_subject(cue: Token) -> Token | None:
    """The grammatical subject of a cue, through coordination and participles (`Speaking …, X said`)."""
    verb: Token = cue
    for _ in range(5):
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
    return _governing_subject(cue)


def _governing_subject(token: Token, max_steps: int = 6) -> Token | None:
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


def _quote_attributions(art: _Article, quotes: list[_QuotedString]) -> list[_Attribution]:
    """Attach every quoted string to a cue, drop names and scare quotes, inherit across split quotes."""
    for quoted in quotes:
        for i in art.tokens_between(quoted.open_char, quoted.close_char + 1):
            art.quoted[i] = 1
    found: list[_Attribution] = []
    previous: _Attribution | None = None
    for quoted in quotes:
        attribution = _attribute(art, quoted, previous)
        if attribution is None:
            continue
        found.append(attribution)
        previous = attribution
        for i in art.tokens_between(quoted.open_char, quoted.close_char + 1):
            art.speech[i] = 1
    return found


def _attribute(art: _Article, quoted: _QuotedString, previous: _Attribution | None) -> _Attribution | None:
    """The attribution of one quoted string, or None when it is a name, a title or a scare quote."""
    ranges = _quote_tokens(art, quoted)
    own = {i for span in ranges for i in span}
    text = PARAGRAPH_JOINER.join(art.text[s:e] for s, e in quoted.segments)
    preceding = _preceding_text(art, quoted)
    namer = None
    if _is_naming(preceding):
        # `so-called “…”` names; `what Mr. Hedge called “…”` reports Mr. Hedge's words.
        namer = _naming_speaker_verb(art, quoted)
        if namer is None:
            return None
    governing = namer or _cue_from_parse(art, ranges, own)
    if _is_title(text) and governing is None and not text.rstrip(" ,").endswith(("!", "?")):
        return None
    cue = governing or _cue_nearby(art, quoted, ranges)
    source = None if cue else (_according_to_after(art, quoted) or _according_to_before(art, quoted))
    if cue is None and source is None:
        cue = _adjacent_clause_verb(art, quoted, ranges)
    cue_before = cue is not None and cue.idx < quoted.open_char
    kind = "direct" if len(quoted.segments) > 1 else _quote_kind(preceding, text, cue_before)
    if kind == "partial" and cue is None and source is None:
        cue = _speech_word_in_sentence(art, ranges, own)
    if cue is None and source is None:
        source = _name_before_colon(art, quoted, preceding) or (
            _main_clause_subject(art, ranges, own) if kind == "partial" else None
        )
    if kind == "partial" and governing is None and cue is None and _is_verbless_fragment(art, ranges):
        return None
    attribution = _Attribution(
        start_char=quoted.segments[0][0],
        end_char=quoted.segments[-1][1],
        text=text,
        kind=kind,
        cue=cue,
        cue_text=_cue_text(cue) if cue else _source_cue_text(art, source),
        subject=_speaker_subject(art, cue) if cue else source,
        block_kind=quoted.block.kind,
    )
    if attribution.subject is not None and art.quoted[attribution.subject.i] and cue is None:
        attribution.subject = None
    if cue is None and source is None:
        source = _signature(art, quoted) or _name_header(art, quoted)
        attribution.subject = source
    if cue is None and source is None and kind == "direct":
        label = _speaker_label(art, quoted)
        if label is not None:
            attribution.subject = label
            return attribution
        cue = _introducing_cue(art, quoted) or _colon_introduction(art, quoted)
        attribution.cue = cue
        attribution.cue_text = _cue_text(cue) if cue else None
        attribution.subject = _speaker_subject(art, cue) if cue else None
    if cue is None and source is None:
        inherited = _inherit(art, previous, quoted, kind, text)
        if inherited is not None:
            attribution.inherit_from = inherited
            attribution.kind = inherited.kind if preceding.endswith(",") else kind
        elif len(WORD_PATTERN.findall(text)) < MIN_FLOATING_QUOTE_WORDS and _is_verbless_fragment(
            art, ranges
        ):
            return None
        else:
            attribution.floating = kind == "direct"
    return attribution


WORD_PATTERN = re.compile(r"\w+")


def _source_cue_text(art: _Article, source: Token | None) -> str | None:
    if source is None:
        return None
    before = art.doc[source.left_edge.i - 1] if source.left_edge.i > 0 else None
    return "according to" if before is not None and before.lower_ == "to" else None


def _name_before_colon(art: _Article, quoted: _QuotedString, preceding: str) -> Token | None:
    """`… - Philip Bump: “…”`: a name right before the colon that introduces the quote."""
    if not preceding.endswith(":"):
        return None
    i = art.token_at(quoted.open_char) - 1
    doc = art.doc
    while i >= 0 and (doc[i].is_space or doc[i].text == ":"):
        i -= 1
    if i < 0 or art.quoted[i] or doc[i].pos_ != "PROPN":
        return None
    return doc[i] if _names_a_speaker(art, doc[i]) else None


def _names_a_speaker(art: _Article, token: Token) -> bool:
    """A person or organisation mention, or a personal pronoun: fallbacks accept no other subject."""
    mention = art.mention_covering(token)
    if mention is not None:
        return mention.type in ("PERSON", "ORG")
    return token.lower_ in PERSON_PRONOUNS or token.lower_ in GROUP_PRONOUNS


def _main_clause_subject(art: _Article, ranges: list[range], own: set[int]) -> Token | None:
    """`Paul Ryan worried that the safety net was becoming “…”`: the sentence's own subject."""
    if not ranges or not ranges[0]:
        return None
    root = art.doc[ranges[0].start].sent.root
    if root.i in own:
        return None
    subject = _grammatical_subject(root)
    if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in SPEECH_NOUNS:
        subject = next((c for c in subject.children if c.dep_ == "poss"), None)
    if subject is None or subject.i in own or not _names_a_speaker(art, subject):
        return None
    return subject


def _adjacent_clause_verb(art: _Article, quoted: _QuotedString, ranges: list[range]) -> Token | None:
    """Any verb with a subject framing the quote, when no reporting verb does: `“…,” an angry Hollande
    retaliated.` or `Hillary Clinton cracked, “…”`. The punctuation pattern attributes, whatever the verb."""
    doc = art.doc
    if not ranges or not ranges[0] or not ranges[-1]:
        return None
    after = ranges[-1].stop
    while after < len(doc) and (doc[after].text in CLOSING_QUOTES or doc[after].text in ('"', "''")):
        after += 1
    if after < len(doc) and doc[after].text == ",":
        for token in doc[after + 1 : min(len(doc), after + 1 + MAX_TRAILING_ATTRIBUTION_TOKENS)]:
            if token.is_punct or art.quoted[token.i]:
                break
            if token.pos_ == "VERB" and _grammatical_subject(token) is not None:
                return token
    before = ranges[0].start - 1
    while before >= 0 and (
        doc[before].is_space or doc[before].text in OPENING_QUOTES or doc[before].text in ('"', "''")
    ):
        before -= 1
    if before > 0 and doc[before].text in (",", ":") and doc[before].idx >= quoted.block.start_char:
        for token in reversed(doc[max(0, before - 4) : before]):
            if (
                token.pos_ == "VERB"
                and token.dep_ not in ("amod", "acl")
                and _grammatical_subject(token) is not None
            ):
                return token
    return None


def _speaker_beside_cue(art: _Article, cue: Token) -> Token | None:
    """The person or organisation named next to a cue, outside quotes, when the parse gave none."""
    doc = art.doc
    for step in range(1, MAX_TRAILING_ATTRIBUTION_TOKENS):
        for i in (cue.i - step, cue.i + step):
            if (
                0 <= i < len(doc)
                and not art.quoted[i]
                and doc[i].pos_ == "PROPN"
                and _names_a_speaker(art, doc[i])
            ):
                return doc[i]
    return None


def _naming_speaker_verb(art: _Article, quoted: _QuotedString) -> Token | None:
    """The naming verb just before a quote when it has an active subject: then it reports speech."""
    i = art.token_at(quoted.open_char) - 1
    doc = art.doc
    while i >= 0 and (doc[i].is_space or doc[i].lower_ in ("the", "a", "an", "it", "him", "her", "them")):
        i -= 1
    if i < 0:
        return None
    verb = doc[i]
    if verb.lemma_.lower() not in NAMING_VERBS or verb.pos_ != "VERB" or verb.dep_ in ("acl", "amod"):
        return None
    has_subject = any(c.dep_ == "nsubj" for c in verb.children) or verb.dep_ == "relcl"
    return verb if has_subject else None


def _according_to_before(art: _Article, quoted: _QuotedString) -> Token | None:
    """`According to the newspaper, “…”`: the source named before the quote in the same sentence."""
    doc = art.doc
    first = art.token_at(quoted.open_char)
    sentence = doc[first].sent
    for i in range(sentence.start, max(sentence.start, first - 1)):
        if (doc[i].lower_, doc[i + 1].lower_) == ACCORDING_TO:
            return next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
    return None


def _speech_word_in_sentence(art: _Article, ranges: list[range], own: set[int]) -> Token | None:
    """A reporting verb or speech noun anywhere in the quote's sentence (`her remark that “…”`)."""
    if not ranges or not ranges[0]:
        return None
    doc = art.doc
    for token in doc[ranges[0].start].sent:
        if token.i in own or art.quoted[token.i]:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
            return token
        if _is_speech_verb(token) or (token.pos_ == "VERB" and lemma in (QUOTE_ONLY_VERBS | NAMING_VERBS)):
            return token
    return None


def _cue_text(cue: Token) -> str:
    return cue.text if cue.pos_ == "NOUN" else _cue_phrase(cue)


def _speaker_subject(art: _Article, cue: Token) -> Token | None:
    """The cue's subject, else the name beside the cue (`“…,” said Robert Reich, who …` parsed with Reich
    as the subject of the relative clause). Words inside quotes never speak them, so a subject the parser
    took from a quoted sentence (`“… Underestimation of Cruz,” Robert Shrum said`) is replaced too."""
    subject = _cue_subject(art, cue)
    if subject is None or art.quoted[subject.i]:
        return _speaker_beside_cue(art, cue)
    return subject


def _cue_subject(art: _Article, cue: Token) -> Token | None:
    """Who speaks through a cue: a verb's subject, or a speech noun's possessor or governing verb's subject."""
    if cue.pos_ != "NOUN":
        return _subject_of(art, cue)
    possessor = next((c for c in cue.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    return _subject_of(art, cue.head) if cue.head.pos_ in ("VERB", "AUX") and cue.head.i != cue.i else None


_SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’ -]{1,30}):\s")


_DASHES = ("—", "–", "-", "‐", "‑", "‒", "―", "~")
#: A signature line is short: a dash, a name, perhaps an age, a place or a role.
MAX_SIGNATURE_TOKENS = 16


def _signature(art: _Article, quoted: _QuotedString) -> Token | None:
    """A dash signature after a quote names its speaker (`“…” — Maria Lopez, 34, Phoenix`), on the same
    line or as the next short paragraph: the pull-quote and vox-pop convention."""
    doc = art.doc
    i = art.token_at(quoted.close_char) + 1
    while i < len(doc) and (
        doc[i].is_space or doc[i].text in CLOSING_QUOTES or doc[i].text in ('"', "''", ".")
    ):
        i += 1
    if i >= len(doc) or not doc[i].text.startswith(_DASHES):
        return None
    line_end = doc[i].sent.end
    for token in doc[i + 1 : min(line_end, i + 1 + MAX_SIGNATURE_TOKENS)]:
        mention = art.mention_covering(token)
        if token.pos_ == "PROPN" and (mention is None or mention.type in ("PERSON", "ORG")):
            return token
    return None


#: A name header is a short verbless line (`Maria Lopez, 34, Phoenix`) standing alone above a quote.
MAX_NAME_HEADER_WORDS = 10


def _name_header(art: _Article, quoted: _QuotedString) -> Token | None:
    """Vox pops and interviews: a paragraph that only names a person, followed by their quote."""
    if art.text[quoted.block.start_char : quoted.open_char].strip():
        return None
    previous = art.block_at(quoted.block.start_char - 3)
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


def _speaker_label(art: _Article, quoted: _QuotedString) -> Token | None:
    """Transcript lines (`“CLINTON: I feel …`): the label names the speaker."""
    start = quoted.segments[0][0]
    if not _SPEAKER_LABEL.match(art.text, start):
        return None
    token = art.doc[art.token_at(start)]
    return token if token.pos_ in ("PROPN", "NOUN") else None


def _colon_introduction(art: _Article, quoted: _QuotedString) -> Token | None:
    """A quote paragraph introduced by the paragraph before it ending with a colon
    (`President Clinton released the following statement:`)."""
    if art.text[quoted.block.start_char : quoted.open_char].strip():
        return None
    previous = art.block_at(quoted.block.start_char - 3)
    if previous is None or not previous.text.rstrip().endswith(":"):
        return None
    doc = art.doc
    last = art.token_at(previous.end_char - 1)
    for token in reversed(doc[doc[last].sent.start : last + 1]):
        lemma = token.lemma_.lower()
        if _is_speech_verb(token) or (token.pos_ == "NOUN" and lemma in SPEECH_NOUNS):
            return token
    return None


def _attach_floating(art: _Article, attributions: list[_Attribution]) -> list[_Attribution]:
    """Cue-less quote paragraphs continue the speaker of the nearest attribution before them."""
    ordered = sorted(attributions, key=lambda a: a.start_char)
    last: _Attribution | None = None
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


def _introducing_cue(art: _Article, quoted: _QuotedString) -> Token | None:
    """`Hannity interjected. “So you’re saying …”`: a speech verb ending the sentence before the quote."""
    i = art.token_at(quoted.open_char) - 1
    doc = art.doc
    while i >= 0 and (doc[i].is_space or (doc[i].is_punct and doc[i].text not in CLOSING_QUOTES)):
        i -= 1
    if i < 0 or art.quoted[i]:
        return None
    for token in doc[i].sent:
        if token.i > i:
            break
        speech = _is_speech_verb(token) or token.lemma_.lower() in QUOTE_ONLY_VERBS
        if (
            token.dep_ == "ROOT"
            and token.pos_ == "VERB"
            and speech
            and _grammatical_subject(token) is not None
        ):
            return token
    return None


def _inherit(
    art: _Article, previous: _Attribution | None, quoted: _QuotedString, kind: str, text: str
) -> _Attribution | None:
    """A cue-less quote continues the previous one: split by its attribution, or the next paragraph."""
    if previous is None or (previous.subject is None and previous.inherit_from is None):
        return None
    if kind != "direct" and not art.text[quoted.block.start_char : quoted.open_char].rstrip().endswith(","):
        return None
    previous_block = art.block_at(previous.start_char)
    if previous_block is None or quoted.block.block_no - previous_block.block_no > 1:
        return None
    if len(text.split()) < 3:
        return None
    return previous.inherit_from or previous


# --- Pass 3: reported speech without quote marks ---------------------------------------------------------


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """Token span without edge punctuation; None if nothing is left."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _subtree_span(token: Token) -> Span | None:
    return _trimmed(token.doc, token.left_edge.i, token.right_edge.i + 1)


def _indirect_content(cue: Token) -> Span | None:
    """The reported content of a cue: its clausal complement, else the object a speech act takes."""
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    if any(c.dep_ == "auxpass" for c in children):
        return None
    reports = lemma in SPEECH_VERBS or lemma in COGNITION_VERBS
    for child in children:
        if child.dep_ == "ccomp" and reports and lemma not in QUOTE_ONLY_VERBS:
            return _subtree_span(child)
    for child in children:
        pair = (lemma, child.lower_)
        if pair not in PHRASAL_CUES:
            continue
        if child.dep_ == "prep":
            # `pointed to the strikes as evidence …`: the object and what the verb says about it.
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            return _trimmed(cue.doc, target.left_edge.i, cue.right_edge.i + 1) if target is not None else None
        target = next((c for c in child.rights if c.i > child.i), None) or next(
            (c for c in children if c.i > child.i and c.dep_ in ("dobj", "advcl", "xcomp", "ccomp", "pcomp")),
            None,
        )
        return _subtree_span(target) if target is not None else None
    if lemma in OBJECT_CONTENT_VERBS:
        for child in children:
            if child.dep_ in ("dobj", "xcomp"):
                return _subtree_span(child)
    if lemma in SPEECH_VERBS and lemma not in QUOTE_ONLY_VERBS:
        for child in children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                obj = next((c for c in children if c.dep_ == "dobj" and c.i < child.i), None)
                start = obj.left_edge.i if obj is not None else child.left_edge.i
                return _trimmed(cue.doc, start, child.right_edge.i + 1)
    # `…, Dragone said`: the report is the clause the cue hangs from.
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i and lemma in SPEECH_VERBS:
        return _trimmed(cue.doc, cue.head.left_edge.i, cue.left_edge.i)
    return None


def _is_reporting_clause(verb: Token) -> bool:
    """Finite uses only: `plans to ask`, `figuring out how` and modifiers report nobody's words."""
    if verb.dep_ in ("amod", "acl", "xcomp", "pcomp", "csubj", "compound"):
        return False
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ == "to":
            return False
        if child.dep_ == "prt" and (lemma, child.lower_) not in PHRASAL_CUES:
            return False
    return True


def _according_to_content(according: Token) -> tuple[Span, Token] | None:
    doc = according.doc
    if according.i + 1 >= len(doc) or doc[according.i + 1].lower_ != ACCORDING_TO[1]:
        return None
    source = next((c for c in doc[according.i + 1].children if c.dep_ == "pobj"), None)
    clause = according.head
    if source is None or clause.i == according.i:
        return None
    if according.i > clause.i:
        content = _trimmed(doc, clause.left_edge.i, according.left_edge.i)
    else:
        content = _trimmed(doc, according.right_edge.i + 1, clause.right_edge.i + 1)
    return (content, source) if content is not None else None


def _has_speaker(subject: Token | None) -> bool:
    return subject is not None and subject.lower_ not in NON_SPEAKER_WORDS and subject.pos_ != "NUM"


def _indirect_attributions(art: _Article, quote_cues: set[int]) -> Iterator[_Attribution]:
    doc = art.doc
    pos_and_lower = doc.to_array([POS, LOWER])
    may_cue = (pos_and_lower[:, 0] == VERB) | (pos_and_lower[:, 1] == doc.vocab.strings[ACCORDING_TO[0]])
    for i in np.flatnonzero(may_cue).tolist():  # no Token object for the other tokens
        if art.speech[i] or i in quote_cues:
            continue
        token = doc[i]
        if token.lower_ == ACCORDING_TO[0]:
            if token.head.i in quote_cues:
                continue
            found = _according_to_content(token)
            if found is None or any(art.speech[i] for i in range(found[0].start, found[0].end)):
                continue
            content, source = found
            cue_text, subject = "according to", source
        elif token.pos_ == "VERB" and (
            (lemma := token.lemma_.lower()) in SPEECH_VERBS
            or lemma in COGNITION_VERBS
            or lemma in PHRASAL_ONLY_VERBS
        ):
            if not _is_reporting_clause(token):
                continue
            content = _indirect_content(token)
            subject = _subject_of(art, token)
            if (
                content is None
                or not _has_speaker(subject)
                or any(art.speech[i] for i in (content.start, content.end - 1))
            ):
                continue
            if (
                lemma in COGNITION_VERBS
                and lemma not in SPEECH_VERBS
                and not any(c.dep_ == "ccomp" for c in token.children)
            ):
                continue
            cue_text = _cue_phrase(token, with_preposition=True)
        else:
            continue
        block = art.block_at(token.idx)
        if block is None or block.kind in ("credit", "boilerplate"):
            continue
        yield _Attribution(
            start_char=content.start_char,
            end_char=content.end_char,
            text=content.text,
            kind="indirect",
            cue=token,
            cue_text=cue_text,
            subject=subject,
            block_kind=block.kind,
        )


# --- Speakers --------------------------------------------------------------------------------------------

_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


def _speaker_tokens(art: _Article, subject: Token) -> Span:
    """The speaker as written: the noun phrase up to its head, without trailing appositions or clauses."""
    doc = subject.doc
    block = art.block_at(subject.idx)
    floor = art.token_at(block.start_char) if block is not None else 0
    if subject.pos_ == "PRON":
        return doc[subject.i : subject.i + 1]
    end = subject.i + 1
    while end < len(doc) and doc[end].head.i == subject.i and doc[end].dep_ in ("compound", "flat", "nummod"):
        end += 1
    start = max(subject.left_edge.i, floor)
    while start < subject.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    return doc[start:end]


def _role_from(span: Span | None) -> str | None:
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    while words and words[0].lower_ in _DETERMINERS:
        words = words[1:]
    return span.doc[words[0].i : words[-1].i + 1].text if words else None


def _named_speaker(art: _Article, subject: Token, surface: Span) -> tuple[Mention | None, str | None]:
    """The named mention a subject noun phrase refers to, and any role the text gives next to it."""
    mention = art.mention_covering(subject)
    if mention is not None and mention.type == "NORP":
        mention = None
    if mention is None and (subject.pos_ == "PROPN" or subject.is_title):
        # A name the entity pass missed: only a known person's surname, never a role from elsewhere.
        known = art.by_surname.get(subject.lower_)
        if known is not None:
            return known, None
    role = None
    if mention is None:
        for child in subject.children:
            if child.dep_ == "appos":
                inner = art.mention_covering(child)
                if inner is not None and inner.type != "NORP":
                    return art.as_person(inner) or inner, _role_from(surface)
        return None, None
    appos = next((c for c in subject.children if c.dep_ == "appos"), None)
    if appos is not None:
        role = _role_from(_trimmed(subject.doc, appos.left_edge.i, appos.right_edge.i + 1))
    before = _trimmed(subject.doc, surface.start, art.token_at(mention.start_char)) if mention else None
    if before is not None and before.start >= surface.start and before.end <= surface.end:
        role = _role_from(before) or role
    return art.as_person(mention) or mention, mention.role or role


def _person_governing(art: _Article, pronoun: Token) -> Mention | None:
    """`Trump insisted that he has “…”`: a person subject of a clause above the pronoun, before it."""
    subject = _governing_subject(pronoun.head) if pronoun.head.i != pronoun.i else None
    if subject is None or subject.i >= pronoun.i or subject.lower_ in PERSON_PRONOUNS:
        return None
    return art.as_person(art.mention_covering(subject))


def _subject_of_sentence_before(art: _Article, token: Token) -> Mention | None:
    sent = token.sent
    if sent.start == 0:
        return None
    previous = art.doc[sent.start - 1].sent
    for child in previous.root.children:
        if child.dep_ == "nsubj":
            return art.as_person(art.mention_covering(child))
    return None


def _resolve_speakers(art: _Article, attributions: list[_Attribution]) -> None:
    """Resolve speakers in text order so pronouns can reach the previous attribution's speaker."""
    last: Mention | None = None
    last_char = -1
    for attribution in sorted(attributions, key=lambda a: a.cue.idx if a.cue is not None else a.start_char):
        if attribution.inherit_from is not None:
            continue
        subject = attribution.subject
        if subject is None:
            continue
        surface = _speaker_tokens(art, subject)
        word = subject.lower_
        mention: Mention | None = None
        role: str | None = None
        if word in PERSON_PRONOUNS:
            recent = (
                last
                if last is not None and last.type == "PERSON" and subject.idx - last_char < 1500
                else None
            )
            mention = (
                _person_governing(art, subject)
                or _subject_of_sentence_before(art, subject)
                or recent
                or art.person_before(subject.idx)
            )
        elif word in GROUP_PRONOUNS:
            mention = last if last is not None and last.type != "PERSON" else None
        elif subject.pos_ != "PRON":
            mention, role = _named_speaker(art, subject, surface)
        if mention is not None:
            speaker: str | None = mention.name
            last, last_char = mention, subject.idx
        else:
            speaker = None if subject.pos_ == "PRON" else surface.text
        attribution.resolved = (surface.text, speaker, mention, role)
    for attribution in attributions:
        if attribution.inherit_from is not None:
            attribution.resolved = attribution.inherit_from.resolved
            attribution.cue_text = attribution.inherit_from.cue_text


def extract_quotes(doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention]) -> QuoteExtraction:
    """Direct, partial and indirect quotes with resolved speakers; anomalies instead of exceptions."""
    art = _Article(doc, blocks, mentions)
    quoted, anomalies = pair_quote_marks(art.text, blocks)
    attributions = _quote_attributions(art, quoted)
    quote_cues = {a.cue.i for a in attributions if a.cue is not None}
    attributions.extend(_indirect_attributions(art, quote_cues))
    attributions = _attach_floating(art, attributions)
    _resolve_speakers(art, attributions)
    attributions.sort(key=lambda a: a.start_char)
    # Two cues can report the same words (`he said, adding that …` read from two verbs): one quote per span.
    seen: set[tuple[int, int, str]] = set()
    attributions = [
        a
        for a in attributions
        if (a.start_char, a.end_char, a.kind) not in seen and not seen.add((a.start_char, a.end_char, a.kind))
    ]
    quotes = [
        Quote(
            start_char=a.start_char,
            end_char=a.end_char,
            text=a.text,
            kind=a.kind,
            cue=a.cue_text,
            speaker_surface=a.resolved[0],
            speaker=a.resolved[1],
            speaker_mention_start=a.resolved[2].start_char if a.resolved[2] is not None else None,
            speaker_role=a.resolved[3],
            block_kind=a.block_kind,
        )
        for a in attributions
    ]
    return QuoteExtraction(quotes=quotes, anomalies=anomalies)
