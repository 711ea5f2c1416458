"""Names that stand for one subject in Russian news, canonical name first.

A site adds its own with `topic_aliases` in `newsgen.yaml`; a site's entry for a name
replaces this one.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale

from newsgen.topics.names import identity

DEFAULT_ALIASES: dict[str, list[str]] = {
    "США": ["Соединенные Штаты", "Соединенные Штаты Америки", "Штаты"],
    "Россия": ["РФ", "Российская Федерация"],
    "Великобритания": ["Британия", "Соединенное Королевство"],
    "ОАЭ": ["Объединенные Арабские Эмираты", "Эмираты"],
    "ЕС": ["Евросоюз", "Европейский союз"],
    "ООН": ["Организация Объединенных Наций"],
    "Банк России": ["ЦБ", "ЦБ РФ", "Центробанк", "Центральный банк России"],
    "Международный валютный фонд": ["МВФ"],
    "Европейский центральный банк": ["ЕЦБ"],
    "Федеральная резервная система": ["ФРС", "ФРС США"],
    "Совет безопасности ООН": ["Совбез ООН", "СБ ООН"],
    "Государственная дума": ["Госдума"],
    "Всемирная организация здравоохранения": ["ВОЗ"],
    "Шанхайская организация сотрудничества": ["ШОС"],
    "Евразийский экономический союз": ["ЕАЭС"],
    "Организация Договора о коллективной безопасности": ["ОДКБ"],
    "Китай": ["КНР", "Китайская Народная Республика"],
    "Германия": ["ФРГ", "Федеративная Республика Германия"],
    "КНДР": ["Северная Корея", "Корейская Народно-Демократическая Республика"],
    "Большая двадцатка": ["G20", "G-20", "Группа двадцати"],
    "Большая семерка": ["G7", "G-7", "Группа семи"],
}


# Names natasha's model tags as places that news writes of as organisations: unions of
# states, and buildings that stand for a government («Кремль заявил»).
ORGANISATIONS_TAGGED_AS_PLACES = frozenset(
    [
        "ЕС",
        "ООН",
        "НАТО",
        "ЕАЭС",
        "ОДКБ",
        "ШОС",
        "СНГ",
        "МВФ",
        "ВОЗ",
        "ОПЕК",
        "ВТО",
        "МАГАТЭ",
        "ЮНЕСКО",
        "БРИКС",
        "АСЕАН",
        "ОБСЕ",
        "ПАСЕ",
        "Кремль",
        "Пентагон",
    ]
) | {"Белый дом", "Смольный"}


# Languages whose country names Babel gives and newsgen's articles are written in.
_ARTICLE_LANGUAGES = ("ru", "en")
# Short English names Babel does not list as a country's name.
_ENGLISH_SHORT_NAMES = {"US": "US", "USA": "US", "UK": "GB", "Britain": "GB"}


def alias_table(site_aliases: Mapping[str, list[str]], language: str = "ru") -> dict[str, str]:
    """Give the canonical name of each variant, keyed by the variant's identity.

    Countries named in another language («Kazakhstan» in an English article on a Russian
    site) join the site language's name (Babel's), so one country is one topic.
    """
    table: dict[str, str] = {}
    for canonical, variants in {**DEFAULT_ALIASES, **site_aliases}.items():
        for variant in [canonical, *variants]:
            table[identity(variant)] = canonical
    for variant, name in _foreign_country_names(language).items():
        table.setdefault(identity(variant), table.get(identity(name), name))
    return table


def _foreign_country_names(language: str) -> dict[str, str]:
    """Give the site language's name of each country, keyed by its names in the others."""
    if language not in _ARTICLE_LANGUAGES:
        return {}
    own = Locale(language).territories
    names = {short: own[code] for short, code in _ENGLISH_SHORT_NAMES.items()}
    for other in _ARTICLE_LANGUAGES:  # only codes of countries: not "001" (the world)
        if other != language:
            territories = Locale(other).territories.items()
            names |= {n: own[code] for code, n in territories if code.isalpha() and code in own}
    return names
