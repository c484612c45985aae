"""The docs say what the code does and prints: example queries show the output the DuckDB command line
prints for them, constants quoted with their value have that value, every quarantine reason is listed
with the meaning the code gives it, and every file the docs name exists."""

import importlib
import pkgutil
import re

import pytest

import pipeline
from evaluation.doc_examples import DOCUMENTS, stale_examples
from evaluation.paths import REPO
from pipeline.vocabulary import QUARANTINE_REASONS
from tests.support import WarehouseReader

ALL_DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: `NAME` = 1,000 in a doc: a constant of the code and the value it has.
CONSTANT = re.compile(r"`([A-Z][A-Z0-9_]{2,})` = ([\d][\d,._]*)")
#: A path into the repository as the docs write it (`pipeline/stages/ingest.py`, `docs/inputs.md`).
REPO_PATH = re.compile(r"`((?:pipeline|evaluation|tests|bench|scripts|deploy|docs)/[\w./-]+)`")


def _constants() -> dict[str, object]:
    found: dict[str, object] = {}
    for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        for name, value in vars(importlib.import_module(module.name)).items():
            if name.isupper() and isinstance(value, int | float):
                found.setdefault(name, value)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_example_queries_show_what_they_print(document, seeds_warehouse: WarehouseReader) -> None:
    stale = stale_examples(document, seeds_warehouse.path)
    assert stale == [], "run `.venv/bin/python -m evaluation.doc_examples --write`"


def test_constants_quoted_in_the_docs_have_the_values_given() -> None:
    constants = _constants()
    quoted = [
        (doc.name, name, value) for doc in ALL_DOCS for name, value in CONSTANT.findall(doc.read_text())
    ]
    assert quoted, "the docs quote some constants"
    wrong = [
        (doc, name, value, constants.get(name))
        for doc, name, value in quoted
        if constants.get(name) is None
        or float(value.rstrip(".").replace(",", "").replace("_", "")) != constants[name]
    ]
    assert wrong == []


def test_every_quarantine_reason_is_listed_with_its_meaning() -> None:
    inputs = (REPO / "docs" / "inputs.md").read_text(encoding="utf-8")
    missing = [
        reason
        for reason, (stage, meaning) in QUARANTINE_REASONS.items()
        if f"| `{reason}` | {stage} | {meaning} |" not in inputs
    ]
    assert missing == []


def test_every_file_the_docs_name_exists() -> None:
    named = {(doc.name, path) for doc in ALL_DOCS for path in REPO_PATH.findall(doc.read_text())}
    missing = sorted((doc, path) for doc, path in named if not (REPO / path.rstrip(".")).exists())
    assert missing == []
