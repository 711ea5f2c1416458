"""Reading YAML fields as written: each value of the kind expected, or a problem with its line."""

from __future__ import annotations

import pytest
import yaml

from newsgen.errors import SourceError
from newsgen.yaml_fields import (
    Field,
    FieldProblem,
    as_bool,
    as_int,
    as_text,
    as_text_list,
    compose_mapping,
)


def value(text: str) -> yaml.Node:
    fields = compose_mapping(f"key: {text}\n", "newsgen.yaml", 1)
    assert isinstance(fields, list)
    return fields[0].node


def test_fields_carry_the_line_of_the_file_they_stand_on() -> None:
    fields = compose_mapping("title: Архив\n\nper_page: 20\n", "seeds/a.md", 2)
    assert isinstance(fields, list)
    assert [(f.key, f.line) for f in fields] == [("title", 2), ("per_page", 4)]
    assert all(isinstance(f, Field) for f in fields)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: a\ntitle: b\n", 3, "'title' is set twice (first on line 2)"),
        ("title: !!str a\n", 2, "tags are not allowed"),
        ("- a\n- b\n", 2, "expected `key: value` lines"),
        ('title: "open\n', 2, "invalid YAML: "),
    ],
    ids=["twice", "tag", "not-a-mapping", "unclosed-quote"],
)
def test_a_mapping_that_cannot_be_read_is_one_problem_with_its_line(
    text: str, line: int, message: str
) -> None:
    problem = compose_mapping(text, "seeds/a.md", 2)
    assert isinstance(problem, SourceError)
    assert (problem.path, problem.line) == ("seeds/a.md", line)
    assert problem.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "number"), [("20", 20), ("+5", 5), ("1_000", 1000)], ids=["plain", "plus", "groups"]
)
def test_whole_numbers_are_read_in_decimal(text: str, number: int) -> None:
    assert as_int(value(text)) == number


@pytest.mark.parametrize(
    "text", ["017", "1:30", "0x10", "0", "-3", "2.5", "many", "[1]"], ids=lambda t: t
)
def test_anything_but_a_decimal_whole_number_above_the_minimum_is_a_problem(text: str) -> None:
    with pytest.raises(FieldProblem, match="expected a whole number of at least 1"):
        as_int(value(text))


def test_text_is_read_as_written_never_as_another_type() -> None:
    assert as_text(value("yes")) == "yes"
    assert as_text(value("2025-11-07")) == "2025-11-07"
    assert as_text(value("'  spaced  '")) == "spaced"
    with pytest.raises(FieldProblem, match="lone surrogate U\\+D800"):
        as_text(value('"\\uD800"'))


def test_booleans_are_only_true_or_false() -> None:
    assert as_bool(value("true")) is True
    assert as_bool(value("false")) is False
    with pytest.raises(FieldProblem, match="expected true or false, found 'maybe'"):
        as_bool(value("maybe"))


def test_a_list_of_texts_takes_one_text_and_refuses_empty_items() -> None:
    assert as_text_list(value("США")) == ["США"]
    assert as_text_list(value("[США, Китай]")) == ["США", "Китай"]
    assert as_text_list(value("")) == []
    with pytest.raises(FieldProblem, match="has an empty item"):
        as_text_list(value("[США, ~]"))
