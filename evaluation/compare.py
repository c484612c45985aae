"""Compare two warehouses table by table and view by view, row for row, ignoring only timestamps.

    .venv/bin/python -m evaluation.compare OLD.duckdb NEW.duckdb [--show 5]

Rows are compared as multisets (order does not matter, duplicates do) over every column but those of a
timestamp type and the few that copy a timestamp (`TIMESTAMP_COPIES`). Column comments and table
comments are reported apart, as metadata: they describe the data and are not part of it. Exits 1 when any
table or view differs, 0 when all are identical.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.warehouse.ddl import quoted, sql_literal
from pipeline.warehouse.lake import OFFLINE_CONFIG, Lake

#: Columns holding a timestamp written as text, by table: compared as NULL where the expression says so.
TIMESTAMP_COPIES: dict[str, dict[str, str]] = {
    # The entities and quotes steps stamp an article with the time it was extracted; stories with a hash.
    "staging.cross_article_inputs": {
        "stamp": "CASE WHEN step IN ('entities', 'quotes') THEN NULL ELSE stamp END",
    },
}
#: Tables that describe the warehouse's definitions or its runs rather than hold extracted data.
DEFINITION_TABLES = frozenset({"staging.schema_version", "runs"})
TIMESTAMP_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S")


@dataclass
class Difference:
    relation: str
    rows_old: int = 0
    rows_new: int = 0
    only_old: int = 0
    only_new: int = 0
    problem: str | None = None
    examples: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    relations: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.differences


def _relations(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, str]:
    """`schema.name` (or `name` in main) -> `table` or `view`, for every table and view of a database."""
    found = {}
    for schema, name in con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?", [database]
    ).fetchall():
        found[name if schema == "main" else f"{schema}.{name}"] = "table"
    for schema, name in con.execute(
        "SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = ? AND NOT internal",
        [database],
    ).fetchall():
        found[name if schema == "main" else f"{schema}.{name}"] = "view"
    return found


def _columns(con: duckdb.DuckDBPyConnection, database: str, relation: str) -> list[tuple[str, str]]:
    schema, name = relation.split(".") if "." in relation else ("main", relation)
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = ? AND schema_name = ? AND table_name = ? ORDER BY column_index",
        [database, schema, name],
    ).fetchall()


def _comments(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, str | None]:
    comments: dict[str, str | None] = {}
    for schema, table, column, comment in con.execute(
        "SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() WHERE database_name = ?",
        [database],
    ).fetchall():
        comments[f"{schema}.{table}.{column}"] = comment
    for kind, query in (
        ("table", "SELECT schema_name, table_name, comment FROM duckdb_tables() WHERE database_name = ?"),
        (
            "view",
            "SELECT schema_name, view_name, comment FROM duckdb_views() WHERE database_name = ? AND NOT internal",
        ),
    ):
        for schema, name, comment in con.execute(query, [database]).fetchall():
            comments[f"{kind} {schema}.{name}"] = comment
    return comments


def _compare_relation(con: duckdb.DuckDBPyConnection, relation: str, show: int) -> Difference | None:
    columns_old, columns_new = _columns(con, "old", relation), _columns(con, "new", relation)
    difference = Difference(relation)
    if columns_old != columns_new:
        difference.problem = f"columns differ: {columns_old} vs {columns_new}"
        return difference
    copies = TIMESTAMP_COPIES.get(relation, {})
    selected = [
        f"{copies[name]} AS {quoted(name)}" if name in copies else quoted(name)
        for name, data_type in columns_old
        if data_type not in TIMESTAMP_TYPES
    ]
    columns = ", ".join(selected) or "1"
    old, new = f"old.{quoted(_in_main(relation))}", f"new.{quoted(_in_main(relation))}"
    difference.rows_old = con.execute(f"SELECT count(*) FROM {old}").fetchone()[0]
    difference.rows_new = con.execute(f"SELECT count(*) FROM {new}").fetchone()[0]
    only = {}
    for side, first, second in (("old", old, new), ("new", new, old)):
        query = f"SELECT {columns} FROM {first} EXCEPT ALL SELECT {columns} FROM {second}"
        only[side] = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
        if only[side]:
            rows = con.execute(f"SELECT * FROM ({query}) ORDER BY ALL LIMIT {int(show)}").fetchall()
            difference.examples += [f"only in {side}: {row}" for row in rows]
    difference.only_old, difference.only_new = only["old"], only["new"]
    return difference if difference.only_old or difference.only_new else None


def _in_main(relation: str) -> str:
    return relation if "." in relation else f"main.{relation}"


def compare_warehouses(old: Path, new: Path, show: int = 5) -> Comparison:
    """Every table and view of `old` against `new` (both opened read-only): warehouse folders (lakes), or
    DuckDB files of the pipeline before the lake."""
    con = duckdb.connect(config=OFFLINE_CONFIG)
    try:
        for path, name in ((old, "old"), (new, "new")):
            if path.is_dir():
                for statement in Lake.in_folder(path).attach_sql(read_only=True, name=name):
                    con.execute(statement)
            else:
                con.execute(f"ATTACH {sql_literal(str(path))} AS {quoted(name)} (READ_ONLY)")
        relations_old, relations_new = _relations(con, "old"), _relations(con, "new")
        result = Comparison()
        for relation in sorted(relations_old.keys() | relations_new.keys()):
            if relation in DEFINITION_TABLES:
                continue
            if relations_old.get(relation) != relations_new.get(relation):
                result.differences.append(
                    Difference(
                        relation,
                        problem=f"{relations_old.get(relation, 'missing')} in old, "
                        f"{relations_new.get(relation, 'missing')} in new",
                    )
                )
                continue
            result.relations.append(relation)
            difference = _compare_relation(con, relation, show)
            if difference is not None:
                result.differences.append(difference)
            else:
                result.rows[relation] = con.execute(
                    f"SELECT count(*) FROM old.{quoted(_in_main(relation))}"
                ).fetchone()[0]
        comments_old, comments_new = _comments(con, "old"), _comments(con, "new")
        for name in sorted(comments_old.keys() | comments_new.keys()):
            if comments_old.get(name) != comments_new.get(name):
                result.metadata.append(
                    f"comment on {name}: {comments_old.get(name)!r} -> {comments_new.get(name)!r}"
                )
        return result
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differing rows to print per relation")
    args = parser.parse_args(argv)
    result = compare_warehouses(args.old, args.new, args.show)
    for relation in result.relations:
        if relation in result.rows:
            print(f"same       {relation}: {result.rows[relation]:,} rows")
    for difference in result.differences:
        if difference.problem:
            print(f"DIFFERENT  {difference.relation}: {difference.problem}")
            continue
        print(
            f"DIFFERENT  {difference.relation}: {difference.rows_old:,} rows old, {difference.rows_new:,} new; "
            f"{difference.only_old:,} only in old, {difference.only_new:,} only in new"
        )
        for example in difference.examples:
            print(f"    {example}")
    for line in result.metadata:
        print(f"metadata   {line}")
    identical = "identical" if result.identical else f"{len(result.differences)} relations differ"
    print(f"{len(result.relations)} tables and views compared (timestamps ignored): {identical}")
    return 0 if result.identical else 1


if __name__ == "__main__":
    sys.exit(main())
