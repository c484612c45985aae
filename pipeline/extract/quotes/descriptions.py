"""Speaker rules for descriptions: a subject that names no one (`the prime minister`, `the company`, `a
spokesman for Dell`, `the statement`) resolved through the article's discourse model
(`pipeline/extract/discourse/resolve.py`) to the referent it describes, with the role it gives. A
description no rule ties to a referent stays as written. `rules.py` orders these after the name rules.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.extract.discourse import Link, Reference
from pipeline.extract.discourse.resolve import (
    gendered_description,
    issuer,
    organisation_description,
    organisation_voice,
    stated_age,
    stated_role,
)
from pipeline.extract.quotes.speakers import Resolved, SpeakerSite
from pipeline.extract.rules import Example, reads


def role_description(site: SpeakerSite) -> Resolved | None:
    """A role the article gave someone before (`the prime minister` after `Prime Minister Tony Blair`)."""
    return _described(site, stated_role)


def age_description(site: SpeakerSite) -> Resolved | None:
    """`the 56-year-old` for the person the article gave that age."""
    return _described(site, stated_age)


def organisation_spokesperson(site: SpeakerSite) -> Resolved | None:
    """`a spokesman for X`, `X's spokeswoman`: the organisation speaks."""
    return _described(site, organisation_voice)


def issued_statement(site: SpeakerSite) -> Resolved | None:
    """`the statement said`: whoever issued it."""
    return _described(site, issuer)


def organisation_noun(site: SpeakerSite) -> Resolved | None:
    """`the airline said`: the organisation named last that the description fits."""
    return _described(site, organisation_description)


def gendered_noun(site: SpeakerSite) -> Resolved | None:
    """`the actress said`: the woman named last."""
    return _described(site, gendered_description)


def _described(site: SpeakerSite, resolver: Callable[[Reference], Link | None]) -> Resolved | None:
    if site.subject.pos_ == "PRON":
        return None
    link = resolver(Reference(site.art.discourse, site.subject, site.surface))
    return (link.mention, link.role) if link is not None else None


#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "role_description": (
        reads(
            "Vice President Joe Biden on Monday hit the 2016 campaign trail with Hillary Clinton for the first time, trashing Donald Trump as unqualified for the White House.\n\nIn the former coal mining town of Scranton, where Biden grew up in the key battleground state of Pennsylvania, the vice president said Clinton was the only choice for Americans who know what it’s like to struggle.",
            "Clinton was the only choice for Americans who know what it’s like to struggle",
            kind="indirect",
            speaker="Joe Biden",
            speaker_surface="the vice president",
        ),
    ),
    "age_description": (
        reads(
            "Former Chelsea captain Marcel Desailly, 36, says there is no comparison between that side and the current Blues team.\n\n“Mentally they are much stronger, even though a lot of their players are young,” the 36-year-old said.",
            "Mentally they are much stronger, even though a lot of their players are young,",
            speaker="Marcel Desailly",
            speaker_surface="the 36-year-old",
        ),
    ),
    "organisation_spokesperson": (
        reads(
            "“This machine is for small businesses and for people who want a second computer for basic home use, perhaps in a kids bedroom,” a spokesman for Dell said.",
            "This machine is for small businesses and for people who want a second computer for basic home use, perhaps in a kids bedroom,",
            speaker="Dell",
            speaker_role="spokesman",
        ),
    ),
    "issued_statement": (
        reads(
            "“This is a profoundly tragic event for the region and for the millions who are suffering. But the economies of the affected countries except Sri Lanka and the Maldives should emerge with minimal damage,” the ADB report said.",
            "This is a profoundly tragic event for the region and for the millions who are suffering. But the economies of the affected countries except Sri Lanka and the Maldives should emerge with minimal damage,",
            speaker="ADB",
            speaker_surface="the ADB report",
        ),
    ),
    "organisation_noun": (
        reads(
            "Renault said the outlook for the industry in Europe this year was “stable”, with small growth forecast in other regions. However, the firm said it expected operating margins to be lower in 2005, at 4% of sales as opposed to 5%.",
            "it expected operating margins to be lower in 2005, at 4% of sales as opposed to 5%",
            kind="indirect",
            speaker="Renault",
            speaker_surface="the firm",
        ),
    ),
    "gendered_noun": (
        reads(
            "Susan Sarandon joined Bernie Sanders in Los Angeles on Monday.\n\nThe actress said she was tired of the status quo and wanted a candidate who had not accepted money from the fracking industry.",
            "she was tired of the status quo and wanted a candidate who had not accepted money from the fracking industry",
            kind="indirect",
            speaker="Susan Sarandon",
            speaker_surface="The actress",
        ),
    ),
}
