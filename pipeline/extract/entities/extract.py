"""The entity extractor: the passes over one parsed article, in order."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.article.blocks import Block, BlockIndex
from pipeline.extract.entities.entity_types import retype_by_name, teams_named_after_places, unify_types
from pipeline.extract.entities.names import club_names, names_by_given_name, person_full_names, to_mention
from pipeline.extract.entities.records import Mention
from pipeline.extract.entities.roles import split_role
from pipeline.extract.entities.spans import (
    candidate_from_entity,
    is_in_title,
    proper_nouns_beside_places,
    split_at_possessives,
    split_coordinated_names,
    untagged_person_names,
    with_table_teams,
)


def extract_mentions(doc: Doc, blocks: Sequence[Block]) -> list[Mention]:
    """Mentions of people, organisations, places and events outside page furniture."""
    index = BlockIndex(blocks)
    candidates = [c for ent in doc.ents if (c := candidate_from_entity(doc, ent)) is not None]
    candidates = [c for c in candidates if index.is_extractable(doc[c.start].idx)]
    candidates = with_table_teams(doc, candidates, index)
    candidates.extend(proper_nouns_beside_places(doc, candidates, index))
    for candidate in candidates:
        split_role(doc, candidate)
        if index.kind_at(doc[candidate.start].idx) == "byline":
            candidate.type = "PERSON"
    candidates = split_at_possessives(doc, split_coordinated_names(doc, candidates))
    candidates = [c for c in candidates if not is_in_title(doc, c)]
    retype_by_name(doc, candidates)
    candidates.extend(untagged_person_names(doc, candidates, index))
    candidates.sort(key=lambda c: c.start)
    full_names = person_full_names(doc, candidates)
    unify_types(doc, candidates, full_names)
    teams_named_after_places(doc, candidates)
    short_names = {**names_by_given_name(full_names), **full_names, **club_names(doc, candidates)}
    return [to_mention(doc, c, short_names, index) for c in candidates]
