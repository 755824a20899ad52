"""Tools for editors: the new-resource scaffold, the front matter schema and field documentation."""
