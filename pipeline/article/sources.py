"""A raw file's bytes to an article record, or to a quarantine record with a reason: plain text, web pages,
JSON Lines batches (one article per line) and `.meta.json` sidecars."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import date

from pipeline.article.decoding import (
    MAX_ARTICLE_BYTES,
    MAX_PAGE_BYTES,
    UnreadableArticle,
    check_length,
    decode_article_bytes,
    too_large,
)
from pipeline.article.html import HTML_SUFFIXES, article_from_html, is_html
from pipeline.article.parsing import ArticleMeta, ParsedArticle, parse_article
from pipeline.article.quarantine import Quarantined
from pipeline.article.raw_folder import RawFile

#: JSON Lines batches: one article per line.
BATCH_SUFFIXES: frozenset[str] = frozenset({".jsonl", ".ndjson"})
#: A batch holds many articles, so it may be larger than one article; it is read whole, so not unbounded.
MAX_BATCH_BYTES = 200_000_000


@dataclass(frozen=True, slots=True)
class ReadArticle:
    raw: RawFile
    article: ParsedArticle
    encoding: str
    content_sha256: str
    sidecar_problem: Quarantined | None
    #: Bytes replaced because they were not valid in the file's encoding, and where the first one is.
    replaced_bytes: int = 0
    first_replaced_char: int | None = None


def read_sources(raw: RawFile) -> list[tuple[RawFile, ReadArticle | Quarantined]]:
    """Every source in a file with its outcome: the file itself, or each line of a JSON Lines batch (each
    line a source of its own, `batch.jsonl#L3`, so it has its own article id and provenance)."""
    if raw.path.suffix.lower() in BATCH_SUFFIXES:
        return _read_batch(raw)
    return [(raw, read_raw_file(raw))]


def read_raw_file(raw: RawFile) -> ReadArticle | Quarantined:
    """Read, decode and parse one file; every failure becomes a quarantine record, never an exception."""
    # A web page is held to the size of the article in it; its own limit only protects memory.
    limit = MAX_PAGE_BYTES if raw.path.suffix.lower() in HTML_SUFFIXES else MAX_ARTICLE_BYTES
    oversized = too_large(raw.size_bytes, limit, "one web page" if limit == MAX_PAGE_BYTES else "one article")
    if oversized is not None:  # refused from its size: a 50 MB file is never loaded
        return Quarantined(raw.source_path, oversized.reason, oversized.detail, raw.size_bytes)
    data = _read_whole(raw)
    if isinstance(data, Quarantined):
        return data
    try:
        decoded = decode_article_bytes(data, limit)
        meta, sidecar_problem = _read_sidecar(raw)
        text = decoded.text
        if is_html(text, raw.path.suffix):
            page = article_from_html(text)
            text, meta = page.text, _overridden(page.meta, meta)
        check_length(text)
        article = parse_article(text, meta)
    except UnreadableArticle as error:
        return Quarantined(raw.source_path, error.reason, error.detail, len(data))
    return ReadArticle(
        raw,
        article,
        decoded.encoding,
        hashlib.sha256(data).hexdigest(),
        sidecar_problem,
        decoded.replaced,
        decoded.first_replaced_char,
    )


def _read_whole(raw: RawFile) -> bytes | Quarantined:
    """The file's bytes, unless it cannot be read or changed while it was read (still being written)."""
    try:
        before = raw.path.stat()
        data = raw.path.read_bytes()
        after = raw.path.stat()
    except OSError as error:
        detail = f"cannot read the file: {error.strerror}"
        return Quarantined(raw.source_path, "unreadable", detail, raw.size_bytes)
    unchanged = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
    if not unchanged or len(data) != after.st_size:
        return Quarantined(
            raw.source_path,
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
        return [(raw, Quarantined(raw.source_path, oversized.reason, oversized.detail, raw.size_bytes))]
    data = _read_whole(raw)
    if isinstance(data, Quarantined):
        return [(raw, data)]
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        detail = f"a JSON Lines batch must be UTF-8 ({error})"
        return [(raw, Quarantined(raw.source_path, "undecodable", detail, len(data)))]
    results: list[tuple[RawFile, ReadArticle | Quarantined]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            line_raw = RawFile(raw.root, f"{raw.source_path}#L{number}", raw.size_bytes, raw.modified_ns)
            results.append((line_raw, _read_batch_line(line_raw, line)))
    if not results:
        return [(raw, Quarantined(raw.source_path, "empty", "the batch holds no lines", len(data)))]
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
        return Quarantined(raw.source_path, "malformed_line", detail, size)
    body = text if not title or text.lstrip().startswith(title) else f"{title}\n\n{text}"
    try:
        check_length(body)
        article = parse_article(body, meta)
    except UnreadableArticle as error:
        return Quarantined(raw.source_path, error.reason, error.detail, size)
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
        return None, Quarantined(relative, "malformed_sidecar", detail, None)


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
