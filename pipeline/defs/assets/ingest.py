"""Ingest: new and changed raw files become articles and paragraphs, or quarantined files."""

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import dagster as dg
import duckdb
import polars as pl

from pipeline.defs.metadata import (
    WrittenRows,
    raise_on_failed_checks,
    schema_check_results,
    schema_check_spec,
    table_spec,
    validate_tables,
)
from pipeline.defs.resources import RawFolder, WarehouseResource
from pipeline.ingest import (
    Quarantined,
    RawFile,
    ReadArticle,
    changed_files,
    read_sources,
    scan_raw_folder,
    source_file,
)
from pipeline.schemas import (
    Articles,
    Paragraphs,
    QuarantinedArticles,
    SourceFiles,
    frame_of,
)
from pipeline.warehouse import insert_rows, quoted, read_frame, replace_rows, row_counts

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


@dg.multi_asset(
    specs=[table_spec(t, "ingest", kinds=frozenset({"python"})) for t in INGEST_TABLES],
    check_specs=[schema_check_spec(t) for t in INGEST_TABLES],
)
def raw_articles(
    context: dg.AssetExecutionContext, raw_folder: RawFolder, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Read files that are new or changed since the last run (by size and modification time); skip the rest.

    A file that cannot be read or parsed lands in `quarantined_articles` with its reason; a file deleted
    from the raw folder takes its article's rows with it.
    """
    store = warehouse.warehouse
    files, refused = scan_raw_folder(raw_folder.root)
    with store.connect() as con:
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
    context.log.info(f"{len(files)} files: {len(to_read)} new or changed, {len(removed)} sources removed")

    written = WrittenRows()
    chunks = [to_read[i : i + FILES_PER_CHUNK] for i in range(0, len(to_read), FILES_PER_CHUNK)] or [[]]
    for number, chunk in enumerate(chunks):
        last = number == len(chunks) - 1
        frames, touched = _read_chunk(chunk, known, refused if last else [], removed if last else [])
        checks = validate_tables(frames)
        yield from raise_on_failed_checks(checks)
        with store.transaction() as con:
            replace_rows(
                con, "staging.source_files", frames["staging.source_files"], touched, key="source_path"
            )
            _insert_new_articles(con, frames["articles"], frames["paragraphs"])
            replace_rows(
                con, "quarantined_articles", frames["quarantined_articles"], touched, key="source_path"
            )
            if last:
                orphans = _remove_orphaned_articles(con)
                _elect_source_paths(con)
                totals = row_counts(con, INGEST_TABLES)
        written.add(frames)
    context.log.info(
        f"{written.counts['articles']} articles read, {written.counts['quarantined_articles']} quarantined, "
        f"{orphans} removed"
    )

    previews = {"articles": ["article_id", "source_path", "title", "outlet", "word_count"]}
    for table in INGEST_TABLES:
        metadata = written.table_metadata(table, totals[table], previews.get(table))
        if table == "articles":
            metadata["articles_removed"] = orphans
        yield dg.MaterializeResult(asset_key=dg.AssetKey(table.split(".")), metadata=metadata)
    yield from schema_check_results({t: written.counts[t] for t in INGEST_TABLES}, {})


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
            "encoding": r.encoding,
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
