"""Pass 3: reported speech without quote marks. A reporting verb in a finite clause with a clausal
complement (`Macron has said the summit could happen in Europe`), a speech act's object (`criticised
efforts by Europe`), a phrasal cue (`ruled out sending troops`), or `according to` a source, reports the
words of its subject; verbs of thought count only with a clausal complement.

Each rule reads one candidate token: a verb, or `according`; `rules.py` orders them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.symbols import VERB
from spacy.tokens import Span, Token

from pipeline.extract.quotes.article import QuoteArticle
from pipeline.extract.quotes.grammar import cue_phrase, subject_of, subtree_span, trimmed
from pipeline.extract.quotes.lexicon import (
    ACCORDING_TO,
    COGNITION_VERBS,
    NON_SPEAKER_WORDS,
    OBJECT_CONTENT_VERBS,
    PHRASAL_CUES,
    PHRASAL_ONLY_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
)
from pipeline.extract.quotes.records import Attribution
from pipeline.extract.rules import Example, Rule, first_decision, leaves, reads
from pipeline.vocabulary import SKIPPED_KINDS


class Reported(NamedTuple):
    """What a candidate token reports: the content, the cue as written, and who says it."""

    content: Span
    cue_text: str
    subject: Token | None


class IndirectSite(NamedTuple):
    """A token that may report speech, with the article and the tokens already cueing a quote."""

    art: QuoteArticle
    token: Token
    quote_cues: set[int]


def according_to_report(site: IndirectSite) -> Reported | None:
    """`Ted Cruz has won the primary, according to three television networks`."""
    art, token = site.art, site.token
    if token.lower_ != ACCORDING_TO[0] or token.head.i in site.quote_cues:
        return None
    found = _according_to_content(token)
    if found is None or any(art.speech[i] for i in range(found[0].start, found[0].end)):
        return None
    content, source = found
    return Reported(content, "according to", source)


def reporting_clause(site: IndirectSite) -> Reported | None:
    """A finite reporting verb with its content and a subject that can speak."""
    art, token = site.art, site.token
    if token.pos_ != "VERB" or token.lower_ == ACCORDING_TO[0]:
        return None
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and lemma not in COGNITION_VERBS and lemma not in PHRASAL_ONLY_VERBS:
        return None
    if not _is_reporting_clause(token):
        return None
    content = _indirect_content(token)
    subject = subject_of(art, token)
    if (
        content is None
        or not _has_speaker(subject)
        or any(art.speech[i] for i in (content.start, content.end - 1))
    ):
        return None
    if lemma in COGNITION_VERBS and lemma not in SPEECH_VERBS:
        return None  # a thought, a belief or a wish reported (`I think …`, `they know …`), not speech
    return Reported(content, cue_phrase(token, with_preposition=True), subject)


def indirect_attributions(
    art: QuoteArticle, quote_cues: set[int], rules: Sequence[Rule[IndirectSite, Reported]]
) -> Iterator[Attribution]:
    """Reported speech at every verb and `according` outside quoted speech, by the first of `rules` that
    reads it, in text order."""
    doc = art.doc
    pos_and_lower = doc.to_array([POS, LOWER])
    may_cue = (pos_and_lower[:, 0] == VERB) | (pos_and_lower[:, 1] == doc.vocab.strings[ACCORDING_TO[0]])
    for i in np.flatnonzero(may_cue).tolist():  # no Token object for the other tokens
        if art.speech[i] or i in quote_cues:
            continue
        site = IndirectSite(art, doc[i], quote_cues)
        found = first_decision(rules, site)
        if found is None:
            continue
        rule, reported = found
        block = art.block_at(site.token.idx)
        if block is None or block.kind in SKIPPED_KINDS:
            continue
        yield Attribution(
            start_char=reported.content.start_char,
            end_char=reported.content.end_char,
            text=reported.content.text,
            kind="indirect",
            cue=site.token,
            cue_text=reported.cue_text,
            subject=reported.subject,
            block_kind=block.kind,
            rule=rule.name,
        )


def _indirect_content(cue: Token) -> Span | None:
    """The reported content of a cue: its clausal complement, else the object a speech act takes."""
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    if any(c.dep_ == "auxpass" for c in children):
        return None
    reports = lemma in SPEECH_VERBS or lemma in COGNITION_VERBS
    for child in children:
        if child.dep_ == "ccomp" and reports and lemma not in QUOTE_ONLY_VERBS:
            return subtree_span(child)
    for child in children:
        pair = (lemma, child.lower_)
        if pair not in PHRASAL_CUES:
            continue
        if child.dep_ == "prep":
            # `pointed to the strikes as evidence …`: the object and what the verb says about it.
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            return trimmed(cue.doc, target.left_edge.i, cue.right_edge.i + 1) if target is not None else None
        target = next((c for c in child.rights if c.i > child.i), None) or next(
            (c for c in children if c.i > child.i and c.dep_ in ("dobj", "advcl", "xcomp", "ccomp", "pcomp")),
            None,
        )
        return subtree_span(target) if target is not None else None
    if lemma in OBJECT_CONTENT_VERBS:
        for child in children:
            if child.dep_ in ("dobj", "xcomp"):
                return subtree_span(child)
    if lemma in SPEECH_VERBS and lemma not in QUOTE_ONLY_VERBS:
        for child in children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                obj = next((c for c in children if c.dep_ == "dobj" and c.i < child.i), None)
                start = obj.left_edge.i if obj is not None else child.left_edge.i
                return trimmed(cue.doc, start, child.right_edge.i + 1)
    # `…, Dragone said`: the report is the clause the cue hangs from.
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i and lemma in SPEECH_VERBS:
        return trimmed(cue.doc, cue.head.left_edge.i, cue.left_edge.i)
    return None


def _is_reporting_clause(verb: Token) -> bool:
    """Finite uses only: `plans to ask`, `figuring out how` and modifiers report nobody's words."""
    if verb.dep_ in ("amod", "acl", "xcomp", "pcomp", "csubj", "compound"):
        return False
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ == "to":
            return False
        if child.dep_ == "prt" and (lemma, child.lower_) not in PHRASAL_CUES:
            return False
    return True


