"""Articles saved as web pages: the body, title, authors, date and site found by trafilatura, a
maintained main-content extractor (navigation, adverts, comments and footers left out)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import trafilatura

from pipeline.article.decoding import UnreadableArticle
from pipeline.article.parsing import ArticleMeta

HTML_START = re.compile(r"^\s*(?:<!doctype html|<html\b)", re.IGNORECASE)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|,|\band\b)\s*")
MIN_BODY_WORDS = 25
#: `<meta http-equiv="refresh" content="0;url=…">`: a redirect when the delay is this short (news pages
#: also refresh themselves every few minutes, which is not a redirect).
REFRESH_TAG = re.compile(r"<meta[^>]*http-equiv=[\"']?refresh[^>]*>", re.IGNORECASE)
REFRESH_TARGET = re.compile(
    r"content=[\"']?(?P<delay>\d+)\s*;\s*url=[\"']?(?P<url>[^\"'>\s]+)", re.IGNORECASE
)
MAX_REDIRECT_SECONDS = 10
MAX_HEAD_CHARS = 50_000
#: Paths of a site's front page (`edition.cnn.com/`, `uk.yahoo.com/index.html`).
FRONT_PAGE_PATHS = frozenset({"", "index.html", "index.htm", "index.php", "default.aspx", "home"})
#: Scripts written without spaces between words: a character counts as half a word.
UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str  # title line, a blank line, then one paragraph per block
    meta: ArticleMeta


def is_html(text: str, suffix: str) -> bool:
    return suffix.lower() in HTML_SUFFIXES or HTML_START.match(text[:1000]) is not None


def article_from_html(html: str) -> HtmlArticle:
    """The article in a web page as plain text in the pipeline's layout; a page that holds none (a
    redirect, a site's front page, an error or landing page) is refused with a reason that says which."""
    for tag in REFRESH_TAG.findall(html[:MAX_HEAD_CHARS]):
        target = REFRESH_TARGET.search(tag)
        if target is not None and int(target.group("delay")) <= MAX_REDIRECT_SECONDS:
            raise UnreadableArticle("redirect", f"a page that sends the browser to {target.group('url')}")
    # Recall first: the body's edges (a last paragraph, a subheading) matter more than a stray line, which
    # the line classifier marks as furniture (`bench/web_bodies.py`: pipeline 0.907, bare trafilatura 0.901).
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    if document is None or not (document.text or "").strip():
        raise UnreadableArticle("html", "a web page with no article body to extract (trafilatura found none)")
    if document.url and urlsplit(document.url).path.strip("/") in FRONT_PAGE_PATHS:
        raise UnreadableArticle("front_page", f"the front page of {document.url}, a list of stories, not one")
    paragraphs = [p.strip() for p in document.text.split("\n") if p.strip()]
    title = (document.title or "").strip()
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if sum(body_words(p) for p in paragraphs) < MIN_BODY_WORDS:
        # A page with a line or two: a landing, paywall, error or script-only page.
        words = " ".join(paragraphs)[:80]
        raise UnreadableArticle(
            "html", f"a web page with no article body (under {MIN_BODY_WORDS} words: {words!r})"
        )
    text = "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
    authors = tuple(a for a in AUTHOR_SEPARATORS.split(document.author or "") if a) or None
    published = _date(document.date)
    return HtmlArticle(
        text,
        ArticleMeta(outlet=document.sitename, url=document.url, published_date=published, authors=authors),
    )


def body_words(text: str) -> int:
    """Words of a paragraph; in Chinese, Japanese, Korean and Thai, where words are not spaced, two
    characters count as one word."""
    unspaced = len(UNSPACED_SCRIPT.findall(text))
    return len(text.split()) + unspaced // 2


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
