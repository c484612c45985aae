"""Raw text to typed blocks: the seeds' furniture is recognised and every offset indexes `text`."""

from datetime import date
from pathlib import Path

import pytest

from evaluation.paths import REPO
from pipeline.article.decoding import UnreadableArticle
from pipeline.article.parsing import ArticleMeta, article_id_for, parse_article, parse_dateline


def _seed(name: str) -> str:
    return (REPO / "raw" / name).read_text(encoding="utf-8")


def _kinds(text: str) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for block in parse_article(text).blocks:
        kinds.setdefault(block.kind, []).append(block.text)
    return kinds


@pytest.mark.parametrize("name", ["000_7aab08db0e928fb1.txt", "001_cf83dd09369ffb92.txt"])
def test_blocks_index_the_cleaned_text(name: str) -> None:
    article = parse_article(_seed(name))
    for block in article.blocks:
        assert article.text[block.start_char : block.end_char] == block.text
    assert [b.block_no for b in article.blocks] == list(range(len(article.blocks)))


def test_stv_article_structure_matches_gold(gold: dict) -> None:
    expected = gold["articles"]["000_7aab08db0e928fb1"]
    article = parse_article(_seed("000_7aab08db0e928fb1.txt"))
    kinds = _kinds(_seed("000_7aab08db0e928fb1.txt"))
    assert article.title == expected["title"]
    assert article.standfirst == expected["standfirst"]
    assert article.outlet == expected["outlet"]
    assert list(article.authors) == expected["authors"]
    assert kinds["caption"] == expected["captions"]
    assert kinds["boilerplate"] == expected["boilerplate"]
    assert kinds["credit"] == [
        "/ Credit: AP",
        "/ Credit: AP",
        "/ Credit: Telegram / Ukrainian emergency services",
    ]


def test_ap_article_structure_matches_gold(gold: dict) -> None:
    expected = gold["articles"]["001_cf83dd09369ffb92"]
    article = parse_article(_seed("001_cf83dd09369ffb92.txt"))
    kinds = _kinds(_seed("001_cf83dd09369ffb92.txt"))
    assert article.title == expected["title"]
    assert article.standfirst == expected["standfirst"]
    assert article.outlet == expected["outlet"] == "AP"
    assert list(article.authors) == expected["authors"]
    assert kinds["byline"] == ["Sam McNeil and Illia Novikov |"]
    assert kinds["caption"] == expected["captions"]
    assert kinds["credit"] == ["(AP PHOTO)", "(AP PHOTO)", "AP"]
    # The standfirst printed twice in a row is kept once.
    assert article.text.count(expected["standfirst"]) == 1


def test_article_id_ignores_line_endings_and_spacing() -> None:
    text = _seed("001_cf83dd09369ffb92.txt")
    assert parse_article(text.replace("\n", "\r\n")).article_id == parse_article(text).article_id
    assert article_id_for("a  b\n\nc") == article_id_for("a b c")


def test_sidecar_metadata_overrides_what_the_text_reveals() -> None:
    meta = ArticleMeta(outlet="Associated Press", published_date=date(2025, 8, 20), authors=("Sam McNeil",))
    article = parse_article(_seed("001_cf83dd09369ffb92.txt"), meta)
    assert (article.outlet, article.published_date, article.authors) == (
        "Associated Press",
        date(2025, 8, 20),
        ("Sam McNeil",),
    )


def test_dateline_gives_the_published_date() -> None:
    article = parse_article(
        "Storm hits coast\n\nPublished 21 August 2025\n\nA storm hit the coast on Tuesday.\n"
    )
    assert article.published_date == date(2025, 8, 21)
    assert parse_dateline("August 21, 2025 10:02 BST") == date(2025, 8, 21)
    assert parse_dateline("2025-08-21") == date(2025, 8, 21)
    assert parse_dateline("The 21 August 2025 meeting was cancelled") is None


def test_bbc_article_has_title_and_lead(shared_dir: Path) -> None:
    text = (shared_dir / "corpus" / "bbc" / "business" / "001.txt").read_text(encoding="utf-8")
    article = parse_article(text)
    assert article.title == "Ad sales boost Time Warner profit"
    assert article.standfirst.startswith("Quarterly profits at US media giant TimeWarner jumped 76%")
    assert {b.kind for b in article.blocks} == {"title", "standfirst", "body"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<!DOCTYPE html>\n<html><body>Story</body></html>", "html"),
        ("Only a headline", "no_body"),
    ],
)
def test_texts_that_are_not_articles_are_refused(text: str, reason: str) -> None:
    with pytest.raises(UnreadableArticle) as refused:
        parse_article(text)
    assert refused.value.reason == reason


def test_a_results_table_is_english_though_it_has_few_function_words() -> None:
    text = (
        "SOCCER - ENGLISH PREMIER LEAGUE RESULTS .\nLONDON 1996-12-06\n"
        "Results of English premier league soccer matches on Saturday :\n"
        "Arsenal 2 Derby 2\nChelsea 2 Everton 2\nLeicester 1 Blackburn 1\n"
        "Manchester United 0 Sheffield Wednesday 0\nArsenal 17 10 5 2 31 14 35\nLiverpool 16 9 4 3 26 14 31"
    )
    assert parse_article(text).title == "SOCCER - ENGLISH PREMIER LEAGUE RESULTS ."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen\n\n"
            "Die Abgeordneten stimmten mit großer Mehrheit für den Entwurf der Regierung, "
            "der nun im Bundesrat beraten wird und im kommenden Jahr in Kraft treten soll.",
            "de",
        ),
        ("Переговоры в Женеве\n\n" + "Президент провёл переговоры с главой государства в Женеве. " * 5, "ru"),
        (
            "Storm hits coast\n\nOfficials in Cornwall said 12 people were hurt when the storm hit the coast.",
            "en",
        ),
        ("Short\n\nToo few words.", "und"),
    ],
)
def test_every_article_is_parsed_and_told_its_language(text: str, language: str) -> None:
    """Articles in another language land too; the extractors run on English alone."""
    assert parse_article(text).language == language
