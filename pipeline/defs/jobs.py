"""Jobs and the default executor: the whole graph (only new work is done in it) and the full refresh."""

import dagster as dg

#: Step processes fork from a server that has loaded the pipeline and the spaCy model once (see warm.py).
FORKSERVER = {"forkserver": {"preload_modules": ["pipeline.defs.warm"]}}
FULL_RECOMPUTE = {"config": {"full_recompute": True}}


#: Dagster's multiprocess executor (one process per step, `max_concurrent` at once; 0: one per core), with
#: step processes forked from a warm server instead of started from scratch (about 3 s saved per step). A
#: deployment that runs steps elsewhere (Kubernetes, Celery) passes its own executor to `build_definitions`.
forked_multiprocess_executor = dg.multiprocess_executor.configured(
    lambda config: {"max_concurrent": config["max_concurrent"], "start_method": FORKSERVER},
    name="forked_multiprocess",
    config_schema={"max_concurrent": dg.Field(int, is_required=False, default_value=0)},
)


#: Every asset but the daily maintenance; ingest and extraction skip what is already in the warehouse, so
#: this is the sensor's job too.
process_new_articles = dg.define_asset_job(
    "process_new_articles",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("maintenance"),
    description="Ingest new or changed raw files, extract them, update what they change across articles, "
    "record the run's snapshot.",
)

#: Only the cross-article assets, recomputed in full (no article is read or parsed again), then compaction.
refresh_cross_article = dg.define_asset_job(
    "refresh_cross_article",
    selection=dg.AssetSelection.groups("resolution", "publish", "maintenance"),
    config={"ops": {op: FULL_RECOMPUTE for op in ("canonical_entities", "quotes", "stories")}},
    description="Recompute canonical entities, quotes and stories over the whole warehouse, record the "
    "snapshot, and compact the lake's files.",
)
