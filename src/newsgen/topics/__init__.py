"""The topics stage: names found in each article's text, made its topics."""
