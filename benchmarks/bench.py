"""Time `newsgen build` on N generated articles: cold, then the daily rebuilds of an archive.

    .venv/bin/python benchmarks/bench.py --count 10000 [--repeat 3] [--work DIR] [--json FILE]

Each round builds into a fresh site folder (so no output and no cache is left from before),
then rebuilds: with nothing changed; after one article's text changed; with the sources
read from another folder (renamed); with 20 new articles on a new day. Each rebuild adds
its change to the ones before, so it measures that change alone; all are undone after the
round. Each is also given as a ratio to the cold build of the same round. Figures are
medians over the rounds. Peak memory is given two ways: the largest single process
(ru_maxrss from wait4, what `/usr/bin/time -v` reports) and the peak of the RSS summed over
newsgen and its worker processes, sampled from /proc every 20 ms. The sum counts pages that
forked workers share with their parent once per process, so it is an upper bound on the
memory the tree really uses.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for benchmarks.corpus

from benchmarks.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
NEWSGEN = Path(sys.executable).parent / "newsgen"
SCENARIOS = ("cold", "unchanged", "one changed", "moved", "20 appended")
APPENDED = 20
SAMPLE_SECONDS = 0.02
SETTLE_SECONDS = 2.0  # after `sync`, before each timed build, as the peer harness does
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    """One timed build."""

    seconds: float
    pages: int
    largest_rss_mb: float
    tree_rss_mb: float
    extracted: int = 0  # articles whose topics a model found (not cached)
    topic_seconds: float = 0.0  # the build's topics phase
    search_seconds: float = 0.0  # the build's search index phase (0 when it was kept)
    phases: tuple[tuple[str, float], ...] = ()  # each phase the report names, in order


@dataclass(frozen=True)
class Summary:
    """One scenario's figures: medians over its runs."""

    scenario: str
    seconds: float
    seconds_range: tuple[float, float]
    pages: int
    articles_per_s: float
    pages_per_s: float
    largest_rss_mb: float
    tree_rss_mb: float
    runs: list[Run]


def main() -> None:
    arguments = _parser().parse_args()
    source = arguments.corpus or ensure_corpus(
        arguments.work / f"corpus-{arguments.count}", arguments.count
    )
    count = len(list(source.glob("*.txt")))
    runs: dict[str, list[Run]] = {name: [] for name in SCENARIOS}
    for round_number in range(1, arguments.repeat + 1):
        for name, run in bench_round(source, arguments.work / "site").items():
            runs[name].append(run)
            _log(f"round {round_number}/{arguments.repeat} {name}: {run.seconds:.2f} s")
    summaries = [summarise(name, runs[name], count) for name in SCENARIOS]
    print(markdown_table(summaries, count, arguments.repeat))
    if arguments.json:
        write_json(arguments.json, summaries, count)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "newsgen-bench" / "bench",
        help="folder for the corpus and the site (default: %(default)s)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="a folder of seed files to build instead (such as the shared corpus of "
        "make_corpus.py); its files are changed during a round and put back after it",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser


def ensure_corpus(folder: Path, count: int) -> Path:
    """Give a folder of `count` generated articles, writing it unless a complete one is there."""
    done = folder.with_name(folder.name + ".done")
    if not done.exists():
        _log(f"writing {count} articles into {folder}")
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, count)
        done.touch()
    return folder


def bench_round(source: Path, site: Path) -> dict[str, Run]:
    """Give one round's timed builds: cold, then each daily rebuild (see the module's text)."""
    shutil.rmtree(site, ignore_errors=True)  # the old output, staging and .newsgen-cache
    site.mkdir(parents=True)
    output = site / "build"
    runs = {"cold": timed_build(source, output, site)}
    runs["unchanged"] = timed_build(source, output, site)
    with contextlib.ExitStack() as changes:
        changes.enter_context(one_article_changed(source))
        runs["one changed"] = timed_build(source, output, site)
        source = changes.enter_context(moved(source))
        runs["moved"] = timed_build(source, output, site)
        changes.enter_context(articles_appended(source, APPENDED))
        runs["20 appended"] = timed_build(source, output, site)
    return runs


@contextlib.contextmanager
def moved(source: Path) -> Iterator[Path]:
    """The sources under another folder's name while the block runs (a renamed folder, a
    CI checkout elsewhere)."""
    elsewhere = source.with_name(source.name + "-moved")
    source.rename(elsewhere)
    try:
        yield elsewhere
    finally:
        elsewhere.rename(source)


