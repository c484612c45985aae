"""Who is the source of a cue: candidates are generated from the cue's sentence (its grammatical subject
as the rules find it, every other noun phrase head outside quotes, the name beside the cue), and a model
trained on PolNeAR's gold Source spans (`quote_source`) picks the one most likely to be the source.

Each candidate's features and probability are kept with the article's decisions, grouped by the cue.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.learned import load_model
from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.grammar import speaker_subject
from pipeline.extract.quotes.lexicon import MAX_SOURCE_CANDIDATES, SOURCE_MODEL
from pipeline.extract.quotes.records import QuoteDecision
from pipeline.vocabulary import GROUP_PRONOUNS, PERSON_PRONOUNS

Features = dict[str, float]
#: Dependency labels of the noun phrase heads that may be a source.
_SOURCE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "npadvmod", "poss", "agent"}
)
_DISTANCE_BINS = ((1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"))


def choose_source(art: QuoteArticle, cue: Token) -> Token | None:
    """The candidate the source model scores highest (the rules' choice when no model weighs in)."""
    ruled = speaker_subject(art, cue)
    candidates = source_candidates(art, cue, ruled)
    if not candidates:
        return None
    model = load_model(SOURCE_MODEL)
    best, best_probability = None, -1.0
    for candidate in candidates:
        features = source_features(art, cue, candidate, ruled)
        probability = model.probability(features)
        art.decisions.append(
            QuoteDecision(
                SOURCE_MODEL, candidate.idx, candidate.idx + len(candidate), features, probability, cue.idx
            )
        )
        if probability > best_probability:
            best, best_probability = candidate, probability
    return best


def source_candidates(art: QuoteArticle, cue: Token, ruled: Token | None) -> list[Token]:
    """The rules' choice, then the heads of noun phrases in the cue's sentence outside quotes, nearest first."""
    sentence = cue.sent
    found: list[Token] = [ruled] if ruled is not None else []
    heads = [
        t
        for t in sentence
        if t.i != cue.i
        and not art.quoted[t.i]
        and t.pos_ in ("PROPN", "NOUN", "PRON")
        and t.dep_ in _SOURCE_DEPS
        and (t.pos_ != "PROPN" or t.head.i == t.i or t.head.pos_ != "PROPN" or t.dep_ != "compound")
    ]
    heads.sort(key=lambda t: abs(t.i - cue.i))
    for token in heads:
        if token not in found:
            found.append(token)
        if len(found) >= MAX_SOURCE_CANDIDATES:
            break
    return found


def source_features(art: QuoteArticle, cue: Token, candidate: Token, ruled: Token | None) -> Features:
    """What says a candidate is the source of a cue: how it hangs from the cue, what it is, where it is."""
    features: Features = {f"dep={candidate.dep_}": 1.0, f"pos={candidate.pos_}": 1.0}
    _flag(features, "ruled", candidate is ruled or (ruled is not None and candidate.i == ruled.i))
    _flag(features, "child_of_cue", candidate.head.i == cue.i)
    _flag(features, "subject_of_cue", candidate.head.i == cue.i and candidate.dep_ in ("nsubj", "nsubjpass"))
    _flag(features, "agent_of_cue", candidate.head.head.i == cue.i and candidate.head.lower_ == "by")
    _flag(
        features, "according_to", candidate.head.lower_ == "to" and candidate.head.head.lower_ == "according"
    )
    _flag(features, "before_cue", candidate.i < cue.i)
    distance = abs(candidate.i - cue.i)
    features[f"distance={next((label for top, label in _DISTANCE_BINS if distance <= top), '13+')}"] = 1.0
    mention = art.mention_covering(candidate)
    features[f"mention={mention.type if mention is not None else 'none'}"] = 1.0
    lower = candidate.lower_
    _flag(features, "person_pronoun", lower in PERSON_PRONOUNS)
    _flag(features, "group_pronoun", lower in GROUP_PRONOUNS)
    _flag(features, "it_pronoun", lower in ("it", "this", "that", "which", "who"))
    _flag(features, "plural_noun", candidate.tag_ in ("NNS", "NNPS"))
    _flag(
        features, "sentence_subject", candidate.head.i == candidate.sent.root.i and candidate.dep_ == "nsubj"
    )
    _flag(features, "head_is_verb", candidate.head.pos_ in ("VERB", "AUX"))
    _flag(features, "head_is_noun", candidate.head.pos_ in ("NOUN", "PROPN"))
    _flag(features, "capitalised", candidate.text[:1].isupper())
    features[f"cue_pos={cue.pos_}"] = 1.0
    features[f"dep={candidate.dep_}|child_of_cue={int(candidate.head.i == cue.i)}"] = 1.0
    return features


def _flag(features: Features, name: str, value: bool) -> None:
    if value:
        features[name] = 1.0
