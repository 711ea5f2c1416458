"""Score the topics newsgen gives real news against hand-made annotations (factRuEval).

    python benchmarks/topics_eval.py --real ../shared/realtext

The folder holds `seeds/` (real Russian news in the seed format) and `gold.json`: per
article (the first 8 hex digits of the file's identifier) each annotated person, place
and organisation, with its names in normal form, its named mentions and whether the
headline names it. The rules are those of the folder's `score.py`, applied to the
articles' topics rather than to built pages:

- a topic is right when it names one of the article's objects (case, ё/е and «» aside;
  a few names of one subject count as one, such as РФ/Россия; a fuller name of a person
  than the text gave counts);
- recall counts the salient objects (named twice or more, or in the headline) shown.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgen.records import Article

KIND_LABELS = {"LOC": "places", "ORG": "organisations", "PER": "people"}
# Names of one subject, as score.py counts them.
SAME = [
    {"россия", "рф", "российская федерация"},
    {"сша", "соединенные штаты", "соединенные штаты америки", "америка"},
    {"ес", "евросоюз", "европейский союз"},
    {"госдума", "государственная дума"},
    {"оон", "организация объединенных наций"},
    {"великобритания", "британия", "соединенное королевство"},
    {"фрг", "германия"},
    {"кндр", "северная корея"},
    {"мид", "министерство иностранных дел"},
    {"фас", "федеральная антимонопольная служба"},
    {"ран", "российская академия наук"},
    {"минобрнауки", "министерство образования и науки"},
    {"нато", "североатлантический альянс"},
]


@dataclass
class RealScore:
    """Topics right and wrong, salient objects found per kind, the commonest failures."""

    right: int = 0
    wrong: int = 0
    found: Counter[str] = field(default_factory=Counter)
    salient: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    invented: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        precision = self.right / max(1, self.right + self.wrong)
        recall = sum(self.found.values()) / max(1, sum(self.salient.values()))
        kinds = ", ".join(
            f"{KIND_LABELS[k]} {self.found[k]}/{self.salient[k]} "
            f"({self.found[k] / max(1, self.salient[k]):.3f})"
            for k in sorted(self.salient)
        )
        return [
            f"real news: precision {precision:.3f}, salient recall {recall:.3f} "
            f"({self.right + self.wrong} topics shown)",
            f"salient recall by kind: {kinds}",
            "missed most often: " + ", ".join(n for n, _ in self.missed.most_common(20)),
            "invented most often: " + ", ".join(n for n, _ in self.invented.most_common(20)),
        ]


def gold_of(folder: Path) -> dict[str, dict[str, object]]:
    return dict(json.loads((folder / "gold.json").read_text(encoding="utf-8")))


def score_real(articles: Sequence[Article], gold: dict[str, dict[str, object]]) -> RealScore:
    """Score the topics of `articles` (with topics assigned) against `gold`."""
    score = RealScore()
    for article in articles:
        record = gold.get(article.identifier[:8])
        if record is not None:
            _score_article({_norm(t.name) for t in article.topics}, record, score)
    return score


def _score_article(shown: set[str], record: dict[str, object], score: RealScore) -> None:
    objects: list[dict[str, object]] = record["objects"]  # type: ignore[assignment]
    every_name = {v for o in objects for n in _names(o) for v in _variants(n)}
    surnames = {str(o["names_last"]) for o in objects if o.get("names_last")}
    for name in shown:
        if _right(name, every_name, surnames):
            score.right += 1
        else:
            score.wrong += 1
            score.invented[name] += 1
    for o in objects:
        if int(o["mentions"]) >= 2 or o["in_headline"]:  # type: ignore[call-overload]
            kind = str(o["kind"])
            score.salient[kind] += 1
            names = {v for n in _names(o) for v in _variants(n)}
            last = {str(o["names_last"])} if o.get("names_last") else set()
            if any(_right(name, names, last) for name in shown):
                score.found[kind] += 1
            else:
                score.missed[f"{kind} {o['label']}"] += 1


def _right(name: str, names: set[str], surnames: set[str]) -> bool:
    """Whether a shown topic names the object: a name of it, or a person's fuller name."""
    return name in names or (len(name.split()) >= 2 and name.split()[-1] in surnames)


def _names(obj: dict[str, object]) -> list[str]:
    return [str(n) for n in obj["names"]]  # type: ignore[attr-defined]


def _variants(name: str) -> set[str]:
    return next((group for group in SAME if name in group), {name})


def _norm(name: str) -> str:
    name = name.replace("ё", "е").replace("Ё", "Е")
    name = name.replace("«", "").replace("»", "").replace('"', "")
    return re.sub(r"\s+", " ", name).strip().casefold()
