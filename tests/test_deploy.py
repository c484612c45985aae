"""The deployment guide in deploy/ holds: its Dagster instance config, unchanged, records a real run in
PostgreSQL."""

import contextlib
import shutil
from pathlib import Path

import dagster as dg
import pytest
from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage

from evaluation.paths import REPO
from pipeline.runner import run_pipeline
from tests.servers import Postgres
from tests.support import copy_seeds

DEPLOY = REPO / "deploy"


def test_documented_instance_records_the_run_in_postgres(
    postgres: Postgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(DEPLOY / "dagster.yaml", home / "dagster.yaml")  # as docs/deployment.md says, unchanged
    for name, value in postgres.environment().items():
        monkeypatch.setenv(name, value)
    raw = copy_seeds(tmp_path / "raw")
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert isinstance(instance.run_storage, PostgresRunStorage)
        assert isinstance(instance.event_log_storage, PostgresEventLogStorage)
        queue = instance.run_coordinator.get_run_queue_config()
        assert queue.tag_concurrency_limits == [{"key": "dagster/code_location", "value": "news", "limit": 1}]

        result = run_pipeline(raw, tmp_path / "warehouse", instance=instance)

        assert result.success
        assert instance.get_run_by_id(result.run_id).status == dg.DagsterRunStatus.SUCCESS
        latest = instance.get_latest_materialization_event(dg.AssetKey("articles"))
        assert latest is not None and latest.run_id == result.run_id
    # Read back from the database itself, as the webserver and daemon on other hosts would.
    with contextlib.closing(postgres.connect()) as con, con.cursor() as cursor:
        cursor.execute("SELECT status FROM runs WHERE run_id = %s", [result.run_id])
        assert cursor.fetchall() == [("SUCCESS",)]
        cursor.execute(
            "SELECT DISTINCT asset_key FROM event_logs "
            "WHERE run_id = %s AND dagster_event_type = 'ASSET_MATERIALIZATION'",
            [result.run_id],
        )
        materialized = {row[0] for row in cursor.fetchall()}
    assert {dg.AssetKey(name).to_string() for name in ("articles", "figures", "quotes")} <= materialized
