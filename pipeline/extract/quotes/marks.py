"""Pass 1: pairing quote marks, block by block, tolerating unusual and unbalanced ones.

A character scan decides for each double quote mark whether it opens or closes a quotation from the
characters beside it; a quote left open at the end of a paragraph continues when the next paragraph
reopens it (the news convention for quotes over several paragraphs). A mark that misleads, or never
closes, is recorded as an anomaly instead of raising.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.article.blocks import Block
from pipeline.extract.quotes.lexicon import CLOSING_QUOTES, DOUBLE_QUOTES, OPENING_QUOTES
from pipeline.extract.quotes.records import QuoteAnomaly, QuotedString
from pipeline.vocabulary import SKIPPED_KINDS

# Two apostrophes stand for a straight double quote in some archives (`''We have accepted …''`).
_QUOTE_MARK = re.compile("''|[" + re.escape("".join(sorted(DOUBLE_QUOTES))) + "]")
_OPEN_CONTEXT = set(" \t\n([{—–-/") | OPENING_QUOTES
_CLOSE_CONTEXT = set(" \t\n)]}—–-/.,;:!?") | CLOSING_QUOTES


def pair_quote_marks(text: str, blocks: Sequence[Block]) -> tuple[list[QuotedString], list[QuoteAnomaly]]:
    """Pair double quote marks block by block, never raising on unbalanced marks."""
    found: list[QuotedString] = []
    anomalies: list[QuoteAnomaly] = []
    # A quote left open at the end of a paragraph (news convention for multi-paragraph quotes).
    carried: QuotedString | None = None
    for block in blocks:
        if block.kind in SKIPPED_KINDS:
            continue
        if carried is not None and block.kind == "caption" and carried.block.kind != "caption":
            found_caption, caption_anomalies = pair_quote_marks(text, [block])
            found.extend(found_caption)
            anomalies.extend(caption_anomalies)
            continue
        open_at: int | None = None
        open_width = 1
        pending: QuotedString | None = None
        skip_first: int | None = None
        if carried is not None:
            reopen = _opens_with_quote(block)
            if reopen is None:
                anomalies.append(
                    QuoteAnomaly(carried.open_char, "unbalanced_quote_mark", "quote never closed")
                )
            else:
                pending, (open_at, open_width) = carried, reopen
                skip_first = open_at
            carried = None
        for match in _QUOTE_MARK.finditer(block.text):
            pos = block.start_char + match.start()
            if pos == skip_first:
                continue
            width = match.end() - match.start()
            role, anomaly = _mark_role(text, pos, width, block, open_at is not None)
            if anomaly:
                anomalies.append(QuoteAnomaly(pos, anomaly, f"mark {text[pos]!r} treated as {role}"))
            if role == "open":
                open_at, open_width, pending = pos, width, None
            elif role == "close" and open_at is not None:
                start, end = _strip(text, open_at + open_width, pos)
                if pending is not None:
                    pending.segments.append((start, end))
                    pending.close_char = pos
                    found.append(pending)
                elif end > start:
                    found.append(QuotedString(open_at, pos, [(start, end)], block))
                open_at, pending = None, None
        if open_at is not None:
            start, end = _strip(text, open_at + open_width, block.end_char)
            carried = pending or QuotedString(open_at, block.end_char, [], block)
            if end > start:
                carried.segments.append((start, end))
    if carried is not None:
        anomalies.append(QuoteAnomaly(carried.open_char, "unbalanced_quote_mark", "quote never closed"))
    found.sort(key=lambda q: q.open_char)
    return found, anomalies


def _mark_role(text: str, pos: int, width: int, block: Block, is_open: bool) -> tuple[str, str | None]:
    """Decide whether a mark opens or closes; second item names an anomaly when the glyph misleads."""
    mark = text[pos]
    before = text[pos - 1] if pos > block.start_char else " "
    after = text[pos + width] if pos + width < block.end_char else " "
    opens_like = before in _OPEN_CONTEXT and not after.isspace()
    closes_like = not before.isspace() and after in _CLOSE_CONTEXT
    if mark in OPENING_QUOTES:
        if is_open and closes_like and not opens_like:
            return "close", "unusual_quote_mark"
        return "open", ("unbalanced_quote_mark" if is_open else None)
    if mark in CLOSING_QUOTES:
        if is_open:
            return "close", None
        if opens_like and not closes_like:
            return "open", "unusual_quote_mark"
        return "skip", "unbalanced_quote_mark"
    if is_open:
        return "close", None
    if closes_like and not opens_like:
        return "skip", "unbalanced_quote_mark"
    return "open", None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_with_quote(block: Block) -> tuple[int, int] | None:
    """Offset and width of the mark that reopens a quote at the start of a paragraph, if there is one."""
    stripped = block.text.lstrip()
    match = _QUOTE_MARK.match(stripped)
    if match is None or match.group() in CLOSING_QUOTES:
        return None
    return block.start_char + len(block.text) - len(stripped), len(match.group())
