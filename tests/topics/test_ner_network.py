"""The lean network's tag scores are slovnet's, padding and all: to float32's rounding
(its first layer sums in another order), and with the same best tag everywhere."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from newsgen.topics.ner_model import news_tagger
from newsgen.topics.ner_network import tag_scores
from newsgen.topics.russian_ner import natasha_data_folder


@pytest.fixture(scope="module")
def tagger() -> Any:
    """slovnet's NER with natasha's news model and embeddings (do not modify)."""
    return news_tagger(natasha_data_folder(), batch_size=4)


@pytest.mark.parametrize(
    "lengths", [[1], [2, 1], [30, 7, 0, 30], [64, 3]], ids=["one word", "two", "padded", "long"]
)
def test_the_scores_are_slovnets(tagger: Any, lengths: list[int]) -> None:
    encoder = tagger.infer.encoder
    words, shapes = encoder.words_vocab, encoder.shapes_vocab
    rng = np.random.default_rng(3)
    padded = np.arange(max(lengths)) >= np.array(lengths)[:, None]
    # Any word but the padding, which marks where a text ends.
    word_ids = rng.integers(0, words.pad_id, size=padded.shape)
    shape_ids = rng.integers(0, len(shapes), size=padded.shape)
    word_ids[padded] = words.pad_id
    shape_ids[padded] = shapes.pad_id
    model = tagger.infer.model
    expected = model(word_ids, shape_ids, padded)
    found = tag_scores(model, word_ids, shape_ids, padded)
    assert found.dtype == expected.dtype
    assert np.allclose(found, expected, rtol=1e-5, atol=1e-4)
    assert np.array_equal(found.argmax(-1), expected.argmax(-1))
    # Not the same arrays by chance: the scores span a range far wider than the tolerance.
    assert np.ptp(expected) > 1
