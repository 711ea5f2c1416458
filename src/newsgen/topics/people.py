"""One person named several ways in an article: «Борис Николаевич Ельцин», «Борис
Ельцин», «Борис Николаевич», «Ельцин» are one person, as a reader takes them.

Groups of mentions, keyed by the identity of a name, are joined into the group of the
person's full name (first name and surname) when the article leaves no doubt which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from newsgen.topics.names import identity, surname_stem

if TYPE_CHECKING:
    from newsgen.topics.entities import Mention

_CASE_ENDING = re.compile(r"(?:а|у|ом|ым|е|ой|ю|я|ем)$")
_INITIAL = re.compile(r"\w\.")
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична)$")
Groups = dict[str, list["Mention"]]
Owner = TypeVar("Owner")


def join_people(groups: Groups) -> None:
    """Join the groups of one person: first names, patronymics, then surnames."""
    _join_first_names(groups)
    _join_full_names_with_patronymic(groups)
    _join_initials(groups)
    _join_surnames(groups)


def _people(groups: Groups, words: Callable[[int], bool]) -> list[str]:
    """The keys of groups of people whose names have a number of words `words` accepts."""
    return [k for k, g in groups.items() if g[0].kind == "person" and words(len(k.split()))]


def _join_first_names(groups: Groups) -> None:
    """«Борис» alone joins the one person whose name starts with it, and «Борис
    Николаевич» the one named «Борис Николаевич …» (not «Борис Абрамович», a surname)."""
    # Owners by the words they start with: a lookup per short name, not a pass over all
    # (an article may name thousands of people).
    owners: dict[tuple[str, ...], list[str]] = {}
    for full in _people(groups, lambda n: n >= 2):
        words = tuple(full.split())
        owners.setdefault(words[:1], []).append(full)
        if len(words) == 3:
            owners.setdefault(words[:2], []).append(full)
    for key in _people(groups, lambda n: n <= 2):
        candidates = [c for c in owners.get(tuple(key.split()), []) if c != key and c in groups]
        if len(candidates) == 1:
            groups[candidates[0]].extend(groups.pop(key))


def _join_full_names_with_patronymic(groups: Groups) -> None:
    """«Борис Николаевич Ельцин» joins «Борис Ельцин» when the article names him so too."""
    for key in _people(groups, lambda n: n == 3):
        first, middle, last = key.split()
        short = f"{first} {last}"
        if _PATRONYMIC.search(middle) and short in groups and groups[short][0].kind == "person":
            groups[short].extend(groups.pop(key))


def _join_surnames(groups: Groups) -> None:
    """A person named by surname alone joins the full name that ends with it: the one
    the article names, or of several, the one spelt alike («Андрей Волков», not «Ольга
    Волкова»), else the one named last before it («Барак Обама … Обама выступал …
    Мишель Обама»); a surname in another case («Лофнеру») as well."""
    owners = _full_names_by_surname(groups)
    for key in [k for k, g in groups.items() if g[0].kind == "person" and " " not in k]:
        candidates = of_surname(owners, key) or []
        spelt_alike = [c for c in candidates if c.split()[-1] == key]  # «Волков», not «Волкова»
        if len(spelt_alike) == 1 or len(candidates) == 1:
            groups[(spelt_alike or candidates)[0]].extend(groups.pop(key))
        elif candidates:
            _join_each_to_the_last_named(groups, key, candidates)


def _join_initials(groups: Groups) -> None:
    """«А. Кудрин» joins the one person named in full whose surname and first letter
    agree («Алексей Кудрин»)."""
    owners = _full_names_by_surname(groups)
    for key in _people(groups, lambda n: n >= 2):
        *initials, surname = key.split()
        if not all(_INITIAL.fullmatch(word) for word in initials):
            continue
        candidates = [
            c for c in of_surname(owners, surname) or [] if c != key and c[0] == initials[0][0]
        ]
        if len(candidates) == 1 and candidates[0] in groups:
            groups[candidates[0]].extend(groups.pop(key))


def _full_names_by_surname(groups: Groups) -> dict[str, list[str]]:
    """Full names by their surname's stem: a lookup per lone surname, not a pass over
    all full names (a text naming 2,000 people and 2,000 surnames took 15 s)."""
    owners: dict[str, list[str]] = {}
    for key, group in groups.items():
        if group[0].kind == "person" and " " in key and not _INITIAL.fullmatch(key.split()[0]):
            owners.setdefault(surname_stem(key.split()[-1]), []).append(key)
    return owners


def of_surname(table: Mapping[str, Owner], word: str) -> Owner | None:
    """What `table` (keyed by `surname_stem`) holds for the surname `word` is, in any
    case: «Касымова» and «Касымов», or a foreign «Лофнеру» and «Лофнер»."""
    return table.get(surname_stem(word)) or table.get(without_case_ending(identity(word)))


def without_case_ending(word: str) -> str:
    """«лофнеру» → «лофнер»: a foreign surname's stem, its case ending taken off."""
    match = _CASE_ENDING.search(word)
    return word[: match.start()] if match and match.start() >= 3 else word


def _join_each_to_the_last_named(groups: Groups, key: str, candidates: list[str]) -> None:
    """Each mention of the lone surname `key` joins the candidate named last before it."""
    starts = sorted((m.start, c) for c in candidates for m in groups[c])
    kept = []
    for mention in groups.pop(key):
        before = [owner for start, owner in starts if start < mention.start]
        if before:
            groups[before[-1]].append(mention)
        else:
            kept.append(mention)
    if kept:
        groups[key] = kept
