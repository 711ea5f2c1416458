"""Score the topics newsgen finds: on a synthetic corpus, on real news, or both.

    python benchmarks/topics_eval.py --corpus DIR --manifest DIR.manifest.jsonl [--limit N]
    python benchmarks/topics_eval.py --real ../shared/realtext

On real news (`--real`), see `benchmarks/real_news.py`.

The manifest (from a corpus generator such as ../shared/corpus/make_corpus.py) lists
each article's entities with how often it names them and whether in the lede. An
entity is a true topic when it is salient: named at least twice or in the lede. Both
sides' names go through the same alias table. Prints precision and recall overall and
per kind, for the topics (salient) and for the entities found at all, and the worst misses.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for benchmarks.real_news

from benchmarks.real_news import gold_of, score_real
from newsgen.parallel import default_jobs
from newsgen.records import Article
from newsgen.sources.load import load_sources
from newsgen.topics.aliases import alias_table
from newsgen.topics.assign import TopicSettings, assign_topics, sound_key
from newsgen.topics.entities import FoundEntity
from newsgen.topics.find import find_entities
from newsgen.topics.names import identity

KINDS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
Labelled = set[tuple[str, str]]  # (kind, identity of the canonical name)


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    hits: int = 0
    extra: int = 0
    missed: int = 0

    def add(self, predicted: set[object], truth: set[object]) -> None:
        self.hits += len(predicted & truth)
        self.extra += len(predicted - truth)
        self.missed += len(truth - predicted)

    def line(self, label: str) -> str:
        precision = self.hits / max(1, self.hits + self.extra)
        recall = self.hits / max(1, self.hits + self.missed)
        counts = f"{self.hits} | {self.extra} | {self.missed}"
        return f"| {label} | {precision:.3f} | {recall:.3f} | {counts} |"


@dataclass
class Report:
    """Scores overall and per kind, and the names missed or invented most often."""

    topics: Score = field(default_factory=Score)
    found: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=dict)
    by_language: dict[str, Score] = field(default_factory=dict)
    missed: Counter[str] = field(default_factory=Counter)
    invented: Counter[str] = field(default_factory=Counter)


def main() -> None:
    arguments = _arguments()
    if arguments.corpus and arguments.manifest:
        _synthetic(arguments)
    if arguments.real:
        _real(arguments.real, arguments.jobs)


def _synthetic(arguments: argparse.Namespace) -> None:
    truth = _truth(arguments.manifest, alias_table({}))
    loaded = load_sources(arguments.corpus, arguments.jobs)
    articles = [a for a in loaded.articles if Path(a.source_path).name in truth][: arguments.limit]
    with_topics, entities, seconds = _topics(articles, arguments.jobs)
    report = _score(with_topics, entities, truth, TopicSettings(aliases=alias_table({})))
    print(f"{len(articles)} articles, extraction {len(articles) / seconds:.0f} articles/s "
          f"on {arguments.jobs} processes ({seconds:.1f} s)\n")  # fmt: skip
    _print(report)


def _real(folder: Path, jobs: int) -> None:
    articles = load_sources(folder / "seeds", jobs).articles
    with_topics, _, seconds = _topics(articles, jobs)
    print(f"\n{len(articles)} real news articles ({seconds:.1f} s)")
    print("\n".join(score_real(with_topics, gold_of(folder)).lines()))


def _topics(
    articles: list[Article], jobs: int
) -> tuple[list[Article], list[list[FoundEntity]], float]:
    """The articles with their topics as a build gives them, the entities, the seconds."""
    started = time.perf_counter()
    extraction = find_entities(articles, None, jobs)
    seconds = time.perf_counter() - started
    settings = TopicSettings(aliases=alias_table({}))
    return assign_topics(articles, extraction.entities, settings), extraction.entities, seconds


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a synthetic corpus")
    parser.add_argument("--manifest", type=Path, help="its manifest of true entities")
    parser.add_argument("--real", type=Path, help="real news: seeds/ and gold.json")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    return parser.parse_args()


def _truth(manifest: Path, aliases: dict[str, str]) -> dict[str, tuple[Labelled, Labelled]]:
    """Per file: the salient entities and all entities, as (kind, identity) pairs."""
    truth = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        everything = {
            (KINDS[e["type"]], _canonical(e["name"], aliases)) for e in record["entities"]
        }
        salient = {
            (KINDS[e["type"]], _canonical(e["name"], aliases))
            for e in record["entities"]
            if e["mentions"] >= 2 or e["in_lede"]
        }
        truth[record["file"]] = (salient, everything)
    return truth


def _canonical(name: str, aliases: dict[str, str]) -> str:
    """The name's canonical form; spellings in two scripts that newsgen joins («Sberbank»,
    «Сбербанк») are one, shown as first met."""
    canonical = identity(aliases.get(identity(name), name))
    return _FIRST_SPELLING.setdefault(sound_key(canonical), canonical)


_FIRST_SPELLING: dict[str, str] = {}


def _score(articles, found, truth, settings) -> Report:  # type: ignore[no-untyped-def]
    report = Report()
    for article, entities in zip(articles, found, strict=True):
        salient, everything = truth[Path(article.source_path).name]
        predicted = {(t.kind, _canonical(t.name, {})) for t in article.topics}
        report.topics.add({n for _, n in predicted}, {n for _, n in salient})
        language = report.by_language.setdefault(article.lang, Score())
        language.add({n for _, n in predicted}, {n for _, n in salient})
        found_names = {_canonical(e.name, settings.aliases) for e in entities}
        report.found.add(found_names, {n for _, n in everything})
        for kind in KINDS.values():
            score = report.by_kind.setdefault(kind, Score())
            score.add({p for p in predicted if p[0] == kind}, {s for s in salient if s[0] == kind})
        report.missed.update(f"{k}:{n}" for k, n in salient - predicted)
        report.invented.update(f"{k}:{n}" for k, n in predicted - salient)
    return report


def _print(report: Report) -> None:
    print("| | precision | recall | right | extra | missed |\n|---|---|---|---|---|---|")
    print(report.topics.line("topics (salient), by name"))
    for kind, score in report.by_kind.items():
        print(score.line(f"topics: {kind} (name and kind)"))
    for language, score in sorted(report.by_language.items()):
        print(score.line(f"topics: articles in `{language}`, by name"))
    print(report.found.line("entities found at all, by name"))
    print("\nmissed most often:", ", ".join(f"{n} ×{c}" for n, c in report.missed.most_common(15)))
    print(
        "invented most often:", ", ".join(f"{n} ×{c}" for n, c in report.invented.most_common(15))
    )


if __name__ == "__main__":
    main()
