"""Quote extraction and speaker attribution on PolNeAR dev (84 US political news articles, gold attributions).

Measured, never tuned on: rules are tuned on the train split. Scoring rules are in evaluation/polnear.py.
"""

from pathlib import Path

import pytest

from evaluation.polnear import (
    QuoteScores,
    annotated_articles,
    quoted_segments,
    raw_to_clean_offsets,
    read_attributions,
    score_article,
)
from evaluation.polnear_docs import score_split
from pipeline.article.parsing import parse_article


@pytest.fixture(scope="module")
def dev_scores():
    return score_split("dev")


@pytest.mark.slow
def test_direct_quotes_are_found_at_f1_096(dev_scores) -> None:
    assert dev_scores.articles == 84
    assert dev_scores.quote_f1 >= 0.96, dev_scores.summary()


@pytest.mark.slow
def test_named_speakers_are_right_nine_times_in_ten(dev_scores) -> None:
    assert dev_scores.speaker_accuracy >= 0.91, dev_scores.summary()


@pytest.mark.slow
def test_attributions_including_indirect_speech(dev_scores) -> None:
    assert dev_scores.attribution_recall >= 0.53, dev_scores.summary()
    assert dev_scores.attribution_precision >= 0.88, dev_scores.summary()


def test_a_bare_quote_mark_regex_scores_as_the_issue_says(shared_dir: Path) -> None:
    """Calibration of the scorer: every quoted string as a quote gives F1 about 0.96 (issue 3)."""
    total = QuoteScores()
    for name, raw, ann in annotated_articles(shared_dir / "corpus" / "polnear" / "dev"):
        clean = parse_article(raw).text
        predictions = [
            {"kind": "direct", "start_char": s, "end_char": e, "text": clean[s:e], "speaker_local": None}
            for s, e in quoted_segments(clean)
        ]
        mapping = raw_to_clean_offsets(raw, clean)
        total.add(score_article(name, clean, mapping, predictions, read_attributions(ann, raw), raw))
    assert 0.93 <= total.quote_f1 <= 0.98, total.summary()
