"""Nothing from a file's name or content is spliced into SQL text: values travel as parameters or as
registered frames, and the only interpolations are quoted identifiers of our own tables and comments
from our own schema docstrings."""

import ast
from pathlib import Path

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"
#: Functions whose result may be interpolated into SQL: they quote identifiers or literals from the code.
SAFE_INTERPOLATIONS = {"quoted", "sql_literal"}


def _interpolations(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, source) of every value interpolated into an f-string that reaches `execute`."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "execute" and node.args):
            continue
        sql = node.args[0]
        if isinstance(sql, ast.JoinedStr):
            for part in sql.values:
                if isinstance(part, ast.FormattedValue):
                    found.append((node.lineno, ast.unparse(part.value)))
    return found


def test_sql_is_parameterised_everywhere_in_the_pipeline() -> None:
    unsafe = []
    for path in PIPELINE.rglob("*.py"):
        for line, source in _interpolations(ast.parse(path.read_text(encoding="utf-8"))):
            call = ast.parse(source, mode="eval").body
            name = getattr(getattr(call, "func", None), "id", None)
            if name not in SAFE_INTERPOLATIONS:
                unsafe.append(f"{path.relative_to(PIPELINE.parent)}:{line}: {source}")
    assert unsafe == []
