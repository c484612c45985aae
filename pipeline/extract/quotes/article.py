"""The parsed article with the look-ups every quote rule needs, built once in linear time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from pipeline.article.blocks import Block, BlockIndex
from pipeline.extract.discourse import Discourse
from pipeline.extract.entities import Mention
from pipeline.extract.quotes.lexicon import PHRASAL_ONLY_VERBS, SPEAKER_ENTITY_TYPES, SPEECH_VERBS
from pipeline.extract.quotes.records import QuoteDecision


def is_speech_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return (
        token.pos_ == "VERB"
        and lemma in SPEECH_VERBS
        and lemma not in PHRASAL_ONLY_VERBS
        and token.dep_ not in ("amod", "acl")
    )


class QuoteArticle:
    """The parsed article with the look-ups every rule needs, built once in linear time."""

    def __init__(self, doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.text = doc.text
        self.blocks = BlockIndex(blocks)
        self.discourse = Discourse(doc, mentions, blocks)
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
        #: The learned decisions taken in this article, for training and inspection.
        self.decisions: list[QuoteDecision] = []
        #: Pronouns and descriptions resolved to a referent, by start: mentions of it.
        self.references: dict[int, Mention] = {}

    def block_at(self, char: int) -> Block | None:
        return self.blocks.block_at(char)

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

    def previous_block(self, block: Block) -> Block | None:
        """The block before `block` (blocks are separated by a blank line)."""
        return self.block_at(block.start_char - 3)
