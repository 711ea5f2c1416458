"""Dictionary forms of Russian names found in text: «Банка России» → «Банк России».

natasha's own `normalize` lower-cases and lemmatises every word of a span, which garbles
multi-word names («банк россия»). Here only the words up to the name's head noun are put
in the nominative, in agreement with each other; the words after the head (genitive
complements such as «России» or «сотрудничества») stay as written, and each word keeps
the capitalisation it had in the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, Protocol

NOUN_TAGS = frozenset({"NOUN"})
ADJECTIVE_TAGS = frozenset({"ADJF", "PRTF"})
NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_ON_RIVER = re.compile(r"(?i)-(?:на|над|под|де|сюр)-")
# The dictionary marks place names (Geox) and organisation names (Orgn): prefer those readings.
_PREFERRED = {"place": "Geox", "organisation": "Orgn"}
_QUOTES = "«»\"'„“”"
_ALL_CAPS = re.compile(r"[A-ZА-ЯЁ0-9]{2,}")
# Russian and Central Asian surnames pymorphy does not know: inflected ending → nominative.
_MASCULINE_SURNAME = re.compile(r"(?i)^(.*(?:ов|ев|ёв|ин|ын))(?:а|у|ым|е)$")
# A foreign man's surname declines like a noun: «Брукса», «Бруксу», «Бруксом», «Бруксе».
_MASCULINE_ENDINGS = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ом", "loct": "е"}
_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_ACRONYM_WITH_ENDING = re.compile(r"([A-ZА-ЯЁ]{2,})(?:а|у|ом|е|ы|ов|ам|ах)")
# A consonant-stem noun's ending in the cases that follow a preposition.
_CONSONANT_STEM_ENDING = re.compile(r"(.*[бвгджзклмнпрстфхцчшщ])(?:а|у|е|ом)")
_CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщ]$")
_OBLIQUE_CONSONANT_ENDING = re.compile(r"(?:ом|ем|ём|ов|ев|ёв|ам|ям|ым|им|ах|ях|их|ых)$")
_FEMININE_SURNAME = re.compile(r"(?i)^(.*(?:ов|ев|ёв|ин|ын))(?:ой|у)$")


class Analyzer(Protocol):
    """What we use of pymorphy's MorphAnalyzer (natasha's MorphVocab is one)."""

    def parse(self, word: str) -> list[Any]: ...

    def __hash__(self) -> int: ...  # one analyzer per process keys the memos of words


def nominative_name(
    words: Sequence[str],
    kind: str,
    analyzer: Analyzer,
    first_names: frozenset[str] = frozenset(),
    after_preposition: bool = False,
) -> str:
    """Give the dictionary form of a name written as `words`, for a person, place or org.

    `first_names` (lower case) tells given names the dictionary does not know, such as
    «Ерлан», so that «Ерлана Касымова» is read as a man's name in the genitive.
    `after_preposition`: the name follows a preposition, so it is not in the nominative.
    """
    words = [_acronym(w.strip(_QUOTES)) for w in words if w.strip(_QUOTES)]
    if not words:
        return ""
    if kind == "place" and after_preposition and len(words) == 1:
        return _unknown_place(words[0], analyzer)
    if kind == "place" and len(words) == 1 and _unknown_consonant_stem(words[0], analyzer):
        return words[0]  # «районе Тоттенхэм»: no case of such a noun ends so
    if kind == "person":
        words = _from_first_name(words, analyzer, first_names)
        return " ".join(_person_words(words, analyzer, first_names))
    return " ".join(_phrase_words(words, analyzer, kind))


def _acronym(word: str) -> str:
    """«МИДа», «МВФом» → «МИД», «МВФ»: an acronym does not decline, though it is written so."""
    match = _ACRONYM_WITH_ENDING.fullmatch(word)
    return match.group(1) if match else word


def _unknown_place(word: str, analyzer: Analyzer) -> str:
    """A place the dictionary does not know, after a preposition: «в Ньюпорте», «из
    Бенрата» → «Ньюпорт», «Бенрат». Such a name is most often a consonant-stem noun; the
    guesser reads it as feminine («Ньюпорта»). A known place goes the usual way."""
    match = _CONSONANT_STEM_ENDING.fullmatch(word)
    if match and not is_known(analyzer, _last_part(word)):
        return match.group(1)
    return " ".join(_phrase_words([word], analyzer, "place"))


def _unknown_consonant_stem(word: str, analyzer: Analyzer) -> bool:
    """Whether `word`, unknown to the dictionary, ends as only a consonant-stem noun's
    nominative does («Тоттенхэм», «Ньюпорт»; not «Ньюпортом», «Штатов»)."""
    if _OBLIQUE_CONSONANT_ENDING.search(word) or not _CONSONANT_END.search(word):
        return False
    return not is_known(analyzer, _last_part(word))


def _from_first_name(
    words: Sequence[str], analyzer: Analyzer, first_names: frozenset[str]
) -> Sequence[str]:
    """Drop words the model took in before a long name («Казахтелекома Айгерим Нурланова»);
    without a known first name, the name is kept whole («Аун Сан Су Чжи»)."""
    if len(words) <= 2:
        return words
    for index, word in enumerate(words[:-1]):
        parses = readings(analyzer, _last_part(word))
        if any("Name" in p.tag.grammemes or p.normal_form in first_names for p in parses):
            return words[index:]
    return words


def _person_words(
    words: Sequence[str], analyzer: Analyzer, first_names: frozenset[str]
) -> list[str]:
    grammar = _person_grammar(words, analyzer, first_names)
    return [_person_nominative(word, analyzer, grammar, first_names) for word in words]


def _person_grammar(
    words: Sequence[str], analyzer: Analyzer, first_names: frozenset[str]
) -> tuple[str, str] | None:
    """The case and gender that the most name parses of the words agree on."""
    votes: dict[tuple[str, str], float] = {}
    for position, word in enumerate(words):
        for parse in readings(analyzer, _last_part(word)):
            known_first = position == 0 and len(words) > 1 and parse.normal_form in first_names
            if parse.tag.number == "plur":
                continue  # a person's name is singular («Байжанова» is not «Байжаны»)
            if parse.tag.POS in NOUN_TAGS and (known_first or NAME_TAGS & parse.tag.grammemes):
                for gender in _genders(parse):
                    key = (str(parse.tag.case), gender)
                    votes[key] = votes.get(key, 0.0) + parse.score + known_first
    return max(votes, key=lambda key: (votes[key], key)) if votes else None


def _genders(parse: Any) -> tuple[str, ...]:
    gender = str(parse.tag.gender)
    return ("masc", "femn") if gender in ("ms-f", "None") else (gender,)


def _phrase_words(words: Sequence[str], analyzer: Analyzer, kind: str) -> list[str]:
    if _ALL_CAPS.fullmatch(words[0]):
        return list(words)  # «МИД России», «США»: abbreviations do not decline
    head = _head_index(words, analyzer)
    if head is None:
        return list(words)
    head_parse = _head_parse(words[: head + 1], analyzer, _PREFERRED.get(kind, ""))
    if head_parse is None or str(head_parse.tag.case) == "nomn":
        return list(words)
    inflected = [_agreeing_nominative(w, head_parse, analyzer) for w in words[:head]]
    inflected.append(_inflected(head_parse, words[head]))
    return inflected + list(words[head + 1 :])


def _head_index(words: Sequence[str], analyzer: Analyzer) -> int | None:
    """The first word that is a noun rather than an adjective or participle."""
    for index, word in enumerate(words):
        parses = readings(analyzer, _last_part(word))
        if parses and parses[0].tag.POS in NOUN_TAGS:
            return index
        if not parses or parses[0].tag.POS not in ADJECTIVE_TAGS:
            return None
    return None


def _head_parse(words: Sequence[str], analyzer: Analyzer, preferred: str) -> Any | None:
    """The parse of the head noun (the last of `words`) that its adjectives agree with best."""
    candidates = [p for p in readings(analyzer, _last_part(words[-1])) if p.tag.POS in NOUN_TAGS]
    if not candidates:
        return None

    def agreement(parse: Any) -> float:
        matching = sum(
            max(
                (a.score for a in readings(analyzer, _last_part(w)) if _agrees(a, parse)), default=0
            )
            for w in words[:-1]
        )
        return float(matching + parse.score + (preferred in parse.tag.grammemes))

    return max(candidates, key=agreement)


def _agrees(adjective: Any, noun: Any) -> bool:
    tag, head = adjective.tag, noun.tag
    if tag.POS not in ADJECTIVE_TAGS or tag.case != head.case or tag.number != head.number:
        return False
    return bool(head.number == "plur" or tag.gender == head.gender)


def _agreeing_nominative(word: str, head_parse: Any, analyzer: Analyzer) -> str:
    for parse in readings(analyzer, _last_part(word)):
        if _agrees(parse, head_parse):
            return _inflected(parse, word)
    return word


def _inflected(parse: Any, word: str) -> str:
    """The nominative of `parse`, shaped like `word` (its parts that do not decline kept)."""
    before, part, after = _declining_part(word)
    form = parse.inflect({"nomn"})
    return before + (_same_shape(form.word, part) if form is not None else part) + after


def _person_nominative(
    word: str, analyzer: Analyzer, grammar: tuple[str, str] | None, first_names: frozenset[str]
) -> str:
    """One word of a person's name in the nominative, preferring readings as a name."""
    before, part, after = _declining_part(word)
    if grammar is None or grammar[0] == "nomn" or _ALL_CAPS.fullmatch(part):
        return word
    case, gender = grammar
    parses = [
        p
        for p in readings(analyzer, part)
        if str(p.tag.case) == case and p.tag.POS in NOUN_TAGS and p.tag.number != "plur"
    ]

    def rank(parse: Any) -> tuple[bool, bool, float]:
        named = bool(NAME_TAGS & parse.tag.grammemes) or parse.normal_form in first_names
        return (not named, gender not in _genders(parse), -parse.score)

    for parse in sorted(parses, key=rank):
        form = parse.inflect({"nomn"})
        if form is not None:
            return before + _same_shape(form.word, part) + after
    return before + _surname_by_ending(part, gender, case) + after


