"""Cross-article tables updated run by run equal the same tables recomputed over the whole warehouse."""

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipeline.definitions import defs
from pipeline.defs.resources import RawFolder, WarehouseResource
from pipeline.runner import run_pipeline
from pipeline.stages import quotes as quotes_step
from tests.support import WarehouseReader, copy_seeds

#: Cross-article tables, every column, in a stable order.
CROSS_ARTICLE_SQL = {
    "entities": "SELECT * FROM entities ORDER BY entity_id",
    "entity_mentions": "SELECT * FROM entity_mentions ORDER BY mention_id",
    "quotes": "SELECT * FROM quotes ORDER BY quote_id",
    "stories": "SELECT * FROM stories ORDER BY article_id",
    "entity_comentions": "SELECT * REPLACE (articles_by_outlet::VARCHAR AS articles_by_outlet) "
    "FROM entity_comentions ORDER BY ALL",
}


def _cross_article_tables(path: Path) -> dict[str, list[dict]]:
    warehouse = WarehouseReader(path)
    return {table: warehouse.rows(sql) for table, sql in CROSS_ARTICLE_SQL.items()}


CROSS_ARTICLE_NODES = ("canonical_entities", "quotes", "stories")


def _recomputed(result: dg.ExecuteInProcessResult, nodes: tuple[str, ...] = CROSS_ARTICLE_NODES) -> set[str]:
    return {
        m.metadata["recomputed"].value for node in nodes for m in result.asset_materializations_for_node(node)
    }


def test_run_by_run_updates_equal_a_full_recompute(tmp_path: Path, shared_dir: Path) -> None:
    """BBC politics articles naming Blair (and Brown, Howard, Labour...) arrive two at a time, then one
    leaves: every run takes the incremental path, and the tables end as a full recompute makes them."""
    articles = sorted(
        p
        for p in (shared_dir / "corpus" / "bbc" / "politics").glob("*.txt")
        if "Blair" in p.read_text(encoding="utf-8", errors="replace")
    )[:14]
    raw = copy_seeds(tmp_path / "raw")
    for article in articles[:8]:
        shutil.copy(article, raw / f"bbc-{article.name}")
    path = tmp_path / "warehouse"
    assert _recomputed(run_pipeline(raw, path)) == {"all articles"}
    for start in range(8, 14, 2):
        for article in articles[start : start + 2]:
            shutil.copy(article, raw / f"bbc-{article.name}")
        assert _recomputed(run_pipeline(raw, path)) == {"changed articles"}
    (raw / f"bbc-{articles[3].name}").unlink()
    assert _recomputed(run_pipeline(raw, path)) == {"changed articles"}
    updated = _cross_article_tables(path)
    assert len(updated["entities"]) > 100 and len(updated["quotes"]) > 50

    refresh = defs.resolve_job_def("refresh_cross_article").execute_in_process(
        resources={"raw_folder": RawFolder(path=str(raw)), "warehouse": WarehouseResource(path=str(path))},
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert _recomputed(refresh) == {"all articles"}
    recomputed = _cross_article_tables(path)
    for table in CROSS_ARTICLE_SQL:
        assert updated[table] == recomputed[table], table


def test_many_new_quotes_recompute_the_quotes_in_full(
    tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_CONTAINMENT_PAIRS the quotes step clusters every quote again instead of comparing the new
    quote texts one by one with the stored ones; the other steps stay incremental."""
    raw = copy_seeds(tmp_path / "raw")
    politics = sorted((shared_dir / "corpus" / "bbc" / "politics").glob("*.txt"))[:9]
    for article in politics[:8]:  # one new article in ten: below FULL_RECOMPUTE_SHARE
        shutil.copy(article, raw / f"bbc-{article.name}")
    path = tmp_path / "warehouse"
    run_pipeline(raw, path)
    quotes_before = WarehouseReader(path).rows("SELECT quote_id, quote_key FROM quotes ORDER BY quote_id")
    shutil.copy(politics[8], raw / f"bbc-{politics[8].name}")
    monkeypatch.setattr(quotes_step, "MAX_CONTAINMENT_PAIRS", 0)
    result = run_pipeline(raw, path)
    by_node = {node: _recomputed(result, (node,)) for node in CROSS_ARTICLE_NODES}
    assert by_node == {
        "canonical_entities": {"changed articles"},
        "quotes": {"all articles"},
        "stories": {"changed articles"},
    }
    quotes_after = WarehouseReader(path).rows("SELECT quote_id, quote_key FROM quotes ORDER BY quote_id")
    assert [q for q in quotes_after if q in quotes_before] == quotes_before
    assert len(quotes_after) > len(quotes_before)
