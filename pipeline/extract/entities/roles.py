"""Titles and roles written with a name: `US General Alexus Grynkewich` is the person Alexus Grynkewich with
the role `US General`; `Secretary of State` is a title, not a mention of a state."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extract.entities.lexicon import TITLE_MODIFIERS, TITLE_WORDS
from pipeline.extract.entities.records import Candidate


def split_role(doc: Doc, candidate: Candidate) -> None:
    """Move a title out of a name (`US General Alexus Grynkewich`) and record it, with the one before it."""
    original_start = candidate.start
    # `Office of the Secretary of State` is a name with a title inside it, not a title before a name.
    last_title = max(
        (
            i
            for i in range(candidate.start, candidate.end - 1)
            if is_title_word(doc[i]) and doc[i + 1].text[:1].isupper()
        ),
        default=None,
    )
    if last_title is not None:
        candidate.start = last_title + 1
        candidate.type = "PERSON"
    if candidate.type != "PERSON" and candidate.end - candidate.start > 1:
        return
    outer = original_start
    sentence_start = doc[original_start].sent.start
    while outer > sentence_start and is_title_token(doc[outer - 1]):
        outer -= 1
    role_tokens = doc[outer : candidate.start]
    if any(is_title_word(t) for t in role_tokens):
        candidate.role = role_tokens.text
        candidate.type = "PERSON"


def is_title_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.lower_.rstrip(".") in TITLE_WORDS


def is_title_token(token: Token) -> bool:
    """A word that can stand in a title before a name: `Russian`, `Foreign`, `Minister`, `US`."""
    if not token.text[:1].isupper() or token.pos_ == "DET":
        return False
    word = token.lower_.rstrip(".")
    return word in TITLE_WORDS or word in TITLE_MODIFIERS or token.ent_type_ in ("NORP", "GPE")
