"""Named-entity mentions with titles split off and one type and one full name per name in an article.

The small spaCy model is weak on news names (it tags `Zelenskyy` as a place and `Dragone` as an
organisation); the whole article is better evidence than one sentence. A surname that completes a person
named elsewhere in the article is that person; a name after a title is a person; proper nouns joined by
`and` to a place, or naming a region, are places; and every spelling of one name gets the type most of
its mentions carry.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from pipeline.article.blocks import Block, BlockIndex
from pipeline.nlp.lexicon import HOME_NATIONS, canonical_country, given_names, is_place, personal_names
from pipeline.nlp.names import name_key, strip_possessive
from pipeline.vocabulary import BlockKind


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention, after document-level consistency.

    `name` is the fullest form of the name in this article (`Dragone` -> `Giuseppe Cavo Dragone`),
    without titles or possessives; `role` holds a title given next to the name (`US General`).
    """

    start_char: int
    end_char: int
    surface: str
    name: str
    type: str
    role: str | None
    block_kind: BlockKind


#: spaCy labels kept, mapped to the warehouse's entity types (nationalities such as NORP are not entities).
LABEL_TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "EVENT": "EVENT",
}
#: Head words of titles and roles written before a name (`Foreign Minister`, `General`, `Mr`).
TITLE_WORDS = frozenset(
    """president minister secretary general admiral envoy ambassador chancellor senator governor mayor
    chairman chairwoman chair chief director commander spokesman spokeswoman spokesperson leader king queen
    prince princess pope judge justice prosecutor officer colonel major captain lieutenant sergeant
    professor prof dr mr mrs ms miss sir lord lady dame rep sen gov coach manager boss founder candidate
    representative congressman congresswoman speaker premier executive ceo chairperson commissioner
    inspector detective constable superintendent archbishop bishop cardinal rabbi imam sheikh emir sultan
    sheriff attorney counsel adviser advisor aide economist analyst editor correspondent author actor
    actress singer star striker midfielder defender goalkeeper captain skipper player champion""".split()
)
#: Words that qualify a title (`Deputy Prime Minister`, `Special Envoy`, `Foreign Secretary`).
TITLE_MODIFIERS = frozenset(
    """deputy vice prime foreign home interior defence defense finance trade health special former acting
    first supreme senior junior assistant associate executive general state federal national shadow
    education justice energy culture environment transport economy chief lord""".split()
)
#: Articles that are part of a place's name rather than a determiner.
NAMES_WITH_THE = frozenset({"hague", "gambia", "bahamas", "netherlands"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "around", "towards"})
#: Head nouns that make the proper nouns modifying them places (`Sumy and Odesa regions`).
PLACE_HEAD_NOUNS = frozenset(
    """region regions province provinces city cities town towns village villages district districts county
    counties state states oblast oblasts area areas island islands capital port""".split()
)


#: Last words that make a name an organisation whatever the tagger said (`Clinton Foundation`).
ORG_HEAD_WORDS = frozenset(
    """inc inc. corp corp. corporation co co. ltd ltd. plc llc group holdings bank party council association
    federation union committee commission ministry department university college institute agency authority
    foundation trust airlines airways motors fund society league board bureau office service services court
    company companies network news times post journal telegraph guardian club""".split()
)
#: A team name: capitalised words, maybe joined by `-`, `.`, `&` or `'` (`St. Johnstone`, `Queens Park Rangers`).
_TEAM = r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3}"
#: `Leeds 0 Chelsea 2`, `Japan 2 Syria 1`: one result per line.
RESULT_LINE = re.compile(rf"^(?P<home>{_TEAM}) \d{{1,3}} (?P<away>{_TEAM}) \d{{1,3}}(?: \(.*\))?\s*$")
#: `Arsenal 17 10 5 2 31 14 35`: a team and at least four numbers.
STANDINGS_LINE = re.compile(rf"^(?P<home>{_TEAM})(?: \d{{1,4}}){{4,}}\s*$")
#: Capitalised words that name a time, never an entity, whatever the tagger did once.
CALENDAR_WORDS = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday".split()
)
#: Last words that make a name an event (`Paris Normandy Summit`, `Asian Cup`, `Iraq War`).
EVENT_HEAD_WORDS = frozenset(
    "summit cup championship championships olympics games festival war tournament prix marathon".split()
)
#: Last words of football and other club names (`Leeds United`, `Man City`, `Aston Villa`).
CLUB_WORDS = frozenset(
    "united city rovers athletic albion wanderers hotspur villa county town fc afc rangers celtic".split()
)
#: A hyphenated suffix that is not part of a name (`Trump-led`, `Texas-based`).
NAME_SUFFIX_WORDS = frozenset({"led", "based", "born", "backed", "owned", "run", "style", "like", "era"})


