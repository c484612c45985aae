"""Give headlines and shouted lines the casing of running text before the parser and tagger see them.

The statistical tagger learnt names from their capitals, so it reads `SOCCER - JAPAN GET LUCKY WIN` or
`Clinton Wades In, Urges Britain To Remain` as a run of names. The article itself says how each word is
normally written: a word printed `Japan` in the body is a name, one printed `defeat` is not. Headline and
shouted words are re-cased from that evidence (and, without evidence, from whether the word is a known
place or given name); every other character is left alone and the text keeps its length, so offsets
into the article text hold for the re-cased text too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from pipeline.article.blocks import Block
from pipeline.nlp.lexicon import given_names, is_known_name

WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
#: Block kinds written as headlines (every word capitalised is a style, not evidence).
HEADLINE_KINDS: frozenset[str] = frozenset({"title", "standfirst"})
#: Words a title-cased headline capitalises that running text never does.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """a an the and or but nor of in on at to for from by with as into onto over under about after before
    than that this these those is are was were be been being has have had do does did will would can could
    shall should may might must not no up down out off its it his her their our your my we they he she you
    i me him them us who what which when where why how if so all any some new""".split()
)
#: A block is shouted when at least this share of its cased letters are capitals.
SHOUTED_SHARE = 0.8
#: A headline is title-cased when at least this share of its longer words start with a capital.
TITLE_CASE_SHARE = 0.6
MIN_WORDS = 2
#: What may stand between a sentence's end and its first word (`. "We`, `(Reuters`).
OPENING_CHARACTERS = frozenset(" \"'“‘(")
#: The rest of a transcript label after a shouted word: more capitals, then a colon.
LABEL_TAIL = re.compile(r"[A-Z.'’ -]*:")
MAX_LABEL_CHARS = 40


def text_for_nlp(text: str, blocks: Sequence[Block]) -> str:
    """`text` with headline and shouted words re-cased by the article's own evidence; same length."""
    lines = [
        _Line(block, words, _is_shouted(words))
        for block in blocks
        if len(words := list(WORD.finditer(text, block.start_char, block.end_char))) >= MIN_WORDS
    ]
    evidence = _casing_evidence(text, lines)
    chars = list(text)
    changed = False
    for block, words, shouted in lines:
        if shouted:
            recased = _recase_shouted(words, evidence)
        elif block.kind in HEADLINE_KINDS and _is_title_cased(words):
            recased = _recase_title(words, evidence)
        else:
            recased = _recase_dateline(text, words) + _recase_shouted_names(text, words, evidence)
        for match, new in recased:
            if new != match.group() and len(new) == len(match.group()):
                chars[match.start() : match.end()] = new
                changed = True
    return "".join(chars) if changed else text


class _Line(NamedTuple):
    """A block of at least MIN_WORDS words, with its words and whether it is shouted."""

    block: Block
    words: list[re.Match[str]]
    shouted: bool


def _casing_evidence(text: str, lines: Sequence[_Line]) -> dict[str, dict[str, int]]:
    """Lowercased word -> how often it is written each way in running text, sentence starts left out."""
    evidence: dict[str, dict[str, int]] = {}
    for block, words, shouted in lines:
        if block.kind in HEADLINE_KINDS or shouted:
            continue
        for match in words:
            start = match.start()
            while start > block.start_char and text[start - 1] in OPENING_CHARACTERS:
                start -= 1
            if start == block.start_char or text[start - 1] in ".!?:":
                continue  # a sentence start is capitalised whatever the word
            word = match.group()
            forms = evidence.setdefault(word.lower(), {})
            forms[word] = forms.get(word, 0) + 1
    return evidence


def _is_shouted(words: Sequence[re.Match[str]]) -> bool:
    letters = "".join(m.group() for m in words)
    upper = sum(map(str.isupper, letters))
    cased = upper + sum(map(str.islower, letters))
    return cased > 3 and upper >= SHOUTED_SHARE * cased


