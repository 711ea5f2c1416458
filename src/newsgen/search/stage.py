"""The search stage of a build: which parts of the index are due, and indexing them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from newsgen.output.writer import SiteWriter
from newsgen.plan.pages import ArticleContext, Page, SearchContext
from newsgen.plan.search_parts import SearchPart
from newsgen.render.page_keys import PageKeys
from newsgen.search.index import is_current, keep_bundle, search_key, update_search
from newsgen.urls import month_of
from newsgen.wording import counted

SEARCH_LEFT_FOR_LATER = "left for later"


def stage_search(
    writer: SiteWriter,
    pages: Sequence[Page],
    keys: PageKeys,
    known: Mapping[str, str],
    language: str,
    later: bool = False,
    told: Callable[[int, int], None] | None = None,
    remembered: Mapping[str, str] | None = None,
    jobs: int = 1,
) -> str:
    """Stage the search bundle for the articles' pages; say whether it was made or kept.

    With `later` (`newsgen serve`), a part whose articles changed is kept as it is, for a
    later build; only a part with no bundle at all is indexed now. `remembered` gives the
    record key of the articles whose pages were not planned again (kept as they are).
    `jobs`: how many parts may be indexed at once.
    """
    parts = part_keys(pages, keys, language, remembered or {})
    if not parts:
        return "not made (no articles)"
    deferred = {
        part
        for part, key in parts.items()
        if later and not is_current(known, part, key) and keep_bundle(writer, known, part, None)
    }
    due = {part: key for part, key in parts.items() if part not in deferred}
    indexed = update_search(writer, due, known, language, told, jobs)
    if deferred:
        return SEARCH_LEFT_FOR_LATER
    if not indexed:
        return "kept"
    return f"indexed ({indexed} of {counted(len(parts), 'part')})"


def part_keys(
    pages: Sequence[Page], keys: PageKeys, language: str, remembered: Mapping[str, str]
) -> dict[SearchPart, str]:
    """The parts of the search index (as the search page lists them), each with its key.

    A part's key digests its articles, not their pages: what is indexed of a page is the
    article's own text, so a neighbour's new title (on the page) needs no new index.
    `remembered` gives the record keys of articles known unchanged (their pages kept).
    """
    search = [page.context for page in pages if isinstance(page.context, SearchContext)]
    parts = search[0].parts if search else ()
    part_of = {month: part for part in parts for month in part.months}
    articles: dict[SearchPart, dict[str, str]] = {part: {} for part in parts}
    for path, key in remembered.items():
        articles[part_of[month_of(path)]][path] = key
    for page in pages:
        if isinstance(page.context, ArticleContext) and page.path not in remembered:
            article = page.context.article
            articles[part_of[month_of(page.path)]][page.path] = keys.record_key(article)
    return {part: search_key(articles[part], language) for part in parts}
