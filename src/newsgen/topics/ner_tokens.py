"""razdel's tokens, the ones natasha's NER model was trained on, found with less work.

razdel cuts a text into atoms (a run of Cyrillic or Latin letters or of digits, or one
other character), then asks its rules, at each pair of atoms with no space between
them, whether they make one token («1,5», «из-за», «?!», «:-)»). It makes a record of
every atom and every pair, and finds each token again in the text to give its offsets.
Here the atoms come from razdel's own pattern and the rules are razdel's, asked only
where atoms touch, with the offsets known from the start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from razdel.segmenters.punct import DASHES, ENDINGS
from razdel.segmenters.tokenize import ATOM, INT, LAT, OTHER, PUNCT, RU, SMILE

_LETTERS_OR_OTHER = (OTHER, RU, LAT)


class _Atom(NamedTuple):
    text: str
    kind: str  # RU, LAT, INT, PUNCT or OTHER


class _Touching(NamedTuple):
    """Two atoms with no space between them, the atoms either side, and the token so far
    (razdel's `TokenSplit`)."""

    before: _Atom | None
    left: _Atom
    right: _Atom
    after: _Atom | None
    token: str


def token_offsets(text: str) -> list[tuple[int, int]]:
    """The (start, stop) of each token razdel's `tokenize` gives for `text`, in order."""
    atoms = list(ATOM.finditer(text))
    tokens: list[tuple[int, int]] = []
    stop = -1
    for index, atom in enumerate(atoms):
        touches = atom.start() == stop
        stop = atom.end()
        if touches and _joined(_touching(text, atoms, index, tokens[-1][0])):
            tokens[-1] = (tokens[-1][0], stop)
        else:
            tokens.append((atom.start(), stop))
    return tokens


def _touching(text: str, atoms: list[re.Match[str]], index: int, token_start: int) -> _Touching:
    """The pair of touching atoms that ends at `atoms[index]`, in a token from `token_start`."""
    return _Touching(
        _atom(atoms[index - 2]) if index > 1 else None,
        _atom(atoms[index - 1]),
        _atom(atoms[index]),
        _atom(atoms[index + 1]) if index + 1 < len(atoms) else None,
        text[token_start : atoms[index].start()],
    )


def _atom(match: re.Match[str]) -> _Atom:
    return _Atom(match.group(), match.lastgroup or OTHER)


def _joined(pair: _Touching) -> bool:
    """Whether razdel's rules make one token of two touching atoms.

    razdel takes the first rule with an answer; as no rule ever answers «split», that
    is any rule answering «join».
    """
    return (
        any(_joined_across(pair, sign, joins) for sign, joins in _ACROSS_A_SIGN)
        or _punctuation(pair)
        or _other_characters(pair)
        or (pair.left.text.lower() == "yahoo" and pair.right.text == "!")
    )


def _joined_across(
    pair: _Touching, sign: Callable[[str], bool], joins: Callable[[_Atom, _Atom], bool]
) -> bool:
    """razdel's `Rule2112`: when one of the pair is a sign («-» in «из-за»), whether the
    atoms either side of the sign join."""
    first: _Atom | None
    second: _Atom | None
    if sign(pair.left.text):
        first, second = pair.before, pair.right
    elif sign(pair.right.text):
        first, second = pair.left, pair.after
    else:
        return False
    return first is not None and second is not None and joins(first, second)


def _no_punctuation(first: _Atom, second: _Atom) -> bool:
    return bool(first.kind != PUNCT and second.kind != PUNCT)


def _numbers(first: _Atom, second: _Atom) -> bool:
    return bool(first.kind == INT and second.kind == INT)


# razdel's dash, underscore, float and fraction rules: the sign, and who joins across it.
_ACROSS_A_SIGN: list[tuple[Callable[[str], bool], Callable[[_Atom, _Atom], bool]]] = [
    (lambda text: text in DASHES, _no_punctuation),
    (lambda text: text == "_", _no_punctuation),
    (lambda text: text in ".,", _numbers),
    (lambda text: text in "/\\", _numbers),
]


def _punctuation(pair: _Touching) -> bool:
    """razdel's `punct` rule: a smiley, «?!» and «...», «--» and «**» are one token."""
    left, right = pair.left.text, pair.right.text
    return (
        pair.left.kind == PUNCT
        and pair.right.kind == PUNCT
        and (
            bool(SMILE.match(pair.token + right))
            or (left in ENDINGS and right in ENDINGS)
            or left + right in ("--", "**")
        )
    )


def _other_characters(pair: _Touching) -> bool:
    """razdel's `other` rule: a character of no class joins letters and its like («ΔP»)."""
    left, right = pair.left.kind, pair.right.kind
    return (left == OTHER and right in _LETTERS_OR_OTHER) or (
        left in _LETTERS_OR_OTHER and right == OTHER
    )
