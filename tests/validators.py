"""The third-party validators the tests run, installed by `make test` from npm.

- the W3C Nu HTML checker (`vnu-jar`), run on the system's Java;
- the sitemaps.org XML schema (shipped in the `sitemap` package), applied with lxml.

Without one of them a test is skipped with a message, except in CI (`CI=true`), where a
missing tool is a failure: CI cannot pass without running them.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from lxml import etree
from sitetools import REPO

NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
SITEMAP_XSD = NODE_MODULES / "sitemap/schema/sitemap.xsd"
# Google's news extension, written from its documentation (no package ships the file).
NEWS_XSD = Path(__file__).parent / "schemas/sitemap-news.xsd"


def tool_or_skip(path: Path, what: str) -> Path:
    """`path`, or skip (fail in CI) saying how to get it."""
    if path.is_file():
        return path
    message = f"{what} is missing ({path}): run `make test`, which installs it with npm"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run the validators)")
    pytest.skip(message)


def java_or_skip() -> str:
    java = shutil.which("java")
    if java is not None:
        return java
    message = "no Java runtime (apt install default-jre-headless) for the Nu HTML checker"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run the validators)")
    pytest.skip(message)


def nu_html_messages(folders: Sequence[Path]) -> list[str]:
    """Every error and warning of the Nu HTML checker on the HTML files under `folders`,
    as `file:line: message`."""
    java = java_or_skip()
    jar = tool_or_skip(VNU_JAR, "the Nu HTML checker (npm vnu-jar)")
    command = [java, "-jar", str(jar), "--skip-non-html", "--format", "json", *map(str, folders)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    found = json.loads(run.stderr or '{"messages": []}')["messages"]
    if run.returncode not in (0, 1) or (run.returncode == 1 and not found):
        raise AssertionError(f"the checker failed ({run.returncode}): {run.stderr[:2000]}")
    return [_said(message) for message in found]


def _said(message: dict[str, object]) -> str:
    where = str(message.get("url", "")).removeprefix("file:")
    return f"{where}:{message.get('lastLine', '?')}: {message.get('type')}: {message['message']}"


@functools.cache
def sitemap_schema() -> etree.XMLSchema:
    """The sitemaps.org schema of a `<urlset>`."""
    xsd = tool_or_skip(SITEMAP_XSD, "the sitemaps.org schema (npm sitemap)")
    return etree.XMLSchema(etree.parse(str(xsd)))


@functools.cache
def news_sitemap_schema() -> etree.XMLSchema:
    """The sitemaps.org schema of a `<urlset>` with Google's news extension in its URLs."""
    xsd = tool_or_skip(SITEMAP_XSD, "the sitemaps.org schema (npm sitemap)")
    both = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9"
                  schemaLocation="{xsd.as_uri()}"/>
      <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9"
                  schemaLocation="{NEWS_XSD.as_uri()}"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(both.encode()))


def schema_errors(schema: etree.XMLSchema, path: Path) -> list[str]:
    """What `schema` finds wrong in the XML file at `path`, as `file:line: message`."""
    document = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(document):
        return []
    return [f"{path}:{error.line}: {error.message}" for error in schema.error_log]
