"""Cutting long texts into slices of bounded length, never inside a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgen.topics.text_slices import text_slices


def pieces(text: str, max_chars: int) -> list[str]:
    return [piece for _, piece in text_slices(text, max_chars)]


def test_a_text_within_the_limit_is_one_slice() -> None:
    assert text_slices("Первый абзац.\n\nВторой.", 22) == [(0, "Первый абзац.\n\nВторой.")]


def test_a_slice_ends_after_the_last_paragraph_break_that_fits() -> None:
    text = "Один. Два.\n\nТри. Четыре.\n\nПять шесть семь."
    assert pieces(text, 30) == ["Один. Два.\n\nТри. Четыре.\n\n", "Пять шесть семь."]


def test_a_long_paragraph_is_cut_after_a_sentence_then_at_a_space() -> None:
    text = "Касым-Жомарт Токаев прибыл. Дональд Трамп встретил его у входа в здание"
    assert pieces(text, 40) == [
        "Касым-Жомарт Токаев прибыл. ",
        "Дональд Трамп встретил его у входа в ",
        "здание",
    ]


def test_a_run_without_spaces_is_cut_at_the_limit() -> None:
    assert pieces("я" * 25, 10) == ["я" * 10, "я" * 10, "я" * 5]


words = st.text(alphabet="абвгд", min_size=1, max_size=12)
separators = st.sampled_from([" ", ". ", "\n", "\n\n", "!\n\n "])


@given(st.lists(st.tuples(words, separators), max_size=60), st.integers(13, 80))
def test_slices_cover_the_text_in_order_and_never_cut_a_word(
    parts: list[tuple[str, str]], max_chars: int
) -> None:
    text = "".join(word + separator for word, separator in parts)
    sliced = text_slices(text, max_chars)
    assert "".join(piece for _, piece in sliced) == text
    assert all(text[offset:].startswith(piece) for offset, piece in sliced)
    assert all(len(piece) <= max_chars for _, piece in sliced)
    # Words are at most 12 letters, so there is always a space to cut at.
    cuts = [offset for offset, _ in sliced[1:]]
    assert not any(text[cut - 1].isalpha() and text[cut].isalpha() for cut in cuts)
