"""Deriving a headline and a summary from an article's first paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence

TITLE_CHARS = 140
SUMMARY_CHARS = 300

# A sentence ends at . ! ? or … (maybe closed by a quote) before a space and a capital,
# a digit, an opening quote or a dash; not after an initial, a one-letter abbreviation
# (г., т. ч.) or a common one.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([»\"”)]?)\s+(?=[«\"„(A-ZА-ЯЁ0-9—–-])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-ZА-ЯЁа-яё]|\b(?:гг|ул|им|млн|млрд|тыс|руб|долл|см|стр|проф|акад|ген|"
    r"Mr|Mrs|Ms|Dr|St|Jr|vs|No|Inc|Ltd|Corp)|\.[a-zа-яё])\.$"
)
_ABBREVIATION_REACH = 16  # more than the longest abbreviation above and its `\b`
# A trailing clause that only says who reported the news: ", сообщил сам глава …".
_ATTRIBUTION = re.compile(
    r"\s*(?:,\s*[—–]?|\s[—–])\s*(?:как\s+)?(?:об\s+этом\s+)?"
    r"(?:сообщил|сообщила|сообщили|сообщило|сообщает|сообщают|заявил|заявила|заявили|"
    r"заявило|заявляет|сказал|сказала|сказали|отметил|отметила|отметили|подчеркнул|"
    r"подчеркнула|рассказал|рассказала|рассказали|уточнил|уточнила|добавил|добавила|"
    r"пишет|пишут|передает|передаёт|передают|говорится|объявил|объявила|объявили|"
    r"сообщается|отмечается|указывается|следует\s+из|по\s+данным|по\s+словам|"
    r"по\s+информации|по\s+сообщению|согласно|"
    r"said|says|reported|reports|told|announced|according\s+to)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_MIN_TITLE_CHARS = 20


def first_sentence(paragraph: str) -> str:
    """Give the first sentence of `paragraph` (all of it when no sentence end is found)."""
    for match in _SENTENCE_END.finditer(paragraph):
        # An abbreviation ends right at the sentence end and is at most 6 characters with
        # the one before: searching the last few, not all the text before, keeps this linear
        # (a paragraph of 27,000 initials «А. » took 279 s).
        tail_start = max(0, match.start() - _ABBREVIATION_REACH)
        if not _ABBREVIATION.search(paragraph, tail_start, match.start()):
            # The closing quote or bracket (group 1) belongs to the sentence it closes.
            return paragraph[: match.end(1)].rstrip()
    return paragraph.strip()


def derive_title(lede: str, limit: int = TITLE_CHARS) -> str:
    """Give a headline: the lede's first sentence, its attribution dropped, cut near `limit`."""
    sentence = first_sentence(lede)
    without_attribution = _ATTRIBUTION.sub("", sentence)
    if len(without_attribution) >= _MIN_TITLE_CHARS:
        sentence = without_attribution
    sentence = sentence.rstrip(" .")
    return cut_at_clause(sentence, limit)


def derive_summary(lede: str, limit: int = SUMMARY_CHARS) -> str:
    """Give the first paragraph, cut after the last whole sentence (or word) within `limit`."""
    lede = lede.strip()
    if len(lede) <= limit:
        return lede
    ends = [m.end(1) for m in _SENTENCE_END.finditer(lede) if m.end(1) <= limit]
    if ends and ends[-1] >= limit // 3:
        return lede[: ends[-1]].rstrip()
    return cut_at_word(lede, limit)


def summary_beside(title: str, paragraphs: Sequence[str]) -> str:
    """Give a summary that does not repeat a headline made of the lede's first sentence.

    Teasers show both: when the title is that whole sentence, the summary starts after it,
    or with the next paragraph when the lede is that one sentence; when the title is that
    sentence cut short («…Касымовым…»), the summary goes on from the cut («…в ходе
    которого…»), so nothing of the sentence is lost and nothing is said twice.
    """
    lede = paragraphs[0]
    sentence = first_sentence(lede)
    rest = lede[len(sentence) :].strip()
    stem = title.removesuffix("…")
    if not stem or not sentence.startswith(stem):
        return derive_summary(lede)
    if title.endswith("…"):  # cut: the rest of its sentence, and of the lede
        return "…" + derive_summary(lede[len(stem) :].lstrip(" ,;:—–-"))
    if not rest and len(paragraphs) > 1:
        rest = paragraphs[1]
    return derive_summary(rest or lede)


# Where a headline may be cut: after a clause («…, заявил…», «…: …», «… — …»), never
# inside a name, as a cut at the last word before the limit can be («…Жанны…»).
_CLAUSE_END = re.compile(r"[,;:](?= )| (?=[—–] )| (?=\()")
_SHORTEST_CLAUSE = 0.6  # of the limit: a cut shorter than this loses too much


def cut_at_clause(text: str, limit: int) -> str:
    """Give `text` cut after its last clause that ends within `limit`, with `…` when cut;
    at the last word when no clause ends late enough."""
    if len(text) <= limit:
        return text
    ends = [m.start() for m in _CLAUSE_END.finditer(text, 0, limit)]
    if ends and ends[-1] >= limit * _SHORTEST_CLAUSE:
        return text[: ends[-1]].rstrip(",;:—–- ") + "…"
    return cut_at_word(text, limit)


def cut_at_word(text: str, limit: int) -> str:
    """Give `text` cut at the last word boundary before `limit`, with `…` when cut."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(",;:—–- ") + "…"
