"""Input formats besides plain text: a web page saved as HTML lands as its article, with the page's
metadata; a page with no article body is quarantined."""

import json
import shutil
from pathlib import Path

from pipeline.article.html import article_from_html
from pipeline.runner import run_pipeline
from tests.support import WarehouseReader, copy_seeds

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
    path = tmp_path / "warehouse"
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


def _batch_line(title: str, place: str, hurt: int, outlet: str) -> str:
    return json.dumps(
        {
            "title": title,
            "text": f"Officials in {place} said {hurt} people were hurt when the storm reached the coast on "
            f"Tuesday.\n\n“We have never seen anything like it,” said Mayor Jane Smith.",
            "url": f"https://example.com/{place.lower()}",
            "outlet": outlet,
            "published": "2025-08-20",
            "authors": ["Jane Writer"],
        }
    )


def test_a_json_lines_batch_gives_one_article_per_line_with_its_provenance(tmp_path: Path) -> None:
    raw = copy_seeds(tmp_path / "raw")
    batch = raw / "wire.jsonl"
    lines = [
        _batch_line("Storm hits Cornwall", "Cornwall", 12, "Example Wire"),
        "{not json",
        _batch_line("Storm hits Devon", "Devon", 7, "Other Wire"),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "warehouse"
    assert run_pipeline(raw, path).success
    warehouse = WarehouseReader(path)
    landed = warehouse.rows(
        "SELECT source_path, title, outlet, url, authors, published_date FROM articles "
        "WHERE source_path LIKE 'wire.jsonl%' ORDER BY source_path"
    )
    assert [(r["source_path"], r["title"], r["outlet"]) for r in landed] == [
        ("wire.jsonl#L1", "Storm hits Cornwall", "Example Wire"),
        ("wire.jsonl#L3", "Storm hits Devon", "Other Wire"),
    ]
    assert str(landed[0]["published_date"]) == "2025-08-20" and landed[0]["authors"] == ["Jane Writer"]
    assert warehouse.rows("SELECT source_path, reason FROM quarantined_articles") == [
        {"source_path": "wire.jsonl#L2", "reason": "malformed_line"}
    ]
    figures = warehouse.rows(
        "SELECT a.source_path, f.value FROM figures f JOIN articles a USING (article_id) "
        "WHERE f.unit = 'people' AND a.source_path LIKE 'wire%' ORDER BY 1"
    )
    assert [(r["source_path"], r["value"]) for r in figures] == [
        ("wire.jsonl#L1", 12.0),
        ("wire.jsonl#L3", 7.0),
    ]

    # The batch is rewritten: the fixed line lands, the removed one takes its rows with it.
    batch.write_text(
        _batch_line("Storm hits Cornwall", "Cornwall", 12, "Example Wire") + "\n", encoding="utf-8"
    )
    assert run_pipeline(raw, path).success
    warehouse = WarehouseReader(path)
    assert [r["source_path"] for r in warehouse.rows("SELECT source_path FROM articles ORDER BY 1")] == [
        "000_7aab08db0e928fb1.txt",
        "001_cf83dd09369ffb92.txt",
        "wire.jsonl#L1",
    ]
    assert warehouse.scalar("SELECT count(*) FROM quarantined_articles") == 0
    assert warehouse.scalar("SELECT count(*) FROM staging.source_files WHERE source_path LIKE 'wire%'") == 1
