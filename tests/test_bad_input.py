"""Every kind of file a scheduled pipeline meets in its raw folder, made on the fly: each gets a specific
quarantine reason or is read correctly, and every good article in the same run still lands."""

import codecs
import io
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.tokens import Doc

import pipeline.extract.extractors as extraction
from evaluation.paths import REPO
from pipeline.article.blocks import Block
from pipeline.article.raw_folder import scan_raw_folder
from pipeline.article.sources import ReadArticle, read_raw_file
from pipeline.extract.entities import Mention
from pipeline.extract.quotes import QuoteExtraction
from pipeline.runner import run_pipeline
from tests.support import WarehouseReader, copy_seeds

SEED_000 = "000_7aab08db0e928fb1.txt"
SEED_001 = "001_cf83dd09369ffb92.txt"
STORY = (
    "Storm hits coast\n\n"
    "Officials in Cornwall said 12 people were hurt when the storm reached the coast on Tuesday.\n\n"
    "“We have never seen anything like it,” said Mayor Jane Smith.\n"
)
GERMAN = (
    "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen\n\n"
    "Die Abgeordneten stimmten mit großer Mehrheit für den Entwurf der Regierung, der nun im Bundesrat "
    "beraten wird und im kommenden Jahr in Kraft treten soll.\n"
)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", STORY)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> tuple[Path, WarehouseReader]:
    root = tmp_path_factory.mktemp("bad")
    raw = copy_seeds(root / "raw")
    outside = root / "outside.txt"
    outside.write_text(STORY, encoding="utf-8")
    seed = (REPO / "raw" / SEED_000).read_text(encoding="utf-8")
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b" \n\n\t  \n",
        "photo.jpg": b"\xff\xd8\xff\xe0" + os.urandom(4000),
        "bundle.zip": _zip_bytes(),
        "latin1.txt": (shared_dir / "corpus" / "bbc" / "sport" / "199.txt").read_bytes(),
        "utf16.txt": codecs.BOM_UTF16_LE + STORY.replace("Cornwall", "Devon").encode("utf-16-le"),
        "huge.txt": b"All work and no play makes a dull story. " * 1_300_000,
        "one paragraph.txt": (" ".join(seed.split()) + " ").encode() * 20,
        "page.html": b"<!DOCTYPE html><html><head><title>Story</title></head><body><p>Hello</p></body></html>",
        "unbalanced.txt": STORY.replace("Mayor Jane Smith.", "Mayor Jane Smith. “And then").encode(),
        "one line.txt": b"Storm hits coast\n",
        "german.txt": GERMAN.encode(),
        "copy of seed.txt": (REPO / "raw" / SEED_000).read_bytes(),
        "it's “quoted” — ünïcödé.txt": STORY.replace("Cornwall", "Kent").encode(),
        "x'; DROP TABLE articles; --.txt": STORY.replace("Cornwall", "Essex").encode(),
        "broken.meta.json": b"{not json",
        "broken.txt": STORY.replace("Cornwall", "Dorset").encode(),
        "utf32.txt": STORY.replace("Cornwall", "Fife").encode("utf-32"),
        "windows.txt": STORY.replace("Cornwall", "Angus").replace("\n", "\r\n").encode("utf-8-sig"),
        "old mac.txt": STORY.replace("Cornwall", "Moray").replace("\n", "\r").encode(),
        "figures.csv": b"date,value\n2024-01-01,12\n2024-01-02,15\n",
        "record.json": b'{"title": "Storm hits coast", "text": "Officials said 12 people were hurt."}',
        "bom only.txt": codecs.BOM_UTF8,
        # One corrupt byte in good UTF-8 (a curly quote cut in half) damages one character, not the article.
        "damaged.txt": STORY.replace("Cornwall", "Powys").encode().replace("“".encode(), "“".encode()[:2], 1),
        # A page of 1.5 MB of scripts around a 60-word story: held to the story's size, not the page's.
        "heavy page.html": (
            "<!DOCTYPE html><html><head><title>Storm hits coast</title><script>"
            + "var x = 1;" * 150_000
            + "</script></head><body><article><h1>Storm hits coast</h1>"
            + "<p>Officials in Rutland said 12 people were hurt when the storm reached the coast on Tuesday, "
            "and that the sea wall had held through the night while the road to the harbour was closed.</p>"
            "<p>Engineers said the wall, built in 1990 after the last great flood, would be inspected this "
            "week before the road to the harbour is opened again to traffic.</p></article></body></html>"
        ).encode(),
    }
    for name, data in files.items():
        (raw / name).write_bytes(data)
    (raw / "sub").mkdir()
    (raw / "sub" / "nested.txt").write_text(STORY.replace("Cornwall", "Clwyd"), encoding="utf-8")
    (raw / os.fsdecode(b"caf\xe9 story.txt")).write_text(STORY.replace("Cornwall", "Gwent"), encoding="utf-8")
    (raw / "escape.txt").symlink_to(outside)
    (raw / "dangling.txt").symlink_to(raw / "gone.txt")
    os.mkfifo(raw / "pipe.txt")  # reading it would block for ever: it is not a file, so never opened
    (raw / "folder.txt").mkdir()
    path = root / "warehouse"
    assert run_pipeline(raw, path).success
    return raw, WarehouseReader(path)


