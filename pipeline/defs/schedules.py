"""Schedules: a daily refresh of the cross-article assets."""

import dagster as dg

from pipeline.defs.jobs import refresh_cross_article

daily_cross_article_refresh = dg.ScheduleDefinition(
    name="daily_cross_article_refresh",
    job=refresh_cross_article,
    cron_schedule="0 3 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=(
        "Every day at 03:00 UTC: recompute canonical entities, quotes (speakers and quote keys) and stories "
        "over the whole warehouse, record the snapshot, then compact the lake's small files and expire old "
        "snapshots. No article is read again."
    ),
)
