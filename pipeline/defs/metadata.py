"""Materialisation metadata shared by every asset: the table's spec (description and column schema),
row counts and a markdown preview of rows."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import dagster as dg
import duckdb
import polars as pl

from pipeline.warehouse.ddl import quoted
from pipeline.warehouse.schemas import TABLES, empty_frame
from pipeline.warehouse.store import read_frame, row_counts

PREVIEW_ROWS = 5
PREVIEW_CELL_CHARS = 60


def table_spec(
    table: str, group: str, deps: Sequence[str] = (), kinds: frozenset[str] = frozenset()
) -> dg.AssetSpec:
    """An asset per warehouse table, described by its pandera model and showing its column schema."""
    model = TABLES[table]
    schema = model.to_schema()
    columns = [
        dg.TableColumn(name, str(column.dtype), description=column.description or "")
        for name, column in schema.columns.items()
    ]
    return dg.AssetSpec(
        key=dg.AssetKey(table.split(".")),
        group_name=group,
        description=(model.__doc__ or "").strip(),
        kinds={"duckdb", "polars", *kinds},
        deps=[dg.AssetKey(d.split(".")) for d in deps],
        metadata={"dagster/column_schema": dg.TableSchema(columns=columns), "table": table},
    )


def markdown_table(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> str:
    """A small markdown preview; long cells are cut so the UI stays readable."""
    shown = frame.head(rows)
    if not shown.width:
        return "_no columns_"

    def cell(value: object) -> str:
        text = "" if value is None else str(value).replace("\n", " ").replace("|", "\\|")
        return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"

    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * shown.width]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in shown.iter_rows()]
    return "\n".join(lines)


def table_metadata(
    con: duckdb.DuckDBPyConnection,
    table: str,
    written: pl.DataFrame,
    preview_columns: Sequence[str] | None = None,
    rows_written: int | None = None,
    preview_sql: str | None = None,
) -> dict[str, object]:
    """The table's row count, the rows written this run (`written` holds them, or their first rows when
    `rows_written` counts them), and a preview: of the rows written, or, when the run wrote none, of rows
    already in the table (`preview_sql`, with one parameter for the row limit), so that a run with nothing
    new does not blank the asset's preview in the UI."""
    if written.height:
        shown, preview_of = written, "rows written this run"
    else:
        sql = preview_sql or f"SELECT * FROM {quoted(table)} LIMIT ?"
        shown, preview_of = read_frame(con, sql, [PREVIEW_ROWS]), "rows in the table (this run wrote none)"
    return {
        "dagster/row_count": row_counts(con, [table])[table],
        "rows_written": written.height if rows_written is None else rows_written,
        "preview": dg.MetadataValue.md(
            markdown_table(shown.select(preview_columns) if preview_columns else shown)
        ),
        "preview_of": preview_of,
    }


@dataclass
class WrittenRows:
    """What a step wrote over its transactions: rows per table and the first rows of each for the preview
    (a step that writes in many transactions keeps these, never the rows themselves)."""

    counts: Counter[str] = field(default_factory=Counter)
    samples: dict[str, pl.DataFrame] = field(default_factory=dict)

    def add(self, frames: Mapping[str, pl.DataFrame]) -> None:
        for table, frame in frames.items():
            self.counts[table] += frame.height
            if frame.height and table not in self.samples:
                self.samples[table] = frame.head(PREVIEW_ROWS)

    def merge(self, other: "WrittenRows") -> None:
        self.counts.update(other.counts)
        for table, sample in other.samples.items():
            self.samples.setdefault(table, sample)

    def table_metadata(
        self, con: duckdb.DuckDBPyConnection, table: str, preview_columns: Sequence[str] | None = None
    ) -> dict[str, object]:
        sample = self.samples.get(table, empty_frame(TABLES[table]))
        return table_metadata(con, table, sample, preview_columns, rows_written=self.counts[table])
