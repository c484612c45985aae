"""The article structure every extractor shares: typed blocks over one cleaned text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.vocabulary import SKIPPED_KINDS, BlockKind


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like block of an article; offsets index the article's cleaned `text`."""

    block_no: int
    kind: BlockKind
    start_char: int
    end_char: int
    text: str


class BlockIndex:
    """Maps character offsets to the block that holds them (blocks are sorted and disjoint)."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._blocks = list(blocks)
        self._starts = [b.start_char for b in self._blocks]

    def block_at(self, char: int) -> Block | None:
        i = bisect_right(self._starts, char) - 1
        if i >= 0 and char < self._blocks[i].end_char:
            return self._blocks[i]
        return None

    def kind_at(self, char: int) -> BlockKind | None:
        block = self.block_at(char)
        return block.kind if block else None

    def is_extractable(self, char: int) -> bool:
        kind = self.kind_at(char)
        return kind is not None and kind not in SKIPPED_KINDS

    def extractable(self) -> Iterable[Block]:
        return (b for b in self._blocks if b.kind not in SKIPPED_KINDS)
