"""Cue rules: the reporting word that attributes a quoted string. A reporting verb that governs the quote
or that it governs (`… ,” said Lavrov`), one next to it, any verb with a subject framing it, a speech word
in the sentence (`her remark that “…”`); and, for a quote paragraph, the speech verb ending the sentence
before it. Sources named without a cue are in `sources.py`.

Each rule returns a `Choice` (a cue, or a source named without one) or declines; `rules.py` orders them.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.extract.quotes.article import QuoteArticle, is_speech_verb
from pipeline.extract.quotes.grammar import grammatical_subject
from pipeline.extract.quotes.lexicon import (
    CLOSING_QUOTES,
    MAX_CLAUSE_VERB_LOOKBACK,
    MAX_CUE_HOPS,
    MAX_TRAILING_ATTRIBUTION_TOKENS,
    NAMING_OBJECT_WORDS,
    NAMING_PHRASES,
    NAMING_VERBS,
    NAMING_WORDS,
    OPENING_QUOTES,
    QUOTE_ONLY_VERBS,
    SPEECH_NOUNS,
)
from pipeline.extract.quotes.records import QuotedString
from pipeline.extract.quotes.site import Choice, QuoteSite, cue_choice
from pipeline.extract.rules import Example, reads


def governing(site: QuoteSite) -> Token | None:
    """The reporting verb that governs the quote in the parse, or, for a quote the reporter's words name
    (`what Mr. Hedge called “…”`), the naming verb when it has a subject (found once per quote)."""
    if "governing" not in site.memo:
        art, quoted = site.art, site.quoted
        verb = (
            naming_speaker_verb(art, quoted)
            if is_naming(site.preceding)
            else _cue_from_parse(art, site.ranges, site.own)
        )
        site.memo["governing"] = verb
    return site.memo["governing"]  # type: ignore[return-value]


def governing_verb(site: QuoteSite) -> Choice | None:
    """The reporting verb that governs the quote, or that the quote governs (`… ,” said Lavrov`)."""
    return cue_choice(governing(site))


def nearby_verb(site: QuoteSite) -> Choice | None:
    """A reporting verb next to the quote in its sentence, for parses that missed the link."""
    return cue_choice(_cue_nearby(site.art, site.quoted, site.ranges))


def adjacent_clause_verb(site: QuoteSite) -> Choice | None:
    """Any verb with a subject framing the quote: `“…,” an angry Hollande retaliated.`"""
    return cue_choice(_adjacent_clause_verb(site.art, site.quoted, site.ranges))


def speech_word(site: QuoteSite) -> Choice | None:
    """For a partial quote, a reporting verb or speech noun anywhere in its sentence."""
    if site.kind != "partial":
        return None
    return cue_choice(_speech_word_in_sentence(site.art, site.ranges, site.own))


def introducing_cue(site: QuoteSite) -> Choice | None:
    """For a direct quote, a speech verb ending the sentence before it (`Hannity interjected. “…”`)."""
    if site.kind != "direct":
        return None
    return cue_choice(_introducing_cue(site.art, site.quoted))


def _cue_from_parse(art: QuoteArticle, ranges: list[range], own: set[int]) -> Token | None:
    """The reporting verb that governs the quote, or that the quote governs (`… ,” said Lavrov`)."""
    doc = art.doc
    for span in ranges:
        for i in span:
            token = doc[i]
            if token.head.i in own:
                continue
            for child in token.children:
                if (
                    child.i not in own
                    and not art.quoted[child.i]
                    and child.dep_ in ("parataxis", "ccomp", "conj", "advcl")
                    and is_speech_verb(child)
                ):
                    return child
            head, steps = token.head, 0
            while steps < MAX_CUE_HOPS and not art.quoted[head.i]:
                if is_speech_verb(head):
                    return head
                if head.head.i == head.i:
                    break
                head, steps = head.head, steps + 1
    return None


def _cue_nearby(art: QuoteArticle, quoted: QuotedString, ranges: list[range]) -> Token | None:
    """A reporting verb next to the quote in the same sentence, for parses that missed the link."""
    doc = art.doc
    block = quoted.block
    last = ranges[-1]
    i, seen = (last.stop if last else art.token_at(quoted.close_char)) + 1, 0
    while i < len(doc) and doc[i].idx < block.end_char and seen < MAX_TRAILING_ATTRIBUTION_TOKENS:
        token = doc[i]
        if art.quoted[i] or token.text in (".", "!", "?", ";"):
            break
        if is_speech_verb(token):
            return token
        i, seen = i + 1, seen + 1
    first = ranges[0]
    i = (first.start if first else art.token_at(quoted.open_char)) - 2
    while i >= 0 and doc[i].idx >= block.start_char:
        token = doc[i]
        if art.quoted[i] or token.text in (".", "!", "?", ";"):
            break
        if is_speech_verb(token):
            return token
        i -= 1
    return None


def _adjacent_clause_verb(art: QuoteArticle, quoted: QuotedString, ranges: list[range]) -> Token | None:
    """Any verb with a subject framing the quote, when no reporting verb does: `“…,” an angry Hollande
    retaliated.` or `Hillary Clinton cracked, “…”`. The punctuation pattern attributes, whatever the verb."""
    doc = art.doc
    if not ranges or not ranges[0] or not ranges[-1]:
        return None
    after = ranges[-1].stop
    while after < len(doc) and (doc[after].text in CLOSING_QUOTES or doc[after].text in ('"', "''")):
        after += 1
    if after < len(doc) and doc[after].text == ",":
        for token in doc[after + 1 : min(len(doc), after + 1 + MAX_TRAILING_ATTRIBUTION_TOKENS)]:
            if token.is_punct or art.quoted[token.i]:
                break
            if token.pos_ == "VERB" and grammatical_subject(token) is not None:
                return token
    before = ranges[0].start - 1
    while before >= 0 and (
        doc[before].is_space or doc[before].text in OPENING_QUOTES or doc[before].text in ('"', "''")
    ):
        before -= 1
    if before > 0 and doc[before].text in (",", ":") and doc[before].idx >= quoted.block.start_char:
        for token in reversed(doc[max(0, before - MAX_CLAUSE_VERB_LOOKBACK) : before]):
            if (
                token.pos_ == "VERB"
                and token.dep_ not in ("amod", "acl")
                and grammatical_subject(token) is not None
            ):
                return token
    return None


def _speech_word_in_sentence(art: QuoteArticle, ranges: list[range], own: set[int]) -> Token | None:
    """A reporting verb or speech noun anywhere in the quote's sentence (`her remark that “…”`)."""
    if not ranges or not ranges[0]:
        return None
    doc = art.doc
    for token in doc[ranges[0].start].sent:
        if token.i in own or art.quoted[token.i]:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
            return token
        if is_speech_verb(token) or (token.pos_ == "VERB" and lemma in (QUOTE_ONLY_VERBS | NAMING_VERBS)):
            return token
    return None


