"""The web pages made from the catalogue: listings, coverage, feed, citations, health, theme repairs, CSP."""
