"""The tag scores of natasha's news NER model: slovnet's network, without its copies.

slovnet runs the network channel-first, as torch does: each convolution pads its input,
then gathers its windows across rows of the array (a slow, scattered copy), and the
layers swap axes back and forth. Kept channel-last, the windows are copied from
contiguous rows. Every sum and product is slovnet's own, in its order, on arrays of the
same shapes, so the scores are the same to the last bit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float32]


def tag_scores(
    model: Any,
    word_ids: NDArray[np.int64],
    shape_ids: NDArray[np.int64],
    pad_mask: NDArray[np.bool_],
) -> Floats:
    """The score of each tag for each token (batch x tokens x tags), as slovnet's
    `model(word_ids, shape_ids, pad_mask)` gives them."""
    scores = _embedded(model.emb, word_ids, shape_ids)
    for layer in model.encoder.layers:
        scores = _conv(layer.conv, scores)
        scores.clip(0, out=scores)  # ReLU
        _normalise(layer.norm, scores)
        scores[pad_mask] = 0
    projected: Floats = model.head.proj(scores)
    return projected


def _embedded(emb: Any, word_ids: NDArray[np.int64], shape_ids: NDArray[np.int64]) -> Floats:
    """slovnet's `WordShapeEmbedding`: each word's navec vector, then its shape's.

    navec keeps a word's vector as an index per part of it (100 here), each into that
    part's own table of pieces; read as one table, the pieces are gathered in one
    `take`, several times faster than slovnet's indexing of both.
    """
    navec = emb.word
    parts, pieces, piece_size = navec.codes.array.shape
    table = navec.codes.array.reshape(parts * pieces, piece_size)
    indexes = navec.indexes.array[word_ids.ravel()].astype(np.intp)
    indexes += np.arange(parts) * pieces
    words = np.take(table, indexes, axis=0).reshape(*word_ids.shape, parts * piece_size)
    shapes = np.take(emb.shape.weight.array, shape_ids, axis=0)
    return np.concatenate((words, shapes), axis=-1)


def _conv(conv: Any, input: Floats) -> Floats:
    """slovnet's `Conv1d` over channel-last input (batch x tokens x channels), same out."""
    filters, channels, kernel = conv.weight.shape
    batch, length, _ = input.shape
    count = length + 2 * conv.padding - kernel + 1
    windows = np.empty((batch, count, channels, kernel), dtype=input.dtype)
    for offset in range(kernel):
        # Window w reads token w + offset - padding; before the first or after the last
        # token, a zero.
        shift = offset - conv.padding
        first, last = max(0, -shift), min(count, length - shift)
        windows[:, first:last, :, offset] = input[:, first + shift : last + shift]
        windows[:, :first, :, offset] = 0
        windows[:, last:, :, offset] = 0
    weight = conv.weight.array.reshape(filters, channels * kernel)
    output: Floats = np.matmul(windows.reshape(batch * count, channels * kernel), weight.T)
    output += conv.bias.array
    return output.reshape(batch, count, filters)


def _normalise(norm: Any, scores: Floats) -> None:
    """slovnet's `BatchNorm1d`, in place: the same operations in the same order."""
    scores -= norm.mean.array
    scores /= norm.std.array
    scores *= norm.weight.array
    scores += norm.bias.array
