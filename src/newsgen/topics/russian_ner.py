"""Finding people, places and organisations in Russian text with natasha's models.

natasha ships its NER model and word embeddings inside its package; we load them with
slovnet and navec directly rather than through `import natasha`, which imports the
unmaintained pymorphy2 (it fails on Python 3.12+), and run the model with `ner_model`,
which finds slovnet's spans in less than half its time. Names are put in their dictionary
form with pymorphy3 (`russian_names`), which is far cheaper than tagging every word.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from newsgen.records import TopicKind
from newsgen.topics.bodies import body_nominative, with_bodies
from newsgen.topics.entities import Mention
from newsgen.topics.names import surname_stem
from newsgen.topics.people import of_surname
from newsgen.topics.places_missed import places_missed
from newsgen.topics.russian_names import ADJECTIVE_TAGS, is_known, nominative_name, readings
from newsgen.topics.span_rules import Span, cleaned, names_one_subject

NER_KINDS: dict[str, TopicKind] = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_WORD = re.compile(r"[\w-]+")
_PREPOSITIONS = frozenset(
    {
        "в", "во", "на", "из", "изо", "до", "от", "у", "около", "возле", "близ", "к", "ко",
        "по", "о", "об", "при", "под", "над", "за", "перед", "с", "со", "для", "без", "после",
        "через",
    }
)  # fmt: skip
# What introduces a source of what is told, right before its name: «сообщает Reuters»,
# «передаёт ТАСС», «по данным Росстата», «со ссылкой на Bloomberg», «пишет «Коммерсант»».
_CITING = re.compile(
    r"(?i:сообща\w*|переда[её]\w*|пиш\w*|цитиру\w*|информиру\w*|по данным|по сообщению|"
    r"по информации|со ссылкой на|как сообщил\w*(?: в)?|сообщил\w* в|агентств\w*|издани\w*)"
    r"[\s«\"]*\Z"
)
_CAPITALISED = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
# Readings that make a word a name: a person's, a place's, an organisation's, a brand's.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
_BATCH = 16


class RussianNer:
    """natasha's news NER model with pymorphy3; load once per process (about a second)."""

    def __init__(self) -> None:
        import pymorphy3

        from newsgen.topics.ner_model import NerModel, news_tagger

        data = natasha_data_folder()
        # slovnet loads the model; newsgen runs it, faster, to the same spans (ner_model).
        self._model = NerModel(news_tagger(data, _BATCH))
        self._analyzer = pymorphy3.MorphAnalyzer()
        self._first_names = frozenset((data / "dict" / "first.txt").read_text("utf-8").split())
        # Names recur across an archive: each written form is put in dictionary form once.
        self._name = functools.lru_cache(maxsize=100_000)(self._name_of)

    def mentions(self, texts: Sequence[str]) -> Iterator[list[Mention]]:
        """Yield the name mentions of each text, in order, tagging texts in batches."""
        for text, found in zip(texts, self._model.spans(texts), strict=True):
            spans = cleaned(text, [Span(s.start, s.stop, NER_KINDS[s.type]) for s in found])
            spans = with_bodies(text, [s for s in spans if not self._common_word(text, s)])
            yield self._mentions(text, spans)

    def _mentions(self, text: str, spans: list[Span]) -> list[Mention]:
        """Each name's mention; a name in brackets after another may be its second name."""
        found: list[Mention] = []
        previous: tuple[Span, Mention] | None = None
        joined = self._joined(text, spans)
        for span in joined:
            mention = self._mention(text, span)
            if previous and self._defines(text, previous, span, mention):
                mention = replace(mention, same_as=previous[1].name)
            found.append(mention)
            previous = (span, mention)
        found = _surnames_as_written(text, joined, found)
        missed = self._surnames_missed(text, joined, found)
        inner = [replace(self._mention(text, s), inside=True) for s in _absorbed(spans, joined)]
        return found + missed + inner + places_missed(text, joined, self._analyzer)

    def _surnames_missed(self, text: str, spans: list[Span], found: list[Mention]) -> list[Mention]:
        """The surnames of people named in full that the model did not mark elsewhere
        («Виктор Понедельник … Понедельник выразил»): a reader takes them for the person.

        A word starting a sentence that the dictionary knows only as a common word
        («Понедельник был тяжёлым») is not taken.
        """
        surnames = {surname_stem(surname): surname for surname in _full_name_surnames(found)}
        covered = [(span.start, span.stop) for span in spans]
        beginnings = {stem[:3] for stem in surnames}  # most words are passed over by these
        missed = []
        for word in _CAPITALISED.finditer(text) if surnames else ():
            if word.group()[:3].casefold() not in beginnings:
                continue
            surname = of_surname(surnames, word.group())
            if surname is None or any(a <= word.start() < b for a, b in covered):
                continue
            if _starts_sentence(text, word.start()) and self._is_common(word.group()):
                continue
            missed.append(Mention("person", surname, word.start()))
        return missed

    def _is_common(self, word: str) -> bool:
        known = is_known(self._analyzer, word)
        return known and all(not _PROPER & p.tag.grammemes for p in readings(self._analyzer, word))

    def _defines(
        self, text: str, previous: tuple[Span, Mention], span: Span, mention: Mention
    ) -> bool:
        """Whether `span` is a bracketed second name of the name just before it."""
        before, named = previous
        return (
            span.bracketed
            and text[before.stop : span.start].strip(' «»"„“”') == "("
            and names_one_subject(named.name, mention.name)
        )

    def _joined(self, text: str, spans: list[Span]) -> list[Span]:
        """Join an organisation and the genitive name right after it: «МИД» + «России».

        The model often tags «Национальный банк Казахстана» as an organisation and a
        place; the organisation is the whole phrase. (Counting the place as named too
        found more of the places annotators mark in real news, but made places of
        passing «МИД России» on the synthetic corpus: not done.)
        """
        joined: list[Span] = []
        for span in spans:
            previous = joined[-1] if joined else None
            if (
                previous
                and previous.kind == "organisation"
                and not span.bracketed
                and self._continues(text, previous, span)
            ):
                joined[-1] = Span(previous.start, span.stop, "organisation", previous.bracketed)
            else:
                joined.append(span)
        return joined

    def _continues(self, text: str, first: Span, second: Span) -> bool:
        if second.kind == "person" or text[first.stop : second.start] != " ":
            return False
        word = _WORD.findall(text[second.start : second.stop])[:1]
        return bool(word) and (word[0].isupper() or self._may_be_genitive(word[0]))

    def _may_be_genitive(self, word: str) -> bool:
        return any(str(p.tag.case) == "gent" for p in readings(self._analyzer, word))

    def _common_word(self, text: str, span: Span) -> bool:
        """Whether the model took a common word for a name: a sentence's first word
        («Новость, …», «Лет через пять…»), an adjective alone («Большого»), or anything
        with a digit for a person («Формулы-1»).

        A one-word person the dictionary knows, but never as a living being, is none;
        nor is a word at the start of a sentence that the dictionary knows only as a
        common word and the text writes in lower case elsewhere («… 10 лет»). «Сбербанк»
        and «Кремль», common words to the dictionary, are never written so.
        """
        words = text[span.start : span.stop].split()
        if span.kind == "person" and any(c.isdigit() for c in text[span.start : span.stop]):
            return True  # a race or a product («Формулы-1»), not a person
        if len(words) != 1:
            return False
        parses = readings(self._analyzer, words[0])
        known = is_known(self._analyzer, words[0])
        if known and all(p.tag.POS in ADJECTIVE_TAGS for p in parses):
            return True
        if span.kind == "person" and known and all("anim" not in p.tag for p in parses):
            return True
        return (
            _starts_sentence(text, span.start)
            and self._is_common(words[0])
            and f" {words[0].lower()}" in text
        )

    def _name_of(self, words: tuple[str, ...], kind: TopicKind, after_preposition: bool) -> str:
        body = body_nominative(words[0]) if kind == "organisation" else None
        if body:  # «правительства России» → «Правительство России»: the place stays as written
            return " ".join([body[0].upper() + body[1:], *words[1:]])
        return nominative_name(words, kind, self._analyzer, self._first_names, after_preposition)

    def _mention(self, text: str, span: Span) -> Mention:
        # Split on spaces only, so that «AT&T» and «Procter & Gamble» keep their signs.
        words = tuple(text[span.start : span.stop].split())
        name = self._name(words, span.kind, _after_preposition(text, span.start))
        before = text[max(0, span.start - 40) : span.start]
        cites = span.kind == "organisation" and bool(_CITING.search(before))
        return Mention(span.kind, name, span.start, cites=cites)


