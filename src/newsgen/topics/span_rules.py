"""What a news editor cuts from the spans natasha's model marks, before they become names.

The model marks where a name stands, but its spans run over what is not the name: the
bracket after it («ПАСЕ (»), a bracketed second name («ООН (ФАО)»), the legal form before
a company («ОАО Газпром») or the post of a person before the body they serve («замглавы
Федеральной миграционной службы»). Each rule here gives the spans that name one subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsgen.records import TopicKind

# Russian legal forms of a company, written before its name: not part of the name.
LEGAL_FORMS = frozenset({"оао", "зао", "ооо", "пао", "ао", "нао", "фгуп", "гуп", "муп", "нко"})
# Words for what a body or a place is, or for a post, that run into a name («концерн
# Майкрософт», «партия «Яблоко»», «замглавы Федеральной миграционной службы», «остров
# Уайт», «город Москва»): the name is what follows, when it starts with a capital
# («Движение в защиту леса» stays whole).
DESCRIPTIONS = frozenset(
    {
        "концерн", "компания", "корпорация", "холдинг", "фирма", "группа", "партия",
        "движение", "агентство", "газета", "журнал", "телеканал", "радиостанция", "сайт",
        "город", "остров", "река", "озеро", "посёлок", "поселок", "село", "деревня", "станица",
        "глава", "главы", "замглавы", "заместитель", "министр", "замминистра", "директор",
        "председатель", "руководитель", "президент", "вице-президент", "премьер", "посол",
        "представитель", "представители", "сотрудник", "сотрудники", "пресс-секретарь",
        "спикер", "лидер", "основатель", "депутат", "губернатор", "мэр", "генсек", "член",
        "гу",  # «ГУ МЧС России»: a main department of the ministry
    }
)  # fmt: skip
# Descriptions without a final vowel, so that their cases match: «глав-ы», «рек-е».
_DESCRIPTION_STEMS = frozenset(
    d[:-1] if len(d) > 4 and d[-1] in "аяоеиьй" else d for d in DESCRIPTIONS if len(d) > 3
)
_DESCRIPTION_IN_A_CASE = re.compile(
    "(?:" + "|".join(sorted(_DESCRIPTION_STEMS)) + ")"
    + "(?:[аяоеиыуюй]|ой|ей|ом|ем|ам|ям|ами|ями|ах|ях|ов|ев)"
)  # fmt: skip
_QUOTES = "«»\"„“”'"
_LATIN = re.compile(r"[A-Za-z]")
_ACRONYM = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]+")


@dataclass(frozen=True)
class Span:
    """Where the model found a name in the text, and of what kind.

    `bracketed`: the name stands in brackets right after another name («… (ФАО)»).
    """

    start: int
    stop: int
    kind: TopicKind
    bracketed: bool = False


def cleaned(text: str, spans: list[Span]) -> list[Span]:
    """The spans with lists and brackets split, descriptions cut, empty ones dropped."""
    result = []
    for span in (part for whole in spans for part in _split_at_commas(text, whole)):
        for part in _split_at_bracket(text, span):
            part = _trimmed(text, _without_description(text, part))
            if part.stop > part.start and not is_description(text[part.start : part.stop]):
                result.append(part)
    return result


def _split_at_commas(text: str, span: Span) -> list[Span]:
    """«Овечкин, Фёдоров» → «Овечкин» and «Фёдоров»: a list the model ran together."""
    parts, start = [], span.start
    while (comma := text.find(",", start, span.stop)) >= 0:
        parts.append(replace(span, start=start, stop=comma))
        start = comma + 1
    return [*parts, replace(span, start=start)] if parts else [span]


def _split_at_bracket(text: str, span: Span) -> list[Span]:
    """«ООН (ФАО)» → «ООН» and the bracketed «ФАО»; «ПАСЕ (» → «ПАСЕ»."""
    opening = text.find("(", span.start, span.stop)
    if opening < 0:
        return [_trimmed(text, span)]
    closing = text.find(")", opening, span.stop)
    inside = Span(opening + 1, closing if closing >= 0 else span.stop, span.kind, True)
    before = Span(span.start, opening, span.kind, span.bracketed)
    return [_trimmed(text, before), _trimmed(text, inside)]


def _trimmed(text: str, span: Span) -> Span:
    """The span without spaces and stray brackets or quotes at its ends."""
    start, stop = span.start, span.stop
    while start < stop and text[start] in ' ()"«»\n':
        start += 1
    while stop > start and text[stop - 1] in ' ()"«»,.\n':
        stop -= 1
    bracketed = span.bracketed or text[max(0, span.start - 3) : span.start].rstrip().endswith("(")
    if (start, stop, bracketed) == (span.start, span.stop, span.bracketed):
        return span  # most spans: nothing to trim (and a new record costs)
    return Span(start, stop, span.kind, bracketed)


def _without_description(text: str, span: Span) -> Span:
    """The span past the legal forms and descriptions before a capitalised name."""
    start = span.start
    while True:
        word_end = text.find(" ", start, span.stop)
        word, rest = text[start:word_end], text[word_end + 1 : span.stop]
        if word_end < 0 or not is_description(word) or not _starts_a_name(rest):
            return span if start == span.start else replace(span, start=start)
        start = word_end + 1


def is_description(word: str) -> bool:
    """A legal form or a description, in any of its cases («острове», «концерна», «главы»;
    «Озерск» and «Городец» are names: «ск» and «ец» end no case)."""
    folded = word.casefold()
    if folded in LEGAL_FORMS or folded in DESCRIPTIONS:
        return True
    return _DESCRIPTION_IN_A_CASE.fullmatch(folded) is not None


def _starts_a_name(words: str) -> bool:
    return words.lstrip(_QUOTES)[:1].isupper()


def names_one_subject(first: str, bracketed: str) -> bool:
    """Whether a name and the name in brackets after it are one subject: an acronym
    defined («Комитет защиты журналистов (КЗЖ)») or an original spelling («Юрген
    Клинсман (Jürgen Klinsmann)»), not a place and its country («Цюрих (Швейцария)»)."""
    either_acronym = any(_ACRONYM.fullmatch(name) for name in (first, bracketed)) or any(
        _abbreviates(short, long) for short, long in ((first, bracketed), (bracketed, first))
    )
    original_spelling = bool(_LATIN.search(bracketed)) and not _LATIN.search(first)
    return either_acronym or original_spelling


def _abbreviates(short: str, long: str) -> bool:
    """Whether one word of several capitals may shorten a name of several words:
    «EURid (The European Registry of Internet Domain Names)»."""
    return " " not in short and " " in long and sum(c.isupper() for c in short) >= 2
