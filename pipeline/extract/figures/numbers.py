"""Reading a number at a token: digits (`1,200`, `1.13bn`, `£600m`, `50p`) or words (`forty-two`, `a
dozen`, `two and a half`), with its currency, scale and percent sign, and the other end of a range it opens
(`10-15`, `between 10 and 15`, `£3-4bn`). What the number counts is decided by the rules, not here."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extract.figures.lexicon import (
    CHANGE_LEMMAS,
    CLOCK_MARKS,
    CURRENCY_ADJECTIVES,
    CURRENCY_PHRASES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    EARLY_YEAR_MIN,
    HYPHENS,
    INCH_MARKS,
    MAX_YEAR,
    MEASURE_UNITS,
    MIN_YEAR,
    MULTIPLIER_WORDS,
    NUMBER_TOKEN,
    ORDINAL_SUFFIXES,
    POUND_MASS,
    POUND_WORDS,
    RESOLUTION_KS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    STERLING_SIGNS,
    SUBUNIT_WORDS,
    TENS_WORDS,
    TIME_UNITS,
    UNIT_WORDS,
    VIDEO_LINES,
)
from pipeline.extract.figures.records import Number, NumberSite


def _digit_token(token: Token, text: str | None = None) -> tuple[float, str | None] | None:
    match = NUMBER_TOKEN.match(token.text if text is None else text)
    if match is None:
        return None
    try:
        return float(match["num"].replace(",", "")), match["suffix"]
    except ValueError:
        return None


def _read_words(doc: Doc, i: int, end_limit: int) -> tuple[float, int] | None:
    """Read a spelled-out number (`forty-two`, `a dozen`, `two and a half`, `half a million`)."""
    total = current = 0.0
    seen = False
    j = i
    lower = doc[j].lower_
    if lower in ("a", "an") and j + 1 < end_limit and doc[j + 1].lower_ in MULTIPLIER_WORDS:
        current, seen, j = 1.0, True, j + 1
    elif lower == "half" and j + 2 < end_limit and doc[j + 1].lower_ == "a":
        multiplier = MULTIPLIER_WORDS.get(doc[j + 2].lower_)
        return (0.5 * multiplier, j + 3) if multiplier else None
    previous_tens = False
    while j < end_limit:
        word = doc[j].lower_
        if word in UNIT_WORDS or word in TENS_WORDS:
            current += UNIT_WORDS.get(word, TENS_WORDS.get(word, 0))
            previous_tens, seen = word in TENS_WORDS, True
        elif word in HYPHENS and previous_tens and j + 1 < end_limit and doc[j + 1].lower_ in UNIT_WORDS:
            previous_tens = False
        elif word == "dozen" and seen:
            current = (current or 1) * 12
        elif word in SCALE_WORDS and seen:
            scale = SCALE_WORDS[word]
            if scale < 1e3:
                current = (current or 1) * scale
            else:
                total, current = total + (current or 1) * scale, 0.0
        elif word == "and" and seen and j + 1 < end_limit:
            following = doc[j + 1].lower_
            if following in UNIT_WORDS or following in TENS_WORDS:
                pass
            elif following == "a" and j + 2 < end_limit and doc[j + 2].lower_ == "half":
                current += 0.5
                j += 3
                break
            else:
                break
        else:
            break
        j += 1
    if not seen:
        return None
    return total + current, j


def read_number(doc: Doc, i: int, end_limit: int) -> Number | None:
    """Read a number starting at token i with its currency, scale and percent sign."""
    start = j = i
    currency = CURRENCY_SYMBOLS.get(doc[j].text)
    glued = None
    if currency is not None:
        j += 1
        if j >= end_limit:
            return None
    elif doc[j].text[:1] in CURRENCY_SYMBOLS:  # `£54.6` left whole by an infix split (`$106m:£54.6m`)
        currency, glued = CURRENCY_SYMBOLS[doc[j].text[:1]], doc[j].text[1:]
    digits = _digit_token(doc[j], glued)
    number: Number
    if digits is not None:
        value, suffix = digits
        number = Number(start, j + 1, value, currency)
        if suffix is None and "," not in doc[j].text and "." not in doc[j].text:
            number.plain = doc[j].text
        if suffix is not None and not _apply_suffix(number, suffix):
            return None
        j += 1
        if number.scale_abbreviation is None and j < end_limit and not doc[j - 1].whitespace_:
            abbreviation = doc[j].lower_.rstrip(".")
            if doc[j].text == "K" and number.value in RESOLUTION_KS and currency is None:
                number.suffix, number.plain = "K", None  # `4K output`: a display resolution
                j += 1
            elif abbreviation in SCALE_ABBREVIATIONS:
                number.value *= SCALE_ABBREVIATIONS[abbreviation]
                number.scale = SCALE_ABBREVIATIONS[abbreviation]
                number.scale_abbreviation, number.plain = abbreviation, None
                j += 1
            elif abbreviation in SUBUNIT_WORDS and currency is None:
                number.value /= 100
                number.currency, number.plain = SUBUNIT_WORDS[abbreviation], None
                j += 1
            elif abbreviation in CLOCK_MARKS:
                number.suffix, number.plain = abbreviation, None  # `8am` split by the tokenizer
                j += 1
            elif doc[j].is_alpha and abbreviation not in MEASURE_UNITS and abbreviation not in TIME_UNITS:
                return None  # letters glued on make a name: `3G`, `4x4`
            elif doc[j].text in INCH_MARKS and j + 1 < end_limit and doc[j + 1].is_alpha:
                number.suffix, number.plain = "inch", None  # `a 22" monitor`
                j += 1
    else:
        words = _read_words(doc, j, end_limit)
        if words is None:
            return None
        value, j = words
        number = Number(start, j, value, currency, spelled=True)
    while j < end_limit and doc[j].lower_ in SCALE_WORDS and number.scale_abbreviation is None:
        number.value *= SCALE_WORDS[doc[j].lower_]
        number.scale *= SCALE_WORDS[doc[j].lower_]
        number.plain = None
        j += 1
    number.end = j
    if not number.ordinal:
        _read_unit_after(doc, number, end_limit)
    return number


def _apply_suffix(number: Number, written: str) -> bool:
    """Interpret letters glued to digits; False when they make the token something else (`3G`)."""
    suffix = written.lower()
    if written == "K" and number.value in RESOLUTION_KS and number.currency is None:
        number.suffix = "K"  # `4K output`: a display resolution
    elif suffix == "p" and number.value in VIDEO_LINES and number.currency is None:
        number.suffix = "p"  # `1080p`: lines of video, not pence
    elif suffix in CLOCK_MARKS:
        number.suffix = suffix  # `8pm`: a clock time
    elif suffix in SCALE_ABBREVIATIONS:
        number.value *= SCALE_ABBREVIATIONS[suffix]
        number.scale = SCALE_ABBREVIATIONS[suffix]
        number.scale_abbreviation = suffix
    elif suffix in SUBUNIT_WORDS and number.currency is None:
        number.value /= 100
        number.currency = SUBUNIT_WORDS[suffix]
    elif suffix == "pc":
        number.percent = "percent"
    elif suffix in ORDINAL_SUFFIXES:
        number.ordinal = True
    elif suffix == "s" and _is_decade_or_century(number.value):
        number.suffix = "s"
    elif suffix in MEASURE_UNITS or suffix in TIME_UNITS:
        number.suffix = suffix
    else:
        return False
    return True


def _is_decade_or_century(value: float) -> bool:
    """`1990s`, and before MIN_YEAR only a century (`the 1600s`)."""
    if not value.is_integer() or not EARLY_YEAR_MIN <= value < MAX_YEAR:
        return False
    return value % 10 == 0 if value >= MIN_YEAR else value % 100 == 0


def _read_unit_after(doc: Doc, number: Number, end_limit: int) -> None:
    """Extend the number over a percent sign or a currency name that follows it."""
    j = number.end
    if j >= end_limit:
        return
    lower = doc[j].lower_
    if number.percent is None and number.currency is None:
        if lower in ("%", "percent", "pc"):
            number.percent, j = "percent", j + 1
        elif lower == "per" and j + 1 < end_limit and doc[j + 1].lower_ == "cent":
            number.percent, j = "percent", j + 2
        elif lower == "percentage" and j + 1 < end_limit and doc[j + 1].lower_ in ("point", "points"):
            number.percent, j = "percentage points", j + 2
        if number.percent == "percent" and j + 1 < end_limit and doc[j].lower_ == "points":
            number.percent, j = "percentage points", j + 1
    if number.currency is None and number.percent is None and number.suffix is None:
        phrase = next(
            (
                words
                for words in CURRENCY_PHRASES
                if j + len(words) <= end_limit and tuple(t.lower_ for t in doc[j : j + len(words)]) == words
            ),
            None,
        )
        if phrase is not None:
            number.currency, j = CURRENCY_PHRASES[phrase], j + len(phrase)
        elif (
            lower in CURRENCY_ADJECTIVES and j + 1 < end_limit and doc[j + 1].lower_ in ("dollar", "dollars")
        ):
            number.currency, j = CURRENCY_ADJECTIVES[lower], j + 2
        elif lower in POUND_WORDS and not any(sign in doc.text for sign in STERLING_SIGNS):
            number.suffix, j = POUND_MASS, j + 1  # `5,200 pounds` in an article that never uses sterling
        elif lower in CURRENCY_WORDS:
            number.currency, j = CURRENCY_WORDS[lower], j + 1
            if j < end_limit and doc[j].lower_ == "sterling":
                j += 1
        elif lower in SUBUNIT_WORDS and lower != "p":
            number.currency, number.value, j = SUBUNIT_WORDS[lower], number.value / 100, j + 1
        elif doc[j].text in CURRENCY_SYMBOLS and doc[j].text.isupper() and len(doc[j].text) == 3:
            number.currency, j = CURRENCY_SYMBOLS[doc[j].text], j + 1  # `34.6 million USD`
    number.end = j


def range_of(site: NumberSite) -> tuple[Number, str] | None:
    """The other end of the range the site's number opens, and its connector (found once per site)."""
    if "range" not in site.memo:
        site.memo["range"] = second_number(site.doc, site.number, site.sentence)
    return site.memo["range"]  # type: ignore[return-value]


