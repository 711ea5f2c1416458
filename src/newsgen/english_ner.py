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

from babel import Locale

from newsgen.entities import Mention
from newsgen.records import TopicKind

_CAPITALISED = r"(?:[A-Z][a-zA-Z]+|[A-Z]{2,})"
_PHRASE = re.compile(rf"{_CAPITALISED}(?:(?:\s+(?:of|for|the)\s+|\s+|-){_CAPITALISED})*(?:'s|')?")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\"“]\s*)$")
_ORGANISATION_WORDS = frozenset(
    [
        "Bank",
        "Fund",
        "Ministry",
        "Council",
        "Union",
        "Organization",
        "Organisation",
        "Agency",
        "Company",
        "Corporation",
        "Group",
        "Committee",
        "Service",
        "Commission",
        "Parliament",
        "Government",
        "Party",
        "Association",
        "Institute",
        "University",
        "Forum",
        "Court",
        "Office",
        "Reuters",
        "Bloomberg",
        "News",
        "Times",
        "Post",
        "Airlines",
        "Railways",
        "Exchange",
        "Bureau",
        "Authority",
    ]
)
# Words that start sentences without being names: function words, common openers.
_NOT_NAMES = frozenset(
    [
        "A",
        "About",
        "According",
        "After",
        "Again",
        "All",
        "Also",
        "Although",
        "An",
        "And",
        "Another",
        "Any",
        "As",
        "At",
        "Because",
        "Before",
        "Both",
        "But",
        "By",
        "Can",
        "Despite",
        "Details",
        "During",
        "Each",
        "Earlier",
        "Either",
        "Every",
        "Experts",
        "First",
        "For",
        "From",
        "Further",
        "He",
        "Her",
        "Here",
        "His",
        "However",
        "I",
        "If",
        "In",
        "Instead",
        "It",
        "Its",
        "Last",
        "Later",
        "Leaders",
        "Local",
        "Many",
        "Meanwhile",
        "Moreover",
        "Most",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "My",
        "Next",
        "No",
        "None",
        "Not",
        "Now",
        "Observers",
        "Of",
        "Officials",
        "On",
        "One",
        "Only",
        "Or",
        "Other",
        "Our",
        "Over",
        "Several",
        "She",
        "Since",
        "So",
        "Some",
        "Still",
        "Such",
        "That",
        "The",
        "Their",
        "Then",
        "There",
        "These",
        "They",
        "This",
        "Those",
        "Three",
        "Through",
        "To",
        "Two",
        "Under",
        "Until",
        "We",
        "What",
        "When",
        "Where",
        "Whether",
        "Which",
        "While",
        "Who",
        "Why",
        "With",
        "Within",
        "Without",
        "Yet",
        "You",
        "Analysts",
        "Both",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def english_mentions(text: str) -> list[Mention]:
    """Give the name mentions in English `text`, each with its kind and offset."""
    found = [m for m in _PHRASE.finditer(text) if _accepted(m.group(0), m.start(), text)]
    names = [_bare(m.group(0)) for m in found]
    full_names = [n for n in names if _kind(n, ()) == "person"]
    return [Mention(_kind(n, full_names), n, m.start()) for n, m in zip(names, found, strict=True)]


def _accepted(phrase: str, start: int, text: str) -> bool:
    bare = _bare(phrase)
    if bare.split()[0] in _NOT_NAMES:
        return False
    if not _SENTENCE_START.search(text[max(0, start - 3) : start]):
        return True
    # Opening a sentence, any word is capitalised: a single word there counts as a name when
    # it is a country, is possessive, or is written capitalised elsewhere mid-sentence.
    return (
        len(bare.split()) > 1
        or bare in _countries()
        or phrase.endswith(("'s", "'"))
        or re.search(rf"[a-z,]\s+{re.escape(bare)}\b", text) is not None
    )


def _bare(phrase: str) -> str:
    return phrase.removesuffix("'s").removesuffix("'")


def _kind(name: str, full_names: list[str] | tuple[str, ...]) -> TopicKind:
    words = name.split()
    if name in _countries():
        return "place"
    if name.isupper() or _ORGANISATION_WORDS & set(words):
        return "organisation"
    if 2 <= len(words) <= 3:
        return "person"
    if any(full.split()[-1] == name for full in full_names):
        return "person"
    return "organisation" if re.search(r"[a-z][A-Z]", name) else "other"


@functools.cache
def _countries() -> frozenset[str]:
    names = Locale("en").territories.values()
    return frozenset(names) | {"US", "USA", "UK", "Russia", "United States"}
