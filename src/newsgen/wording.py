"""How newsgen's own messages (in English) count things."""

from __future__ import annotations


def counted(number: int, thing: str) -> str:
    """`1 article`, `2 articles`: a number and the thing counted, in English."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"
