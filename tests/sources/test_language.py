"""Guessing an article's language from its letters."""

from __future__ import annotations

import pytest

from newsgen.sources.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Казахстан стал первой страной.", "ru"),
        ("Kazakhstan became the first country.", "en"),
        ("Агентство Kazinform сообщает о переговорах.", "ru"),
        ("The Kremlin (Кремль) said on Tuesday that talks would resume.", "en"),
        ("США и NATO", "ru"),
        ("", "en"),
        ("2025 — 17 000 000 $", "en"),
        ("Die Opposition kritisierte am Montag den Haushalt der Bundesregierung.", "de"),
        ("Le gouvernement a présenté mardi les mesures pour les agriculteurs.", "fr"),
        ("El gobierno presentó el martes las medidas para los agricultores.", "es"),
        ("Уряд України ухвалив рішення про підтримку експорту.", "uk"),
        ("Қазақстан Республикасының Үкіметі жаңа бағдарламаны бекітті.", "kk"),
        ("В Киеве (Київ) прошли переговоры о поставках зерна.", "ru"),
    ],
    ids=[
        "russian",
        "english",
        "russian-with-latin-name",
        "english-with-cyrillic-word",
        "tie-goes-to-russian",
        "empty",
        "no-letters",
        "german",
        "french",
        "spanish",
        "ukrainian",
        "kazakh",
        "russian-quoting-a-ukrainian-name",
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = "Казахстан стал первой страной. " * 200 + "English text follows. " * 1000
    assert detect_language(text) == "ru"
