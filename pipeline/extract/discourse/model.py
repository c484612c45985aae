"""The article's people and organisations (referents) and what the article states about each: the roles
it gives them (`Prime Minister Tony Blair`, `Tony Blair, the prime minister,`, `architect Marwan
Al-Sayed`), their ages (`Smith, 56,`), their sex (a title, a given name, a gendered role) and, for an
organisation, the descriptions that fit it (`US Airways` is an airline and a company). Built once per
article in linear time; `resolve.py` resolves references to it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from pipeline.article.blocks import Block, BlockIndex
from pipeline.extract.discourse.lexicon import (
    FEMALE_NOUNS,
    FEMALE_TITLES,
    GENERAL_ORGANISATION_NOUNS,
    MALE_NOUNS,
    MALE_TITLES,
    MAX_REFERENCE_PARAGRAPHS,
    MAX_ROLE_WORDS,
    ORGANISATION_NOUNS,
)
from pipeline.extract.entities import Mention
from pipeline.nlp.lexicon import ORGANISATION_ALIASES, given_name_genders
from pipeline.nlp.names import name_key

#: Entity types a reference can resolve to.
REFERENT_TYPES = frozenset({"PERSON", "ORG"})
_DETERMINERS = frozenset("the a an this that his her their its our".split())


@dataclass(frozen=True, slots=True)
class Role:
    """A description the article gives a referent, where it gives it (character offset)."""

    char: int
    words: tuple[str, ...]  # lower case, without determiners (`prime`, `minister`)
    text: str  # as written (`prime minister`)

    @property
    def head(self) -> str:
        return self.words[-1]


@dataclass(slots=True)
class Referent:
    """One person or organisation of the article: its mentions under one name, and what is stated of it."""

    key: int
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    roles: list[Role] = field(default_factory=list)
    ages: set[int] = field(default_factory=set)
    #: Organisation descriptions that fit it (`airline`, `company`).
    kinds: set[str] = field(default_factory=set)

    def fits(self, noun: str) -> bool:
        """Whether an organisation description (`the company`) fits this referent."""
        return noun in self.kinds or (noun in GENERAL_ORGANISATION_NOUNS and not self.kinds)


class Discourse:
    """The referents of one article, their mentions in text order, and the facts stated about them."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], blocks: Sequence[Block]) -> None:
        self.doc = doc
        self.blocks = BlockIndex(blocks)
        self.referents: list[Referent] = []
        by_name: dict[tuple[str, str], Referent] = {}
        # A group word that is an organisation's alias (`the Tories`) is that organisation.
        ordered = sorted(
            (
                m if m.type in REFERENT_TYPES else replace(m, type="ORG")
                for m in mentions
                if m.type in REFERENT_TYPES or _canonical(m.name) != m.name
            ),
            key=lambda m: m.start_char,
        )
        for mention in ordered:
            key = (_alias_key(mention.name), mention.type)
            referent = by_name.get(key)
            if referent is None:
                referent = by_name[key] = Referent(
                    len(self.referents), _canonical(mention.name), mention.type
                )
                self.referents.append(referent)
            referent.mentions.append(mention)
        self._mentions = ordered
        self._starts = [m.start_char for m in ordered]
        self._of_mention = {m.start_char: by_name[(_alias_key(m.name), m.type)] for m in ordered}
        self._merge_surnames()
        for referent in self.referents:
            _state_name_facts(referent)
        for mention in ordered:
            self._state_context_facts(mention)

    def _merge_surnames(self) -> None:
        """A person named by surname alone (`Al-Sayed`) is the one person of the article with that surname
        and a fuller name (`Marwan Al-Sayed`), when there is exactly one."""
        fuller: dict[str, list[Referent]] = {}
        for referent in self.referents:
            words = referent.name.split()
            if referent.type == "PERSON" and len(words) >= 2:
                fuller.setdefault(name_key(words[-1]), []).append(referent)
        kept = []
        for referent in self.referents:
            words = referent.name.split()
            candidates = (
                fuller.get(name_key(words[0])) if referent.type == "PERSON" and len(words) == 1 else None
            )
            if candidates is not None and len(candidates) == 1:
                target = candidates[0]
                target.mentions = sorted(target.mentions + referent.mentions, key=lambda m: m.start_char)
                for mention in referent.mentions:
                    self._of_mention[mention.start_char] = target
            else:
                referent.key = len(kept)
                kept.append(referent)
        self.referents = kept

    # --- Look-ups ---------------------------------------------------------------------------------------

    def referent_of(self, mention: Mention) -> Referent | None:
        """The referent a mention names (None for a mention of a place or an event)."""
        return self._of_mention.get(mention.start_char)

    def name_of(self, mention: Mention) -> str:
        """The name a mention's referent goes by (`Conservative Party` for `the Tories`)."""
        referent = self._of_mention.get(mention.start_char)
        return referent.name if referent is not None else mention.name

    def covering(self, token: Token) -> Referent | None:
        """The referent whose mention covers a token."""
        i = bisect_right(self._starts, token.idx) - 1
        if i >= 0 and self._mentions[i].end_char > token.idx:
            return self._of_mention[self._mentions[i].start_char]
        return None

    def mention_covering(self, token: Token) -> Mention | None:
        i = bisect_right(self._starts, token.idx) - 1
        return self._mentions[i] if i >= 0 and self._mentions[i].end_char > token.idx else None

    def recent(self, char: int, types: frozenset[str] = REFERENT_TYPES) -> Iterator[tuple[Referent, Mention]]:
        """Referents of `types` mentioned before `char`, most recent mention first, each once, within
        MAX_REFERENCE_PARAGRAPHS paragraphs."""
        here = self.blocks.block_at(char)
        floor = here.block_no - MAX_REFERENCE_PARAGRAPHS if here is not None else -1
        seen: set[int] = set()
        for i in range(bisect_left(self._starts, char) - 1, -1, -1):
            mention = self._mentions[i]
            block = self.blocks.block_at(mention.start_char)
            if block is not None and block.block_no < floor:
                break
            referent = self._of_mention[mention.start_char]
            if referent.type in types and referent.key not in seen:
                seen.add(referent.key)
                yield referent, mention

    # --- Facts stated beside a mention ------------------------------------------------------------------

    def _state_context_facts(self, mention: Mention) -> None:
        """Roles, ages and sex the words around one mention state (appositions, titles, `, 56,`)."""
        doc = self.doc
        referent = self._of_mention[mention.start_char]
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is None:
            return
        if mention.role:
            _add_role(referent, mention.start_char, mention.role.split())
        before = _role_before(doc, span)
        if before is not None:
            _add_role(referent, mention.start_char, [t.text for t in before])
        for token in span:
            for child in token.children:
                if child.dep_ == "appos" and child.i >= span.end and _is_role_head(child, referent):
                    _add_role(referent, mention.start_char, _phrase_words(child, stop=span.end))
            if token.dep_ == "appos" and token.head.i < span.start and _is_role_head(token.head, referent):
                head = token.head
                _add_role(referent, head.idx, _phrase_words(head, stop=span.start))
        age = _age_beside(doc, span)
        if age is not None:
            referent.ages.add(age)
        if referent.gender is None and span.start > 0:
            title = doc[span.start - 1].lower_
            referent.gender = "male" if title in MALE_TITLES else "female" if title in FEMALE_TITLES else None


