"""Shared fixtures: the reference data in ../shared, the spaCy model, a pipeline run over the seeds, and
(from tests/servers.py) throwaway PostgreSQL and S3 servers."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from evaluation.paths import SHARED
from pipeline.nlp.model import load_nlp
from pipeline.runner import run_pipeline
from tests.support import WarehouseReader, copy_seeds

#: The throwaway servers (`postgres`, `object_store`) as fixtures for every test module.
pytest_plugins = ["tests.servers"]


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
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarehouseReader]:
    """The whole graph materialised once over a copy of the two seed articles."""
    root = tmp_path_factory.mktemp("seeds")
    raw = copy_seeds(root / "raw")
    result = run_pipeline(raw, root / "warehouse")
    assert result.success
    yield WarehouseReader(root / "warehouse")
