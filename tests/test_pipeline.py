"""The whole graph on real files: incremental runs, idempotence, quarantine, duplicates, deletions."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation.paths import REPO
from pipeline.definitions import defs
from pipeline.nlp import parse
from pipeline.runner import run_pipeline
from pipeline.warehouse.store import Warehouse
from tests.support import WarehouseReader, copy_seeds, snapshot

SEED_000 = "000_7aab08db0e928fb1.txt"
SEED_001 = "001_cf83dd09369ffb92.txt"


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    return copy_seeds(tmp_path / "raw"), tmp_path / "warehouse"


def test_rerun_gives_the_same_rows_and_ids(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    first = snapshot(WarehouseReader(path))
    run_pipeline(raw, path)
    second = snapshot(WarehouseReader(path))
    assert first == second
    assert len(first["articles"]) == 2
    for table, rows in second.items():
        assert len(rows) == len(set(rows)), f"duplicate keys in {table}"


def test_rerunning_each_asset_alone_changes_nothing(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    first = snapshot(WarehouseReader(path))
    steps = {tuple(sorted(node.assets_def.keys)) for node in defs.resolve_asset_graph().asset_nodes}
    for keys in sorted(steps):  # one step's assets at a time (a step may write several tables)
        for _ in range(2):
            assert run_pipeline(raw, path, assets=keys).success, keys
    assert snapshot(WarehouseReader(path)) == first


def test_second_run_reads_and_extracts_nothing(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    result = run_pipeline(raw, path)
    ingest = result.asset_materializations_for_node("raw_articles")
    extraction = result.asset_materializations_for_node("article_extractions")
    assert {m.metadata["rows_written"].value for m in ingest} == {0}
    assert {m.metadata["articles_extracted"].value for m in extraction} == {0}


def test_a_new_file_is_the_only_article_processed(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    (raw / SEED_001).rename(raw.parent / SEED_001)
    run_pipeline(raw, path)
    shutil.copy(raw.parent / SEED_001, raw / SEED_001)
    result = run_pipeline(raw, path)
    extraction = result.asset_materializations_for_node("article_extractions")
    assert {m.metadata["articles_extracted"].value for m in extraction} == {1}
    assert WarehouseReader(path).scalar("SELECT count(*) FROM articles") == 2


def test_renamed_file_keeps_its_article(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    before = WarehouseReader(path).rows("SELECT article_id, source_path FROM articles ORDER BY article_id")
    (raw / SEED_000).rename(raw / "renamed story.txt")
    run_pipeline(raw, path)
    after = WarehouseReader(path).rows("SELECT article_id, source_path FROM articles ORDER BY article_id")
    assert [r["article_id"] for r in after] == [r["article_id"] for r in before]
    assert "renamed story.txt" in {r["source_path"] for r in after}


def test_the_same_article_twice_is_one_article_with_both_paths(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    shutil.copy(raw / SEED_001, raw / "copy of the AP story.txt")
    run_pipeline(raw, path)
    warehouse = WarehouseReader(path)
    assert warehouse.scalar("SELECT count(*) FROM articles") == 2
    files = warehouse.rows(
        "SELECT f.source_path, f.status FROM staging.source_files f JOIN articles a USING (article_id) "
        "WHERE a.source_path = ? ORDER BY f.source_path",
        [SEED_001],
    )
    assert files == [
        {"source_path": SEED_001, "status": "article"},
        {"source_path": "copy of the AP story.txt", "status": "duplicate"},
    ]


def test_deleted_file_takes_its_rows_with_it(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    warehouse = WarehouseReader(path)
    gone = warehouse.scalar("SELECT article_id FROM articles WHERE source_path = ?", [SEED_000])
    (raw / SEED_000).unlink()
    run_pipeline(raw, path)
    for table in ("articles", "paragraphs", "figures", "quotes", "entity_mentions"):
        assert warehouse.scalar(f"SELECT count(*) FROM {table} WHERE article_id = ?", [gone]) == 0, table
    assert warehouse.scalar("SELECT count(*) FROM articles") == 1
    # Entities only the deleted article mentioned are gone; shared ones count one article now.
    assert warehouse.scalar("SELECT count(*) FROM entities WHERE name = 'Keir Starmer'") == 0
    assert warehouse.scalar("SELECT article_count FROM entities WHERE name = 'Sergey Lavrov'") == 1


def test_a_fixed_file_leaves_quarantine(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    broken = raw / "later.txt"
    broken.write_bytes(b"")
    run_pipeline(raw, path)
    assert WarehouseReader(path).scalar("SELECT count(*) FROM quarantined_articles") == 1
    broken.write_text("A later story\n\nOfficials said 12 people were hurt in the storm on Tuesday.\n")
    run_pipeline(raw, path)
    warehouse = WarehouseReader(path)
    assert warehouse.scalar("SELECT count(*) FROM quarantined_articles") == 0
    assert warehouse.scalar("SELECT title FROM articles WHERE source_path = 'later.txt'") == "A later story"


def test_sidecar_overrides_and_malformed_sidecar_is_reported(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    (raw / "000_7aab08db0e928fb1.meta.json").write_text(
        '{"outlet": "STV", "url": "https://news.stv.tv/x", "published_date": "2025-08-20", "authors": ["A Writer"]}'
    )
    (raw / "001_cf83dd09369ffb92.meta.json").write_text("{not json")
    run_pipeline(raw, path)
    warehouse = WarehouseReader(path)
    stv = warehouse.rows(
        "SELECT outlet, url, published_date, authors FROM articles WHERE source_path = ?", [SEED_000]
    )[0]
    assert (stv["outlet"], stv["url"], str(stv["published_date"]), stv["authors"]) == (
        "STV",
        "https://news.stv.tv/x",
        "2025-08-20",
        ["A Writer"],
    )
    ap = warehouse.rows("SELECT outlet, authors FROM articles WHERE source_path = ?", [SEED_001])[0]
    assert ap == {"outlet": "AP", "authors": ["Sam McNeil", "Illia Novikov"]}
    problem = warehouse.rows("SELECT stage, reason FROM quarantined_articles")
    assert problem == [{"stage": "sidecar", "reason": "malformed_sidecar"}]


def test_warehouse_stays_readable_during_a_run(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    with Warehouse.at(path).connect(read_only=True) as analyst:
        (raw / SEED_000).write_text(
            (REPO / "raw" / SEED_000).read_text(encoding="utf-8") + "\nOne more line.\n"
        )
        assert run_pipeline(raw, path).success
        assert analyst.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_main_command_honours_the_environment(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    env = {**os.environ, "NEWS_RAW_DIR": str(raw), "NEWS_WAREHOUSE": str(path)}
    env.pop("DAGSTER_HOME", None)
    done = subprocess.run(
        [sys.executable, "-m", "pipeline"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "2 articles" in done.stdout
    assert "0 quarantined files" in done.stdout
    assert WarehouseReader(path).scalar("SELECT count(*) FROM articles") == 2


def test_a_warehouse_from_another_schema_version_is_rebuilt(workspace: tuple[Path, Path]) -> None:
    raw, path = workspace
    run_pipeline(raw, path)
    with Warehouse.at(path).connect() as con:
        con.execute("UPDATE staging.schema_version SET fingerprint = 'older'")
        con.execute("ALTER TABLE articles DROP COLUMN word_count")
    result = run_pipeline(raw, path)
    ingest = {
        m.asset_key.to_user_string(): m.metadata["rows_written"].value
        for m in result.asset_materializations_for_node("raw_articles")
    }
    assert ingest["articles"] == 2
    assert WarehouseReader(path).scalar("SELECT sum(word_count) > 0 FROM articles")


def test_parsing_each_article_alone_gives_the_same_rows(
    workspace: tuple[Path, Path], seeds_warehouse: WarehouseReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy's minibatches are cut by characters (NLP_BATCH_CHARS), not at the write batches
    (WRITE_BATCH_ARTICLES): the cut must not shift an article's rows onto another article's parse."""
    monkeypatch.setattr(parse, "NLP_BATCH_CHARS", 1)
    raw, path = workspace
    run_pipeline(raw, path)
    alone = WarehouseReader(path)
    for table in ("figures", "quotes", "entity_mentions"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert alone.rows(sql) == seeds_warehouse.rows(sql), table
