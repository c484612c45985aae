"""Figures across a sentence or an article: what no single rule's examples show (the rules' own examples,
one sentence each, are in `tests/test_rule_examples.py`). Sentences come from the BBC News corpus
(2004-05) and from the two seed articles in `raw/`."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from spacy.language import Language

from evaluation.paths import REPO, SHARED
from pipeline.article.blocks import Block
from pipeline.article.parsing import parse_article
from pipeline.defs.checks import schema_failures
from pipeline.extract.figures import Figure, extract_figures
from pipeline.stages.extract_rows import ArticleInput, extract_batches
from pipeline.stages.extraction import batch_frames
from pipeline.vocabulary import FIGURE_KIND_MEANINGS, FIGURE_KINDS

GOLD = SHARED / "gold" / "seeds.json"
#: The seeds' publication week: the strikes were on Wednesday 20 August 2025.
SEEDS_PUBLISHED = datetime.date(2025, 8, 20)


def figures_in(nlp: Language, text: str, published: datetime.date | None = None) -> list[Figure]:
    """Extract from a bare sentence, treated as one body block."""
    return extract_figures(nlp(text), [Block(0, "body", 0, len(text), text)], published)


def only(figures: list[Figure], surface: str) -> Figure:
    matches = [f for f in figures if f.surface == surface]
    assert len(matches) == 1, [f.surface for f in figures]
    return matches[0]


def summary(figure: Figure) -> tuple[float | None, str | None, str, str | None]:
    return figure.value, figure.unit, figure.kind, figure.qualifier


def test_definite_small_numbers_refer_back_and_are_not_figures(nlp: Language) -> None:
    text = "The Kremlin has yet to directly comment on any future talks between the two leaders."
    assert figures_in(nlp, text) == []


def test_change_links_its_three_parts(nlp: Language) -> None:
    text = "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn."
    figures = figures_in(nlp, text)
    change, new, old = only(figures, "2%"), only(figures, "$11.1bn"), only(figures, "$10.9bn")
    assert (change.role, new.role, old.role) == ("change", "new", "old")
    assert change.group == new.group == old.group is not None
    assert (new.value, old.value) == (1.11e10, 1.09e10)


def test_ordinals_that_carry_data_and_first_time_that_does_not(nlp: Language) -> None:
    text = "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn."
    assert summary(only(figures_in(nlp, text), "fourth quarter")) == (4, "quarter", "ordinal", None)
    text = (
        "A meeting between Putin and Zelenskyy would not be the first time the leaders had spoken directly."
    )
    assert figures_in(nlp, text) == []


def test_tennis_sets_seedings_and_rankings(nlp: Language) -> None:
    text = "Henman fought back to defeat British rival Greg Rusedski 4-6 7-6 (8-6) 6-4 at the Dubai Tennis Championships."
    scores = [(f.surface, f.value, f.value_other) for f in figures_in(nlp, text) if f.kind == "score"]
    assert scores == [("4-6", 4, 6), ("7-6", 7, 6), ("8-6", 8, 6), ("6-4", 6, 4)]
    text = "World number 46 Rusedski broke in the ninth game. Henman, seeded three, now faces Andreev in the last 16."
    ranks = [(f.surface, f.value, f.unit) for f in figures_in(nlp, text) if f.kind == "ordinal"]
    assert ranks == [
        ("number 46", 46, "position"),
        ("ninth game", 9, "game"),
        ("three", 3, "position"),
        ("16", 16, "positions"),
    ]


def test_boilerplate_and_credit_blocks_yield_nothing(nlp: Language) -> None:
    body = "Attacks injured 15 people."
    furniture = "Call 0141 300 3000 for 24 hours of news from 30 countries."
    text = f"{body}\n\n{furniture}"
    blocks = [
        Block(0, "body", 0, len(body), body),
        Block(1, "boilerplate", len(body) + 2, len(text), furniture),
    ]
    figures = extract_figures(nlp(text), blocks)
    assert [(f.surface, f.block_kind) for f in figures] == [("15 people", "body")]


def test_caption_figures_are_marked_as_captions(nlp: Language) -> None:
    caption = "Vladimir Putin meets Volodymyr Zelenskiy for peace talks in 2019."
    text = f"Leaders meet.\n\n{caption}"
    blocks = [Block(0, "body", 0, 13, "Leaders meet."), Block(1, "caption", 15, len(text), caption)]
    figures = extract_figures(nlp(text), blocks)
    assert [(f.value, f.block_kind) for f in figures] == [(2019, "caption")]


def test_odd_text_does_not_raise(nlp: Language) -> None:
    text = "£ $ 1,2,3 4-4-2 -5 3.5.6 ½ 10e9 1,000,000,000,000,000,000,000 9999999999999999 a an half of"
    for figure in figures_in(nlp, text):
        assert figure.kind in FIGURE_KINDS


def test_every_kind_is_documented() -> None:
    assert all(FIGURE_KIND_MEANINGS[kind] for kind in FIGURE_KINDS)


def seed_figures(nlp: Language, path: Path) -> list[Figure]:
    article = parse_article(path.read_text(encoding="utf-8"))
    return extract_figures(nlp(article.text), article.blocks, SEEDS_PUBLISHED)


@pytest.mark.parametrize("stem", ["000_7aab08db0e928fb1", "001_cf83dd09369ffb92"])
def test_seed_articles_match_the_gold_figures(nlp: Language, stem: str) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"][stem]["figures"]
    figures = seed_figures(nlp, REPO / "raw" / f"{stem}.txt")
    found = {(f.value, f.unit, f.qualifier) for f in figures}
    missing = [g for g in gold if (g["value"], g["counts"], g["qualifier"]) not in found]
    assert missing == []
    with_units = {(f.value, f.unit) for f in figures if f.value is not None and f.kind != "date"}
    gold_pairs = {(g["value"], g["counts"]) for g in gold}
    assert with_units - gold_pairs == set(), "figures the annotator did not mark"
    assert not any(f.block_kind in ("credit", "boilerplate") for f in figures)


def test_a_single_time_unit_is_a_duration_but_a_rate_is_not(nlp: Language) -> None:
    text = (
        "The announcement is the latest blow for the one-time darling of Wall Street, which has lost 80% of "
        "its stock value in just over a year."
    )
    year = only(figures_in(nlp, text), "just over a year")
    assert (year.kind, year.value, year.unit, year.qualifier) == ("duration", 1, "years", "just over")
    rate = "The scheme will cost £5m a year and is reviewed twice a year."
    assert [f.surface for f in figures_in(nlp, rate)] == ["£5m"]


def test_a_bare_count_shares_the_counted_noun_left_out_after_a_count(nlp: Language) -> None:
    text = (
        "At the Department for Work and Pensions, 30,000 jobs are to go, 560 will be lost by the end of the "
        "month at the Department of Trade and Industry and 400 are to go at the Inland Revenue and Customs."
    )
    counts = [(f.value, f.unit) for f in figures_in(nlp, text) if f.kind == "count"]
    assert counts == [(30_000, "jobs"), (560, "jobs"), (400, "jobs")]


def test_a_bound_written_after_the_figure_is_its_qualifier(nlp: Language) -> None:
    text = "Shoppers who spend $50 or more get free delivery, and orders of 10 items or fewer are packed the same day."
    figures = [(f.surface, f.value, f.qualifier) for f in figures_in(nlp, text)]
    assert ("$50 or more", 50, "at least") in figures
    assert ("10 items or fewer", 10, "up to") in figures


def test_value_max_is_a_range_end_and_never_a_scores_other_side(nlp: Language) -> None:
    text = "Nadal won 7-6 6-4 in Madrid, where ticket prices rose 10-15% to between $40 and $60."
    for figure in figures_in(nlp, text):
        assert figure.value_max is None or figure.value_max >= figure.value, figure
    scores = [(f.surface, f.value, f.value_other) for f in figures_in(nlp, text) if f.kind == "score"]
    assert scores == [("7-6", 7, 6), ("6-4", 6, 4)]


def test_a_range_only_goes_up(nlp: Language) -> None:
    """A pair that goes down is two values, never a range whose end is below its start (the schema refuses
    one, and the article would be quarantined)."""
    change = figures_in(
        nlp, "The number of people out of work rose 32,000 to 1.41 million in the last three months of 2004."
    )
    assert [(f.value, f.value_max) for f in change if f.kind == "count"] == [(32000, None), (1410000, None)]
    pair = figures_in(nlp, "By an overwhelming 80%-10%, those surveyed backed the plan.")
    assert [(f.value, f.value_max) for f in pair] == [(80, None), (10, None)]
    rising = figures_in(nlp, "Sales rose by 5%-10% over the year.")
    assert [(f.value, f.value_max) for f in rising if f.kind == "percent"] == [(5, 10)]


def test_every_article_of_a_corpus_sample_keeps_its_figures_and_mentions_in_contract(
    nlp: Language, shared_dir: Path
) -> None:
    """Articles whose rows once broke the tables' contract (a range going down, two mentions at one offset)
    are extracted whole."""

    names = ("business/008.txt", "business/061.txt", "business/387.txt", "entertainment/114.txt")
    articles = []
    for n, name in enumerate(names):
        article = parse_article((shared_dir / "corpus" / "bbc" / name).read_text(encoding="utf-8"))
        articles.append(ArticleInput(f"a{n:016d}", article.text, tuple(article.blocks), None))
    (batch,) = extract_batches(nlp, articles)
    assert not batch.failures
    assert schema_failures(batch_frames(batch, datetime.datetime.now(datetime.UTC))) == {}
