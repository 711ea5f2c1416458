"""Rendering every page of the site, in order, on all cores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from newsgen.config import SiteConfig
from newsgen.parallel import chunks, flatten, ordered_map
from newsgen.plan.pages import Page
from newsgen.render.jinja import SiteRenderer

_PAGES_PER_TASK = 50

# Set once in each worker process by `_start_worker`; forked workers share the pages.
_worker_pages: Sequence[Page] = ()
_worker_renderer: SiteRenderer | None = None


def render_pages(
    pages: Sequence[Page],
    config: SiteConfig,
    template_dirs: Sequence[Path],
    jobs: int,
    feed_fallback_time: str,
) -> Iterator[bytes]:
    """Yield the bytes of each page of `pages`, in the same order."""
    tasks = chunks(len(pages), _PAGES_PER_TASK)
    setup_args = (pages, config, tuple(template_dirs), feed_fallback_time)
    return flatten(ordered_map(_render_range, tasks, jobs, _start_worker, setup_args))


def _start_worker(
    pages: Sequence[Page], config: SiteConfig, dirs: tuple[Path, ...], fallback: str
) -> None:
    global _worker_pages, _worker_renderer
    _worker_pages = pages
    _worker_renderer = SiteRenderer(config, dirs, fallback)


def _render_range(indexes: range) -> list[bytes]:
    assert _worker_renderer is not None
    return [_worker_renderer.render_page(_worker_pages[i]) for i in indexes]
