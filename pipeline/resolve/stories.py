"""Stories: articles from any outlet that tell the same story, found by what they share.

Each article is described by features: the canonical entities it names, the quotes it carries (by their
normalised text) and the figures it states (value and what is counted). A feature that many articles
share says little (`United States`), a rare one says much, so features are weighted by inverse document
frequency. Two articles are one story when the weighted Jaccard similarity of their features reaches
STORY_SIMILARITY and they share at least MIN_SHARED_FEATURES rare features; stories are the connected
groups of such pairs.

Blocking keeps it near-linear: candidate pairs come only from features held by at most
MAX_FEATURE_ARTICLES articles, so no article is compared with every other.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Mapping

import polars as pl

from pipeline.resolve.groups import Groups

#: Weighted Jaccard similarity from which two articles are one story (the two seed articles score 0.63).
STORY_SIMILARITY = 0.2
#: Rare features two articles must share: one shared name is a topic, not a story.
MIN_SHARED_FEATURES = 3
#: Features held by more articles than this never make a candidate pair (they still weigh in the score).
MAX_FEATURE_ARTICLES = 50


def group_stories(
    features: pl.DataFrame,
    article_ids: list[str] | None = None,
    frequency: Mapping[str, int] | None = None,
    article_count: int | None = None,
) -> pl.DataFrame:
    """(`article_id`, `story_id`, `similarity`) for every article of `article_ids` (default: those in
    `features`, a frame of `article_id`, `feature`); an article without features is a story of one.

    `similarity` is the best score that joined the article to its story (1.0 for a story of one). The
    feature weights come from `features` itself, or from the corpus's `frequency` (articles holding each
    feature) and `article_count` when `features` covers only part of it.
    """
    articles = sorted(set(features["article_id"].to_list()) | set(article_ids or []))
    article_count = article_count or len(articles)
    frequency = frequency or dict(
        features.group_by("feature").agg(pl.col("article_id").n_unique()).iter_rows()
    )
    # Articles and features as integer codes, and candidate pairs counted by Polars: at 30,000 articles
    # the pairs of id strings held 540 MB in Python dictionaries.
    feature_names = features["feature"].unique().to_list()
    weight = [math.log(1 + article_count / frequency[f]) for f in feature_names]
    coded = features.select(
        pl.col("article_id").replace_strict(articles, range(len(articles)), return_dtype=pl.Int32).alias("a"),
        pl.col("feature")
        .replace_strict(feature_names, range(len(feature_names)), return_dtype=pl.Int32)
        .alias("f"),
    ).unique()
    by_article = {a: set(fs) for a, fs in coded.group_by("a").agg("f").iter_rows()}
    totals = {a: sum(weight[f] for f in fs) for a, fs in by_article.items()}
    holders = coded.filter(
        pl.col("f").is_in([i for i, f in enumerate(feature_names) if frequency[f] <= MAX_FEATURE_ARTICLES])
    )
    candidates = (
        holders.lazy()
        .join(holders.lazy(), on="f", suffix="_b")
        .filter(pl.col("a") < pl.col("a_b"))
        .group_by("a", "a_b")
        .len()
        .filter(pl.col("len") >= MIN_SHARED_FEATURES)
        .collect(engine="streaming")
    )
    groups: Groups[int] = Groups()
    joined: dict[int, float] = {}  # best score that joined each article; a story of one scores 1.0
    for a, b, _ in candidates.iter_rows():
        overlap = sum(weight[f] for f in by_article[a] & by_article[b])
        similarity = overlap / (totals[a] + totals[b] - overlap)
        if similarity >= STORY_SIMILARITY:
            groups.join(a, b)
            for article in (a, b):
                joined[article] = max(joined.get(article, 0.0), similarity)
    members: dict[int, list[str]] = defaultdict(list)
    for code, article in enumerate(articles):
        members[groups.root(code)].append(article)
    story_of = {a: _story_id(group) for group in members.values() for a in group}
    return pl.DataFrame(
        {
            "article_id": articles,
            "story_id": [story_of[a] for a in articles],
            "similarity": [round(joined.get(code, 1.0), 4) for code in range(len(articles))],
        },
        schema={"article_id": pl.String, "story_id": pl.String, "similarity": pl.Float64},
    )


def _story_id(article_ids: list[str]) -> str:
    """Stable while the story's first article stays: a hash of the smallest article id."""
    return hashlib.sha256(("story:" + min(article_ids)).encode()).hexdigest()[:16]
