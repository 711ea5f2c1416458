"""The search index: Pagefind over the article pages, in parts."""

from newsgen.search.index import indexer
from newsgen.search.stage import SEARCH_LEFT_FOR_LATER, stage_search

__all__ = ["SEARCH_LEFT_FOR_LATER", "indexer", "stage_search"]
