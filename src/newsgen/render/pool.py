"""Rendering every page of the site, in order, on all cores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from newsgen.config import SiteConfig
from newsgen.parallel import Jobs, chunks, flatten, ordered_map
from newsgen.plan.pages import Page
from newsgen.render.jinja import SiteRenderer
from newsgen.render.template_files import TemplateSources, read_templates

_PAGES_PER_TASK = 50

# Set once in each worker process by `_start_worker`; forked workers share the pages.
_worker_pages: Sequence[Page] = ()
_worker_renderer: SiteRenderer | None = None


def render_pages(
    pages: Sequence[Page],
    config: SiteConfig,
    template_dirs: Sequence[Path],
    jobs: Jobs,
    feed_fallback_time: str,
    salt: bytes = b"",
) -> Iterator[bytes]:
    """Yield the bytes of each page of `pages`, in the same order. `salt`, the pages' render
    salt, lets a process that renders again (`newsgen serve`) keep its compiled templates
    while it holds."""
    tasks = chunks(len(pages), _PAGES_PER_TASK)
    if not isinstance(jobs, int):  # a cluster: each task carries its pages, and the
        # templates go as their sources (a worker elsewhere has no such folders)
        shared = (config, read_templates(template_dirs), feed_fallback_time, salt)
        parts = [pages[part.start : part.stop] for part in tasks]
        return flatten(ordered_map(_render_part, parts, jobs, _start_renderer, shared))
    setup_args = (pages, config, tuple(template_dirs), feed_fallback_time, salt)
    return flatten(ordered_map(_render_range, tasks, jobs, _start_worker, setup_args))


def _start_worker(
    pages: Sequence[Page], config: SiteConfig, dirs: tuple[Path, ...], fallback: str, salt: bytes
) -> None:
    global _worker_pages
    _worker_pages = pages
    _start_renderer(config, dirs, fallback, salt)


def _start_renderer(
    config: SiteConfig, templates: tuple[Path, ...] | TemplateSources, fallback: str, salt: bytes
) -> None:
    global _worker_renderer
    _worker_renderer = _renderer(config, templates, fallback, salt)


_Made = tuple[tuple[Path, ...] | TemplateSources, bytes]
_last_renderer: tuple[_Made, SiteRenderer] | None = None


def _renderer(
    config: SiteConfig, templates: tuple[Path, ...] | TemplateSources, fallback: str, salt: bytes
) -> SiteRenderer:
    """The last renderer when made for the same salt (it digests the settings, the fallback
    time and every template's bytes); else a new one, its templates compiled afresh."""
    global _last_renderer
    if not salt or _last_renderer is None or _last_renderer[0] != (templates, salt):
        _last_renderer = ((templates, salt), SiteRenderer(config, templates, fallback))
    return _last_renderer[1]


def _render_range(indexes: range) -> list[bytes]:
    assert _worker_renderer is not None
    return [_worker_renderer.render_page(_worker_pages[i]) for i in indexes]


def _render_part(pages: Sequence[Page]) -> list[bytes]:
    assert _worker_renderer is not None
    return [_worker_renderer.render_page(page) for page in pages]
