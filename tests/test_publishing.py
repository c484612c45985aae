"""Publishing mirrors the build file into `news.duckdb`: an exact copy, written only where it changed, and
never under an analyst's open session."""

from pathlib import Path

import duckdb

from pipeline.warehouse import Warehouse

ROWS = 600_000


def _build(tmp_path: Path) -> Warehouse:
    """A build file of about 16 MB that later runs add a row to, as a run adds one article."""
    store = Warehouse(tmp_path / "news.duckdb")
    with store.connect() as con:
        con.execute(
            "CREATE TABLE numbers AS SELECT range AS n, md5(range::VARCHAR) AS digest FROM range(?)", [ROWS]
        )
        con.execute("CREATE TABLE runs (label VARCHAR)")
    return store


def _add_run(store: Warehouse, label: str) -> None:
    with store.connect() as con:
        con.execute("INSERT INTO runs VALUES (?)", [label])


def _runs(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [label for (label,) in con.execute("SELECT label FROM runs ORDER BY label").fetchall()]


def test_publishing_rewrites_only_the_changed_chunks_of_the_copy_published_before(tmp_path: Path) -> None:
    store = _build(tmp_path)
    size = store.build_path.stat().st_size
    assert size > 8 * 2**20
    assert store.publish() == size  # nothing to start from
    _add_run(store, "a")
    assert store.publish() == store.build_path.stat().st_size  # the first copy becomes the spare
    _add_run(store, "b")
    written = store.publish()
    assert 0 < written < store.build_path.stat().st_size / 4
    assert store.path.read_bytes() == store.build_path.read_bytes()
    with duckdb.connect(str(store.path), read_only=True) as con:
        assert _runs(con) == ["a", "b"]


def test_an_open_session_keeps_its_version_while_later_ones_are_published(tmp_path: Path) -> None:
    store = _build(tmp_path)
    store.publish()
    # In this process, so a new connection to the path would share its database: the files are compared.
    analyst = duckdb.connect(str(store.path), read_only=True)
    try:
        for label in ("a", "b", "c"):  # from the second publish on, the analyst's file is the spare
            _add_run(store, label)
            store.publish()
            assert store.path.read_bytes() == store.build_path.read_bytes()
            assert _runs(analyst) == []
    finally:
        analyst.close()
    _add_run(store, "d")
    assert store.publish() < store.build_path.stat().st_size / 4  # no session holds the spare any more
    with duckdb.connect(str(store.path), read_only=True) as con:
        assert _runs(con) == ["a", "b", "c", "d"]
