"""One full name per name in an article: a surname or a given name stands for the fullest person name the
article gives (`Lavrov` -> `Sergey Lavrov`, `Hillary` when one Hillary is named), a place for the club
named after it (`Leeds` -> `Leeds United`), a country for its canonical name (`Britain` -> `United
Kingdom`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.article.blocks import BlockIndex
from pipeline.extract.entities.entity_types import is_club_name
from pipeline.extract.entities.lexicon import CLUB_WORDS
from pipeline.extract.entities.records import Candidate, Mention
from pipeline.nlp.lexicon import canonical_country, given_names
from pipeline.nlp.names import name_key, strip_possessive


def club_names(doc: Doc, candidates: Sequence[Candidate]) -> dict[str, str]:
    """Place key -> club name, for clubs named after a place in this article (`Leeds` -> `Leeds United`):
    the bare place name then stands for the club."""
    clubs: dict[str, str] = {}
    for c in candidates:
        tokens = doc[c.start : c.end]
        if c.type == "ORG" and is_club_name(tokens):
            clubs.setdefault(name_key(tokens[:-1].text), clean_name(tokens.text))
    return clubs


def person_full_names(doc: Doc, candidates: Sequence[Candidate]) -> dict[str, str]:
    """Surname key -> the fullest person name in the article ending with it."""
    full: dict[str, str] = {}
    for c in candidates:
        if c.end - c.start < 2:
            continue
        is_person = c.type == "PERSON" or c.role is not None
        if not is_person:
            continue
        name = clean_name(doc[c.start : c.end].text)
        surname = name_key(doc[c.end - 1].text)
        if len(name) > len(full.get(surname, "")):
            full[surname] = name
    return full


def names_by_given_name(full_names: dict[str, str]) -> dict[str, str]:
    """Given-name key -> full name, for given names only one person in the article has (`Hillary`)."""
    by_given: dict[str, set[str]] = defaultdict(set)
    for name in full_names.values():
        first = name_key(name.split()[0])
        if first in given_names():
            by_given[first].add(name)
    return {first: next(iter(names)) for first, names in by_given.items() if len(names) == 1}


def to_mention(doc: Doc, c: Candidate, short_names: dict[str, str], index: BlockIndex) -> Mention:
    """`short_names` maps the key of a short form to the article's full name: a surname or a given name
    to a person (`Lavrov`, `Hillary`), a place to the club named after it (`Leeds`)."""
    span = doc[c.start : c.end]
    surface = span.text
    name = clean_name(surface)
    full_name = short_names.get(name_key(name)) if c.end - c.start == 1 else None
    club = full_name is not None and full_name.split()[-1].lower() in CLUB_WORDS
    if full_name is not None and (c.type == "PERSON" or club):
        name = full_name
        c.type = "ORG" if club else "PERSON"
    elif c.type == "PLACE":
        name = canonical_country(name) or name
    block_kind = index.kind_at(span.start_char) or "body"
    return Mention(span.start_char, span.end_char, surface, name, c.type, c.role, block_kind)


def clean_name(text: str) -> str:
    return strip_possessive(" ".join(text.split())).strip(" ,.;:")
