"""`newsgen serve`: the preview server, the watcher and the rebuilds."""
