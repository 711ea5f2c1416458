"""The entities an article names, counted: what the topics stage caches per article.

Mentions found by the language's extractor are grouped by name; a person named by
surname alone («Трамп») joins the one full name in the article that ends with it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgen.records import TopicKind

_CASE_ENDING = re.compile(r"(?:а|у|ом|ым|е|ой|ю|я|ем)$")
_SURNAME_ENDING = re.compile(r"(ов|ев|ин|ын|ск)(?:а|у|ым|ой|е|ого|ому|им)$")


@dataclass(frozen=True)
class Mention:
    """One place in the text where a name stands: its kind, dictionary form and offset.

    `same_as`: the name this one is a second name of («КЗЖ» after «Комитет защиты
    журналистов (КЗЖ)»); the article's other mentions of either are of one subject.
    """

    kind: TopicKind
    name: str
    start: int
    same_as: str = ""


@dataclass(frozen=True)
class FoundEntity:
    """A name an article mentions: its kind, dictionary form, mentions, and whether in the lede."""

    kind: TopicKind
    name: str
    mentions: int
    in_lede: bool


def count_entities(mentions: Iterable[Mention], lede_end: int) -> list[FoundEntity]:
    """Group `mentions` by name, join second names and lone surnames to full names, count."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.name:
            groups.setdefault(identity(mention.name), []).append(mention)
    _join_second_names(groups)
    _join_surnames(groups)
    entities = [_entity(group, lede_end) for group in groups.values()]
    return sorted(entities, key=lambda e: (-e.mentions, e.name))


@functools.lru_cache(maxsize=1 << 17)
def identity(name: str) -> str:
    """The identity of a name: case, ё/е, spacing and Unicode form (a macOS file's «й»
    as «и» and a breve) do not make a different one."""
    composed = unicodedata.normalize("NFC", name)
    return " ".join(composed.casefold().replace("ё", "е").split())


def surname_stem(word: str) -> str:
    """«Касымова», «Касымову», «Касымов» → «касымов»: a surname without its ending."""
    return _SURNAME_ENDING.sub(r"\1", identity(word))


def _join_second_names(groups: dict[str, list[Mention]]) -> None:
    """«КЗЖ» defined in brackets after «Комитет защиты журналистов»: every mention of
    either is of one subject."""
    defined = {
        identity(m.name): identity(m.same_as)
        for group in groups.values()
        for m in group
        if m.same_as
    }
    for second, first in defined.items():
        if second != first and second in groups and first in groups:
            groups[first].extend(groups.pop(second))


def _join_surnames(groups: dict[str, list[Mention]]) -> None:
    """A person named by surname alone joins the full name that ends with it: the one
    the article names, or of several, the one spelt alike («Андрей Волков», not «Ольга
    Волкова»), else the one named last before it («Барак Обама … Обама выступал …
    Мишель Обама»); a surname in another case («Лофнеру») as well."""
    # Full names by their surname's stem: a lookup per lone surname, not a pass over all
    # full names (a text naming 2,000 people and 2,000 surnames took 15 s).
    owners: dict[str, list[str]] = {}
    for key, group in groups.items():
        if group[0].kind == "person" and " " in key:
            owners.setdefault(surname_stem(key.split()[-1]), []).append(key)
    for key in [k for k, g in groups.items() if g[0].kind == "person" and " " not in k]:
        candidates = owners.get(surname_stem(key)) or owners.get(_without_case_ending(key), [])
        spelt_alike = [c for c in candidates if c.split()[-1] == key]  # «Волков», not «Волкова»
        if len(spelt_alike) == 1 or len(candidates) == 1:
            groups[(spelt_alike or candidates)[0]].extend(groups.pop(key))
        elif candidates:
            _join_each_to_the_last_named(groups, key, candidates)


def _without_case_ending(word: str) -> str:
    """«лофнеру» → «лофнер»: a foreign surname's stem, its case ending taken off."""
    match = _CASE_ENDING.search(word)
    return word[: match.start()] if match and match.start() >= 3 else word


def _join_each_to_the_last_named(
    groups: dict[str, list[Mention]], key: str, candidates: list[str]
) -> None:
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


def _entity(group: Sequence[Mention], lede_end: int) -> FoundEntity:
    """One subject's entity: a person by the fullest name, anything else by the name
    the article uses most («ФАО», defined once as «Всемирная … организация (ФАО)»)."""
    names = [m.name for m in group]
    if group[0].kind == "person":
        name = max(set(names), key=lambda n: (" " in n, names.count(n), n))
    else:
        name = max(set(names), key=lambda n: (names.count(n), " " in n, n))
    kinds = [m.kind for m in group if m.name == name]
    kind = max(set(kinds), key=lambda k: (kinds.count(k), k))
    return FoundEntity(kind, name, len(group), any(m.start < lede_end for m in group))
