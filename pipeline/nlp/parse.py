"""Articles through spaCy: each article's text re-cased for the tagger, parsed in bounded batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.article.blocks import Block
from pipeline.nlp.casing import text_for_nlp

#: Characters spaCy parses at once. Its activations grow with the tokens in a minibatch: 64 long articles
#: at once peaked about 800 MB above the model, 50,000 characters about 170 MB, at the same speed.
NLP_BATCH_CHARS = 50_000


def parse_articles(nlp: Language, articles: Iterable[tuple[str, Sequence[Block]]]) -> Iterator[Doc]:
    """One Doc per (text, blocks), in order; offsets into the Doc are offsets into the article text (the
    re-casing keeps every character in place)."""
    texts = [text_for_nlp(text, blocks) for text, blocks in articles]
    return chain.from_iterable(nlp.pipe(group) for group in groups_of_chars(texts, NLP_BATCH_CHARS))


def groups_of_chars(texts: list[str], budget: int) -> Iterator[list[str]]:
    """Consecutive texts in groups of at most `budget` characters (a longer text is a group of its own)."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > budget:
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group
