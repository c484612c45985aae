"""Speakers: the speaker of each attribution as written, and the named mention it refers to, resolved in
text order so that `he added` can reach the speaker of the attribution before it.

A pronoun goes to the person subject of a clause above it, else the subject of the sentence before, else
the previous speaker close enough before it, else the nearest person named before it; `they` to the
previous speaker that is not a person; a name to its fullest form in the article (`Lavrov` -> `Sergey
Lavrov`), with the role the text gives beside it. A description no rule ties to a name stays as written
(`a Kremlin spokesman`). Each rule returns the mention and role, or declines; `rules.py` orders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Span, Token

from pipeline.extract.discourse import compatible
from pipeline.extract.entities import Mention
from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.grammar import governing_subject, trimmed
from pipeline.extract.quotes.lexicon import MAX_PRONOUN_DISTANCE_CHARS, ROLE_DETERMINERS
from pipeline.extract.quotes.records import Attribution, Speaker
from pipeline.extract.rules import Example, Rule, first_decision, reads
from pipeline.vocabulary import GROUP_PRONOUNS, PERSON_PRONOUNS

#: What a speaker rule finds: the named mention the speaker refers to, and the role the text gives.
Resolved = tuple[Mention, str | None]
PERSON_ONLY = frozenset({"PERSON"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


class SpeakerSite(NamedTuple):
    """The subject of one attribution, as written (`surface`), with the speaker resolved last in the article
    and where (`last_char`)."""

    art: QuoteArticle
    subject: Token
    surface: Span
    last: Mention | None
    last_char: int


def governing_person(site: SpeakerSite) -> Resolved | None:
    """`Trump insisted that he has “…”`: a person subject of a clause above the pronoun, before it."""
    if site.subject.lower_ not in PERSON_PRONOUNS:
        return None
    mention = _person_governing(site.art, site.subject)
    return (mention, None) if mention is not None and _fits_pronoun(site, mention) else None


def previous_sentence_subject(site: SpeakerSite) -> Resolved | None:
    """`Sergey Lavrov met al-Safadi … “…,” he said`: the person subject of the sentence before."""
    if site.subject.lower_ not in PERSON_PRONOUNS:
        return None
    mention = _subject_of_sentence_before(site.art, site.subject)
    return (mention, None) if mention is not None and _fits_pronoun(site, mention) else None


def recent_speaker(site: SpeakerSite) -> Resolved | None:
    """The person who spoke last, within MAX_PRONOUN_DISTANCE_CHARS before the pronoun."""
    last = site.last
    if site.subject.lower_ not in PERSON_PRONOUNS or last is None or last.type != "PERSON":
        return None
    if site.subject.idx - site.last_char >= MAX_PRONOUN_DISTANCE_CHARS or not _fits_pronoun(site, last):
        return None
    if _other_subject_between(site, last):
        return None
    return last, None


def nearest_person_before(site: SpeakerSite) -> Resolved | None:
    """The person named last before the pronoun whose sex, where the article shows it, fits the pronoun."""
    if site.subject.lower_ not in PERSON_PRONOUNS:
        return None
    discourse = site.art.discourse
    for referent, mention in discourse.recent(site.subject.idx, PERSON_ONLY):
        if compatible(referent, site.subject.lower_):
            return mention, None
    return None


def previous_group_speaker(site: SpeakerSite) -> Resolved | None:
    """`they`: the speaker before, when it is not a person (an organisation, a place)."""
    last = site.last
    if site.subject.lower_ not in GROUP_PRONOUNS or last is None or last.type == "PERSON":
        return None
    return last, None


def named_mention(site: SpeakerSite) -> Resolved | None:
    """A name: the mention covering it (or a known person's surname), its fullest form and its role."""
    subject = site.subject
    if subject.pos_ == "PRON" or subject.lower_ in PERSON_PRONOUNS or subject.lower_ in GROUP_PRONOUNS:
        return None
    mention, role = _named_speaker(site.art, subject, site.surface)
    return (mention, role) if mention is not None else None


def _other_subject_between(site: SpeakerSite, last: Mention) -> bool:
    """Whether another person the pronoun may stand for is the subject of a clause (outside quotes) between
    the last speaker and the pronoun: `“…,” said O’Donnell. … Yearout said there’s no backlog. “…,” he
    said` is Yearout's."""
    art = site.art
    discourse = art.discourse
    speaker = discourse.referent_of(last)
    for i in range(art.token_at(site.last_char) + 1, site.subject.i):
        token = art.doc[i]
        if token.dep_ != "nsubj" or art.quoted[i] or token.pos_ != "PROPN":
            continue
        referent = discourse.covering(token)
        if (
            referent is not None
            and referent is not speaker
            and referent.type == "PERSON"
            and compatible(referent, site.subject.lower_)
        ):
            return True
    return False


def _fits_pronoun(site: SpeakerSite, mention: Mention) -> bool:
    referent = site.art.discourse.referent_of(mention)
    return referent is None or compatible(referent, site.subject.lower_)


def resolve_speakers(
    art: QuoteArticle, attributions: list[Attribution], rules: Sequence[Rule[SpeakerSite, Resolved]]
) -> None:
    """Resolve speakers in text order (by cue) with the first of `rules` that resolves each; continued
    quotes take their speaker from the quote they continue."""
    last: Mention | None = None
    last_char = -1
    for attribution in sorted(attributions, key=lambda a: a.cue.idx if a.cue is not None else a.start_char):
        if attribution.inherit_from is not None:
            continue
        subject = attribution.subject
        if subject is None:
            continue
        subject = _antecedent(subject)
        surface = _speaker_tokens(art, subject)
        site = SpeakerSite(art, subject, surface, last, last_char)
        found = first_decision(rules, site)
        if found is not None:
            rule, (mention, role) = found
            name = art.discourse.name_of(mention)
            attribution.resolved = Speaker(surface.text, name, mention, role, rule.name)
            last, last_char = mention, subject.idx
            _record_reference(art, surface, mention, name)
        elif subject.pos_ == "PRON":
            attribution.resolved = Speaker(surface.text)
        else:
            attribution.resolved = Speaker(surface.text, surface.text, rule="as_written")
    for attribution in attributions:
        if attribution.inherit_from is not None:
            attribution.resolved = attribution.inherit_from.resolved
            attribution.cue_text = attribution.inherit_from.cue_text


def _record_reference(art: QuoteArticle, surface: Span, mention: Mention, name: str) -> None:
    """A pronoun or a description resolved to a referent is a mention of it (once per span; a span that
    holds a name is that name's mention already)."""
    start, end = surface.start_char, surface.end_char
    if any(m.start_char < end and start < m.end_char for m in art.mentions) or start in art.references:
        return
    link = "pronoun" if len(surface) == 1 and surface[0].pos_ == "PRON" else "description"
    block = art.block_at(start)
    art.references[start] = Mention(
        start, end, surface.text, name, mention.type, None, block.kind if block else "body", link
    )


def _antecedent(subject: Token) -> Token:
    """A relative pronoun speaks for the noun its clause hangs from (`a resident, who said …` -> resident)."""
    if (
        subject.lower_ in RELATIVE_PRONOUNS
        and subject.head.dep_ == "relcl"
        and subject.head.head.i != subject.head.i
    ):
        return subject.head.head
    return subject


def _speaker_tokens(art: QuoteArticle, subject: Token) -> Span:
    """The speaker as written: the noun phrase up to its head, without trailing appositions or clauses."""
    doc = subject.doc
    block = art.block_at(subject.idx)
    floor = art.token_at(block.start_char) if block is not None else 0
    if subject.pos_ == "PRON":
        return doc[subject.i : subject.i + 1]
    end = subject.i + 1
    while end < len(doc) and doc[end].head.i == subject.i and doc[end].dep_ in ("compound", "flat", "nummod"):
        end += 1
    start = max(subject.left_edge.i, floor)
    while start < subject.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    return doc[start:end]


def _role_from(span: Span | None) -> str | None:
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    while words and words[0].lower_ in ROLE_DETERMINERS:
        words = words[1:]
    return span.doc[words[0].i : words[-1].i + 1].text if words else None


def _named_speaker(art: QuoteArticle, subject: Token, surface: Span) -> tuple[Mention | None, str | None]:
    """The named mention a subject noun phrase refers to, and any role the text gives next to it."""
    mention = art.mention_covering(subject)
    if mention is not None and mention.type == "NORP":
        mention = None
    if mention is None and (subject.pos_ == "PROPN" or subject.is_title):
        # A name the entity pass missed: only a known person's surname, never a role from elsewhere.
        known = art.by_surname.get(subject.lower_)
        if known is not None:
            return known, None
    role = None
    if mention is None:
        for child in subject.children:
            if child.dep_ == "appos":
                inner = art.mention_covering(child)
                if inner is not None and inner.type != "NORP":
                    return art.as_person(inner) or inner, _role_from(surface)
        return None, None
    appos = next((c for c in subject.children if c.dep_ == "appos"), None)
    if appos is not None:
        role = _role_from(trimmed(subject.doc, appos.left_edge.i, appos.right_edge.i + 1))
    before = trimmed(subject.doc, surface.start, art.token_at(mention.start_char)) if mention else None
    if before is not None and before.start >= surface.start and before.end <= surface.end:
        role = _role_from(before) or role
    return art.as_person(mention) or mention, mention.role or role


def _person_governing(art: QuoteArticle, pronoun: Token) -> Mention | None:
    """`Trump insisted that he has “…”`: a person subject of a clause above the pronoun, before it."""
    subject = governing_subject(pronoun.head) if pronoun.head.i != pronoun.i else None
    if subject is None or subject.i >= pronoun.i or subject.lower_ in PERSON_PRONOUNS:
        return None
    return art.as_person(art.mention_covering(subject))


def _subject_of_sentence_before(art: QuoteArticle, token: Token) -> Mention | None:
    sent = token.sent
    if sent.start == 0:
        return None
    previous = art.doc[sent.start - 1].sent
    for child in previous.root.children:
        if child.dep_ == "nsubj":
            return art.as_person(art.mention_covering(child))
    return None


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "governing_person": (
        reads(
            "Minnesota Gov. Mark Dayton is backing Hillary Clinton, but he’s not predicting she’ll win Minnesota’s caucuses.",
            "she’ll win Minnesota’s caucuses",
            speaker="Mark Dayton",
            speaker_surface="he",
        ),
    ),
    "previous_sentence_subject": (
        reads(
            "Sergey Lavrov met Jordanian Foreign Minister Ayman al-Safadi in Moscow on Wednesday.\n\n“This will not work,” he said after the meeting.",
            "This will not work,",
            speaker="Sergey Lavrov",
            speaker_surface="he",
        ),
        reads(
            "Russian Foreign Minister Sergey Lavrov spoke on Wednesday.\n\nRussia will “ensure (its) legitimate interests firmly and harshly,” he added at a news conference.",
            "ensure (its) legitimate interests firmly and harshly,",
            kind="partial",
            cue="added",
            speaker="Sergey Lavrov",
        ),
    ),
    "recent_speaker": (
        reads(
            "Hillary Clinton says Americans are “right to be angry,” but also hungry for what she calls “real solutions.”",
            "real solutions.",
            speaker="Hillary Clinton",
            speaker_surface="she",
        ),
    ),
    "nearest_person_before": (
        reads(
            "The report praised Angela Merkel.\n\nShe said the plan would work.",
            "the plan would work",
            speaker="Angela Merkel",
        ),
    ),
    "previous_group_speaker": (
        reads(
            "NATO defence chiefs met on Wednesday.\n\nNATO said the talks would continue. “We are ready for a long negotiation,” they said.",
            "We are ready for a long negotiation,",
            speaker="NATO",
            speaker_surface="they",
        ),
    ),
    "named_mention": (
        reads(
            "Russian Foreign Minister Sergey Lavrov said on Wednesday that Moscow would not take part.\n\n“This will not work,” Lavrov said.",
            "This will not work,",
            speaker="Sergey Lavrov",
            speaker_surface="Lavrov",
        ),
        reads(
            "Russian Foreign Minister Sergey Lavrov said on Wednesday that Moscow would not take part.",
            "that Moscow would not take part",
            speaker="Sergey Lavrov",
            speaker_surface="Russian Foreign Minister Sergey Lavrov",
            speaker_role="Russian Foreign Minister",
        ),
        reads(
            "''Universal dismissal of Trump and Sanders. Consensus that a Bush-Clinton face-off was pretty much inevitable. Underestimation of Cruz,'' Robert Shrum, a veteran Democratic strategist, said.",
            "Universal dismissal of Trump and Sanders. Consensus that a Bush-Clinton face-off was pretty much inevitable. Underestimation of Cruz,",
            speaker="Robert Shrum",
        ),
        reads(
            "''She needs one or two big ideas that are proportionate to the scale of the problems we are facing,'' said Robert Reich, who served as labor secretary during Mr. Clinton's first term.",
            "She needs one or two big ideas that are proportionate to the scale of the problems we are facing,",
            speaker="Robert Reich",
        ),
    ),
}
