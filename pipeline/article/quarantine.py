"""What a file that cannot become an article leaves behind: its reason, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.vocabulary import QUARANTINE_REASONS, QuarantineReason, QuarantineStage


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A file (or one line of a JSON Lines batch) that did not become an article."""

    source_path: str
    reason: QuarantineReason
    #: What went wrong and what to do about it, in words.
    detail: str
    size_bytes: int | None

    @property
    def stage(self) -> QuarantineStage:
        """Where the file stopped: each reason belongs to one stage (`pipeline/vocabulary.py`)."""
        return QUARANTINE_REASONS[self.reason][0]
