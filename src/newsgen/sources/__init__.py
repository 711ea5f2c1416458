"""The load stage: source files to `Article` records and the problems found."""
