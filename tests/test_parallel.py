"""Mapping over items on several cores: results in order, setup once a worker, errors raised."""

from __future__ import annotations

import os

import pytest

from newsgen.parallel import chunks, flatten, forked_early, ordered_map

_SET_UP: list[str] = []


def _square(number: int) -> int:
    return number * number


def _setup(word: str) -> None:
    _SET_UP.append(word)


def _with_setup(number: int) -> tuple[int, list[str], int]:
    return number, list(_SET_UP), os.getpid()


_MADE_AFTER_FORK: list[int] = []


def _seen_by_worker(number: int) -> tuple[int, int, list[str]]:
    return number, len(_MADE_AFTER_FORK), list(_SET_UP)


def _fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("three")
    return number


@pytest.mark.parametrize("jobs", [1, 2, 3], ids=["here", "two-workers", "three-workers"])
def test_results_come_in_the_order_of_the_items(jobs: int) -> None:
    # More items than the results workers may make ahead of the caller (4 a worker).
    items = list(range(100))
    assert list(ordered_map(_square, items, jobs)) == [n * n for n in items]


def test_setup_runs_once_in_each_worker_before_its_work() -> None:
    results = list(ordered_map(_with_setup, list(range(40)), 2, _setup, ("ready",)))
    assert [number for number, _, _ in results] == list(range(40))
    assert all(set_up == ["ready"] for _, set_up, _ in results)
    workers = {pid for _, _, pid in results}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2


def test_one_job_runs_here_with_its_setup() -> None:
    _SET_UP.clear()
    results = list(ordered_map(_with_setup, [1, 2], 1, _setup, ("here",)))
    assert results == [(1, ["here"], os.getpid()), (2, ["here"], os.getpid())]
    _SET_UP.clear()


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="three"):
        list(ordered_map(_fail_on_three, list(range(10)), 2))


def test_chunks_cover_the_range_in_order_within_their_size() -> None:
    assert chunks(7, 3) == [range(0, 3), range(3, 6), range(6, 7)]
    assert chunks(0, 3) == []
    assert list(flatten([[1, 2], [], [3]])) == [1, 2, 3]


def test_workers_forked_early_hold_nothing_made_after_them() -> None:
    # What the topic workers are for: forked before the archive is loaded, they hold
    # none of it, and a map's setup (the models) runs in each before its first task.
    _SET_UP.clear()
    with forked_early(2) as workers:
        _MADE_AFTER_FORK.extend(range(1000))  # the archive, loaded after the fork
        try:
            assert not isinstance(workers, int)
            results = list(workers.ordered_map(_seen_by_worker, list(range(30)), _setup, ("on",)))
        finally:
            _MADE_AFTER_FORK.clear()
    assert [number for number, _, _ in results] == list(range(30))
    assert {seen for _, seen, _ in results} == {0}
    assert {tuple(setup) for _, _, setup in results} == {("on",)}  # once a worker
    assert _SET_UP == []  # never here


def test_one_job_forks_nothing_early() -> None:
    with forked_early(1) as jobs:
        assert jobs == 1