@dataclass(slots=True)
class _Candidate:
    start: int  # token index
    end: int  # token index, exclusive
    type: str
    role: str | None = None
    #: Typed by the layout (a team in a results table): word lists and majority votes leave it alone.
    settled: bool = False


def extract_mentions(doc: Doc, blocks: Sequence[Block]) -> list[Mention]:
    """Mentions of people, organisations, places and events outside page furniture."""
    index = BlockIndex(blocks)
    candidates = [c for ent in doc.ents if (c := _candidate_from_entity(doc, ent)) is not None]
    candidates = [c for c in candidates if index.is_extractable(doc[c.start].idx)]
    candidates = _with_table_teams(doc, candidates, index)
    candidates.extend(_proper_nouns_beside_places(doc, candidates, index))
    for candidate in candidates:
        _split_role(doc, candidate)
        if index.kind_at(doc[candidate.start].idx) == "byline":
            candidate.type = "PERSON"
    candidates = _split_at_possessives(doc, _split_coordinated_names(doc, candidates))
    candidates = [c for c in candidates if not _is_in_title(doc, c)]
    _retype_by_name(doc, candidates)
    candidates.extend(_untagged_person_names(doc, candidates, index))
    candidates.sort(key=lambda c: c.start)
    full_names = _person_full_names(doc, candidates)
    _unify_types(doc, candidates, full_names)
    short_names = {**_names_by_given_name(full_names), **full_names, **_club_names(doc, candidates)}
    return [_to_mention(doc, c, short_names, index) for c in candidates]


def _candidate_from_entity(doc: Doc, ent: Span) -> _Candidate | None:
    entity_type = LABEL_TYPES.get(ent.label_)
    if entity_type is None:
        return None
    start, end = ent.start, ent.end
    # A span running over a paragraph break is two things; keep what precedes the break.
    for i in range(start, end):
        if "\n" in doc[i].text_with_ws and i + 1 < end:
            end = i + 1
            break
    if doc[start].lower_ == "the" and not (end - start == 2 and doc[start + 1].lower_ in NAMES_WITH_THE):
        start += 1
    # `Donald Trump-led`: a hyphenated suffix is not part of the name.
    if end - start >= 3 and doc[end - 2].text == "-" and doc[end - 1].lower_ in NAME_SUFFIX_WORDS:
        end -= 2
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end <= start or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[start:end]):
        return None
    if any(t.like_num or t.is_currency for t in doc[start:end]) and not doc[start].is_alpha:
        return None  # `HK$6.31bn`: an amount the tagger took for a place
    # `Ukrainian` authorities: a demonym adjective is not a place.
    if all(t.pos_ == "ADJ" for t in doc[start:end]):
        return None
    return _Candidate(start, end, entity_type)


def _with_table_teams(doc: Doc, candidates: list[_Candidate], index: BlockIndex) -> list[_Candidate]:
    """Sports results and standings lines (`Leeds 0 Chelsea 2`, `Arsenal 17 10 5 2 31 14 35`) name
    teams, which the tagger misses without a sentence around them: clubs are organisations, national
    sides keep their country's place type."""
    teams: list[_Candidate] = []
    for block in index.extractable():
        pattern = RESULT_LINE if RESULT_LINE.match(block.text) else STANDINGS_LINE
        match = pattern.match(block.text)
        if match is None:
            continue
        for group in ("home", "away"):
            if match.groupdict().get(group) is None:
                continue
            span = doc.char_span(block.start_char + match.start(group), block.start_char + match.end(group))
            if span is not None:
                team_type = "PLACE" if canonical_country(span.text) or span.text in HOME_NATIONS else "ORG"
                teams.append(_Candidate(span.start, span.end, team_type, settled=True))
    if not teams:
        return candidates
    in_teams = _covered_tokens(teams)
    kept = [c for c in candidates if not any(i in in_teams for i in range(c.start, c.end))]
    return sorted(kept + teams, key=lambda c: c.start)