def is_naming(preceding: str) -> bool:
    """The reporter's words before a quote name it (`so-called`, `dubbed`, `known as`)."""
    words = preceding.lower().split()
    while words and words[-1] in ("the", "a", "an"):  # `a group called the “…”`
        words.pop()
    lowered = " ".join(words)
    last_word = words[-1] if words else ""
    return last_word in NAMING_WORDS or lowered.endswith(NAMING_PHRASES)


def naming_speaker_verb(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """The naming verb just before a quote when it has an active subject: then it reports speech."""
    i = art.token_at(quoted.open_char) - 1
    doc = art.doc
    while i >= 0 and (doc[i].is_space or doc[i].lower_ in NAMING_OBJECT_WORDS):
        i -= 1
    if i < 0:
        return None
    verb = doc[i]
    if verb.lemma_.lower() not in NAMING_VERBS or verb.pos_ != "VERB" or verb.dep_ in ("acl", "amod"):
        return None
    has_subject = any(c.dep_ == "nsubj" for c in verb.children) or verb.dep_ == "relcl"
    return verb if has_subject else None


def _introducing_cue(art: QuoteArticle, quoted: QuotedString) -> Token | None:
    """`Hannity interjected. “So you’re saying …”`: a speech verb ending the sentence before the quote."""
    i = art.token_at(quoted.open_char) - 1
    doc = art.doc
    while i >= 0 and (doc[i].is_space or (doc[i].is_punct and doc[i].text not in CLOSING_QUOTES)):
        i -= 1
    if i < 0 or art.quoted[i]:
        return None
    for token in doc[i].sent:
        if token.i > i:
            break
        speech = is_speech_verb(token) or token.lemma_.lower() in QUOTE_ONLY_VERBS
        if (
            token.dep_ == "ROOT"
            and token.pos_ == "VERB"
            and speech
            and grammatical_subject(token) is not None
        ):
            return token
    return None


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "governing_verb": (
        reads(
            "“We need strong security guarantees to ensure a truly secure and lasting peace,” Zelenskyy said in a Telegram post on Wednesday.",
            "We need strong security guarantees to ensure a truly secure and lasting peace,",
            kind="direct",
            cue="said",
            speaker="Zelenskyy",
            speaker_surface="Zelenskyy",
        ),
        reads(
            '"This will not work," said Lavrov, according to state news agency RIA Novosti.',
            "This will not work,",
            kind="direct",
            cue="said",
            speaker="Lavrov",
        ),
        reads(
            "Zelenskiy said the strikes “only confirm the need for pressure on Moscow”.",
            "only confirm the need for pressure on Moscow",
            kind="partial",
            cue="said",
            speaker="Zelenskiy",
        ),
        reads(
            "The DNC said the staffers’ actions were “completely unacceptable” on Saturday.",
            "completely unacceptable",
            kind="partial",
            speaker="DNC",
        ),
        reads(
            "Macron wrote on X: “The door to negotiations remains open.”",
            "The door to negotiations remains open.",
            cue="wrote",
        ),
        reads(
            "“The door to negotiations remains open,” Macron told reporters in Paris.",
            "The door to negotiations remains open,",
            cue="told",
        ),
        reads(
            "“We will rebuild every house that was destroyed,” Zelenskiy added.",
            "We will rebuild every house that was destroyed,",
            cue="added",
        ),
        reads(
            "“That is an absurd idea and everyone knows it,” Trump scoffed.",
            "That is an absurd idea and everyone knows it,",
            cue="scoffed",
        ),
        reads(
            "“Nobody should underestimate our resolve,” Starmer insisted on Tuesday.",
            "Nobody should underestimate our resolve,",
            cue="insisted",
        ),
        reads(
            "“The sanctions will bite within weeks,” Baerbock predicted.",
            "The sanctions will bite within weeks,",
            cue="predicted",
        ),
        reads(
            "“Crooked Hillary cannot be trusted with our secrets,” Trump tweeted.",
            "Crooked Hillary cannot be trusted with our secrets,",
            cue="tweeted",
        ),
        reads(
            "In 2009, under what Mr. Hedge called ''the prior economy model,'' the club let non-members play.",
            "the prior economy model,",
            kind="partial",
            cue="called",
            speaker="Hedge",
        ),
        reads(
            "“He told me ‘there is no deal’ and walked out of the room,” Smith said.",
            "He told me ‘there is no deal’ and walked out of the room,",
            speaker="Smith",
        ),
        reads("”The door is open,” Macron said.", "The door is open,", kind="direct", speaker="Macron"),
        reads(
            "''This must change,'' the bank's critics said in a joint letter.",
            "This must change,",
            speaker_surface="the bank's critics",
        ),
    ),
    "nearby_verb": (
        reads(
            '"That would be you?" Borger asked.',
            "That would be you?",
            kind="direct",
            cue="asked",
            speaker="Borger",
        ),
        reads(
            "In other words, he said, ''the era of Silicon Valley exceptionalism is over.''",
            "the era of Silicon Valley exceptionalism is over.",
            kind="partial",
            cue="said",
            speaker_surface="he",
        ),
    ),
    "adjacent_clause_verb": (
        reads(
            "And Mr. Christie gloated: ''I told you he wouldn't be ready.''",
            "I told you he wouldn't be ready.",
            kind="direct",
            cue="gloated",
            speaker="Christie",
        ),
    ),
    "speech_word": (
        reads(
            "Secretary of state Madeleine Albright fanned controversy earlier this year over her remark that “there’s a special place in hell for women who don’t help each other.”",
            "there’s a special place in hell for women who don’t help each other.",
            kind="partial",
            cue="remark",
            speaker="Madeleine Albright",
        ),
    ),
    "introducing_cue": (
        reads(
            "Sean Hannity spoke to the candidate on Fox. Hannity interjected. “So you’re saying the system is rigged?”",
            "So you’re saying the system is rigged?",
            kind="direct",
            cue="interjected",
            speaker="Sean Hannity",
        ),
        reads(
            "“We cannot agree with the fact that it is now proposed to resolve collective security issues without the Russian Federation,” Sergey Lavrov said. “This will not work.”",
            "This will not work.",
            kind="direct",
            cue="said",
            speaker="Sergey Lavrov",
        ),
    ),
}
