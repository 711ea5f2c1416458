"""The search index: Pagefind over the article pages, in parts."""
