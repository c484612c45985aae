"""Candidate spans of names: the tagger's entities cleaned (a paragraph break, a leading `the`, a
hyphenated suffix, an amount taken for a place), teams in results tables, proper nouns beside places,
names split at `and` and at possessives, and occurrences the tagger missed of a name it tagged elsewhere
in the article."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from pipeline.article.blocks import BlockIndex
from pipeline.extract.entities.entity_types import is_club_name
from pipeline.extract.entities.lexicon import (
    CALENDAR_WORDS,
    LABEL_TYPES,
    NAME_HEAD_WORDS,
    NAME_SUFFIX_WORDS,
    NAMES_WITH_THE,
    PLACE_HEAD_NOUNS,
    RESULT_LINE,
    STANDINGS_LINE,
)
from pipeline.extract.entities.records import Candidate
from pipeline.extract.entities.roles import is_title_token, is_title_word
from pipeline.nlp.lexicon import HOME_NATIONS, canonical_country, is_place
from pipeline.nlp.names import name_key


def candidate_from_entity(doc: Doc, ent: Span) -> Candidate | None:
    entity_type = LABEL_TYPES.get(ent.label_)
    if entity_type is None:
        return None
    start, end = ent.start, ent.end
    # A span running over a paragraph break is two things; keep what precedes the break.
    for i in range(start, end):
        if "\n" in doc[i].text_with_ws and i + 1 < end:
            end = i + 1
            break
    if doc[start].lower_ == "the" and not (end - start == 2 and doc[start + 1].lower_ in NAMES_WITH_THE):
        start += 1
    # `Donald Trump-led`: a hyphenated suffix is not part of the name.
    if end - start >= 3 and doc[end - 2].text == "-" and doc[end - 1].lower_ in NAME_SUFFIX_WORDS:
        end -= 2
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end <= start or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[start:end]):
        return None
    if any(t.like_num or t.is_currency for t in doc[start:end]) and not doc[start].is_alpha:
        return None  # `HK$6.31bn`: an amount the tagger took for a place
    # `Ukrainian` authorities: a demonym adjective is not a place.
    if all(t.pos_ == "ADJ" for t in doc[start:end]):
        return None
    return Candidate(start, end, entity_type)


def with_table_teams(doc: Doc, candidates: list[Candidate], index: BlockIndex) -> list[Candidate]:
    """Sports results and standings lines (`Leeds 0 Chelsea 2`, `Arsenal 17 10 5 2 31 14 35`) name
    teams, which the tagger misses without a sentence around them: clubs are organisations, national
    sides keep their country's place type."""
    teams: list[Candidate] = []
    for block in index.extractable():
        pattern = RESULT_LINE if RESULT_LINE.match(block.text) else STANDINGS_LINE
        match = pattern.match(block.text)
        if match is None:
            continue
        for group in ("home", "away"):
            if match.groupdict().get(group) is None:
                continue
            span = doc.char_span(block.start_char + match.start(group), block.start_char + match.end(group))
            if span is not None:
                team_type = "PLACE" if canonical_country(span.text) or span.text in HOME_NATIONS else "ORG"
                teams.append(Candidate(span.start, span.end, team_type, settled=True))
    if not teams:
        return candidates
    in_teams = covered_tokens(teams)
    kept = [c for c in candidates if not any(i in in_teams for i in range(c.start, c.end))]
    return sorted(kept + teams, key=lambda c: c.start)


