"""The blocking `matches_schema` check every table asset carries: rows are validated with pandera
(eagerly, all failure cases at once) before anything is written."""

from collections.abc import Iterator, Mapping, Sequence

import dagster as dg
import pandera.errors
import polars as pl

from pipeline.defs.metadata import markdown_table
from pipeline.warehouse.schemas import TABLES


class SchemaViolation(Exception):
    """Rows an extractor produced break the warehouse contract: a bug to fix, so nothing is written."""


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
