"""The Dagster layer: definitions load as the UI loads them, the graph is readable, sensor and schedule work."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import pytest

from evaluation.paths import REPO
from pipeline.definitions import defs
from pipeline.defs.resources import RawFolder, WarehouseResource
from pipeline.defs.sensors import new_raw_files
from pipeline.runner import run_pipeline
from tests.support import WarehouseReader, copy_seeds, snapshot

#: The asset graph, as `asset: [upstream assets]`. A change here is a change users see in the UI.
EXPECTED_GRAPH = {
    "articles": [],
    "entities": ["staging/mentions"],
    "entity_mentions": ["staging/mentions"],
    "extraction_anomalies": ["articles", "paragraphs"],
    "figures": ["articles", "paragraphs"],
    "paragraphs": [],
    "staging/extraction_log": ["articles", "paragraphs"],
    "run_snapshot": [
        "articles",
        "entities",
        "entity_mentions",
        "extraction_anomalies",
        "figures",
        "paragraphs",
        "quarantined_articles",
        "quotes",
        "staging/extraction_log",
        "staging/mentions",
        "staging/quotes",
        "staging/source_files",
        "stories",
    ],
    "compacted_lake": ["run_snapshot"],
    "quarantined_articles": [],
    "quotes": ["entities", "entity_mentions", "staging/quotes"],
    "staging/mentions": ["articles", "paragraphs"],
    "staging/quotes": ["articles", "paragraphs"],
    "staging/source_files": [],
    "stories": ["articles", "entity_mentions", "figures", "quotes"],
}


def test_definitions_validate_as_the_ui_loads_them() -> None:
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Validation successful for code location news" in done.stderr + done.stdout


def test_asset_graph_snapshot() -> None:
    graph = defs.resolve_asset_graph()
    actual = {
        key.to_user_string(): sorted(k.to_user_string() for k in graph.get(key).parent_keys)
        for key in graph.get_all_asset_keys()
    }
    assert actual == EXPECTED_GRAPH


def test_every_asset_is_grouped_described_and_kinded() -> None:
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.group_name in {"ingest", "extraction", "resolution", "publish", "maintenance"}, key
        assert node.description and len(node.description) > 20, key
        assert node.kinds, key
    checked = {key.asset_key.to_user_string() for key in graph.asset_check_keys}
    assert checked == set(EXPECTED_GRAPH) - {"run_snapshot", "compacted_lake"}


def test_cross_article_job_reads_no_article_again() -> None:
    job = defs.resolve_job_def("refresh_cross_article")
    selected = {key.to_user_string() for key in job.asset_layer.executable_asset_keys}
    assert selected == {
        "entities",
        "entity_mentions",
        "quotes",
        "stories",
        "run_snapshot",
        "compacted_lake",
    }


def test_daily_schedule_refreshes_cross_article_assets(tmp_path: Path) -> None:
    schedule = defs.resolve_schedule_def("daily_cross_article_refresh")
    assert schedule.cron_schedule == "0 3 * * *"
    assert schedule.job_name == "refresh_cross_article"
    raw, path = copy_seeds(tmp_path / "raw"), tmp_path / "warehouse"
    run_pipeline(raw, path)
    before = WarehouseReader(path).rows("SELECT * FROM entities ORDER BY entity_id")
    result = defs.resolve_job_def("refresh_cross_article").execute_in_process(
        resources={"raw_folder": RawFolder(path=str(raw)), "warehouse": WarehouseResource(path=str(path))},
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    assert "raw_articles" not in {e.node_name for e in result.all_node_events}
    assert WarehouseReader(path).rows("SELECT * FROM entities ORDER BY entity_id") == before
    (compaction,) = result.asset_materializations_for_node("compacted_lake")
    assert compaction.metadata["files_after"].value <= compaction.metadata["files_before"].value
    assert compaction.metadata["delete_files_after"].value == 0


@pytest.fixture
def sensor_folder(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path / "raw")


def _tick(folder: Path, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(cursor=cursor, resources={"raw_folder": RawFolder(path=str(folder))})
    return new_raw_files(context)


def test_sensor_requests_one_run_per_change(sensor_folder: Path) -> None:
    first = _tick(sensor_folder, None)
    assert len(first.run_requests) == 1
    assert json.loads(first.cursor)["files"] == 2

    unchanged = _tick(sensor_folder, first.cursor)
    assert not unchanged.run_requests

    shutil.copy(sensor_folder / "000_7aab08db0e928fb1.txt", sensor_folder / "new article.txt")
    added = _tick(sensor_folder, first.cursor)
    assert len(added.run_requests) == 1
    assert added.run_requests[0].run_key != first.run_requests[0].run_key

    (sensor_folder / "new article.txt").unlink()
    removed = _tick(sensor_folder, added.cursor)
    assert len(removed.run_requests) == 1


def test_sensor_sees_a_copy_that_keeps_an_old_modification_time(sensor_folder: Path, tmp_path: Path) -> None:
    first = _tick(sensor_folder, None)
    old = tmp_path / "old.txt"
    old.write_text("An old story\n\nIt was written long ago.\n")
    shutil.copy2(old, sensor_folder / "old.txt")  # cp -p: the modification time stays in the past
    (sensor_folder / "001_cf83dd09369ffb92.txt").unlink()  # same file count as before
    assert len(_tick(sensor_folder, first.cursor).run_requests) == 1


def test_sensor_run_processes_only_the_new_file(sensor_folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "warehouse"
    run_pipeline(sensor_folder, path)
    shutil.copy(sensor_folder / "000_7aab08db0e928fb1.txt", tmp_path / "spare.txt")
    text = (
        (tmp_path / "spare.txt").read_text(encoding="utf-8").replace("Fresh Russian strikes", "More strikes")
    )
    (sensor_folder / "updated.txt").write_text(text, encoding="utf-8")
    request = _tick(sensor_folder, None).run_requests[0]
    result = defs.resolve_job_def(request.job_name or "process_new_articles").execute_in_process(
        resources={
            "raw_folder": RawFolder(path=str(sensor_folder)),
            "warehouse": WarehouseResource(path=str(path)),
        },
        instance=dg.DagsterInstance.ephemeral(),
        tags=request.tags,
    )
    extracted = {
        m.metadata["articles_extracted"].value
        for m in result.asset_materializations_for_node("article_extractions")
    }
    assert extracted == {1}


def test_multiprocess_executor_runs_article_batches_in_parallel_processes(
    tmp_path: Path, seeds_warehouse: WarehouseReader
) -> None:
    """The same graph under Dagster's multiprocess executor: one step per batch of articles (here one
    article each), in processes of their own, two at once, with the same rows as one in-process run."""
    raw, path = copy_seeds(tmp_path / "raw"), tmp_path / "warehouse"
    with dg.instance_for_test() as instance:
        result = run_pipeline(raw, path, instance, workers=2, articles_per_batch=1)
        assert result.success
        starts = {
            event.step_key: event.pid for event in result.all_events if event.event_type_value == "STEP_START"
        }
    batches = {key: pid for key, pid in starts.items() if "extract_article_batch" in key}
    assert len(batches) == 2 and len(set(batches.values())) == 2
    assert os.getpid() not in set(starts.values())
    assert snapshot(WarehouseReader(path)) == snapshot(seeds_warehouse)


def test_every_table_asset_shows_its_column_schema() -> None:
    graph = defs.resolve_asset_graph()
    tables = set(EXPECTED_GRAPH) - {"run_snapshot", "compacted_lake"}
    for key in graph.get_all_asset_keys():
        if key.to_user_string() in tables:
            schema = graph.get(key).metadata["dagster/column_schema"]
            assert [c.name for c in schema.columns], key
    quotes = graph.get(dg.AssetKey("quotes")).metadata["dagster/column_schema"]
    assert {"speaker", "speaker_entity_id", "quote_key"} <= {c.name for c in quotes.columns}


def test_a_run_with_nothing_new_keeps_a_preview_of_the_table(tmp_path: Path) -> None:
    raw, path = copy_seeds(tmp_path / "raw"), tmp_path / "warehouse"
    assert run_pipeline(raw, path).success
    again = run_pipeline(raw, path)
    for node, asset in (
        ("raw_articles", "articles"),
        ("quotes", "quotes"),
        ("canonical_entities", "entities"),
    ):
        (materialization,) = [
            m for m in again.asset_materializations_for_node(node) if m.asset_key.to_user_string() == asset
        ]
        metadata = materialization.metadata
        assert metadata["rows_written"].value == 0
        assert metadata["preview_of"].value == "rows in the table (this run wrote none)"
        assert metadata["preview"].value.count("\n") >= 3, metadata["preview"].value  # header, rule, rows


def test_the_schedule_says_what_it_runs() -> None:
    description = defs.resolve_schedule_def("daily_cross_article_refresh").description or ""
    assert all(word in description for word in ("entities", "quotes", "stories", "snapshot", "compact"))


def test_the_main_command_prints_progress_and_a_summary_not_dagsters_event_log(tmp_path: Path) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster.local.yaml", home / "dagster.yaml")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "NEWS_RAW_DIR": str(copy_seeds(tmp_path / "raw")),
        "NEWS_WAREHOUSE": str(tmp_path / "warehouse"),
    }
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "pipeline"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    output = done.stdout + done.stderr
    assert "2 articles, 34 quotes, 38 figures, 39 entities (163 mentions), 0 quarantined files" in output
    assert "raw_articles: 2 articles read, 0 quarantined, 0 removed" in output
    assert "extract_article_batch[batch_0]: done in" in output
    for noise in ("DEBUG", "Telemetry", "No dagster instance configuration file"):
        assert noise not in output
    assert len(output.splitlines()) < 40
