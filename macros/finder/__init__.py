"""The resource finder: its prebuilt lunr index, its facets, and the search that runs on them."""
