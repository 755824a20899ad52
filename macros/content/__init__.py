"""The content model: taxonomy, inventory, front matter, loader, pathways, and the problems they report."""
