"""The pipeline's output on the two seed articles against the hand-made reference in shared/gold."""

from pathlib import Path

import pytest

from evaluation.scoring import score_entities, score_figures, score_quotes
from tests.support import WarehouseReader

ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "EVENT")


def _article_id(warehouse: WarehouseReader, stem: str) -> str:
    return warehouse.scalar("SELECT article_id FROM articles WHERE source_path = ?", [f"{stem}.txt"])


def _quotes(warehouse: WarehouseReader, article_id: str) -> list[dict]:
    return warehouse.rows(
        "SELECT q.text, q.kind, q.speaker, coalesce(e.aliases, []) AS speaker_aliases FROM quotes q "
        "LEFT JOIN entities e ON e.entity_id = q.speaker_entity_id WHERE q.article_id = ?",
        [article_id],
    )


def _entities(warehouse: WarehouseReader, article_id: str) -> list[dict]:
    return warehouse.rows(
        "SELECT entity_id, type, list(DISTINCT surface) AS surfaces FROM entity_mentions "
        "WHERE article_id = ? AND type IN ? GROUP BY entity_id, type",
        [article_id, list(ENTITY_TYPES)],
    )


@pytest.fixture(scope="module")
def articles(gold: dict) -> dict:
    return gold["articles"]


def test_every_gold_quote_is_found_with_its_speaker(seeds_warehouse: WarehouseReader, articles: dict) -> None:
    found = right = total = 0
    errors = []
    for stem, annotation in articles.items():
        result = score_quotes(
            _quotes(seeds_warehouse, _article_id(seeds_warehouse, stem)), annotation["quotes"]
        )
        found += result.quotes.found
        right += result.speakers_right
        total += result.quotes.gold
        errors += result.quotes.errors
    assert (found, total) == (7, 7), errors
    assert right >= 6, errors


def test_scare_quotes_are_not_quotes(seeds_warehouse: WarehouseReader, articles: dict) -> None:
    not_quotes = [text for a in articles.values() for text in a["not_quotes"]]
    assert not_quotes == ["coalition of the willing"]
    for text in not_quotes:
        quoted_as_speech = "SELECT count(*) FROM quotes WHERE kind <> 'indirect' AND text ILIKE ?"
        assert seeds_warehouse.scalar(quoted_as_speech, [f"%{text}%"]) == 0


def test_figures_recall_with_units(seeds_warehouse: WarehouseReader, articles: dict) -> None:
    matched = total = 0
    errors = []
    for stem, annotation in articles.items():
        predicted = seeds_warehouse.rows(
            "SELECT value, unit, qualifier FROM figures WHERE article_id = ? AND block_kind NOT IN ('boilerplate', 'credit')",
            [_article_id(seeds_warehouse, stem)],
        )
        score, _ = score_figures(predicted, annotation["figures"])
        matched += score.found
        total += score.gold
        errors += score.errors
    assert matched / total >= 0.85, errors


def test_entities_recall_and_precision(seeds_warehouse: WarehouseReader, articles: dict) -> None:
    found = required = precise = predicted = 0
    errors = []
    for stem, annotation in articles.items():
        score = score_entities(
            _entities(seeds_warehouse, _article_id(seeds_warehouse, stem)), annotation["entities"]
        )
        found, required = found + score.found, required + score.gold
        precise, predicted = precise + score.right, predicted + score.predicted
        errors += score.errors
    assert found / required >= 0.95, errors
    assert precise / predicted >= 0.95, errors


def test_same_entity_groups_resolve_to_one_entity(seeds_warehouse: WarehouseReader, gold: dict) -> None:
    for forms in gold["cross_article"]["same_entity"]:
        ids = seeds_warehouse.rows(
            "SELECT DISTINCT surface, entity_id FROM entity_mentions WHERE surface IN ?", [forms]
        )
        assert {r["surface"] for r in ids} == set(forms), f"not every form was found: {forms}"
        assert len({r["entity_id"] for r in ids}) == 1, ids


def test_seed_files_are_the_shared_seeds(shared_dir: Path) -> None:
    repo_raw = Path(__file__).resolve().parents[1] / "raw"
    for seed in (shared_dir / "seeds").glob("*.txt"):
        assert (repo_raw / seed.name).read_bytes() == seed.read_bytes()
