"""Property-based tests of the loader: whatever the bytes, a record or `path:line:` errors.

Random bytes and random front matter go through the load stage in process (many
examples), and a few whole builds (`newsgen build --no-search`) whose feeds must parse as
XML and whose pages must parse as HTML5 with html5lib in strict mode. Examples are drawn
from a fixed seed with no database, so every run tries the same inputs.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sitetools import newsgen, parse_html

from newsgen.characters import find_control_character
from newsgen.errors import SourceError
from newsgen.records import Article
from newsgen.sources.load import load_file

SETTINGS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
ERROR_LINE = re.compile(r"^(?:error: )?(\S[^:]*):(\d+): ")

# Pieces that have broken the loader, or could: references to forbidden characters, YAML
# escapes to surrogates, tags, zone words, 24:00, CR, BOMs, quotes, Markdown and HTML.
TRICKY = [
    "&#x10;", "&#1", "&#0;", "&#xD800;", "&#x110000;", "&#xFFFE;", "&#128;", "&amp;",
    "\\uD800", "\\x10", "\\U0001FFFE", "!!python/object/apply:os.system", "!foo", "!!str",
    "14:30", "T24:00", "PST", "IST", "NATO", "МСК", "+03:00", "UTC+3", "2025-11-07",
    "\r", "\ufeff", "\u00a0", "\u2028", "\ufdd0", "\x1b", '"', "'", ":", "- ", "[", "{",
    "<script>", "<b>", "*", "`", "#", "---", "...", "\t", "\n\n", "Ё", "ё", "Z",
]  # fmt: skip
WORDS = ["Новость", "дня.", "News", "of", "the", "day.", "Казахстан", "США", " ", "\n"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(TRICKY), st.text(max_size=6))
tricky_text = st.lists(pieces, max_size=8).map("".join)
plain_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
# Mostly plain, so that most files load and the built pages and feeds get tested too.
some_text = st.one_of(plain_text, plain_text, tricky_text)

dates = st.one_of(
    st.sampled_from(["2025-11-07", "2025-11-07T14:30+03:00", "2024-12-31 23:30 PST"]),
    st.builds(
        "{} {}".format,
        st.sampled_from(["2025-11-07", "2025-11-07T24:00", "2025-11-07T14:30"]),
        st.sampled_from(["14:30", "24:00", "PST", "MSK", "IST", "NATO", "+03:00", ""]),
    ),
    tricky_text,
)
scalar = st.one_of(
    some_text,
    some_text.map(lambda t: '"' + t.replace('"', "").replace("\\", "") + '"'),
    tricky_text.map(lambda t: '"' + t.replace('"', "") + '"'),
    tricky_text.map(lambda t: "!!str " + t),
    st.lists(some_text, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
)
keys = st.sampled_from(["title", "topics", "slug", "summary", "lang", "draft", "autor"])
front_lines = st.lists(st.builds("{}: {}".format, keys, scalar), max_size=4)


@st.composite
def markdown_sources(draw: st.DrawFn) -> bytes:
    """A Markdown file: front matter with a date (or not) and random fields, then a body."""
    lines = draw(front_lines)
    if draw(st.integers(0, 5)):
        lines.insert(draw(st.integers(0, len(lines))), f"date: {draw(dates)}")
    body = draw(some_text)
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    return text.encode("utf-8", "surrogatepass")


@st.composite
def seed_sources(draw: st.DrawFn) -> bytes:
    """A seed file: the date line (often right), paragraphs, sometimes random bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=200))
    first = f" date {draw(dates)} {draw(some_text)}"
    paragraphs = draw(st.lists(some_text, max_size=3))
    return "\n\n".join([first, *paragraphs]).encode("utf-8", "surrogatepass")


sources = st.one_of(
    st.tuples(st.just("a.md"), markdown_sources()),
    st.tuples(st.just("001_00000000000000aa.txt"), seed_sources()),
)


def check_outcome(outcome: Article | list[SourceError] | None, shown: str) -> None:
    """A record whose text any page may hold, or errors naming the file and a line."""
    if outcome is None:  # a draft
        return
    if isinstance(outcome, list):
        assert outcome, "an empty list of problems"
        for problem in outcome:
            assert problem.path == shown and problem.line >= 1, problem
            str(problem).encode("utf-8")  # printable: no lone surrogate
        return
    texts = [outcome.title, outcome.summary, outcome.slug, outcome.body_html or ""]
    texts += [*outcome.paragraphs, *(topic.name for topic in outcome.topics)]
    for text in texts:
        assert find_control_character(text) is None, ascii(text)
    assert outcome.published is None or outcome.published.date() == outcome.date


@settings(max_examples=3000, **SETTINGS)
@given(sources)
def test_loading_any_file_gives_a_record_or_errors_with_its_path(
    source: tuple[str, bytes],
) -> None:
    name, data = source
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        (seeds / name).write_bytes(data)
        outcome = load_file(seeds / name, seeds)
        event(type(outcome).__name__)
        check_outcome(outcome, f"seeds/{name}")


def check_build(site: Path, names: set[str], skip_invalid: bool) -> None:
    """Exit 0 with well-formed feeds and pages, or exit 1; every error names a source file."""
    options = ["--skip-invalid"] if skip_invalid else []
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search", "--no-cache", *options)
    assert run.code in (0, 1), run.err
    event(f"exit {run.code}")
    named = [ERROR_LINE.match(line) for line in run.err.splitlines()]
    files = {match.group(1) for match in named if match}
    assert files <= {f"seeds/{name}" for name in names}, run.err
    if run.code == 1:
        assert files, run.err
        return
    for feed in site.glob("build/**/*.xml"):
        ET.parse(feed)
    for page in site.glob("build/**/*.html"):
        parse_html(page.read_bytes(), strict=True)


@settings(max_examples=250, **SETTINGS)
@given(st.lists(sources, min_size=1, max_size=3), st.booleans())
def test_building_any_files_gives_a_well_formed_site_or_errors_with_paths(
    files: list[tuple[str, bytes]], skip_invalid: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "newsgen.yaml").write_text("find_topics: false\n", encoding="utf-8")
        names = set()
        for number, (name, data) in enumerate(files):
            unique = (
                f"{number}{name}"
                if name.endswith(".md")
                else f"{number:03}_{f'{number:x}' * 16}.txt"
            )
            (site / "seeds").mkdir(exist_ok=True)
            (site / "seeds" / unique).write_bytes(data)
            names.add(unique)
        check_build(site, names, skip_invalid)
