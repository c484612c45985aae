"""Materialisation metadata and schema checks shared by every asset."""

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import dagster as dg
import pandera.errors
import polars as pl

from pipeline.schemas import TABLES, empty_frame

PREVIEW_ROWS = 5
PREVIEW_CELL_CHARS = 60


class SchemaViolation(Exception):
    """Rows an extractor produced break the warehouse contract: a bug to fix, so nothing is written."""


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


def schema_check_spec(table: str, blocking: bool = True) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        "matches_schema",
        asset=dg.AssetKey(table.split(".")),
        blocking=blocking,
        description=f"The rows written this run validate against the pandera model of `{table}`.",
    )


def schema_failures(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Validate every frame eagerly against its table's model: failure cases of the tables that fail."""
    failures = {}
    for table, frame in frames.items():
        try:
            TABLES[table].validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as error:
            failures[table] = error.failure_cases
    return failures


def validate_tables(
    frames: dict[str, pl.DataFrame], failures: dict[str, pl.DataFrame] | None = None
) -> list[dg.AssetCheckResult]:
    """One check result per frame, collecting all failure cases (see `raise_on_failed_checks`);
    `failures` from `schema_failures` when the caller has already validated the frames."""
    failures = schema_failures(frames) if failures is None else failures
    return schema_check_results({table: frame.height for table, frame in frames.items()}, failures)


def schema_check_results(
    rows_checked: Mapping[str, int], failures: Mapping[str, pl.DataFrame]
) -> list[dg.AssetCheckResult]:
    """A `matches_schema` result per table: failed, with its failure cases as a table, or passed."""
    results = []
    for table, checked in rows_checked.items():
        cases = failures.get(table)
        metadata: dict[str, object] = {"rows_checked": checked}
        if cases is not None:
            metadata["failure_cases"] = dg.MetadataValue.md(markdown_table(cases))
        results.append(
            dg.AssetCheckResult(
                asset_key=dg.AssetKey(table.split(".")),
                check_name="matches_schema",
                passed=cases is None,
                metadata=metadata,
            )
        )
    return results


def raise_on_failed_checks(checks: Sequence[dg.AssetCheckResult]) -> Iterator[dg.AssetCheckResult]:
    """Report failed checks in the UI, then stop the step before anything is written."""
    failed = [c for c in checks if not c.passed]
    if failed:
        yield from failed
        names = ", ".join(c.asset_key.to_user_string() for c in failed)
        raise SchemaViolation(
            f"rows for {names} break the schema; nothing was written (see the matches_schema checks)"
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
    total_rows: int, written: pl.DataFrame, preview_columns: Sequence[str] | None = None
) -> dict[str, object]:
    preview = written.select(preview_columns) if preview_columns else written
    return {
        "dagster/row_count": total_rows,
        "rows_written": written.height,
        "preview": dg.MetadataValue.md(markdown_table(preview)),
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
        self, table: str, total_rows: int, preview_columns: Sequence[str] | None = None
    ) -> dict[str, object]:
        sample = self.samples.get(table, empty_frame(TABLES[table]))
        return {**table_metadata(total_rows, sample, preview_columns), "rows_written": self.counts[table]}
