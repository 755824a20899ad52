"""The checks on every page's text: links, images, headings, pasted debris, site pages, and safety."""
