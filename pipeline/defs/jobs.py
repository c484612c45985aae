"""Jobs: the whole graph (only new work is done in it) and the cross-article refresh."""

import dagster as dg

#: Every asset; ingest and extraction skip what is already in the warehouse, so this is the sensor's job too.
process_new_articles = dg.define_asset_job(
    "process_new_articles",
    selection=dg.AssetSelection.all(),
    description="Ingest new or changed raw files, extract them, re-resolve entities and publish.",
)

#: Only the cross-article assets and publishing: no article is read or parsed again.
refresh_cross_article = dg.define_asset_job(
    "refresh_cross_article",
    selection=dg.AssetSelection.groups("resolution", "publish"),
    description="Recompute canonical entities and quote speakers over the whole warehouse, then publish.",
)
