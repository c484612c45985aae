"""Money and percentages: a number read with a currency (`$1.13bn`, `£600m`, `10 million euros`,
`274.5 pence`) is money in that currency's ISO 4217 code; one read with a percent sign or words (`76%`,
`76 per cent`, `0.27 percentage points`) is a percentage. The reading itself is in `numbers.py`."""

from __future__ import annotations

from pipeline.extract.figures.records import Candidate, NumberSite, Outcome
from pipeline.extract.rules import Example, reads


def money(site: NumberSite) -> Outcome | None:
    """A number with a currency symbol, code or name."""
    number = site.number
    if number.currency is None:
        return None
    return site.classified(Candidate(number.start, number.end, "money", number.value, number.currency))


def percent(site: NumberSite) -> Outcome | None:
    """A number with a percent sign or words; `unit` is `percent` or `percentage points`."""
    number = site.number
    if number.percent is None:
        return None
    return site.classified(Candidate(number.start, number.end, "percent", number.value, number.percent))


LABS = "The Labs needed about 10 million euros (US$13 million) a year from corporate sponsors to survive."
RUPEES = "S&N bought 37.5% of the firm in a deal worth 4.66bn rupees ($106m:£54.6m)."
TIMEWARNER_PROFITS = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December."

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "money": (
        reads(
            "The family paid Rs 25 lakh for the two-bedroom flat in Pune.",
            "Rs 25 lakh",
            value=2.5e6,
            unit="INR",
        ),
        reads(
            "A seat in the stands costs 176 Hong Kong dollars.",
            "176 Hong Kong dollars",
            value=176,
            unit="HKD",
        ),
        reads("The government owes contractors 1bn CFA francs.", "1bn CFA francs", value=1e9, unit="XAF"),
        reads("Quarterly revenue rose to USD 34.6 million.", "USD 34.6 million", value=3.46e7, unit="USD"),
        reads("The fund raised A$2.5m from investors.", "A$2.5m", value=2.5e6, unit="AUD"),
        reads(
            "The merger was valued at $40-50 billion.",
            "$40-50 billion",
            value=4e10,
            value_max=5e10,
            unit="USD",
        ),
        reads(
            RUPEES,
            "$106m",
            value=1.06e8,
            unit="USD",
        ),
        reads(
            RUPEES,
            "£54.6m",
            value=5.46e7,
            unit="GBP",
        ),
        reads(
            TIMEWARNER_PROFITS,
            "$1.13bn",
            kind="money",
            value=1.13e9,
            unit="USD",
        ),
        reads(
            TIMEWARNER_PROFITS,
            "£600m",
            kind="money",
            value=6e8,
            unit="GBP",
        ),
        reads(
            LABS,
            "about 10 million euros",
            kind="money",
            value=1e7,
            unit="EUR",
            qualifier="about",
        ),
        reads(
            LABS,
            "US$13 million",
            value=1.3e7,
            unit="USD",
        ),
        reads("BA's shares closed up four pence at 274.5 pence.", "274.5 pence", value=2.745, unit="GBP"),
        reads(
            RUPEES,
            "4.66bn rupees",
            value=4.66e9,
            unit="INR",
        ),
    ),
    "percent": (
        reads(
            TIMEWARNER_PROFITS,
            "76%",
            kind="percent",
            value=76,
            unit="percent",
        ),
        reads("Eighty per cent of those remain on cameras.", "Eighty per cent", value=80, unit="percent"),
        reads(
            "Nevada was 5.9 percent below its peak employment, Arizona 4.1 percent, Florida 1.5 percent.",
            "4.1 percent",
            value=4.1,
        ),
        reads(
            "The Apple Watch could provide a 1%-3% lift on projected revenue.", "1%-3%", value=1, value_max=3
        ),
        reads(
            'Forty-four percent said they would be buying something "other".',
            "Forty-four percent",
            kind="percent",
            value=44,
        ),
        reads(
            "China raised rates by 0.27 percentage points to 5.8% - its first hike in nine years - in October 2004.",
            "0.27 percentage points",
            kind="percent",
            value=0.27,
            unit="percentage points",
        ),
        reads(
            "The report predicts that nearly 70% of all mobile phones sold will have a built-in camera by 2008.",
            "nearly 70%",
            value=70,
            qualifier="nearly",
        ),
        reads(
            "The revelation comes just a month after the firm warned earnings would be cut by as much as 7.6% as a result of accounting errors.",
            "as much as 7.6%",
            value=7.6,
            qualifier="up to",
        ),
        reads('"A 3% to 3.5% improvement anticipated," BA said.', "3% to 3.5%", value=3, value_max=3.5),
    ),
}
