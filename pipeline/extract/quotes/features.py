"""Features of the learned quote decisions (`pipeline/extract/learned.py`): what the parse and the
candidates say about one quoted string (is it speech?). The same functions feed training
(`training/quote_models.py`) and the pipeline, so the model sees at run time what it was trained on.

Every feature is a name and a number (mostly 0/1); a feature absent from the dict is 0.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipeline.extract.quotes.cues import is_naming
from pipeline.extract.quotes.grammar import grammatical_subject
from pipeline.extract.quotes.lexicon import (
    CLOSING_QUOTES,
    DOUBLE_QUOTES,
    FIRST_PERSON_WORDS,
    HYPOTHETICAL_AUXILIARIES,
    MENTIONING_WORDS,
    NAMING_VERBS,
    POSSESSIVE_DETERMINERS,
    SECOND_PERSON_WORDS,
    TITLE_FUNCTION_WORDS,
)
from pipeline.extract.quotes.site import QuoteSite

Features = dict[str, float]
_WORD = re.compile(r"[^\W_][\w’'-]*")
#: Word-count bins: the model learns a weight per bin instead of assuming a shape.
_LENGTH_BINS = ((1, "1"), (2, "2"), (3, "3"), (6, "4-6"), (12, "7-12"), (30, "13-30"))


def speech_features(site: QuoteSite, found_by: str) -> Features:
    """What says a quoted string is speech (`found_by`: the rule that found its cue, source or quote it
    continues, or `none`)."""
    art, text = site.art, site.text
    doc = art.doc
    tokens = [doc[i] for span in site.ranges for i in span]
    words = _WORD.findall(text)
    n = len(words)
    features: Features = {f"words={_bin(n)}": 1.0, f"found_by={found_by}": 1.0, f"kind={site.kind}": 1.0}
    features[f"block={site.quoted.block.kind}"] = 1.0
    lowered = {t.lower_ for t in tokens}
    stripped = text.rstrip(" ,;:")
    _flag(features, "has_verb", any(t.pos_ in ("VERB", "AUX") for t in tokens))
    _flag(features, "finite_verb", any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens))
    _flag(features, "first_person", bool(lowered & FIRST_PERSON_WORDS) or any(t.text == "I" for t in tokens))
    _flag(features, "second_person", bool(lowered & SECOND_PERSON_WORDS))
    _flag(
        features,
        "title_case",
        n >= 2 and all(w[0].isupper() or w.lower() in TITLE_FUNCTION_WORDS for w in words),
    )
    _flag(features, "capitalised_one_word", n == 1 and words[0][0].isupper())
    _flag(features, "all_caps", sum(c.isalpha() for c in text) >= 2 and text.upper() == text)
    _flag(features, "starts_upper", text[:1].isupper())
    _flag(features, "ends_sentence", stripped.endswith((".", "!", "?", "…")))
    _flag(features, "ends_comma", text.rstrip().endswith(","))
    _flag(features, "question_or_exclamation", stripped.endswith(("?", "!")))
    _flag(features, "several_sentences", re.search(r"[.!?]\s+[A-Z]", text) is not None)
    _flag(features, "has_digit", any(c.isdigit() for c in text))
    proper = sum(t.pos_ == "PROPN" for t in tokens)
    _flag(features, "mostly_proper", bool(tokens) and proper * 2 >= len(tokens))
    preceding = site.preceding.lower().split()
    last = preceding[-1] if preceding else ""
    _flag(features, "after_colon", site.preceding.endswith(":"))
    _flag(features, "opens_sentence", not preceding)
    _flag(features, "naming", is_naming(site.preceding))
    _flag(features, "after_determiner", last in POSSESSIVE_DETERMINERS)
    _flag(features, "after_mentioning_word", last.strip(",:") in MENTIONING_WORDS)
    _flag(features, "after_parenthesis", site.preceding.endswith("("))
    _flag(features, "several_paragraphs", len(site.ranges) > 1)
    cue = site.cue
    _flag(features, "cue_naming_verb", cue is not None and cue.lemma_.lower() in NAMING_VERBS)
    _flag(features, "cue_say", cue is not None and cue.lemma_.lower() == "say")
    if cue is not None:
        _flag(
            features,
            "cue_hypothetical",
            any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUXILIARIES for c in cue.children),
        )
        subject = grammatical_subject(cue)
        _flag(features, "cue_without_subject", subject is None)
        _flag(
            features, "cue_subject_named", subject is not None and art.mention_covering(subject) is not None
        )
        _flag(features, "cue_subject_pronoun", subject is not None and subject.pos_ == "PRON")
    _flag(
        features,
        "term_like",
        n <= 3 and not text[:1].isupper() and not any(t.pos_ in ("VERB", "AUX") for t in tokens),
    )
    after = _token_after(site)
    unpunctuated = not text.rstrip().endswith((",", ".", "!", "?", ";", ":"))
    _flag(features, "before_noun", unpunctuated and after is not None and after.pos_ == "NOUN")
    _flag(features, "before_said_like_verb", after is not None and after.pos_ == "VERB")
    head = _outside_head(site, tokens)
    if head is not None:
        features[f"attached={head[0]}"] = 1.0
        features[f"head_pos={head[1].pos_}"] = 1.0
    others = _other_quotes_in_sentence(site, tokens)
    features[f"other_quotes={min(others, 2)}"] = 1.0
    # Pairs the linear model cannot form itself: a one-word string found by a verb is often a term the
    # reporter attributes (`called it “misandry”`), a long one rarely.
    length = _bin(n)
    features[f"words={length}|found_by={found_by}"] = 1.0
    features[f"kind={site.kind}|found_by={found_by}"] = 1.0
    if head is not None:
        features[f"words={length}|attached={head[0]}"] = 1.0
    return features


def _flag(features: Features, name: str, value: bool) -> None:
    if value:
        features[name] = 1.0


def _bin(n: int) -> str:
    return next((label for top, label in _LENGTH_BINS if n <= top), "31+")


def _token_after(site: QuoteSite) -> Token | None:
    """The first token after the closing mark, in the same paragraph."""
    doc = site.art.doc
    i = site.art.token_at(site.quoted.close_char) + 1
    while i < len(doc) and (doc[i].text in CLOSING_QUOTES or doc[i].text in DOUBLE_QUOTES or doc[i].is_space):
        i += 1
    if i < len(doc) and doc[i].idx < site.quoted.block.end_char:
        return doc[i]
    return None


def _outside_head(site: QuoteSite, tokens: list[Token]) -> tuple[str, Token] | None:
    """How the quote hangs in its sentence: the dependency label of its top token, and that token's head."""
    own = site.own
    for token in tokens:
        if token.head.i not in own and token.head.i != token.i and not token.is_punct:
            return token.dep_, token.head
    return None


def _other_quotes_in_sentence(site: QuoteSite, tokens: list[Token]) -> int:
    if not tokens:
        return 0
    art = site.art
    sentence = tokens[0].sent
    marks = sum(1 for t in sentence if art.quoted[t.i] and t.i not in site.own and t.text in DOUBLE_QUOTES)
    return max(0, marks - 2) // 2  # the quote's own two marks are not inside it
