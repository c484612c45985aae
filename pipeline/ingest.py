"""From the raw folder to article records: scan, fingerprint, read, parse, or quarantine with a reason."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.extract.html import article_from_html, is_html
from pipeline.extract.parsing import ArticleMeta, ParsedArticle, parse_article
from pipeline.extract.reading import UnreadableArticle, decode_article_bytes, too_large

SIDECAR_SUFFIX = ".meta.json"
#: JSON Lines batches: one article per line.
BATCH_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".ndjson"})
BATCH_LINE = re.compile(r"#L\d+$")
#: A batch holds many articles, so it may be larger than one article; it is read whole, so not unbounded.
MAX_BATCH_BYTES = 200_000_000
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


@dataclass(frozen=True, slots=True)
class Quarantined:
    source_path: str
    stage: str
    reason: str
    detail: str
    size_bytes: int | None


@dataclass(frozen=True, slots=True)
class ReadArticle:
    raw: RawFile
    article: ParsedArticle
    encoding: str
    content_sha256: str
    sidecar_problem: Quarantined | None


def scan_raw_folder(root: Path) -> tuple[list[RawFile], list[Quarantined]]:
    """Every candidate article file under `root`, sorted; links leading outside `root` are refused."""
    root = root.resolve()
    files: list[RawFile] = []
    refused: list[Quarantined] = []
    listings: dict[str, frozenset[str]] = {}
    for relative, entry in walk_raw_folder(root):
        # Bytes that are not UTF-8 in the name (`caf\xe9.txt` from a Latin-1 system) come back escaped.
        printable = os.fsencode(relative).decode("utf-8", "backslashreplace")
        if printable != relative:
            refused.append(
                Quarantined(
                    printable,
                    "read",
                    "bad_file_name",
                    "the file name is not valid UTF-8; rename the file (its text was not read)",
                    None,
                )
            )
            continue
        data_format = DATA_FORMATS.get(os.path.splitext(entry.name)[1].lower())
        if data_format is not None:
            refused.append(
                Quarantined(
                    relative,
                    "read",
                    "unsupported_format",
                    f"a {data_format}, not article text; articles are plain-text files",
                    None,
                )
            )
            continue
        if entry.is_symlink() and not _inside(Path(entry.path).resolve(), root):
            refused.append(
                Quarantined(
                    relative,
                    "read",
                    "link_outside_raw",
                    "a symbolic link to a file outside the raw folder; not followed",
                    None,
                )
            )
            continue
        try:
            stat = entry.stat()
        except OSError as error:
            refused.append(
                Quarantined(relative, "read", "unreadable", f"cannot stat the file: {error.strerror}", None)
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


def read_sources(raw: RawFile) -> list[tuple[RawFile, ReadArticle | Quarantined]]:
    """Every source in a file with its outcome: the file itself, or each line of a JSON Lines batch (each
    line a source of its own, `batch.jsonl#L3`, so it has its own article id and provenance)."""
    if raw.path.suffix.lower() in BATCH_SUFFIXES:
        return _read_batch(raw)
    return [(raw, read_raw_file(raw))]


def read_raw_file(raw: RawFile) -> ReadArticle | Quarantined:
    """Read, decode and parse one file; every failure becomes a quarantine record, never an exception."""
    oversized = too_large(raw.size_bytes)
    if oversized is not None:  # refused from its size: a 50 MB file is never loaded
        return Quarantined(raw.source_path, "read", oversized.reason, oversized.detail, raw.size_bytes)
    data = _read_whole(raw)
    if isinstance(data, Quarantined):
        return data
    try:
        decoded = decode_article_bytes(data)
    except UnreadableArticle as error:
        return Quarantined(raw.source_path, "read", error.reason, error.detail, len(data))
    meta, sidecar_problem = _read_sidecar(raw)
    text = decoded.text
    if is_html(text, raw.path.suffix):
        page = article_from_html(text)
        if page is None:
            detail = "a web page with no article body to extract (trafilatura found none)"
            return Quarantined(raw.source_path, "parse", "html", detail, len(data))
        text, meta = page.text, _overridden(page.meta, meta)
    try:
        article = parse_article(text, meta)
    except UnreadableArticle as error:
        return Quarantined(raw.source_path, "parse", error.reason, error.detail, len(data))
    return ReadArticle(raw, article, decoded.encoding, hashlib.sha256(data).hexdigest(), sidecar_problem)


def _read_whole(raw: RawFile) -> bytes | Quarantined:
    """The file's bytes, unless it cannot be read or changed while it was read (still being written)."""
    try:
        before = raw.path.stat()
        data = raw.path.read_bytes()
        after = raw.path.stat()
    except OSError as error:
        return Quarantined(
            raw.source_path, "read", "unreadable", f"cannot read the file: {error.strerror}", raw.size_bytes
        )
    unchanged = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
    if not unchanged or len(data) != after.st_size:
        return Quarantined(
            raw.source_path,
            "read",
            "being_written",
            "the file changed while it was read (still being written); it is read again on the next run",
            len(data),
        )
    return data


