"""Shared fixtures: the reference data in ../shared, the spaCy model, and a pipeline run over the seeds."""

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.extract.nlp import load_nlp
from pipeline.runner import run_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWS_SHARED_DIR") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(
            f"reference data not found at {SHARED}: clone the repo beside ../shared or set NEWS_SHARED_DIR"
        )
    return SHARED


@pytest.fixture(scope="session")
def gold(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


class WarehouseReader:
    """Read-only access to a published warehouse, the way an analyst opens it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, params: list[object] | None = None) -> list[dict]:
        with duckdb.connect(str(self.path), read_only=True) as con:
            cursor = con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: list[object] | None = None) -> object:
        with duckdb.connect(str(self.path), read_only=True) as con:
            return con.execute(sql, params or []).fetchone()[0]


#: Each published table's key columns: a snapshot of them tells two warehouses' rows and ids apart.
TABLE_KEYS = {
    "articles": "article_id",
    "paragraphs": "article_id, block_no",
    "figures": "figure_id",
    "quotes": "quote_id",
    "entity_mentions": "mention_id",
    "entities": "entity_id",
}


def snapshot(warehouse: WarehouseReader) -> dict[str, list[tuple]]:
    return {
        table: [tuple(r.values()) for r in warehouse.rows(f"SELECT {keys} FROM {table} ORDER BY ALL")]
        for table, keys in TABLE_KEYS.items()
    }


def copy_seeds(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for seed in sorted((REPO / "raw").glob("*.txt")):
        shutil.copy(seed, destination / seed.name)
    return destination


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarehouseReader]:
    """The whole graph materialised once over a copy of the two seed articles."""
    root = tmp_path_factory.mktemp("seeds")
    raw = copy_seeds(root / "raw")
    result = run_pipeline(raw, root / "warehouse" / "news.duckdb")
    assert result.success
    yield WarehouseReader(root / "warehouse" / "news.duckdb")