def _split_coordinated_names(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """`Dell and Hewlett-Packard`: one span over two names, when the article names either alone."""
    alone = {name_key(doc[c.start : c.end].text) for c in candidates}
    result = []
    for c in candidates:
        joiner = next((i for i in range(c.start + 1, c.end - 1) if doc[i].lower_ in ("and", "&")), None)
        if joiner is not None:
            left, right = _Candidate(c.start, joiner, c.type), _Candidate(joiner + 1, c.end, c.type)
            if {name_key(doc[x.start : x.end].text) for x in (left, right)} & alone:
                result.extend((left, right))
                continue
        result.append(c)
    return result


def _retype_by_name(doc: Doc, candidates: Sequence[_Candidate]) -> None:
    """What the name itself says, over the tagger's guess: an event's or an organisation's head word
    (`Summit`, `Foundation`, `United`), a well-known place (`Kyiv`), or a common given name opening a
    two- or three-word name (`Carly Fiorina`, tagged an organisation)."""
    for c in candidates:
        if c.role is not None or c.settled:
            continue
        tokens = doc[c.start : c.end]
        last = tokens[-1].lower_
        place = is_place(tokens.text)  # `New York City` and `Cape Town` are not clubs
        if len(tokens) > 1 and last in EVENT_HEAD_WORDS:
            c.type = "EVENT"
        elif (len(tokens) > 1 and last in ORG_HEAD_WORDS and not place) or _is_club_name(tokens):
            c.type = "ORG"
        elif c.type != "PLACE" and place and not _followed_by_club_word(doc, c):
            # A lone word the tagger called a person stays one when it is a common surname (`Warren`).
            if not (c.type == "PERSON" and len(tokens) == 1 and tokens[0].lower_ in personal_names()):
                c.type = "PLACE"
        elif (
            c.type != "PERSON"
            and 2 <= len(tokens) <= 3
            and tokens[0].lower_ in given_names()
            and all(t.is_title and t.pos_ == "PROPN" for t in tokens)
            and not is_place(tokens.text)
        ):
            c.type = "PERSON"


def _is_club_name(name: Span) -> bool:
    """`Leeds United`, `Man City`, `Aston Villa`: a club word ends the name, and the whole is not a place
    (`New York City`, `Cape Town`)."""
    return len(name) > 1 and name[-1].lower_ in CLUB_WORDS and not is_place(name.text)


def _followed_by_club_word(doc: Doc, c: _Candidate) -> bool:
    return c.end < len(doc) and doc[c.end].is_title and _is_club_name(doc[c.start : c.end + 1])


def _club_names(doc: Doc, candidates: Sequence[_Candidate]) -> dict[str, str]:
    """Place key -> club name, for clubs named after a place in this article (`Leeds` -> `Leeds United`):
    the bare place name then stands for the club."""
    clubs: dict[str, str] = {}
    for c in candidates:
        tokens = doc[c.start : c.end]
        if c.type == "ORG" and _is_club_name(tokens):
            clubs.setdefault(name_key(tokens[:-1].text), _clean_name(tokens.text))
    return clubs


def _split_at_possessives(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """`Kyiv’s European` and `Leeds' Elland Road`: a possessive inside a span ends one name; what
    follows is another name only if it has a proper noun (`European` alone is an adjective)."""
    result = []
    for c in candidates:
        cut = next((i for i in range(c.start + 1, c.end - 1) if doc[i].tag_ == "POS"), None)
        if cut is None:
            result.append(c)
            continue
        result.append(_Candidate(c.start, cut, c.type))
        if any(t.pos_ == "PROPN" for t in doc[cut + 1 : c.end]):
            result.append(_Candidate(cut + 1, c.end, c.type))
    return result


def _is_in_title(doc: Doc, c: _Candidate) -> bool:
    """`State` in `Secretary of State John Kerry` belongs to the title, not a mention of its own."""
    return (
        c.end - c.start == 1
        and c.start >= 2
        and doc[c.start - 1].lower_ == "of"
        and _is_title_word(doc[c.start - 2])
        and c.role is None
    )


def _split_role(doc: Doc, candidate: _Candidate) -> None:
    """Move a title out of a name (`US General Alexus Grynkewich`) and record it, with the one before it."""
    original_start = candidate.start
    # `Office of the Secretary of State` is a name with a title inside it, not a title before a name.
    last_title = max(
        (
            i
            for i in range(candidate.start, candidate.end - 1)
            if _is_title_word(doc[i]) and doc[i + 1].text[:1].isupper()
        ),
        default=None,
    )
    if last_title is not None:
        candidate.start = last_title + 1
        candidate.type = "PERSON"
    if candidate.type != "PERSON" and candidate.end - candidate.start > 1:
        return
    outer = original_start
    sentence_start = doc[original_start].sent.start
    while outer > sentence_start and _is_title_token(doc[outer - 1]):
        outer -= 1
    role_tokens = doc[outer : candidate.start]
    if any(_is_title_word(t) for t in role_tokens):
        candidate.role = role_tokens.text
        candidate.type = "PERSON"


def _is_title_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.lower_.rstrip(".") in TITLE_WORDS


def _is_title_token(token: Token) -> bool:
    """A word that can stand in a title before a name: `Russian`, `Foreign`, `Minister`, `US`."""
    if not token.text[:1].isupper() or token.pos_ == "DET":
        return False
    word = token.lower_.rstrip(".")
    return word in TITLE_WORDS or word in TITLE_MODIFIERS or token.ent_type_ in ("NORP", "GPE")


def _proper_nouns_beside_places(
    doc: Doc, candidates: list[_Candidate], index: BlockIndex
) -> list[_Candidate]:
    """Capitalised proper nouns coordinated with a mention, or naming a region, that NER missed."""
    covered = _covered_tokens(candidates)
    type_of_token = {i: c.type for c in candidates for i in range(c.start, c.end)}
    found: list[_Candidate] = []
    for i in np.flatnonzero(doc.to_array(POS) == PROPN).tolist():  # no Token object for the other tokens
        token = doc[i]
        if i in covered or _is_title_token(token):
            continue
        if not index.is_extractable(token.idx):
            continue
        entity_type = None
        if token.dep_ == "conj" and token.head.i in type_of_token:
            entity_type = type_of_token[token.head.i]
        elif token.dep_ in ("compound", "nmod", "amod") and token.head.lower_ in PLACE_HEAD_NOUNS:
            entity_type = "PLACE"
        if entity_type:
            found.append(_Candidate(token.i, token.i + 1, entity_type))
            covered.add(token.i)
    # A proper noun modifying a region noun is a place even when NER gave it another type.
    for candidate in candidates:
        head = doc[candidate.end - 1]
        if (head.dep_ in ("compound", "nmod") and head.head.lower_ in PLACE_HEAD_NOUNS) or (
            head.dep_ == "conj" and any(f.start == head.head.i and f.type == "PLACE" for f in found)
        ):
            candidate.type = "PLACE"
    return found


def _covered_tokens(candidates: Sequence[_Candidate]) -> set[int]:
    return {i for c in candidates for i in range(c.start, c.end)}


def _untagged_person_names(doc: Doc, candidates: list[_Candidate], index: BlockIndex) -> list[_Candidate]:
    """Occurrences the tagger missed of a name it tagged elsewhere in the article (`UPI`, `Leeds
    United`, and `Leeds` for the club), and of a known person's surname: once named, a name is a name
    every time it is written."""
    texts = [t.text for t in doc]  # one pass: indexing `doc` makes a new Token object each time
    surnames = {name_key(texts[c.end - 1]) for c in candidates if c.type == "PERSON" and c.end - c.start > 1}
    tagged: dict[tuple[str, ...], str] = {}
    for c in candidates:
        words = tuple(texts[c.start : c.end])
        if words[0][:1].isupper() and not (len(words) == 1 and words[0] in CALENDAR_WORDS):
            tagged.setdefault(words, c.type)
        if c.type == "ORG" and _is_club_name(doc[c.start : c.end]):
            tagged.setdefault(words[:-1], "ORG")  # `Leeds` for `Leeds United`
    longest = max((len(w) for w in tagged), default=0)
    covered = _covered_tokens(candidates)
    found: list[_Candidate] = []
    i = 0
    while i < len(texts):
        if i in covered or not texts[i][:1].isupper() or not index.is_extractable(doc[i].idx):
            i += 1
            continue
        match = next(
            (
                (n, tagged[words])
                for n in range(min(longest, len(texts) - i), 0, -1)
                if (words := tuple(texts[i : i + n])) in tagged
                and not any(j in covered for j in range(i, i + n))
            ),
            None,
        )
        if match is None and doc[i].pos_ == "PROPN" and name_key(texts[i]) in surnames:
            match = (1, "PERSON")
        if match is None:
            i += 1
            continue
        found.append(_Candidate(i, i + match[0], match[1]))
        i += match[0]
    return found


def _person_full_names(doc: Doc, candidates: Sequence[_Candidate]) -> dict[str, str]:
    """Surname key -> the fullest person name in the article ending with it."""
    full: dict[str, str] = {}
    for c in candidates:
        if c.end - c.start < 2:
            continue
        is_person = c.type == "PERSON" or c.role is not None
        if not is_person:
            continue
        name = _clean_name(doc[c.start : c.end].text)
        surname = name_key(doc[c.end - 1].text)
        if len(name) > len(full.get(surname, "")):
            full[surname] = name
    return full


def _names_by_given_name(full_names: dict[str, str]) -> dict[str, str]:
    """Given-name key -> full name, for given names only one person in the article has (`Hillary`)."""
    by_given: dict[str, set[str]] = defaultdict(set)
    for name in full_names.values():
        first = name_key(name.split()[0])
        if first in given_names():
            by_given[first].add(name)
    return {first: next(iter(names)) for first, names in by_given.items() if len(names) == 1}


def _unify_types(doc: Doc, candidates: Sequence[_Candidate], full_names: dict[str, str]) -> None:
    """One type per name: person evidence first, then the majority of the name's NER labels."""
    by_key: dict[str, list[_Candidate]] = defaultdict(list)
    for c in candidates:
        key = name_key(doc[c.start : c.end].text)
        completes_person = name_key(doc[c.end - 1].text) in full_names
        if c.type != "EVENT" and completes_person and not c.settled:
            c.type = "PERSON"
        by_key[key].append(c)
    for group in by_key.values():
        settled = [c.type for c in group if c.settled]
        if settled:
            for c in group:
                c.type = settled[0]
            continue
        types = Counter(c.type for c in group)
        # `in Sumy`: a bare name after a locative preposition votes for a place.
        types["PLACE"] += 2 * sum(_after_locative_preposition(doc, c) for c in group if c.type == "ORG")
        winner = "PERSON" if types["PERSON"] and any(c.role for c in group) else types.most_common(1)[0][0]
        for c in group:
            c.type = winner


def _after_locative_preposition(doc: Doc, c: _Candidate) -> bool:
    head = doc[c.end - 1]
    if head.dep_ == "conj":
        head = head.head
    return c.end - c.start == 1 and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS


def _to_mention(doc: Doc, c: _Candidate, short_names: dict[str, str], index: BlockIndex) -> Mention:
    """`short_names` maps the key of a short form to the article's full name: a surname or a given name
    to a person (`Lavrov`, `Hillary`), a place to the club named after it (`Leeds`)."""
    span = doc[c.start : c.end]
    surface = span.text
    name = _clean_name(surface)
    full_name = short_names.get(name_key(name)) if c.end - c.start == 1 else None
    club = full_name is not None and full_name.split()[-1].lower() in CLUB_WORDS
    if full_name is not None and (c.type == "PERSON" or club):
        name = full_name
        c.type = "ORG" if club else "PERSON"
    elif c.type == "PLACE":
        name = canonical_country(name) or name
    block_kind = index.kind_at(span.start_char) or "body"
    return Mention(span.start_char, span.end_char, surface, name, c.type, c.role, block_kind)


def _clean_name(text: str) -> str:
    return strip_possessive(" ".join(text.split())).strip(" ,.;:")
