"""The discourse model on real sentences: what the article states about its people and organisations, and
the references resolved through it (`pipeline/extract/discourse/`)."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from pipeline.extract.discourse import Discourse, Reference
from pipeline.extract.discourse.resolve import organisation_description, stated_role
from pipeline.extract.entities import extract_mentions
from pipeline.extract.learned import MODELS, load_model
from tests.test_rule_examples import paragraphs


def discourse_of(nlp: Language, text: str) -> Discourse:
    doc = nlp(text)
    blocks = paragraphs(text)
    return Discourse(doc, extract_mentions(doc, blocks), blocks)


def referent(discourse: Discourse, name: str):
    return next(r for r in discourse.referents if r.name == name)


def test_roles_ages_and_sex_come_from_the_words_beside_a_name(nlp: Language) -> None:
    discourse = discourse_of(
        nlp,
        "Kevin Yearout, 51, co-owner and chief executive officer of Yearout Mechanical Inc., has added jobs. "
        "Prime Minister Tony Blair said on Monday that the plan would work.",
    )
    yearout = referent(discourse, "Kevin Yearout")
    assert 51 in yearout.ages
    assert yearout.gender == "male"  # the census gives Kevin to men
    blair = referent(discourse, "Tony Blair")
    assert [role.words for role in blair.roles] == [("prime", "minister")]


def test_a_surname_alone_is_the_one_person_of_that_surname(nlp: Language) -> None:
    discourse = discourse_of(
        nlp,
        "Architect Marwan Al-Sayed designed the house.\n\nAl-Sayed used limestone for the courtyard floor.",
    )
    assert [r.name for r in discourse.referents if r.type == "PERSON"] == ["Marwan Al-Sayed"]


def test_a_party_alias_is_the_party(nlp: Language) -> None:
    discourse = discourse_of(nlp, "The Tories said the Conservative Party would cut taxes.")
    assert [r.name for r in discourse.referents if r.type == "ORG"] == ["Conservative Party"]


def test_a_role_stated_before_resolves_the_description(nlp: Language) -> None:
    text = (
        "Chancellor Gordon Brown visited Tanzania.\n\nThe chancellor said the UK would make similar offers."
    )
    discourse = discourse_of(nlp, text)
    head = next(t for t in discourse.doc if t.lower_ == "chancellor" and t.i > 5)
    link = stated_role(Reference(discourse, head, discourse.doc[head.i - 1 : head.i + 1]))
    assert link is not None and (link.referent.name, link.evidence) == ("Gordon Brown", "stated_role")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US Airways cut 2,000 jobs.\n\nThe airline said fuel costs had doubled.", "US Airways"),
        ("Shares in Cairn Energy have jumped.\n\nThe company said the oilfield was larger.", "Cairn Energy"),
    ],
)
def test_an_organisation_description_goes_to_the_organisation_it_fits(
    nlp: Language, text: str, expected: str
) -> None:
    discourse = discourse_of(nlp, text)
    head = next(t for t in discourse.doc if t.lower_ in ("airline", "company"))
    link = organisation_description(Reference(discourse, head, discourse.doc[head.i - 1 : head.i + 1]))
    assert link is not None and link.referent.name == expected


@pytest.mark.parametrize("model", ["quote_speech", "quote_source"])
def test_the_shipped_models_know_where_they_come_from(model: str) -> None:
    document = json.loads((MODELS / f"{model}.json").read_text(encoding="utf-8"))
    assert {"about", "trained", "seed", "metrics"} <= document.keys()
    loaded = load_model(model)
    assert len(loaded.weights) == len(document["features"]) > 20
    assert 0.0 < loaded.threshold < 1.0
