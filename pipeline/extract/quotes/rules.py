"""The quote rules, in the order they are tried. Each rule's examples stand beside it, in its module's
`EXAMPLES`.

The passes, in order (`extract.py`):

1. Quote marks are paired (`marks.py`).
2. Each quoted string is attributed (`attribution.py`). Candidates first, each phase's first rule that
   decides winning:
   - VERB_CUE_RULES look for the reporting verb (or `according to` source) in the quote's sentence; the
     quote is then direct or partial, from its punctuation and which side the cue is on;
   - SENTENCE_CUE_RULES look wider in the sentence;
   - LAYOUT_RULES read the article's layout (signatures, name headers, transcript labels, introductions);
   - CONTINUATION_RULES give a cue-less quote to the quote it continues.
   Then NOT_SPEECH_RULES decide, knowing those candidates, whether the string is speech at all (a name
   after `so-called`; then a learned model: titles, names, terms, slogans). FALLBACK_RULES keep what has
   no candidate (`floating` direct quotes go to the nearest attribution before them, after pass 3). A
   cue's source is the candidate the learned source model prefers (`source_choice.py`).
3. Reported speech without quote marks (`indirect.py`): INDIRECT_RULES at every verb and `according`;
   verbs of thought and wish report no speech.
4. Speakers (`speakers.py`): SPEAKER_RULES resolve each attribution's subject, through the article's
   discourse model (`pipeline/extract/discourse/`): pronouns to a person whose sex fits, names to their
   fullest form, descriptions to the referent the article ties them to.
"""

from __future__ import annotations

from pipeline.extract.quotes import (
    continuation,
    cues,
    descriptions,
    indirect,
    layout,
    sources,
    speakers,
    speech,
)
from pipeline.extract.rules import Rule
from pipeline.extract.rules import named_rule as rule

NOT_SPEECH_RULES = (rule(speech.naming), rule(speech.learned_not_speech))
VERB_CUE_RULES = (
    rule(cues.governing_verb),
    rule(cues.nearby_verb),
    rule(sources.according_to_after),
    rule(sources.according_to_before),
    rule(cues.adjacent_clause_verb),
)
SENTENCE_CUE_RULES = (
    rule(cues.speech_word),
    rule(sources.name_before_colon),
    rule(sources.main_clause_subject),
)
LAYOUT_RULES = (
    rule(layout.signature),
    rule(layout.name_header),
    rule(layout.speaker_label),
    rule(cues.introducing_cue),
    rule(layout.colon_introduction),
)
CONTINUATION_RULES = (rule(continuation.continues_previous),)
FALLBACK_RULES = (rule(continuation.floating), rule(continuation.unattributed))

INDIRECT_RULES = (rule(indirect.according_to_report), rule(indirect.reporting_clause))

SPEAKER_RULES = (
    rule(speakers.governing_person),
    rule(speakers.previous_sentence_subject),
    rule(speakers.recent_speaker),
    rule(speakers.nearest_person_before),
    rule(speakers.previous_group_speaker),
    rule(speakers.named_mention),
    rule(descriptions.role_description),
    rule(descriptions.age_description),
    rule(descriptions.organisation_spokesperson),
    rule(descriptions.issued_statement),
    rule(descriptions.organisation_noun),
    rule(descriptions.gendered_noun),
)

#: Every rule, in the order they are tried.
QUOTE_RULES: tuple[Rule, ...] = (
    *NOT_SPEECH_RULES,
    *VERB_CUE_RULES,
    *SENTENCE_CUE_RULES,
    *LAYOUT_RULES,
    *CONTINUATION_RULES,
    *FALLBACK_RULES,
    *INDIRECT_RULES,
    *SPEAKER_RULES,
)
