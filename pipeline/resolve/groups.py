"""Disjoint sets: which items have been joined, directly or through others."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Groups(Generic[T]):
    """Disjoint sets (union-find with path halving): which items have been joined, directly or not."""

    def __init__(self) -> None:
        self._parent: dict[T, T] = {}

    def root(self, item: T) -> T:
        parent = self._parent
        while parent.get(item, item) != item:
            parent[item] = parent.get(parent[item], parent[item])
            item = parent[item]
        return item

    def join(self, a: T, b: T) -> None:
        self._parent[self.root(a)] = self.root(b)
