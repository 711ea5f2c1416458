"""Places the model passed over that the dictionary knows only as places.

natasha's model leaves out a place after some words («чемпион Европы», «транзит газа в
Европу»); pymorphy3's dictionary marks geographic names (the grammeme Geox). A
capitalised word outside every span that the dictionary reads only as a place is one,
for a reader as for an annotator. Inside a quoted title («Голос Америки», «Эхо
Москвы») a place names the title, not itself: none is taken there.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from newsgen.topics.entities import Mention
from newsgen.topics.russian_names import Analyzer, is_known, readings
from newsgen.topics.span_rules import Span

_CAPITALISED = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?![\w-])")


def places_missed(text: str, spans: list[Span], analyzer: Analyzer) -> list[Mention]:
    """A place mention for each capitalised word outside `spans` that only names a place."""
    covered = [(span.start, span.stop) for span in spans]
    missed = []
    for word in _CAPITALISED.finditer(text):
        place = _place_only(word.group(), analyzer)  # remembered: the cheapest test first
        if place is None or any(start <= word.start() < stop for start, stop in covered):
            continue
        if not _in_quoted_title(text, word.start()):
            missed.append(Mention("place", place, word.start()))
    return missed


@functools.lru_cache(maxsize=100_000)  # words recur: each is looked at once per process
def _place_only(word: str, analyzer: Analyzer) -> str | None:
    """The dictionary form of `word` when every reading of it is a geographic name."""
    parses = readings(analyzer, word)
    if not is_known(analyzer, word) or not all(_is_place_noun(p) for p in parses):
        return None
    forms = {p.normal_form for p in parses}
    return forms.pop().capitalize() if len(forms) == 1 else None


def _in_quoted_title(text: str, start: int) -> bool:
    """Whether `start` lies inside «…» on its line."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line.count("«") > line.count("»")


def _is_place_noun(parse: Any) -> bool:
    """A noun that names a place («Европы»), not an adjective («Украинский»)."""
    return bool(parse.tag.POS == "NOUN" and "Geox" in parse.tag.grammemes)
