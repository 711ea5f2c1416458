"""Mapping a function over items on all cores, in order, or in this process when small;
or on the workers of a cluster (`Workers`: Dask's, see `newsgen.cluster`)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Workers(Protocol):
    """Worker processes elsewhere that run the tasks of `ordered_map`: each runs
    `setup(*setup_args)` once before its first task of a map; the results come back in
    order, a bounded number ahead."""

    def ordered_map(
        self,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        setup: Callable[..., None] | None,
        setup_args: tuple[Any, ...],
    ) -> Iterator[Result]: ...


# Where the map stages run: on this many local processes, or on a cluster's workers.
Jobs = int | Workers

_AHEAD_PER_JOB = 4  # results a worker may make before the caller takes them


def default_jobs() -> int:
    """Give the number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: Jobs,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[Any, ...] = (),
) -> Iterator[Result]:
    """Yield `function(item)` for each item in order, in `jobs` worker processes.

    `setup(*setup_args)` runs once in each worker (and here when running serially).
    Workers are forked where the platform allows it, so `setup_args` (e.g. all pages
    of the site) reach them without being pickled. At most `_AHEAD_PER_JOB` results per
    worker wait to be taken: when the caller is slow (a slow disk), the workers wait
    instead of piling up finished results in memory. `jobs` may be a cluster's `Workers`.
    """
    if not isinstance(jobs, int):
        yield from jobs.ordered_map(function, items, setup, setup_args)
        return
    if jobs <= 1 or len(items) <= 1:
        if setup:
            setup(*setup_args)
        yield from map(function, items)
        return
    with _pool(jobs, setup, setup_args) as pool:
        waiting: deque[Any] = deque()
        for item in items:
            if len(waiting) >= jobs * _AHEAD_PER_JOB:
                yield waiting.popleft().get()
            waiting.append(pool.apply_async(function, (item,)))
        while waiting:
            yield waiting.popleft().get()


def _pool(jobs: int, setup: Callable[..., None] | None, setup_args: tuple[Any, ...]) -> Any:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return context.Pool(jobs, initializer=_start_worker, initargs=(setup, setup_args))


def _start_worker(setup: Callable[..., None] | None, setup_args: tuple[Any, ...]) -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); a worker printing its own
    # KeyboardInterrupt traceback would only bury the parent's one-line message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup:
        setup(*setup_args)


def chunks(count: int, size: int) -> list[range]:
    """Split `range(count)` into consecutive ranges of at most `size`."""
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def flatten(groups: Iterable[Iterable[Result]]) -> Iterator[Result]:
    """Yield the items of each group in turn."""
    for group in groups:
        yield from group