def _absorbed(spans: list[Span], joined: list[Span]) -> list[Span]:
    """The places that joining made part of an organisation's name («МИД [России]»)."""
    kept = set(joined)
    return [span for span in spans if span.kind == "place" and span not in kept]


def _surnames_as_written(text: str, spans: list[Span], found: list[Mention]) -> list[Mention]:
    """A lone surname written as a person named in full writes it is that surname, not a
    form of another word: «Марко Росси … Росси отметил» (the dictionary reads «Росси» as
    a case of «Росся»)."""
    surnames = {surname.casefold(): surname for surname in _full_name_surnames(found)}
    return [
        replace(m, name=surnames[written])
        if m.kind == "person" and (written := text[span.start : span.stop].casefold()) in surnames
        else m
        for span, m in zip(spans, found, strict=True)
    ]


def _full_name_surnames(found: list[Mention]) -> list[str]:
    """The surnames, as written, of the people named in full among `found`."""
    return [m.name.split()[-1] for m in found if m.kind == "person" and " " in m.name]


def _after_preposition(text: str, start: int) -> bool:
    """Whether the word at `start` follows a preposition («в Ньюпорте», «из Бенрата»)."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].casefold() in _PREPOSITIONS


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` begins the text, a paragraph or a sentence."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?…\n"


def natasha_data_folder() -> Path:
    """The folder of natasha's bundled models, found without importing natasha."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("natasha is not installed: pip install natasha")
    return Path(next(iter(spec.submodule_search_locations))) / "data"
