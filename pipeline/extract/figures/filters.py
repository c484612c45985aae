"""What is not a figure although it is written with numbers: the time stamps of embedded posts, phone numbers, ids and names (`0800 028 9276`,
`No 10`, `Channel 4`), formations (`4-4-2`), the day of a date read at its month, small numbers that refer
back (`the two leaders`), a lone `one`, and numbers inside names (`Six Nations`). Each rule refuses the
number at its site; the tests the rules use are below them."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extract.figures.lexicon import (
    ANAPHORIC_DETERMINERS,
    CURRENCY_SYMBOLS,
    HYPHENS,
    ID_PREFIXES,
    MAX_ANAPHORIC,
    MEASURE_UNITS,
    MONTHS,
    NAME_ENTITY_TYPES,
    TIME_OF_DAY_WORDS,
)
from pipeline.extract.figures.nouns import is_name_noun, noun_of
from pipeline.extract.figures.numbers import day_number, range_of, year_number
from pipeline.extract.figures.records import Number, NumberSite, Outcome, Site
from pipeline.extract.rules import Example, leaves, refuses


def post_timestamp(site: Site) -> Outcome | None:
    """`— Stansted Airport (@STN_Airport) December 22, 2014`: the time stamp under an embedded social
    media post dates the post, not anything the article reports; the search goes on past it."""
    doc, i, sentence = site.doc, site.i, site.sentence
    if doc[i].text.rstrip(".") not in MONTHS:
        return None
    j = i - 1  # the parser often ends a sentence at the handle: look back across the boundary
    if j >= 0 and doc[j].lower_ == "on":
        j -= 1
    if j < 1 or doc[j].text != ")" or not doc[j - 1].text.startswith("@"):
        return None
    end = i + 1
    while end < sentence.end and (doc[end].text.isdigit() or doc[end].text == ","):
        end += 1
    return None, end


def phone_or_id(site: NumberSite) -> Outcome | None:
    """Phone numbers, ids and names containing numbers; the search goes on past all their digits."""
    if is_phone_or_id(site.doc, site.number, site.sentence):
        return None, skip_digits(site.doc, site.number.end, site.sentence)
    return None


def formation(site: NumberSite) -> Outcome | None:
    """Three or more hyphen-joined digit groups (`4-4-2`) are a formation or a code, not a score."""
    number = site.number
    if not number.spelled and hyphen_run_length(site.doc, number.end - 1, site.sentence) > 2:
        return None, skip_digits(site.doc, number.end, site.sentence)
    return None


def clock_range(site: NumberSite) -> Outcome | None:
    """`from 1130 to 1215 GMT`: two times of day, not a range of numbers."""
    ranged = range_of(site)
    if ranged is None:
        return None
    second, _ = ranged
    if second.end < site.sentence.end and site.doc[second.end].lower_ in TIME_OF_DAY_WORDS:
        return None, second.end
    return None


def day_of_month(site: NumberSite) -> Outcome | None:
    """`to 31 December`: the day of a date, read as a date at its month."""
    doc, number = site.doc, site.number
    if (
        number.end < site.sentence.end
        and doc[number.end].text in MONTHS
        and day_number(doc[number.start]) is not None
    ):
        return site.refused()
    return None


def name_noun(site: NumberSite) -> Outcome | None:
    """`10 Downing Street`, `Six Nations`: a number before a name is part of the name."""
    noun = noun_of(site)
    if (
        noun is not None
        and noun.lower_ not in MEASURE_UNITS  # `1.8 GB` is tagged a proper noun
        and (is_name_noun(noun) or is_spelled_in_name(site.doc, site.number, noun))
    ):
        return site.refused()
    return None


def anaphoric(site: NumberSite) -> Outcome | None:
    """`the two leaders`: a small spelled-out number after a definite determiner points back at things
    already counted."""
    return site.refused() if is_anaphoric(site.doc, site.number, site.sentence) else None


def lone_one(site: NumberSite) -> Outcome | None:
    """A spelled-out `one` (`one of the`, `no one`) is not a count; without a counted noun nor is `zero`."""
    number = site.number
    if number.spelled and (number.value == 1 if noun_of(site) is not None else number.value <= 1):
        return site.refused()
    return None


def is_phone_or_id(doc: Doc, number: Number, sentence: Span) -> bool:
    """Phone numbers, ids and names containing numbers are not figures."""
    first = doc[number.start]
    digits = doc[number.start + 1] if first.text in CURRENCY_SYMBOLS else first
    if number.plain is not None and len(number.plain) >= 3 and number.plain.startswith("0"):
        return True
    if number.plain is not None:
        before, after = digits.i - 1, digits.i + 1
        set_scores = (
            hyphen_pair(doc, number) and before - 1 >= sentence.start and doc[before - 1].text in HYPHENS
        )
        if (
            before >= sentence.start
            and doc[before].text.isdigit()
            and doc[before].whitespace_
            and not set_scores
        ):
            return True  # `0141 300 3000`, but not the sets of `4-6 7-6 6-4`
        if after < sentence.end and doc[after].text.isdigit() and digits.whitespace_:
            return True
        if before >= sentence.start and doc[before].text.startswith("+"):
            return True
    if first.i > sentence.start:
        previous = doc[first.i - 1]
        if previous.lower_ in ID_PREFIXES and not (previous.lower_ == "no" and previous.text == "no"):
            return True
        if previous.text in ("#", "/", ":", "+") and number.currency is None:
            return True
        if (
            number.currency is None
            and number.percent is None  # `Arizona 4.1 percent`
            and not number.spelled
            and previous.pos_ == "PROPN"
            and previous.text not in MONTHS
            and not previous.is_sent_start
            and not _year_before_noun(doc, digits)
            and not hyphen_pair(doc, number)  # `England beat Fiji 26-21`: a score after a team name
        ):
            return True
    if number.end < len(doc) and doc[number.end].lower_ in TIME_OF_DAY_WORDS:
        return True
    if (  # `from 1130 to 1215 GMT`
        number.end + 2 < len(doc)
        and doc[number.end + 2].lower_ in TIME_OF_DAY_WORDS
        and doc[number.end].lower_ in ("to", "and", *HYPHENS)
        and doc[number.end + 1].text.isdigit()
    ):
        return True
    if (
        number.end + 1 < len(doc)
        and doc[number.end].text in (":", "/")
        and not doc[number.end - 1].whitespace_
        and doc[number.end + 1].text[:1] not in CURRENCY_SYMBOLS  # `$106m:£54.6m` gives two amounts
    ):
        return True
    # NER often runs a name over the score after it (`Greg Rusedski 4-6`): a score pair is not a name.
    return (
        digits.ent_type_ in NAME_ENTITY_TYPES
        and number.currency is None
        and number.percent is None
        and not hyphen_pair(doc, number)
    )


def hyphen_pair(doc: Doc, number: Number) -> bool:
    return (
        number.end + 1 < len(doc) and doc[number.end].text in HYPHENS and doc[number.end + 1].text.isdigit()
    )


def _year_before_noun(doc: Doc, digits: Token) -> bool:
    """`ICC 2023 arrest warrant` dates the warrant; `Euro 2004` and `Windows 98` are names."""
    following = digits.i + 1
    return year_number(digits) is not None and following < len(doc) and doc[following].pos_ == "NOUN"


def skip_digits(doc: Doc, j: int, sentence: Span) -> int:
    """Past the rest of a phone number or id, so its later groups are not read as figures."""
    while j < sentence.end and (
        doc[j].text.isdigit() or (doc[j].text in HYPHENS and not doc[j - 1].whitespace_)
    ):
        j += 1
    return j


def hyphen_run_length(doc: Doc, i: int, sentence: Span) -> int:
    """How many hyphen-joined digit groups start at token i (`4-4-2` is a formation, not a score)."""
    count, j = 1, i
    while j + 2 < sentence.end and doc[j + 1].text in HYPHENS and doc[j + 2].text.isdigit():
        count, j = count + 1, j + 2
    return count


def is_anaphoric(doc: Doc, number: Number, sentence: Span) -> bool:
    """`the two leaders` points back at people already named: not a new numeric fact. A noun modifier
    makes it one (`the three November Tests`, `all three Lions Tests`)."""
    if not number.spelled or number.value > MAX_ANAPHORIC or number.start <= sentence.start:
        return False
    if number.end < sentence.end and doc[number.end].dep_ == "compound":
        return False
    return doc[number.start - 1].lower_ in ANAPHORIC_DETERMINERS


def is_spelled_in_name(doc: Doc, number: Number, noun: Token) -> bool:
    """`Six Nations`, `Big Four`: a capitalised number word before a proper noun mid-sentence."""
    first = doc[number.start]
    return number.spelled and first.is_title and not first.is_sent_start and noun.pos_ == "PROPN"


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "post_timestamp": (
        refuses(
            "Power outage at London Stansted, great day for it — Kenneth Barrett (@kennbarr) December 22, 2014",
            "December",
        ),
        leaves(
            "Power outage at London Stansted — Kenneth Barrett (@kennbarr) December 22, 2014",
            "2014",
        ),
    ),
    "phone_or_id": (
        leaves("Up to 20 times faster than current 3G networks.", "3G"),
        leaves("Viewers of Channel 4 saw the programme.", "4"),
        refuses(
            "Consumers can order a new cable from the Xbox website or by telephoning 0800 028 9276 in the UK.",
            "0800",
        ),
        refuses("He was speaking after Cabinet members held their last meeting at No 10.", "10"),
        refuses("Keaveney played Marie Jackson when the Channel 4 soap began.", "4"),
        refuses(
            "That in turn paved the way for John Major to move into 10 Downing Street, after the second ballot.",
            "10",
        ),
        leaves("The Frenchman told Arsenal's website www.arsenal.com/news/2005 he would stay.", "2005"),
    ),
    "formation": (
        refuses(
            "Despite their success, the All Blacks' 2-3-2 scrum formation left them somewhat short of possession at times.",
            "2",
        ),
    ),
    "clock_range": (
        # Written for the rule: it decides nowhere in the BBC, PolNeAR or web corpora (`phone_or_id` takes
        # `from 1130 to 1215 GMT`, where the second time is one token).
        refuses("The service runs between 6 and 11.45 BST.", "6"),
    ),
    "day_of_month": (
        refuses("Customers must have been members for at least two years on 31 December 2004.", "31"),
    ),
    "name_noun": (
        refuses("Delacorte, 240 pp., $20.99", "240"),
        refuses("England were beaten 11-9 by Wales in their Six Nations opener in Cardiff last week.", "Six"),
    ),
    "anaphoric": (
        refuses(
            "The Kremlin has yet to directly comment on any future talks between the two leaders.", "two"
        ),
    ),
    "lone_one": (
        refuses("The ball point pen has got to be one of the most used and common gadgets ever.", "one"),
    ),
}
