"""`newsgen serve`: the preview server, the watcher and the rebuilds."""

from newsgen.serve.server import ServeOptions, print_line, serve_site

__all__ = ["ServeOptions", "print_line", "serve_site"]
