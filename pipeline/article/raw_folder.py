"""The raw folder: which files are candidate articles, their fingerprints, and which are refused unread."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.article.quarantine import Quarantined

SIDECAR_SUFFIX = ".meta.json"
#: A source inside a JSON Lines batch is one of its lines: `batch.jsonl#L3`.
BATCH_LINE = re.compile(r"#L\d+$")
#: Data files people keep beside articles: named by their extension, refused without being read.
DATA_FORMATS: dict[str, str] = {
    ".csv": "CSV data file",
    ".tsv": "tab-separated data file",
    ".json": "JSON data file",
    ".xml": "XML data file",
    ".parquet": "Parquet data file",
    ".sqlite": "SQLite database",
    ".duckdb": "DuckDB database",
}


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file in the raw folder; `(size_bytes, modified_ns)` is the fingerprint that says it changed."""

    root: Path
    source_path: str  # relative to root, with forward slashes
    size_bytes: int
    modified_ns: int

    @property
    def path(self) -> Path:
        return self.root / self.source_path

    @property
    def sidecar_path(self) -> Path:
        return sidecar_of(self.path)


def scan_raw_folder(root: Path) -> tuple[list[RawFile], list[Quarantined]]:
    """Every candidate article file under `root`, sorted; links leading outside `root` are refused."""
    root = root.resolve()
    files: list[RawFile] = []
    refused: list[Quarantined] = []
    listings: dict[str, frozenset[str]] = {}
    for relative, entry in walk_raw_folder(root):
        refusal = _refusal(relative, entry, root)
        if refusal is not None:
            refused.append(refusal)
            continue
        try:
            stat = entry.stat()
        except OSError as error:
            refused.append(
                Quarantined(relative, "unreadable", f"cannot stat the file: {error.strerror}", None)
            )
            continue
        modified = stat.st_mtime_ns
        folder, sidecar = os.path.dirname(entry.path), sidecar_name(entry.name)
        if folder not in listings:  # one listing per folder, not a system call per file
            listings[folder] = frozenset(os.listdir(folder))
        if sidecar in listings[folder]:
            modified = max(modified, os.stat(os.path.join(folder, sidecar)).st_mtime_ns)
        files.append(RawFile(root, relative, stat.st_size, modified))
    return sorted(files, key=lambda f: f.source_path), refused


def _refusal(relative: str, entry: os.DirEntry[str], root: Path) -> Quarantined | None:
    """Why a file is refused from its name or link alone, without reading it."""
    # Bytes that are not UTF-8 in the name (`caf\xe9.txt` from a Latin-1 system) come back escaped.
    printable = os.fsencode(relative).decode("utf-8", "backslashreplace")
    if printable != relative:
        detail = "the file name is not valid UTF-8; rename the file (its text was not read)"
        return Quarantined(printable, "bad_file_name", detail, None)
    data_format = DATA_FORMATS.get(os.path.splitext(entry.name)[1].lower())
    if data_format is not None:
        detail = f"a {data_format}, not article text; articles are plain-text files"
        return Quarantined(relative, "unsupported_format", detail, None)
    if entry.is_symlink() and not _inside(Path(entry.path).resolve(), root):
        detail = "a symbolic link to a file outside the raw folder; not followed"
        return Quarantined(relative, "link_outside_raw", detail, None)
    return None


def sidecar_of(path: Path) -> Path:
    """`story.txt` -> `story.meta.json`: the metadata that overrides what the file's text says."""
    return path.with_name(sidecar_name(path.name))


def sidecar_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + SIDECAR_SUFFIX


def walk_raw_folder(root: Path, include_sidecars: bool = False) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Visible files under `root` in sorted order, as (path relative to `root` with forward slashes,
    directory entry); hidden files and folders are not articles, links to folders are not followed.

    Directory entries say what they are without a system call per file, and paths are plain strings: a
    scan of 30,000 files is otherwise dominated by path objects and system calls."""
    return _walk(str(root), "", include_sidecars)


def _walk(directory: str, prefix: str, include_sidecars: bool) -> Iterator[tuple[str, os.DirEntry[str]]]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, f"{prefix}{entry.name}/", include_sidecars)
        elif entry.is_dir():
            continue  # a link to a folder is not followed
        elif entry.name.endswith(SIDECAR_SUFFIX) and not include_sidecars:
            continue
        elif entry.is_file() or entry.is_symlink():
            yield prefix + entry.name, entry


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def source_file(source_path: str) -> str:
    """The file a source lives in: a source is a file, or one line of a JSON Lines batch (`batch.jsonl#L3`)."""
    return BATCH_LINE.sub("", source_path)


def changed_files(files: Iterable[RawFile], known: dict[str, tuple[int, int]]) -> list[RawFile]:
    """Files that are new or whose fingerprint differs from the ledger's."""
    return [f for f in files if known.get(f.source_path) != (f.size_bytes, f.modified_ns)]
