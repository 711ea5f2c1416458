"""Public bodies named by the place or body they serve: «правительство США», «мэрия
Москвы», «комиссия ЕС».

Russian news names a government, a city hall or a parliament so, in lower case; the
model marks only the place after the word. A news editor files such a body as an
organisation of its own (news sites keep «Правительство России» as a tag), while the
place stays named too.
"""

from __future__ import annotations

import re

from newsgen.topics.span_rules import Span, is_description

# A body's word in any case, and its nominative: «правительств-ом» → «правительство».
_BODY = re.compile(
    r"(?i:(правительств)(?:о|а|у|ом|е)|(мэри)(?:я|и|ю|ей)|(администраци)(?:я|и|ю|ей)"
    r"|(парламент)(?:а|у|ом|е)?|(комисси)(?:я|и|ю|ей)"
    r"|(прокуратур)(?:а|ы|е|у|ой)|(мид)(?:а|у|ом|е)?)"
)
_NOMINATIVE = {
    "правительств": "правительство", "мэри": "мэрия", "администраци": "администрация",
    "парламент": "парламент", "комисси": "комиссия",
    "прокуратур": "прокуратура", "мид": "МИД",
}  # fmt: skip
_WORD_BEFORE = re.compile(r"([а-яёА-ЯЁ]+) \Z")


def with_bodies(text: str, spans: list[Span]) -> list[Span]:
    """`spans` and, before each place or organisation that a body's word names, the
    body as an organisation: «правительства [России]» → «правительства России».

    A post, the body and a person's name in a row are the person's title («депутат
    парламента России Иван Петров»): the person is the subject, not the body.
    """
    result: list[Span] = []
    for index, span in enumerate(spans):
        following = spans[index + 1] if index + 1 < len(spans) else None
        body_start = _body_before(text, span)
        covered = bool(result) and result[-1].stop > (body_start or 0)  # «МИД» was marked
        if (
            body_start is not None
            and not covered
            and not _title_of(text, body_start, span, following)
        ):
            result.append(Span(body_start, span.stop, "organisation"))
        result.append(span)
    return result


def body_nominative(word: str) -> str | None:
    """The nominative of a body's word in any case, or None when it is none."""
    match = _BODY.fullmatch(word)
    if match is None:
        return None
    stem = next(group for group in match.groups() if group)
    return _NOMINATIVE[stem.casefold()]


def _body_before(text: str, span: Span) -> int | None:
    """Where a body's word right before `span` starts, if one is there."""
    if span.kind == "person" or span.bracketed or not text[span.start : span.start + 1].isupper():
        return None
    match = _WORD_BEFORE.search(text, max(0, span.start - 20), span.start)
    if match is None or body_nominative(match.group(1)) is None:
        return None
    return match.start(1)


def _title_of(text: str, body_start: int, span: Span, following: Span | None) -> bool:
    """Whether a post comes before the body and a person's name right after `span`."""
    person_follows = (
        following is not None
        and following.kind == "person"
        and not text[span.stop : following.start].strip()
    )
    before = text[max(0, body_start - 30) : body_start].split()
    return person_follows and bool(before) and is_description(before[-1])
