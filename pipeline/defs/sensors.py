"""Sensors: new files in the raw folder start a run that processes only them."""

import json
from pathlib import Path

import dagster as dg

from pipeline.article.raw_folder import walk_raw_folder
from pipeline.defs.jobs import process_new_articles
from pipeline.defs.resources import RawFolder


def raw_folder_state(root: Path) -> dict[str, int]:
    """The newest change time of any file and the file count.

    A file's change time (ctime) is set by the system when the file is created, written or renamed, even
    when a copy keeps an old modification time (`cp -p`, `rsync -a`); the count catches deletions.
    """
    newest = 0
    count = 0
    # Sidecars count: editing one changes its article's metadata.
    for _, entry in walk_raw_folder(root, include_sidecars=True):
        try:
            newest = max(newest, entry.stat(follow_symlinks=False).st_ctime_ns)
        except OSError:
            continue
        count += 1
    return {"newest_change_ns": newest, "files": count}


@dg.sensor(
    job=process_new_articles,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def new_raw_files(context: dg.SensorEvaluationContext, raw_folder: RawFolder) -> dg.SensorResult:
    """Start a run when a file is added, changed or removed in the raw folder (one run per change)."""
    if not raw_folder.root.is_dir():
        return dg.SensorResult(skip_reason=dg.SkipReason(f"raw folder {raw_folder.root} does not exist"))
    state = raw_folder_state(raw_folder.root)
    previous = json.loads(context.cursor) if context.cursor else None
    if state == previous:
        return dg.SensorResult(skip_reason=dg.SkipReason("no file added, changed or removed"))
    run_key = f"raw-{state['newest_change_ns']}-{state['files']}"
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=run_key)], cursor=json.dumps(state))
