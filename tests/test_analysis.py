"""The analysis layer: stories, quote coverage, figure comparison, co-mentions and speakers, on the two
seed articles (one story told by two outlets) and on a synthetic disagreement between outlets."""

import base64
from pathlib import Path

import polars as pl
import pytest

from pipeline.resolve.quote_keys import quote_clusters, quote_key
from pipeline.resolve.stories import STORY_SIMILARITY, group_stories
from pipeline.runner import run_pipeline
from pipeline.warehouse.maintenance import compact
from pipeline.warehouse.store import Warehouse
from tests.support import WarehouseReader, copy_seeds

SEED_000 = "000_7aab08db0e928fb1.txt"


def test_the_two_seed_articles_are_one_story(seeds_warehouse: WarehouseReader) -> None:
    story = seeds_warehouse.rows("SELECT * FROM story_overview")
    assert len(story) == 1
    assert (story[0]["article_count"], story[0]["outlets"]) == (2, ["AP", "STV News"])
    assert seeds_warehouse.scalar("SELECT min(similarity) FROM stories") >= STORY_SIMILARITY


def test_the_lavrov_and_zelenskyy_quotes_are_in_both_outlets(
    seeds_warehouse: WarehouseReader, gold: dict
) -> None:
    shared = seeds_warehouse.rows(
        "SELECT text, speakers, outlets FROM quote_coverage WHERE outlet_count = 2 ORDER BY text"
    )
    assert [(r["speakers"], r["outlets"]) for r in shared] == [
        (["Sergey Lavrov"], ["AP", "STV News"]),
        (["Volodymyr Zelenskiy"], ["AP", "STV News"]),
    ]
    for quote in gold["cross_article"]["quotes_in_both"]:
        assert any(quote_key(quote) in quote_key(r["text"]) for r in shared), quote


def test_the_outlets_agree_on_every_figure_of_the_story(seeds_warehouse: WarehouseReader, gold: dict) -> None:
    rows = seeds_warehouse.rows('SELECT unit, outlet, "values", outlets_disagree FROM figure_comparison')
    assert not any(r["outlets_disagree"] for r in rows)
    reported = {(r["unit"], r["outlet"]): r["values"] for r in rows}
    for figure in gold["cross_article"]["figures_in_both"]:
        if figure["counts"] == "year":
            continue  # dates are left out of the comparison
        for outlet in ("AP", "STV News"):
            assert figure["value"] in reported[(figure["counts"], outlet)], (figure, outlet)


def test_comentions_and_speakers(seeds_warehouse: WarehouseReader) -> None:
    pair = seeds_warehouse.rows(
        "SELECT article_count, articles_by_outlet FROM entity_comentions "
        "WHERE (name_a, name_b) IN (('Sergey Lavrov', 'Volodymyr Zelenskiy'), ('Volodymyr Zelenskiy', 'Sergey Lavrov'))"
    )
    assert pair == [{"article_count": 2, "articles_by_outlet": {"AP": 1, "STV News": 1}}]
    lavrov = seeds_warehouse.rows("SELECT * FROM speakers WHERE speaker = 'Sergey Lavrov'")[0]
    assert lavrov["outlets"] == ["AP", "STV News"]
    assert "Russian Foreign Minister" in lavrov["roles"]
    assert lavrov["quotes"] == sum(lavrov["quotes_by_outlet"].values())


