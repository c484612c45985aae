"""Helpers the tests share: a copy of the seed articles, and read-only access to a warehouse."""

import shutil
from pathlib import Path

from evaluation.paths import REPO
from pipeline.warehouse.store import Warehouse

#: Each published table's key columns: a snapshot of them tells two warehouses' rows and ids apart.
TABLE_KEYS = {
    "articles": "article_id",
    "paragraphs": "article_id, block_no",
    "figures": "figure_id",
    "quotes": "quote_id",
    "entity_mentions": "mention_id",
    "entities": "entity_id",
}


class WarehouseReader:
    """Read-only access to the warehouse in folder `path`, the way an analyst opens it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, params: list[object] | None = None) -> list[dict]:
        with Warehouse.at(self.path).connect(read_only=True) as con:
            cursor = con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: list[object] | None = None) -> object:
        with Warehouse.at(self.path).connect(read_only=True) as con:
            return con.execute(sql, params or []).fetchone()[0]


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
