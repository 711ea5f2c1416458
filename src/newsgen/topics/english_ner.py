"""Finding names in English text without a model: capitalised phrases, sorted into kinds.

About 1% of a Russian archive is English. A capitalised phrase that does not begin a
sentence is a name; one that begins a sentence counts only when it is also written
elsewhere mid-sentence. Places are the world's countries as Babel names them;
organisations are acronyms and phrases with an organisation word; two or three
capitalised words are a person; a single word is a person's surname when a full name
in the article ends with it.
"""

from __future__ import annotations

import functools
import re
import zoneinfo

from babel import Locale

from newsgen.records import TopicKind
from newsgen.slugs import transliterate
from newsgen.topics.english_words import NOT_NAMES, ORGANISATION_WORDS, TITLES
from newsgen.topics.entities import Mention

# Latin letters with their accents: «Nestlé», «São Paulo», «McDonald's», «O'Brien».
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAPITALISED = rf"(?:[{_UPPER}][{_LOWER}{_UPPER}]+(?:['’][{_UPPER}][{_LOWER}]+)?|[A-Z]{{2,}})"
_CONNECTORS = ("of", "for", "the", "de", "da", "du", "van", "von")
_PHRASE = re.compile(
    rf"{_CAPITALISED}(?:(?:\s+(?:{'|'.join(_CONNECTORS)})\s+|\s+|-){_CAPITALISED})*(?:['’]s|')?"
)
# Babel lists these among territories; news writes of them as organisations.
_UNIONS = frozenset(["European Union", "United Nations", "Eurozone"])
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\"“]\s*)$")


def english_mentions(text: str) -> list[Mention]:
    """Give the name mentions in English `text`, each with its kind and offset."""
    phrases = [p for m in _PHRASE.finditer(text) for p in _names_in(m.group(0), m.start(), text)]
    found = [(phrase, start) for phrase, start in phrases if _accepted(phrase, start, text)]
    names = [_bare(phrase) for phrase, _ in found]
    full_names = [n for n in names if _kind(n, ()) == "person"]
    return [
        Mention(_kind(name, full_names), name, start)
        for name, (_, start) in zip(names, found, strict=True)
    ]


def _names_in(phrase: str, start: int, text: str) -> list[tuple[str, int]]:
    """Split «The US President Donald Trump» into the names it holds: US, Donald Trump.

    Leading function words go, and so does a sentence's capitalised first word before «of»
    («Officials of Nestlé») unless the text writes it capitalised mid-sentence too; title
    words part a country before them from a name after.
    """
    words = list(re.finditer(r"\S+", phrase))
    while words and words[0].group() in NOT_NAMES:
        words.pop(0)
    joined_by_connector = len(words) > 2 and words[1].group() in _CONNECTORS
    if joined_by_connector and _opens_sentence(start, text):
        words = words if _written_mid_sentence(words[0].group(), text) else words[2:]
    titles = [i for i, word in enumerate(words) if word.group() in TITLES]
    if not titles:
        return [_span(phrase, start, words)] if words else []
    before, after = words[: titles[0]], words[titles[-1] + 1 :]
    country = [_span(phrase, start, before)] if before else []
    country = [c for c in country if c[0] in _countries()]
    return country + ([_span(phrase, start, after)] if after else [])


def _span(phrase: str, start: int, words: list[re.Match[str]]) -> tuple[str, int]:
    return phrase[words[0].start() : words[-1].end()], start + words[0].start()


def _opens_sentence(start: int, text: str) -> bool:
    return _SENTENCE_START.search(text[max(0, start - 3) : start]) is not None


def _written_mid_sentence(word: str, text: str) -> bool:
    return re.search(rf"[a-z,]\s+{re.escape(word)}\b", text) is not None


def _accepted(phrase: str, start: int, text: str) -> bool:
    bare = _bare(phrase)
    if not _opens_sentence(start, text):
        return True
    # Opening a sentence, any word is capitalised: a single word there counts as a name when
    # it is a country, is possessive, or is written capitalised elsewhere mid-sentence.
    return (
        len(bare.split()) > 1
        or bare in _countries()
        or phrase.endswith(("'s", "'"))
        or _written_mid_sentence(bare, text)
    )


def _bare(phrase: str) -> str:
    return phrase.removesuffix("'s").removesuffix("’s").removesuffix("'")


def _kind(name: str, full_names: list[str] | tuple[str, ...]) -> TopicKind:
    words = name.split()
    if name in _UNIONS:
        return "organisation"
    if name in _countries() or transliterate(name) in _cities():
        return "place"
    if name.isupper() or ORGANISATION_WORDS & set(words):
        return "organisation"
    if 2 <= len(words) <= 3:
        return "person"
    if any(full.split()[-1] == name for full in full_names):
        return "person"
    return "organisation" if re.search(r"[a-z][A-Z]", name) else "other"


@functools.cache
def _cities() -> frozenset[str]:
    """The cities the time zone database is named by (Europe/Paris, America/New_York …),
    in lower case without accents."""
    try:
        zones = zoneinfo.available_timezones()
    except OSError:  # no time zone database on this machine: no cities
        return frozenset()
    names = {zone.rsplit("/", 1)[-1].replace("_", " ") for zone in zones if "/" in zone}
    return frozenset(transliterate(n) for n in names if not n.startswith(("GMT", "UTC")))


@functools.cache
def _countries() -> frozenset[str]:
    names = Locale("en").territories.values()
    return frozenset(names) | {"US", "USA", "UK", "Russia", "United States"}