def split_coordinated_names(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """`Dell and Hewlett-Packard`: one span over two names, when the article names either alone."""
    alone = {name_key(doc[c.start : c.end].text) for c in candidates}
    result = []
    for c in candidates:
        joiner = next((i for i in range(c.start + 1, c.end - 1) if doc[i].lower_ in ("and", "&")), None)
        if joiner is not None:
            left, right = Candidate(c.start, joiner, c.type), Candidate(joiner + 1, c.end, c.type)
            if {name_key(doc[x.start : x.end].text) for x in (left, right)} & alone:
                result.extend((left, right))
                continue
        result.append(c)
    return result


def split_at_possessives(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """`Kyiv’s European` and `Leeds' Elland Road`: a possessive inside a span ends one name when what
    precedes it is a name of its own (a place, or a name the article uses alone); what follows is another
    name only if it has a proper noun (`European` alone is an adjective). A possessive inside an
    organisation's or an event's name stays (`Women's Tennis Association`, `Moody's Analytics Inc.`,
    `Macy's Thanksgiving Day Parade`), as it does after a word that is no name alone (`St Stephen's Green`)."""
    alone = {name_key(doc[c.start : c.end].text) for c in candidates}
    result = []
    for c in candidates:
        cut = next((i for i in range(c.start + 1, c.end - 1) if doc[i].tag_ == "POS"), None)
        if cut is None:
            result.append(c)
            continue
        before = doc[c.start : cut].text
        names_owner = is_place(before) or name_key(before) in alone
        if doc[c.end - 1].lower_ in NAME_HEAD_WORDS or not names_owner:
            result.append(c)
            continue
        result.append(Candidate(c.start, cut, c.type))
        if any(t.pos_ == "PROPN" for t in doc[cut + 1 : c.end]):
            result.append(Candidate(cut + 1, c.end, c.type))
    return result


def is_in_title(doc: Doc, c: Candidate) -> bool:
    """`State` in `Secretary of State John Kerry` belongs to the title, not a mention of its own."""
    return (
        c.end - c.start == 1
        and c.start >= 2
        and doc[c.start - 1].lower_ == "of"
        and is_title_word(doc[c.start - 2])
        and c.role is None
    )


def proper_nouns_beside_places(doc: Doc, candidates: list[Candidate], index: BlockIndex) -> list[Candidate]:
    """Capitalised proper nouns coordinated with a mention, or naming a region, that NER missed."""
    covered = covered_tokens(candidates)
    type_of_token = {i: c.type for c in candidates for i in range(c.start, c.end)}
    found: list[Candidate] = []
    for i in np.flatnonzero(doc.to_array(POS) == PROPN).tolist():  # no Token object for the other tokens
        token = doc[i]
        if i in covered or is_title_token(token):
            continue
        if not index.is_extractable(token.idx):
            continue
        entity_type = None
        if token.dep_ == "conj" and token.head.i in type_of_token:
            entity_type = type_of_token[token.head.i]
        elif token.dep_ in ("compound", "nmod", "amod") and token.head.lower_ in PLACE_HEAD_NOUNS:
            entity_type = "PLACE"
        if entity_type:
            found.append(Candidate(token.i, token.i + 1, entity_type))
            covered.add(token.i)
    # A proper noun modifying a region noun is a place even when NER gave it another type.
    for candidate in candidates:
        head = doc[candidate.end - 1]
        if (head.dep_ in ("compound", "nmod") and head.head.lower_ in PLACE_HEAD_NOUNS) or (
            head.dep_ == "conj" and any(f.start == head.head.i and f.type == "PLACE" for f in found)
        ):
            candidate.type = "PLACE"
    return found


def covered_tokens(candidates: Sequence[Candidate]) -> set[int]:
    return {i for c in candidates for i in range(c.start, c.end)}


def untagged_person_names(doc: Doc, candidates: list[Candidate], index: BlockIndex) -> list[Candidate]:
    """Occurrences the tagger missed of a name it tagged elsewhere in the article (`UPI`, `Leeds
    United`, and `Leeds` for the club), and of a known person's surname: once named, a name is a name
    every time it is written."""
    texts = [t.text for t in doc]  # one pass: indexing `doc` makes a new Token object each time
    surnames = {name_key(texts[c.end - 1]) for c in candidates if c.type == "PERSON" and c.end - c.start > 1}
    tagged: dict[tuple[str, ...], str] = {}
    for c in candidates:
        words = tuple(texts[c.start : c.end])
        if words[0][:1].isupper() and not (len(words) == 1 and words[0] in CALENDAR_WORDS):
            tagged.setdefault(words, c.type)
        if c.type == "ORG" and is_club_name(doc[c.start : c.end]):
            tagged.setdefault(words[:-1], "ORG")  # `Leeds` for `Leeds United`
    longest = max((len(w) for w in tagged), default=0)
    covered = covered_tokens(candidates)
    found: list[Candidate] = []
    i = 0
    while i < len(texts):
        if i in covered or not texts[i][:1].isupper() or not index.is_extractable(doc[i].idx):
            i += 1
            continue
        match = next(
            (
                (n, tagged[words])
                for n in range(min(longest, len(texts) - i), 0, -1)
                if (words := tuple(texts[i : i + n])) in tagged
                and not any(j in covered for j in range(i, i + n))
            ),
            None,
        )
        if match is None and doc[i].pos_ == "PROPN" and name_key(texts[i]) in surnames:
            match = (1, "PERSON")
        if match is None:
            i += 1
            continue
        found.append(Candidate(i, i + match[0], match[1]))
        i += match[0]
    return found
