"""The load stage: source files to `Article` records and the problems found."""

from newsgen.sources.discover import SourceFiles, find_sources
from newsgen.sources.load import LoadResult, load_sources
from newsgen.sources.load_memo import Limits, LoadMemo
from newsgen.sources.load_store import read_load_memo, write_load_memo

__all__ = [
    "Limits",
    "LoadMemo",
    "LoadResult",
    "SourceFiles",
    "find_sources",
    "load_sources",
    "read_load_memo",
    "write_load_memo",
]
