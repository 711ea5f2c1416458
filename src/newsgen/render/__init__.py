"""The render stage: pages to bytes through Jinja2."""
