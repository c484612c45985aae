"""Articles saved as web pages: the body, title, authors, date and site found by trafilatura, a
maintained main-content extractor (navigation, adverts, comments and footers left out)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura

from pipeline.article.parsing import ArticleMeta

HTML_START = re.compile(r"^\s*(?:<!doctype html|<html\b)", re.IGNORECASE)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|,|\band\b)\s*")
MIN_BODY_WORDS = 25


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str  # title line, a blank line, then one paragraph per block
    meta: ArticleMeta


def is_html(text: str, suffix: str) -> bool:
    return suffix.lower() in HTML_SUFFIXES or HTML_START.match(text[:1000]) is not None


def article_from_html(html: str) -> HtmlArticle | None:
    """The article in a web page as plain text in the pipeline's layout, or None when the page has none."""
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
        return None
    paragraphs = [p.strip() for p in document.text.split("\n") if p.strip()]
    title = (document.title or "").strip()
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if sum(len(p.split()) for p in paragraphs) < MIN_BODY_WORDS:
        return None  # a page with a line or two (a landing page, an error page) holds no article
    text = "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
    authors = tuple(a for a in AUTHOR_SEPARATORS.split(document.author or "") if a) or None
    published = _date(document.date)
    return HtmlArticle(
        text,
        ArticleMeta(outlet=document.sitename, url=document.url, published_date=published, authors=authors),
    )


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