def _read_batch(raw: RawFile) -> list[tuple[RawFile, ReadArticle | Quarantined]]:
    """A JSON Lines batch: one article per line (`title`, `text`; optional `url`, `outlet`, `published`,
    `authors`). A bad line is quarantined on its own; the good lines land."""
    oversized = too_large(raw.size_bytes, MAX_BATCH_BYTES, "one batch")
    if oversized is not None:
        return [
            (raw, Quarantined(raw.source_path, "read", oversized.reason, oversized.detail, raw.size_bytes))
        ]
    data = _read_whole(raw)
    if isinstance(data, Quarantined):
        return [(raw, data)]
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        detail = f"a JSON Lines batch must be UTF-8 ({error})"
        return [(raw, Quarantined(raw.source_path, "read", "undecodable", detail, len(data)))]
    results: list[tuple[RawFile, ReadArticle | Quarantined]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            line_raw = RawFile(raw.root, f"{raw.source_path}#L{number}", raw.size_bytes, raw.modified_ns)
            results.append((line_raw, _read_batch_line(line_raw, line)))
    if not results:
        return [(raw, Quarantined(raw.source_path, "read", "empty", "the batch holds no lines", len(data)))]
    return results


def _read_batch_line(raw: RawFile, line: str) -> ReadArticle | Quarantined:
    size = len(line.encode("utf-8"))
    try:
        fields = json.loads(line)
        if not isinstance(fields, dict):
            raise ValueError("the line is not a JSON object")
        text, title = fields.get("text"), fields.get("title")
        if not isinstance(text, str) or (title is not None and not isinstance(title, str)):
            raise ValueError("`text` (and `title`, when given) must be strings")
        meta = _meta_from_fields(fields)
    except (ValueError, TypeError) as error:
        detail = f"line skipped ({error}); expected keys: title, text, url, outlet, published, authors"
        return Quarantined(raw.source_path, "read", "malformed_line", detail, size)
    body = text if not title or text.lstrip().startswith(title) else f"{title}\n\n{text}"
    try:
        article = parse_article(body, meta)
    except UnreadableArticle as error:
        return Quarantined(raw.source_path, "parse", error.reason, error.detail, size)
    return ReadArticle(raw, article, "utf-8", hashlib.sha256(line.encode("utf-8")).hexdigest(), None)


def _overridden(found: ArticleMeta, sidecar: ArticleMeta | None) -> ArticleMeta:
    """What the page says, with each field the sidecar gives taking precedence."""
    if sidecar is None:
        return found
    return ArticleMeta(
        **{
            f.name: getattr(sidecar, f.name)
            if getattr(sidecar, f.name) is not None
            else getattr(found, f.name)
            for f in dataclasses.fields(ArticleMeta)
        }
    )


def _read_sidecar(raw: RawFile) -> tuple[ArticleMeta | None, Quarantined | None]:
    path = raw.sidecar_path
    if not path.exists():
        return None, None
    relative = path.relative_to(raw.root).as_posix()
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(fields, dict):
            raise ValueError("the top level is not a JSON object")
        return _meta_from_fields(fields), None
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as error:
        detail = f"sidecar ignored ({error}); the article landed with what its text reveals. Expected keys: outlet, url, published_date, authors"
        return None, Quarantined(relative, "sidecar", "malformed_sidecar", detail, None)


def _meta_from_fields(fields: dict[str, object]) -> ArticleMeta:
    published = fields.get("published_date", fields.get("published"))
    authors = fields.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        raise ValueError("authors must be a list of names")
    return ArticleMeta(
        outlet=_optional_text(fields.get("outlet")),
        url=_optional_text(fields.get("url")),
        published_date=date.fromisoformat(str(published)[:10]) if published else None,
        authors=tuple(authors) if authors is not None else None,
    )


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value.strip() or None


def changed_files(files: Iterable[RawFile], known: dict[str, tuple[int, int]]) -> list[RawFile]:
    """Files that are new or whose fingerprint differs from the ledger's."""
    return [f for f in files if known.get(f.source_path) != (f.size_bytes, f.modified_ns)]
