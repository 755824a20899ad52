"""How a page's Markdown becomes HTML: the site's Markdown settings, the library's extension, the sanitiser."""
