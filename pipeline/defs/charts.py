"""Charts for materialisation metadata: rendered to PNG and embedded in markdown, so the Dagster UI
shows them on the asset's page without any file server."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")  # no display: render to memory

import matplotlib.pyplot as plt
import polars as pl

TOP_SPEAKERS = 12


def quotes_by_speaker_and_outlet(counts: pl.DataFrame) -> str:
    """A markdown image: horizontal bars of quotes per speaker, one colour per outlet.

    `counts` has `speaker`, `outlet` and `quotes`; the most quoted TOP_SPEAKERS speakers are drawn.
    """
    totals = (
        counts.group_by("speaker")
        .agg(pl.col("quotes").sum())
        .sort(["quotes", "speaker"], descending=[True, False])
    )
    speakers = totals["speaker"].head(TOP_SPEAKERS).to_list()[::-1]
    outlets = sorted(counts["outlet"].unique().to_list())
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(speakers) + 1.5), dpi=100)
    left = [0] * len(speakers)
    for outlet in outlets:
        by_speaker = dict(counts.filter(pl.col("outlet") == outlet).select("speaker", "quotes").iter_rows())
        widths = [by_speaker.get(s, 0) for s in speakers]
        axes.barh(speakers, widths, left=left, label=outlet)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_xlabel("quotes")
    axes.set_title("Most quoted speakers, by outlet")
    if outlets:
        axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"![Most quoted speakers, by outlet](data:image/png;base64,{encoded})"
