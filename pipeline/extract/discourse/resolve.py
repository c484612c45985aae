"""References to the article's referents: a description (`the prime minister`, `the airline`, `the
56-year-old`, `a spokesman for X`, `the statement`) or a pronoun resolved to the person or organisation it
refers to, with the evidence kept (the rule that found it). A description the article never ties to a
referent stays unresolved.

Each rule reads one reference and returns a `Link` or declines; the speaker rules
(`pipeline/extract/quotes/rules.py`) order them with the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.extract.discourse.lexicon import (
    ANONYMOUS_PERSON_NOUNS,
    FEMALE_NOUNS,
    ISSUED_NOUNS,
    ISSUER_SENTENCES,
    ISSUING_VERBS,
    MALE_NOUNS,
    ORGANISATION_NOUNS,
    ORGANISATION_VOICES,
    PRONOUN_GENDERS,
)
from pipeline.extract.discourse.model import Discourse, Referent
from pipeline.extract.entities import Mention

_DEFINITE = frozenset({"the", "this", "that"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


@dataclass(frozen=True, slots=True)
class Link:
    """A reference resolved: the referent, the mention of it the link goes through, the evidence (the rule's
    name) and the role the reference gives (`spokesman`, `prime minister`)."""

    referent: Referent
    mention: Mention
    evidence: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A noun phrase or pronoun to resolve: its head and its words as written."""

    discourse: Discourse
    head: Token
    span: Span

    @property
    def words(self) -> list[str]:
        """The phrase's words in lower case, without determiners, possessive endings or punctuation."""
        return [
            t.lower_ for t in self.span if not t.is_punct and t.lower_ not in _DETERMINERS and t.tag_ != "POS"
        ]

    @property
    def role(self) -> str:
        return " ".join(t.text for t in self.span if t.lower_ not in _DETERMINERS and not t.is_punct)

    @property
    def is_definite(self) -> bool:
        """`the prime minister`, `the company's spokesman`, not `a friend`."""
        first = self.span[0]
        return first.lower_ in _DEFINITE or first.dep_ == "poss" or self.head.tag_ == "NNP"


def compatible(referent: Referent, pronoun: str) -> bool:
    """Whether a pronoun can stand for a referent: `she` not for a man, `he` not for a woman."""
    gender = PRONOUN_GENDERS.get(pronoun)
    return gender is None or referent.gender is None or referent.gender == gender


def _link(discourse: Discourse, referent: Referent, char: int, evidence: str, role: str | None) -> Link:
    """A link through the referent's last mention before `char` (else its first)."""
    before = [m for m in referent.mentions if m.start_char < char]
    return Link(referent, before[-1] if before else referent.mentions[0], evidence, role)


def _is_description(ref: Reference) -> bool:
    return ref.head.pos_ == "NOUN" and ref.discourse.covering(ref.head) is None


def stated_role(ref: Reference) -> Link | None:
    """`the prime minister` after `Prime Minister Tony Blair` (or `Tony Blair, the prime minister,`): the
    referent the article gave that role before, the most recent when several were."""
    if not _is_description(ref) or not ref.is_definite:  # `a friend` introduces someone new
        return None
    words = ref.words
    head = ref.head.lower_
    best: tuple[int, Referent] | None = None
    for referent in ref.discourse.referents:
        known = _role_words(referent)
        for role in referent.roles:
            fits = role.char < ref.head.idx and role.head == head and set(words) <= known
            if fits and (best is None or role.char > best[0]):
                best = (role.char, referent)
    if best is None:
        return None
    return _link(ref.discourse, best[1], ref.head.idx, "stated_role", ref.role)


def stated_age(ref: Reference) -> Link | None:
    """`the 56-year-old` for the person the article gave that age (`Smith, 56,`)."""
    if not _is_description(ref) and ref.head.lower_ not in ("old", "year"):
        return None
    ages = {int(t.text) for t in ref.span if t.text.isdigit()}
    if len(ages) != 1 or "year" not in [t.lower_ for t in ref.span]:
        return None
    found = [r for r in ref.discourse.referents if ages & r.ages and r.type == "PERSON"]
    return _link(ref.discourse, found[0], ref.head.idx, "stated_age", None) if len(found) == 1 else None


