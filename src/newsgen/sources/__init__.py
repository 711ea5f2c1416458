"""The load stage: source files to `Article` records and the problems found."""

from newsgen.sources.load import LoadResult, load_sources
from newsgen.sources.load_memo import LoadMemo

__all__ = ["LoadMemo", "LoadResult", "load_sources"]
