"""Bytes to text: encodings are read correctly and non-text is refused with a specific reason."""

import codecs
from pathlib import Path

import pytest

from pipeline.article.decoding import MAX_ARTICLE_BYTES, UnreadableArticle, decode_article_bytes

STORY = "Prices rose 2% — the “biggest” rise since 2019, officials said.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY.encode("utf-16"), "utf-16"),
        (STORY.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode_article_bytes(data)
    assert (decoded.text, decoded.encoding) == (STORY, encoding)


def test_the_bbc_latin1_file_reads_correctly(shared_dir: Path) -> None:
    decoded = decode_article_bytes((shared_dir / "corpus" / "bbc" / "sport" / "199.txt").read_bytes())
    assert decoded.encoding == "cp1252"
    assert "£" in decoded.text
    assert "\ufffd" not in decoded.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary"),
        (b"PK\x03\x04" + bytes(100), "binary"),
        (b"text\x00with\x00nuls" * 10, "binary"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "too_large"),
    ],
)
def test_non_text_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableArticle) as refused:
        decode_article_bytes(data)
    assert refused.value.reason == reason
    assert refused.value.detail