def test_each_bad_file_gets_its_own_reason(bad_run: tuple[Path, WarehouseReader]) -> None:
    _, warehouse = bad_run
    reasons = {r["source_path"]: r["reason"] for r in warehouse.rows("SELECT * FROM quarantined_articles")}
    assert reasons == {
        "empty.txt": "empty",
        "whitespace.txt": "empty",
        "photo.jpg": "binary",
        "bundle.zip": "binary",
        "huge.txt": "too_large",
        "page.html": "html",
        "one line.txt": "no_body",
        "escape.txt": "link_outside_raw",
        "dangling.txt": "unreadable",
        "broken.meta.json": "malformed_sidecar",
        "figures.csv": "unsupported_format",
        "record.json": "unsupported_format",
        "bom only.txt": "empty",
        "caf\\xe9 story.txt": "bad_file_name",
    }
    details = warehouse.rows("SELECT source_path, detail FROM quarantined_articles")
    assert all(len(r["detail"]) > 20 for r in details), details


def test_every_good_article_lands_whatever_its_encoding_or_name(
    bad_run: tuple[Path, WarehouseReader],
) -> None:
    _, warehouse = bad_run
    landed = {
        r["source_path"]: r["encoding"] for r in warehouse.rows("SELECT source_path, encoding FROM articles")
    }
    assert landed == {
        SEED_000: "utf-8",
        SEED_001: "utf-8",
        "latin1.txt": "cp1252",
        "utf16.txt": "utf-16",
        "one paragraph.txt": "utf-8",
        "unbalanced.txt": "utf-8",
        "it's “quoted” — ünïcödé.txt": "utf-8",
        "x'; DROP TABLE articles; --.txt": "utf-8",
        "broken.txt": "utf-8",
        "utf32.txt": "utf-32",
        "windows.txt": "utf-8-sig",
        "old mac.txt": "utf-8",
        "sub/nested.txt": "utf-8",
        "german.txt": "utf-8",
        "damaged.txt": "utf-8",
        "heavy page.html": "utf-8",
    }
    assert "£" in warehouse.scalar("SELECT text FROM articles WHERE source_path = 'latin1.txt'")
    assert (
        warehouse.scalar(
            "SELECT count(*) FROM figures WHERE article_id IN (SELECT article_id FROM articles WHERE source_path = 'utf16.txt')"
        )
        >= 1
    )


def test_the_same_text_twice_is_one_article_with_both_paths(bad_run: tuple[Path, WarehouseReader]) -> None:
    _, warehouse = bad_run
    rows = warehouse.rows(
        "SELECT source_path, status FROM staging.source_files WHERE source_path IN (?, ?) ORDER BY ALL",
        [SEED_000, "copy of seed.txt"],
    )
    assert [r["status"] for r in rows] == ["article", "duplicate"] or [r["status"] for r in rows] == [
        "duplicate",
        "article",
    ]
    ids = warehouse.rows(
        "SELECT DISTINCT article_id FROM staging.source_files WHERE source_path IN (?, ?)",
        [SEED_000, "copy of seed.txt"],
    )
    assert len(ids) == 1


def test_an_unbalanced_quote_mark_is_recorded_and_the_rest_extracted(
    bad_run: tuple[Path, WarehouseReader],
) -> None:
    _, warehouse = bad_run
    article = "SELECT article_id FROM articles WHERE source_path = 'unbalanced.txt'"
    assert warehouse.scalar(f"SELECT count(*) FROM extraction_anomalies WHERE article_id = ({article})") >= 1
    assert warehouse.scalar(f"SELECT count(*) FROM figures WHERE article_id = ({article})") >= 1


