"""One type per name in an article: what the name itself says over the tagger's guess (a head word, a
well-known place, a common given name), then every spelling of one name takes the type most of its
mentions carry, with person evidence first and `in Sumy` voting for a place."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from pipeline.extract.entities.lexicon import (
    CLUB_WORDS,
    EVENT_HEAD_WORDS,
    HOLIDAYS,
    LOCATIVE_PREPOSITIONS,
    ORG_HEAD_WORDS,
    PLACE_HEAD_WORDS,
    TEAM_NOUNS,
    TEAM_VERBS,
)
from pipeline.extract.entities.records import Candidate
from pipeline.nlp.lexicon import ORGANISATION_ALIASES, given_names, is_place, personal_names
from pipeline.nlp.names import name_key

_ORGANISATION_ALIAS_KEYS = frozenset(
    name_key(alias) for canonical, aliases in ORGANISATION_ALIASES.items() for alias in (canonical, *aliases)
)


def retype_by_name(doc: Doc, candidates: Sequence[Candidate]) -> None:
    """What the name itself says, over the tagger's guess: an event's, a place's or an organisation's head
    word (`Summit`, `Opera House`, `Foundation`, `United`), a holiday (`Kwanzaa`), a well-known place
    (`Kyiv`), or a common given name opening a two- or three-word name (`Carly Fiorina`, tagged an
    organisation)."""
    for c in candidates:
        if c.role is not None or c.settled:
            continue
        tokens = doc[c.start : c.end]
        last = tokens[-1].lower_
        place = is_place(tokens.text)  # `New York City` and `Cape Town` are not clubs
        if name_key(tokens.text) in _ORGANISATION_ALIAS_KEYS:  # `Lib Dems`, `Tories`: a party
            c.type = "ORG"
        elif (len(tokens) > 1 and last in EVENT_HEAD_WORDS) or tokens.text.lower() in HOLIDAYS:
            c.type = "EVENT"
        elif len(tokens) > 1 and last in PLACE_HEAD_WORDS and c.type in ("PERSON", "ORG"):
            c.type = "PLACE"
        elif (len(tokens) > 1 and last in ORG_HEAD_WORDS and not place) or is_club_name(tokens):
            c.type = "ORG"
        elif c.type != "PLACE" and place and not _followed_by_club_word(doc, c):
            # A lone word the tagger called a person stays one when it is a common surname (`Warren`).
            if not (c.type == "PERSON" and len(tokens) == 1 and tokens[0].lower_ in personal_names()):
                c.type = "PLACE"
        elif (
            c.type != "PERSON"
            and 2 <= len(tokens) <= 3
            and tokens[0].lower_ in given_names()
            and all(t.is_title and t.pos_ == "PROPN" for t in tokens)
            and not is_place(tokens.text)
        ):
            c.type = "PERSON"


def is_club_name(name: Span) -> bool:
    """`Leeds United`, `Man City`, `Aston Villa`: a club word ends the name, and the whole is not a place
    (`New York City`, `Cape Town`)."""
    return len(name) > 1 and name[-1].lower_ in CLUB_WORDS and not is_place(name.text)


def _followed_by_club_word(doc: Doc, c: Candidate) -> bool:
    return c.end < len(doc) and doc[c.end].is_title and is_club_name(doc[c.start : c.end + 1])


def teams_named_after_places(doc: Doc, candidates: Sequence[Candidate]) -> None:
    """A place's name used as a team is an organisation in its article: the subject or object of a match
    verb (`Cleveland beat Pittsburgh`) or the modifier of a team noun (`Liverpool manager Rafael Benitez`)
    anywhere in the article makes every mention of that name the team."""
    team_keys = set()
    for c in candidates:
        if c.type != "PLACE" or c.settled:
            continue
        head = doc[c.end - 1]
        verb = head.head
        match_verb = head.dep_ in ("nsubj", "dobj", "nsubjpass") and verb.lemma_.lower() in TEAM_VERBS
        team_noun = head.dep_ in ("poss", "compound") and verb.lemma_.lower() in TEAM_NOUNS
        if match_verb or team_noun:
            team_keys.add(name_key(doc[c.start : c.end].text))
    for c in candidates:
        if c.type == "PLACE" and not c.settled and name_key(doc[c.start : c.end].text) in team_keys:
            c.type = "ORG"


def unify_types(doc: Doc, candidates: Sequence[Candidate], full_names: dict[str, str]) -> None:
    """One type per name: person evidence first, then the majority of the name's NER labels."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        key = name_key(doc[c.start : c.end].text)
        completes_person = name_key(doc[c.end - 1].text) in full_names
        if c.type != "EVENT" and completes_person and not c.settled:
            c.type = "PERSON"
        by_key[key].append(c)
    for group in by_key.values():
        settled = [c.type for c in group if c.settled]
        if settled:
            for c in group:
                c.type = settled[0]
            continue
        types = Counter(c.type for c in group)
        # `in Sumy`: a bare name after a locative preposition votes for a place.
        types["PLACE"] += 2 * sum(_after_locative_preposition(doc, c) for c in group if c.type == "ORG")
        winner = "PERSON" if types["PERSON"] and any(c.role for c in group) else types.most_common(1)[0][0]
        for c in group:
            c.type = winner


def _after_locative_preposition(doc: Doc, c: Candidate) -> bool:
    head = doc[c.end - 1]
    if head.dep_ == "conj":
        head = head.head
    return c.end - c.start == 1 and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS
