"""`newsgen serve`: build, serve the site on loopback, rebuild on change, reload the pages.

A failed rebuild keeps the last good site on the server (the writer never touches it)
and shows its errors in the open pages until a good rebuild clears them.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsgen.build import BuildOptions, build_site
from newsgen.build_inputs import site_folders
from newsgen.errors import NewsgenError, UsageError
from newsgen.search import SEARCH_LEFT_FOR_LATER
from newsgen.serve.http import BuildState, PreviewServer, is_loopback
from newsgen.serve.watch import Watcher
from newsgen.serve_memo import BuildMemo

PORTS_TO_TRY = 20
# Editing pauses this long before the search index of the edits is made.
SEARCH_AFTER_QUIET_SECONDS = 2.0
MAX_PORT = 65535


@dataclass(frozen=True)
class ServeOptions:
    """Where the preview listens, and how to make the build options afresh."""

    host: str
    port: int
    build_options: Callable[[], BuildOptions]  # re-reads newsgen.yaml at every rebuild
    config_path: Path | None
    memo: BuildMemo | None = None


def serve_site(options: ServeOptions, say: Callable[[str], None]) -> None:
    """Serve until interrupted (Ctrl-C), rebuilding whenever the site's files change."""
    state = BuildState()
    folders = _first_options(options)
    # Listening comes first, so a port that cannot be had is said before a long first
    # build; requests wait in the queue until it is done and the server answers them.
    server = _listen(options, folders.output_dir, state, say)
    try:
        options = dataclasses.replace(options, memo=BuildMemo())
        # The folders come from the command line, not newsgen.yaml: they are found once, so
        # a newsgen.yaml broken while serving is a failed rebuild, not the end of the server.
        # Watching starts before the first build: what changes while it runs is rebuilt.
        watcher = Watcher(partial(_watched_paths, folders, options.config_path))
        try:
            _rebuild(options, state, say, jobs=folders.jobs, search_later=False)
            _start_serving(server, folders.output_dir, say)
            try:
                _watch_and_rebuild(options, state, say, watcher)
            finally:
                server.shutdown()  # only once serving: it waits for the serving to stop
        finally:
            watcher.close()
    finally:
        server.server_close()


def _watch_and_rebuild(
    options: ServeOptions, state: BuildState, say: Callable[[str], None], watcher: Watcher
) -> None:
    """Rebuild on every change; index for search, and tidy memory, once the files have
    been quiet a while.

    Indexing a large archive takes seconds and no change is seen meanwhile, so it waits
    for a pause in the editing: a second save soon after the first is shown at once.
    """
    search_due: BuildOptions | None = None
    tidy_due = False
    while True:
        quiet = search_due or tidy_due
        deadline = time.monotonic() + SEARCH_AFTER_QUIET_SECONDS if quiet else float("inf")
        if watcher.wait(partial(_past, deadline)):
            _tell_changes(options, watcher)
            search_due, tidy_due = _rebuild(options, state, say), True
            continue
        if search_due is not None:
            _tell_changes(options, watcher)
            _update_search(search_due, say)
            search_due = None
        _tidy_memory()
        tidy_due = False


def _tell_changes(options: ServeOptions, watcher: Watcher) -> None:
    """Tell the memo which files changed since the last build, so it looks at those only."""
    assert options.memo is not None
    options.memo.changed(watcher.take_changes())


def _past(deadline: float) -> bool:
    return time.monotonic() > deadline


def _rebuild(
    options: ServeOptions,
    state: BuildState,
    say: Callable[[str], None],
    jobs: int = 1,
    search_later: bool = True,
) -> BuildOptions | None:
    """Build once and record the result for the open pages; give the build that would
    bring the search index up to date, when the index was left for later.

    Rebuilds run in this process only (`jobs` 1): forking worker processes while the
    server's threads run can deadlock them, and a rebuild renders only what changed.
    The changed pages are shown first: indexing a large archive takes seconds.
    """
    try:
        build = dataclasses.replace(
            options.build_options(), memo=options.memo, jobs=jobs, search_later=search_later
        )
        report = build_site(build)
    except NewsgenError as error:
        say(f"rebuild failed; still serving the last good site:\n{error}")
        state.finished(str(error))
        _set_memory_aside()
        return None
    for notice in report.waiting:
        say(str(notice))
    say(report.summary(build.output_dir))
    state.finished(None)
    _set_memory_aside()
    if report.search != SEARCH_LEFT_FOR_LATER:
        return None
    return dataclasses.replace(build, search_later=False)


def _set_memory_aside() -> None:
    """Set what a build leaves aside from Python's collector, until the editing pauses.

    The memo holds millions of objects (records, pages, keys) that live from build to
    build; the collector would look through them all during a rebuild, a quarter of an
    edit's rebuild at 10,000 articles. Frozen (at no cost), they are looked through once
    the editing pauses (`_tidy_memory`): a full collection holds every thread for a
    while, the server's too, and would delay the pages just rebuilt.
    """
    gc.freeze()


def _tidy_memory() -> None:
    """Collect what the builds since the last pause left, and freeze the rest again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _update_search(build: BuildOptions, say: Callable[[str], None]) -> None:
    """Build again with the search index made for the pages just shown (no page changes)."""
    try:
        report = build_site(build)
    except NewsgenError as error:
        say(f"rebuild failed; the search index was not updated:\n{error}")
        return
    say(f"search index updated: {report.summary(build.output_dir)}")


def _first_options(options: ServeOptions) -> BuildOptions:
    try:
        return options.build_options()
    except NewsgenError as error:  # a bad newsgen.yaml at the very start
        raise UsageError(f"cannot start: {error}") from error


def _listen(
    options: ServeOptions, root: Path, state: BuildState, say: Callable[[str], None]
) -> PreviewServer:
    if not is_loopback(options.host):
        say(f"warning: serving on {options.host}: other machines on the network can read the site")
    return _bind(options.host, options.port, root, state, say)


def _start_serving(server: PreviewServer, root: Path, say: Callable[[str], None]) -> None:
    threading.Thread(target=server.serve_forever, name="newsgen-serve", daemon=True).start()
    host, port = str(server.server_address[0]), server.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    say(f"serving {root} at http://{shown}:{port}/ (Ctrl-C stops)")


def _bind(
    host: str, port: int, root: Path, state: BuildState, say: Callable[[str], None]
) -> PreviewServer:
    if not 0 <= port <= MAX_PORT:
        raise UsageError(f"--port {port} is not a port (0–{MAX_PORT})")
    last = min(port + PORTS_TO_TRY - 1, MAX_PORT)
    for candidate in range(port, last + 1):
        try:
            server = PreviewServer((host, candidate), root, state)
        except OSError as error:
            if error.errno != errno.EADDRINUSE or port == 0:
                raise UsageError(
                    f"cannot listen on {host}:{candidate}: {error.strerror}"
                ) from error
            continue
        if candidate != port:
            say(f"port {port} is in use; using {candidate} instead")
        return server
    raise UsageError(f"ports {port}–{last} on {host} are all in use; use --port")


def _watched_paths(build: BuildOptions, config_path: Path | None) -> list[Path]:
    paths = [build.source_dir, *site_folders(build.site_root)]
    return paths + ([config_path] if config_path else [])


def print_line(text: str) -> None:
    """Print a line of the serve log to the terminal.

    The line and its end are written at once: Ctrl-C between the two would run the next
    line ("stopped") on after this one.
    """
    print(
        f"{text}\n",
        end="",
        file=sys.stderr if text.startswith(("rebuild failed", "warning")) else sys.stdout,
        flush=True,
    )
