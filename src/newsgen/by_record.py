"""Values worked out per record, kept from one build to the next by a process that builds
again and again (`newsgen serve`).

A record is known by its identity: a record that did not change is the same object from
build to build (the load memo gives it back), so its value need not be worked out again.
The record is held with its value, so its id is never another object's while remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Record = TypeVar("Record")
Value = TypeVar("Value")


class ByRecord(Generic[Record, Value]):
    """What `work` gave for each record of the last call; the records new to this call."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[Record, Value]] = {}
        self.new: list[Record] = []  # the records the last call worked out

    def values(self, records: Sequence[Record], work: Callable[[Record], Value]) -> list[Value]:
        """`work` of each record, the last call's for the same records; only those of
        `records` are kept for the next call."""
        known, self.new = self._known, []
        values = []
        for record in records:
            seen = known.get(id(record))
            if seen is not None and seen[0] is record:
                values.append(seen[1])
            else:
                values.append(work(record))
                self.new.append(record)
        self._known = {id(r): (r, v) for r, v in zip(records, values, strict=True)}
        return values


def worked_out(
    records: Sequence[Record],
    work: Callable[[Record], Value],
    memo: ByRecord[Record, Value] | None,
) -> list[Value]:
    """`work` of each record, through `memo` when a process keeps one."""
    return memo.values(records, work) if memo is not None else [work(r) for r in records]
