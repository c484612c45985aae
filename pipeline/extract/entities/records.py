"""The records entity extraction produces (`Mention`) and works on (`Candidate`)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.vocabulary import BlockKind, MentionLink


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention, after document-level consistency.

    `name` is the fullest form of the name in this article (`Dragone` -> `Giuseppe Cavo Dragone`),
    without titles or possessives; `role` holds a title given next to the name (`US General`). A mention
    linked by the discourse model (`link` is `pronoun` or `description`) carries its referent's name.
    """

    start_char: int
    end_char: int
    surface: str
    name: str
    type: str
    role: str | None
    block_kind: BlockKind
    #: `name`, or how the discourse model linked a pronoun or a description to the entity.
    link: MentionLink = "name"


@dataclass(slots=True)
class Candidate:
    start: int  # token index
    end: int  # token index, exclusive
    type: str
    role: str | None = None
    #: Typed by the layout (a team in a results table): word lists and majority votes leave it alone.
    settled: bool = False
