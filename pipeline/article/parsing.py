"""Raw article text to a structured article: typed blocks over one cleaned text.

Real article files mix the story with page furniture: a byline (`Sam McNeil and Illia Novikov |`),
photo captions with credits (`… / Credit: AP`, `(AP PHOTO)`), a repeated standfirst, site boilerplate
(`Follow STV News`) and a wire sign-off (`AP`). Each line is classified so that extractors can skip the
furniture while every offset still indexes the same cleaned text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from pipeline.article.blocks import Block
from pipeline.article.decoding import UnreadableArticle
from pipeline.article.language import detect_language
from pipeline.vocabulary import EDITORIAL_KINDS, MONTH_ABBREVIATIONS, MONTHS, BlockKind

#: A first line longer than this is prose, not a headline.
MAX_TITLE_WORDS = 40
#: Lines this short after boilerplate starts are still page furniture (`Posted in`, `Share`).
MAX_FURNITURE_WORDS = 20

#: Page furniture, by how its line starts or by a phrase anywhere in it: two patterns, so the line-start
#: alternatives are tried at the start only (one pattern searched every position: 0.60 s for the BBC
#: corpus, these two 0.13 s).
BOILERPLATE_START = re.compile(
    r"""
    Follow\ [A-Z]
    | Posted\ in\b
    | (Sign\ up|Subscribe)\b
    | (Read|See)\ (more|also)\b
    | Share\ (this|on)\b
    | (Copyright|©)
    | Click\ here\b
    | Advertisement$
    | Related\ (articles|topics|stories)$
    """,
    re.IGNORECASE | re.VERBOSE,
)
BOILERPLATE_PHRASE = re.compile(
    r"""
    \bis\ now\ on\ (WhatsApp|Telegram|Instagram|Facebook|X|Twitter)\b
    | \bQR\ code\b
    | \blatest\ news\ from\b
    | \ball\ rights\ reserved\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
OUTLET_IN_BOILERPLATE = re.compile(
    r"^(?:Follow\ )?(?P<outlet>[A-Z][\w&.'’ -]{1,40}?)\ (?:is\ now\ on|on)\ (?:WhatsApp|Telegram|Instagram)",
    re.VERBOSE,
)
# Photo credits: `… / Credit: AP`, `… (AP PHOTO)`, `… (Photo: Getty Images)`.
CAPTION_CREDIT = re.compile(
    r"""
    (?P<credit>
        \s/\s*(?:Photo\s)?Credit:\s.+
      | \s\((?:[A-Z][\w./ -]*\s)?PHOTO(?:/[^)]*)?\)
      | \s\((?:Photo|Picture|Image)(?:\s(?:by|credit))?:?\s[^)]+\)
      | \s(?:Photograph|Picture|Image)(?:\scredit)?:\s[^.]+
    )\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)
BYLINE = re.compile(
    r"""^(?:By\s+)?
    (?P<names>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}
        (?:\s*(?:,|\band\b|&)\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3})*)
    \s*(?P<bar>\|)?\s*$""",
    re.VERBOSE,
)
NAME_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&)\s*")
#: A wire sign-off on the last line: `AP`, `Reuters`, `PA Media`.
SIGN_OFF = re.compile(r"^(?:[A-Z]{2,6}(?:\s[A-Z][a-z]+)?|Reuters|Press Association|Bloomberg)$")
#: Month names and abbreviations as datelines write them, lowercased (`21 Aug 2025`).
DATELINE_MONTHS: dict[str, int] = {name.lower(): n for name, n in {**MONTHS, **MONTH_ABBREVIATIONS}.items()}
_MONTH = r"(?P<month>" + "|".join(sorted(DATELINE_MONTHS, key=len, reverse=True)) + r")\.?"
DATELINE = re.compile(
    r"^(?:(?:Published|Updated|Posted|First published)(?:\son)?:?\s*)?(?:[A-Z][a-z]+day,?\s)?"
    r"(?:(?P<day>\d{1,2})\s" + _MONTH + r",?\s(?P<year>(?:19|20)\d\d)"
    r"|" + _MONTH.replace("month", "month2") + r"\s(?P<day2>\d{1,2}),?\s(?P<year2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))"
    r"(?:[\s,]+\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a sidecar `NAME.meta.json` may say; each field overrides what the text reveals."""

    outlet: str | None = None
    url: str | None = None
    published_date: date | None = None
    authors: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article_id: str
    title: str | None
    standfirst: str | None
    authors: tuple[str, ...]
    outlet: str | None
    published_date: date | None
    url: str | None
    text: str
    blocks: tuple[Block, ...]
    word_count: int
    #: ISO 639-1 code (`en`, `es`, `zh`), or `und` when the text is too short to tell.
    language: str = "und"


@dataclass(slots=True)
class _Line:
    text: str
    kind: BlockKind = "body"
    credit: str | None = None
    meta: dict[str, object] = field(default_factory=dict)


def parse_article(raw_text: str, meta: ArticleMeta | None = None) -> ParsedArticle:
    """Classify each line of an article and build the cleaned text all offsets index."""
    lines = [_Line(line) for line in _clean_lines(raw_text)]
    _reject_non_articles(lines)
    _classify(lines)
    text, blocks = _assemble(lines)
    meta = meta or ArticleMeta()
    inferred_outlet = next((str(line.meta["outlet"]) for line in lines if "outlet" in line.meta), None)
    inferred_date = next((line.meta["date"] for line in lines if "date" in line.meta), None)
    authors = tuple(a for line in lines for a in line.meta.get("authors", ()))  # type: ignore[union-attr]
    return ParsedArticle(
        article_id=article_id_for(text),
        title=next((b.text for b in blocks if b.kind == "title"), None),
        standfirst=next((b.text for b in blocks if b.kind == "standfirst"), None),
        authors=meta.authors if meta.authors is not None else authors,
        outlet=meta.outlet or inferred_outlet,
        published_date=meta.published_date or inferred_date,  # type: ignore[arg-type]
        url=meta.url,
        text=text,
        blocks=blocks,
        word_count=sum(len(b.text.split()) for b in blocks if b.kind in EDITORIAL_KINDS),
        language=detect_language(" ".join(b.text for b in blocks if b.kind in EDITORIAL_KINDS) or text),
    )


