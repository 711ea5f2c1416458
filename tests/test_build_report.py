"""The summary line of a build: what a user reads after `newsgen build`."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgen.build_report import BuildReport
from newsgen.errors import SourceError
from newsgen.output.writer import WriteReport
from newsgen.wording import counted


@pytest.mark.parametrize(
    ("number", "words"),
    [(0, "0 articles"), (1, "1 article"), (2, "2 articles"), (21, "21 articles")],
)
def test_a_count_takes_the_plural_unless_it_is_one(number: int, words: str) -> None:
    assert counted(number, "article") == words


def test_the_summary_says_each_count_and_each_phase_in_order() -> None:
    report = BuildReport(
        articles=1,
        pages=2,
        write=WriteReport(written=3, unchanged=4, removed=5),
        seconds=1.5,
        drafts=1,
        ignored_files=2,
        waiting=(SourceError("seeds/a.txt", 1, "dated in the future"),),
        phases={"load": 0.25, "render+write": 1.0},
        sources_read=3,
        topics_extracted=1,
        pages_rendered=2,
        search="kept",
    )
    assert report.summary(Path("build")) == (
        "built 1 article into build: 2 pages; files written 3, unchanged 4, removed 5; "
        "1 draft, 1 dated in the future and 2 other files left out; "
        "3 sources read (the rest unchanged); "
        "topics found in 1 article (the rest cached); "
        "2 pages rendered (the rest unchanged since the last build); "
        "search index kept; 1.50 s (load 0.25 s, render+write 1.00 s)"
    )
