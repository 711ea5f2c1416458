"""What finds the entities of one text: the language's model and rules, run in a worker.

The topic cache's keys digest this module and what it imports (`find.EXTRACTION_CODE`):
the code that decides what a text's entities are and no more, so that changing how the
cache is driven (`find`) keeps every user's cache.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgen.topics.english_ner import english_mentions
from newsgen.topics.entities import FoundEntity, Mention, count_entities
from newsgen.topics.text_slices import text_slices

if TYPE_CHECKING:
    from newsgen.records import Article
    from newsgen.topics.russian_ner import RussianNer

# Extractors read a text in slices of at most this many characters, so their memory and
# time per slice are bounded whatever the article's length. Real news articles are shorter
# (the longest of 123 real ones: 8,870 characters) and are read whole, as one slice.
SLICE_CHARS = 20_000
# Characters the model reads in one batch, padding included: its memory at worst (a
# token a character or two) is about 8 KB a token. Which texts share a batch does not
# change what the model finds in each.
_BATCH_CHARS = 40_000


@dataclass(frozen=True)
class ArticleText:
    """What extraction reads of an article: its language, text, and where the lede ends."""

    lang: str
    text: str
    lede_end: int


def article_text(article: Article) -> ArticleText:
    """The text extraction reads; a title written apart from the body counts as lede."""
    lede, *rest = article.paragraphs
    if article.title not in lede:
        lede = f"{article.title}\n\n{lede}"
    return ArticleText(article.lang, "\n\n".join([lede, *rest]), len(lede))


_russian: RussianNer | None = None  # loaded once per worker process


def load_models() -> None:
    global _russian
    # One thread per worker process: the processes already use every core.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    if _russian is None:
        from newsgen.topics.russian_ner import RussianNer

        _russian = RussianNer()


def extract_batch(texts: Sequence[ArticleText]) -> list[list[FoundEntity]]:
    russian = [t for t in texts if t.lang == "ru"]
    found = dict(zip(map(id, russian), _russian_mentions(russian), strict=True))
    return [count_entities(_mentions(t, found), t.lede_end) for t in texts]


def _russian_mentions(texts: Sequence[ArticleText]) -> list[list[Mention]]:
    """The Russian model's mentions in each text, the slices of all texts tagged in batches."""
    assert _russian is not None
    sliced = [text_slices(t.text, SLICE_CHARS) for t in texts]
    groups = _padded_groups([piece for pieces in sliced for _, piece in pieces])
    found = itertools.chain.from_iterable(_russian.mentions(group) for group in groups)
    return [
        [_shifted(mention, offset) for offset, _ in pieces for mention in next(found)]
        for pieces in sliced
    ]


def _padded_groups(pieces: list[str]) -> Iterator[list[str]]:
    """Give `pieces` in order, in groups the model reads in batches of bounded memory.

    The model pads a batch to its longest text and holds it whole: a group's count times
    its longest is kept within `_BATCH_CHARS`. (16 slices of initials «А. А. …» took 2 GB.)
    """
    group: list[str] = []
    longest = 0
    for piece in pieces:
        if group and (len(group) + 1) * max(longest, len(piece)) > _BATCH_CHARS:
            yield group
            group, longest = [], 0
        group.append(piece)
        longest = max(longest, len(piece))
    if group:
        yield group


def _mentions(text: ArticleText, russian: dict[int, list[Mention]]) -> list[Mention]:
    if text.lang == "ru":
        return russian[id(text)]
    if text.lang == "en":
        return [
            _shifted(mention, offset)
            for offset, piece in text_slices(text.text, SLICE_CHARS)
            for mention in english_mentions(piece)
        ]
    return []


def _shifted(mention: Mention, offset: int) -> Mention:
    """The mention as found in a slice, placed in the whole text (where the lede ends)."""
    return dataclasses.replace(mention, start=mention.start + offset) if offset else mention