def organisation_voice(ref: Reference) -> Link | None:
    """`a spokesman for X`, `X's spokeswoman`, `an X official`: the organisation X speaks, in that role."""
    head = ref.head
    if head.lemma_.lower() not in ORGANISATION_VOICES and head.lower_ not in ORGANISATION_VOICES:
        return None
    discourse = ref.discourse
    for child in head.children:
        target = None
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ in ("poss", "compound", "nmod"):
            target = child
        referent = discourse.covering(target) if target is not None else None
        if referent is not None and referent.type == "ORG":
            return _link(discourse, referent, head.idx, "organisation_voice", head.text)
    return None


def issuer(ref: Reference) -> Link | None:
    """`the statement said`: whoever the article says issued it (`X released a statement`, `X's report`)."""
    head = ref.head
    noun = head.lemma_.lower()
    if noun not in ISSUED_NOUNS or head.pos_ != "NOUN":
        return None
    discourse = ref.discourse
    referent = _issuer_of(discourse, head)  # `the company's statement`, `a report by X`
    if referent is not None:
        return _link(discourse, referent, head.idx, "issuer", None)
    if not ref.is_definite:
        return None
    doc = head.doc
    sentence = head.sent
    for _ in range(ISSUER_SENTENCES):  # this sentence and the ones before: `X released a report …`
        for token in reversed(sentence):
            if token.i < head.i and token.lemma_.lower() == noun:
                referent = _issuer_of(discourse, token)
                if referent is not None:
                    return _link(discourse, referent, head.idx, "issuer", None)
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    return None


def _issuer_of(discourse: Discourse, noun: Token) -> Referent | None:
    """Who issued this mention of a statement or report: `X's report`, `a World Bank report`, `a report by
    X`, or X as the subject of the issuing verb (`X released a statement`)."""
    for child in noun.children:
        target = child if child.dep_ in ("poss", "compound", "nmod") else None
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        referent = discourse.covering(target) if target is not None else None
        if referent is not None:
            return referent
    if noun.head.lemma_.lower() in ISSUING_VERBS:
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return discourse.covering(subject) if subject is not None else None
    return None


def organisation_description(ref: Reference) -> Link | None:
    """`the airline`, `the company`, `the committee`: the organisation named last before it that fits the
    description (its name or an apposition shows it: `US Airways` is an airline)."""
    noun = ref.head.lemma_.lower()
    if noun not in ORGANISATION_NOUNS or not _is_description(ref) or not ref.is_definite:
        return None
    if ref.head.tag_ == "NNS" or ref.span[0].pos_ == "PRON":  # `the groups say`, `his organization`
        return None
    if len(ref.words) > 2:  # `the production company` fits `Acme Productions`, not `the company's lawyer`
        return None
    for referent, _ in ref.discourse.recent(ref.head.idx, frozenset({"ORG"})):
        if referent.fits(noun):
            return _link(ref.discourse, referent, ref.head.idx, "organisation_description", None)
    return None


def gendered_description(ref: Reference) -> Link | None:
    """`the actress`, `his widow`: the person named last before it whose sex the article shows is the
    description's."""
    word = ref.head.lower_
    gender = "male" if word in MALE_NOUNS else "female" if word in FEMALE_NOUNS else None
    if gender is None or not _is_description(ref) or not ref.is_definite:
        return None
    if word in ANONYMOUS_PERSON_NOUNS or word in ORGANISATION_VOICES:  # `the woman said`: someone new
        return None
    if ref.span[0].lower_ not in _DEFINITE:  # `Colorado's delegation chairman` is someone else
        return None
    for referent, _ in ref.discourse.recent(ref.head.idx, frozenset({"PERSON"})):
        if referent.gender == gender:
            return _link(ref.discourse, referent, ref.head.idx, "gendered_description", ref.role)
    return None


def _role_words(referent: Referent) -> set[str]:
    """Every word of the roles the article gave a referent (`Nortel`, `president`: `the Nortel president`)."""
    return {w for role in referent.roles for w in role.words}
