"""Writing N synthetic news articles in the seed format, for scale tests and benchmarks.

The articles look like the real seed: ` date YYYY-MM-DD ` and the lede on one line, then
paragraphs split by blank lines, no final newline, names `NNNNNN_<16 hex>.txt`. The same
count and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

PEOPLE = [
    ("Андрей Волков", "Андрея Волкова", "министр финансов"),
    ("Марина Лебедева", "Марины Лебедевой", "глава Центробанка"),
    ("Ерлан Касымов", "Ерлана Касымова", "министр экономики Казахстана"),
    ("Айгерим Нурланова", "Айгерим Нурлановой", "вице-премьер"),
    ("Джон Миллер", "Джона Миллера", "госсекретарь США"),
    ("Олег Соколов", "Олега Соколова", "губернатор области"),
    ("Анна Кузнецова", "Анны Кузнецовой", "председатель комитета"),
    ("Тимур Алиев", "Тимура Алиева", "мэр города"),
]
PLACES = [
    ("Россия", "России"), ("Казахстан", "Казахстана"), ("Москва", "Москвы"),
    ("Алматы", "Алматы"), ("Франция", "Франции"), ("Китай", "Китая"),
    ("Турция", "Турции"), ("Новосибирск", "Новосибирска"), ("Астана", "Астаны"),
]  # fmt: skip
ORGANISATIONS = [
    ("Сбербанк", "Сбербанка"), ("Газпром", "Газпрома"), ("ООН", "ООН"),
    ("Международный валютный фонд", "Международного валютного фонда"),
    ("Банк России", "Банка России"), ("ЕАЭС", "ЕАЭС"),
]  # fmt: skip
LEADS = [
    "{place} и {place2} договорились о сотрудничестве в сфере {field}, сообщил {role} {person}.",
    "{role} {person} провел переговоры с представителями {org} по вопросам {field}.",
    "В {place_in} прошло совещание о развитии {field} с участием {org}.",
    "{org} объявил о новой программе поддержки {field}, заявил {role} {person}.",
]  # fmt: skip
BODY = [
    "По словам {person_gen}, решение позволит увеличить объем инвестиций на {number} млрд рублей.",
    "Эксперты {org} отмечают, что рынок {field} растет уже {number} лет подряд.",
    "Ранее {place} и {place2} подписали меморандум о взаимопонимании.",
    "«Мы рассчитываем на результат уже в этом году», — сказал {person}.",
    "Переговоры продлятся до конца месяца, уточнили в пресс-службе {org}.",
    "В прошлом году объем торговли между странами превысил {number} млрд долларов.",
    "Аналитики ожидают, что спрос на услуги {field} вырастет на {number}%.",
    "Представители {org} подчеркнули важность диалога с регионами.",
    "Следующая встреча запланирована в {place_in} на осень.",
    "Как отметил {person}, ключевым вопросом остается финансирование.",
]  # fmt: skip
ENGLISH = [
    "Leaders of {place} and {place2} agreed to expand cooperation, officials said.",
    "The talks will continue next month, a spokesperson for {org} said.",
    "Analysts expect demand to grow by {number}% this year.",
]  # fmt: skip
FIELDS = ["энергетики", "транспорта", "образования", "здравоохранения", "цифровых технологий"]


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` articles into `folder` (created) and give their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    span = (dt.date(2025, 12, 31) - start).days
    days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    paths = []
    for index, day in enumerate(days):
        english = rng.random() < 0.01
        text = f" date {day.isoformat()} " + "\n\n".join(_paragraphs(rng, english))
        path = folder / f"{index:06d}_{rng.getrandbits(64):016x}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _paragraphs(rng: random.Random, english: bool) -> list[str]:
    if english:
        return [_fill(rng, rng.choice(ENGLISH)) for _ in range(rng.randint(2, 5))]
    lede = _fill(rng, rng.choice(LEADS))
    body = []
    for _ in range(rng.randint(2, 10)):
        sentences = rng.sample(BODY, rng.randint(1, 4))
        body.append(" ".join(_fill(rng, s) for s in sentences))
    return [lede, *body]


def _fill(rng: random.Random, frame: str) -> str:
    person, person_gen, role = rng.choice(PEOPLE)
    (place, _), (place2, _) = rng.sample(PLACES, 2)
    place_in = rng.choice(PLACES)[1]
    org_name, org_gen = rng.choice(ORGANISATIONS)
    text = frame.format(
        person=person, person_gen=person_gen, role=role, place=place, place2=place2,
        place_in=place_in, org=org_gen, field=rng.choice(FIELDS), number=rng.randint(2, 90),
    )  # fmt: skip
    return text[0].upper() + text[1:] if not text.startswith(org_name) else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    write_corpus(arguments.out, arguments.count, arguments.seed)


if __name__ == "__main__":
    main()
