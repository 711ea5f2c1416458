"""Values kept per record by a process that builds again and again."""

from __future__ import annotations

from dataclasses import dataclass

from newsgen.by_record import ByRecord, worked_out


@dataclass(frozen=True)
class Note:
    text: str


def test_a_record_seen_last_time_is_not_worked_out_again() -> None:
    memo: ByRecord[Note, int] = ByRecord()
    first, second, third = Note("a"), Note("bb"), Note("ccc")
    worked: list[Note] = []

    def length(note: Note) -> int:
        worked.append(note)
        return len(note.text)

    assert memo.values([first, second], length) == [1, 2]
    assert memo.values([second, third], length) == [2, 3]
    assert worked == [first, second, third]
    assert memo.new == [third]
    assert memo.values([first], length) == [1]  # only the last call's records are kept
    assert worked[-1] is first


def test_an_equal_record_is_another_record() -> None:
    """Known by identity: an edited file gives a new record, however alike."""
    memo: ByRecord[Note, str] = ByRecord()
    memo.values([Note("a")], lambda note: note.text + "!")
    again = Note("a")
    assert memo.values([again], lambda note: "worked out") == ["worked out"]
    assert memo.new == [again]


def test_a_remembered_value_is_that_of_the_same_record_only() -> None:
    """An id is reused once its object is gone: the record itself must match."""
    memo: ByRecord[Note, str] = ByRecord()
    first, second = Note("a"), Note("b")
    memo.values([first], lambda note: note.text)
    memo._known[id(second)] = (first, "a")  # as if `second` had been given `first`'s id
    assert memo.values([second], lambda note: note.text) == ["b"]


def test_without_a_memo_every_record_is_worked_out() -> None:
    assert worked_out([Note("a"), Note("bb")], lambda note: len(note.text), None) == [1, 2]