def _according_to_content(according: Token) -> tuple[Span, Token] | None:
    doc = according.doc
    if according.i + 1 >= len(doc) or doc[according.i + 1].lower_ != ACCORDING_TO[1]:
        return None
    source = next((c for c in doc[according.i + 1].children if c.dep_ == "pobj"), None)
    clause = according.head
    if source is None or clause.i == according.i:
        return None
    if according.i > clause.i:
        content = trimmed(doc, clause.left_edge.i, according.left_edge.i)
    else:
        content = trimmed(doc, according.right_edge.i + 1, clause.right_edge.i + 1)
    return (content, source) if content is not None else None


def _has_speaker(subject: Token | None) -> bool:
    return subject is not None and subject.lower_ not in NON_SPEAKER_WORDS and subject.pos_ != "NUM"


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "according_to_report": (
        reads(
            "Ted Cruz has won the Wisconsin Republican primary, according to three television networks.",
            "Ted Cruz has won the Wisconsin Republican primary",
            kind="indirect",
            cue="according to",
            speaker="three television networks",
        ),
    ),
    "reporting_clause": (
        reads(
            "Russian Foreign Minister Sergey Lavrov criticised efforts by Europe and the US to plan for Ukrainian security guarantees.",
            "efforts by Europe and the US to plan for Ukrainian security guarantees",
            kind="indirect",
            cue="criticised",
            speaker="Sergey Lavrov",
        ),
        reads(
            "French President Emmanuel Macron has said the summit could happen in Europe.",
            "the summit could happen in Europe",
            cue="has said",
            speaker="Emmanuel Macron",
            speaker_role="French President",
        ),
        reads(
            "Whilst Zelenskyy has confirmed he is ready to meet with Putin unconditionally, the Kremlin has not.",
            "he is ready to meet with Putin unconditionally",
            cue="has confirmed",
            speaker="Zelenskyy",
        ),
        reads(
            "Trump on Tuesday ruled out sending US troops to help defend Ukraine.",
            "sending US troops to help defend Ukraine",
            cue="ruled out",
            speaker="Trump",
        ),
        reads(
            "US General Alexus Grynkewich would take part in the talks, Dragone said on social platform X.",
            "US General Alexus Grynkewich would take part in the talks",
            cue="said",
            speaker="Dragone",
        ),
        leaves(
            "Military chiefs are figuring out how that security force might work.",
            "how that security force might work",
        ),
        leaves(
            "Switzerland intends to ask the court to exempt it from sanctions.",
            "the court to exempt it from sanctions",
        ),
        leaves(
            "I think Qualcomm will be able to solve its issues there, as it has done in the past.",
            "Qualcomm will be able to solve its issues there, as it has done in the past",
        ),
        leaves(
            "Most parents don’t want their sons playing football.",
            "their sons playing football",
        ),
    ),
}