def _surname_by_ending(word: str, gender: str, case: str) -> str:
    """«Нурлановой» → «Нурланова», «Брукса» → «Брукс», for names not in the dictionary."""
    if gender == "femn":
        match = _FEMININE_SURNAME.match(word)
        return f"{match.group(1)}а" if match else word
    match = _MASCULINE_SURNAME.match(word)
    if match:
        return match.group(1)
    ending = _MASCULINE_ENDINGS.get(case, "")
    stem = word[: -len(ending)] if ending and word.endswith(ending) else ""
    return stem if stem[-1:].lower() in _CONSONANTS else word


def _same_shape(form: str, original: str) -> str:
    """Give `form` capitalised the way `original` was."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _declining_part(word: str) -> tuple[str, str, str]:
    """Split `word` around its part that declines: `Касым-|Жомартом|`, `|Ростове|-на-Дону`."""
    match = _ON_RIVER.search(word)
    if match:
        return "", word[: match.start()], word[match.start() :]
    before, hyphen, last = word.rpartition("-")
    if last.isdigit() and before:  # «Формулы-1»: the number does not decline
        return "", before, hyphen + last
    return before + hyphen, last, ""


def _last_part(word: str) -> str:
    return _declining_part(word)[1]


@functools.lru_cache(maxsize=200_000)
def _cached_parses(analyzer_id: int, word: str) -> tuple[Any, ...]:
    return tuple(_ANALYZERS[analyzer_id].parse(word))


@functools.lru_cache(maxsize=200_000)
def _cached_known(analyzer_id: int, word: str) -> bool:
    parses = _cached_parses(analyzer_id, word)
    return bool(parses) and bool(parses[0].is_known)  # every reading of a word agrees


_ANALYZERS: dict[int, Analyzer] = {}


def readings(analyzer: Analyzer, word: str) -> tuple[Any, ...]:
    """The readings of `word`, remembered: names and their words recur across articles."""
    _ANALYZERS.setdefault(id(analyzer), analyzer)
    return _cached_parses(id(analyzer), word)


def is_known(analyzer: Analyzer, word: str) -> bool:
    """Whether the dictionary knows `word`, remembered (pymorphy3 looks it up each time)."""
    _ANALYZERS.setdefault(id(analyzer), analyzer)
    return _cached_known(id(analyzer), word)
