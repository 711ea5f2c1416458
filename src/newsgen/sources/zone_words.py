"""The time-zone words written after a time (`14:30 PST`, `14:30 МСК`) and what they mean."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo


def _fixed(hours: int, minutes: int = 0) -> dt.timezone:
    sign = -1 if hours < 0 else 1
    return dt.timezone(dt.timedelta(hours=hours, minutes=sign * minutes))


# An abbreviation that names standard or summer time says its offset itself (`PST` is
# UTC-8 even when written in July). The times of Russia and Kazakhstan are looked up in
# the time-zone database instead: their offsets changed (Moscow kept UTC+4 in 2011-2014,
# Almaty moved from UTC+6 to UTC+5 in 2024), and `MSK` means the offset of that day.
ZONES: dict[str, dt.tzinfo] = {
    "UTC": dt.UTC,
    "GMT": dt.UTC,
    "WET": _fixed(0),
    "WEST": _fixed(1),
    "CET": _fixed(1),
    "CEST": _fixed(2),
    "EET": _fixed(2),
    "EEST": _fixed(3),
    "MSK": zoneinfo.ZoneInfo("Europe/Moscow"),
    "МСК": zoneinfo.ZoneInfo("Europe/Moscow"),
    "SAMT": zoneinfo.ZoneInfo("Europe/Samara"),
    "YEKT": zoneinfo.ZoneInfo("Asia/Yekaterinburg"),
    "OMST": zoneinfo.ZoneInfo("Asia/Omsk"),
    "KRAT": zoneinfo.ZoneInfo("Asia/Krasnoyarsk"),
    "IRKT": zoneinfo.ZoneInfo("Asia/Irkutsk"),
    "YAKT": zoneinfo.ZoneInfo("Asia/Yakutsk"),
    "VLAT": zoneinfo.ZoneInfo("Asia/Vladivostok"),
    "ALMT": zoneinfo.ZoneInfo("Asia/Almaty"),
    "EST": _fixed(-5),
    "EDT": _fixed(-4),
    "MST": _fixed(-7),
    "MDT": _fixed(-6),
    "PST": _fixed(-8),
    "PDT": _fixed(-7),
    "AKST": _fixed(-9),
    "AKDT": _fixed(-8),
    "HST": _fixed(-10),
    "JST": _fixed(9),
    "KST": _fixed(9),
    "HKT": _fixed(8),
    "AWST": _fixed(8),
    "ACST": _fixed(9, 30),
    "ACDT": _fixed(10, 30),
    "AEST": _fixed(10),
    "AEDT": _fixed(11),
    "NZST": _fixed(12),
    "NZDT": _fixed(13),
}

# Written in any case (`utc`, `мск`); the other abbreviations only in capitals, so that a
# word of text such as the French «est» is never read as a zone.
CASELESS_ZONES = frozenset({"UTC", "GMT", "MSK", "МСК"})

# Abbreviations that name several zones: guessing one would misdate the article.
AMBIGUOUS_ZONES = {
    "CST": "US Central -06:00, China +08:00 or Cuba -05:00",
    "CDT": "US Central -05:00 or Cuba -04:00",
    "IST": "India +05:30, Israel +02:00 or Ireland +01:00",
    "BST": "British summer +01:00 or Bangladesh +06:00",
    "AST": "Atlantic -04:00 or Arabia +03:00",
    "GST": "Gulf +04:00 or South Georgia -02:00",
    "SST": "Samoa -11:00 or Singapore +08:00",
    "AMT": "Amazon -04:00 or Armenia +04:00",
}

# `UTC+3`, `GMT-05:00`: an offset from UTC written after its name.
UTC_WITH_OFFSET = re.compile(r"(?i:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?")

# The names of the time zone database: `Europe/Moscow`, `America/New_York`, `EST5EDT`.
DATABASE_NAME = re.compile(
    r"[A-Z][A-Za-z_]+(?:/[A-Za-z_+-][A-Za-z0-9_+-]*)+|[A-Z]{3,5}\d[A-Z]{0,5}"
)
# A word after a time that is read as its zone, known or not: Latin capitals (`PST`,
# `NATO`), the caseless names, a name with an offset, or one of the database. Any other
# word starts the text.
ZONE_LIKE_WORD = re.compile(
    rf"[A-Z]{{2,5}}|(?i:{'|'.join(CASELESS_ZONES)})|{UTC_WITH_OFFSET.pattern}"
    rf"|{DATABASE_NAME.pattern}"
)
# Offsets in use run from -12:00 to +14:00; one further is a typing error.
_FURTHEST_OFFSET = dt.timedelta(hours=14)


def utc_with_offset(word: str) -> dt.timezone | None:
    """Give the zone of `UTC+3` or `GMT-05:00`, or None when `word` is not written so."""
    match = UTC_WITH_OFFSET.fullmatch(word)
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    offset = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset > _FURTHEST_OFFSET:
        raise ValueError(f"{word} is further from UTC than any zone")
    return dt.timezone(-offset if sign == "-" else offset)


def database_zone(word: str) -> zoneinfo.ZoneInfo | None:
    """Give the zone the time zone database names `word` (`Europe/Moscow`), if it does."""
    if DATABASE_NAME.fullmatch(word) is None:
        return None
    try:
        return zoneinfo.ZoneInfo(word)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