def test_a_file_that_changes_while_it_is_read_waits_for_the_next_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    growing = raw / "growing.txt"
    growing.write_text(STORY, encoding="utf-8")
    (file,), _ = scan_raw_folder(raw)

    original_read = Path.read_bytes

    def read_while_a_writer_appends(self: Path) -> bytes:
        data = original_read(self)
        with self.open("a", encoding="utf-8") as writer:
            writer.write("\nA late paragraph arrives while the pipeline reads the file.\n")
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_bytes", read_while_a_writer_appends)
        result = read_raw_file(file)
    assert not isinstance(result, ReadArticle)
    assert result.reason == "being_written"
    (file,), _ = scan_raw_folder(raw)  # the writer is done: the next run reads the whole file
    result = read_raw_file(file)
    assert isinstance(result, ReadArticle)
    assert result.article.text.endswith("while the pipeline reads the file.")


def test_a_file_without_read_permission_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = copy_seeds(tmp_path / "raw")
    locked = raw / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    # Root (CI's user) reads files whatever their permissions: the refusal the kernel gives others is
    # given to root too, by the one read that would otherwise succeed.
    real_read_bytes = Path.read_bytes

    def refused_when_locked(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refused_when_locked)
    path = tmp_path / "warehouse"
    assert run_pipeline(raw, path).success
    warehouse = WarehouseReader(path)
    assert warehouse.rows("SELECT source_path, reason FROM quarantined_articles") == [
        {"source_path": "locked.txt", "reason": "unreadable"}
    ]
    assert warehouse.scalar("SELECT count(*) FROM articles") == 2


def test_an_article_whose_extraction_breaks_a_table_contract_is_quarantined_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An extractor bug on odd text (here: the same quote twice, so a duplicate quote id) must not stop
    the run: that article is quarantined with the broken rule, the others land."""
    real = extraction.extract_quotes

    def duplicating(doc: Doc, blocks: Sequence[Block], mentions: Sequence[Mention]) -> QuoteExtraction:
        result = real(doc, blocks, mentions)
        if "Lavrov" in doc.text and "STV" in doc.text and result.quotes:
            result.quotes.append(result.quotes[0])
        return result

    monkeypatch.setattr(extraction, "extract_quotes", duplicating)
    raw = copy_seeds(tmp_path / "raw")
    path = tmp_path / "warehouse"
    assert run_pipeline(raw, path).success
    warehouse = WarehouseReader(path)
    (problem,) = warehouse.rows("SELECT source_path, stage, reason, detail FROM quarantined_articles")
    assert (problem["source_path"], problem["stage"], problem["reason"]) == (
        SEED_000,
        "extract",
        "extraction_failed",
    )
    assert "quote_id" in problem["detail"]
    assert warehouse.scalar("SELECT count(DISTINCT article_id) FROM quotes") == 1


def test_an_article_in_another_language_lands_without_extraction(
    bad_run: tuple[Path, WarehouseReader],
) -> None:
    _, warehouse = bad_run
    article = warehouse.rows(
        "SELECT a.language, l.skipped, (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.article_id) AS "
        "paragraphs, (SELECT count(*) FROM entity_mentions m WHERE m.article_id = a.article_id) AS mentions "
        "FROM articles a JOIN staging.extraction_log l USING (article_id) WHERE a.source_path = 'german.txt'"
    )
    assert article == [
        {"language": "de", "skipped": "no extractor model for language 'de'", "paragraphs": 2, "mentions": 0}
    ]
    languages = warehouse.rows("SELECT DISTINCT language FROM articles WHERE source_path <> 'german.txt'")
    assert languages == [{"language": "en"}]


def test_a_damaged_byte_damages_one_character(bad_run: tuple[Path, WarehouseReader]) -> None:
    _, warehouse = bad_run
    row = warehouse.rows(
        "SELECT replaced_bytes, first_replaced_char, text FROM articles WHERE source_path = 'damaged.txt'"
    )[0]
    assert row["replaced_bytes"] == 1
    assert "Officials in Powys said 12 people were hurt" in row["text"]
    clean = warehouse.scalar("SELECT sum(replaced_bytes) FROM articles WHERE source_path <> 'damaged.txt'")
    assert clean == 0
