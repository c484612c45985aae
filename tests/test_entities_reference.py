"""The hand-made entity reference set is well-formed, and the pipeline meets issue 5's targets on it."""

import json
from pathlib import Path

from evaluation.entities import REFERENCE, SCORED_TYPES, article_path, score_reference
from pipeline.article.decoding import decode_article_bytes

TYPES = {*SCORED_TYPES, "EVENT"}


def test_reference_set_spans_both_corpora_and_every_form_is_in_its_article(shared_dir: Path) -> None:
    articles = json.loads(REFERENCE.read_text(encoding="utf-8"))["articles"]
    assert len(articles) >= 15
    assert {name.split("/")[0] for name in articles} == {"bbc", "polnear"}
    for name, annotation in articles.items():
        text = decode_article_bytes(article_path(shared_dir / "corpus", name).read_bytes()).text
        for entity in annotation["entities"]:
            assert entity["type"] in TYPES, (name, entity)
            assert all(form in text for form in entity["forms"]), (name, entity)


def test_mentions_meet_the_issue_target_and_entities_resolve(shared_dir: Path) -> None:
    """Issue 5: mention F1 of at least 0.85 on PERSON/ORG/PLACE; no two gold entities merged."""
    scores = score_reference(shared_dir / "corpus")
    assert scores.f1 >= 0.85, scores.summary()
    assert scores.entities_resolved / scores.entities >= 0.9, scores.summary()
    assert scores.false_merges == 0, scores.summary()
