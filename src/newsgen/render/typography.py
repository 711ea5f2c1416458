"""Russian typography for the words a page shows, applied when it is rendered.

A line must not end on a one- or two-letter word («в», «на», «и»), part a number from its
unit («395 МВт», «17 млрд»), split initials from their surname («В. В. Путин») or begin
with a dash. The spaces that would allow it become no-break spaces (U+00A0). Only text is
changed, before it is escaped: never markup, addresses or the data pages give machines
(descriptions, JSON-LD, feeds, sitemaps), and never the sources.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

NO_BREAK = "\u00a0"

# Each rule says, around a space, when the space must not break; all are tried in one
# pass over the text, each only where a space stands (the pattern starts with it).
_TEXT_AFTER = r"(?=[\w«„\"(])"
# Units and abbreviations a number goes with.
_UNITS = (
    "тыс|млн|млрд|трлн|руб|долл|евро|коп|км|м|см|мм|га|кг|г|т|л|мл|"
    "Вт|кВт|МВт|ГВт|кВт·ч|МВт·ч|°C|°|%|лет|год|года|году|годах|гг|в|век|века|веке|час|ч|мин|с|"
    r"млн\.|млрд\.|тыс\.|руб\.|долл\.|г\.|гг\.|в\.|чел|человек"
)
_RULES = (
    r"(?=[—–] )",  # before a dash
    r"(?<=[A-ZА-ЯЁ]\. )(?<![\w.][A-ZА-ЯЁ]\. )(?=[A-ZА-ЯЁ])",  # after an initial: «В. Путин»
    r"(?<=[№§] )(?=\d)",  # after № or §
    rf"(?<=\d )(?=(?:{_UNITS})(?!\w))",  # between a number and its unit: «395 МВт»
    # After a word of one or two letters standing alone (not the end of a longer word or
    # of a hyphenated one), before more text: «в Москве», «на днях», «и вот».
    rf"(?<=\w )(?<![\w\-.]\w ){_TEXT_AFTER}",
    rf"(?<=\w\w )(?<![\w\-.]\w\w ){_TEXT_AFTER}",
)
_ANY_RULE = re.compile(" (?:" + "|".join(_RULES) + ")")


@functools.lru_cache(maxsize=65536)  # headlines and summaries recur on many pages
def typeset(text: str, lang: str = "ru") -> str:
    """`text` with no-break spaces where Russian typography wants them (a text in another
    language is given as it is)."""
    if lang != "ru" or " " not in text:
        return text
    return _ANY_RULE.sub(NO_BREAK, text)


# Elements whose text is code or already spaced as meant: left as written.
_VERBATIM = frozenset({"pre", "code", "kbd", "samp", "var", "script", "style", "textarea"})


def typeset_html(fragment: str, lang: str = "ru") -> str:
    """`typeset` applied to the text of an HTML fragment (a sanitised Markdown body): tags,
    attributes and the text of code are given back as they were."""
    if lang != "ru":
        return fragment
    typesetter = _HtmlText()
    typesetter.feed(fragment)
    typesetter.close()
    return "".join(typesetter.out)


class _HtmlText(HTMLParser):
    """Copies HTML, passing the text outside code through `typeset`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.verbatim = 0  # how deep inside code-like elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in _VERBATIM:
            self.verbatim += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in _VERBATIM and self.verbatim:
            self.verbatim -= 1

    def handle_data(self, data: str) -> None:
        text = data if self.verbatim else typeset(data)
        self.out.append(html.escape(text, quote=False))
