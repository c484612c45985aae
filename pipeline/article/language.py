"""The language an article is written in: py3langid (a maintained language identifier whose model ships
in its wheel, so nothing is downloaded) over the article's own text. A text too short or too mixed to
tell is `und` (undetermined)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: ISO 639-1 code of English, the language the extractors read.
ENGLISH = "en"
#: The code for a text whose language cannot be told (ISO 639-2).
UNDETERMINED = "und"
#: Languages the extractors have a model for; an article in another language lands without extraction.
EXTRACTED_LANGUAGES: frozenset[str] = frozenset({ENGLISH, UNDETERMINED})
#: Letters a text needs before its language is told (a headline alone is too short to trust).
MIN_LANGUAGE_LETTERS = 40
#: Below this probability the identifier is guessing.
MIN_LANGUAGE_CONFIDENCE = 0.5
#: Characters read: the opening of an article says its language as well as the whole of it does.
LANGUAGE_SAMPLE_CHARS = 5000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (`en`, `es`, `zh`), or `und`."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LANGUAGE_LETTERS:
        return UNDETERMINED
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_LANGUAGE_CONFIDENCE else UNDETERMINED