def article_id_for(text: str) -> str:
    """Content-derived id: the same words under another file name or line ending give the same id."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _clean_lines(raw_text: str) -> list[str]:
    text = unicodedata.normalize("NFC", raw_text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate({0x00A0: " ", 0x200B: None, 0xFEFF: None, 0x2028: "\n", 0x2029: "\n"})
    lines: list[str] = []
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        # A standfirst repeated on the next line is a page-template artefact, not content.
        if line and (not lines or line != lines[-1]):
            lines.append(line)
    return lines


def _reject_non_articles(lines: list[_Line]) -> None:
    head = lines[0].text.lower() if lines else ""
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        raise UnreadableArticle("html", "an HTML page; save the article text, or use an HTML-aware reader")
    if len(lines) < 2 and len(lines[0].text.split()) <= MAX_TITLE_WORDS:
        raise UnreadableArticle("no_body", "a single short line: a title with no article text")


def _classify(lines: list[_Line]) -> None:
    first_content = 0
    if len(lines[0].text.split()) <= MAX_TITLE_WORDS:
        lines[0].kind = "title"
        first_content = 1
    for line in lines[first_content : first_content + 3]:
        if _mark_byline_or_dateline(line):
            first_content += 1
        else:
            break
    _mark_boilerplate(lines, first_content)
    _mark_captions(lines, first_content)
    _mark_sign_off(lines)
    standfirst = next((line for line in lines[first_content:] if line.kind == "body"), None)
    if standfirst is not None and standfirst is not _last_body(lines):
        standfirst.kind = "standfirst"


def _mark_byline_or_dateline(line: _Line) -> bool:
    byline = BYLINE.match(line.text)
    if byline and (byline["bar"] or line.text.startswith("By ")):
        line.kind = "byline"
        line.meta["authors"] = tuple(n for n in NAME_SEPARATOR.split(byline["names"]) if n)
        return True
    published = parse_dateline(line.text)
    if published:
        line.kind = "byline"
        line.meta["date"] = published
        return True
    return False


def parse_dateline(text: str) -> date | None:
    """`Published 21 August 2025`, `August 21, 2025 10:02 BST`, `2025-08-21` as a whole line."""
    match = DATELINE.match(text)
    if not match:
        return None
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        if match["year"]:
            return date(int(match["year"]), DATELINE_MONTHS[match["month"].lower()], int(match["day"]))
        return date(int(match["year2"]), DATELINE_MONTHS[match["month2"].lower()], int(match["day2"]))
    except ValueError:
        return None


def _mark_boilerplate(lines: list[_Line], first_content: int) -> None:
    in_furniture = False
    for line in lines[first_content:]:
        if BOILERPLATE_START.match(line.text) or BOILERPLATE_PHRASE.search(line.text):
            line.kind = "boilerplate"
            outlet = OUTLET_IN_BOILERPLATE.match(line.text)
            if outlet:
                line.meta["outlet"] = outlet["outlet"].strip()
            in_furniture = True
        elif in_furniture and len(line.text.split()) <= MAX_FURNITURE_WORDS:
            line.kind = "boilerplate"
        else:
            in_furniture = False


def _mark_captions(lines: list[_Line], first_content: int) -> None:
    for i in range(first_content, len(lines)):
        line = lines[i]
        if line.kind != "body":
            continue
        credit = CAPTION_CREDIT.search(line.text)
        if credit:
            line.kind = "caption"
            line.credit = line.text[credit.start("credit") :].strip()
            line.text = line.text[: credit.start("credit")].rstrip()
            # A caption headline without final punctuation often sits just above the credited line.
            previous = lines[i - 1]
            if i - 1 >= first_content and previous.kind == "body" and not _ends_sentence(previous.text):
                previous.kind = "caption"


def _mark_sign_off(lines: list[_Line]) -> None:
    content = [line for line in lines if line.kind != "boilerplate"]
    last = content[-1] if content else None
    if last is not None and last.kind == "body" and SIGN_OFF.match(last.text):
        last.kind = "credit"
        last.meta["outlet"] = last.text


def _last_body(lines: list[_Line]) -> _Line | None:
    return next((line for line in reversed(lines) if line.kind == "body"), None)


def _ends_sentence(text: str) -> bool:
    return text.rstrip("”’\"')").endswith((".", "!", "?", ":"))


def _assemble(lines: list[_Line]) -> tuple[str, tuple[Block, ...]]:
    """Join lines with blank lines between them; a caption's credit follows it on the same line."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for line in lines:
        if parts:
            parts.append("\n\n")
            offset += 2
        segments: list[tuple[BlockKind, str]] = [(line.kind, line.text)]
        if line.credit:
            segments.append(("credit", line.credit))
        for j, (kind, segment) in enumerate(segments):
            if j:
                parts.append(" ")
                offset += 1
            blocks.append(Block(len(blocks), kind, offset, offset + len(segment), segment))
            parts.append(segment)
            offset += len(segment)
    return "".join(parts), tuple(blocks)