@contextlib.contextmanager
def articles_appended(source: Path, count: int) -> Iterator[None]:
    """`count` new articles dated the day after the newest while the block runs."""
    newest = max(dt.date.fromisoformat(_date_of(path)) for path in source.glob("*.txt"))
    day = (newest + dt.timedelta(days=1)).isoformat()
    with tempfile.TemporaryDirectory() as scratch:
        written = write_corpus(Path(scratch), count, seed=2)
        added = []
        for index, path in enumerate(written):
            text = path.read_text("utf-8")
            target = source / f"9{index:05d}_{path.stem.split('_')[1]}.txt"
            target.write_text(f" date {day} " + text.split(" ", 3)[3], "utf-8")
            added.append(target)
    try:
        yield
    finally:
        for path in added:
            path.unlink()


def _date_of(path: Path) -> str:
    """The date a seed file starts with (` date YYYY-MM-DD `)."""
    with path.open("rb") as file:
        return file.read(17).decode()[6:16]


@contextlib.contextmanager
def one_article_changed(source: Path) -> Iterator[None]:
    """Add a sentence to one article while the block runs, then put its bytes back."""
    articles = sorted(source.glob("*.txt"))
    article = articles[len(articles) // 2]
    original = article.read_bytes()
    article.write_bytes(original + " Материал обновлен.".encode())
    try:
        yield
    finally:
        article.write_bytes(original)


def timed_build(source: Path, output: Path, site: Path) -> Run:
    """Run `newsgen build` once in `site`; give its wall time, pages and peak memory."""
    command = [str(NEWSGEN), "build", "--source", str(source), "--output", str(output)]
    os.sync()
    time.sleep(SETTLE_SECONDS)
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, text=True)
    with TreeRssSampler(child.pid) as sampler:
        report = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"newsgen exited with {child.returncode}: {' '.join(command)}")
    # ru_maxrss is in KiB on Linux
    extracted, topic_seconds = topics_phase(report)
    return Run(
        seconds, count_pages(output), usage.ru_maxrss / 1024, sampler.peak / MB,
        extracted, topic_seconds, phase_seconds(report, "search index"), phases_of(report),
    )  # fmt: skip


def phase_seconds(report: str, phase: str) -> float:
    """The seconds newsgen's report line gives for one phase of the build (0 when absent)."""
    found = re.search(rf"[(,] {re.escape(phase)} ([0-9.]+) s", report)
    return float(found.group(1)) if found else 0.0


def phases_of(report: str) -> tuple[tuple[str, float], ...]:
    """Every phase newsgen's report line times, with its seconds: `(load 0.53 s, …)`."""
    timed = re.search(r"\(([a-z+ ]+ [0-9.]+ s(?:, [a-z+ ]+ [0-9.]+ s)*)\)\s*$", report)
    if not timed:
        return ()
    pairs = (part.rsplit(" ", 2) for part in timed.group(1).split(", "))
    return tuple((name, float(seconds)) for name, seconds, _ in pairs)


def topics_phase(report: str) -> tuple[int, float]:
    """From newsgen's report line: articles whose topics were extracted, and that phase's time."""
    extracted = re.search(r"topics found in (\d+) articles", report)
    seconds = re.search(r"topics ([0-9.]+) s", report)
    return (
        int(extracted.group(1)) if extracted else 0,
        float(seconds.group(1)) if seconds else 0.0,
    )


class TreeRssSampler:
    """Samples the summed RSS of a process and its descendants in a thread; keeps the peak."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, tree_rss(self.root))
            if self._stop.wait(SAMPLE_SECONDS):
                return


def tree_rss(root: int) -> int:
    """Give the RSS in bytes of `root` and all its descendants, summed."""
    processes = dict(_proc_stats())
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += processes.get(pid, (0, 0))[1]
        pending.extend(children.get(pid, []))
    return total


def _proc_stats() -> Iterator[tuple[int, tuple[int, int]]]:
    """Yield (pid, (parent pid, RSS in bytes)) for each process, from /proc/PID/stat."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
        except OSError:
            continue  # the process ended meanwhile
        fields = stat.rsplit(b")", 1)[1].split()  # the name in (...) may hold spaces
        yield int(name), (int(fields[1]), int(fields[21]) * PAGE_BYTES)


