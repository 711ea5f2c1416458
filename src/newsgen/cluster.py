"""Running the map stages on a Dask cluster: `newsgen build --scheduler tcp://host:8786`.

Finding topics and rendering pages go to the cluster's workers through the executor
Dask's client gives (`concurrent.futures`), and so does loading the sources when every
worker sees them at the same absolute path (a shared file system); the caches, the
images, the search index, the writer and the swap stay on this machine. Each worker runs
a map's setup (loading the models, compiling the templates) once; results come back in
order, a bounded number ahead. A worker that dies is replaced by Dask's own retries; a
task that kills workers again and again, or a scheduler that cannot be reached within
seconds, fails the build with one line, before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from typing import Any, TypeVar

from newsgen.errors import ClusterFailed, UsageError
from newsgen.parallel import in_order, set_up_once
from newsgen.sources import SourceFiles

Item = TypeVar("Item")
Result = TypeVar("Result")

CONNECT_SECONDS = 10
_AHEAD_PER_THREAD = 4
INSTALL = "pip install 'newsgen[dask]'"


class DaskWorkers:
    """The workers of one Dask cluster, as `newsgen.parallel.Workers`."""

    def __init__(self, client: Any) -> None:
        self._client = client
        # Not pure: else Dask digests each task's arguments (its pages) to name it, which
        # took longer than rendering them.
        self._executor = client.get_executor(pure=False)
        self.threads = max(1, sum(client.nthreads().values()))

    def ordered_map(
        self,
        function: Callable[[Item], Result],
        items: Sequence[Item],
        setup: Callable[..., None] | None,
        setup_args: tuple[Any, ...],
    ) -> Iterator[Result]:
        """Yield `function(item)` for each item in order, run on the cluster's workers."""
        # With each task: data scattered to the workers once is lost with the last worker
        # that held it, and a lost worker must cost only its tasks (the templates are a few
        # tens of KB; finding topics has no arguments).
        task = set_up_once(function, setup, setup_args)

        def submit(item: Item) -> Any:
            name = f"{function.__name__}-{uuid.uuid4().hex}"  # as Dask's dashboard shows it
            return self._executor.submit(task, item, key=name)

        ahead = self.threads * _AHEAD_PER_THREAD
        return in_order(submit, items, ahead, _result, _cancel)

    def reach(self, sources: SourceFiles) -> bool:
        """Whether every worker sees the source folder at its absolute path as this machine
        does (a shared file system): a sample of its files, of the same sizes and times."""
        sample = [sources.paths[i] for i in _spread(len(sources.paths), _SAMPLE)]
        wanted = [_seen(path) for path in sample]
        if not sample or None in wanted:
            return False
        everywhere = self._client.run(_seen_all, [os.fspath(p.absolute()) for p in sample])
        return all(seen == wanted for seen in everywhere.values())


@contextlib.contextmanager
def dask_workers(address: str) -> Iterator[DaskWorkers]:
    """The cluster whose scheduler is at `address`, connected for the time of the block."""
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--scheduler needs Dask, which is not installed: {INSTALL}") from None
    try:
        connect: Any = distributed.Client  # untyped
        client = connect(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        message = f"cannot reach the Dask scheduler at {address}: {reason}"
        raise ClusterFailed(message) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            message = f"the Dask scheduler at {address} has no workers ({CONNECT_SECONDS} s)"
            raise ClusterFailed(message) from error
        yield DaskWorkers(client)


def _cancel(future: Any) -> None:
    future.cancel()


def _result(future: Any) -> Any:
    """The result of a task; a worker lost to it once too often is one line for the user."""
    from distributed import KilledWorker

    try:
        return future.result()
    except (KilledWorker, CancelledError) as error:
        reason = " ".join(str(error).split()) or "the scheduler cancelled it"
        raise ClusterFailed(f"the Dask cluster lost the build's work: {reason}") from None


_SAMPLE = 16  # files a worker is asked about to tell that it sees the sources


def _spread(count: int, wanted: int) -> list[int]:
    """Up to `wanted` indexes spread evenly over `range(count)`, the first and last in."""
    if count <= wanted:
        return list(range(count))
    return sorted({round(i * (count - 1) / (wanted - 1)) for i in range(wanted)})


def _seen(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """A file's size and time (whole seconds: file systems keep finer ones differently)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns // 1_000_000_000)


def _seen_all(paths: list[str]) -> list[tuple[int, int] | None]:
    """Run on each worker: what it sees of `paths`."""
    return [_seen(path) for path in paths]
