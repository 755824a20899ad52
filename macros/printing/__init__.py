"""PDFs: the print templates and stylesheet, rendering with WeasyPrint, the cache, and what a PDF may fetch."""
