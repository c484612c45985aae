"""The ingest stage: files in the raw folder that are new or changed since the last run become rows of
`articles` and `paragraphs`, or of `quarantined_articles` with a reason; files gone take their rows away.

`plan_ingest` compares the folder with the ledger of files seen (`staging.source_files`, by size and
modification time); `IngestPlan.chunks` reads the files to read FILES_PER_CHUNK at a time, so memory is
bounded however many arrive at once; `write_chunk` writes one chunk in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipeline.article.quarantine import Quarantined
from pipeline.article.raw_folder import RawFile, changed_files, scan_raw_folder, source_file
from pipeline.article.sources import ReadArticle, read_sources
from pipeline.warehouse.ddl import quoted
from pipeline.warehouse.schemas import Articles, Paragraphs, QuarantinedArticles, SourceFiles, frame_of
from pipeline.warehouse.store import insert_rows, read_frame, replace_rows

INGEST_TABLES = ("staging.source_files", "articles", "paragraphs", "quarantined_articles")
#: Files read and written per transaction: bounds memory however many files arrive at once.
FILES_PER_CHUNK = 500
#: Tables keyed by article that must lose an article's rows when its last file leaves the raw folder.
PER_ARTICLE_TABLES = (
    "articles",
    "paragraphs",
    "figures",
    "extraction_anomalies",
    "staging.mentions",
    "staging.quotes",
    "staging.extraction_log",
)


@dataclass(frozen=True, slots=True)
class IngestChunk:
    """The rows of one chunk of files, every source path whose rows they replace, and whether it is the
    run's last chunk (which also removes what left the folder)."""

    frames: dict[str, pl.DataFrame]
    touched: pl.Series
    last: bool


@dataclass(frozen=True, slots=True)
class IngestPlan:
    files: list[RawFile]
    refused: list[Quarantined]
    #: The ledger: source path -> (size, modification time) when last read.
    known: dict[str, tuple[int, int]]
    to_read: list[RawFile]
    removed: list[str]

    @property
    def summary(self) -> str:
        return f"{len(self.files)} files: {len(self.to_read)} new or changed, {len(self.removed)} sources removed"

    def chunks(self) -> Iterator[IngestChunk]:
        """The files to read, FILES_PER_CHUNK at a time (one empty chunk when there are none, so the last
        chunk always comes)."""
        size = FILES_PER_CHUNK
        chunks = [self.to_read[i : i + size] for i in range(0, len(self.to_read), size)] or [[]]
        for number, chunk in enumerate(chunks):
            last = number == len(chunks) - 1
            frames, touched = _read_chunk(
                chunk, self.known, self.refused if last else [], self.removed if last else []
            )
            yield IngestChunk(frames, touched, last)


def plan_ingest(con: duckdb.DuckDBPyConnection, root: Path) -> IngestPlan:
    """What the raw folder holds against what the ledger says was read."""
    files, refused = scan_raw_folder(root)
    known = {
        path: (size, modified)
        for path, size, modified in con.execute(
            "SELECT source_path, size_bytes, modified_ns FROM staging.source_files"
        ).fetchall()
    }
    # Fingerprints are the file's: every line of a JSON Lines batch carries its batch's.
    to_read = changed_files(files, {source_file(path): fingerprint for path, fingerprint in known.items()})
    present = {f.source_path for f in files} | {q.source_path for q in refused}
    removed = sorted(p for p in known if source_file(p) not in present)
    return IngestPlan(files, refused, known, to_read, removed)


def write_chunk(con: duckdb.DuckDBPyConnection, chunk: IngestChunk) -> int:
    """Write one chunk's rows; the last chunk also removes the articles no file holds any more and elects
    each article's source file. Returns the articles removed. The caller holds the transaction."""
    frames = chunk.frames
    replace_rows(
        con, "staging.source_files", frames["staging.source_files"], chunk.touched, key="source_path"
    )
    _insert_new_articles(con, frames["articles"], frames["paragraphs"])
    replace_rows(
        con, "quarantined_articles", frames["quarantined_articles"], chunk.touched, key="source_path"
    )
    if not chunk.last:
        return 0
    removed = _remove_orphaned_articles(con)
    _elect_source_paths(con)
    return removed


def _read_chunk(
    chunk: Sequence[RawFile],
    known: dict[str, tuple[int, int]],
    refused: Sequence[Quarantined],
    removed: Sequence[str],
) -> tuple[dict[str, pl.DataFrame], pl.Series]:
    """Rows for one chunk of files, and every source path whose rows they replace."""
    sources = [pair for f in chunk for pair in read_sources(f)]
    results = [result for _, result in sources]
    read = [r for r in results if isinstance(r, ReadArticle)]
    quarantined = [r for r in results if isinstance(r, Quarantined)]
    quarantined += [*refused, *(r.sidecar_problem for r in read if r.sidecar_problem)]
    now = datetime.now(UTC)
    frames = {
        "staging.source_files": _source_file_rows(sources, now),
        "articles": _article_rows(read, now),
        "paragraphs": _paragraph_rows(read),
        "quarantined_articles": _quarantine_rows(quarantined, now),
    }
    reread = {f.source_path for f in chunk}
    touched = (
        list(reread)
        + [raw.source_path for raw, _ in sources]
        + [p for p in known if p != source_file(p) and source_file(p) in reread]  # lines gone or renumbered
        + [f.sidecar_path.relative_to(f.root).as_posix() for f in chunk]
        + list(removed)
        + [q.source_path for q in refused]
    )
    return frames, pl.Series(touched, dtype=pl.String)


