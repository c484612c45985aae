"""The example queries of the README and docs/querying.md, with the output they show, held to what the
DuckDB command line prints for them on the sample articles (so the docs show what the code prints).

    .venv/bin/python -m evaluation.doc_examples [--write]

Builds a warehouse from `raw/` in a temporary folder, runs every ```sql block that a ```text block
follows, and reports the blocks whose shown output differs; `--write` puts the printed output in place.
`tests/test_docs.py` runs the same comparison.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from evaluation.paths import REPO
from pipeline import settings
from pipeline.warehouse.lake import OFFLINE_SETTINGS

#: The documents whose example queries show their output.
DOCUMENTS = (REPO / "README.md", REPO / "docs" / "querying.md")
DUCKDB_CLI = REPO / ".venv" / "bin" / "duckdb"
#: A ```sql block and the ```text block right after it (a query shown without its output is not one).
EXAMPLE = re.compile(r"```sql\n(?P<sql>[^`]*?)```\n\n```text\n(?P<shown>.*?)```", re.DOTALL)


def printed(warehouse: Path, sql: str) -> str:
    """What the DuckDB command line prints for `sql` on the lake in `warehouse`, attached read-only as
    `scripts/sql` attaches it."""
    attach = ";\n".join(settings.lake(warehouse).attach_sql(read_only=True)) + ";"
    done = subprocess.run(
        [str(DUCKDB_CLI), "-cmd", f"{OFFLINE_SETTINGS} {attach}", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def stale_examples(document: Path, warehouse: Path) -> list[tuple[str, str, str]]:
    """(sql, shown, printed) of every example whose shown output is not what the query prints."""
    text = document.read_text(encoding="utf-8")
    found = [(m["sql"], m["shown"]) for m in EXAMPLE.finditer(text)]
    return [(sql, shown, out) for sql, shown in found if (out := printed(warehouse, sql)) != shown]


def rewrite(document: Path, warehouse: Path) -> int:
    """Put each example's printed output in place of the shown one; returns how many changed."""
    text = document.read_text(encoding="utf-8")
    changed = 0

    def fresh(match: re.Match[str]) -> str:
        nonlocal changed
        out = printed(warehouse, match["sql"])
        changed += out != match["shown"]
        return f"```sql\n{match['sql']}```\n\n```text\n{out}```"

    document.write_text(EXAMPLE.sub(fresh, text), encoding="utf-8")
    return changed


def sample_warehouse(folder: Path) -> Path:
    """The whole pipeline over a copy of `raw/` (the two sample articles) into `folder`."""
    from pipeline.runner import run_pipeline

    raw = folder / "raw"
    shutil.copytree(REPO / "raw", raw)
    warehouse = folder / "warehouse"
    if not run_pipeline(raw, warehouse, progress=True).success:
        raise RuntimeError("the pipeline failed on the sample articles")
    return warehouse


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true", help="put the printed output in the documents")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = sample_warehouse(Path(folder))
        stale = 0
        for document in DOCUMENTS:
            if args.write:
                print(f"{document.relative_to(REPO)}: {rewrite(document, warehouse)} examples rewritten")
            else:
                for sql, _, _ in stale_examples(document, warehouse):
                    stale += 1
                    print(f"{document.relative_to(REPO)}: stale output for {sql.strip()[:80]}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
