"""UI strings of the pages, one module per group of pages: ``key: (arabic, english)``.

Written, not translated: each Arabic string is what an Egyptian government office would print,
and each English one what a British clerk would say. Keys starting with ``js.`` also reach the
page's JavaScript.
"""