def count_pages(output: Path) -> int:
    """Give the number of HTML files under `output`."""
    return sum(1 for _ in output.rglob("*.html"))


def summarise(scenario: str, runs: list[Run], articles: int) -> Summary:
    """Give the medians of `runs`."""
    seconds = statistics.median(run.seconds for run in runs)
    pages = int(statistics.median(run.pages for run in runs))
    return Summary(
        scenario=scenario,
        seconds=seconds,
        seconds_range=(min(run.seconds for run in runs), max(run.seconds for run in runs)),
        pages=pages,
        articles_per_s=articles / seconds,
        pages_per_s=pages / seconds,
        largest_rss_mb=statistics.median(run.largest_rss_mb for run in runs),
        tree_rss_mb=statistics.median(run.tree_rss_mb for run in runs),
        runs=runs,
    )


def markdown_table(summaries: list[Summary], articles: int, repeat: int) -> str:
    """Give the figures as a Markdown table, medians of `repeat` runs."""
    lines = [
        f"newsgen {version('newsgen')} ({source_state()}), {articles:,} articles, "
        f"median of {repeat} runs, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the end",
        "",
        "| build | wall s | × cold | range s | articles/s | HTML pages | pages/s "
        "| peak RSS, largest process (MB) | peak RSS, process tree (MB) "
        "| topics extracted | extraction articles/s | search index s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for s in summaries:
        low, high = s.seconds_range
        lines.append(
            f"| {s.scenario} | {s.seconds:.2f} | {_to_cold(s, summaries[0]):.3f} "
            f"| {low:.2f}–{high:.2f} | {s.articles_per_s:,.0f} "
            f"| {s.pages:,} | {s.pages_per_s:,.0f} | {s.largest_rss_mb:,.0f} "
            f"| {s.tree_rss_mb:,.0f} | {_extraction(s)} "
            f"| {statistics.median(run.search_seconds for run in s.runs):.2f} |"
        )
    return "\n".join([*lines, "", *stage_table(summaries)])


def stage_table(summaries: list[Summary]) -> list[str]:
    """Each build's seconds per stage (medians), as the build's report times them: where
    a larger archive's time goes, to compare at several sizes (`COUNT=... make bench`)."""
    names = list(dict.fromkeys(name for s in summaries for r in s.runs for name, _ in r.phases))
    lines = [
        "Seconds per stage (median):",
        "",
        "| build | " + " | ".join(names) + " |",
        "|---|" + "--:|" * len(names),
    ]
    for summary in summaries:
        cells = [_stage_median(summary, name) for name in names]
        lines.append(f"| {summary.scenario} | " + " | ".join(cells) + " |")
    return lines


def _stage_median(summary: Summary, stage: str) -> str:
    times = [dict(run.phases).get(stage) for run in summary.runs]
    known = [seconds for seconds in times if seconds is not None]
    return f"{statistics.median(known):.2f}" if known else "–"


def _to_cold(summary: Summary, cold: Summary) -> float:
    """The median over rounds of this build's time over the same round's cold build."""
    return statistics.median(
        run.seconds / first.seconds for run, first in zip(summary.runs, cold.runs, strict=True)
    )


def _extraction(summary: Summary) -> str:
    """Articles extracted and extraction articles/s (median over runs), or a dash when cached."""
    runs = [run for run in summary.runs if run.extracted]
    if not runs or runs[0].extracted < 100:  # a handful of articles mostly times the model load
        return f"{runs[0].extracted if runs else 0} | –"
    rate = statistics.median(run.extracted / max(run.topic_seconds, 1e-9) for run in runs)
    return f"{runs[0].extracted:,} | {rate:,.0f}"


def write_json(path: Path, summaries: list[Summary], articles: int) -> None:
    """Write the figures and every run's measurements to `path` as JSON."""
    figures = {
        "newsgen": version("newsgen"),
        "source": source_state(),
        "articles": articles,
        "cores": os.cpu_count(),
        "scenarios": [asdict(summary) for summary in summaries],
    }
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def source_state() -> str:
    """Give the checkout's commit, with "+dirty" when files differ from it."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+dirty" if _git("status", "--porcelain", "--untracked-files=no") else "")


def _git(*arguments: str) -> str:
    try:
        done = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
