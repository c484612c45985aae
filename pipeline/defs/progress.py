"""A logger for the terminal: the pipeline's own messages and each step's end, one short line each, instead
of Dagster's full event log (the UI keeps that). `python -m pipeline` runs with it, the console logger at
warnings only."""

from __future__ import annotations

import logging
import re
import sys

import dagster as dg

#: Dagster events shown as progress: a step done or failed, the run failed.
SHOWN_EVENTS: dict[str, str] = {
    "STEP_SUCCESS": "done",
    "STEP_FAILURE": "FAILED",
    "PIPELINE_FAILURE": "run FAILED",
}
#: `Finished execution of step "raw_articles" in 452ms.` -> `452ms`
STEP_DURATION = re.compile(r" in ([\d.]+\w+)\.?$")


class _ProgressFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", {})
        event = meta.get("dagster_event")
        step = meta.get("step_key") or "run"
        clock = self.formatTime(record, "%H:%M:%S")
        if event is None:
            return f"{clock}  {step}: {meta.get('orig_message', record.getMessage())}"
        text = SHOWN_EVENTS[event.event_type_value]
        if text == "done":
            duration = STEP_DURATION.search(meta.get("orig_message", ""))
            return f"{clock}  {step}: done" + (f" in {duration.group(1)}" if duration else "")
        return f"{clock}  {step}: {text} ({meta.get('orig_message', '')})"


def _shown(record: logging.LogRecord) -> bool:
    meta = getattr(record, "dagster_meta", {})
    event = meta.get("dagster_event")
    if event is None:
        return record.levelno >= logging.INFO
    return event.event_type_value in SHOWN_EVENTS


@dg.logger(description="One line per pipeline message and per step done, for the terminal.")
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.Logger("news_progress", level=logging.DEBUG)  # Dagster logs its events at DEBUG
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_ProgressFormatter())
    handler.addFilter(_shown)
    logger.addHandler(handler)
    return logger


#: Run config for a terminal run: progress lines, and Dagster's console log only for warnings and errors.
PROGRESS_LOGGING: dict[str, object] = {
    "loggers": {"console": {"config": {"log_level": "WARNING"}}, "progress": {}}
}
