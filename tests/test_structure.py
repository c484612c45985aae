"""The tree stays as docs/architecture.md describes it: modules of a readable size, no import cycles, every
package saying what it holds, the Dagster layer only wiring, and a README an analyst reads in minutes."""

import ast
from pathlib import Path

from evaluation.paths import REPO

PIPELINE = REPO / "pipeline"
#: A module longer than this is usually two concepts.
MAX_MODULE_LINES = 400
MAX_README_LINES = 150
#: What the Dagster layer may not import: it calls stage functions, it does not open files or parse text.
NOT_FOR_THE_DAGSTER_LAYER = ("pipeline.article", "pipeline.extract", "pipeline.resolve")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PIPELINE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The pipeline modules a module imports by name (a name imported from a package is the submodule
    when there is one, else the package)."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module in modules:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                imported.add(submodule if submodule in modules else node.module)
    return imported


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(REPO)): n
        for path in [
            *PIPELINE.rglob("*.py"),
            *(REPO / "evaluation").rglob("*.py"),
            *(REPO / "bench").glob("*.py"),
        ]
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_pipeline_modules_import_each_other_without_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) for name, path in modules.items()}
    cycles = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for imported in sorted(graph[name]):
            if state.get(imported) == "open":
                cycles.append(
                    [*trail[trail.index(imported) :], imported] if imported in trail else [name, imported]
                )
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_every_package_says_what_it_holds() -> None:
    for init in PIPELINE.rglob("__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 40, init.relative_to(REPO)


def test_the_dagster_layer_only_wires_stage_functions() -> None:
    modules = _modules()
    reaching = {
        name: sorted(i for i in _imports(path, modules) if i.startswith(NOT_FOR_THE_DAGSTER_LAYER))
        for name, path in modules.items()
        if name.startswith("pipeline.defs.assets")
    }
    assert {name: found for name, found in reaching.items() if found} == {}


def test_the_extractors_know_nothing_of_the_warehouse_or_dagster() -> None:
    modules = _modules()
    reaching = {
        name: sorted(
            i
            for i in _imports(path, modules)
            if i.startswith(("pipeline.warehouse", "pipeline.stages", "pipeline.defs"))
        )
        for name, path in modules.items()
        if name.startswith(("pipeline.article", "pipeline.nlp", "pipeline.extract", "pipeline.resolve"))
    }
    assert {name: found for name, found in reaching.items() if found} == {}
    for path in modules.values():
        source = path.read_text(encoding="utf-8")
        if "/extract/" in str(path) or "/resolve/" in str(path):
            assert "import dagster" not in source and "import duckdb" not in source, path


def test_the_readme_is_short_and_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= MAX_README_LINES
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "bash scripts/run" in first_block and "bash scripts/test" in first_block