def _source_file_rows(
    sources: Sequence[tuple[RawFile, ReadArticle | Quarantined]], now: datetime
) -> pl.DataFrame:
    rows = []
    for raw, result in sources:
        is_article = isinstance(result, ReadArticle)
        rows.append(
            {
                "source_path": raw.source_path,
                "size_bytes": raw.size_bytes,
                "modified_ns": raw.modified_ns,
                "content_sha256": result.content_sha256 if is_article else None,
                "article_id": result.article.article_id if is_article else None,
                # Provisional: `_elect_source_paths` decides article vs duplicate across all files.
                "status": "article" if is_article else "quarantined",
                "seen_at": now,
            }
        )
    return frame_of(SourceFiles, rows)


def _first_per_article(read: Sequence[ReadArticle]) -> list[ReadArticle]:
    """One file per text: copies of an article under other names add no rows of their own."""
    first: dict[str, ReadArticle] = {}
    for r in read:
        first.setdefault(r.article.article_id, r)
    return list(first.values())


def _article_rows(read: Sequence[ReadArticle], now: datetime) -> pl.DataFrame:
    rows = [
        {
            "article_id": r.article.article_id,
            "source_path": r.raw.source_path,
            "title": r.article.title,
            "standfirst": r.article.standfirst,
            "outlet": r.article.outlet,
            "authors": list(r.article.authors),
            "published_date": r.article.published_date,
            "url": r.article.url,
            "text": r.article.text,
            "word_count": r.article.word_count,
            "language": r.article.language,
            "encoding": r.encoding,
            "replaced_bytes": r.replaced_bytes,
            "first_replaced_char": r.first_replaced_char,
            "ingested_at": now,
        }
        for r in _first_per_article(read)
    ]
    return frame_of(Articles, rows)


def _paragraph_rows(read: Sequence[ReadArticle]) -> pl.DataFrame:
    rows = [
        {
            "article_id": r.article.article_id,
            "block_no": b.block_no,
            "kind": b.kind,
            "start_char": b.start_char,
            "end_char": b.end_char,
            "text": b.text,
        }
        for r in _first_per_article(read)
        for b in r.article.blocks
    ]
    return frame_of(Paragraphs, rows)


def _quarantine_rows(quarantined: Sequence[Quarantined], now: datetime) -> pl.DataFrame:
    rows = [
        {
            "source_path": q.source_path,
            "stage": q.stage,
            "reason": q.reason,
            "detail": q.detail,
            "size_bytes": q.size_bytes,
            "quarantined_at": now,
        }
        for q in quarantined
    ]
    return frame_of(QuarantinedArticles, rows)


def _insert_new_articles(
    con: duckdb.DuckDBPyConnection, articles: pl.DataFrame, paragraphs: pl.DataFrame
) -> None:
    """Texts already in the warehouse (the same article under another name) are not inserted twice."""
    existing = read_frame(con, "SELECT article_id FROM articles")["article_id"]
    insert_rows(con, "articles", articles.filter(~pl.col("article_id").is_in(existing.implode())))
    insert_rows(con, "paragraphs", paragraphs.filter(~pl.col("article_id").is_in(existing.implode())))


def _remove_orphaned_articles(con: duckdb.DuckDBPyConnection) -> int:
    """Delete every row of articles that no file in the raw folder holds any more."""
    orphans = read_frame(
        con,
        "SELECT article_id FROM articles WHERE article_id NOT IN "
        "(SELECT article_id FROM staging.source_files WHERE article_id IS NOT NULL)",
    )
    if orphans.height:
        con.register("orphaned_articles", orphans)
        for table in PER_ARTICLE_TABLES:
            con.execute(
                f"DELETE FROM {quoted(table)} WHERE article_id IN (SELECT article_id FROM orphaned_articles)"
            )
        con.unregister("orphaned_articles")
    return orphans.height


def _elect_source_paths(con: duckdb.DuckDBPyConnection) -> None:
    """The first path (in sort order) holding a text is the article's; other copies are duplicates."""
    con.execute(
        """
        UPDATE staging.source_files AS f
        SET status = CASE WHEN f.source_path = first.source_path THEN 'article' ELSE 'duplicate' END
        FROM (SELECT article_id, min(source_path) AS source_path FROM staging.source_files
              WHERE article_id IS NOT NULL GROUP BY article_id) AS first
        WHERE f.article_id = first.article_id
          AND f.status <> CASE WHEN f.source_path = first.source_path THEN 'article' ELSE 'duplicate' END
        """
    )
    con.execute(
        """
        UPDATE articles AS a SET source_path = f.source_path
        FROM staging.source_files AS f
        WHERE f.article_id = a.article_id AND f.status = 'article' AND a.source_path <> f.source_path
        """
    )
