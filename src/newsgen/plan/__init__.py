"""The plan stage: every page of the site, its path, template and context."""
