"""newsgen: a static site generator for archives of dated news files."""

__version__ = "0.1.0"
