"""Figures: a sentence from a real article in, the numeric facts it states out.

Sentences come from the BBC News corpus (2004-05) and from the two seed articles in `raw/`.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.article.blocks import Block
from pipeline.article.parsing import parse_article
from pipeline.extract.figures import FIGURE_KIND_MEANINGS, FIGURE_KINDS, Figure, extract_figures
from pipeline.nlp.model import load_nlp

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "gold" / "seeds.json"
#: The seeds' publication week: the strikes were on Wednesday 20 August 2025.
SEEDS_PUBLISHED = datetime.date(2025, 8, 20)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def figures_in(nlp: Language, text: str, published: datetime.date | None = None) -> list[Figure]:
    """Extract from a bare sentence, treated as one body block."""
    return extract_figures(nlp(text), [Block(0, "body", 0, len(text), text)], published)


def only(figures: list[Figure], surface: str) -> Figure:
    matches = [f for f in figures if f.surface == surface]
    assert len(matches) == 1, [f.surface for f in figures]
    return matches[0]


def summary(figure: Figure) -> tuple[float | None, str | None, str, str | None]:
    return figure.value, figure.unit, figure.kind, figure.qualifier


# --- Counts and their counted nouns --------------------------------------------------------------------


def test_count_takes_the_compound_noun_it_modifies(nlp: Language) -> None:
    text = "It is understood 32 defence chiefs were participating in the call."
    assert summary(only(figures_in(nlp, text), "32 defence chiefs")) == (32, "defence chiefs", "count", None)


def test_spelled_number_drops_adjectives_from_the_counted_noun(nlp: Language) -> None:
    text = (
        "Attacks on civilian areas in Sumy and Odesa overnight into Wednesday injured 15 people, "
        "including a family with three small children, Ukrainian authorities said."
    )
    figures = figures_in(nlp, text)
    assert summary(only(figures, "15 people")) == (15, "people", "count", None)
    assert summary(only(figures, "three small children")) == (3, "children", "count", None)


def test_count_inside_of_phrase(nlp: Language) -> None:
    text = "A coalition of 30 countries, including European nations, Japan and Australia, have signed up."
    assert summary(only(figures_in(nlp, text), "30 countries")) == (30, "countries", "count", None)


def test_qualifier_more_than_is_part_of_the_surface(nlp: Language) -> None:
    text = "More than 100 countries are ICC signatories and have a legal obligation to arrest the Russian leader."
    figure = only(figures_in(nlp, text), "More than 100 countries")
    assert summary(figure) == (100, "countries", "count", "more than")
    assert text[figure.start_char : figure.end_char] == figure.surface


def test_thousands_separator(nlp: Language) -> None:
    text = "It lost 464,000 subscribers in the fourth quarter profits were lower than in the preceding three quarters."
    assert summary(only(figures_in(nlp, text), "464,000 subscribers")) == (
        464000,
        "subscribers",
        "count",
        None,
    )


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        (
            "The Saab factory currently produces fewer than 130,000 cars per year.",
            "fewer than 130,000 cars",
            (130000, "cars", "count", "fewer than"),
        ),
        (
            "This has saved over 40 jobs as well as the substantial employment claims.",
            "over 40 jobs",
            (40, "jobs", "count", "over"),
        ),
        (
            "It gives a right of access to information held by about 100,000 public bodies.",
            "about 100,000 public bodies",
            (100000, "public bodies", "count", "about"),
        ),
        (
            "The ink stays on the finger for at least 72 hours and for up to a week.",
            "at least 72 hours",
            (72, "hours", "duration", "at least"),
        ),
        (
            "We have already taken it up to 26 weeks.",
            "up to 26 weeks",
            (26, "weeks", "duration", "up to"),
        ),
        (
            "The dollar was at its highest level against the euro in almost three months.",
            "almost three months",
            (3, "months", "duration", "almost"),
        ),
        (
            "The report predicts that nearly 70% of all mobile phones sold will have a built-in camera by 2008.",
            "nearly 70%",
            (70, "percent", "percent", "nearly"),
        ),
    ],
)
def test_qualifiers(nlp: Language, text: str, surface: str, expected: tuple) -> None:
    assert summary(only(figures_in(nlp, text), surface)) == expected


def test_number_words_with_hyphen_and_dozen(nlp: Language) -> None:
    forty_four = only(
        figures_in(nlp, 'Forty-four percent said they would be buying something "other".'),
        "Forty-four percent",
    )
    assert summary(forty_four) == (44, "percent", "percent", None)
    text = "There must be more than a dozen songs in the last 25 years that deserve this award more."
    assert summary(only(figures_in(nlp, text), "more than a dozen songs")) == (
        12,
        "songs",
        "count",
        "more than",
    )


def test_half_a_dozen_and_half_of(nlp: Language) -> None:
    text = "Smaller teams of half a dozen people can still create complete games for the devices."
    assert summary(only(figures_in(nlp, text), "half a dozen people")) == (6, "people", "count", None)
    text = (
        "Despite this liking for search sites half of those questioned said they could get by without them."
    )
    assert only(figures_in(nlp, text), "half of those").value == 0.5


def test_scale_words_and_shared_noun_across_or(nlp: Language) -> None:
    text = "The firm has more than 12,000 advisers selling financial advice, funds and insurance to 2.5 million customers."
    figures = figures_in(nlp, text)
    assert summary(only(figures, "2.5 million customers")) == (2500000, "customers", "count", None)
    assert summary(only(figures, "more than 12,000 advisers")) == (12000, "advisers", "count", "more than")


def test_definite_small_numbers_refer_back_and_are_not_figures(nlp: Language) -> None:
    text = "The Kremlin has yet to directly comment on any future talks between the two leaders."
    assert figures_in(nlp, text) == []


def test_large_bare_counts_are_kept_small_ones_are_labels(nlp: Language) -> None:
    text = "Nationally more than 5 million browse the net via broadband."
    assert summary(only(figures_in(nlp, text), "more than 5 million")) == (5e6, None, "count", "more than")
    text = "I believe that's what put me in lane seven in the final."
    assert figures_in(nlp, text) == []


# --- Money and percentages --------------------------------------------------------------------------


def test_money_with_scale_and_a_converted_amount(nlp: Language) -> None:
    text = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December."
    figures = figures_in(nlp, text)
    assert summary(only(figures, "76%")) == (76, "percent", "percent", None)
    assert summary(only(figures, "$1.13bn")) == (1.13e9, "USD", "money", None)
    assert summary(only(figures, "£600m")) == (6e8, "GBP", "money", None)
    assert summary(only(figures, "three months")) == (3, "months", "duration", None)


def test_money_in_currency_words_and_us_dollar_sign(nlp: Language) -> None:
    text = "The Labs needed about 10 million euros (US$13 million) a year from corporate sponsors to survive."
    figures = figures_in(nlp, text)
    assert summary(only(figures, "about 10 million euros")) == (1e7, "EUR", "money", "about")
    assert summary(only(figures, "US$13 million")) == (1.3e7, "USD", "money", None)


def test_pence_are_hundredths_of_a_pound(nlp: Language) -> None:
    text = "BA's shares closed up four pence at 274.5 pence."
    assert only(figures_in(nlp, text), "274.5 pence").value == pytest.approx(2.745)


def test_per_cent_and_percentage_points(nlp: Language) -> None:
    assert summary(
        only(figures_in(nlp, "Eighty per cent of those remain on cameras."), "Eighty per cent")
    ) == (
        80,
        "percent",
        "percent",
        None,
    )
    text = "China raised rates by 0.27 percentage points to 5.8% - its first hike in nine years - in October 2004."
    figures = figures_in(nlp, text)
    points = only(figures, "0.27 percentage points")
    assert summary(points) == (0.27, "percentage points", "percent", None)
    assert (points.role, only(figures, "5.8%").role) == ("change", "new")


# --- Changes and ranges --------------------------------------------------------------------------------


def test_change_links_its_three_parts(nlp: Language) -> None:
    text = "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn."
    figures = figures_in(nlp, text)
    change, new, old = only(figures, "2%"), only(figures, "$11.1bn"), only(figures, "$10.9bn")
    assert (change.role, new.role, old.role) == ("change", "new", "old")
    assert change.group == new.group == old.group is not None
    assert (new.value, old.value) == (1.11e10, 1.09e10)


def test_change_the_parser_reads_as_a_range(nlp: Language) -> None:
    text = "The short-haul surcharge was raised from £2.50 to £4 a leg."
    figures = figures_in(nlp, text)
    assert (only(figures, "£2.50").role, only(figures, "£4").role) == ("old", "new")


def test_ranges_carry_value_max(nlp: Language) -> None:
    figure = only(
        figures_in(nlp, "Even computer games from 10-15 years ago are getting modern re-workings."),
        "10-15 years",
    )
    assert (figure.value, figure.value_max, figure.unit, figure.kind) == (10, 15, "years", "duration")
    text = '"A 3% to 3.5% improvement anticipated," BA said.'
    figure = only(figures_in(nlp, text), "3% to 3.5%")
    assert (figure.value, figure.value_max, figure.kind) == (3, 3.5, "percent")
    text = "He was spending about $200m between 1996 and 2002 while earning much less."
    years = only(figures_in(nlp, text), "1996 and 2002")
    assert (years.value, years.value_max, years.kind) == (1996, 2002, "year")
    text = "The Treasury said it expected a boost to the current budget in 2004/05 of about £400m."
    season = only(figures_in(nlp, text), "2004/05")
    assert (season.value, season.value_max, season.kind) == (2004, 2005, "year")


# --- Years, dates, durations --------------------------------------------------------------------------


def test_year(nlp: Language) -> None:
    text = "The leaders met in 2019 at the Paris Normandy Summit to discuss a ceasefire."
    assert summary(only(figures_in(nlp, text), "2019")) == (2019, "year", "year", None)


def test_year_before_a_noun_after_an_acronym(nlp: Language) -> None:
    text = "Such an exemption would be necessary due to an ICC 2023 arrest warrant on Putin."
    assert summary(only(figures_in(nlp, text), "2023")) == (2023, "year", "year", None)


def test_month_and_year_is_a_date_valued_by_its_year(nlp: Language) -> None:
    text = "He is wanted by the International Criminal Court on a warrant dating back to March 2023."
    figure = only(figures_in(nlp, text), "March 2023")
    assert (figure.kind, figure.value, figure.unit, figure.date) == ("date", 2023, "year", "2023-03")


def test_full_date(nlp: Language) -> None:
    text = "Customers must have been members for at least two years on 31 December 2004."
    figures = figures_in(nlp, text)
    assert only(figures, "31 December 2004").date == "2004-12-31"
    assert summary(only(figures, "at least two years")) == (2, "years", "duration", "at least")


def test_day_range_before_a_month_resolves_against_published(nlp: Language) -> None:
    text = "The winners will be announced sometime between 13 and 15 March."
    figure = only(figures_in(nlp, text, datetime.date(2005, 2, 10)), "13 and 15 March")
    assert (figure.kind, figure.value, figure.date) == ("date", None, "2005-03-13")


def test_weekdays_and_relative_dates_resolve_against_published(nlp: Language) -> None:
    text = (
        "The strikes follow a summit between Putin and US President Donald Trump in Alaska last week, "
        "and Nato defence chiefs met virtually on Wednesday."
    )
    figures = figures_in(nlp, text, SEEDS_PUBLISHED)
    assert only(figures, "last week").date == "2025-08-11"
    assert only(figures, "Wednesday").date == "2025-08-20"
    assert only(figures, "Wednesday").value is None
    unresolved = figures_in(nlp, text)
    assert only(unresolved, "Wednesday").date is None


def test_future_weekday_looks_forward(nlp: Language) -> None:
    text = "The White House will announce its budget on Monday."
    assert only(figures_in(nlp, text, SEEDS_PUBLISHED), "Monday").date == "2025-08-25"


def test_duration_with_qualifier(nlp: Language) -> None:
    text = "Trump is trying to steer Putin and Zelenskiy towards a settlement more than three years after Russia invaded."
    assert summary(only(figures_in(nlp, text), "more than three years")) == (
        3,
        "years",
        "duration",
        "more than",
    )


def test_age(nlp: Language) -> None:
    text = "The 25-year-old has already smashed the British record over 60m hurdles twice this season."
    figures = figures_in(nlp, text)
    assert summary(only(figures, "25-year-old")) == (25, "years", "age", None)
    assert [(f.value, f.unit, f.kind) for f in figures if f.unit == "metres"] == [(60, "metres", "quantity")]


# --- Scores and ordinals --------------------------------------------------------------------------------


def test_scores(nlp: Language) -> None:
    text = "Almunia was at fault for Rosenborg's goal in Arsenal's 5-1 Champions League win on Tuesday."
    score = only(figures_in(nlp, text), "5-1")
    assert (score.kind, score.value, score.value_max) == ("score", 5, 1)
    headline = only(figures_in(nlp, "Italy 8-38 Wales"), "8-38")
    assert (headline.kind, headline.value, headline.value_max) == ("score", 8, 38)


def test_ordinals_that_carry_data_and_first_time_that_does_not(nlp: Language) -> None:
    text = "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn."
    assert summary(only(figures_in(nlp, text), "fourth quarter")) == (4, "quarter", "ordinal", None)
    text = (
        "A meeting between Putin and Zelenskyy would not be the first time the leaders had spoken directly."
    )
    assert figures_in(nlp, text) == []


# --- Readings, ages and other bare numbers given meaning by their clause --------------------------------


def test_a_bare_number_reads_as_a_level_of_the_clause_subject(nlp: Language) -> None:
    text = "Its index of national manufacturing activity rose to 58.6 last month from 57.8 in November."
    figures = figures_in(nlp, text)
    assert summary(only(figures, "58.6")) == (58.6, "index", "quantity", None)
    assert summary(only(figures, "57.8")) == (57.8, "index", "quantity", None)
    text = "The number of Japanese films released rose to 310 in 2004 from 287 the previous year."
    figures = figures_in(nlp, text)
    assert [summary(f) for f in figures if f.kind == "count"] == [
        (310, "films", "count", None),
        (287, "films", "count", None),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("Currently candidates in both local and national votes must be 21.", "21", None),
        ("The voting age is 18.", "18", None),
        (
            "Sixteen percent of parents living with children under 18 have digital players.",
            "under 18",
            "under",
        ),
        ("It is likely that millions of under-18s also have MP3 players.", "under-18s", "under"),
    ],
)
def test_ages_from_the_clause(nlp: Language, text: str, surface: str, qualifier: str | None) -> None:
    age = only(figures_in(nlp, text), surface)
    assert (age.kind, age.unit, age.qualifier) == ("age", "years", qualifier)


def test_classifying_adjectives_stay_with_the_counted_noun(nlp: Language) -> None:
    text = "About 4,300 civil servants will move, and 282,000 physical singles were sold to 400 new buyers."
    figures = figures_in(nlp, text)
    assert only(figures, "About 4,300 civil servants").unit == "civil servants"
    assert only(figures, "282,000 physical singles").unit == "physical singles"
    assert only(figures, "400 new buyers").unit == "buyers"


def test_decades_early_years_and_digit_ordinals(nlp: Language) -> None:
    decade = only(figures_in(nlp, "The economy had stagnated throughout the 1990s."), "1990s")
    assert (decade.kind, decade.value, decade.value_max, decade.unit) == ("year", 1990, 1999, "year")
    text = "The age of majority was reduced to 18 in 1969 but laws dating from 1695 stayed in place."
    assert summary(only(figures_in(nlp, text), "1695")) == (1695, "year", "year", None)
    text = "He becomes the 117th captain of England since Fred Stokes held the position in 1871."
    assert summary(only(figures_in(nlp, text), "117th captain")) == (117, "captain", "ordinal", None)
    assert not [f for f in figures_in(nlp, "Shot by 20th Century Fox.") if f.kind == "ordinal"]


def test_amounts_joined_by_a_colon_and_units_tagged_as_names(nlp: Language) -> None:
    text = "S&N bought 37.5% of the firm in a deal worth 4.66bn rupees ($106m:£54.6m)."
    assert [(f.value, f.unit) for f in figures_in(nlp, text) if f.kind == "money"] == [
        (4.66e9, "INR"),
        (106e6, "USD"),
        (54.6e6, "GBP"),
    ]
    text = "It can store up to 1.8GB of data."
    assert summary(only(figures_in(nlp, text), "up to 1.8GB")) == (1.8, "gb", "quantity", "up to")


def test_tennis_sets_seedings_and_rankings(nlp: Language) -> None:
    text = "Henman fought back to defeat British rival Greg Rusedski 4-6 7-6 (8-6) 6-4 at the Dubai Tennis Championships."
    scores = [(f.surface, f.value, f.value_max) for f in figures_in(nlp, text) if f.kind == "score"]
    assert scores == [("4-6", 4, 6), ("7-6", 7, 6), ("8-6", 8, 6), ("6-4", 6, 4)]
    text = "World number 46 Rusedski broke in the ninth game. Henman, seeded three, now faces Andreev in the last 16."
    ranks = [(f.surface, f.value, f.unit) for f in figures_in(nlp, text) if f.kind == "ordinal"]
    assert ranks == [
        ("number 46", 46, "position"),
        ("ninth game", 9, "game"),
        ("three", 3, "position"),
        ("16", 16, "positions"),
    ]


def test_a_noun_modifier_makes_a_definite_small_number_new_information(nlp: Language) -> None:
    text = "Wilkinson has been named as captain for the three November Tests."
    assert summary(only(figures_in(nlp, text), "three November Tests")) == (
        3,
        "november tests",
        "count",
        None,
    )


# --- What is not a figure --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Consumers can order a new cable from the Xbox website or by telephoning 0800 028 9276 in the UK.",
        "He was speaking after Cabinet members held their last meeting at No 10.",
        "Keaveney played Marie Jackson when the Channel 4 soap began.",
        "The Frenchman told Arsenal's website www.arsenal.com/news/2005 he would stay.",
        "Up to 20 times faster than current 3G networks.",
    ],
)
def test_phone_numbers_ids_names_and_urls_are_not_figures(nlp: Language, text: str) -> None:
    assert [f.surface for f in figures_in(nlp, text) if f.kind != "date" and f.unit != "times"] == []


def test_boilerplate_and_credit_blocks_yield_nothing(nlp: Language) -> None:
    body = "Attacks injured 15 people."
    furniture = "Call 0141 300 3000 for 24 hours of news from 30 countries."
    text = f"{body}\n\n{furniture}"
    blocks = [
        Block(0, "body", 0, len(body), body),
        Block(1, "boilerplate", len(body) + 2, len(text), furniture),
    ]
    figures = extract_figures(nlp(text), blocks)
    assert [(f.surface, f.block_kind) for f in figures] == [("15 people", "body")]


def test_caption_figures_are_marked_as_captions(nlp: Language) -> None:
    caption = "Vladimir Putin meets Volodymyr Zelenskiy for peace talks in 2019."
    text = f"Leaders meet.\n\n{caption}"
    blocks = [Block(0, "body", 0, 13, "Leaders meet."), Block(1, "caption", 15, len(text), caption)]
    figures = extract_figures(nlp(text), blocks)
    assert [(f.value, f.block_kind) for f in figures] == [(2019, "caption")]


def test_odd_text_does_not_raise(nlp: Language) -> None:
    text = "£ $ 1,2,3 4-4-2 -5 3.5.6 ½ 10e9 1,000,000,000,000,000,000,000 9999999999999999 a an half of"
    for figure in figures_in(nlp, text):
        assert figure.kind in FIGURE_KINDS


def test_every_kind_is_documented() -> None:
    assert all(FIGURE_KIND_MEANINGS[kind] for kind in FIGURE_KINDS)


# --- The seed articles against the hand annotation ------------------------------------------------------


def seed_figures(nlp: Language, path: Path) -> list[Figure]:
    article = parse_article(path.read_text(encoding="utf-8"))
    return extract_figures(nlp(article.text), article.blocks, SEEDS_PUBLISHED)


@pytest.mark.parametrize("stem", ["000_7aab08db0e928fb1", "001_cf83dd09369ffb92"])
def test_seed_articles_match_the_gold_figures(nlp: Language, stem: str) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"][stem]["figures"]
    figures = seed_figures(nlp, REPO / "raw" / f"{stem}.txt")
    found = {(f.value, f.unit, f.qualifier) for f in figures}
    missing = [g for g in gold if (g["value"], g["counts"], g["qualifier"]) not in found]
    assert missing == []
    with_units = {(f.value, f.unit) for f in figures if f.value is not None and f.kind != "date"}
    gold_pairs = {(g["value"], g["counts"]) for g in gold}
    assert with_units - gold_pairs == set(), "figures the annotator did not mark"
    assert not any(f.block_kind in ("credit", "boilerplate") for f in figures)


def test_qualifier_synonyms_are_reported_under_one_name(nlp: Language) -> None:
    text = (
        "The revelation comes just a month after the firm warned earnings would be cut by as much as 7.6% "
        "as a result of accounting errors."
    )
    figure = only(figures_in(nlp, text), "as much as 7.6%")
    assert (figure.value, figure.unit, figure.qualifier) == (7.6, "percent", "up to")


def test_one_in_n_is_a_share_of_what_follows(nlp: Language) -> None:
    text = "One in 10 adult Americans - equivalent to 22 million people - owns an MP3 player, according to a survey."
    share = only(figures_in(nlp, text), "One in 10 adult Americans")
    assert (share.kind, share.value, share.unit) == ("fraction", 0.1, "adult americans")
    assert only(figures_in(nlp, text), "22 million people").value == 22_000_000


def test_scores_carry_score_as_their_unit(nlp: Language) -> None:
    text = "Scotland were beaten 33-15 by Samoa in the plate semi-final and Ireland lost 17-5 to Tunisia in the shield final."
    scores = [(f.value, f.value_max, f.unit, f.kind) for f in figures_in(nlp, text)]
    assert scores == [(33, 15, "score", "score"), (17, 5, "score", "score")]


def test_a_single_time_unit_is_a_duration_but_a_rate_is_not(nlp: Language) -> None:
    text = (
        "The announcement is the latest blow for the one-time darling of Wall Street, which has lost 80% of "
        "its stock value in just over a year."
    )
    year = only(figures_in(nlp, text), "just over a year")
    assert (year.kind, year.value, year.unit, year.qualifier) == ("duration", 1, "years", "just over")
    rate = "The scheme will cost £5m a year and is reviewed twice a year."
    assert [f.surface for f in figures_in(nlp, rate)] == ["£5m"]


def test_a_bare_number_after_an_age_word_is_an_age(nlp: Language) -> None:
    text = (
        "The announcement from Mr Leslie - who was elected in 1997 in a formerly safe Tory seat - prompted "
        "calls for a lowering of the voting age to 16."
    )
    age = only(figures_in(nlp, text), "16")
    assert (age.kind, age.value, age.unit) == ("age", 16, "years")


def test_a_bare_count_shares_the_counted_noun_left_out_after_a_count(nlp: Language) -> None:
    text = (
        "At the Department for Work and Pensions, 30,000 jobs are to go, 560 will be lost by the end of the "
        "month at the Department of Trade and Industry and 400 are to go at the Inland Revenue and Customs."
    )
    counts = [(f.value, f.unit) for f in figures_in(nlp, text) if f.kind == "count"]
    assert counts == [(30_000, "jobs"), (560, "jobs"), (400, "jobs")]


def test_number_n_after_a_preposition_is_a_chart_position(nlp: Language) -> None:
    text = (
        "It held off a strong challenge from the new Keanu Reeves sci-fi thriller Constantine which opened at "
        "number two with $30.5m."
    )
    position = only(figures_in(nlp, text), "number two")
    assert (position.kind, position.value, position.unit) == ("ordinal", 2, "position")
    assert not [f for f in figures_in(nlp, "The number one priority is jobs.") if f.unit == "position"]
    spot = only(figures_in(nlp, "The thriller shot straight to the number one spot."), "number one")
    assert (spot.kind, spot.value, spot.unit) == ("ordinal", 1, "position")
    cut_off = only(figures_in(nlp, "Their debut was a UK top 10 hit."), "10")
    assert (cut_off.kind, cut_off.value, cut_off.unit) == ("ordinal", 10, "positions")


def test_a_score_right_after_a_team_name_is_a_score(nlp: Language) -> None:
    text = "England beat Fiji 26-21 in a dramatic final in Dubai to win the first IRB Sevens event of the season."
    score = only(figures_in(nlp, text), "26-21")
    assert (score.kind, score.value, score.value_max, score.unit) == ("score", 26, 21, "score")
    assert not figures_in(nlp, "Viewers of Channel 4 saw the programme.")


def test_ordinals_of_runs_and_weekends_carry_data(nlp: Language) -> None:
    text = "The result for December was slightly better than analysts' expectations and the 19th consecutive expansion."
    run = only(figures_in(nlp, text), "19th consecutive expansion")
    assert (run.kind, run.value, run.unit) == ("ordinal", 19, "expansion")
    weekend = figures_in(nlp, "The film took $20m in its second weekend of release.")
    assert [(f.value, f.unit) for f in weekend if f.kind == "ordinal"] == [(2, "weekend")]


def test_over_after_an_amount_spreads_it_across_a_period(nlp: Language) -> None:
    text = "As well as pledging £960m over 15 years to the immunisation IFF, Britain urged other donors to contribute."
    period = only(figures_in(nlp, text), "15 years")
    assert (period.kind, period.value, period.qualifier) == ("duration", 15, None)
    longer = only(figures_in(nlp, "He has worked there for over 15 years."), "over 15 years")
    assert longer.qualifier == "over"