def _is_title_cased(words: Sequence[re.Match[str]]) -> bool:
    longer = [m.group() for m in words[1:] if len(m.group()) > 3]
    return len(longer) >= MIN_WORDS and sum(w[0].isupper() for w in longer) >= TITLE_CASE_SHARE * len(longer)


def _written_form(word: str, evidence: dict[str, dict[str, int]]) -> str | None:
    """The article's usual spelling of `word` (`Japan`, `NATO`, `defeat`), if it has one (the first seen
    of the most used)."""
    forms = evidence.get(word.lower())
    return max(forms.items(), key=itemgetter(1))[0] if forms else None


def _recase_shouted(
    words: Sequence[re.Match[str]], evidence: dict[str, dict[str, int]]
) -> list[tuple[re.Match[str], str]]:
    """`JAPAN GET LUCKY WIN` -> `Japan get lucky win`: names keep a capital, other words lose theirs."""
    recased = []
    for n, match in enumerate(words):
        word = match.group()
        written = _written_form(word, evidence)
        if written is not None:
            new = written[0].upper() + written[1:] if n == 0 else written
        elif is_known_name(word):
            new = _capitalised(word)
        elif n == 0:
            new = word[0] + word[1:].lower()
        else:
            new = word.lower()
        recased.append((match, new))
    return recased


def _recase_title(
    words: Sequence[re.Match[str]], evidence: dict[str, dict[str, int]]
) -> list[tuple[re.Match[str], str]]:
    """`Clinton Wades In, Urges Britain` -> `Clinton wades in, urges Britain`: a word keeps its capital
    when the article writes it so elsewhere or it is a known place or given name."""
    recased = []
    for n, match in enumerate(words):
        word = match.group()
        if n == 0 or not word[0].isupper() or word.isupper():
            continue
        written = _written_form(word, evidence)
        if written is not None:
            recased.append((match, written))
        elif word.lower() in FUNCTION_WORDS or not is_known_name(word):
            recased.append((match, word.lower()))
    return recased


def _recase_shouted_names(
    text: str, words: Sequence[re.Match[str]], evidence: dict[str, dict[str, int]]
) -> list[tuple[re.Match[str], str]]:
    """In running text, a shouted name takes the spelling the article uses elsewhere; capitals the
    article never lowers (acronyms) stay, and so do transcript labels (`CLINTON:`), which the quote
    extractor reads by their capitals."""
    recased = []
    given_name_run = False  # `KATE BOULDUAN said` opens with a given name: the run is a person's name
    for n, match in enumerate(words):
        word = match.group()
        if len(word) < 2 or not word.isupper() or _is_transcript_label(text, match):
            given_name_run = False
            continue
        written = _written_form(word, evidence)
        if written is not None and not written.isupper():
            recased.append((match, written))
        elif given_name_run or (
            n + 1 < len(words) and words[n + 1].group().isupper() and word.lower() in given_names()
        ):
            recased.append((match, _capitalised(word)))
            given_name_run = True
    return recased


def _recase_dateline(text: str, words: Sequence[re.Match[str]]) -> list[tuple[re.Match[str], str]]:
    """`AL-AIN , United Arab Emirates 1996-12-06`: a shouted place opening a block."""
    leading = []
    for match in words:
        if not match.group().isupper() or len(match.group()) < 2:
            break
        leading.append(match)
    if not leading or leading[-1] is words[-1]:
        return []
    following = text[leading[-1].end() :].lstrip(" ")[:1]
    if following != "," and not following.isdigit():
        return []  # `LONDON (Reuters) -` stays shouted: the sentence splitter knows it by its capitals
    return [(m, _capitalised(m.group())) for m in leading]


def _is_transcript_label(text: str, match: re.Match[str]) -> bool:
    """`CLINTON:` or `KATE BOULDUAN:`: the capitals run up to a colon."""
    return LABEL_TAIL.match(text, match.end(), match.end() + MAX_LABEL_CHARS) is not None


def _capitalised(word: str) -> str:
    """`AL-AIN` -> `Al-Ain`, `O'NEILL` -> `O'Neill`."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), word)