def second_number(doc: Doc, number: Number, sentence: Span) -> tuple[Number, str] | None:
    """The other end of `10-15`, `between 10 and 15`, `10 to 15`, and which connector joined them."""
    j = number.end
    if j + 1 >= sentence.end:
        return None
    connector = doc[j].lower_
    before = doc[number.start - 1].lower_ if number.start > sentence.start else ""
    joined = (
        (connector in HYPHENS and not doc[j - 1].whitespace_)
        or (connector == "and" and before == "between")
        or (
            connector == "to"
            and before not in ("from", "by", "to")
            and not _after_change_verb(doc, number, sentence)
        )
    )
    if not joined:
        return None
    second = read_number(doc, j + 1, sentence.end)
    if second is None or second.ordinal or second.spelled != number.spelled:
        return None
    if is_year_like(doc, number) != is_year_like(doc, second):
        return None  # `during 2004 to 136,000` is a year and a count, not a range
    if connector == "to" and second.value <= number.value:
        return None
    if connector == "to" and (
        (second.currency or number.currency) != (number.currency or second.currency)
        or bool(second.percent) != bool(number.percent)
    ):
        return None
    return second, connector


def _after_change_verb(doc: Doc, number: Number, sentence: Span) -> bool:
    """`rose 32,000 to 1.41 million`: by how much, then to what; not a range."""
    return number.start > sentence.start and doc[number.start - 1].lemma_.lower() in CHANGE_LEMMAS