def _alias_key(name: str) -> str:
    return name_key(_canonical(name))


def _canonical(name: str) -> str:
    """An organisation's canonical name when the article uses an alias of it (`Tories`)."""
    key = name_key(name.removeprefix("the ").removeprefix("The "))
    for canonical, aliases in ORGANISATION_ALIASES.items():
        if key == name_key(canonical) or any(key == name_key(a.removeprefix("the ")) for a in aliases):
            return canonical
    return name


def _state_name_facts(referent: Referent) -> None:
    """What the name itself says: a person's sex from the given name, an organisation's kind from its words."""
    words = referent.name.split()
    if referent.type == "PERSON":
        referent.gender = given_name_genders().get(words[0].lower()) if len(words) >= 2 else None
        return
    lowered = {w.lower().strip(".,") for w in words}
    referent.kinds |= {noun for noun, marks in ORGANISATION_NOUNS.items() if lowered & marks}
    if referent.name in ORGANISATION_ALIASES:
        referent.kinds.add("party")


def _add_role(referent: Referent, char: int, words: Sequence[str]) -> None:
    lowered = [w.lower() for w in words if w.strip(",.")]
    while lowered and lowered[0] in _DETERMINERS:
        lowered = lowered[1:]
    if not lowered or len(lowered) > MAX_ROLE_WORDS:
        return
    role = Role(char, tuple(lowered), " ".join(w for w in words if w.lower() not in _DETERMINERS))
    referent.roles.append(role)
    if referent.type == "PERSON" and referent.gender is None:
        referent.gender = (
            "male" if role.head in MALE_NOUNS else "female" if role.head in FEMALE_NOUNS else None
        )
    elif referent.type == "ORG":
        referent.kinds.add(role.head)


def _is_role_head(token: Token, referent: Referent) -> bool:
    """A noun that can describe the referent: one person is not `these arcane reference points`."""
    return token.pos_ == "NOUN" and (referent.type != "PERSON" or token.tag_ != "NNS")


def _role_before(doc: Doc, span: Span) -> Span | None:
    """Common nouns just before a name that describe it (`architect Marwan Al-Sayed`, `Nortel president
    Bill Owens`)."""
    i = span.start - 1
    while (
        i >= 0
        and span.start - i <= MAX_ROLE_WORDS
        and (doc[i].pos_ == "NOUN" or (doc[i].pos_ in ("PROPN", "ADJ") and doc[i].head.i >= span.start))
    ):
        i -= 1
    start = i + 1
    while start < span.start and doc[start].pos_ != "NOUN" and doc[start].pos_ != "PROPN":
        start += 1
    if start >= span.start or doc[span.start - 1].pos_ != "NOUN":
        return None
    return doc[start : span.start]


def _phrase_words(head: Token, stop: int) -> list[str]:
    """The words of a noun phrase up to its head, then its `of` phrase (`chief executive of Nortel`)."""
    words = [t.text for t in head.subtree if t.i < stop or t.i <= head.i]
    return [w for w in words if w not in (",", "(", ")")][: MAX_ROLE_WORDS + 2]


def _age_beside(doc: Doc, span: Span) -> int | None:
    """`Smith, 56,` or `56-year-old Smith`."""
    after = span.end
    if (
        after + 2 < len(doc)
        and doc[after].text == ","
        and doc[after + 1].like_num
        and doc[after + 2].text in (",", ".")
    ):
        return _small_number(doc[after + 1].text)
    window = doc[max(0, span.start - 6) : span.start]
    for i, token in enumerate(window):
        if token.like_num and "year" in [t.lower_ for t in window[i + 1 : i + 4]]:
            return _small_number(token.text)
    return None


def _small_number(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) < 120 else None
