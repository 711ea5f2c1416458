"""The render stage: pages to bytes through Jinja2, and the keys of what they are made from."""

from newsgen.render.jinja import static_dirs, template_dirs
from newsgen.render.page_keys import PageKeys, render_salt
from newsgen.render.pool import render_pages

__all__ = ["PageKeys", "render_pages", "render_salt", "static_dirs", "template_dirs"]