def is_year_like(doc: Doc, number: Number) -> bool:
    return number.plain is not None and year_number(doc[number.start]) is not None


def merge_range(number: Number, second: Number) -> None:
    """Carry scale, currency and percent across a range written once (`£3-4bn`, `5-10%`)."""
    if _carries_scale(number, second):
        number.value *= second.scale  # `£3-4bn`, `$40-50 billion`
        number.scale = second.scale
    number.currency = number.currency or second.currency
    number.percent = number.percent or second.percent


def is_ascending(number: Number, second: Number) -> bool:
    """A range goes up: `10-15`, `$40-50 billion`; `80%-10%` or a tally `216-146` are two values."""
    first = number.value * second.scale if _carries_scale(number, second) else number.value
    return second.value > first


def _carries_scale(number: Number, second: Number) -> bool:
    """`$40-50 billion`: the first end is in billions too; `32,000-1.41m` is not 32,000 million."""
    return second.scale > 1 and number.scale == 1 and number.value < second.value / second.scale


def day_number(token: Token) -> int | None:
    text = token.text
    if len(text) > 2 and text[-2:].lower() in ORDINAL_SUFFIXES:
        text = text[:-2]
    if text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 31:
        return int(text)
    return None


def year_number(token: Token) -> int | None:
    text = token.text
    if text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) < MAX_YEAR:
        return int(text)
    return None
