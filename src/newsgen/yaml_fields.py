"""Reading YAML mappings as typed fields with line numbers (front matter and newsgen.yaml).

We compose YAML into nodes instead of loading it to Python values, so a title written
as `yes` or `1984` stays the text that was written, and every problem has its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from newsgen.characters import describe_character, find_control_character
from newsgen.errors import SourceError

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_OPENED_CONTEXTS = ("while scanning", "while parsing a flow")


_DECIMAL = re.compile(r"\+?(?:0|[1-9][0-9_]*)")


class FieldProblem(ValueError):
    """A field holds a value of the wrong kind; the message names what was expected."""


@dataclass(frozen=True)
class Field:
    """One `key: value` of a mapping, with the file line the value stands on."""

    key: str
    node: yaml.Node
    line: int


class _TagWritten(Exception):
    """An explicit tag (`!!str`, `!foo`, `!!python/object`) stands at `mark`."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


class _UntaggedLoader(yaml.SafeLoader):
    """A loader that stops at the first explicit tag.

    Composing never runs a tag, but `title: !!python/object/apply:os.system …` is a mistake
    or an attack: reading it as the text after the tag would hide either.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        if getattr(event, "tag", None) is not None:
            raise _TagWritten(event.start_mark)
        return super().compose_node(parent, index)


def compose_mapping(text: str, path: str, first_line: int) -> list[Field] | SourceError:
    """Give the top-level fields of a YAML mapping; `first_line` is the text's line in file."""
    try:
        root = yaml.compose(text, Loader=_UntaggedLoader)
    except _TagWritten as tag:
        line = _line_of(text, tag.mark)
        line_text = text.split("\n")[line]
        return SourceError(path, first_line + line, "tags are not allowed", line_text)
    except yaml.MarkedYAMLError as exc:
        return _syntax_error(exc, text, path, first_line)
    except yaml.YAMLError as exc:
        return SourceError(path, first_line, f"invalid YAML: {exc}")
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        return SourceError(path, first_line, "expected `key: value` lines")
    fields = [
        Field(str(key.value), value, first_line + _line_of(text, key.start_mark))
        for key, value in root.value
    ]
    return _duplicate_key(fields, path) or fields


def _line_of(text: str, mark: yaml.Mark) -> int:
    """The line of `text` (counted by newlines, as the file's are) where `mark` stands.

    YAML counts other line breaks too (U+2028, U+0085, a lone CR), so its `mark.line` can
    point past the file's line.
    """
    return text.count("\n", 0, mark.index)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    message = f"invalid YAML: {exc.problem or exc.context}"
    # An unclosed quote or bracket is found where the text ends: point at where it opens.
    if exc.problem and exc.context_mark and (exc.context or "").startswith(_OPENED_CONTEXTS):
        mark = exc.context_mark
        message += f" {exc.context}"
    return SourceError(path, first_line + (_line_of(text, mark) if mark else 0), message)


def _duplicate_key(fields: list[Field], path: str) -> SourceError | None:
    """A key given twice would silently lose its first value: report the second."""
    first_lines: dict[str, int] = {}
    for item in fields:
        if item.key in first_lines:
            message = f"{item.key!r} is set twice (first on line {first_lines[item.key]})"
            return SourceError(path, item.line, message)
        first_lines[item.key] = item.line
    return None


def is_null(node: yaml.Node) -> bool:
    """Whether the value was left empty (`key:`) or written as `null`/`~`."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def as_text(node: yaml.Node) -> str:
    """Give a scalar exactly as written: `title: yes` is the text `yes`, never `True`."""
    if not isinstance(node, yaml.ScalarNode):
        raise FieldProblem("expected text, found a list or mapping")
    control = find_control_character(str(node.value))
    if control is not None:
        raise FieldProblem(f"holds the {describe_character(control)}")
    return str(node.value).strip()


def as_bool(node: yaml.Node) -> bool:
    """Give a YAML boolean (`true`/`false`); anything else is a problem."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG:
        return str(node.value).lower() in ("true", "yes", "on")
    raise FieldProblem(f"expected true or false, found {_shown(node)}")


def as_int(node: yaml.Node, minimum: int = 1) -> int:
    """Give a whole number of at least `minimum`."""
    written = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    # Decimal only: YAML 1.1 reads `017` as octal 15 and `1:30` as 90, which nobody means.
    if node.tag == _INT_TAG and _DECIMAL.fullmatch(written) and int(written) >= minimum:
        return int(written)
    raise FieldProblem(f"expected a whole number of at least {minimum}, found {_shown(node)}")


def as_text_list(node: yaml.Node) -> list[str]:
    """Give a list of texts; one text alone is a list of one."""
    if isinstance(node, yaml.ScalarNode):
        return [as_text(node)] if not is_null(node) and as_text(node) else []
    if isinstance(node, yaml.SequenceNode):
        if any(is_null(item) for item in node.value):
            raise FieldProblem("has an empty item (`null`, `~` or nothing after `-`)")
        return [as_text(item) for item in node.value]
    raise FieldProblem("expected a list of texts, found a mapping")


def as_text_mapping(node: yaml.Node) -> dict[str, list[str]]:
    """Give a mapping of texts to lists of texts (`США: [Соединенные Штаты, Штаты]`)."""
    if not isinstance(node, yaml.MappingNode):
        raise FieldProblem(f"expected `name: [variants]` lines, found {_shown(node)}")
    return {as_text(key): as_text_list(value) for key, value in node.value}


def as_plain(node: yaml.Node) -> Any:
    """Give a value of any shape as plain data: texts as written, lists, and mappings with
    text keys (what `extra:` holds for a theme); an empty value is None."""
    if isinstance(node, yaml.MappingNode):
        return {as_text(key): as_plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_plain(item) for item in node.value]
    return None if is_null(node) else as_text(node)


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return repr(str(node.value))
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
