"""Is a quoted string speech? A name after a naming word is not (`so-called “coalition of the willing”`);
for every other string a model trained on annotated quotes decides (`learned_not_speech`): titles,
names, terms, scare quotes, slogans and fragments are refused. The learned decision replaced the rules
for titles, scare quotes and verbless fragments, which it matched on PolNeAR dev (direct-quote F1 0.968
against 0.969) and beat on the web reference's tuned half, cross-validated (F1 0.935 against 0.911).
And a quote is direct when it is a whole utterance, partial when it sits inside the reporter's sentence.

A refusal rule returns True when it refuses the quoted string, None when it declines.
"""

from __future__ import annotations

from pipeline.extract.learned import load_model
from pipeline.extract.quotes.cues import governing, is_naming
from pipeline.extract.quotes.features import speech_features
from pipeline.extract.quotes.lexicon import SPEECH_MODEL
from pipeline.extract.quotes.records import QuoteDecision
from pipeline.extract.quotes.site import QuoteSite
from pipeline.extract.rules import Example, refuses


def naming(site: QuoteSite) -> bool | None:
    """`so-called “…”`, `a group called the “…”`: the quote names something, unless a speaker is the
    naming verb's subject (`what Mr. Hedge called “…”` reports Mr. Hedge's words)."""
    return True if is_naming(site.preceding) and governing(site) is None else None


def learned_not_speech(site: QuoteSite) -> bool | None:
    """What a model trained on annotated quoted strings (PolNeAR's, inside an attributed Content span or
    not, and the web reference's tuned half) says of the string, from its words, how it hangs in the
    sentence and the candidates found for it (`features.speech_features`); the probability is kept with
    the article's decisions."""
    features = speech_features(site, site.found_by)
    model = load_model(SPEECH_MODEL)
    probability = model.probability(features)
    quoted = site.quoted
    site.art.decisions.append(
        QuoteDecision(SPEECH_MODEL, quoted.open_char, quoted.close_char, features, probability)
    )
    return True if probability < model.threshold else None


def quote_kind(preceding: str, text: str, has_cue_before: bool) -> str:
    """Direct when the quote is a whole utterance, partial when it sits inside the reporter's sentence."""
    starts_upper = text[:1].isupper() or (text[:1] in "‘'" and text[1:2].isupper())
    if not preceding:
        return "direct"
    if preceding.endswith(":") or (preceding.endswith(",") and has_cue_before):
        return "direct" if starts_upper or preceding.endswith(":") else "partial"
    return "partial"


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "naming": (
        refuses(
            "Trump reaffirmed this commitment by the European so-called “coalition of the willing” on Tuesday.",
            "coalition of the willing",
        ),
        refuses(
            "The message read “anybodybuttrump.us,” a website linked to a group called the “We The People Foundation.”",
            "We The People Foundation.",
        ),
    ),
    "learned_not_speech": (
        refuses("Rubio appeared on “Morning Joe,” the MSNBC show, on Friday.", "Morning Joe,"),
        refuses("Critics dubbed the operation “Midnight Hammer” within hours.", "Midnight Hammer"),
        refuses("''The economy, stupid.''", "The economy, stupid."),
    ),
}