def test_a_figure_the_outlets_report_differently_is_flagged(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    seed = (raw / SEED_000).read_text(encoding="utf-8")
    assert "injured 15 people" in seed
    (raw / SEED_000).write_text(seed.replace("injured 15 people", "injured 16 people"), encoding="utf-8")
    path = tmp_path / "warehouse"
    assert run_pipeline(raw, path).success
    people = WarehouseReader(path).rows(
        "SELECT outlet, \"values\", outlets_disagree FROM figure_comparison WHERE unit = 'people' ORDER BY outlet"
    )
    assert people == [
        {"outlet": "AP", "values": [15.0], "outlets_disagree": True},
        {"outlet": "STV News", "values": [16.0], "outlets_disagree": True},
    ]
    assert WarehouseReader(path).scalar("SELECT count(DISTINCT story_id) FROM stories") == 1


def test_unrelated_articles_are_separate_stories() -> None:
    story = ["e:nato", "e:putin", "q:we need", "f:15 people"]
    features = pl.DataFrame(
        {
            "article_id": ["a"] * 4 + ["b"] * 4 + ["c"] * 3,
            "feature": [*story, *story, "e:nato", "e:blair", "e:labour"],
        }
    )
    stories = dict(group_stories(features, ["a", "b", "c", "d"]).select("article_id", "story_id").iter_rows())
    assert stories["a"] == stories["b"]
    assert stories["c"] != stories["a"]  # one shared name is a topic, not a story
    assert len({stories["c"], stories["d"]}) == 2


@pytest.mark.parametrize(
    ("texts", "same"),
    [
        (["We need strong security guarantees,", "“We need strong security guarantees.”"], True),
        (
            [
                "We need strong security guarantees to ensure peace",
                "We need strong security guarantees to ensure peace. And more",
            ],
            True,
        ),
        (["We need strong security guarantees now", "They want weak security guarantees now"], False),
    ],
)
def test_renderings_of_one_quote_share_a_key(texts: list[str], same: bool) -> None:
    first, second = quote_clusters(texts)
    assert (first == second) is same
    assert first is not None


def test_views_are_documented_in_the_warehouse(seeds_warehouse: WarehouseReader) -> None:
    comments = {
        r["view_name"]: r["comment"]
        for r in seeds_warehouse.rows("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal")
    }
    assert set(comments) >= {
        "quote_coverage",
        "figure_comparison",
        "entity_comentions",
        "speakers",
        "story_overview",
    }
    assert all(comments.values())


def test_the_quotes_materialisation_shows_a_chart_in_the_ui(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    result = run_pipeline(raw, tmp_path / "warehouse")
    (materialisation,) = result.asset_materializations_for_node("quotes")
    chart = materialisation.metadata["quotes_by_speaker_chart"].value
    prefix = "![Most quoted speakers, by outlet](data:image/png;base64,"
    assert chart.startswith(prefix)
    png = base64.b64decode(chart[len(prefix) : -1])
    assert png.startswith(b"\x89PNG") and len(png) > 5_000
    assert "Sergey Lavrov" in materialisation.metadata["top_speakers"].value
    (stories,) = result.asset_materializations_for_node("stories")
    assert "Fresh Russian strikes on Ukraine" in stories.metadata["largest_stories"].value


def test_an_earlier_run_reads_back_from_its_snapshot(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    path = tmp_path / "warehouse"
    first = run_pipeline(raw, path)
    (raw / "storm.txt").write_text(
        "Storm hits Cornwall\n\nMore than 2,000 homes lost power in Cornwall on Tuesday, the council said.\n",
        encoding="utf-8",
    )
    run_pipeline(raw, path)
    reader = WarehouseReader(path)
    runs = reader.rows("SELECT run_id, snapshot_id FROM runs ORDER BY finished_at")
    assert next(r["run_id"] for r in runs) == first.run_id and len(runs) == 2
    assert reader.scalar("SELECT count(*) FROM articles") == 3
    then = runs[0]["snapshot_id"]
    assert reader.scalar(f"SELECT count(*) FROM articles AT (VERSION => {int(then)})") == 2
    with Warehouse.at(path).connect(snapshot=then) as con:  # what `SNAPSHOT=N bash scripts/sql` opens
        assert con.execute("SELECT count(*) FROM figures WHERE value = 2000").fetchone()[0] == 0
    assert reader.scalar("SELECT count(*) FROM figures WHERE value = 2000") == 1


def test_other_tools_read_the_lakes_own_parquet_files_after_compaction(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    path = tmp_path / "warehouse"
    run_pipeline(raw, path)
    (raw / SEED_000).unlink()  # a delete leaves a delete file beside the data files until compaction
    run_pipeline(raw, path)
    store = Warehouse.at(path)
    before, after = compact(store)
    assert after.files < before.files and after.delete_files == 0
    with store.connect(read_only=True) as con:
        for table in ("articles", "figures", "quotes", "entity_mentions"):
            files = [
                r[0]
                for r in con.execute(
                    f"SELECT data_file FROM ducklake_list_files('news', '{table}')"
                ).fetchall()
            ]
            assert files and all(f.startswith(str(path / "data" / "main" / table)) for f in files), table
            from_files = pl.read_parquet(files).height
            assert from_files == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
