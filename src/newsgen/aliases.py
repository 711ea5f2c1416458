"""Names that stand for one subject in Russian news, canonical name first.

A site adds its own with `topic_aliases` in `newsgen.yaml`; a site's entry for a name
replaces this one.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsgen.entities import identity

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


def alias_table(site_aliases: Mapping[str, list[str]]) -> dict[str, str]:
    """Give the canonical name of each variant, keyed by the variant's identity."""
    table: dict[str, str] = {}
    for canonical, variants in {**DEFAULT_ALIASES, **site_aliases}.items():
        for variant in [canonical, *variants]:
            table[identity(variant)] = canonical
    return table
