"""Input formats besides plain text: a web page saved as HTML lands as its article, with the page's
metadata; a page with no article body is quarantined."""

import json
import shutil
from pathlib import Path

from pipeline.extract.html import article_from_html
from pipeline.runner import run_pipeline
from tests.conftest import WarehouseReader, copy_seeds

PAGE = Path(__file__).resolve().parent / "fixtures" / "storm_page.html"


def test_the_article_body_and_metadata_come_out_of_the_page_furniture() -> None:
    page = article_from_html(PAGE.read_text(encoding="utf-8"))
    assert page is not None
    assert page.text.startswith(
        "Storm leaves 12 hurt on Cornish coast\n\nOfficials in Cornwall said 12 people"
    )
    for furniture in ("cookies", "Most read", "All rights reserved", "Subscribe", "By Jane Writer"):
        assert furniture not in page.text
    meta = page.meta
    assert (meta.outlet, meta.url, str(meta.published_date), meta.authors) == (
        "The Daily Example",
        "https://example.com/news/storm-cornwall",
        "2025-08-20",
        ("Jane Writer",),
    )


def test_an_html_page_lands_as_an_article_beside_text_files(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    shutil.copy(PAGE, raw / "storm.html")
    (raw / "landing.html").write_text("<html><body><h1>Welcome</h1><p>Choose a section.</p></body></html>")
    (raw / "storm.meta.json").write_text(json.dumps({"outlet": "Example News"}))
    path = tmp_path / "warehouse" / "news.duckdb"
    assert run_pipeline(raw, path).success
    warehouse = WarehouseReader(path)
    article = warehouse.rows(
        "SELECT article_id, title, outlet, url, authors, published_date FROM articles WHERE source_path = 'storm.html'"
    )[0]
    assert (article["title"], article["outlet"], article["url"], article["authors"]) == (
        "Storm leaves 12 hurt on Cornish coast",
        "Example News",  # the sidecar overrides the page's site name
        "https://example.com/news/storm-cornwall",
        ["Jane Writer"],
    )
    quote = warehouse.rows(
        "SELECT speaker, text FROM quotes WHERE article_id = ? AND kind = 'direct'", [article["article_id"]]
    )
    assert quote == [{"speaker": "Jane Smith", "text": "We have never seen anything like it,"}]
    assert warehouse.rows("SELECT source_path, reason FROM quarantined_articles") == [
        {"source_path": "landing.html", "reason": "html"}
    ]
