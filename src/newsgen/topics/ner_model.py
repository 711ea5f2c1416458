"""natasha's news NER model run lean: the spans slovnet's `NER.map` gives, found faster.

For news, slovnet spends more time around its model than in it: it tokenizes each text
twice, makes a record of every token, tag and span, encodes the same words again and
again, and walks the CRF's best paths back one token at a time. Here the same loaded
model reads the same batches, so its arithmetic, and what it finds, are the same; the
text is tokenized once, words are encoded through a memo, and the best paths of a batch
are followed back together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from navec import Navec
from numpy.typing import NDArray
from slovnet import NER
from slovnet.shape import word_shape

from newsgen.topics.ner_network import tag_scores
from newsgen.topics.ner_tokens import token_offsets

# Distinct words whose codes a process remembers: news reuses most of its words, and a
# huge archive's rare ones (names, numbers) must not fill memory. About 15 MB at most.
_MEMO_WORDS = 1 << 16

Tokens = list[tuple[int, int]]  # (start, stop) of each token of a text


class NerSpan(NamedTuple):
    """A name the model found: where it is in the text and its type (PER, LOC or ORG)."""

    start: int
    stop: int
    type: str


def news_tagger(data: Path, batch_size: int) -> Any:
    """slovnet's NER with natasha's news model and embeddings, from natasha's `data`."""
    tagger = NER.load(str(data / "model" / "slovnet_ner_news_v1.tar"), batch_size=batch_size)
    return tagger.navec(Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar")))


class NerModel:
    """The spans slovnet's `tagger.map` gives for texts, from the model it has loaded."""

    def __init__(self, tagger: Any) -> None:
        infer = tagger.infer
        self._model = infer.model
        self._batch_size: int = tagger.batch_size
        words, shapes = infer.encoder.words_vocab, infer.encoder.shapes_vocab
        self._pads: tuple[int, int] = (words.pad_id, shapes.pad_id)
        self._codes = lru_cache(maxsize=_MEMO_WORDS)(partial(_word_codes, words, shapes))
        self._tags = [_bio_tag(tag) for tag in infer.decoder.tags_vocab.items]
        self._transitions: NDArray[np.float32] = self._model.head.crf.transitions.array

    def spans(self, texts: Sequence[str]) -> Iterator[list[NerSpan]]:
        """Yield the spans of each text, in order, reading texts in slovnet's batches."""
        for start in range(0, len(texts), self._batch_size):
            yield from self._batch_spans(texts[start : start + self._batch_size])

    def _batch_spans(self, texts: Sequence[str]) -> list[list[NerSpan]]:
        tokens = [token_offsets(text) for text in texts]
        if not any(tokens):
            return [[] for _ in texts]  # slovnet fails on a batch with no token at all
        word_ids, shape_ids = self._encoded(texts, tokens)
        pad_mask = word_ids == self._pads[0]
        emissions = tag_scores(self._model, word_ids, shape_ids, pad_mask)
        paths = best_paths(emissions, ~pad_mask, self._transitions)
        return [self._spans(offsets, path) for offsets, path in zip(tokens, paths, strict=True)]

    def _encoded(
        self, texts: Sequence[str], tokens: list[Tokens]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The word and shape ids of each text's tokens, padded to the longest text."""
        codes = [
            self._codes(text[a:b])
            for text, offsets in zip(texts, tokens, strict=True)
            for a, b in offsets
        ]
        lengths = np.array([len(offsets) for offsets in tokens])
        filled = np.arange(lengths.max()) < lengths[:, None]  # row by row, as `codes` is
        word_ids = np.full(filled.shape, self._pads[0], dtype=np.int64)
        shape_ids = np.full(filled.shape, self._pads[1], dtype=np.int64)
        flat = np.array(codes, dtype=np.int64).reshape(-1, 2)
        word_ids[filled] = flat[:, 0]
        shape_ids[filled] = flat[:, 1]
        return word_ids, shape_ids

    def _spans(self, tokens: Tokens, path: list[int]) -> list[NerSpan]:
        """The spans a text's BIO tags mark, as slovnet's `bio_spans` reads them."""
        spans = []
        kind: str | None = None
        start = stop = 0
        for (token_start, token_stop), tag in zip(tokens, path, strict=True):
            part, tag_kind = self._tags[tag]
            if part == "I":
                stop = token_stop
            elif part in ("O", "B") and kind:  # «<pad>», a tag never meant, changes nothing
                spans.append(NerSpan(start, stop, kind))
                kind = None
            if part == "B":
                kind, start, stop = tag_kind, token_start, token_stop
        if kind:
            spans.append(NerSpan(start, stop, kind))
        return spans


def best_paths(
    emissions: NDArray[np.float32], mask: NDArray[np.bool_], transitions: NDArray[np.float32]
) -> list[list[int]]:
    """The CRF's most likely tags for each text of a batch (Viterbi), as slovnet's
    `CRF.decode` finds them, each as long as its text.

    The scores are summed in slovnet's order, so ties break the same way.
    """
    batch_size, length, _ = emissions.shape
    score = emissions[:, 0]
    history = np.empty((max(length - 1, 0), batch_size, transitions.shape[0]), dtype=np.intp)
    for index in range(1, length):
        candidates = score[:, :, None] + transitions + emissions[:, index, None, :]
        history[index - 1] = candidates.argmax(1)
        score = np.where(mask[:, index, None], candidates.max(1), score)
    lengths = mask.sum(1)
    best = score.argmax(1)
    rows = np.arange(batch_size)
    paths = np.empty((batch_size, length), dtype=np.intp)
    paths[:, -1] = best
    # Back from each text's last token; a shorter text's tag stays put until then.
    for index in range(length - 2, -1, -1):
        best = np.where(index < lengths - 1, history[index][rows, best], best)
        paths[:, index] = best
    return [path[:size] for path, size in zip(paths.tolist(), lengths.tolist(), strict=True)]


def _word_codes(words: Any, shapes: Any, word: str) -> tuple[int, int]:
    """A word's ids in the model's vocabularies of words and of shapes, as slovnet's."""
    return words.encode(word.lower()), shapes.encode(word_shape(word))


def _bio_tag(tag: str) -> tuple[str, str | None]:
    """A tag's part (B, I, O or «<pad>») and its type, as slovnet's `parse_bio`."""
    part, _, kind = tag.partition("-")
    return part, kind or None
