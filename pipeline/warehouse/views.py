"""Analysis views over the warehouse tables: the questions analysts come with, ready to query.

Created with the tables (`pipeline/warehouse/ddl.py`), documented in DuckDB (`COMMENT ON VIEW`) and in
docs/querying.md. They read the published tables, so they are always as fresh as the last finished run.
"""

#: View name -> (description, SQL).
VIEWS: dict[str, tuple[str, str]] = {
    "quote_coverage": (
        "Each distinct quote (every outlet's rendering folded to one `quote_key`) with the speakers, "
        "outlets and articles that carry it.",
        """
        SELECT q.quote_key,
               arg_max(q.text, length(q.text)) AS text,
               list(DISTINCT q.speaker ORDER BY q.speaker) FILTER (WHERE q.speaker IS NOT NULL) AS speakers,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               count(DISTINCT a.outlet) AS outlet_count,
               list(DISTINCT q.article_id ORDER BY q.article_id) AS articles,
               count(DISTINCT q.article_id) AS article_count
        FROM quotes q JOIN articles a USING (article_id)
        WHERE q.quote_key IS NOT NULL
        GROUP BY q.quote_key
        """,
    ),
    "figure_comparison": (
        "Within a story told by several outlets, each counted thing (same kind and unit: `people`, "
        "`countries`, `USD`) as each outlet reports it; `outlets_disagree` when their values differ.",
        """
        WITH reported AS (
            SELECT s.story_id, f.kind, f.unit, coalesce(a.outlet, a.source_path) AS outlet, f.value, f.surface
            FROM figures f JOIN articles a USING (article_id) JOIN stories s USING (article_id)
            WHERE f.value IS NOT NULL AND f.unit IS NOT NULL AND f.kind NOT IN ('year', 'date')
        ),
        per_outlet AS (
            SELECT story_id, kind, unit, outlet,
                   list(DISTINCT value ORDER BY value) AS "values",
                   list(DISTINCT surface ORDER BY surface) AS surfaces
            FROM reported GROUP BY ALL
        ),
        per_thing AS (
            SELECT story_id, kind, unit, count(*) AS outlets_reporting, count(DISTINCT "values") AS value_sets
            FROM per_outlet GROUP BY ALL
        )
        SELECT p.story_id, p.kind, p.unit, p.outlet, p."values", p.surfaces, t.outlets_reporting,
               t.value_sets > 1 AS outlets_disagree
        FROM per_outlet p JOIN per_thing t USING (story_id, kind, unit)
        WHERE t.outlets_reporting > 1
        """,
    ),
    "entity_comentions": (
        "Pairs of entities named in the same article, with how many articles name both, overall and by outlet.",
        """
        SELECT c.entity_a, ea.name AS name_a, c.entity_b, eb.name AS name_b, c.article_count,
               map_from_entries(c.by_outlet) AS articles_by_outlet
        FROM staging.comention_counts c
        JOIN entities ea ON ea.entity_id = c.entity_a
        JOIN entities eb ON eb.entity_id = c.entity_b
        """,
    ),
    "speakers": (
        "Who is quoted (named speakers linked to an entity), how often, by which outlets, with their roles.",
        """
        SELECT q.speaker_entity_id AS entity_id, e.name AS speaker, count(*) AS quotes,
               count(DISTINCT q.article_id) AS articles,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               histogram(coalesce(a.outlet, 'unknown')) AS quotes_by_outlet,
               list(DISTINCT q.speaker_role ORDER BY q.speaker_role) FILTER (WHERE q.speaker_role IS NOT NULL) AS roles
        FROM quotes q JOIN articles a USING (article_id) JOIN entities e ON e.entity_id = q.speaker_entity_id
        GROUP BY ALL
        """,
    ),
    "story_overview": (
        "One row per story: its articles, outlets and titles, largest stories first.",
        """
        SELECT s.story_id, count(*) AS article_count, count(DISTINCT a.outlet) AS outlet_count,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               list(a.title ORDER BY a.title) AS titles,
               min(a.published_date) AS first_published, max(a.published_date) AS last_published
        FROM stories s JOIN articles a USING (article_id)
        GROUP BY s.story_id
        """,
    ),
}

#: The same views for readers of the Parquet export, which has no staging tables: there, entity pairs are
#: made from the mentions at query time (the results are the same; tests/test_analysis.py compares them).
PARQUET_VIEWS: dict[str, tuple[str, str]] = {
    **VIEWS,
    "entity_comentions": (
        VIEWS["entity_comentions"][0],
        """
        WITH present AS (
            SELECT DISTINCT m.article_id, m.entity_id, coalesce(a.outlet, 'unknown') AS outlet
            FROM entity_mentions m JOIN articles a USING (article_id)
        )
        SELECT x.entity_id AS entity_a, ea.name AS name_a, y.entity_id AS entity_b, eb.name AS name_b,
               count(*) AS article_count, histogram(x.outlet) AS articles_by_outlet
        FROM present x
        JOIN present y ON x.article_id = y.article_id AND x.entity_id < y.entity_id
        JOIN entities ea ON ea.entity_id = x.entity_id
        JOIN entities eb ON eb.entity_id = y.entity_id
        GROUP BY ALL
        """,
    ),
}
