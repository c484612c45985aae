"""Turn a raw file's bytes into text, or into a specific reason why it cannot be an article."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from pipeline.vocabulary import QuarantineReason

#: A news article is tens of kilobytes; anything this large is a dump, not one article.
MAX_ARTICLE_BYTES = 5_000_000
#: A saved web page carries its scripts and markup (news pages run to 1-2 MB): it is limited by the
#: article text extracted from it, and by this much larger limit on the page itself, which protects memory.
MAX_PAGE_BYTES = 30_000_000
#: spaCy's own limit on one text (its parser needs about 1 GB per 100,000 characters of a single doc).
MAX_ARTICLE_CHARS = 1_000_000
#: UTF-8 text with a few bad bytes is UTF-8 with those bytes replaced (U+FFFD) when at most this share of
#: its bytes is bad and it holds valid multi-byte characters; otherwise it is Windows-1252.
MAX_BAD_BYTE_SHARE = 0.01
#: Magic numbers of the binary formats people drop into folders by mistake.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or docx/xlsx)",
    b"%PDF": "PDF document",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media file",
}
#: Share of control characters above which decoded text is judged to be binary data.
MAX_CONTROL_SHARE = 0.01
#: Control characters (Unicode category Cc) other than tab, line feed, form feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f-\\x9f]")


class UnreadableArticle(Exception):
    """A file that cannot become an article; `reason` is a stable code, `detail` says what to do."""

    def __init__(self, reason: QuarantineReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    #: Bytes that were not valid in the encoding and were replaced by U+FFFD, and where the first one is.
    replaced: int = 0
    first_replaced_char: int | None = None


def too_large(
    size_bytes: int, limit: int = MAX_ARTICLE_BYTES, holds: str = "one article"
) -> UnreadableArticle | None:
    """The refusal for a file too large to be what it `holds`, decided from its size before reading it."""
    if size_bytes <= limit:
        return None
    return UnreadableArticle(
        "too_large",
        f"{size_bytes:,} bytes is over the {limit:,}-byte limit for {holds}; split the file into articles",
    )


def decode_article_bytes(data: bytes, limit: int = MAX_ARTICLE_BYTES) -> DecodedText:
    """Decode bytes as UTF-8 (with or without BOM, a few damaged bytes replaced), UTF-16 with BOM, or
    Windows-1252 as a last resort. The text is held to MAX_ARTICLE_CHARS by `check_length`, once the
    caller knows what the article text is (a web page's is what is extracted from it)."""
    refusal = too_large(len(data), limit)
    if refusal is not None:
        raise refusal
    if not data.strip():
        raise UnreadableArticle("empty", "the file is empty or holds only whitespace")
    for signature, name in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableArticle("binary", f"the file is a {name}, not article text")
    decoded = _decode(data)
    if not decoded.text.strip():
        raise UnreadableArticle("empty", "the file holds no visible text")
    controls = len(CONTROL_CHARACTERS.findall(decoded.text))
    if controls > MAX_CONTROL_SHARE * len(decoded.text):
        raise UnreadableArticle(
            "binary", f"{controls} control characters in {len(decoded.text)}: binary data, not article text"
        )
    return decoded


def check_length(text: str) -> None:
    """Refuse an article text over MAX_ARTICLE_CHARS (spaCy's limit on one text)."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise UnreadableArticle(
            "too_large",
            f"{len(text):,} characters is over the {MAX_ARTICLE_CHARS:,}-character limit for one "
            "article; split the file into articles",
        )


def _decode(data: bytes) -> DecodedText:
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig")
    # UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise UnreadableArticle(
                    "undecodable",
                    f"{encoding.upper()} byte-order mark but invalid {encoding.upper()}: {error}",
                ) from None
    if b"\x00" in data:
        raise UnreadableArticle("binary", "NUL bytes without a UTF-16 byte-order mark: binary data")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    # Windows-1252 is what Latin-1 text from Windows tools really is; five bytes are undefined in it.
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableArticle(
            "undecodable", f"neither UTF-8, UTF-16 nor Windows-1252 ({error}); re-save the file as UTF-8"
        ) from None


def _damaged_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few bad bytes (a truncated copy, one corrupt byte): the text with them replaced, when
    it also holds valid multi-byte characters (Windows-1252 text has none) and the bad bytes are few."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if replaced == 0 or multibyte == 0 or replaced > MAX_BAD_BYTE_SHARE * len(data):
        return None
    return DecodedText(text, "utf-8", replaced, text.index("\ufffd"))
