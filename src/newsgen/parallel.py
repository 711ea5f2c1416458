"""Mapping a function over items on all cores, in order, or in this process when small;
or on the workers of a cluster (`Workers`: Dask's, see `newsgen.cluster`)."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
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
        ahead = jobs * _AHEAD_PER_JOB
        yield from in_order(lambda item: pool.apply_async(function, (item,)), items, ahead, _got)


class ForkedEarly:
    """Worker processes forked before this process grew, as `Workers`.

    A fork shows, and in time holds, all its parent's memory: topic workers forked once the
    archive was loaded were each as large as the process that holds it (1.3 GB at 100,000
    articles) before their models were loaded. Forked at the start of a build, they hold
    only what they load; their tasks carry their articles. A map's setup (the models) runs
    in each worker before its first task of it, so workers that get no task load nothing.
    """

    def __init__(self, jobs: int) -> None:
        self._jobs = jobs
        self._pool = _pool(jobs, None, ())

    def ordered_map(
        self,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        setup: Callable[..., None] | None,
        setup_args: tuple[Any, ...],
    ) -> Iterator[Result]:
        """Yield `function(item)` for each item in order, on the workers forked early."""
        task = set_up_once(function, setup, setup_args)
        ahead = self._jobs * _AHEAD_PER_JOB
        return in_order(lambda item: self._pool.apply_async(task, (item,)), items, ahead, _got)

    def close(self) -> None:
        self._pool.terminate()


@contextlib.contextmanager
def forked_early(jobs: int) -> Iterator[Jobs]:
    """`jobs` worker processes forked now, for a map later in the block (or just `jobs`,
    when that is one: the map then runs in this process)."""
    if jobs <= 1:
        yield jobs
        return
    workers = ForkedEarly(jobs)
    try:
        yield workers
    finally:
        workers.close()


Handle = TypeVar("Handle")


def in_order(
    submit: Callable[[Item], Handle],
    items: Iterable[Item],
    ahead: int,
    result: Callable[[Handle], Result],
    cancel: Callable[[Handle], Any] | None = None,
) -> Iterator[Result]:
    """Yield the result of each item in order, at most `ahead` submitted and not yet taken:
    a slow caller makes the workers wait instead of piling up results in memory. What is
    still waiting when the caller stops (an error, an interrupted build) is `cancel`led."""
    waiting: deque[Handle] = deque()
    try:
        for item in items:
            if len(waiting) >= ahead:
                yield result(waiting.popleft())
            waiting.append(submit(item))
        while waiting:
            yield result(waiting.popleft())
    finally:
        if cancel:
            for handle in waiting:
                cancel(handle)


def _got(waiting: Any) -> Any:
    return waiting.get()  # a pool's AsyncResult


@dataclass(frozen=True)
class SetupArgs:
    """A map's setup arguments, sent to the workers as one."""

    values: tuple[Any, ...]


_ready_token = ""  # on a worker: the map whose setup ran in this process
_setup_lock = threading.Lock()


def set_up_once(
    function: Callable[[Item], Result],
    setup: Callable[..., None] | None,
    setup_args: tuple[Any, ...],
) -> Callable[[Item], Result]:
    """`function` as the task of one map on workers that outlive it (forked early, or a
    cluster's): each worker runs `setup(*setup_args)` before its first task of the map."""
    return functools.partial(_run_task, uuid.uuid4().hex, setup, SetupArgs(setup_args), function)


def _run_task(
    token: str,
    setup: Callable[..., None] | None,
    setup_args: SetupArgs,
    function: Callable[[Item], Result],
    item: Item,
) -> Result:
    """Run on a worker: the map's setup once in this process, then `function(item)`."""
    global _ready_token
    with _setup_lock:
        if _ready_token != token:
            if setup:
                setup(*setup_args.values)
            _ready_token = token
    return function(item)


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
