"""The hand-made BBC figures reference set is well-formed: each annotation can be found in its article."""

import json
from pathlib import Path

from evaluation.figures import REFERENCE, score_bbc_figures
from evaluation.scoring import ratio
from pipeline.article.decoding import decode_article_bytes
from pipeline.vocabulary import FIGURE_KINDS


def test_reference_set_covers_five_topics_and_every_surface_is_in_its_article(shared_dir: Path) -> None:
    articles = json.loads(REFERENCE.read_text(encoding="utf-8"))["articles"]
    assert len(articles) >= 15
    assert {name.split("/")[0] for name in articles} == {
        "business",
        "entertainment",
        "politics",
        "sport",
        "tech",
    }
    for name, annotation in articles.items():
        text = decode_article_bytes((shared_dir / "corpus" / "bbc" / f"{name}.txt").read_bytes()).text
        for figure in annotation["figures"]:
            assert figure["surface"] in text, (name, figure)
            assert figure["kind"] in FIGURE_KINDS, (name, figure)
            assert isinstance(figure["value"], int | float), (name, figure)


def test_figures_meet_the_issue_targets_on_the_reference_set(shared_dir: Path) -> None:
    """Issue 4: value-with-unit precision and recall of at least 0.90 on the hand-made BBC set."""
    scores = score_bbc_figures(shared_dir / "corpus" / "bbc")
    assert ratio(scores.unit_matches, scores.predicted) >= 0.90, scores.summary()
    assert ratio(scores.unit_matches, scores.gold) >= 0.90, scores.summary()
    assert ratio(scores.qualifiers_right, scores.unit_matches) >= 0.90, scores.summary()
